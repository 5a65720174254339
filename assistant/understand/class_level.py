"""A ranking or total asked of the 类 ("…里哪个类最大", "排第二的类是哪个") over a named total whose own parts are
another level (the 9 项 of 一般公共预算支出): the 类 are the members, never the 项 that happen to be its parts."""

from __future__ import annotations

from assistant.understand.catalogue import Catalogue
from assistant.understand.derived_cues import pattern
from assistant.understand.plan import Plan

CLASS_NAMED = pattern("class_named")
CLASSES = "level:类"
CLASS_PATH = "（类）"  # a 项 named by its 类/款/项 path


def at_class_level(plan: Plan, catalogue: Catalogue) -> Plan:
    if not plan.collection.startswith("parts:") or not plan.aggregate or not CLASS_NAMED.search(plan.rest or plan.text):
        return plan
    classes = {e.name for e in catalogue.members(CLASSES)}
    parts = {e.name for e in catalogue.members(plan.collection)}
    if not classes or not parts or parts & classes:
        return plan  # the total's parts are the 类 already
    if not all(CLASS_PATH in name for name in parts):
        return plan  # "采购按货物、工程、服务分哪类最多": a total's own kinds, not the functional 类
    return plan.with_(collection=CLASSES, subjects=())
