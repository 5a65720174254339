"""A clarifying question for a vague ask ("占比是多少？"): one short question back, and two to four concrete
questions the assistant can answer, written for this report's own subjects and projects (the cue file holds the
wording), each tried before it is offered. It states no figure and never lists the report's table cells."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.toolkit import Toolkit
from assistant.understand.cues import CUES

FAMILIES = CUES.table("clarify_families")
QUESTIONS = CUES.table("clarify_questions")
FAMILY_OF = {
    "executed": "amount", "budget": "amount", "决算数": "amount", "execution_rate": "rate", "预算完成率": "rate",
    "占比": "share", "比上年增减额": "change", "比上年增减率": "change", "leader": "leader", "self_score": "score",
    "initial_budget": "initial", "adjusted_budget": "adjusted", "reason": "reason",
}  # fmt: skip
ASK_BACK = {
    "amount": "请问您想了解哪一项支出？", "rate": "请问您想了解哪一项的完成率？", "share": "请问您想了解哪一项的占比？",
    "change": "请问您想了解哪一项比上年的增减？", "leader": "请问您想了解哪个项目的负责人？",
    "score": "请问您想了解哪个项目的自评得分？", "initial": "请问您想了解哪个项目的年初预算？",
    "adjusted": "请问您想了解哪个项目的调整后预算？", "reason": "请问您想了解哪一项没有完成预算的原因？",
}  # fmt: skip
# A value asked of the subjects whose figure of another measure qualifies them: the reason a budget was not used
# up is asked of the lines that state a completion rate below 100%.
BELOW_FULL = {"未完成原因": "预算完成率"}
PROJECT_VALUES = ("执行数", "执行率", "leader", "自评得分", "年初预算", "调整后预算")
MIN_SUGGESTIONS, MAX_SUGGESTIONS = 2, 4
DIGIT = re.compile(r"\d")


class Clarifier:
    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit

    def clarify(self, asked: str, answers: Callable[[str], bool]) -> tuple[str, list[str]]:
        """The clarifying question and its suggestions; `answers` tells whether a suggestion gets a real answer."""
        family = FAMILY_OF.get(asked, "amount")
        suggestions: list[str] = []
        for value in dict.fromkeys(FAMILIES[family]):
            wanted = list(FAMILIES[family]).count(value)
            kept = 0
            for question in self._candidates(value):
                if kept >= wanted or len(suggestions) >= MAX_SUGGESTIONS:
                    break
                if question not in suggestions and answers(question):
                    suggestions.append(question)
                    kept += 1
        text = ASK_BACK[family] + "报告中有好几项，问题里没有说是哪一项。"
        if len(suggestions) >= MIN_SUGGESTIONS:
            text += "可以这样问：" + "；".join(suggestions)
        return text, suggestions

    def _candidates(self, value: str) -> list[str]:
        """Questions about `value` for the report's subjects (totals first) or its project tables."""
        template = QUESTIONS[value]
        out: list[str] = []
        if value in PROJECT_VALUES:
            for project in self.kit.report.projects:
                out.append(template.format(name=project.name))
        else:
            measure = BELOW_FULL.get(value, value)
            facts = [f for f in self.kit.report.facts if not f.scope and f.measure == measure]
            if value in BELOW_FULL:
                facts = [f for f in facts if f.value < 100]
            totals = {f.parent for f in self.kit.report.facts if f.parent}
            spent = value != "决算数"  # an amount asked as spending: spending lines first, income last
            facts.sort(key=lambda f: (spent is False and "收入" in f.subject, f.subject not in totals, f.start))
            for fact in facts:
                whole = self.kit.name(fact.parent) if fact.parent else ""
                if value == "占比" and not whole:
                    continue
                out.append(template.format(name=self.kit.name(fact.subject), whole=whole))
        return [q for q in dict.fromkeys(out) if not DIGIT.search(q)]  # a clarifying question states no figure
