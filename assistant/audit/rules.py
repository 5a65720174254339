"""The audit's rules, one method each (see the package docstring for what they check)."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from assistant.audit.ledger import (
    _BRACKETS,
    _NOT_PROJECT_ITEM,
    _RUNNING_ITEM,
    AMOUNT,
    BUDGET_MEASURES,
    CENT,
    CHANGE,
    CHANGE_RATE,
    COMPLETION,
    EXACT,
    FISCAL_PREFIXES,
    PERCENT_MEASURES,
    RATE_TOLERANCE,
    SHARE,
    AuditItem,
    Ledger,
    _class_name,
    _dedupe_subjects,
    _dedupe_values,
    _kuan,
    _level,
    _names,
    _nearest,
    _num,
    _partition,
    _region,
    _unique,
)
from corpus.records import Fact, ProjectTable, Report

log = logging.getLogger(__name__)


class Auditor(Ledger):
    """The rules over a report's figures; `audit_report` runs them in a fixed order."""

    # -- rule 1: "其中" lists sum to their parent

    def parent_sums(self) -> None:
        groups: dict[tuple[str, str, str, str, str, str], list[Fact]] = defaultdict(list)
        for fact in self.amount_facts():
            if fact.parent:
                key = (fact.scope, fact.parent, fact.measure, fact.unit, _level(fact.subject), _region(fact.section_id))
                groups[key].append(fact)
        for (scope, parent, measure, _unit, _lvl, _reg), members in groups.items():
            parts = _dedupe_subjects(sorted(members, key=lambda f: f.start))
            if len(parts) < 2 and not (parts and _level(parts[0].subject)):
                continue  # a single "其中" figure is a part, not a partition
            for total in self.totals_for(parent, measure, scope, parts[0]):
                listed = _partition(parts, total.value)
                self.add_sum(f"{parent} = {_names(listed)}之和", total, listed)

    # -- rule 2: shares

    def shares(self) -> None:
        groups: dict[tuple[str, str, str], list[tuple[Fact, Fact]]] = defaultdict(list)
        for share in (f for f in self.facts if f.measure == SHARE and f.year == self.year):
            if not share.parent:
                continue
            amounts = self.find(share.subject, AMOUNT, share.scope)
            totals = self.find(share.parent, AMOUNT, share.scope)
            if not amounts or not totals:
                continue
            amount = _nearest(amounts, share)
            total = _nearest(totals, share)
            self.add(
                f"{share.subject} 占 {share.parent} 的比重",
                f"{_num(amount.value)} ÷ {_num(total.value)} × 100%",
                share.value,
                [share, amount, total],
                RATE_TOLERANCE,
                percent=True,
            )
            groups[(share.scope, share.parent, _region(share.section_id))].append((share, amount))
        for (scope, parent, _region_id), pairs in groups.items():
            unique = list({s.subject: (s, a) for s, a in reversed(pairs)}.values())[::-1]
            if len(unique) < 2:
                continue
            totals = self.find(parent, AMOUNT, scope)
            covered = sum((a.value for _, a in unique), Decimal(0))
            if not totals or abs(covered - _nearest(totals, unique[0][0]).value) > CENT * len(unique):
                continue  # the listed parts do not make up the whole: their shares need not sum to 100
            tolerance = Decimal(math.ceil(len(unique) / 2)) * CENT
            self.add(
                f"{parent} 各组成部分占比合计为 100%",
                " + ".join(_num(s.value) for s, _ in unique),
                Decimal(100),
                [s for s, _ in unique],
                tolerance,
                percent=True,
            )

    # -- rule 3: year-on-year changes

    def changes(self) -> None:
        for rate in (f for f in self.facts if f.measure == CHANGE_RATE and f.year == self.year):
            amounts = self.find(rate.subject, AMOUNT, rate.scope)
            deltas = self.find(rate.subject, CHANGE, rate.scope)
            priors = self.find(rate.subject, AMOUNT, rate.scope, self.year - 1)
            if amounts and deltas:
                amount, delta = _nearest(amounts, rate), _nearest(deltas, rate)
                expression = f"{_num(delta.value)} ÷ ({_num(amount.value)} − {_num(delta.value)}) × 100%"
                used = [rate, delta, amount]
            elif amounts and priors:
                amount, prior = _nearest(amounts, rate), _nearest(priors, rate)
                expression = f"({_num(amount.value)} − {_num(prior.value)}) ÷ {_num(prior.value)} × 100%"
                used = [rate, amount, prior]
            else:
                continue
            self.add(f"{rate.subject} 比上年增减率", expression, rate.value, used, RATE_TOLERANCE, percent=True)
        for delta in (f for f in self.facts if f.measure == CHANGE and f.year == self.year):
            amounts = self.find(delta.subject, AMOUNT, delta.scope)
            priors = self.find(delta.subject, AMOUNT, delta.scope, self.year - 1)
            if amounts and priors:
                amount, prior = _nearest(amounts, delta), _nearest(priors, delta)
                self.add(
                    f"{delta.subject} 比上年增减额",
                    f"{_num(amount.value)} − {_num(prior.value)}",
                    delta.value,
                    [delta, amount, prior],
                    EXACT,
                )

    def completion_rates(self) -> None:
        for rate in (f for f in self.facts if f.measure == COMPLETION and f.year == self.year):
            amounts = self.find(rate.subject, AMOUNT, rate.scope)
            budgets = [b for m in BUDGET_MEASURES for b in self.find(rate.subject, m, rate.scope)]
            if amounts and budgets:
                amount, budget = _nearest(amounts, rate), _nearest(budgets, rate)
                if budget.value:
                    self.add(
                        f"{rate.subject} 预算完成率",
                        f"{_num(amount.value)} ÷ {_num(budget.value)} × 100%",
                        rate.value,
                        [rate, amount, budget],
                        RATE_TOLERANCE,
                        percent=True,
                    )

    # -- rule 4: 类 / 项

    def classification(self) -> None:
        items = _dedupe_subjects(
            f for f in self.amount_facts() if f.measure == AMOUNT and not f.scope and _level(f.subject) == "项"
        )
        if not items:
            return
        classes = [f for f in self.amount_facts() if f.measure == AMOUNT and not f.scope and not _level(f.subject)]
        by_class: dict[str, list[Fact]] = defaultdict(list)
        for item in items:
            by_class[_class_name(item.subject)].append(item)
        class_totals: list[Fact] = []
        for name, members in by_class.items():
            stated = [c for c in classes if _class_name(c.subject) == name]
            if not stated:
                continue
            total = _nearest(stated, members[0])
            class_totals.append(total)
            self.add_sum(f"{total.subject} = 其下各项（项）之和", total, members)
        # All 项 together make up the total the 类 belong to (or the 项' own parent).
        parents = _unique([c.parent for c in class_totals] + [i.parent for i in items])
        for parent in parents:
            for total in self.totals_for(parent, AMOUNT, "", items[0]):
                self.add_sum(f"{parent} = 全部功能分类（项）之和", total, items)

    # -- rule 5: the same quantity stated more than once

    def repeated(self) -> None:
        """One row per quantity stated in several sections: all statements agree, or one row per other value."""
        by_unit: dict[tuple[str, str, str, int, str], list[Fact]] = defaultdict(list)
        for fact in self.facts:  # 12 批次 and 114 人次 of one subject are different quantities
            by_unit[(fact.scope, fact.subject, fact.measure, fact.year, fact.unit)].append(fact)
        for (_scope, subject, measure, year, _unit), facts in by_unit.items():
            sections = _unique(f.section_id for f in facts)
            if year != self.year or len(sections) < 2:
                continue
            percent = measure in PERCENT_MEASURES
            tolerance = RATE_TOLERANCE if percent else EXACT
            values = _dedupe_values(facts)
            first = values[0]
            if len(values) == 1:
                where = "、".join(sections[:3]) + (f" 等 {len(sections)} 处" if len(sections) > 3 else "")
                self.add(
                    f"{subject}（{measure}）在 {where} 的表述一致",
                    _num(first.value),
                    first.value,
                    facts,
                    tolerance,
                    percent=percent,
                )
                continue
            for other in values[1:]:
                where = f"{first.section_id} 与 {other.section_id}"
                self.add(
                    f"{subject}（{measure}）在 {where} 的表述一致",
                    _num(other.value),
                    first.value,
                    [first, other],
                    tolerance,
                    percent=percent,
                )

    def all_fiscal(self) -> bool:
        """Is all income 财政拨款 (a 100% share, or a 财政拨款收入 equal to the income total)?"""
        current = [f for f in self.facts if f.year == self.year]
        if any(
            f.measure == SHARE and f.value == 100 and "财政拨款" in f.subject and "收入" in f.subject for f in current
        ):
            return True
        fiscal = {f.value for f in current if f.measure == AMOUNT and "财政拨款收入" in f.subject}
        totals = {f.value for f in current if f.measure == AMOUNT and "收入合计" in f.subject}
        return bool(fiscal & totals)

    def equivalents(self) -> None:
        """基本支出 ≡ 一般公共预算财政拨款基本支出 (etc.) when every yuan of income is 财政拨款."""
        if not self.all_fiscal():
            return
        subjects = {f.subject for f in self.amount_facts() if f.measure == AMOUNT and not f.scope}
        for long in sorted(subjects):
            for prefix in FISCAL_PREFIXES:
                short = long.removeprefix(prefix)
                if short == long or short not in subjects or len(short) < 2:
                    continue
                self.compare_equivalent(short, long)
                break

    def compare_equivalent(self, short: str, long: str) -> None:
        shorts, longs = self.find(short, AMOUNT), self.find(long, AMOUNT)
        for a in _dedupe_values(shorts):
            for b in _dedupe_values(longs):
                self.add(
                    f"{short}（{a.section_id}）与 {long}（{b.section_id}）应相等（收入全部为财政拨款）",
                    _num(b.value),
                    a.value,
                    [a, b],
                    EXACT,
                )
        # The parts listed under one name must also make up the other.
        for whole, other in ((short, long), (long, short)):
            parts = _dedupe_subjects(
                f for f in self.amount_facts() if f.parent == other and f.measure == AMOUNT and not f.scope
            )
            if len(parts) >= 2:
                for total in _dedupe_values(self.find(whole, AMOUNT)):
                    self.add_sum(f"{whole}（{total.section_id}）= {_names(parts)}之和", total, parts)

    def spending_items(self) -> None:
        """项目支出 against the 项 that carry it.

        Template convention: in a 款 that has a 行政运行/事业运行 项 (the body's own running costs), the other
        项 of that 款 carry the project spending. Only 一般公共预算 money is classified by 项, so the plain
        项目支出 is compared only when all income is 财政拨款. (No complementary check for 基本支出: project
        money may also sit in other 项, so "the rest is basic" does not hold in general.)"""
        items = _dedupe_subjects(
            f for f in self.amount_facts() if f.measure == AMOUNT and not f.scope and _level(f.subject) == "项"
        )
        running_kuan = {_kuan(i.subject) for i in items if _RUNNING_ITEM.search(i.subject.translate(_BRACKETS))}
        running_kuan.discard("")
        project = [
            i
            for i in items
            if _kuan(i.subject) in running_kuan and not _NOT_PROJECT_ITEM.search(i.subject.translate(_BRACKETS))
        ]
        if not project:
            return
        names = ["一般公共预算财政拨款项目支出"] + (["项目支出"] if self.all_fiscal() else [])
        for name in names:
            for total in _dedupe_values(self.find(name, AMOUNT)):
                self.add_sum(f"{name}（{total.section_id}）= 项目类功能分类（项）之和", total, project)

    # -- rule 6: project tables

    def projects(self) -> None:
        for project in self.report.projects:
            self.project_rate(project)
            self.project_score(project)

    def project_facts(self, project: ProjectTable, measures: Iterable[str]) -> list[Fact]:
        wanted = set(measures)
        return [f for f in self.facts if f.scope == project.name and f.measure in wanted]

    def project_rate(self, project: ProjectTable) -> None:
        executed, adjusted, rate = project.executed, project.adjusted_budget, project.execution_rate
        if executed is None or adjusted is None or rate is None or adjusted == 0:
            return
        used = self.project_facts(project, ("执行数", "调整后预算", "执行率"))
        self._project_item(
            project,
            f"项目“{project.name}”预算执行率",
            f"{_num(executed)} ÷ {_num(adjusted)} × 100%",
            rate,
            used,
            RATE_TOLERANCE,
            percent=True,
        )

    def project_score(self, project: ProjectTable) -> None:
        rows = project.indicators
        if project.self_score is None or not rows or any(r.score is None or r.weight is None for r in rows):
            return
        scores = [r.score for r in rows if r.score is not None]
        weights = sum((r.weight for r in rows if r.weight is not None), Decimal(0))
        budget_score = getattr(project, "budget_score", None)
        budget_weight = getattr(project, "budget_weight", None)
        if budget_weight is None and weights < 100:
            budget_weight = Decimal(100) - weights
        if budget_score is not None:
            budget_part = _num(budget_score)
        elif budget_weight is not None and project.execution_rate is not None:
            # The 预算执行 score is not a field of the table: the template scores it as weight × 执行率 (capped).
            rate = min(project.execution_rate, Decimal(100))
            budget_part = f"{_num(budget_weight)} × {_num(rate)}%"
        else:
            return
        expression = " + ".join([*(_num(s) for s in scores), budget_part])
        used = self.project_facts(project, ("自评得分", "执行率"))
        self._project_item(
            project,
            f"项目“{project.name}”自评得分 = 各指标得分 + 预算执行得分",
            expression,
            project.self_score,
            used,
            CENT,
        )

    def _project_item(
        self,
        project: ProjectTable,
        name: str,
        expression: str,
        expected: Decimal,
        used: Sequence[Fact],
        tolerance: Decimal,
        percent: bool = False,
    ) -> None:
        before = len(self.items)
        self.add(name, expression, expected, used, tolerance, percent=percent)
        if len(self.items) > before and project.section_id not in self.items[-1].section_ids:
            item = self.items[-1]
            self.items[-1] = AuditItem(
                item.name,
                item.expression,
                item.expected,
                item.computed,
                item.difference,
                item.ok,
                [project.section_id, *item.section_ids],
                item.fact_ids,
            )


def audit_report(report: Report) -> list[AuditItem]:
    """Every consistency check the report's fact table allows, in a stable order."""
    auditor = Auditor(report)
    for rule in (
        auditor.parent_sums,
        auditor.classification,
        auditor.equivalents,
        auditor.spending_items,
        auditor.shares,
        auditor.changes,
        auditor.completion_rates,
        auditor.repeated,
        auditor.projects,
    ):
        rule()
    return auditor.items
