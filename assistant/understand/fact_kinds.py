"""The kinds of a project's own facts a question asks for in everyday words ("拿了啥奖", "研究出啥", "哪天终验",
"访谈做了几期", "办公的地方有多大"), read from `fact_kinds.toml`: one kind per clause of the question, with what
a clause of the table must state to answer it (a date, an award, a count in the unit asked)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold

DATA = Path(__file__).with_name("fact_kinds.toml")
ASKED_UNIT = CUES.cue("asked_unit")
UNITS = re.search(r"\((人次\|[^)]*)\)", CUES.source("asked_unit")).group(1)  # type: ignore[union-attr]
COUNT = "count"
SIZE = "size"
PERSON = "人"
GENERIC = "个"  # the measure word of anything counted: "多少家企业" is answered in 个, "几个" in 项 or 类


@dataclass(frozen=True)
class FactAsk:
    """One clause's ask: its kind, the units a count is asked in, and the words that said so (not content)."""

    kind: str
    units: tuple[str, ...] = ()
    cue: str = ""  # the matched words, which name nothing the answer must cover


@dataclass(frozen=True)
class Kinds:
    asked: tuple[tuple[str, re.Pattern[str]], ...]
    stated: dict[str, re.Pattern[str]]
    size_asked: re.Pattern[str]
    size_units: tuple[str, ...]
    filler: re.Pattern[str]
    template_text: re.Pattern[str]
    stated_count: re.Pattern[str]
    countable: frozenset[str]
    alike: tuple[frozenset[str], ...] = ()  # units that count the same things (occasions, people)

    def same_count(self, asked: tuple[str, ...], unit: str) -> bool:
        """A figure in `unit` counts what a count asked in `asked` counts (次 and 期, 人 and 名)."""
        return any(set(asked) <= group and unit in group for group in self.alike)

    def read(self, clause: str) -> FactAsk | None:
        """The kind a clause of a question asks, or None when it asks none of them."""
        text = fold(clause)
        # A count in a unit first: "出了几份研究成果" asks how many, not what came of it.
        units = [m.group(1) for m in ASKED_UNIT.finditer(text)]
        size = self.size_asked.search(text)
        if size:
            return FactAsk(SIZE, self.size_units, size.group())
        if units:  # "几个人": people counted, not things
            units = [PERSON if u == GENERIC and m.end() < len(text) and text[m.end()] == PERSON else u
                     for u, m in zip(units, ASKED_UNIT.finditer(text), strict=True)]  # fmt: skip
            return FactAsk(COUNT, tuple(dict.fromkeys(units)), ASKED_UNIT.search(text).group())  # type: ignore[union-attr]
        for name, pattern in self.asked:
            found = pattern.search(text)
            if found:  # a kind may mark its cue words (?P<cue>…): the rest of the match names what is asked
                said = found.group("cue") if "cue" in pattern.groupindex and found.group("cue") else found.group()
                return FactAsk(name, cue=said)
        return None

    def states(self, ask: FactAsk, text: str, unit: str = "") -> bool:
        """A clause (or a row: its name and unit) states what the ask needs: a date, an award, a count in the
        unit asked (a count of 人 is answered in 人 or 人次, never in %)."""
        flat = fold(text)
        if ask.kind not in (COUNT, SIZE):
            return bool(self.stated[ask.kind].search(flat))
        stated = {m.group(1) for m in self.stated_count.finditer(flat)}
        row_unit = fold(unit).strip().lstrip("万亿千百")
        if row_unit:
            stated.add(row_unit)
        if any(u in flat or u == row_unit for u in self.size_units if u in ask.units):
            return bool(re.search(r"\d", flat + row_unit))
        things = set(ask.units) <= self.countable
        return any(
            s == a
            or s.startswith(a)
            or (row_unit and a in flat)
            or (things and GENERIC in (a, s) and s in self.countable)
            or self.same_count(ask.units, s)
            for a in ask.units
            for s in stated
        )


@cache
def kinds() -> Kinds:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    asked = tuple((k["name"], re.compile(k["asked"])) for k in data["kind"] if k["asked"])
    stated = {k["name"]: re.compile(k["stated"]) for k in data["kind"] if k["stated"]}
    size = data["size"]
    filler, template = re.compile(data["filler"]["words"]), re.compile(data["template_text"]["pattern"])
    count = re.compile(data["stated_count"]["pattern"] + f"({UNITS})")
    countable = frozenset(data["countable"]["units"])
    alike = tuple(frozenset(group) for group in data["alike"]["groups"])
    sized = re.compile(size["asked"]), tuple(size["units"])
    return Kinds(asked, stated, *sized, filler, template, count, countable, alike)


def fact_asks(clauses: list[str]) -> list[FactAsk | None]:
    return [kinds().read(c) for c in clauses]


def asks_fact(text: str) -> bool:
    """Some clause of the question asks a project's own fact (a follow-up then asks it of the same project, not
    the figure the turn before asked)."""
    return any(kinds().read(c) for c in re.split(r"[？?。；;！!，,]", text) if c.strip())
