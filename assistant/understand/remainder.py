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


def with_remainder(plan: Plan) -> Plan:
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
