"""Several asks inside one clause: a ranking and the reason of what it finds ("金额排第一的那个科目为什么没花完"), and a
total over the projects of each column asked ("调整后预算和执行数的合计分别多少"). Each becomes numbered parts."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.understand.collections import MONEY, PROJECT_MEASURES
from assistant.understand.cues import CUES
from assistant.understand.part_folds import numbered
from assistant.understand.plan import Plan
from assistant.understand.steps import steps_of

REASON_CUE = CUES.cue("reason")
SHORTFALL_START = re.compile("没|未|只|才|不")  # where a shortfall is said after the thing it is said of


def ranking_then_reason(
    plan: Plan, parse: Callable[[str], Plan], complete: Callable[[Plan, str], Plan], year: int
) -> tuple[Plan, ...]:
    """A reason asked of a member named by a ranking in the same clause ("金额排第一的那个科目为什么没花完"):
    two asks, the ranking read from the words before the reason cue (so the shortfall words never pick its
    column), then the reason of the member it finds. () when the clause is not of that shape."""
    if plan.intent != "reason" or plan.subjects or plan.projects or plan.aggregate not in ("max", "min", "nth"):
        return ()
    cue = REASON_CUE.search(plan.text)
    if cue is None:
        return ()
    head = plan.text[: cue.start()].rstrip("，,的")
    if len(head) < 2:  # "为什么支出最多的那个科目没有完成预算": the words between the cue and the shortfall
        tail = plan.text[cue.end() :]
        short = SHORTFALL_START.search(tail)
        head = tail[: short.start()] if short is not None else ""
    if len(head) < 2:
        return ()
    ranking = complete(parse(head), head)
    if ranking.aggregate not in ("max", "min", "nth") or not ranking.collection or ranking.parts:
        return ()
    reason = plan.with_(
        found=0, collection="", aggregate="", attribute="", filters=(), operation="", rank=0, conditions=(),
        threshold=None, project_field="", fields=(),
    )  # fmt: skip
    return numbered((ranking, reason.with_(steps=steps_of(reason, year))))


def per_column(plan: Plan, year: int) -> tuple[Plan, ...]:
    """ "调整后预算和执行数的合计分别多少": a total over the projects of each column asked, one part each
    (numbered); () when one column or none is asked."""
    amounts = [f for f in plan.fields if PROJECT_MEASURES.get(f) in MONEY]  # rates do not add up
    named = [PROJECT_MEASURES[f] for f in amounts]
    columns = [f for i, f in enumerate(amounts) if named[i] not in named[:i]]  # 预算 and 调整后预算 are one
    if plan.collection != "projects" or plan.aggregate not in ("sum", "avg") or len(columns) < 2:
        return ()
    if "−" in plan.attribute:  # "追加了多少": one column worked out from the two named
        return ()
    parts = []
    for column in columns:
        part = plan.with_(attribute=PROJECT_MEASURES[column], project_field=column, fields=(column,), parts=())
        parts.append(part.with_(steps=steps_of(part, year)))
    return numbered(parts)


def sum_again(previous: Plan, own: Plan, year: int) -> Plan | None:
    """A share asked of one whole the question names, right after a turn that added a column up over the project
    tables ("12个项目执行数合计多少" → "占项目支出的比重是多少"): that turn's sum, of the column this question
    names (else the same one), to run again unshown before the share."""
    if previous.aggregate not in ("sum", "avg") or previous.collection != "projects" or own.measure != "占比":
        return None
    if len(own.subjects) != 1 or own.projects or own.ambiguous or own.collection or own.people:
        return None
    column = next((PROJECT_MEASURES[f] for f in own.fields if PROJECT_MEASURES.get(f) in MONEY), "")
    again = previous.with_(previous=None, attribute=column or previous.attribute)
    return again.with_(steps=steps_of(again, year), status="context")
