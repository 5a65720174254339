"""Follow-ups whose subject only the previous ANSWER names: "她另外还管着哪几个项目" (the person it named), "排第二的
呢" (the next place of the level whose largest member it named), "其他几个项目的负责人呢" (every project but the
one it was about). Each reads the last assistant turn of the conversation, never the question's words again."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.followup import turns
from assistant.understand.lexicon import Lexicon
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Report

PERSON_REF = CUES.cue("person_ref")
FOUND_REF = CUES.cue("found_ref")
OTHERS = CUES.cue("others_ref")
SCORE_WORD = CUES.cue("score_word")
LEVELS = ("level:类", "level:款", "level:项")


class AnswerReferences:
    def __init__(
        self,
        report: Report,
        lexicon: Lexicon,
        catalogue: Catalogue,
        people: Sequence[str],
        parse: Callable[[str], Plan],
    ) -> None:
        self.report = report
        self.lexicon = lexicon
        self.catalogue = catalogue
        self.people = list(people)
        self.parse = parse

    def ranking(self, plan: Plan, history: object) -> Plan | None:
        """A place in a ranking asked after an answer that named a member of a level (一般公共服务支出, a 类)
        but ran no ranking itself: the ranking of that level's amounts."""
        previous = plan.previous
        if plan.rank < 2 or plan.collection or previous is None or previous.aggregate:
            return None
        if self.parse(plan.question or plan.text).matches:
            return None
        for match in self.lexicon.find(fold(_last_answer(history))):
            entry = self.catalogue.entry("fact", match.targets[0]) if len(match.targets) == 1 else None
            levels = [c for c in LEVELS if entry is not None and entry in self.catalogue.members(c)]
            if levels:
                return plan.with_(
                    collection=levels[0], attribute="决算数", aggregate="nth", operation=plan.operation or "max",
                    subjects=(), ambiguous=(), projects=(), intent="derived",
                )  # fmt: skip
        return None

    def members(self, plan: Plan, history: object) -> tuple[str, ...]:
        """ "这三个项目加起来多少": an aggregate over the projects the previous answer listed (never all of them),
        in report order; () when it is not about them."""
        if plan.previous is None or plan.collection != "projects" or not plan.aggregate:
            return ()
        if not FOUND_REF.search(plan.text) or plan.projects:
            return ()
        said = {t for m in self.lexicon.find(fold(_last_answer(history))) if m.kind == "project" for t in m.targets}
        names = tuple(p.name for p in self.report.projects if p.name in said)
        return names if 0 < len(names) < len(self.report.projects) else ()

    def ranked_among(self, plan: Plan, history: object) -> str:
        """ "得分最少的那一个扣在哪" after an answer that listed several projects with their scores, with no ranking of
        its own run: the one of those projects the ranking picks (by self-evaluation score); "" when not so, or
        when two tie."""
        previous = plan.previous
        if plan.operation not in ("min", "max") or plan.rank or previous is None or plan.projects or plan.collection:
            return ""
        if previous.aggregate and previous.collection:
            return ""  # the previous turn's own ranking or filter runs again (its found members)
        if not SCORE_WORD.search(plan.question or plan.text) or self.parse(plan.question or plan.text).matches:
            return ""
        said = {t for m in self.lexicon.find(fold(_last_answer(history))) if m.kind == "project" for t in m.targets}
        scored = [p for p in self.report.projects if p.name in said and p.self_score is not None]
        if len(scored) < 2 and (previous.says("self_eval") or previous.says("project_word")):
            scored = [p for p in self.report.projects if p.self_score is not None]  # "几个项目做了自评" unanswered
        if len(scored) < 2:
            return ""
        pick = min if plan.operation == "min" else max
        best = pick(p.self_score for p in scored)  # type: ignore[type-var]
        winners = [p.name for p in scored if p.self_score == best]
        return winners[0] if len(winners) == 1 else ""

    def other_projects(self, plan: Plan) -> tuple[str, ...]:
        """ "其他几个项目的负责人呢": every project but those the previous turn asked about."""
        previous = plan.previous
        if previous is None or not previous.projects or not plan.project_field or not OTHERS.search(plan.text):
            return ()
        if self.parse(plan.question or plan.text).projects:
            return ()
        return tuple(p.name for p in self.report.projects if p.name not in previous.projects)

    def person(self, plan: Plan, history: object) -> str:
        """The person a pronoun refers to: the first of the tables' people the previous answer names."""
        if plan.people or not PERSON_REF.search(plan.text):
            return ""
        said = fold(_last_answer(history))
        named = sorted((said.find(fold(p)), p) for p in self.people if fold(p) in said)
        return named[0][1] if named else ""


def naming(question: str, person: str) -> str:
    """The question with its pronoun replaced by the person it refers to ("他还负责哪几个" → "唐为之还负责哪几个"),
    so a compound question reads as if it named them; "" when the pronoun is not found as said."""
    match = PERSON_REF.search(question)
    if match is None:
        return ""
    return question[: match.start(1)] + person + question[match.end(1) :]


def _last_answer(history: object) -> str:
    answers = [t.text for t in turns(history) if t.role == "assistant"]
    return answers[-1] if answers else ""
