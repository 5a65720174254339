"""The router: the answerers of every capability, the registry that chooses one of them per plan, and the
post-processors that run after the choice. `Router.answer(plan)` is the execute stage's one entry."""

from __future__ import annotations

import logging

from assistant.answer.answerers import Answerers
from assistant.answer.postprocess import ConsistencyNotes, Coverage, ListItemOnly, PostProcessor
from assistant.answer.registry import Registry
from assistant.answer.routes import Routes
from assistant.answer.verdicts import Verdicts
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan

log = logging.getLogger(__name__)


class Router:
    """Chooses the answerer for a plan once, records its name, and runs the post-processors in order."""

    def __init__(self, answerers: Answerers) -> None:
        self.answerers = answerers
        self.kit = answerers.kit
        self.registry = Registry(Routes(answerers).all())
        notes = answerers.audit_notes
        self.postprocessors: list[PostProcessor] = [
            ListItemOnly(answerers),
            Coverage(answerers),
            Verdicts(answerers),
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
