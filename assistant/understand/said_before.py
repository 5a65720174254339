"""A check against the figure the previous turn gave ("合起来和你上面给的数一致吗", "人员经费加公用经费等于这个
数吗"): that turn's one subject is the last name the ask checks against (the agreement answerer adds the names
before it and compares the sum with it, the gap said)."""

from __future__ import annotations

from assistant.understand.derived_cues import pattern
from assistant.understand.plan import Plan

SAID_BEFORE = pattern("said_before")


def against_said(plan: Plan, turn: Plan | None) -> Plan:
    """`plan` with the previous turn's subject appended as what it is checked against; unchanged otherwise."""
    if turn is None or not plan.says("agree_asked") or not SAID_BEFORE.search(plan.text):
        return plan
    said = [s for s in turn.subjects if s not in plan.subjects]
    if len(turn.subjects) != 1 or not said or not plan.subjects or plan.projects:
        return plan
    return plan.with_(subjects=(*plan.subjects, said[0]), operation="", intent="derived", measure="", whole="")
