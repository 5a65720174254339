"""The assistant's one entry: question in, cited and number-checked `Answer` out. Deterministic, no LLM.

    guard → normalise → understand (→ a complete Plan) → scope check → execute (answerers, calculator)
    → compose → verify → Answer

Everything that depends only on the report (lexicon, catalogue, fact table, sentence index, the search index,
the report audit) is built once at construction, so a warm `ask` costs a few milliseconds. `ask` never raises
for user input.
"""

from __future__ import annotations

import logging
import threading
import time

from assistant.answer.answerers import Answerers
from assistant.answer.clarify import Clarifier
from assistant.answer.router import Router
from assistant.compose.composer import Composer
from assistant.compose.synthesizer import DeterministicSynthesizer, Synthesizer
from assistant.evidence.facts import FactTable
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import SentenceIndex, numbered_lists
from assistant.evidence.table_match import TableMatcher
from assistant.execute.executor import Executor
from assistant.records import Answer
from assistant.understand.catalogue import Catalogue
from assistant.understand.guard import guard
from assistant.understand.lexicon import Lexicon
from assistant.understand.matcher import EverydayMatcher, build_matcher
from assistant.understand.plan import Plan
from assistant.understand.reader import Understanding
from assistant.verify.answer import verified
from corpus import Report, Settings, load_report

log = logging.getLogger(__name__)

NOT_A_QUESTION = "报告中没有找到与此相关的内容：我只回答关于这份决算报告的问题，请换一个关于报告内容的问题。"
INTERNAL_ERROR = "抱歉，处理这个问题时出了点问题，请换个说法再问一次。"


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
        self.index = index if index is not None else _open_index(settings, self.report)
        self.matcher = _build_matcher(settings, self.report, self.catalogue, self.lexicon)
        self.understanding = Understanding(self.report, self.lexicon, self.catalogue, self.matcher)
        answerers = Answerers(
            self.report,
            self.catalogue,
            self.table,
            self.sentences,
            self.index,
            settings.top_k,
            self.baseline,
            _table_matcher(settings, self.report, self.matcher),
        )
        self.router = Router(answerers)
        self.executor = Executor(answerers.kit, self.router, answerers.aggregates, answerers.rows)
        self.clarifier = Clarifier(answerers.kit)
        kit = self.router.kit
        self.composer = Composer(self.report, synthesizer or DeterministicSynthesizer(), kit.span, kit.not_found)

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

    def understand(self, question: str, history: object = None) -> Plan:
        """The complete plan of a question (normalised, parsed, resolved against the conversation)."""
        return self.understanding.read(question, history)

    def explain(self, question: str, history: object = None) -> tuple[Plan | None, str]:
        """The plan of a question and the route that would answer it (None for input the guard rejects)."""
        guarded = guard(question, self.settings.max_question_chars)
        if not guarded.ok or not guarded.question.strip():
            return None, "rejected"
        plan = self.understand(guarded.question, history)
        return plan, self.execute(plan).route

    # ------------------------------------------------------------------ the path
    def _ask(self, question: str, history: object) -> Answer:
        guarded = guard(question, self.settings.max_question_chars)
        if not guarded.ok:
            return Answer("rejected", guarded.message, route="guard")
        if not guarded.question.strip():
            return Answer("not_found", NOT_A_QUESTION, route="guard")
        plan = self.understand(guarded.question, history)
        if plan.status == "clarify":
            answer = self.clarify(plan)
            answer.plan = plan.to_json()
            return answer
        evidence = self.execute(plan)
        answer = self.finish(evidence)
        if guarded.note and answer.status == "answered":
            answer.answer = guarded.note + answer.answer
        answer.plan = plan.to_json()
        return answer

    def clarify(self, plan: Plan) -> Answer:
        """A clarifying question with suggestions, each tried first: only questions with a real, checked answer."""
        asked = plan.steps[0].note if plan.steps else ""
        text, suggestions = self.clarifier.clarify(asked, self._answers)
        return Answer("clarify", text, route="clarify", suggestions=suggestions)

    def _answers(self, question: str) -> bool:
        plan = self.understand(question)
        if plan.status != "answer":
            return False
        answer = self.finish(self.execute(plan))
        return answer.status == "answered" and all(n.verified for n in answer.numbers) and bool(answer.citations)

    def execute(self, plan: Plan) -> Evidence:
        """A compound question's asks run in order by the executor; a question of one ask by the registry."""
        if plan.parts:
            return self.executor.run(plan)
        return self.executor.about_previous_rows(plan) or self.router.answer(plan)

    def finish(self, evidence: Evidence) -> Answer:
        """Write the text with exact citations, then verify every number."""
        composed = self.composer.compose(evidence)
        answer = verified(composed, self.report)
        answer.route = composed.evidence.route
        return answer


def _build_matcher(
    settings: Settings, report: Report, catalogue: Catalogue, lexicon: Lexicon
) -> EverydayMatcher | None:
    """The everyday-word matcher; without its thesaurus or model (a broken install) the lexicon reads alone."""
    try:
        return build_matcher(report, catalogue, lexicon, settings.data_dir / "matcher")
    except Exception:
        log.warning("everyday-word matcher unavailable; reading questions with the lexicon alone", exc_info=True)
        return None


def _table_matcher(settings: Settings, report: Report, matcher: EverydayMatcher | None) -> TableMatcher | None:
    """Rows and table sentences named in other words, on the matcher's model (loaded once); None without it."""
    if matcher is None or matcher.vectors is None:
        return None
    return TableMatcher(report, matcher.vectors, settings.data_dir / "matcher")


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
