"""An amount the question gives to find what states it ("某个X万元是哪一个科目的数"): the
one amount said that bounds nothing ("超过100万元" is a filter's bound), in a question asking which item."""

from __future__ import annotations

from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

FIGURE_GIVEN = CUES.cue("figure_given")
WHICH_ITEM = CUES.cue("which_item")
BOUND = CUES.cue("compare")
WORKED_REF = CUES.cue("worked_ref")
ALSO_ASKED = CUES.cue("figure_also_asked")
AGREE = CUES.cue("agree_asked")
FOUND_FIGURE = "found"  # Plan.figure_said of an ask about the figure an earlier ask worked out
AGAINST_FOUND = "against_found"  # … of an ask checking one named figure against what an earlier ask worked out


def figure_said(plan: Plan) -> str:
    """The amount given ("15952.21"), else ""."""
    text = plan.text
    if not WHICH_ITEM.search(plan.rest or text) or ALSO_ASKED.search(plan.rest or text):
        return ""
    bounded = [(m.start(), m.end()) for m in BOUND.finditer(text)]
    given = [
        m.group(1)
        for m in FIGURE_GIVEN.finditer(text)
        if not any(start <= m.start(1) < end for start, end in bounded)
    ]
    return given[0] if len(given) == 1 else ""


def checks_worked_figure(plan: Plan) -> bool:
    """ "差额多少？与某项收入对得上吗": one figure named of its own, checked against the one worked out before."""
    named = len(plan.subjects) == 1 and not plan.ambiguous and not plan.projects
    return named and bool(AGREE.search(plan.text)) and not WHICH_ITEM.search(plan.text)


def asks_worked_figure(plan: Plan) -> bool:
    """ "这个差额跟哪一项收入一样", "与哪一项收入相同": which item states the figure the ask before worked out
    (pointed at, or left unnamed in an ask that names no subject of its own)."""
    unnamed = AGREE.search(plan.text) and not plan.subjects and not plan.projects and not plan.ambiguous
    return bool((WORKED_REF.search(plan.text) or unnamed) and WHICH_ITEM.search(plan.text))
