"""Every part of a stated total listed, and a budget or what is left of it asked of them together ("出国、用车、
接待这几样的预算剩了多少没用"): the total itself is asked, its own completion rate gives the budget (the parts' rates
do not add up, and a part may state none). Their plain sum stays a sum: the calculator shows it."""

from __future__ import annotations

from assistant.understand.catalogue import Catalogue
from assistant.understand.part_shares import parents
from assistant.understand.plan import Plan

TOGETHER = ("budget_word", "gap_word", "unspent", "one_block")  # the parts asked as one ("吃饭交通这块")
CHANGES = ("比上年增减额", "比上年增减率")  # a change asked of them is the whole's change


def whole_of_all(plan: Plan, catalogue: Catalogue) -> str:
    """The total whose parts are exactly the subjects named, when they are asked together; else ""."""
    named = set(plan.subjects)
    if len(named) < 2 or plan.projects or plan.ambiguous or plan.whole or plan.collection or plan.measure == "占比":
        return ""
    if plan.says("each") or not any(plan.says(cue) for cue in TOGETHER):
        return ""
    shared = [p for p in parents(catalogue, plan.subjects[0]) if all(p in parents(catalogue, s) for s in named)]
    candidates = shared or sorted({p for s in named for p in parents(catalogue, s)})
    for whole in candidates:
        members = [e.name for e in catalogue.members(f"parts:{whole}")]
        if len(members) == len(named) and {_member(s, members) for s in named} == set(members):
            return whole
    return ""


def _member(name: str, members: list[str]) -> str:
    """The member a name stands for: itself, else the one member whose name begins with it ("公务用车")."""
    if name in members:
        return name
    longer = [m for m in members if m.startswith(name)]
    return longer[0] if len(longer) == 1 else ""


def as_whole(plan: Plan, catalogue: Catalogue) -> Plan:
    whole = whole_of_all(plan, catalogue)
    if not whole:
        return plan
    measure = plan.measure if plan.measure in CHANGES else ""
    return plan.with_(subjects=(whole,), operation="", intent="derived", measure=measure)
