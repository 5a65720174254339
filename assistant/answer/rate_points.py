"""How far apart two stated rates are, in percentage points ("A的完成率比B低几个百分点", "两项降幅差几个百分点"):
each rate as the report states it, cited, and their gap worked by the calculator and said as 个百分点 (never a
difference of the amounts, and never a percentage of a percentage).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.calculator import compute
from assistant.evidence.records import Evidence
from assistant.records import Operand
from assistant.understand.plan import Plan
from corpus import Fact

if TYPE_CHECKING:
    from assistant.answer.toolkit import Toolkit

RATES = ("预算完成率", "比上年增减率", "占比")
WHAT = {"预算完成率": "完成率", "占比": "占比"}


def points_apart(kit: Toolkit, q: Plan, first: str, second: str) -> Evidence | None:
    """The two subjects' rates of the plan's measure and their gap in percentage points; None if either is not
    stated."""
    if q.measure not in RATES:
        return None
    a, b = _rate(kit, first, q.measure), _rate(kit, second, q.measure)
    if a is None or b is None or a.subject == b.subject:
        return None
    ev = Evidence("answered", "derived", q.text)
    kit.group_text([a], ev)
    kit.group_text([b], ev)
    first_name, second_name = kit.name(a.subject), kit.name(b.subject)
    if q.measure == "比上年增减率" and a.value < 0 and b.value < 0:  # two falls: compared as 降幅
        x, y, what = -a.value, -b.value, "降幅"
        words = ("大", "小")
    else:
        x, y, what = a.value, b.value, WHAT.get(q.measure, "增减率" if q.measure == "比上年增减率" else "")
        words = ("高", "低")
    rate_a = Operand(format(x, "f"), f"{first_name} {a.measure}", a.id)
    rate_b = Operand(format(y, "f"), f"{second_name} {b.measure}", b.id)
    if x == y:
        ev.add(f"两者的{what}相同，相差 0 个百分点。")
        return ev
    larger, smaller = (rate_a, rate_b) if x > y else (rate_b, rate_a)
    gap = compute("difference", larger, smaller)
    word = words[0] if x > y else words[1]
    ev.add(f"{first_name}的{what}比{second_name}{word} {gap.said} = {gap.text} 个百分点。")
    ev.checks.append(gap.check)
    return ev


def _rate(kit: Toolkit, subject: str, measure: str) -> Fact | None:
    facts = kit.table.find(subject, measure) or kit.table.related(subject, measure)
    return kit.table.best(facts, subject)
