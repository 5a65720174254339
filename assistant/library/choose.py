"""Choosing the report(s) a question is about: the bodies and years it names, else the report selected (the UI's
picker, `report` in `/api/ask`, a widget pinned to one body), else the conversation; across bodies or years when
it asks so; and a question back (`clarify`) when it names no body and the library holds several.

    "2022年的三公经费"            → that body's 2022 report (or its 2023 report, which states 2022's figures)
    "成都市数据局的三公经费"        → 成都市数据资源管理中心's report (a short name, see names.py)
    "近三年公务用车费用的走势"      → the body's newest three reports          (mode "years")
    "和2022年决算比"              → the selected report and the body's 2022 report
    "各单位里谁的人员经费最少"      → one report per body, of one year            (mode "bodies")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.library.names import BodyNames, Mention
from assistant.library.vocabulary import vocabulary
from assistant.understand.asked import dated_years
from assistant.understand.normalize import cn_number, fold
from index.library_store import LibraryEntry

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
MAX_YEARS = 10  # reports of one body compared at most (the newest)


@dataclass(frozen=True)
class Choice:
    mode: str  # single | years | bodies | clarify
    reports: tuple[LibraryEntry, ...] = ()  # years: oldest first; bodies: one per body, in library order
    question: str = ""  # the question as the chosen report should read it
    body: str = ""  # the body asked about (single, years)
    year: int = 0  # the year compared (bodies)
    candidates: tuple[LibraryEntry, ...] = ()  # clarify: one report per body it may be
    reason: str = ""  # why this choice, for the log and `explain`
    mention: str = ""  # clarify: the words that may name several bodies ("数据局"), as the question says them
    missing: tuple[int, ...] = ()  # single: years named that no report of the body covers
    held: tuple[int, ...] = ()  # single: the years the body's reports cover


class Chooser:
    """Built once per state of the library (its entries); `choose` only reads."""

    def __init__(self, entries: Sequence[LibraryEntry]) -> None:
        self.entries = list(entries)
        self.by_id = {e.id: e for e in self.entries}
        self.by_body: dict[str, list[LibraryEntry]] = {}
        for entry in sorted(self.entries, key=lambda e: (e.year, e.id)):
            self.by_body.setdefault(entry.body, []).append(entry)
        self.names = BodyNames(self.by_body)
        self.words = vocabulary()

    def newest(self, body: str) -> LibraryEntry:
        return self.by_body[body][-1]

    def choose(
        self,
        question: str,
        selected: str | None = None,
        body: str | None = None,
        history: Sequence[dict] | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> Choice:
        """`known(text)` says whether the selected report itself uses a name (a project or a committee of its own,
        "省大数据标准化技术委员会"): such a name is no guess at another body."""
        text = fold(question)
        mentions = self.names.find(question)
        if known is not None:
            mentions = [m for m in mentions if m.exact or not known(m.text)]
        chosen = self.by_id.get(selected or "")
        if chosen is not None:  # a name that may be several bodies, the selected one among them, is the selected one
            mentions = [replace(m, bodies=(chosen.body,)) if chosen.body in m.bodies else m for m in mentions]
        named = list(dict.fromkeys(b for m in mentions if len(m.bodies) == 1 for b in m.bodies))
        unclear = [m for m in mentions if len(m.bodies) > 1]
        years = _years(question)
        if body is not None:  # a widget pinned to one body answers from that body's reports only
            pinned = self.by_body.get(body)
            if not pinned:
                return Choice("clarify", reason=f"pinned body {body!r} is not in the library")
            return self._one_body(question, text, body, years, chosen if chosen in pinned else None, [])
        if len(named) >= 2 or (self.words.across_bodies.search(text) and len(self.by_body) >= 2 and not named):
            across = self._bodies(question, named, years)
            if across is not None:
                return across
        if unclear and not named:
            bodies = list(dict.fromkeys(b for m in unclear for b in m.bodies))
            said = question[unclear[0].start : unclear[0].end] if fold(question) == text else unclear[0].text
            return self._clarify(bodies, f"“{unclear[0].text}” may be {len(bodies)} bodies", said)
        context = named[0] if named else (chosen.body if chosen else self._body_of(history))
        if context is None and len(self.by_body) == 1:
            context = next(iter(self.by_body))
        if context is None:
            return self._clarify(list(self.by_body), "no body named, none selected")
        guessed = [m for m in mentions if not m.exact and m.bodies == (context,)]
        own = chosen if chosen and chosen.body == context else None
        return self._one_body(question, text, context, years, own, guessed)

    # ------------------------------------------------------------------ one body: a report, or its years
    def _one_body(
        self,
        question: str,
        text: str,
        body: str,
        years: list[int],
        chosen: LibraryEntry | None,
        guessed: list[Mention],
    ) -> Choice:
        reports = self.by_body[body]
        held = {e.year: e for e in reports}
        base = chosen or reports[-1]
        rewritten = _rewrite(question, guessed, body)
        over = self._years_asked(text, years, held, base)
        if len(over) >= 2:
            return Choice("years", tuple(held[y] for y in over), rewritten, body, reason="years asked")
        for year in years:
            if year in held:
                return Choice("single", (held[year],), rewritten, body, reason=f"year {year} named")
            if year + 1 in held:  # the next year's report states this year's figures as 上年
                return Choice("single", (held[year + 1],), rewritten, body, reason=f"{year + 1} states {year}")
        missing = tuple(y for y in years if y not in held and y + 1 not in held)
        reason = "selected" if chosen else "newest of the body"
        return Choice("single", (base,), rewritten, body, reason=reason, missing=missing, held=tuple(sorted(held)))

    def _years_asked(self, text: str, years: list[int], held: dict[int, LibraryEntry], base: LibraryEntry) -> list[int]:
        """The years of the body's reports a question compares, oldest first ([] when it asks one report)."""
        named = sorted({y for y in years if y in held})
        if len(named) >= 2:
            return named
        compare = self.words.compare_year.search(text)
        if compare and int(compare.group("year")) in held and int(compare.group("year")) != base.year:
            return sorted({int(compare.group("year")), base.year})
        if not self.words.across_years.search(text):
            return []
        count = self.words.years_count.search(text)
        n = _count(count.group("n")) if count else MAX_YEARS
        upto = [y for y in sorted(held) if y <= base.year]  # the years up to the report asked …
        newest = upto if len(upto) >= 2 else sorted(held)  # … unless it is the body's first: then all of them
        return newest[-min(n, MAX_YEARS) :]

    # ------------------------------------------------------------------ several bodies
    def _bodies(self, question: str, named: list[str], years: list[int]) -> Choice | None:
        """One report per body, all of one year: the year named, else the year most of the bodies share."""
        bodies = named if len(named) >= 2 else list(self.by_body)
        held = {b: {e.year: e for e in self.by_body[b]} for b in bodies}
        if years:
            year = years[0]
        else:  # the year most bodies have a report of (a year only a few have published yet is not it); ties: newest
            counts = {y: sum(1 for h in held.values() if y in h) for h in held.values() for y in h}
            year = max(counts, key=lambda y: (counts[y], y))
        reports = tuple(held[b][year] for b in bodies if year in held[b])
        if len(reports) < 2:
            return None
        return Choice("bodies", reports, question, year=year, reason=f"{len(reports)} bodies of {year}")

    def _clarify(self, bodies: list[str], reason: str, mention: str = "") -> Choice:
        return Choice("clarify", candidates=tuple(self.newest(b) for b in bodies), reason=reason, mention=mention)

    def _body_of(self, history: Sequence[dict] | None) -> str | None:
        """The body the conversation was about: the latest user turn that names exactly one."""
        for turn in reversed(list(history or [])):
            if not isinstance(turn, dict) or turn.get("role") != "user":
                continue
            content = turn.get("content")
            bodies = {b for m in self.names.find(str(content or "")) for b in m.bodies}
            if len(bodies) == 1:
                return next(iter(bodies))
        return None


def _years(question: str) -> list[int]:
    dated = set(dated_years(question))
    return [int(m.group(1)) for m in YEAR.finditer(question) if int(m.group(1)) not in dated]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else cn_number(word) if word != "两" else 2


def _rewrite(question: str, guessed: list[Mention], body: str) -> str:
    """A body named by a guess ("成都市数据局") is written as the report names itself, so the report reads the
    question as about itself (its scope check refuses bodies it does not know)."""
    if not guessed:
        return question
    text = fold(question)
    for mention in sorted(guessed, key=lambda m: -m.start):
        text = text[: mention.start] + body + text[mention.end :]
    return text
