"""The members of a catalogue collection with one value each: the column an aggregate runs over.

A collection's members come from the catalogue ("projects", "level:项", "level:类", "parts:三公经费",
"indicators:<project>"); each member's value of the asked attribute comes from the fact table (a subject's
决算数 or 预算完成率, a table's 执行数) or from an indicator row's cells (权重, 得分, 完成值). Every value keeps
what the calculator and the citations need: an operand with its fact id, and the span that states it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute, count, format_number
from assistant.calculator.checks import operand
from assistant.compose.wording import show
from assistant.evidence.spans import Span, one_line
from assistant.records import Check, Operand
from assistant.understand.collections import parts_source
from assistant.understand.plan import Plan
from corpus import Fact, IndicatorRow, ProjectTable

ROW_VALUES = ("权重", "得分", "完成值", "指标值")
MINUS = "−"  # a column worked out as one value less another (understand.collections)
RATES = ("预算完成率", "占比", "比上年增减率", "执行率")
PEOPLE = {"leader": "项目负责人", "finance_leader": "财务负责人"}
PEOPLE_COUNT = "负责的项目数"


@dataclass(frozen=True)
class Member:
    """One member of a collection and its value of the asked attribute."""

    kind: str  # fact | project | indicator
    name: str  # a subject, a project, or an indicator row's name
    shown_name: str  # as an answer says it
    value: Decimal | None  # None: a row judged in words ("好"), counted and listed but never compared
    shown: str  # the value as the report prints it, with its unit ("768.12 万元", "100%", "20 分")
    operand: Operand
    span: Span | None
    fact: Fact | None = None
    owner: str = ""  # an indicator row's project
    row: IndicatorRow | None = None
    check: Check | None = None  # the calculation behind a value the report does not state (a part's share)


@dataclass(frozen=True)
class Column:
    """A collection read for one attribute: what it is called, and its members with a value, in report order."""

    collection: str
    attribute: str
    label: str  # how an answer names the collection ("12 个绩效自评项目")
    kind: str  # facts | projects | indicators
    members: tuple[Member, ...]
    size: int  # members of the collection, with or without a value
    names: tuple[str, ...] = ()  # every member's name, with or without a value
    tables: tuple[str, ...] = ()  # the project tables the members come from, when the label counts them
    tables: tuple[str, ...] = ()  # the project tables the members come from, when the label counts them


class Columns:
    """Reads collections for the aggregate executor (built once per report)."""

    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self.catalogue = kit.catalogue

    def column(self, collection: str, attribute: str, named: Sequence[str] = ()) -> Column | None:
        if collection == "named":  # the subjects a question names, compared with each other
            return self._facts(collection, attribute, list(named))
        if collection == "projects":
            return self._projects(attribute)
        if collection.startswith("people:"):
            return self._people(collection)
        if collection.startswith("indicators"):
            return self._indicators(collection, attribute)
        return self._facts(collection, attribute)

    # ------------------------------------------------------------------ facts (parts of a total, 项, 类)
    def fact_names(self, collection: str) -> list[str]:
        """A fact collection's subjects: a total's breakdown (the parts that add up to it), the 项, the 类."""
        if collection.startswith("parts:"):
            source = parts_source(collection, lambda key: bool(self.catalogue.members(key)))
            names = [e.name for e in self.catalogue.members(source)]
            return self._breakdown(collection.removeprefix("parts:"), names)
        return [e.name for e in self.catalogue.members(collection)]

    def _breakdown(self, whole: str, names: list[str]) -> list[str]:
        """The leading parts whose 决算数 add up to the total ("其中" lines that follow are of another kind:
        授予中小企业合同金额 is not a fourth category of 政府采购). All parts when no leading run adds up."""
        total = self.kit.value_fact(whole, _PLAIN)
        if total is None or len(names) < 2:
            return names
        running = Decimal(0)
        for i, name in enumerate(names):
            fact = self.kit.value_fact(name, _PLAIN)
            if fact is None or fact.unit != total.unit:
                return names
            running += fact.value
            if i >= 1 and abs(running - total.value) <= Decimal("0.01") * (i + 1):
                return names[: i + 1]
        return names

    def _facts(self, collection: str, attribute: str, named: list[str] | None = None) -> Column | None:
        names = named if named is not None else self.fact_names(collection)
        if len(names) < 2:
            return None
        table = self.kit.table
        members: list[Member] = []
        whole = (
            self.kit.value_fact(collection.removeprefix("parts:"), _PLAIN) if collection.startswith("parts:") else None
        )
        for name in names:
            found = table.find(name, attribute) or (table.related(name, attribute) if attribute != "决算数" else [])
            if attribute == "占比" and whole is not None:
                found = [f for f in found if f.parent == whole.subject]
            fact = table.best(found, name)
            if fact is not None:
                members.append(self._of_fact("fact", name, self.kit.name(name), fact))
            elif attribute == "占比" and whole is not None and whole.value:  # a share the report does not state
                members.extend(self._computed_share(name, whole))
        label = self._facts_label(collection, len(names))
        return Column(collection, attribute, label, "facts", tuple(members), len(names), tuple(names))

    def _computed_share(self, name: str, whole: Fact) -> list[Member]:
        part = self.kit.value_fact(name, _PLAIN)
        if part is None or part.unit != whole.unit:
            return []
        comp = compute("share", part, whole)
        operand = Operand(format(comp.value, "f"), f"{self.kit.name(name)} 占比")
        return [Member("fact", name, self.kit.name(name), comp.value, comp.text, operand, self.kit.span(part), part,
                       check=comp.check)]  # fmt: skip

    def _facts_label(self, collection: str, n: int) -> str:
        if collection == "named":
            return f"这 {n} 项"
        if collection == "level:项":
            return f"{n} 个项级支出科目"
        if collection == "level:类":
            return f"{n} 类支出"
        whole = collection.removeprefix("parts:")
        return f"{self.kit.name(whole)}的 {n} 项"

    # ------------------------------------------------------------------ project tables
    def _projects(self, attribute: str) -> Column | None:
        projects = self.kit.report.projects
        if len(projects) < 2:
            return None
        members: list[Member] = []
        for project in projects:
            if MINUS in attribute:  # "调整后预算−年初预算": each table's change, from the calculator
                member = self._change(project.name, *attribute.split(MINUS, 1))
                members.extend([member] if member is not None else [])
                continue
            found = self.kit.table.project_facts(project.name, attribute)
            if found:
                members.append(self._of_fact("project", project.name, project.name, found[0]))
        names = tuple(p.name for p in projects)
        label = f"{len(projects)} 个绩效自评项目"
        return Column("projects", attribute, label, "projects", tuple(members), len(projects), names)

    def _people(self, collection: str) -> Column | None:
        """The people who sign the tables ("people:leader"), each valued by how many tables name them (a count
        the calculator checks), with those tables' names; in the order the tables first name them."""
        field = collection.partition(":")[2]
        projects = self.kit.report.projects
        signed: dict[str, list[ProjectTable]] = {}
        for project in projects:
            person = getattr(project, field, "").strip()
            if person:
                signed.setdefault(person, []).append(project)
        if len(projects) < 2 or not signed:
            return None
        role = PEOPLE.get(field, field)
        members = []
        for person, tables in signed.items():
            counted = count([p.name for p in tables], "个")
            shown_name = f"{person}（{'、'.join(p.name for p in tables)}）"
            operand = Operand(str(len(tables)), f"{person} 任{role}的项目数")
            span = self.kit.tables.signature(tables[0])
            members.append(Member("person", person, shown_name, Decimal(len(tables)), f"{len(tables)} 个", operand,
                                  span, check=counted.check))  # fmt: skip
        label = f"{len(projects)} 个绩效自评项目的{role}"
        names = tuple(p.name for p in projects)
        return Column(collection, PEOPLE_COUNT, label, "people", tuple(members), len(signed), tuple(signed), names)

    def _change(self, name: str, later: str, earlier: str) -> Member | None:
        """One table's later value less its earlier one, compared by size ("变化最大"), said with its direction."""
        a, b = (self.kit.table.project_facts(name, m)[:1] for m in (later, earlier))
        if not a or not b:
            return None
        comp = compute("difference", a[0], b[0], fixed=True)
        word = "增加" if comp.value > 0 else "减少" if comp.value < 0 else "不变"
        change = f"{word} {abs(comp.value)} {a[0].unit}" if comp.value else word
        shown = f"{earlier} {show(b[0])} → {later} {show(a[0])}，{change}"
        operand = Operand(format(abs(comp.value), "f"), f"{name} {later}与{earlier}之差")
        span = self.kit.span(a[0])
        return Member("project", name, name, abs(comp.value), shown, operand, span, a[0], check=comp.check)

    # ------------------------------------------------------------------ indicator rows
    def _indicators(self, collection: str, attribute: str) -> Column | None:
        owner = collection.partition(":")[2]
        projects = [p for p in self.kit.report.projects if not owner or p.name == owner]
        rows = [(p, r) for p in projects for r in p.indicators]
        if not rows:
            return None
        members = [m for p, r in rows if (m := self._of_row(p, r, attribute, bool(owner))) is not None]
        label = (
            f"{owner}的 {len(rows)} 项绩效指标" if owner else f"{len(projects)} 张绩效自评表的 {len(rows)} 项绩效指标"
        )
        names = tuple(r.name for _, r in rows)
        tables = () if owner else tuple(p.name for p in projects)
        return Column(collection, attribute, label, "indicators", tuple(members), len(rows), names, tables)

    def _of_row(self, project: ProjectTable, row: IndicatorRow, attribute: str, one_table: bool) -> Member | None:
        value = row_value(row, attribute)
        label = f"{project.name} {row.name} {attribute}"
        short = short_row_name(row)
        shown_name = short if one_table else f"{project.name}的“{short}”"
        if value is None:
            if attribute not in ("完成值", "指标值"):
                return None
            text = one_line(row.actual if attribute == "完成值" else row.target)
            span = self.kit.tables.row_span(row)
            blank = Operand("", label)
            return Member("indicator", row.name, shown_name, None, text, blank, span, owner=project.name, row=row)
        unit = "分" if attribute in ("权重", "得分") else row.unit
        shown = f"{format_number(value)}{' ' if unit == '分' else ''}{unit}"
        return Member(
            "indicator", row.name, shown_name, value, shown, Operand(format(value, "f"), label),
            self.kit.tables.row_span(row), owner=project.name, row=row,
        )  # fmt: skip

    def _of_fact(self, kind: str, name: str, shown_name: str, fact: Fact) -> Member:
        shown = show(fact)
        if fact.measure == "自评得分" and not shown.endswith("分"):
            shown += " 分"
        return Member(kind, name, shown_name, fact.value, shown, operand(fact), self.kit.span(fact), fact)


LONG_ROW_NAME = 40  # a longer 三级指标 is a qualitative row's grading text (高：…中：…低：…), not a name


def short_row_name(row: IndicatorRow) -> str:
    """How an answer names an indicator row: its 三级指标, or when that is grading text, the words before the
    grading ("提供决策辅助（高：…）" → 提供决策辅助), else its 二级指标 (社会效益指标)."""
    name = one_line(row.name)
    if len(name) <= LONG_ROW_NAME:
        return name
    head = re.split(r"[（(：:；;，,。]|高[：:]", name, maxsplit=1)[0].strip()
    return head if 2 <= len(head) <= LONG_ROW_NAME else (row.level2 or row.level1 or name)


def unit_of(member: Member) -> str:
    """The unit a member's shown value ends in, as an answer writes it after a figure (" 万元", "%", " 分")."""
    shown = member.shown
    for unit in (" 万元", "万元", "%", " 分", "分"):
        if shown.endswith(unit):
            return unit if unit.startswith(" ") or unit == "%" else f" {unit}"
    return ""


def spans_of(members: Sequence[Member]) -> list[Span]:
    return [m.span for m in members if m.span is not None]


def row_value(row: IndicatorRow, attribute: str) -> Decimal | None:
    if attribute == "权重":
        return row.weight
    if attribute == "得分":
        return row.score
    text = row.actual if attribute == "完成值" else row.target
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None


def is_rate(attribute: str) -> bool:
    return attribute in RATES


_PLAIN = Plan("")  # the plain amount (决算数): no measure or unit asked
