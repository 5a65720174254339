"""Project names as people shorten them: the characters they keep, in the name's order.

People cut a long project name down to the characters that tell it apart and keep their order: 标准委 for
省大数据标准化技术委员会运行及标准制定, 工程审批系统 for 四川省工程建设项目审批管理系统运维服务项目, 中台项目 for
城市运行数据中台建设项目, 12345 for the hotline's table. The lexicon finds a name only by its contiguous pieces;
this finds a run of the question whose characters are, in order, characters of one project's name.

A run is scored against each name by the characters it shares with it in order (the longest common subsequence),
each weighted by how rare it is among the report's project names (项, 目, 服, 务 are in every name and say nothing;
委, 台, 批 single one out). The best name is taken when its score clears the threshold and leads the next by the
margin (calibrated on data: project_aliases.toml, written by `python -m evals calibrate-aliases`); two names
within the margin name nothing and are offered for a clarifying question, never picked by order. A run the
report's own prose uses more than once as a word of its own ("数据中台" in the duties) names a project only when
the question says it means one (项目, 系统, 平台 after it), as the lexicon's cut-out words do.
"""

from __future__ import annotations

import logging
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.understand.cues import CUES
from assistant.understand.equal_totals import section_text
from assistant.understand.lexicon import Match
from assistant.understand.normalize import fold
from corpus import Report

log = logging.getLogger(__name__)

PARAMS_FILE = Path(__file__).with_name("project_aliases.toml")
TABLE_PHRASE = re.compile(r"[\u4e00-\u9fff]+")  # words only: no figure ("100万元"), and no 的 inside
SPLITS = re.compile(r"[、，,；;]")
NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
PLACE_END = re.compile(r"(?:自治区|省|市|区|县)")  # where a place ends inside a body's name
MIN_BODY = 4  # a body's name without its places keeps at least this much ("发展中心" alone is too little)
ORG_NAME = CUES.cue("org_name")
# "项目", "那个项目", "系统" after a run: the question means a project.
PROJECT_SAID = re.compile(f"(?:的|那个|这个)?(?P<what>{'|'.join(map(re.escape, CUES.words('project_said')))})")
TABLE_WORD = 3  # a table's own phrase this long, at least, names its project (two characters name too much)
TABLE_REACH = 8  # how far before "项目" such a phrase may start
MIN_KEPT = 2  # an abbreviation keeps at least two characters of the name
JOINED = re.compile(r"(?:的)?(?:和|与|跟|同|及|以及|、|,|，|还有|对比|相比|比)(?:的)?")  # two names side by side
ROW_LEAD_MIN = 4  # a phrase rows begin with names their table only this long, at least ("省政府网站")
ROW_LEAD_ROWS = 2  # … and begun by this many of its rows
STRAY = 3  # at most one character in this many of a run may fall outside the name's order (微博微信 for 微信、微博)


@dataclass(frozen=True)
class AliasParams:
    threshold: float = 3.0  # the score (summed rarity of the characters kept) a run must reach
    margin: float = 1.0  # … and its lead over the next name


@dataclass(frozen=True)
class AliasHit:
    """A run of the folded question and the project it names (or the names it might, when ambiguous)."""

    start: int
    end: int
    said: str
    project: str  # "" when ambiguous or below the threshold
    score: float
    options: tuple[str, ...] = ()


def load_params(path: Path = PARAMS_FILE) -> AliasParams:
    if not path.exists():
        return AliasParams()
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("decision", {})
    return AliasParams(**{k: float(v) for k, v in data.items() if k in AliasParams.__dataclass_fields__})


def _own_body_names(body: str) -> list[str]:
    """The report's body as people write it: whole, or without the places before it ("青岚市临溪区大数据发展中心" is
    also "临溪区大数据发展中心" and "大数据发展中心"), longest first."""
    if not body:
        return []
    cuts = [m.end() for m in PLACE_END.finditer(body) if len(body) - m.end() >= MIN_BODY]
    return [body] + [body[c:] for c in cuts]


class ProjectAliases:
    """The report's project names, each char weighted by its rarity among them."""

    def __init__(
        self, report: Report, params: AliasParams | None = None, said_as: dict[str, set[str]] | None = None
    ) -> None:
        self.params = params or load_params()
        self.names = [p.name for p in report.projects]
        self.bodies = _own_body_names(fold(report.body).replace(" ", ""))  # never a project's short name
        self.own_body = re.compile("|".join(map(re.escape, self.bodies))) if self.bodies else None
        # How a name is written into a question: its longest alias (the lexicon's) with no mark that splits asks
        # ("省政府政务微信、微博运营项目" would read as two asks at its 、).
        self.written = {n: _written(n, said_as or {}) for n in self.names}
        self.folded = [fold(n).replace(" ", "") for n in self.names]
        count = len(self.folded)
        df: dict[str, int] = {}
        for name in self.folded:
            for char in set(name):
                df[char] = df.get(char, 0) + 1
        # Rarity among the names, on one scale for any number of projects: a character in every name weighs 0,
        # one in a single name 1.
        top = math.log((count + 0.5) / 1.5) or 1.0
        self.weight = {c: max(0.0, math.log((count + 0.5) / (n + 0.5)) / top) for c, n in sorted(df.items())}
        tables = {p.section_id for p in report.projects}
        # Each project's indicator row names: a phrase several rows of one table begin with names its subject.
        self.row_names = [[re.sub(r"\s", "", fold(r.name)) for r in p.indicators] for p in report.projects]
        # Each project's own table, as one run of text (a word only its table uses is a weak name for it).
        self.tables = [re.sub(r"\s", "", fold(section_text(report, p.section_id))) for p in report.projects]
        self.prose = re.sub(r"\s", "", fold("".join(s.text for s in report.sections if s.id not in tables)))

    def score(self, run: str, name: str) -> float:
        """The rarity-weighted characters `run` shares with `name` in order; 0 when too few are kept or too many
        of the run's characters fall outside the name's order."""
        kept = common_in_order(run, name)
        if len(kept) < MIN_KEPT or (len(run) - len(kept)) * STRAY > len(run):
            return 0.0
        return round(sum(self.weight.get(c, 0.0) for c in kept), 4)

    def _quotes_prose(self, text: str, start: int, end: int) -> bool:
        """The run, with the question's character before or after it, is a phrase of the report's prose: the
        question quotes the prose ("数据资源平台" of the duties), and a name cut from it is no project's."""
        wider = [text[start - 1 : end]] if start > 0 else []
        wider += [text[start : end + 1]] if end < len(text) else []
        return any(NAME_CHAR.match(w[0]) and NAME_CHAR.match(w[-1]) and w in self.prose for w in wider)

    def _ranked(self, run: str) -> list[tuple[float, int]]:
        """Every name's score for a run, best first (ties in report order, never decided by it: see `find`)."""
        return sorted(((self.score(run, n), i) for i, n in enumerate(self.folded)), key=lambda s: (-s[0], s[1]))

    def runs(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> list[tuple[int, int]]:
        """Maximal runs of the question, outside the lexicon's matches, made of characters of some one name."""
        blank = [False] * len(text)
        for match in taken:
            blank[match.start : match.end] = [True] * (match.end - match.start)
        for body in ORG_NAME.finditer(text):  # another public body's name is read as a body, never as a project
            blank[body.start() : body.end()] = [True] * (body.end() - body.start())
        for own in self.own_body.finditer(text) if self.own_body else ():
            blank[own.start() : own.end()] = [True] * (own.end() - own.start())  # "临溪区…中心三公经费"
        out: set[tuple[int, int]] = set()
        for name in self.folded:
            chars = set(name)
            i = 0
            while i < len(text):
                if blank[i] or text[i] not in chars or not NAME_CHAR.match(text[i]):
                    i += 1
                    continue
                j = i
                while j < len(text) and not blank[j] and text[j] in chars and NAME_CHAR.match(text[j]):
                    j += 1
                if j - i >= MIN_KEPT:
                    out.add((i, j))
                i = j
        return sorted(out)

    def find(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> AliasHit | None:
        """The project a run of the question names by its kept characters, the best run first; None when no run
        scores. An ambiguous run comes back with `options` and no project."""
        if not self.folded or any(m.kind == "project" for m in taken):
            return None
        best: AliasHit | None = None
        for start, end in self.runs(text, taken):
            hit = self._judged(text, start, end)
            if hit is not None and (best is None or hit.score > best.score):
                best = hit
        return best

    def companion(self, text: str, taken: list[Match] | tuple[Match, ...]) -> AliasHit | None:
        """ "一体化平台和12345热线": a second project named by its kept characters, joined by a conjunction to a project
        the lexicon found. Only a run right across the conjunction counts (a run elsewhere in the question is
        more often a word about the project found than another project)."""
        projects = [m for m in taken if m.kind == "project"]
        if not self.folded or not projects:
            return None
        found = {t for m in projects for t in m.targets}
        best: AliasHit | None = None
        for start, end in self.runs(text, taken):
            joined = any(
                self._joins(text[end : m.start], m) or self._joins_after(text[m.end : start], m) for m in projects
            )
            hit = self._judged(text, start, end) if joined else None
            if hit is None or not hit.project or hit.project in found:
                continue
            if best is None or hit.score > best.score:
                best = hit
        return best

    def _joins(self, gap: str, match: Match) -> bool:
        """The text between a run and a project found after it is a conjunction (after the word saying a project
        is meant, "标准委项目和"), then perhaps more of that project's own name the lexicon left out ("和12345热线":
        12345 is the hotline's)."""
        said = PROJECT_SAID.match(gap)
        gap = gap[said.end() :] if said else gap
        conj = JOINED.match(gap)
        if conj is None:
            return False
        names = self._chars_of(match)
        return all(c in names for c in gap[conj.end() :])

    def _joins_after(self, gap: str, match: Match) -> bool:
        """The text between a project found and a run after it: more of that project's name the lexicon left out,
        the word saying a project is meant, then a conjunction ("审批|系统那个项目和|标准委")."""
        names = self._chars_of(match)
        i = 0
        while i < len(gap) and gap[i] in names:
            i += 1
        said = PROJECT_SAID.match(gap, i)
        return JOINED.fullmatch(gap[said.end() if said else i :]) is not None

    def _chars_of(self, match: Match) -> set[str]:
        return {c for i, n in enumerate(self.names) if n in match.targets for c in self.folded[i]}

    def _judged(self, text: str, start: int, end: int) -> AliasHit | None:
        """What one run names: a project, the names it may mean (ambiguous), or None (too little, or prose)."""
        p = self.params
        run = text[start:end]
        said = PROJECT_SAID.match(text[end:])
        scores = self._ranked(run)
        if said is not None and scores[0][0] < p.threshold:
            # "中台那个项目": too little said alone; the word that says a project is meant is part of the name
            # when the name has it ("中台项目"), and only then.
            scores = self._ranked(run + said.group("what"))
        top, index = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if top < p.threshold:
            return None
        if self._quotes_prose(text, start, end) or (said is not None and run + said.group(0) in self.prose):
            return None  # the prose's own phrase ("数据资源平台"), not a project's short name
        if self.prose.count(run) > 1 and said is None:
            return None  # the report's own word for something else ("省政府"), unless a project is meant
        if top - second < p.margin:
            near = tuple(self.names[i] for s, i in scores if s >= p.threshold and s >= top - p.margin)
            return AliasHit(start, end, run, "", top, near if len(near) >= 2 else ())
        return AliasHit(start, end, run, self.names[index], top)

    def by_table_words(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> AliasHit | None:
        """ "场所码那个项目": a phrase of the question that only one project's table uses (never another table, never
        the prose), said right before the word that says a project is meant, names that project. A weak name, so
        only so: every such phrase must point at the same project, and at least TABLE_WORD characters long."""
        if not self.tables or any(m.kind == "project" for m in taken):
            return None
        blank = {i for m in taken for i in range(m.start, m.end)}
        found: list[tuple[int, int, int]] = []
        for said in PROJECT_SAID.finditer(text):
            end = said.start()  # the phrase is said right before the word for a project
            for start in range(max(0, end - TABLE_REACH), end - TABLE_WORD + 1):
                phrase = text[start:end]
                if any(i in blank for i in range(start, end)) or not TABLE_PHRASE.fullmatch(phrase) or "的" in phrase:
                    continue
                owners = [i for i, t in enumerate(self.tables) if phrase in t]
                if len(owners) == 1 and phrase not in self.prose:
                    found.append((start, end, owners[0]))
        if not found:
            return None
        projects = {i for _, _, i in found}
        start, end, index = min(found, key=lambda f: (f[0], -f[1]))
        if len(projects) > 1:
            return AliasHit(start, end, text[start:end], "", 0.0, tuple(self.names[i] for i in sorted(projects)))
        end = max(e for s_, e, _ in found if s_ == start)
        return AliasHit(start, end, text[start:end], self.names[index], 0.0)

    def by_row_lead(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> AliasHit | None:
        """ "省政府网站一年搞了几次访谈": a phrase that at least ROW_LEAD_ROWS indicator rows of one table begin with
        (省政府网站在线访谈期数, 省政府网站正常稳定天数 …), and no row of another table holds, is what that table is
        about: it names the project."""
        if not self.row_names or any(m.kind == "project" for m in taken):
            return None
        best: tuple[int, int, int] | None = None
        for start, end in self.runs(text, taken):
            for stop in range(end, start + ROW_LEAD_MIN - 1, -1):
                phrase = text[start:stop]
                leads = [sum(r.startswith(phrase) for r in rows) for rows in self.row_names]
                owners = [i for i, n in enumerate(leads) if n >= ROW_LEAD_ROWS]
                held = [i for i, rows in enumerate(self.row_names) if any(phrase in r for r in rows)]
                if len(owners) == 1 and held == owners:
                    if best is None or stop - start > best[1] - best[0]:
                        best = (start, stop, owners[0])
                    break
        if best is None:
            return None
        start, end, index = best
        return AliasHit(start, end, text[start:end], self.names[index], 0.0)

    def rewrite(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> tuple[str, AliasHit | None]:
        """The question with a run that names one project written as that project's name."""
        hit = self.find(text, taken)
        if hit is None or (not hit.project and not hit.options):
            hit = self.by_table_words(text, taken) or hit
        if hit is None or (not hit.project and not hit.options):
            hit = self.by_row_lead(text, taken) or hit
        if hit is None or not hit.project:
            return text, hit
        log.info("shortened name %r names project %s (%.2f)", hit.said, hit.project, hit.score)
        return text[: hit.start] + self.written[hit.project] + text[hit.end :], hit


def common_in_order(a: str, b: str) -> str:
    """The longest common subsequence of two short strings (hand-written: difflib finds blocks, not this)."""
    rows = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                rows[i][j] = a[i] + rows[i + 1][j + 1]
            else:
                down, right = rows[i + 1][j], rows[i][j + 1]
                rows[i][j] = down if len(down) >= len(right) else right
    return rows[0][0]


def _written(name: str, said_as: dict[str, set[str]]) -> str:
    """The name as a question may carry it: folded, or its longest alias naming it alone without 、 or ，."""
    folded = fold(name)
    if not SPLITS.search(folded):
        return folded
    own = [a for a, names in said_as.items() if names == {name} and not SPLITS.search(a)]
    return max(own, key=lambda a: (len(a), a)) if own else SPLITS.sub("", folded)
