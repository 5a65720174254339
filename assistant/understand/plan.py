"""The typed plan of a question: what understanding hands to the scope check and the answerers.

A `Plan` holds the question as asked and as normalised, everything understanding read in it (subjects,
projects, measure, year, operation, conditions, people, ordinals, quoted names, the cue groups it uses), and
its logical form: ordered `Step`s, each one operation from a closed set (`Op`) over `Target`s that name catalogue
entries, with `Condition`s, a step using earlier steps' results by index. This is the tradition of FinQA programs
and TAPAS's aggregation + conditions: the program is the explanation, execution is deterministic.

Everything is plain data: `to_json()` gives a JSON-ready dict and `Plan.from_json` reads it back, so the plan
is printed by `python -m assistant explain`, returned in the answer JSON and logged with the route.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from assistant.understand.cue_reader import cues_in
from assistant.understand.lexicon import Match


class Op(StrEnum):
    """The closed set of operations a step can be."""

    LOOKUP = "lookup"  # a stated figure or table field
    PRIOR_YEAR = "prior_year"  # last year's figure from this year's and the change
    CHANGE = "change"  # the change on last year
    SHARE = "share"  # part ÷ whole
    RATIO = "ratio"  # how many times one figure is another
    DIFFERENCE = "difference"  # a − b
    SUM = "sum"
    COMPLEMENT = "complement"  # a total less the parts named
    AVERAGE = "average"
    PER_UNIT = "per_unit"  # an amount or count divided by a count
    BUDGET = "budget"  # the budget a completion rate implies
    COUNT = "count"
    MAX = "max"
    MIN = "min"
    NTH = "nth"  # a place in a ranking
    ORDER = "order"  # every member in order of the value ("从高到低怎么排")
    ALL = "all"  # whether every member meets the conditions, and the ones that do not ("都是满分吗")
    ANY = "any"  # whether any member meets the conditions, and which ("有没有设成本指标")
    FILTER = "filter"  # the members of a collection that meet the conditions
    LIST = "list"  # the members of a collection (parts, rows, items of a numbered list)
    REASON = "reason"  # a stated reason
    DEFINE = "define"  # a stated definition or use
    PASSAGE = "passage"  # the report's own sentences
    REFUSE = "refuse"  # what the report cannot hold
    CLARIFY = "clarify"  # too vague to answer: ask back


@dataclass(frozen=True)
class Target:
    """Something a step works on, named as the catalogue names it.

    kind: fact (a subject's figure) | project (a project table) | indicator (a row of one) | collection (the
    projects, the parts of a total …) | list (a numbered list of a section) | person | section | text | found
    (what the step named by `Step.inputs` found: the winner of a ranking, the members a filter kept)."""

    kind: str
    name: str
    measure: str = ""  # a fact's measure (决算数, 占比 …) or a table field (年初预算, leader …)
    year: int = 0
    options: tuple[str, ...] = ()  # a mention that may name several entries
    report: str = ""  # the report it belongs to; empty = the report being asked

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Target:
        return cls(**{**data, "options": tuple(data.get("options", ()))})


@dataclass(frozen=True)
class Condition:
    """A filter on a field, TAPAS-style: field, comparator, value ("年初预算 = 0", "执行率 < 100")."""

    field: str
    comparator: str  # = != < > contains
    value: str
    said: str = ""  # as the question says it ("年初预算等于0", "低于")
    unit: str = ""  # the value's unit as said ("%", "分", "万元")

    @property
    def limit(self) -> Decimal:
        return Decimal(self.value)

    def holds(self, value: Decimal) -> bool:
        try:
            limit = Decimal(self.value)
        except InvalidOperation:
            return False
        return {
            "=": value == limit,
            "!=": value != limit,
            "<": value < limit,
            ">": value > limit,
            ">=": value >= limit,
        }.get(self.comparator, False)

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Condition:
        return cls(**data)


@dataclass(frozen=True)
class Claim:
    """A claim about one figure asked yes or no ("用了一半预算没", "翻倍了吗"): the measure it is about,
    the bound in percent, how the figure must stand to it, and which way a change goes. The answer says the
    verdict in words with the worked comparison."""

    measure: str  # 预算完成率 | 比上年增减率 | 占比 | "" (the one rate the answer states)
    comparator: str  # > | >= | <
    bound: str  # in percent ("50", "100", "33.33")
    label: str  # the bound as people say it ("一半", "三成", "一倍", "90%")
    said: str  # the words of the question that make the claim
    direction: str = ""  # a change: up | down
    gap_only: bool = False  # "离100%还差几个百分点": only the gap to the bound is asked, no verdict

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        return cls(**data)


@dataclass(frozen=True)
class Step:
    """One operation over targets; `inputs` are the indices of earlier steps whose results it uses."""

    op: Op
    targets: tuple[Target, ...] = ()
    conditions: tuple[Condition, ...] = ()
    inputs: tuple[int, ...] = ()
    rank: int = 0  # nth: the place asked
    per: str = ""  # per_unit: the unit divided by ("辆", "人次")
    note: str = ""  # refuse / clarify: what is missing or what to ask
    part: int = 0  # the ask of a compound question it belongs to (its index in `Plan.parts`)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": str(self.op),
            "targets": [t.to_json() for t in self.targets],
            "conditions": [c.to_json() for c in self.conditions],
            "inputs": list(self.inputs),
            "rank": self.rank,
            "per": self.per,
            "note": self.note,
            "part": self.part,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        return cls(
            op=Op(data["op"]),
            targets=tuple(Target.from_json(t) for t in data.get("targets", ())),
            conditions=tuple(Condition.from_json(c) for c in data.get("conditions", ())),
            inputs=tuple(data.get("inputs", ())),
            rank=data.get("rank", 0),
            per=data.get("per", ""),
            note=data.get("note", ""),
            part=data.get("part", 0),
        )


@dataclass(frozen=True)
class Plan:
    """A question read completely. Fields left empty are filled from the conversation by follow-up resolution."""

    text: str  # the normalised question
    question: str = ""  # the question as asked (after the guard)
    rest: str = ""  # the question with the subject/project names blanked out
    intent: str = "other"  # figure | reason | derived | define | list | project | other
    subjects: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    ambiguous: tuple[tuple[str, ...], ...] = ()  # subject mentions that name several subjects
    measure: str = ""  # 决算数 | 预算完成率 | 比上年增减额 | 比上年增减率 | 占比 | 数量
    unit_hint: str = ""
    project_field: str = ""
    fields: tuple[str, ...] = ()  # every project-table field asked, one per clause, in order
    measures: tuple[str, ...] = ()  # several measures listed of one subject ("决算数、完成率和降幅"), in order
    operation: str = ""  # sum | difference | share | max | min | avg | filter
    year: int = 0
    years: tuple[int, ...] = ()
    wants_rate: bool = False
    elliptical: bool = False  # reads as a follow-up ("那 2022 年呢？")
    joined_previous: bool = False  # "Y呢？两项合计": one ask, the previous subject and Y summed
    all_projects: bool = False  # asks across every project ("哪个项目执行率最高")
    rank: int = 0  # a position in a max/min ranking ("第二个呢" → 2); 0 = the extreme itself
    quoted: tuple[str, ...] = ()  # names the user put in quotes (normalising drops the quote marks)
    matches: tuple[Match, ...] = ()
    # What understanding read beyond the names (a later stage never re-reads the question for these):
    cues: tuple[str, ...] = ()  # the cue groups of cues.toml the question uses anywhere
    cues_in_rest: tuple[str, ...] = ()  # … and outside the names it recognised
    people: tuple[str, ...] = ()  # people of the project tables named, longest first
    conditions: tuple[Condition, ...] = ()  # conditions on project-table fields ("年初预算为 0")
    condition_target: str = ""  # the field aggregated over the tables the conditions pick
    threshold: Condition | None = None  # a bound on the measure asked ("低于 100%")
    filled_field: str = ""  # a text cell asked to be filled ("存在问题不是无"): problems | improvements
    ordinal: int = 0  # a place in a numbered list ("第二项职责" → 2)
    ordinal_word: str = ""  # its measure word ("项", "条")
    count_word: str = ""  # a list's length asked in ("几项" → "项")
    per: str = ""  # the unit an amount is divided by ("平均每辆" → "辆", "人均" → "")
    count_asked: str = ""  # a count asked in a unit ("几辆" → "辆")
    clauses: tuple[tuple[str, bool], ...] = ()  # the question's clauses, and whether each asks a figure
    asked_what: tuple[str, ...] = ()  # the words after 什么/啥 ("什么品牌" → 品牌)
    unheld: tuple[str, ...] = ()  # what is asked that no report of this kind holds (personal data, judgements)
    other_bodies: tuple[str, ...] = ()  # other public bodies named
    unknown_projects: tuple[str, ...] = ()  # "…项目" phrases the report has no table for
    dated_years: tuple[int, ...] = ()  # years written with a month ("2022年8月": a date, not a year asked)
    text_without_people: str = ""  # the text with the tables' people and field conditions blanked
    everyday: tuple[str, ...] = ()  # everyday words read as catalogue names ("租写字楼→办公用房租赁")
    everyday_options: tuple[tuple[str, ...], ...] = ()  # the names an ambiguous everyday word may mean (to clarify)
    # Aggregates over a catalogue collection, TAPAS-style (an operation over a column of the members' values):
    collection: str = ""  # what it ranges over: "projects", "level:项", "level:类", "parts:三公经费", "indicators:<p>"
    attribute: str = ""  # the value compared over the members ("执行数", "预算完成率", "权重")
    aggregate: str = ""  # max | min | nth | sum | avg | count | filter | list
    filters: tuple[Condition, ...] = ()  # conditions on the members ("执行数 > 100 万元", "得分 < 权重")
    groups: tuple[str, ...] = ()  # indicator rows aggregated group by group ("数量、质量、时效指标的权重各合计")
    whole: str = ""  # a share's whole when the question names it ("占三公经费的比例")
    claim: str = ""  # a sum the question says and asks to check ("加总等于495.68吗" → "495.68")
    verdict: Claim | None = None  # a claim about one figure asked yes or no ("过半了吗", "翻了一倍没有")
    # A template text section asked in everyday words (section_asks.py): duties | units | assets | glossary |
    # existence, and what is asked of it (list | count | nth | member | by_use | by_kind | define | exists).
    section: str = ""
    section_ops: tuple[str, ...] = ()
    figure_said: str = ""  # an amount given to find what states it ("15952.21万元对应哪个科目" → "15952.21")
    found: int = -1  # an ask about what an earlier ask of the same question found: that ask's index in `parts`
    parts: tuple[Plan, ...] = ()  # a compound question's asks, each read completely, in order
    steps: tuple[Step, ...] = ()
    status: str = "answer"  # answer | refuse | clarify
    previous: Plan | None = field(default=None, compare=False)  # the previous turn's plan, for a follow-up

    @property
    def named(self) -> tuple[str, ...]:
        """Every subject the question names, the ambiguous mentions included."""
        return self.subjects + tuple(s for group in self.ambiguous for s in group if s not in self.subjects)

    def says(self, cue: str) -> bool:
        """The question uses the cue anywhere (names included)."""
        return cue in self.cues

    def asks(self, cue: str) -> bool:
        """The question uses the cue outside the names it recognised (预算 in 一般公共预算 does not count)."""
        return cue in self.cues_in_rest

    def with_(self, **changes: object) -> Plan:
        """A changed copy; a changed text is read for cues again (its names' rest is kept)."""
        if "text" in changes and "cues" not in changes:
            matches = changes.get("matches", self.matches)
            changes["cues"] = cues_in(str(changes["text"]), [m.start for m in matches])  # type: ignore[attr-defined]
        return replace(self, **changes)

    def to_json(self, depth: int = 1) -> dict[str, Any]:
        """A JSON-ready dict; the previous turn's plan is kept one level deep."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "steps":
                out[f.name] = [s.to_json() for s in value]
            elif f.name == "matches":
                out[f.name] = [_plain(m) for m in value]
            elif f.name == "previous":
                out[f.name] = value.to_json(depth - 1) if value is not None and depth > 0 else None
            elif f.name == "parts":
                out[f.name] = [p.to_json(0) for p in value]
            elif f.name in ("threshold", "verdict"):
                out[f.name] = value.to_json() if value is not None else None
            else:
                out[f.name] = _plain_value(value)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "steps":
                value = tuple(Step.from_json(s) for s in value)
            elif f.name == "matches":
                value = tuple(Match(**{**m, "targets": tuple(m["targets"])}) for m in value)
            elif f.name == "previous":
                value = cls.from_json(value) if value else None
            elif f.name == "parts":
                value = tuple(cls.from_json(p) for p in value)
            elif f.name == "threshold":
                value = Condition.from_json(value) if value else None
            elif f.name == "verdict":
                value = Claim.from_json(value) if value else None
            elif f.name in ("conditions", "filters"):
                value = tuple(Condition.from_json(c) for c in value)
            elif f.name == "clauses":
                value = tuple((text, bool(figure)) for text, figure in value)
            elif f.name in ("ambiguous", "everyday_options"):
                value = tuple(tuple(group) for group in value)
            elif isinstance(value, list):
                value = tuple(value)
            values[f.name] = value
        return cls(**values)


def _plain(record: Any) -> dict[str, Any]:
    return {f.name: _plain_value(getattr(record, f.name)) for f in fields(record)}


def _plain_value(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain_value(v) for v in value]
    if hasattr(value, "to_json"):
        return value.to_json()
    return value
