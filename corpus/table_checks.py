"""The report's own redundancy as a gate on table figures: rates, totals and scores checked as they are read.

执行率 = 执行数 ÷ 调整后预算数, a total = the sum of its parts, a score ≤ its weight. Figures are printed to the
cent (or 0.01%), so each check allows the rounding the printed figures carry. A figure that fails is re-read
(another reading of the same cells that passes) or flagged with a `TableIssue`; it is never used silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import permutations

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
RATE_TOLERANCE = Decimal("0.01")  # percentage points, on top of what the amounts' rounding allows


def rate_agrees(executed: Decimal, adjusted: Decimal, rate: Decimal) -> bool:
    """Does a printed 执行率 (in %) agree with 执行数 ÷ 调整后预算数 as printed?"""
    if adjusted == 0:
        return executed == 0 and rate in (0, HUNDRED)
    computed = executed / adjusted * HUNDRED
    slack = RATE_TOLERANCE + HUNDRED * Decimal("0.005") * (1 / adjusted + executed / adjusted**2)
    return abs(computed - rate) <= slack


def sum_agrees(total: Decimal, parts: Sequence[Decimal]) -> bool:
    """Is a printed total the sum of its printed parts (each part may be off by half a cent)?"""
    if not parts:
        return True
    slack = max(CENT, Decimal("0.005") * len(parts))
    return abs(total - sum(parts, Decimal(0))) <= slack


def score_agrees(score: Decimal, weight: Decimal) -> bool:
    return Decimal(0) <= score <= weight


def reread_budget(amounts: Sequence[Decimal], rate: Decimal) -> tuple[int, int, int] | None:
    """The one order of three budget amounts (年初预算, 调整后预算数, 预算执行数) that agrees with the rate.

    Returns the indexes (initial, adjusted, executed) into `amounts`, or None when no order, or more than one
    order giving different figures, agrees: then the cells cannot be told apart and are flagged instead.
    """
    fits = {
        (amounts[i], amounts[a], amounts[e]): (i, a, e)
        for i, a, e in permutations(range(len(amounts)), 3)
        if rate_agrees(amounts[e], amounts[a], rate)
    }
    if len(fits) != 1:
        return None
    return next(iter(fits.values()))
