"""Understanding, the stage: a guarded question (and the conversation) in, a complete `Plan` out.

Normalise, find the names the lexicon knows, fill in what a follow-up leaves out from the earlier turns, then
read everything a later stage needs: the user's quote marks, a project named in everyday words, the tables'
people, conditions on table fields, and what the question asks that the report may not hold. Last, the plan's
logical form (its steps). After this no stage reads the question's words for cues again.
"""

from __future__ import annotations

import re

from assistant.understand.asked import (
    accusations,
    asked_missing,
    dated_years,
    other_bodies,
    person_attributes,
    unknown_projects,
)
from assistant.understand.catalogue import Catalogue
from assistant.understand.conditions import filled_field, read_conditions, target_field, threshold, without_people
from assistant.understand.everyday import EverydayNames
from assistant.understand.followup import resolve
from assistant.understand.lexicon import Lexicon
from assistant.understand.matcher import EverydayMatcher
from assistant.understand.normalize import fold
from assistant.understand.parse import parse
from assistant.understand.plan import Plan
from assistant.understand.steps import steps_of
from corpus import Report

# The user's own quote marks around a name (normalising drops them).
QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’']{2,40})[”\"」』’']")


class Understanding:
    """Reads questions about one report. Built once; `read` only reads what __init__ built."""

    def __init__(
        self, report: Report, lexicon: Lexicon, catalogue: Catalogue, matcher: EverydayMatcher | None = None
    ) -> None:
        self.report = report
        self.lexicon = lexicon
        self.catalogue = catalogue
        self.matcher = matcher  # everyday words the lexicon cannot find (None: the lexicon alone)
        self.everyday = EverydayNames(report)
        self.folded_text = fold(report.clean_text)
        # The tables' people, longest first (a longer name wins a text match), then in report order.
        self.people = sorted((e.name for e in catalogue.members("people")), key=len, reverse=True)

    def read(self, question: str, history: object = None) -> Plan:
        """The complete plan of a question, with the conversation's earlier turns filled in."""
        plan = self.parse(question)
        plan = resolve(plan, history, self.parse, self.lexicon)
        return self.complete(plan, question)

    def parse(self, question: str) -> Plan:
        """One question read on its own: normalised, everyday words the lexicon cannot find read as the catalogue
        names they stand for (the matcher's one hook), then matched against the lexicon."""
        text = self.lexicon.normalize(question)
        if self.matcher is None:
            return parse(text, self.lexicon, self.report.year)
        text, found = self.matcher.rewrite(text, self.lexicon.find(text))
        plan = parse(text, self.lexicon, self.report.year)
        read = tuple(f"{m.said}→{m.chosen.term}" for m in found if m.chosen is not None)
        options = tuple(m.options for m in found if m.ambiguous)
        return plan.with_(everyday=read, everyday_options=options) if read or options else plan

    def complete(self, plan: Plan, question: str) -> Plan:
        plan = plan.with_(question=question, quoted=tuple(QUOTED.findall(question)))
        plan = self.everyday.resolve(plan)
        text = plan.text
        conditions = read_conditions(text)
        unheld = asked_missing(plan, self.folded_text)
        personal = person_attributes(plan, self.people)
        unheld += tuple(w for w in personal if not any(w in u or u in w for u in unheld))
        unheld += accusations(question, self.report.clean_text)  # "哪个负责人有贪污问题": a judgement it never makes
        scoped = without_people(text, self.people)
        plan = plan.with_(
            people=tuple(p for p in self.people if fold(p) in text),
            conditions=tuple(conditions),
            condition_target=target_field(text, conditions),
            threshold=threshold(text),
            filled_field=filled_field(text),
            unheld=unheld,
            other_bodies=other_bodies(scoped, self.report.body, self.folded_text),
            unknown_projects=unknown_projects(scoped, self.folded_text),
            dated_years=dated_years(question),
            text_without_people=scoped,
        )
        return plan.with_(steps=steps_of(plan, self.report.year))
