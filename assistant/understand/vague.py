"""A question too vague to answer: it asks a measure ("占比是多少？", "完成率呢", "负责人是谁") and names nothing
it could be a measure of, neither in its words nor in the conversation, while the report holds that measure for
several things. Such a question gets a clarifying question back, never one of those figures picked at random.
"""

from __future__ import annotations

import re

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan
from assistant.understand.words import content_words

# The measures and table fields a vague question may ask, by how a clarifying question names them.
MEASURES = {"占比": "占比", "预算完成率": "预算完成率", "比上年增减额": "比上年的增减", "比上年增减率": "比上年的增减"}
FIELDS = {
    "leader": "项目负责人", "execution_rate": "预算执行率", "self_score": "自评得分", "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算", "executed": "预算执行数", "budget": "预算",
}  # fmt: skip
PEOPLE_FIELDS = {"leader": "leaders", "finance_leader": "finance_leaders"}
WHOLE_TABLES = ("self_eval", "unspent", "full_marks", "filled_field")
TABLES_WORD = re.compile("项目|自评|每个|各个|所有|全部")
RATIO_WORD = re.compile("比例|比重|百分比|占比")
DONE_WORD = CUES.cue("done_word")
FIELD_NAMES = re.compile("项目负责人|项目支出")  # 项目 inside a field's or a subject's name names no table
POINTS_BACK = CUES.cue("points_back")  # "那个项目", "这个", "这一项": something said before, and nothing was
BODY_POINTER = CUES.cue("body_pointer")  # "这个中心": the reporting body, named on any turn
OVERALL = CUES.cue("overall_rate")  # "整体", "合起来": a rate of the members together
RATES = tuple(sorted(CUES.table("rate_parts")))  # a table's rate that is a ratio of two of its columns


def vague_measure(plan: Plan, catalogue: Catalogue) -> str:
    """The measure a vague question asks (its key in MEASURES or FIELDS), or "" when the question is answerable
    as it is: it names something, the conversation does, or the measure has one value only."""
    if plan.previous is not None or plan.parts or plan.status != "answer":
        return ""
    if plan.matches or plan.subjects or plan.projects or plan.ambiguous or plan.people or plan.quoted:
        return ""
    if plan.collection or plan.all_projects or plan.unheld or plan.other_bodies or plan.ordinal or plan.count_word:
        return ""
    if plan.section:  # "这个中心负责哪些平台": a text section of the report is asked, whatever "这个" points at
        return ""
    if plan.conditions:  # "年初预算为0的项目是哪个？它…": the tables a field condition picks are named
        return ""
    if plan.says("all_projects_word") and OVERALL.search(plan.text) and any(r in plan.text for r in RATES):
        return ""  # "这些自评项目整体的执行率": the tables together, whichever of them "这些" points at
    text = BODY_POINTER.sub("", plan.text)
    if POINTS_BACK.search(text) and not _names_more(_without_asking_words(POINTS_BACK.sub("", text))):
        # "那个项目的分数" as the first question: it points at something no turn named, so whichever
        # project or subject the answer picked (or all of them) would be a guess
        return "reason" if plan.intent == "reason" else plan.project_field or plan.measure or "决算数"
    if any(plan.says(cue) for cue in WHOLE_TABLES):  # "有没有项目没执行完", "自评打分情况怎么样": every table
        return ""
    if TABLES_WORD.search(FIELD_NAMES.sub("", plan.text)):  # "各项目的负责人": the tables as a whole are named
        return ""
    asked = plan.project_field if plan.project_field in FIELDS else plan.measure if plan.measure in MEASURES else ""
    if not asked and RATIO_WORD.search(plan.text):  # "比例是多少？": a share, of nothing named
        asked = "占比"
    if not asked and DONE_WORD.search(plan.text):  # "完成了没有？": a completion, of nothing named
        asked = "预算完成率"
    if plan.project_field in PEOPLE_FIELDS and len(catalogue.members(PEOPLE_FIELDS[plan.project_field])) > 1:
        asked = plan.project_field  # the tables name different people: which table is meant?
    if not asked or plan.intent == "reason" or _names_more(DONE_WORD.sub("", plan.text)):
        return ""
    return asked


ASKING_CUES = ("reason", "gap_word", "unspent", "shortfall")  # "为何没用光": how it asks, not what it names


def _without_asking_words(text: str) -> str:
    for cue in ASKING_CUES:
        text = CUES.cue(cue).sub("", text)
    return text


def _names_more(text: str) -> bool:
    """The question has a word beyond question words, fillers and cue words (it may name something the report's
    sentences speak of: then the passages answer, not a clarifying question)."""
    labels = (*MEASURES.values(), *FIELDS.values(), "负责人")
    return any(not any(w in label or label in w for label in labels) for w in content_words(text))


def label(measure: str) -> str:
    return MEASURES.get(measure) or FIELDS.get(measure) or ("项目负责人" if measure == "leader" else measure)
