"""A check the user asks for ("核一下：A 加上 B 和 C 对得上吗", "A 和 B 一致吗"): the calculator adds the parts
named before the last subject (or takes the first alone) and compares the result with the last one; the answer
says whether they agree and, when not, by how much (a gap of a few 0.01 万元 is the report's rounding)."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.toolkit import Answerer
from assistant.calculator import compute
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan
from corpus.records import Fact

ROUNDING = Decimal("0.05")  # a gap this small between figures in 万元 is a rounding difference (尾数差异)


class Agreement(Answerer):
    def check(self, q: Plan, named: tuple[str, ...]) -> Evidence | None:
        """The first subjects (added when several) against the last one."""
        found = [self.kit.value_fact(s, q) for s in named]
        facts: list[Fact] = [f for f in found if f is not None]
        if len(facts) < 2 or len(facts) != len(found):
            return None
        *parts, whole = facts
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
