"""An income named with a spending verb ("财政拨的款最后用掉几成"): the question asks how that money was spent,
so it is read as the spending total of the same budget (cues.toml `spent_counterpart`), when the report states it.

A plan-level reading: the template states no completion rate, no spending and no use of an income line, while
its spending counterpart states all three."""

from __future__ import annotations

import re

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

SPEND_VERB = CUES.cue("spend_verb")
COUNTERPART = CUES.table("spent_counterpart")


def spent_as_spending(plan: Plan, catalogue: Catalogue) -> Plan:
    """The plan with each income it names and spends read as that budget's spending total (else unchanged)."""
    if not plan.subjects or not SPEND_VERB.search(plan.rest or plan.text):
        return plan
    read = tuple(
        COUNTERPART[s] if s in COUNTERPART and catalogue.entry("fact", COUNTERPART[s]) is not None else s
        for s in plan.subjects
    )
    return plan if read == plan.subjects else plan.with_(subjects=tuple(dict.fromkeys(read)))


BUDGET_SAID = CUES.cue("budget_said")
UNSPENT = CUES.cue("unspent")
REASON = CUES.cue("reason")
HAN = re.compile(r"[\u4e00-\u9fff]")
NAMELESS = 8  # Han characters left beside the budget and spent-up words: more is a name the matchers read later
OVERALL_HOLDER = CUES.table("overall_measure_of")["预算完成率"]["本年支出合计"]


def body_budget_spent(plan: Plan, catalogue: Catalogue) -> Plan:
    """ "今年批的预算都用完了吗", nothing else named: whether the body's budget was spent up is the year's overall
    completion, which the template states of the general budget's spending (cue file: overall_measure_of)."""
    if plan.subjects or plan.projects or plan.collection or not plan.says("unspent"):
        return plan
    if plan.says("project_word") or plan.says("all_projects_word") or not BUDGET_SAID.search(plan.text):
        return plan
    if catalogue.entry("fact", OVERALL_HOLDER) is None:
        return plan
    left = REASON.sub("", UNSPENT.sub("", BUDGET_SAID.sub("", plan.text)))
    if len(HAN.findall(left)) > NAMELESS:  # "某个项级科目少了括号的长名为什么没花完预算": an item, named loosely
        return plan
    return plan.with_(subjects=(OVERALL_HOLDER,), measure="预算完成率")
