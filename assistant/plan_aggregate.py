"""Aggregates over groups of lines: the parts of a total, a rate compared across sibling items, and a measure
summed (averaged, ranked, counted) over the project tables that meet a condition.

These questions name a group, not one figure ("一般公共服务支出下面分成哪两个项", "9个项里哪一项完成预算的比例
最低", "唐为之负责的项目执行数加起来多少", "年初预算是0的项目调整后预算合计"). Each answer lists the members
with their cited figures and lets the calculator do the arithmetic, formula shown. Hand-written cue tables, in
step with the intent parser's: the template's wording for these groups is small and fixed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.calculator import compute, format_number
from assistant.compose import Evidence
from assistant.intent import MAX, MIN, SUM, Query
from assistant.plan import Planner, show
from assistant.question import fold
from assistant.records import Check
from corpus import Fact, ProjectTable

log = logging.getLogger(__name__)

# "X下面分成哪两个项", "X包括哪些", "X的明细", "X由哪些构成".
CHILD_CUE = re.compile(
    r"下面|下属|下设|之下|底下|包括哪|包含哪|分成|分为|分哪|细分|明细|由哪些|由什么|构成|组成"
    r"|哪(几|两|\d+)个?(项|款)|哪些(项|款)"
)
# A rate compared across items, as opposed to the amount: 完成预算的比例, 占比, 增长率.
RATE_CUE = re.compile(r"比例|比率|率|占比|百分比|所占|比重")
RATE_MEASURES = ("预算完成率", "占比", "比上年增减率")
RATE_LABELS = {"预算完成率": "完成预算的比例", "占比": "占比", "比上年增减率": "比上年增长率"}
RATE_FORMULAS = {
    "预算完成率": "完成预算的比例 = 决算数 ÷ 预算数",
    "占比": "占比 = 该项决算数 ÷ 合计数",
    "比上年增减率": "增长率 = 比上年增减额 ÷ 上年数",
}
AVG = re.compile(r"平均")
COUNT_ONLY = re.compile(r"几个|多少个|几项|多少项")

# Numeric project-table fields by how people name them, most specific first; "预算" alone is the budget in force.
FIELD_NAMES: list[tuple[str, re.Pattern[str]]] = [
    ("年初预算", re.compile(r"年初预算数?|年初的预算|年初安排")),
    ("调整后预算", re.compile(r"调整后(的)?预算数?|调整后|全年预算数?|总预算")),
    ("执行率", re.compile(r"(预算)?执行率|执行进度|完成率")),
    ("执行数", re.compile(r"(预算)?执行数|执行金额|实际支出|执行了|花了|决算数")),
    ("自评得分", re.compile(r"自评得分|自评分|得分|分数")),
    ("调整后预算", re.compile(r"预算数?")),
]
FIELD_LABELS = {"年初预算": "年初预算", "调整后预算": "调整后预算数", "执行数": "预算执行数", "执行率": "预算执行率",
                "自评得分": "自评得分"}  # fmt: skip
# A condition on a field: "年初预算是0", "执行率低于100%", "得分不到100分", "调整后预算大于100万元".
COMPARATORS = {
    "=": r"是|为|等于|=|＝",
    "!=": r"不是|不为|不等于|非|≠",
    "<": r"低于|少于|不到|未达到|没达到|没有达到|小于|不足|<|＜",
    ">": r"高于|超过|大于|多于|>|＞",
}
CONDITION = re.compile(
    r"(?P<cmp>不是|不为|不等于|低于|少于|不到|未达到|没达到|没有达到|小于|不足|高于|超过|大于|多于|等于|是|为|[=＝≠<＜>＞])"
    r"\s*(?P<num>\d+(?:\.\d+)?|零)\s*(?P<unit>%|分|万元|万|元)?"
)
NOT_FINISHED = re.compile(r"没(有)?(执行|花)完|未(执行|花)完|没有?全部执行|未全部执行")
CLAUSE = re.compile(r"[，,。？?；;！!、]")
NEAR_FIELD = 8  # characters between a field's name and its condition
PROJECT_WORD = re.compile(r"项目|自评")


@dataclass(frozen=True)
class Condition:
    measure: str
    op: str  # = != < >
    limit: Decimal
    text: str  # as the question says it ("年初预算是0")

    def holds(self, value: Decimal) -> bool:
        return {
            "=": value == self.limit,
            "!=": value != self.limit,
            "<": value < self.limit,
            ">": value > self.limit,
        }[self.op]


class Aggregator:
    """Group questions over the fact table and the project tables; None when a question is not one of them."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.table = planner.table
        self.report = planner.report
        # Leaders and finance leaders named in the tables, longest first so a longer name wins a text match.
        self.people = sorted(
            {p.leader for p in self.report.projects if p.leader}
            | {p.finance_leader for p in self.report.projects if p.finance_leader},
            key=len,
            reverse=True,
        )

    # ------------------------------------------------------------------ parts of a total
    def parts(self, subject: str) -> list[Fact]:
        """The lines that make up a total: the stated "其中" parts, else the 款/项 lines of a 类 (by their path)."""
        stated = self.table.children(subject)
        if stated:
            return stated
        stem = re.escape(fold(subject).removesuffix("支出"))
        path = re.compile(rf"^{stem}(支出)?（类）.+|（类）{stem}(支出)?（款）.+")
        seen: dict[str, Fact] = {}
        for fact in sorted(self.report.facts, key=lambda f: f.start):
            if fact.scope or fact.measure != "决算数" or fact.subject in seen:
                continue
            if path.search(fold(fact.subject)):
                seen[fact.subject] = fact
        return list(seen.values())

    def children(self, q: Query) -> Evidence | None:
        """ "一般公共服务支出下面分成哪几个项": each part with its sentence, and the parts' sum against the total."""
        subjects = q.named
        if q.operation in ("max", "min") or q.intent == "reason":
            return None  # "哪一项最低" compares the parts; it does not list them
        if len(subjects) != 1 or not CHILD_CUE.search(q.rest or q.text):
            return None
        subject = subjects[0]
        parts = self.parts(subject)
        if len(parts) < 2:
            return None
        p = self.planner
        ev = Evidence("answered", "list", q.text)
        ev.checks.append(Check(f"count({len(parts)} 项)", str(len(parts)), True, [f.id for f in parts]))
        ev.add(f"{p.name(subject)}下分 {len(parts)} 项：")
        for i, fact in enumerate(parts):
            sep = "；" if i < len(parts) - 1 else "。"
            ev.add(f"{p.phrase(fact, with_subject=True)}{sep}", p.span(fact))
            ev.facts.append(fact)
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        if total is not None and all(f.unit == total.unit for f in parts):
            comp = compute("sum", *parts)
            ev.checks.append(comp.check)
            ev.facts.append(total)
            line = f"核算：{comp.expression} = {comp.text} {total.unit}"
            if comp.value == total.value:
                line += f"，与报告所列{p.name(subject)} {show(total)}一致。"
            else:  # the audit note that follows says where the report disagrees with itself
                line += f"（报告所列{p.name(subject)}为 {show(total)}）。"
            ev.add(line, p.span(total))
        return ev

    # ------------------------------------------------------------------ a rate across sibling items
    def extreme_rate(self, q: Query) -> Evidence | None:
        """ "9个项里哪一项完成预算的比例最低": the items' rates compared, not their amounts."""
        if q.operation not in ("max", "min"):
            return None
        rest = q.rest or q.text
        measure = q.measure if q.measure in RATE_MEASURES else ""
        if not measure and RATE_CUE.search(rest):
            measure = "比上年增减率" if re.search(r"增长|增幅|下降|降幅", rest) else ""
            measure = measure or ("占比" if re.search(r"占|比重", rest) else "")
        if not measure:
            return None
        for subject in q.named:
            parts = self.parts(subject)
            if len(parts) < 2:
                continue
            found = self._rates(subject, parts, measure)
            if len(found) >= 2:
                return self._extreme(q, subject, measure, found)
        return None

    def _rates(self, subject: str, parts: list[Fact], measure: str) -> list[tuple[Fact, Fact | None, Decimal]]:
        """(part, stated rate or None, rate) per part; a share the report does not state is computed."""
        out: list[tuple[Fact, Fact | None, Decimal]] = []
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        for part in parts:
            stated = [f for f in self.table.find(part.subject, measure) if f.section_id == part.section_id]
            stated = stated or self.table.find(part.subject, measure)
            if measure == "占比":
                stated = [f for f in stated if f.parent == subject]
            if stated:
                out.append((part, stated[0], stated[0].value))
            elif measure == "占比" and total is not None and total.value:
                out.append((part, None, compute("share", part, total).value))
        return out

    def _extreme(
        self, q: Query, subject: str, measure: str, found: list[tuple[Fact, Fact | None, Decimal]]
    ) -> Evidence:
        p = self.planner
        label = RATE_LABELS[measure]
        ev = Evidence("answered", "derived", q.text)
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        lines: list[str] = []
        for part, stated, _value in found:
            if stated is None and total is not None:
                comp = compute("share", part, total)
                ev.checks.append(comp.check)
                lines.append(f"{p.name(part.subject)} {comp.expression} = {comp.text}")
            elif stated is not None:
                ev.facts.append(stated)
        values = [format_number(v) for _, _, v in found]
        comp = compute(q.operation, *(v for _, _, v in found))
        ev.checks.append(Check(comp.expression, comp.text, True, [s.id for _, s, _ in found if s is not None]))
        winners = [(part, stated) for part, stated, value in found if value == comp.value]
        word = "最高" if q.operation == "max" else "最低"
        names = "、".join(p.name(part.subject) for part, _ in winners)
        ev.checks.append(Check(f"count({len(found)} 项)", str(len(found)), True, []))
        ev.add(f"{p.name(subject)}的 {len(found)} 项中，{label}{word}的是{names}，为 {format_number(comp.value)}%。")
        for part, stated in winners:
            ev.add("", p.span(stated) if stated is not None else p.span(part))
        ev.add(f"（{RATE_FORMULAS[measure]}；各项依次为：")
        for i, (part, stated, value) in enumerate(found):
            sep = "、" if i < len(found) - 1 else "。）"
            shown = show(stated) if stated is not None else f"{format_number(value)}%"
            ev.add(f"{p.name(part.subject)} {shown}{sep}", p.span(stated) if stated is not None else None)
        for line in lines:
            ev.add(f"（核算：{line}）")
        ev.add(f"（比较 {compute(q.operation, *[Decimal(v) for v in values]).expression} = {comp.text}）")
        return ev

    # ------------------------------------------------------------------ project tables
    def projects(self, q: Query) -> Evidence | None:
        """A measure aggregated over the project tables a condition picks (a person, a field's value)."""
        text = q.text
        person = next((name for name in self.people if fold(name) in text), "")
        conditions = self._conditions(text)
        op = _aggregate_op(text)
        if not person and not conditions:
            return None
        if q.projects or (not person and not PROJECT_WORD.search(text)):
            return None  # one named project, or a figure of the report's own tables ("…支出为 X 吗")
        if not op and not (conditions and any(c.op in ("=", "!=") for c in conditions)):
            return None  # a plain listing by person or by a threshold has planners of its own
        picked = list(self.report.projects)
        if person:
            picked = [p for p in picked if person in (p.leader, p.finance_leader)]
        for condition in conditions:
            picked = [p for p in picked if (v := self._value(p, condition.measure)) is not None and condition.holds(v)]
        measure = self._target_measure(text, conditions) if op else ""
        return self._project_answer(q, person, conditions, picked, op, measure)

    def _conditions(self, text: str) -> list[Condition]:
        out: list[Condition] = []
        for clause in CLAUSE.split(text):
            for match in CONDITION.finditer(clause):
                measure = self._field_before(clause, match.start())
                if not measure:
                    continue
                raw = match.group("num")
                limit = Decimal(0) if raw == "零" else Decimal(raw)
                op = next(k for k, v in COMPARATORS.items() if re.fullmatch(v, match.group("cmp")))
                if op == "=" and not re.search(r"\d|零", clause[match.start() : match.end()]):
                    continue
                said = clause[max(0, match.start() - NEAR_FIELD) : match.end()]
                out.append(Condition(measure, op, limit, said))
            if NOT_FINISHED.search(clause):
                out.append(Condition("执行率", "<", Decimal(100), NOT_FINISHED.search(clause).group(0)))
        return out

    @staticmethod
    def _field_before(clause: str, at: int) -> str:
        """The project field named right before a condition ("年初预算是0": 年初预算); the nearest wins."""
        window = clause[max(0, at - NEAR_FIELD) : at]
        best: tuple[int, str] | None = None
        for measure, pattern in FIELD_NAMES:  # most specific first: a later, vaguer name wins only if nearer
            for match in pattern.finditer(window):
                if best is None or match.end() > best[0]:
                    best = (match.end(), measure)
        return best[1] if best else ""

    @staticmethod
    def _target_measure(text: str, conditions: list[Condition]) -> str:
        """The field to aggregate: the one named in the clause with the aggregate word, else the last one named."""
        clauses = [c for c in CLAUSE.split(text) if c.strip()]
        asked = [c for c in clauses if SUM.search(c) or AVG.search(c) or MAX.search(c) or MIN.search(c)]
        for clause in asked + list(reversed(clauses)):
            for measure, pattern in FIELD_NAMES:
                stripped = clause
                for condition in conditions:
                    stripped = stripped.replace(condition.text, " ")
                if pattern.search(stripped):
                    return measure
        return conditions[0].measure if conditions else "执行数"

    def without_people(self, text: str) -> str:
        """The question with the tables' people and field conditions blanked: "罗定兰负责的项目" and "年初预算为零的
        项目" pick project tables; they name no project the report lacks."""
        for name in self.people:
            text = text.replace(fold(name), "□")
        if PROJECT_WORD.search(text):
            for condition in self._conditions(text):
                text = text.replace(condition.text, "□")
        return text

    def _value(self, project: ProjectTable, measure: str) -> Decimal | None:
        fact = self._fact(project, measure)
        return fact.value if fact is not None else None

    def _fact(self, project: ProjectTable, measure: str) -> Fact | None:
        found = self.table.project_facts(project.name, measure)
        return found[0] if found else None

    def _project_answer(
        self,
        q: Query,
        person: str,
        conditions: list[Condition],
        picked: list[ProjectTable],
        op: str,
        measure: str,
    ) -> Evidence | None:
        p = self.planner
        said = [f"{person}负责的"] if person else []
        said += [c.text + "的" for c in conditions]
        what = "、".join(said)
        ev = Evidence("answered", "derived" if op else "list", q.text)
        total = len(self.report.projects)
        ev.checks.append(Check(f"count({total} 张绩效自评表)", str(total), True, []))
        if not picked:
            ev.add(f"{total} 个绩效自评项目中，没有{what}项目。", *self._condition_spans(conditions))
            if not ev.pieces[-1].cites:
                return None
            return ev
        ev.checks.append(Check(f"count({'、'.join(x.name for x in picked)})", str(len(picked)), True, []))
        ev.add(f"{total} 个绩效自评项目中，{what}有 {len(picked)} 个：")
        for condition in conditions:  # every table was compared: the figures and the bound are part of the check
            compared = [f for x in self.report.projects if (f := self._fact(x, condition.measure)) is not None]
            ev.facts.extend(compared)
            bound = format_number(condition.limit)
            ids = [f.id for f in compared]
            ev.checks.append(Check(f"{condition.measure} {condition.op} {bound}", bound, True, ids))
        shown = [measure] if measure else []
        shown += [c.measure for c in conditions if c.measure not in shown]
        facts: list[Fact] = []
        for i, project in enumerate(picked):
            cells = []
            spans = []
            for m in shown:
                fact = self._fact(project, m)
                if fact is None:
                    continue
                cells.append(f"{FIELD_LABELS[m]} {_with_unit(fact)}")
                spans.append(p.span(fact))
                if m == measure:
                    facts.append(fact)
                ev.facts.append(fact)
            if not spans and person:
                spans.append(p._signature(project))
            sep = "；" if i < len(picked) - 1 else "。"
            ev.add(f"{project.name}（{'，'.join(cells)}）{sep}" if cells else f"{project.name}{sep}", *spans)
        if not op or not facts:
            return ev
        label = FIELD_LABELS[measure]
        n = len(facts)
        if n == 1 and op in ("sum", "avg", "max", "min"):
            ev.add(f"只有这 1 个项目，{label}即为 {_with_unit(facts[0])}。")
        elif op == "sum":
            comp = compute("sum", *facts)
            ev.add(f"这 {n} 个项目的{label}合计 = {comp.expression} = {comp.text} 万元。")
            ev.checks.append(comp.check)
        elif op == "avg":
            comp = compute("sum", *facts)
            mean = compute("ratio", comp.value, Decimal(n))
            ev.add(f"这 {n} 个项目的{label}平均 = ({comp.expression}) ÷ {n} = {mean.text}。")
            ev.checks.extend([comp.check, Check(f"({comp.expression}) ÷ {n}", mean.text, True, [f.id for f in facts])])
        elif op in ("max", "min"):
            comp = compute(op, *facts)
            winners = [f for f in facts if f.value == comp.value]
            word = "最高" if op == "max" else "最低"
            if measure in ("年初预算", "调整后预算", "执行数"):
                word = "最多" if op == "max" else "最少"
            ev.add(f"其中{label}{word}的是{'、'.join(f.scope for f in winners)}，为 {_with_unit(winners[0])}。")
            ev.add(f"（比较 {comp.expression} = {comp.text}）")
            ev.checks.append(comp.check)
        return ev

    def _condition_spans(self, conditions: list[Condition]) -> list:
        spans = []
        for condition in conditions[:1]:
            for project in self.report.projects[:1]:
                fact = self._fact(project, condition.measure)
                if fact is not None:
                    spans.append(self.planner.span(fact))
        return spans


def _aggregate_op(text: str) -> str:
    if AVG.search(text) and not re.search(r"平均每", text):
        return "avg"
    if SUM.search(text):
        return "sum"
    if MAX.search(text):
        return "max"
    if MIN.search(text):
        return "min"
    return ""


def _with_unit(fact: Fact) -> str:
    value = show(fact)
    if fact.measure == "自评得分" and not value.endswith("分"):
        return value + " 分"
    if fact.measure in ("年初预算", "调整后预算", "执行数") and not value.endswith("元"):
        return value + " 万元"
    return value


__all__ = ["Aggregator", "Condition"]
