"""Questions across every project table: the highest, lowest, n-th, sum or average of a measure, the tables
above or below a threshold, without full marks or with a filled 存在问题, with unspent budget, and the
self-evaluation as a whole."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal

from assistant.answer.projects import count_names
from assistant.answer.toolkit import Answerer
from assistant.calculator import compute, count, filtered, format_number
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.evidence.spans import one_line as _one_line
from assistant.records import Check
from assistant.understand.cues import CUES
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.plan import Plan
from corpus import Fact

log = logging.getLogger(__name__)


FILLED_FIELD = CUES.cue("filled_field")


FULL_SCORE = Decimal(100)  # the template's 绩效自评表 weights total 100 points

AMOUNT_FIELDS = ("budget", "initial_budget", "adjusted_budget", "executed")


PEOPLE = {"leader": "项目负责人", "finance_leader": "财务负责人"}


class AcrossProjects(Answerer):
    """Measures compared over all project tables."""

    def across_projects(self, q: Plan) -> Evidence | None:
        """Highest/lowest/sum/average over every 绩效自评表 (执行率, 自评得分, 预算, 执行数)."""
        if q.operation not in ("max", "min", "sum", "avg", "filter"):
            return None  # nothing to compare ("占…的百分比" is another ask's)
        field = self.kit.project_field(q) or "execution_rate"
        if field == "budget":
            field = "initial_budget" if q.says("initial") else "adjusted_budget"
        if q.threshold is not None and q.threshold.unit == "%" and field in AMOUNT_FIELDS:
            field = "execution_rate"  # "预算…低于95%": a percentage bounds the rate, never an amount
        measure = PROJECT_MEASURES.get(field)
        if measure is None:
            return None
        facts = []
        for project in self.report.projects:
            found = self.table.project_facts(project.name, measure)
            if found:
                facts.append(found[0])
        if len(facts) < 2:
            return None
        label = {"execution_rate": "预算执行率", "self_score": "自评得分", "initial_budget": "年初预算",
                 "adjusted_budget": "调整后预算", "executed": "预算执行数"}[field]  # fmt: skip
        ev = Evidence("answered", "derived", q.text)
        n = len(facts)
        if q.operation == "filter":
            return self._threshold(q, facts, label, ev)
        if q.operation == "avg":
            total = compute("sum", *facts)
            mean = compute("mean", *facts, fixed=True)
            ev.checks.append(_count_check(facts))
            ev.add(f"{n} 个绩效自评项目的{label}平均为 {mean.said} = {mean.text}。", *self.kit.spans(facts))
            ev.checks.extend([total.check, mean.check])
            ev.facts.extend(facts)
            return ev
        if q.operation == "sum":
            if field == "execution_rate":
                return None  # a sum of rates is no figure: never shown
            comp = compute("sum", *facts)
            ev.checks.append(_count_check(facts))
            unit = " 分" if field == "self_score" else " 万元"
            ev.add(f"{n} 个绩效自评项目的{label}合计 {comp.said} = {comp.text}{unit}。", *self.kit.spans(facts))
            ev.checks.append(comp.check)
            ev.facts.extend(facts)
            if field in ("initial_budget", "adjusted_budget", "executed"):
                self._share_of_total(q, comp.value, f"{label}合计", ev)
            return ev
        if q.rank > 1 and q.operation in ("max", "min"):
            return self._ranked(q, facts, label, field, ev)
        comp = compute(q.operation, *facts)
        winners = [f for f in facts if f.value == comp.value]
        word = "最高" if q.operation == "max" else "最低"
        if field in ("initial_budget", "adjusted_budget", "executed"):
            word = "最多" if q.operation == "max" else "最少"
        names = "、".join(f.scope for f in winners)
        ev.checks.append(_count_check(facts))
        ev.add(
            f"{n} 个绩效自评项目中，{label}{word}的是{names}，为 {show(winners[0])}。",
            *(self.kit.span(f) for f in winners),
        )
        ev.facts.extend(facts)
        ev.checks.append(comp.check)
        return ev

    def _share_of_total(self, q: Plan, value: Decimal, label: str, ev: Evidence) -> None:
        """ "加起来占项目支出的比例": the sum just worked out, divided by the total the question names."""
        if q.measure != "占比" or not q.subjects or (q.year and q.year != self.report.year):
            return
        found = (self.table.best(self.table.find(s, "决算数"), s) for s in q.subjects)
        total = next((f for f in found if f is not None and f.value), None)
        if total is None:
            return
        share = compute("share", value, total)
        said = f"占{self.kit.name(total.subject)}（{show(total)}）的比例为 {share.said} = {share.text}。"
        ev.add(said, self.kit.span(total))
        ev.checks.append(share.check)
        ev.facts.append(total)
        log.info("sum %s taken as a share of %s", label, total.subject)

    def _ranked(self, q: Plan, facts: list[Fact], label: str, field: str, ev: Evidence) -> Evidence | None:
        """ "第二个呢", "倒数第二": the project at that place when the tables are ordered by the measure."""
        if q.rank > len(facts):
            return None
        high = q.operation == "max"
        ordered = sorted(facts, key=lambda f: f.value, reverse=high)
        target = ordered[q.rank - 1]
        tied = [f for f in ordered if f.value == target.value]
        money = field in ("initial_budget", "adjusted_budget", "executed")
        word = ("多" if money else "高") if high else ("少" if money else "低")
        order = "从高到低" if high else "从低到高"
        names = "、".join(f.scope for f in tied)
        place = f"倒数第{_ordinal(q.rank)}（第{_ordinal(q.rank)}{word}）" if not high else f"第{_ordinal(q.rank)}{word}"
        ev.checks.append(_count_check(facts))
        ev.add(
            f"{len(facts)} 个绩效自评项目按{label}{order}排列，{place}的是{names}，为 {show(target)}。",
            *(self.kit.span(f) for f in tied),
        )
        if len(tied) > 1:
            ev.add(f"（这 {len(tied)} 个项目{label}相同，并列。）")
        joined = (" ≥ " if high else " ≤ ").join(format_number(f.value) for f in ordered)
        ev.add(f"（{order}：{joined}）")
        ev.facts.extend(facts)
        return ev

    def filter_projects(self, q: Plan) -> Evidence | None:
        """ "没拿满分的是哪几个" / "存在问题不是写无的是哪个": the project tables that meet a condition, each cited."""
        projects = self.report.projects
        if not projects:
            return None
        ev = Evidence("answered", "list", q.text)
        ev.checks.append(count_names(projects))
        if q.says("full_marks"):
            scores = [(p, f) for p in projects for f in self.table.project_facts(p.name, "自评得分")[:1]]
            if not scores:
                return None
            picked = [(p, f) for p, f in scores if f.value < FULL_SCORE]
            if not picked:
                ev.add(
                    f"{len(projects)} 个绩效自评项目的自评得分都是 {show(scores[0][1])}。", self.kit.span(scores[0][1])
                )
                return ev
            ev.checks.append(count_names([p for p, _ in picked]))
            ev.add(f"{len(projects)} 个绩效自评项目中，自评得分不是满分的有 {len(picked)} 个：")
            for i, (project, fact) in enumerate(picked):
                value = show(fact) + ("" if show(fact).endswith("分") else " 分")
                ev.add(f"{project.name}（自评得分 {value}）", self.kit.span(fact))
                ev.add("；" if i < len(picked) - 1 else "。")
                ev.facts.append(fact)
            if q.project_field in PEOPLE:  # "没拿满分的项目，各自的负责人是谁": each one's signature
                for project, _ in picked:
                    who = getattr(project, q.project_field).strip() or "（未填写）"
                    ev.add(f"{project.name}的{PEOPLE[q.project_field]}是{who}。", self.tables.signature(project))
            return ev
        field = q.filled_field
        if not field:
            return None
        label = "存在问题" if field == "problems" else "改进措施"
        filled = [p for p in projects if getattr(p, field).strip() not in ("", "无")]
        if not filled:
            ev.add(f"{len(projects)} 张绩效自评表的“{label}”一栏都填写为“无”。")
            ev.pieces[-1].cites = [s for s in [self.tables.field_span(projects[0], label)] if s]
            return ev
        ev.checks.append(count_names(filled))
        ev.add(f"{len(projects)} 张绩效自评表中，“{label}”一栏不是“无”的有 {len(filled)} 个项目：")
        for project in filled:
            value = getattr(project, field)
            ev.add(f"{project.name}：{_one_line(value).rstrip('。')}。", self.tables.field_span(project, value))
        return ev

    def unspent_projects(self, q: Plan) -> Evidence | None:
        """ "有没有项目没完成预算": the tables whose 预算执行率 is under 100% (执行数 below 调整后预算), each rate
        recomputed, or the statement that every table executed its budget in full."""
        rows = []
        for project in self.report.projects:
            rate = self.table.project_facts(project.name, "执行率")[:1]
            executed = self.table.project_facts(project.name, "执行数")[:1]
            adjusted = self.table.project_facts(project.name, "调整后预算")[:1]
            if rate:
                rows.append((project, rate[0], executed[0] if executed else None, adjusted[0] if adjusted else None))
        if not rows:
            return None
        ev = Evidence("answered", "list", q.text)
        n = len(rows)
        ev.checks.append(_count_check([r for _, r, _, _ in rows]))
        ev.facts.extend(r for _, r, _, _ in rows)
        short = [(p, r, e, a) for p, r, e, a in rows if r.value < FULL_SCORE or (e and a and e.value < a.value)]
        if not short:
            ev.add(f"{n} 个绩效自评项目的预算执行率都达到 100%，没有未执行完预算的项目。", self.kit.span(rows[0][1]))
            ev.checks.append(compute("min", *(r for _, r, _, _ in rows)).check)
            return ev
        ev.checks.append(count_names([p for p, _, _, _ in short]))
        ev.add(f"{n} 个绩效自评项目中，预算没有执行完（预算执行率低于 100%）的有 {len(short)} 个：")
        for i, (project, rate, executed, adjusted) in enumerate(short):
            sep = "；" if i < len(short) - 1 else "。"
            if executed and adjusted and adjusted.value:
                comp = compute("execution_rate", executed, adjusted)
                left = compute("difference", adjusted, executed)
                ev.checks.extend([comp.check, left.check])
                ev.facts.extend([executed, adjusted])
                ev.add(
                    f"{project.name}，调整后预算数 {show(adjusted)}，预算执行数 {show(executed)}，"
                    f"预算执行率 {show(rate)}（核算 {comp.said} = {comp.text}；"
                    f"未执行 {left.said} = {left.text} 万元）{sep}",
                    *self.kit.spans([adjusted, executed, rate]),
                )
            else:
                ev.add(f"{project.name}，预算执行率 {show(rate)}{sep}", self.kit.span(rate))
        return ev

    def self_evaluation(self, q: Plan) -> Evidence | None:
        """ "绩效自评的结果怎么样": how many tables, how many full marks, the lowest and highest score by name,
        with the report's own sentence on how many projects it evaluated."""
        scores = [(p, f) for p in self.report.projects for f in self.table.project_facts(p.name, "自评得分")[:1]]
        if not scores:
            return None
        facts = [f for _, f in scores]
        ev = Evidence("answered", "derived", q.text)
        n = len(scores)
        stated = [f for f in self.table.find("绩效自评", "数量") if not f.scope][:1]
        if stated:
            ev.add(f"报告写明，组织对 {show(stated[0])}项目开展了绩效自评", self.kit.span(stated[0]))
            ev.add(f"，附有 {n} 张绩效自评表。")
            ev.facts.append(stated[0])
        else:
            ev.add(f"报告附有 {n} 张项目支出绩效自评表。")
        ev.checks.append(_count_check(facts))
        ev.facts.extend(facts)
        full = [p for p, f in scores if f.value >= FULL_SCORE]
        rest = [(p, f) for p, f in scores if f.value < FULL_SCORE]
        if not rest:
            ev.add(f"{n} 个项目的自评得分都是 {_score(facts[0])}。", self.kit.span(facts[0]))
            return ev
        if full:
            ev.checks.append(count_names(full))
            ev.add(f"其中 {len(full)} 个项目自评得分为满分 {format_number(FULL_SCORE)} 分；")
        ev.checks.append(count_names([p for p, _ in rest]))
        ev.add(f"没有拿满分的 {len(rest)} 个：")
        for i, (project, fact) in enumerate(rest):
            ev.add(f"{project.name}（{_score(fact)}）", self.kit.span(fact))
            ev.add("、" if i < len(rest) - 1 else "。")
        low, high = compute("min", *facts), compute("max", *facts)
        lowest = "、".join(p.name for p, f in scores if f.value == low.value)
        ev.add(f"最低的是{lowest}，{format_number(low.value)} 分；最高 {format_number(high.value)} 分。")
        ev.checks.extend([low.check, high.check])
        return ev

    def _threshold(self, q: Plan, facts: list[Fact], label: str, ev: Evidence) -> Evidence | None:
        if q.threshold is None:
            return None
        word, limit = q.threshold.said, q.threshold.limit
        above = q.threshold.comparator == ">"
        picked = [f for f in facts if (f.value > limit if above else f.value < limit)]
        ev.checks.append(_count_check(facts))
        # The bound is the question's own number: the filter shows it as an operand, like any condition.
        ev.checks.append(filtered(label, q.threshold.comparator, limit, facts).check)
        ev.facts.extend(facts)
        n = len(facts)
        bound = q.threshold.value + q.threshold.unit
        if not picked:
            ev.add(f"{n} 个绩效自评项目中，没有{label}{word} {bound} 的项目。")
            return ev
        ev.add(f"{n} 个绩效自评项目中，{label}{word} {bound} 的有 {len(picked)} 个：")
        for i, fact in enumerate(picked):
            ev.add(f"{fact.scope}（{show(fact)}）", self.kit.span(fact))
            ev.add("、" if i < len(picked) - 1 else "。")
        return ev


def _score(fact: Fact) -> str:
    value = show(fact)
    return value if value.endswith("分") else value + " 分"


def _ordinal(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _count_check(facts: Sequence[Fact]) -> Check:
    """How many figures were compared: a count is a calculation too, and is shown as one."""
    return count(facts).check
