"""One figure the question names, checked against the sum or difference an earlier ask of the same question
worked out ("差额多少？与某项收入对得上吗"): both said, and whether they agree (never "一致" when they differ)."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.agreement import ROUNDING
from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan


def against_worked(kit: Toolkit, part: Plan, earlier: Evidence) -> Evidence | None:
    """The ask's one figure against the earlier ask's result; None when either is missing."""
    worked = next((c for c in earlier.checks if c.operation in ("sum", "difference") and c.ok), None)
    fact = kit.value_fact(part.subjects[0], part) if part.subjects else None
    if worked is None or fact is None:
        return None
    ev = Evidence("answered", "derived", part.text, route="against_worked")
    kit.group_text([fact], ev)
    result = Decimal(worked.result)
    if fact.value == result:
        ev.add(f"与前面算出的 {worked.result} {fact.unit}一致。")
        return ev
    high, low = (fact.value, result) if fact.value > result else (result, fact.value)
    gap = compute("difference", high, low, fixed=True)
    ev.checks.append(gap.check)
    verdict = "差额很小，属四舍五入造成的尾数差异" if gap.value <= ROUNDING else "两者不一致"
    ev.add(f"与前面算出的 {worked.result} {fact.unit}相差 {gap.said} = {gap.text} {fact.unit}，{verdict}。")
    return ev
