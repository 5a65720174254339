"""Composition, the stage: evidence in, the answer's text with numbered citation markers and its citations out.

A figure answer whose pieces cite nothing cites the facts it used; an answer with nothing to cite is no answer
and becomes a refusal (the contract: every answered text rests on at least one exact quote of the report).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from assistant.compose.citations import CitationBook, renumber
from assistant.compose.synthesizer import Synthesizer
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.records import Citation
from assistant.understand.plan import Plan
from corpus import Fact, Report

log = logging.getLogger(__name__)


@dataclass
class Composed:
    """The written answer and what it rests on, for verification."""

    evidence: Evidence
    text: str
    citations: list[Citation]


class Composer:
    def __init__(
        self,
        report: Report,
        synthesizer: Synthesizer,
        span: Callable[[Fact], Span | None],
        not_found: Callable[[Plan, str], Evidence],
    ) -> None:
        self.report = report
        self.synthesizer = synthesizer
        self.span = span
        self.not_found = not_found

    def compose(self, evidence: Evidence) -> Composed:
        cite_facts_if_uncited(evidence, self.span)
        book = CitationBook(self.report)
        text, citations = renumber(self.synthesizer.write(evidence, book), book.citations())
        if evidence.status == "answered" and not citations:
            log.warning("answer without a citation turned into not_found: %r", text[:200])
            route = evidence.route
            evidence = self.not_found(Plan(evidence.question), "可以引用的原文")
            evidence.route = f"{route}>uncited"
            text = self.synthesizer.write(evidence, CitationBook(self.report))
            citations = []
        return Composed(evidence, text, citations)


def cite_facts_if_uncited(evidence: Evidence, span: Callable[[Fact], Span | None]) -> None:
    """A figure answer whose pieces cite nothing (a sum over many tables) cites the facts it used instead."""
    if evidence.status != "answered" or any(p.cites for p in evidence.pieces) or not evidence.facts:
        return
    spans = [s for s in (span(f) for f in dict.fromkeys(evidence.facts)) if s is not None]
    if spans and evidence.pieces:
        evidence.pieces[0].cites.extend(spans)
