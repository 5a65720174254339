"""Shares and rates over what earlier asks of a compound question worked out, computed by the calculator.

- "哪个项目执行数最多？占全部项目执行数合计的比例？": the winner's value ÷ the collection's total.
- "各项目调整后预算一共多少，合起来执行了百分之几？": a rate of the whole collection, Σ numerator ÷ Σ denominator
  (the template's rate is a ratio of two columns: 执行率 = 执行数 ÷ 调整后预算), never an average of rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.calculator import compute
from assistant.calculator.checks import plain_signs
from assistant.evidence.records import Evidence, Found
from assistant.execute.aggregate import LABELS, Aggregates
from assistant.records import Check
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

OVERALL = CUES.cue("overall_rate")
RATE_PARTS = {rate: tuple(parts) for rate, parts in CUES.table("rate_parts").items()}
PICKS = ("max", "min", "nth")


def picked_value(evidence: Evidence) -> Decimal | None:
    """The value of the one member an answer picked (a ranking's winner), if it picked one."""
    found = evidence.found
    if evidence.status != "answered" or found is None or len(found.names) != 1:
        return None
    picks = [c for c in evidence.checks if c.operation in PICKS and c.ok]
    return Decimal(picks[-1].result) if picks else None


def overall_rate(part: Plan) -> str:
    """The rate asked of a collection as a whole ("整体执行率"), or ""."""
    if not OVERALL.search(part.text):
        return ""
    asked = part.attribute or part.measure
    return next((rate for rate in RATE_PARTS if rate == asked or rate in part.text), "")


class FoundShares:
    def __init__(self, aggregates: Aggregates) -> None:
        self.aggregates = aggregates

    def share_in_total(self, part: Plan, value: Decimal, earlier: Evidence) -> Evidence | None:
        """The picked member's value as a share of the collection's total of the same column."""
        found = earlier.found
        assert found is not None
        outcome = self.aggregates.run(part.text, found.collection, part.attribute, "sum")
        if outcome is None:
            return None
        total = _last_sum(outcome.evidence)
        if total is None:
            return None
        share = compute("share", value, Decimal(total.result))
        ev = outcome.evidence
        ev.checks.append(share.check)
        ev.add(f"{found.names[0]}占合计的比例 = {share.said} = {share.text}。")
        ev.route = "share_in_total"
        return ev

    def share_of_members(self, part: Plan, named: tuple[str, ...]) -> Evidence | None:
        """ "X的执行数占12个项目执行数合计的比重": the members named, added up (one: its value), ÷ the column's
        total over the whole collection (`part.whole`)."""
        outcome = self.aggregates.run(part.text, part.whole, part.attribute, "sum", only=named)
        total = _last_sum(outcome.evidence) if outcome is not None else None
        if outcome is None or total is None or len(outcome.found) != len(named):
            return None
        label = LABELS.get(part.attribute, part.attribute)
        name = f"{outcome.found[0].shown_name}{label}" if len(named) == 1 else ""
        return self.share_in_collection(part, Decimal(total.result), name, outcome.evidence)

    def share_in_collection(
        self, part: Plan, value: Decimal, name: str, before: Evidence | None = None
    ) -> Evidence | None:
        """`value` (worked out before, its sentences in `before`) ÷ the column's total over the collection."""
        outcome = self.aggregates.run(part.text, part.whole, part.attribute, "sum")
        total = _last_sum(outcome.evidence) if outcome is not None else None
        if outcome is None or total is None or not Decimal(total.result):
            return None
        share = compute("share", value, Decimal(total.result))
        ev = Evidence("answered", "derived", part.text, route="share_of_members")
        for earlier in (before, outcome.evidence):
            if earlier is not None:
                ev.pieces.extend(earlier.pieces)
                ev.checks.extend(earlier.checks)
                ev.facts.extend(earlier.facts)
        ev.checks.append(share.check)
        label = LABELS.get(part.attribute, part.attribute)
        column = self.aggregates.columns.column(part.whole, part.attribute)
        scope = column.label if column is not None else ""
        ev.add(f"{name or '以上合计'}占{scope}{label}合计的比例 = {share.said} = {share.text}。")
        return ev

    def overall(self, part: Plan, rate: str, answers: Sequence[Evidence]) -> Evidence | None:
        """Σ numerator ÷ Σ denominator over the collection (or the members an earlier ask found)."""
        numerator, denominator = RATE_PARTS[rate]
        collection = part.collection or "projects"
        only = _members(answers)
        totals: list[tuple[str, Decimal, str, list]] = []
        checks = []
        facts = []
        for column in (numerator, denominator):
            outcome = self.aggregates.run(part.text, collection, column, "sum", only=only)
            total = _last_sum(outcome.evidence) if outcome else None
            if outcome is None or total is None:
                return None
            checks.append(total)
            facts.extend(outcome.evidence.facts)
            cites = [] if answers else [c for p in outcome.evidence.pieces for c in p.cites]  # asked on its own
            totals.append((column, Decimal(total.result), plain_signs(total.expression), cites))
        said = "".join(p.text for a in answers for p in a.pieces)
        ev = Evidence("answered", "derived", part.text, route="overall_rate")
        ev.checks.extend(checks)
        ev.facts.extend([] if answers else facts)
        for column, total, expression, cites in totals:
            if f"= {total}" not in said and f"= {_plain(total)}" not in said:
                ev.add(f"{LABELS.get(column, column)}合计 = {expression} = {_plain(total)} 万元。", *cites)
        comp = compute("share", totals[0][1], totals[1][1])
        ev.checks.append(comp.check)
        label = f"{LABELS.get(numerator, numerator)}合计 ÷ {LABELS.get(denominator, denominator)}合计"
        ev.add(f"整体{LABELS.get(rate, rate)} = {label} = {comp.said} = {comp.text}。")
        return ev


def _last_sum(evidence: Evidence) -> Check | None:
    """The last sum that holds among an aggregate's checks (the column's total)."""
    sums = [c for c in evidence.checks if c.operation == "sum" and c.ok]
    return sums[-1] if sums else None


def _members(answers: Sequence[Evidence]) -> tuple[str, ...]:
    """The members the latest earlier ask kept (a filter's), else every member."""
    for answer in reversed(answers):
        found: Found | None = answer.found
        if found is not None and found.kind == "project" and len(found.names) > 1:
            return found.names
    return ()


def _plain(value: Decimal) -> str:
    return f"{value:.2f}"
