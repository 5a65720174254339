"""The assistant: question in, cited and number-checked `Answer` out. Deterministic, no LLM.

Everything that depends only on the report (lexicon, fact table, sentence index, the search index) is built
once at construction, so a warm `ask` costs a few milliseconds. `ask` never raises for user input.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable

from assistant.answer.audit_notes import AuditNotes
from assistant.answer.router import Router
from assistant.compose.citations import CitationBook
from assistant.compose.synthesizer import DeterministicSynthesizer, Synthesizer
from assistant.evidence.facts import FactTable
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import SentenceIndex, numbered_lists
from assistant.evidence.spans import Span
from assistant.number_spans import find_numbers
from assistant.records import Answer
from assistant.understand.catalogue import Catalogue
from assistant.understand.guard import guard
from assistant.understand.lexicon import Lexicon
from assistant.understand.plan import Plan
from assistant.understand.reader import Understanding
from assistant.verify.numbers import mark_unverified, verify_numbers
from corpus import Fact, Report, Settings, load_report

log = logging.getLogger(__name__)

NOT_A_QUESTION = "报告中没有找到与此相关的内容：我只回答关于这份决算报告的问题，请换一个关于报告内容的问题。"
INTERNAL_ERROR = "抱歉，处理这个问题时出了点问题，请换个说法再问一次。"
DIGITS = re.compile(r"\d")


class Assistant:
    """Answers questions about one report. Thread-safe: `ask` only reads what __init__ built."""

    def __init__(
        self,
        settings: Settings,
        report: Report | None = None,
        index: object | None = None,
        synthesizer: Synthesizer | None = None,
    ) -> None:
        self.settings = settings
        self.report = report if report is not None else load_report(settings.report)
        self.baseline = settings.pipeline == "baseline"
        self.lexicon = Lexicon.build(self.report)
        self.catalogue = Catalogue.build(self.report, self.lexicon, numbered_lists(self.report))
        self.table = FactTable.build(self.report)
        self.sentences = SentenceIndex(self.report)
        self.synthesizer: Synthesizer = synthesizer or DeterministicSynthesizer()
        self.index = index if index is not None else _open_index(settings, self.report)
        self.understanding = Understanding(self.report, self.lexicon, self.catalogue)
        self.router = Router(
            self.report, self.catalogue, self.table, self.sentences, self.index, settings.top_k, self.baseline
        )
        kit = self.router.kit
        self.notes = AuditNotes(self.report, kit.name, kit.span)  # the audit runs once, here

    # ------------------------------------------------------------------ public
    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        started = time.perf_counter()
        try:
            answer = self._ask(question, history)
        except Exception:  # the contract: never a traceback for user input
            log.exception("ask failed for %r", str(question)[:200])
            answer = Answer("not_found", INTERNAL_ERROR)
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    # ------------------------------------------------------------------ pipeline
    def _ask(self, question: str, history: object) -> Answer:
        guarded = guard(question, self.settings.max_question_chars)
        if not guarded.ok:
            return Answer("rejected", guarded.message)
        if not guarded.question.strip():
            return Answer("not_found", NOT_A_QUESTION)
        plan = self.understanding.read(guarded.question, history)
        evidence = self.router.plan(plan)
        answer = self.finish(evidence)
        if guarded.note and answer.status == "answered":
            answer.answer = guarded.note + answer.answer
        return answer

    def understand(self, question: str, history: object = None) -> Plan:
        """The complete plan of a question (normalised, parsed, resolved against the conversation)."""
        return self.understanding.read(question, history)

    # ------------------------------------------------------------------ finishing
    def finish(self, evidence: Evidence) -> Answer:
        """Write the text, attach exact citations, verify every number.

        An answer with nothing to cite is no answer: it is turned into a not_found (the contract is that
        every answered text rests on at least one exact quote of the report)."""
        if evidence.status == "answered" and not self.baseline:
            self.notes.annotate(evidence)
        _cite_facts_if_uncited(evidence, self.router.kit.span)
        book = CitationBook(self.report)
        text = self.synthesizer.write(evidence, book)
        citations = book.citations()
        if evidence.status == "answered" and not citations:
            log.warning("answer without a citation turned into not_found: %r", text[:200])
            evidence = self.router.kit.not_found(Plan(evidence.question), "可以引用的原文")
            text = self.synthesizer.write(evidence, CitationBook(self.report))
        if evidence.status == "not_found":
            return Answer("not_found", DIGITS.sub("", text))
        facts: list[Fact] = list(evidence.facts) + [f for c in citations if (f := _quote_fact(c.quote, c.n))]
        facts += [f for p in self.report.projects if p.name in text and (f := _quote_fact(p.name, 0))]
        numbers = verify_numbers(text, facts, evidence.checks)
        if any(not n.verified for n in numbers):
            log.warning("unverified numbers in answer: %s", [n.text for n in numbers if not n.verified])
            text = mark_unverified(text, numbers)
        return Answer("answered", text, citations, list(evidence.checks), numbers)


def _cite_facts_if_uncited(evidence: Evidence, span: Callable[[Fact], Span | None]) -> None:
    """A figure answer whose pieces cite nothing (a sum over many tables) cites the facts it used instead."""
    if evidence.status != "answered" or any(p.cites for p in evidence.pieces) or not evidence.facts:
        return
    spans = [s for s in (span(f) for f in dict.fromkeys(evidence.facts)) if s is not None]
    if spans and evidence.pieces:
        evidence.pieces[0].cites.extend(spans)


def _quote_fact(quote: str, n: int) -> Fact | None:
    """A cited quote (or a project's printed name, n=0) as a pseudo-fact, so figures printed in it count as
    backed by the report ("12345" in 省 12345政务服务热线及网络理政平台 is a name, not a figure)."""
    numbers = find_numbers(quote)
    if not numbers:
        return None
    return Fact(f"citation:{n}", "", "引文", numbers[0].value, "", 0, "", quote, numbers[0].text, 0)


def _open_index(settings: Settings, report: Report) -> object | None:
    try:
        from index.service import open_index

        return open_index(settings, report)
    except Exception:
        log.warning("search index unavailable; answering from the fact table and the report text", exc_info=True)
        return None


_singleton: Assistant | None = None
_singleton_lock = threading.Lock()


def get_assistant(settings: Settings | None = None) -> Assistant:
    """The process-wide assistant, built on first use (thread-safe)."""
    global _singleton
    if _singleton is None:
        with _singleton_lock:
            if _singleton is None:
                _singleton = Assistant(settings or Settings.from_env())
    return _singleton


__all__ = ["Assistant", "get_assistant"]
