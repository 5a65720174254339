"""Answers from the report's own sentences: the best sentences for the question (retrieved chunks count
extra), the sentences that hold its residual words, and the prose that covers a project named in passing."""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from assistant.answer.coverage import Residual, residual_terms, supporting_spans
from assistant.answer.toolkit import CJK_DIGIT_GAP, Answerer, Toolkit
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

log = logging.getLogger(__name__)


DEFINITION = CUES.cue("definition")


class Passages(Answerer):
    """Sentences of the report as answers."""

    def __init__(self, kit: Toolkit, index: Any, top_k: int, baseline: bool) -> None:
        super().__init__(kit)
        self.index = index
        self.top_k = top_k
        self.baseline = baseline
        self._search_lock = threading.Lock()

    def passages(self, q: Plan, define: bool = False, names: tuple[str, ...] = ()) -> Evidence | None:
        """The best sentences from the retrieved chunks (and, in the full pipeline, the whole report); a definition
        asked of named subjects is their own definition sentences when the report has them."""
        spans = self.retrieved_spans(q.text)
        prefer = DEFINITION if define else None
        defines = names if define or q.intent == "define" else None
        found = self.sentences.best(q.text, boosted=spans, only_boosted=self.baseline, prefer=prefer, defines=defines)
        if not found:
            return None
        evidence = self.sentences_evidence(q, [item.sentence.span for item in found])
        evidence.searched = True  # the list-item post-processor checks it
        return evidence

    def sentences_evidence(self, q: Plan, spans: list[Span], lead: str = "") -> Evidence:
        """Report sentences as an answer, each cited: the PDF's stray spaces and line breaks go, the citation
        keeps the exact text."""
        ev = Evidence("answered", "passages", q.text)
        if lead:
            ev.add(lead)
        said: set[str] = set()
        for span in spans:
            text = CJK_DIGIT_GAP.sub("", re.sub(r"\s*\n\s*", "", self.report.clean_text[span.start : span.end]))
            if re.sub(r"\s", "", text) in said:
                continue  # the report repeats a sentence in several sections: quoted once
            said.add(re.sub(r"\s", "", text))
            ev.add(text if text.endswith(("。", "！", "？", "；")) else text + "。", span)
        return ev

    def residual_lines(self, q: Plan, section_id: str | None, residual: Residual | None = None) -> Evidence | None:
        """The report sentences (a project's table lines) that hold the question's residual words."""
        if residual is None:
            residual = residual_terms(q, "", self.kit.folded_text, self.report.body, self.sentences)
        if not residual.terms:
            return None
        sections = {section_id} if section_id else None
        spans = supporting_spans(q, residual, self.sentences, self.kit.folded_text, sections)
        if not spans:
            return None
        return self.sentences_evidence(q, spans, f"据{q.projects[0]}绩效自评表：" if section_id else "")

    def outside_projects(self, q: Plan) -> Evidence | None:
        """The report's prose (not a project table) that covers a question naming a project in passing."""
        tables = {p.section_id for p in self.report.projects}
        prose = {s.id for s in self.report.sections if s.id not in tables and s.kind != "project_table"}
        found = self.sentences.best(q.text, section_ids=prose)
        if not found:
            return None
        return self.sentences_evidence(q, [item.sentence.span for item in found])

    def retrieved_spans(self, text: str) -> set[tuple[int, int]]:
        if self.index is None:
            return set()
        try:
            with self._search_lock:
                hits = self.index.search(text, k=max(self.top_k, 5))
        except Exception:
            log.exception("search failed")
            return set()
        spans = set()
        for hit in hits:
            meta = hit.chunk.metadata
            start, end = meta.get("start"), meta.get("end")
            if isinstance(start, int) and isinstance(end, int) and end > start:
                spans.add((start, end))
        return spans
