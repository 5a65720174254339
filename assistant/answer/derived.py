"""Derived figures, each from the calculator with its formula shown: the prior year from a change, the
budget from an execution rate, shares, differences, ratios, sums (never a part added to its own total), what is
left after a part, per-unit averages, and the largest or smallest part of a total."""

from __future__ import annotations

import logging
from decimal import Decimal

from assistant.answer.rate_points import points_apart
from assistant.answer.toolkit import Answerer
from assistant.calculator import CalculatorError, compute, format_number
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan
from corpus import Fact

log = logging.getLogger(__name__)


COMPLEMENT = CUES.cue("complement")
AMOUNTS = ("", "决算数", "比上年增减额")  # what a prior year can be derived for: an amount and its change


PER = CUES.cue("per")


ASKS_COUNT = CUES.cue("asks_count")


ROUNDING = Decimal("0.01")  # each stated line is rounded to 0.01: a sum of n may be off by n of them


class Derived(Answerer):
    """The calculator's answers over stated figures."""

    # ------------------------------------------------------------------ derived
    def derived(self, q: Plan) -> Evidence | None:
        if q.year and q.year == self.year - 1:
            return self.prior_year(q)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        op = q.operation
        if op in ("max", "min"):
            return self.extreme_children(q, subjects)
        if op == "share" and len(subjects) >= 2:
            return self.share(q, subjects[0], subjects[1])
        if op == "difference" and len(subjects) >= 2:
            return self.binary(q, "difference", subjects[0], subjects[1])
        if op == "sum" and len(subjects) >= 2:
            return self.sum_of(q, subjects)
        return None

    def prior_year(self, q: Plan) -> Evidence | None:
        """Last year's amount: stated, or this year's amount less the stated change. A rate or share of last year
        is never derived (no stated change gives it): None, so the route refuses naming it."""
        ev = Evidence("answered", "derived", q.text)
        for subject in self._addends(q):
            stated = self.table.find(subject, q.measure or "决算数", year=self.year - 1)
            if stated:
                self.kit.group_text([stated[0]], ev)
                continue
            if q.measure not in AMOUNTS:
                continue
            change = self.table.best(self.table.find(subject, "比上年增减额"), subject)
            if change is None:  # named by a shorter word ("公务用车"): the amount its figure answer states
                primary = self.kit.primary(subject, q.with_(measure="决算数"))
                group = self.table.group(primary) if primary is not None else []
                change = next((f for f in group if f.measure == "比上年增减额"), None)
            said_of = subject
            grand = self.table.equal_total(subject) or self.table.equal_parent(subject)
            if change is None and grand:  # stated of the grand total, or of the total it makes up alone, only
                change = self.table.best(self.table.find(grand, "比上年增减额"), grand)
                said_of = grand if change is not None else subject
            if change is None:
                continue
            current = [f for f in self.table.group(change) if f.measure == "决算数"]
            value = current[0] if current else self.table.best(self.table.find(subject, "决算数"), subject)
            if value is None:
                continue
            try:
                comp = compute("prior_year", value, change)
            except CalculatorError:
                log.exception("prior_year failed")
                continue
            self.kit.group_text([f for f in (value, change) if f], ev)
            unit = value.unit
            if said_of != subject:
                ev.add(self._equal_total_note(subject, said_of, value))
            ev.add(
                f"据此推算：{self.year - 1} 年{self.kit.name(change.subject)} = {comp.said} = "
                f"{format_number(comp.value)} {unit}。"
            )
            ev.checks.append(comp.check)
        derived = [c for c in ev.checks if c.operation == "prior_year"]
        if len(derived) >= 2 and q.says("sum_word"):  # "X和Y上年合计多少": the years just derived, added
            total = compute("sum", *(Decimal(c.result) for c in derived))
            ev.add(f"{self.year - 1} 年合计 = {total.said} = {total.text} {ev.facts[-1].unit if ev.facts else ''}。")
            ev.checks.append(total.check)
        return ev if ev.pieces else None

    def _equal_total_note(self, subject: str, grand: str, value, what: str = "比上年的增减") -> str:
        """Why a figure is worked from the grand total (or the total the subject makes up alone): the report
        states `what` of that one only, and they are the same money."""
        mine = self.table.find(subject, "决算数")[0]
        same = format_number(mine.value)
        by = "增减" if what == "比上年的增减" else "完成预算比例"
        return (
            f"报告没有单独写明{self.kit.name(subject)}{what}；{self.kit.name(subject)}与"
            f"{self.kit.name(grand)}同为 {same} {mine.unit}，按{self.kit.name(grand)}的{by}推算。"
        )

    def budget_of(self, q: Plan) -> Evidence | None:
        """决算数 ÷ 完成预算% = the budget the report implies (it never states budgets of items)."""
        ev = Evidence("answered", "derived", q.text)
        unstated: list[str] = []
        for subject in self._addends(q):
            rate = self.table.best(self.table.find(subject, "预算完成率"), subject)
            if rate is None:
                rate = self.table.best(self.table.related(subject, "预算完成率"), subject)
            whole = self.table.equal_parent(subject) if rate is None else ""
            if whole:  # the total it makes up alone states the rate: the same money
                rate = self.table.best(self.table.find(whole, "预算完成率"), whole)
            if rate is None:  # a detail the template states the rate of under its overall name, if the same money
                whole = self._same_money_holder(subject, "预算完成率")
                rate = self.table.best(self.table.find(whole, "预算完成率"), whole) if whole else None
            if rate is None or rate.value == 0:
                unstated.append(subject)
                continue
            if whole:
                ev.add(self._equal_total_note(subject, whole, rate, "完成预算的比例"))
            values = [f for f in self.table.group(rate) if f.measure == "决算数"]
            if not values:
                continue
            value = values[0]
            budget = compute("budget", value, rate, fixed=True)
            ev.facts.extend([value, rate])
            ev.add(
                f"{self.kit.phrase(value, True)}，{self.kit.phrase(rate, False)}。",
                self.kit.span(value),
                self.kit.span(rate),
            )
            ev.add(f"据此推算，预算数约为 {budget.said} = {budget.text} {value.unit}。")
            ev.checks.append(budget.check)
            if q.says("gap_word") or q.says("difference_asked"):
                gap = compute("difference", budget.value, value, fixed=True)
                ev.add(f"预算数与决算数相差 {gap.said} = {gap.text} {value.unit}。")
                ev.checks.append(gap.check)
        self._sum_of_derived(q, ev)
        if ev.pieces and unstated:  # one of several: said, never left out silently
            names = "、".join(self.kit.name(s) for s in unstated)
            ev.add(f"报告没有写明{names}完成预算的比例，无从推算其预算。")
        return ev if ev.pieces else None

    def _same_money_holder(self, subject: str, measure: str) -> str:
        """The total whose `measure` the template states for `subject` (cues.toml `overall_measure_of`), when
        both are the same money (equal 决算数); else ""."""
        holder = CUES.table("overall_measure_of").get(measure, {}).get(subject, "")
        mine = self.table.find(subject, "决算数")[:1]
        theirs = self.table.find(holder, "决算数")[:1] if holder else []
        return holder if mine and theirs and mine[0].value == theirs[0].value else ""

    def _addends(self, q: Plan) -> tuple[str, ...]:
        """The subjects named; with a sum asked, a total named beside its own parts ("三公经费里公务用车和公务接待
        两部分…合计") only says where they are: adding it to them would count them twice."""
        named = q.subjects or tuple(s for g in q.ambiguous for s in g)
        if not q.says("sum_word") or len(named) < 3:
            return named
        parts = {s: {f.subject for f in self.table.children(s)} for s in named}
        return tuple(s for s in named if len(parts[s] & set(named)) < 2)

    def _sum_of_derived(self, q: Plan, ev: Evidence) -> None:
        """ "这几项的预算一共剩多少": the gaps (else the budgets) just derived for several subjects, added."""
        gaps = [c for c in ev.checks if c.operation == "difference"]
        budgets = [c for c in ev.checks if c.operation == "budget"]
        derived, what = (gaps, "预算数与决算数之差") if gaps else (budgets, "推算的预算数")
        if len(derived) < 2 or not q.says("sum_word"):
            return
        total = compute("sum", *(Decimal(c.result) for c in derived), fixed=True)
        unit = ev.facts[0].unit if ev.facts else ""
        ev.add(f"以上{what}合计 = {total.said} = {total.text} {unit}。")
        ev.checks.append(total.check)

    def share(self, q: Plan, part: str, whole: str) -> Evidence | None:
        a, b = self.kit.value_fact(part, q), self.kit.value_fact(whole, q)
        if a is None or b is None:  # "自评的项目占编了绩效目标的项目的比例": two counts the report states
            a, b = self._count(part), self._count(whole)
            if a is None or b is None or a.unit != b.unit:
                return None
        a, b = (a, b) if abs(a.value) <= abs(b.value) else (b, a)
        stated = [f for f in self.table.find(a.subject, "占比") if f.parent == b.subject]
        ev = Evidence("answered", "derived", q.text)
        comp = compute("share", a, b)
        ev.checks.append(comp.check)
        if stated:  # the report states it: say so, and show the calculator agrees
            ev.add(f"{self.kit.phrase(stated[0], True)}。", self.kit.span(stated[0]))
            ev.facts.extend([stated[0], a, b])
            agrees = "一致" if comp.value == stated[0].value else "略有出入（报告为四舍五入后的数）"
            ev.add(f"（核算：{comp.said} = {comp.text}，{agrees}）")
            return ev
        self.kit.group_text([a], ev)
        self.kit.group_text([b], ev)
        of = "的数量" if a.measure == "数量" else ""  # two counts: "绩效自评的数量占绩效目标的数量的比例"
        ev.add(f"{self.kit.name(a.subject)}{of}占{self.kit.name(b.subject)}{of}的比例 = {comp.said} = {comp.text}。")
        return ev

    def _count(self, subject: str) -> Fact | None:
        """The one count the report states of a subject (a number of projects, of people), if it states one."""
        counts = [f for f in self.table.find(subject, "数量") if not f.scope]
        return counts[0] if len({(f.value, f.unit) for f in counts}) == 1 else None

    def binary(self, q: Plan, kind: str, first: str, second: str) -> Evidence | None:
        if kind == "difference" and q.says("points"):  # "完成率比…低几个百分点": the rates' gap, not the amounts'
            return points_apart(self.kit, q, first, second)
        a, b = self.kit.value_fact(first, q), self.kit.value_fact(second, q)
        if a is None or b is None:
            return None
        if kind == "difference" and a.value < b.value:  # "A 比 B 少多少" and "没有授予…的" both want a positive gap
            a, b = b, a
        comp = compute(kind, a, b)
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([a], ev)
        self.kit.group_text([b], ev)
        if kind == "difference":
            names = f"{self.kit.name(a.subject)} − {self.kit.name(b.subject)}"
            way = ""
            if q.says("which_way") and a.value != b.value:  # "多还是少": said of the one asked about first
                asked, other = (a, b) if a.subject == first else (b, a)
                way = f"，{self.kit.name(asked.subject)}比{self.kit.name(other.subject)}{'多' if asked is a else '少'}"
            ev.add(f"两者相差 {names} = {comp.said} = {comp.text} {a.unit}{way}。")
        else:
            ev.add(f"{self.kit.name(a.subject)}是{self.kit.name(b.subject)}的 {comp.said} = {comp.text} 倍。")
        ev.checks.append(comp.check)
        return ev

    def sum_of(self, q: Plan, subjects: list[str]) -> Evidence | None:
        facts = [f for f in (self.kit.value_fact(s, q) for s in subjects) if f is not None]
        if len(facts) < 2:
            return None
        complement = self.complement(q)
        if complement is not None:
            return complement
        # A part is already inside its own total: adding the two would count it twice.
        parts = [f for f in facts if any(self._inside(f.subject, o.subject) for o in facts if o is not f)]
        if parts:
            ev = Evidence("answered", "derived", q.text)
            for fact in facts:
                self.kit.group_text([fact], ev)
            leaves = [f for f in facts if not any(self._inside(o.subject, f.subject) for o in facts if o is not f)]
            if len(leaves) >= 2:  # "三公里的餐费和车辆运行一共": the totals only say where the parts are; add the parts
                wholes = "、".join(self.kit.name(f.subject) for f in facts if f not in leaves)
                inside = "、".join(self.kit.name(f.subject) for f in leaves)
                ev.add(f"{inside}都是{wholes}中的一项，把它们相加。")
                return self._added(ev, leaves)
            wholes = "、".join(self.kit.name(f.subject) for f in facts if f not in parts)
            inside = "、".join(self.kit.name(f.subject) for f in parts)
            kept = [f for f in facts if f not in parts]
            if len(kept) < 2:
                ev.add(f"{inside}已包含在{wholes}之中，不能再相加：合计就是{wholes}本身。")
                return ev
            ev.add(f"{inside}已包含在{wholes}之中，不重复相加。")
            facts = kept
        else:
            ev = Evidence("answered", "derived", q.text)
            for fact in facts:
                self.kit.group_text([fact], ev)
            total = _total_of_others(facts)
            if total is not None:  # "说基本支出4733.08，人员经费加公用经费合计多少": the total named beside its parts
                ev.add(f"{self.kit.name(total.subject)}是其余各项的总数，不重复相加。")
                facts = [f for f in facts if f is not total]
        return self._added(ev, facts)

    @staticmethod
    def _added(ev: Evidence, facts: list[Fact]) -> Evidence:
        comp = compute("sum", *facts)
        ev.add(f"合计 {comp.said} = {comp.text} {facts[0].unit}。")
        ev.checks.append(comp.check)
        return ev

    def ratio(self, q: Plan) -> Evidence | None:
        subjects = list(q.subjects)
        if len(subjects) < 2:
            return None
        return self.binary(q, "ratio", subjects[0], subjects[1])

    def extreme_children(self, q: Plan, subjects: list[str]) -> Evidence | None:
        """ "三公经费中哪项最多": the largest/smallest part of a stated total."""
        for subject in subjects:
            parts = self.table.children(subject)
            if len(parts) < 2:
                continue
            comp = compute(q.operation, *parts)
            winners = [f for f in parts if f.value == comp.value]
            word = "最多" if q.operation == "max" else "最少"
            ev = Evidence("answered", "derived", q.text)
            names = "、".join(self.kit.name(f.subject) for f in winners)
            ev.add(f"{self.kit.name(subject)}的各项中，{word}的是{names}：")
            for fact in winners:
                self.kit.group_text([fact], ev)
            ev.checks.append(comp.check)
            return ev
        return None

    # ------------------------------------------------------------------ complement sums
    def complement(self, q: Plan) -> Evidence | None:
        """ "除了X，其他几类加起来": the total less the excluded parts (T − X), checked against the sum of the
        remaining siblings. Never T + X: a part is already inside its own total."""
        if not (q.operation == "complement" or (q.says("complement") and q.says("sum_word"))):
            return None
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        plain = q.with_(measure="")
        values = {s: f for s in subjects if (f := self.kit.value_fact(s, plain)) is not None}
        total = excluded = None
        for name in values:
            parts = {f.subject for f in self.table.children(name)}
            inside = [values[s] for s in values if s != name and s in parts]
            if inside and len(parts) >= 2:
                total, excluded = values[name], inside
                break
        if total is None and len(values) == 1:  # "除了X，其余加起来": X's own total is the whole
            only = next(iter(values.values()))
            parent = only.parent
            if parent and any(f.subject == only.subject for f in self.table.children(parent)):
                whole = self.kit.value_fact(parent, plain)
                if whole is not None:
                    total, excluded = whole, [only]
        if total is None or excluded is None:
            return None
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([total], ev)
        for fact in excluded:
            self.kit.group_text([fact], ev)
        rest = compute("difference", total, *excluded, fixed=True)
        remainder = rest.value
        left_out = "、".join(self.kit.name(f.subject) for f in excluded)
        ev.add(
            f"除{left_out}以外，其余各项合计 = {self.kit.name(total.subject)} − {left_out} = {rest.said} = "
            f"{rest.text} {total.unit}。"
        )
        ev.checks.append(rest.check)
        gone = {f.subject for f in excluded}
        siblings = [f for f in self.table.children(total.subject) if f.subject not in gone and f.unit == total.unit]
        comp = compute("sum", *siblings) if siblings else None
        if comp is not None and abs(comp.value - remainder) > ROUNDING * len(siblings):
            comp = None  # the lines stated under the total split it more than one way: no check to show
        if comp is not None:
            listed = "、".join(f"{self.kit.name(f.subject)} {show(f)}" for f in siblings)
            ev.facts.extend(siblings)
            ev.checks.append(comp.check)
            if comp.value == remainder:
                agrees = "两种算法结果一致"
            else:
                gap = compute("difference", max(comp.value, remainder), min(comp.value, remainder))
                ev.checks.append(gap.check)
                agrees = f"与上面的差额相差 {gap.text} {total.unit}，是报告各数四舍五入所致"
            ev.add(
                f"核对：其余各项为{listed}，逐项相加 {comp.said} = {comp.text} {total.unit}，{agrees}。",
                *[self.kit.span(f) for f in siblings],
            )
        return ev

    def _inside(self, part: str, whole: str, depth: int = 3) -> bool:
        """Is `part` one of the lines that make up `whole` (or of their lines)? A part is never added to it."""
        if depth == 0:
            return False
        children = {f.subject for f in self.table.children(whole)}
        return part in children or any(self._inside(part, c, depth - 1) for c in children)


def _total_of_others(facts: list[Fact]) -> Fact | None:
    """Of three or more amounts, the one equal to the others' sum but for rounding (≤ 0.05): their total."""
    if len(facts) < 3 or any(f.unit != facts[0].unit for f in facts):
        return None
    for fact in facts:
        rest = sum((f.value for f in facts if f is not fact), Decimal(0))
        if abs(rest - fact.value) <= Decimal("0.05"):
            return fact
    return None
