"""The rest of a total asked through the one part it leaves out ("没授予中小企业的合同金额", "非中小企业拿到的",
"除了X以外的"): the total less that part (T − X), never the part's own figure or share."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.understand.derived_cues import pattern, words
from assistant.understand.plan import Plan

NOT_NAMED_BEFORE = pattern("not_named_before")
EXCEPT_BEFORE, EXCEPT_AFTER = (re.compile(p) for p in words("except_named"))
EXCEPT_AFTER_ALONE = pattern("except_after_alone")
BEFORE = 6  # characters read before the name
EXCEPT_LEAD, EXCEPT_TAIL = (re.compile(p) for p in words("except_set_aside"))
SUM_WORD = pattern("added_up")
DEDUCTED_BEFORE = pattern("deducted_before")
REST_NAMED = pattern("rest_named")


def asks_remainder(plan: Plan) -> bool:
    """One subject named, and the question asks what of its total is not it."""
    if len(plan.subjects) != 1 or plan.projects or plan.ambiguous or plan.whole or plan.operation:
        return False
    match = next((m for m in plan.matches if m.targets == plan.subjects), None)
    if match is None:
        return False
    before = plan.text[max(0, match.start - BEFORE) : match.start]
    after = plan.text[match.end :]
    excepted = EXCEPT_BEFORE.search(before) and EXCEPT_AFTER.search(after)
    return bool(NOT_NAMED_BEFORE.search(before) or excepted or EXCEPT_AFTER_ALONE.search(after))


def deducted_rest(plan: Plan) -> tuple[tuple[str, str], str] | None:
    """ "A中扣除B后，剩下的X部分": (A, B) and the name X the rest is called by ("" when none); None unless two
    names are said, the second deducted and a rest asked right after it."""
    if len(plan.subjects) != 2 or plan.projects or plan.operation:
        return None
    ordered = sorted(
        (m for m in plan.matches if len(m.targets) == 1 and m.targets[0] in plan.subjects), key=lambda m: m.start
    )
    if len(ordered) < 2 or ordered[0].targets == ordered[-1].targets:
        return None
    total, part = ordered[0], ordered[-1]
    rest = REST_NAMED.search(plan.text[part.end :])
    if not DEDUCTED_BEFORE.search(plan.text[max(0, part.start - BEFORE) : part.start]) or rest is None:
        return None
    return (total.targets[0], part.targets[0]), rest.group("rest")


def rest_kept(plan: Plan, unheld: tuple[str, ...]) -> tuple[str, ...]:
    """The words not held by the report, less the rest's own name ("中型企业部分" of 中小 less 小微 is A − B)."""
    found = deducted_rest(plan.with_(operation=""))
    rest = found[1] if found else ""
    return tuple(w for w in unheld if not (rest and (w in rest or rest in w)))


def with_remainder(plan: Plan) -> Plan:
    found = deducted_rest(plan)
    if found is not None:  # "A扣除B后剩下的部分": A − B
        return plan.with_(subjects=found[0], operation="difference", intent="derived", measure="")
    if asks_remainder(plan):
        return plan.with_(operation="complement", intent="derived", measure="")
    return part_not_of(without_excepted(plan))


def part_not_of(plan: Plan) -> Plan:
    """ "采购合同给了中小企业而不算小微企业的": of three names, the one negated is taken from the name said right
    before it (Y − X); the first names only where to look."""
    if len(plan.subjects) < 3 or plan.projects or plan.operation not in ("difference", ""):
        return plan
    ordered = sorted((m for m in plan.matches if len(m.targets) == 1), key=lambda m: m.start)
    for before, negated in pairwise(ordered):
        if NOT_NAMED_BEFORE.search(plan.text[max(0, negated.start - BEFORE) : negated.start]):
            pair = (before.targets[0], negated.targets[0])
            if pair[0] != pair[1]:
                return plan.with_(subjects=pair, operation="difference", intent="derived", measure="")
    return plan


def without_excepted(plan: Plan) -> Plan:
    """ "除了X以外，A、B、C这几类加起来": the names after the one set aside are what is added; X is left out (its
    total is not named, so no T − X)."""
    if len(plan.subjects) < 3 or plan.projects or not SUM_WORD.search(plan.rest or plan.text):
        return plan
    excepted = [
        m
        for m in plan.matches
        if len(m.targets) == 1
        and EXCEPT_LEAD.search(plan.text[max(0, m.start - BEFORE) : m.start])
        and EXCEPT_TAIL.search(plan.text[m.end :])
    ]
    if len(excepted) != 1:
        return plan
    kept = tuple(s for s in plan.subjects if s != excepted[0].targets[0])
    if len(kept) < 2:
        return plan
    return plan.with_(subjects=kept, operation="sum", intent="derived")
