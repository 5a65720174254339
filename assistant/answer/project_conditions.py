"""A measure summed, averaged, ranked or counted over the project tables a condition picks: a person
(「唐为之负责的项目」) or a field's value (「年初预算为 0 的项目」, 「执行率低于 100%」)."""

from __future__ import annotations

import logging
from decimal import Decimal

from assistant.answer.toolkit import Answerer
from assistant.calculator import compute, count, filtered
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.plan import Condition, Plan
from corpus import Fact, ProjectTable

log = logging.getLogger(__name__)


FIELD_LABELS = {"年初预算": "年初预算", "调整后预算": "调整后预算数", "执行数": "预算执行数", "执行率": "预算执行率",
                "自评得分": "自评得分"}  # fmt: skip


class ProjectConditions(Answerer):
    """Aggregates over the project tables a condition picks."""

    # ------------------------------------------------------------------ project tables
    def projects(self, q: Plan) -> Evidence | None:
        """A measure aggregated over the project tables a condition picks (a person, a field's value)."""
        person = q.people[0] if q.people else ""
        conditions = list(q.conditions)
        op = _aggregate_op(q)
        if not person and not conditions:
            return None
        if ("−" in q.attribute or q.aggregate in ("all", "any", "order")) and not person:
            return None  # a column worked out from two values ("追加了多少"): the generic aggregate's
        if q.collection and q.collection != "projects":
            return None  # "9个项目里…" read as the 项级 items: the aggregate's own question
        if q.projects or (not person and not q.says("project_word")):
            return None  # one named project, or a figure of the report's own tables ("…支出为 X 吗")
        if not op and not (conditions and any(c.comparator in ("=", "!=") for c in conditions)):
            return None  # a plain listing by person or by a threshold has planners of its own
        picked = list(self.report.projects)
        if person:
            picked = [p for p in picked if person in (p.leader, p.finance_leader)]
        for condition in conditions:
            picked = [p for p in picked if (v := self._value(p, condition.field)) is not None and condition.holds(v)]
        measure = q.condition_target if op else ""
        return self._project_answer(q, person, conditions, picked, op, measure)

    def _value(self, project: ProjectTable, measure: str) -> Decimal | None:
        fact = self._fact(project, measure)
        return fact.value if fact is not None else None

    def _fact(self, project: ProjectTable, measure: str) -> Fact | None:
        found = self.table.project_facts(project.name, measure)
        return found[0] if found else None

    def _project_answer(
        self,
        q: Plan,
        person: str,
        conditions: list[Condition],
        picked: list[ProjectTable],
        op: str,
        measure: str,
    ) -> Evidence | None:
        p = self.kit
        said = [f"{person}负责的"] if person else []
        said += [c.said + "的" for c in conditions]
        what = "、".join(said)
        ev = Evidence("answered", "derived" if op else "list", q.text)
        total = len(self.report.projects)
        ev.checks.append(count([x.name for x in self.report.projects], "张绩效自评表").check)
        if not picked:
            ev.add(f"{total} 个绩效自评项目中，没有{what}项目。", *self._condition_spans(conditions))
            if not ev.pieces[-1].cites:
                return None
            return ev
        ev.checks.append(count([x.name for x in picked]).check)
        ev.add(f"{total} 个绩效自评项目中，{what}有 {len(picked)} 个：")
        for condition in conditions:  # every table was compared: the figures and the bound are part of the check
            compared = [f for x in self.report.projects if (f := self._fact(x, condition.field)) is not None]
            ev.facts.extend(compared)
            ev.checks.append(filtered(condition.field, condition.comparator, condition.limit, compared).check)
        shown = [measure] if measure else []
        shown += [c.field for c in conditions if c.field not in shown]
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
                spans.append(self.tables.signature(project))
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
            ev.add(f"这 {n} 个项目的{label}合计 = {comp.said} = {comp.text} 万元。")
            ev.checks.append(comp.check)
        elif op == "avg":
            comp = compute("sum", *facts)
            mean = compute("mean", *facts)
            ev.add(f"这 {n} 个项目的{label}平均 = {mean.said} = {mean.text}。")
            ev.checks.extend([comp.check, mean.check])
        elif op in ("max", "min"):
            comp = compute(op, *facts)
            winners = [f for f in facts if f.value == comp.value]
            word = "最高" if op == "max" else "最低"
            if measure in ("年初预算", "调整后预算", "执行数"):
                word = "最多" if op == "max" else "最少"
            ev.add(f"其中{label}{word}的是{'、'.join(f.scope for f in winners)}，为 {_with_unit(winners[0])}。")
            ev.checks.append(comp.check)
        return ev

    def _condition_spans(self, conditions: list[Condition]) -> list:
        spans = []
        for condition in conditions[:1]:
            for project in self.report.projects[:1]:
                fact = self._fact(project, condition.field)
                if fact is not None:
                    spans.append(self.kit.span(fact))
        return spans


def _aggregate_op(q: Plan) -> str:
    if q.says("avg") and not q.says("avg_per"):
        return "avg"
    for op in ("sum", "max", "min"):
        if q.says(op):
            return op
    return ""


def _with_unit(fact: Fact) -> str:
    value = show(fact)
    if fact.measure == "自评得分" and not value.endswith("分"):
        return value + " 分"
    if fact.measure in ("年初预算", "调整后预算", "执行数") and not value.endswith("元"):
        return value + " 万元"
    return value
