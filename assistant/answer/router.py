"""The router: the answerers of every capability, the registry that chooses one of them per plan, and the
post-processors that run after the choice. `Router.answer(plan)` is the execute stage's one entry."""

from __future__ import annotations

import logging
from typing import Any

from assistant.answer.across_projects import AcrossProjects
from assistant.answer.audit_notes import AuditNotes
from assistant.answer.derived import Derived
from assistant.answer.figures import Figures
from assistant.answer.indicators import Indicators
from assistant.answer.lists import Lists
from assistant.answer.parts import Parts
from assistant.answer.passages import Passages
from assistant.answer.postprocess import ConsistencyNotes, Coverage, ListItemOnly, PostProcessor
from assistant.answer.project_conditions import ProjectConditions
from assistant.answer.project_text import ProjectText
from assistant.answer.projects import ProjectFields
from assistant.answer.reasons import Reasons
from assistant.answer.registry import Registry
from assistant.answer.routes import Routes
from assistant.answer.scope import Scope
from assistant.answer.toolkit import Toolkit
from assistant.evidence.facts import FactTable
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import SentenceIndex
from assistant.understand.catalogue import Catalogue
from assistant.understand.plan import Plan
from corpus import Report

log = logging.getLogger(__name__)


class Answerers:
    """One object per capability, all sharing one toolkit (the report, its indexes and wording)."""

    def __init__(
        self,
        report: Report,
        catalogue: Catalogue,
        table: FactTable,
        sentences: SentenceIndex,
        index: Any,
        top_k: int,
        baseline: bool,
    ) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.baseline = baseline
        self.kit = kit = Toolkit(report, catalogue, table, sentences)
        self.scope = Scope(kit)
        self.figures = Figures(kit)
        self.derived = Derived(kit)
        self.reasons = Reasons(kit)
        self.lists = Lists(kit)
        self.parts = Parts(kit)
        self.conditions = ProjectConditions(kit)
        self.rows = Indicators(kit)
        self.texts = ProjectText(kit, self.rows)
        self.fields = ProjectFields(kit, self.rows, self.texts)
        self.across = AcrossProjects(kit)
        self.passages = Passages(kit, index, top_k, baseline)


class Router:
    """Chooses the answerer for a plan once, records its name, and runs the post-processors in order."""

    def __init__(self, answerers: Answerers) -> None:
        self.answerers = answerers
        self.kit = answerers.kit
        self.registry = Registry(Routes(answerers).all())
        notes = AuditNotes(answerers.report, self.kit.name, self.kit.span)  # the report audit runs once, here
        self.postprocessors: list[PostProcessor] = [
            ListItemOnly(answerers),
            Coverage(answerers),
            ConsistencyNotes(notes, answerers.baseline),
        ]

    def answer(self, plan: Plan) -> Evidence:
        """The evidence for an answer, or a not_found with the closest sections; `route` names who answered."""
        choice = self.registry.choose(plan)
        if choice is None:  # the fallback tier always ends in a refusal; kept for safety
            evidence = self.kit.not_found(plan, "与这个问题直接相关的内容")
            evidence.route = "not_found"
            return evidence
        evidence = choice.evidence
        for postprocessor in self.postprocessors:
            evidence = postprocessor.process(plan, choice, evidence)
        return evidence
