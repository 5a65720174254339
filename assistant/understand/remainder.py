"""The rest of a total asked through the one part it leaves out ("没授予中小企业的合同金额", "非中小企业拿到的",
"除了X以外的"): the total less that part (T − X), never the part's own figure or share."""

from __future__ import annotations

import re

from assistant.understand.derived_cues import pattern, words
from assistant.understand.plan import Plan

NOT_NAMED_BEFORE = pattern("not_named_before")
EXCEPT_BEFORE, EXCEPT_AFTER = (re.compile(p) for p in words("except_named"))
EXCEPT_AFTER_ALONE = pattern("except_after_alone")
BEFORE = 6  # characters read before the name


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
    return plan.with_(operation="complement", intent="derived", measure="") if asks_remainder(plan) else plan
