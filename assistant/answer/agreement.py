"""A check the user asks for ("核一下：A 加上 B 和 C 对得上吗", "A 和 B 一致吗"): the calculator adds the parts
named before the last subject (or takes the first alone) and compares the result with the last one; the answer
says whether they agree and, when not, by how much (a gap of a few 0.01 万元 is the report's rounding)."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.by_value import ByValue
from assistant.answer.toolkit import Answerer
from assistant.calculator import compute, format_number
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan
from corpus.records import Fact

ROUNDING = Decimal("0.05")  # a gap this small between figures in 万元 is a rounding difference (尾数差异)


class Agreement(Answerer):
    def matched(self, q: Plan, named: tuple[str, ...], by_value: ByValue) -> Evidence | None:
        """ "A减B的差额跟哪一项对得上": the difference worked out, then the items that state that figure."""
        found = [self.kit.value_fact(s, q) for s in named[:2]]
        if len(named) != 2 or None in found:
            return None
        high, low = sorted(found, key=lambda f: f.value, reverse=True)  # type: ignore[union-attr, arg-type]
        if high.unit != low.unit:  # type: ignore[union-attr]
            return None
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([high], ev)  # type: ignore[list-item]
        self.kit.group_text([low], ev)  # type: ignore[list-item]
        gap = compute("difference", high, low, fixed=True)  # type: ignore[arg-type]
        ev.checks.append(gap.check)
        names = f"{self.kit.name(high.subject)} − {self.kit.name(low.subject)}"  # type: ignore[union-attr]
        ev.add(f"差额 = {names} = {gap.said} = {gap.text} {high.unit}。")  # type: ignore[union-attr]
        holders = by_value.answer(q.with_(figure_said=format_number(gap.value)))
        if holders is None:
            ev.add(f"报告中没有另一项金额正好是 {gap.text} {high.unit}。")  # type: ignore[union-attr]
            return ev
        ev.pieces.extend(holders.pieces)
        ev.facts.extend(f for f in holders.facts if f not in ev.facts)
        return ev


    def _claimed(self, q: Plan, facts: list[Fact], claim: Decimal) -> Evidence | None:
        """The figures named, added, against the sum the question says."""
        if any(f.unit != facts[0].unit for f in facts):
            return None
        ev = Evidence("answered", "derived", q.text)
        for fact in facts:
            self.kit.group_text([fact], ev)
        total = compute("sum", *facts)
        ev.checks.append(total.check)
        ev.add(f"合计 {total.said} = {total.text} {facts[0].unit}。")
        if total.value == claim:
            ev.add(f"与问题中说的 {q.claim} {facts[0].unit}一致。")
            return ev
        more = total.value > claim
        gap = compute("difference", *((total.value, claim) if more else (claim, total.value)), fixed=True)
        ev.checks.append(gap.check)
        verdict = "属尾数差异，两者不完全一致" if gap.value <= ROUNDING else "两者不一致"
        ev.add(f"比问题中说的 {q.claim} {facts[0].unit}{'多' if more else '少'} {gap.said} = {gap.text} "
               f"{facts[0].unit}，{verdict}。")  # fmt: skip
        return ev

    def check(self, q: Plan, named: tuple[str, ...]) -> Evidence | None:
        """The first subjects (added when several) against the last one."""
        found = [self.kit.value_fact(s, q) for s in named]
        facts: list[Fact] = [f for f in found if f is not None]
        if len(facts) < 2 or len(facts) != len(found):
            return None
        claim = _decimal(q.claim)
        if claim is not None and q.says("sum_word"):  # "A和B加起来等于500吗": every figure named is a part
            return self._claimed(q, facts, claim)
        *parts, whole = _whole_last(facts)
        if any(f.unit != whole.unit for f in parts):
            return None
        ev = Evidence("answered", "derived", q.text)
        for fact in facts:
            self.kit.group_text([fact], ev)
        left = parts[0].value
        if len(parts) >= 2:
            total = compute("sum", *parts)
            ev.add(f"合计 {total.said} = {total.text} {whole.unit}。")
            ev.checks.append(total.check)
            left = total.value
        name = self.kit.name(whole.subject)
        lead = self.kit.name(parts[0].subject) if len(parts) == 1 else ""  # one figure against another: both named
        if left == whole.value:
            both = f"，两者都是 {show(whole)}" if lead else ""
            ev.add(f"{lead}与{name}一致{both}。")
            return ev
        more = left > whole.value
        gap = compute("difference", *((left, whole.value) if more else (whole.value, left)), fixed=True)
        ev.checks.append(gap.check)
        rounding = gap.value <= ROUNDING
        verdict = "，属尾数差异，两者不完全一致" if rounding else ("，两者不同" if lead else "，两者不完全一致")
        ev.add(f"{lead}比{name}{'多' if more else '少'} {gap.said} = {gap.text} {whole.unit}{verdict}。")
        return ev


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


def _whole_last(facts: list[Fact]) -> list[Fact]:
    """The facts with the total they are checked against last: with three or more, the one at least as large as
    every other, wherever it is named ("基本支出中人员经费和公用经费加起来等于基本支出吗" names it first); else the
    order named."""
    if len(facts) < 3:
        return facts
    largest = max(facts, key=lambda f: f.value)
    if sum(1 for f in facts if f.value == largest.value) > 1:
        return facts
    return [f for f in facts if f is not largest] + [largest]
