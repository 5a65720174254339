"""A share whose whole is a collection's total ("X的执行数占12个项目执行数合计的比重", "这两个加起来占全部
项目预算的几成"): the whole is the column added up over every member, the part is the members named (or what an
earlier ask worked out), never a subject that happens to share the words.

The whole is written into the plan as the collection's id (`Plan.whole` = "projects", "level:项" …), the
column as `Plan.attribute`; the executor adds the column up with the generic aggregate.
"""

from __future__ import annotations

from assistant.understand.collections import CLASSES, ITEMS, PROJECT_MEASURES, PROJECTS
from assistant.understand.derived_cues import pattern
from assistant.understand.plan import Plan

SHARE_OF_MEMBERS = pattern("share_of_members")
COLLECTION_PREFIXES = ("level:", "parts:", "indicators")


def is_collection(name: str) -> bool:
    """`Plan.whole` names a collection's total, not a subject."""
    return name == "projects" or name.startswith(COLLECTION_PREFIXES)


def members_whole(plan: Plan) -> str:
    """The collection whose column total a share is asked of, or ""."""
    if plan.measure != "占比":
        return ""
    said = SHARE_OF_MEMBERS.search(plan.rest or plan.text)
    if said is None:
        return ""
    span = said.group(0)
    if PROJECTS.search(span):
        return "projects"
    if ITEMS.search(span) or "科目" in span:
        return "level:项"
    if CLASSES.search(span) or span.endswith("类"):
        return "level:类"
    return ""


def column_of(plan: Plan, collection: str) -> str:
    """The column added up: the table field named, else the attribute read, else the amounts."""
    if collection == "projects":
        return PROJECT_MEASURES.get(plan.project_field, "") or _money(plan.attribute) or "执行数"
    return _money(plan.attribute) or "决算数"


def _money(attribute: str) -> str:
    return attribute if attribute and attribute not in ("占比", "执行率", "预算完成率") else ""


def with_members_whole(plan: Plan) -> Plan:
    """The plan with a collection's total as its share's whole, when it asks one of the members it names."""
    if plan.whole or not (plan.projects or plan.subjects):
        return plan
    collection = members_whole(plan)
    if not collection or (collection != "projects" and plan.projects):
        return plan
    return plan.with_(
        whole=collection,
        attribute=column_of(plan, collection),
        collection="",
        aggregate="",
        operation="",
        intent="derived",
    )
