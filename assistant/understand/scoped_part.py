"""A part of a total the report splits only in another scope ("财政拨款支出里面花在项目上的是多少"): the
year's spending is 基本支出 + 项目支出, and the total named states its own 基本支出 (一般公共预算财政拨款基本支出) but
no 项目支出 of its own. That part is the total less its stated sibling: a difference of two stated figures.

Read from the catalogue and the stated amounts only: the part's parent must be exactly the part plus one sibling
(their amounts add up), and the total must state that sibling under its own name (its words + the sibling's)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from assistant.understand.catalogue import Catalogue
from assistant.understand.part_shares import ancestors, parents
from assistant.understand.plan import Plan
from corpus import Report


def stated_amounts(report: Report) -> dict[str, Decimal]:
    """Each subject's first stated amount of the report's year (no project table's)."""
    out: dict[str, Decimal] = {}
    for fact in report.facts:
        if fact.measure == "决算数" and not fact.scope and fact.year in (0, report.year):
            out.setdefault(fact.subject, fact.value)
    return out


def scoped_part(plan: Plan, catalogue: Catalogue, amounts: Mapping[str, Decimal]) -> Plan:
    """`plan` as the total less its own sibling of the part asked; unchanged when it asks no such part."""
    named = plan.subjects
    if plan.projects or plan.collection or plan.whole or plan.operation not in ("", "complement", "difference"):
        return plan
    if len(named) not in (2, 3) or plan.measure not in ("", "决算数"):
        return plan
    total, part = named[0], named[-1]
    suffix = _common_suffix(total, part)
    if not suffix or total in ancestors(catalogue, part) or part in ancestors(catalogue, total):
        return plan
    scope = total.removesuffix(suffix)
    if not scope or scope + part in amounts:
        return plan  # the total states the part itself: looked up as said
    for parent in parents(catalogue, part):
        siblings = [e.name for e in catalogue.members(f"parts:{parent}") if e.name != part]
        own = [s for s in siblings if scope + s in amounts and s in amounts]
        if len(own) != 1 or named[1:-1] not in ((), (own[0],)):
            continue
        sibling = own[0]
        if parent in amounts and part in amounts and amounts[part] + amounts[sibling] == amounts[parent]:
            return plan.with_(subjects=(total, scope + sibling), operation="difference", intent="derived")
    return plan


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :] if n >= 2 else ""
