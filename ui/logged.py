"""The assistant as the UI uses it: every question it answers is written to the question log.

Logging must never cost an answer: a failing database is logged as an error and the answer goes out.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from assistant.records import Answer
from assistant.service import Assistant
from corpus import Report
from ui.question_log import QuestionLog

log = logging.getLogger(__name__)


class LoggedAssistant:
    """Wraps an Assistant for one channel ("staff", "widget", "api"); `ask` keeps Assistant's signature."""

    def __init__(self, assistant: Assistant | Any, questions: QuestionLog | None, channel: str) -> None:
        self.assistant = assistant
        self.questions = questions
        self.channel = channel
        self._try = lru_cache(maxsize=1024)(self._answer_json)

    @property
    def report(self) -> Report:
        return self.assistant.report

    def report_of(self, report_id: str) -> Report | None:
        """A library report by id (None for an unknown id, or when the assistant serves one report)."""
        if not hasattr(self.assistant, "assistant_for"):
            return None
        try:
            return self.assistant.assistant_for(report_id).report
        except Exception:
            log.warning("library report %s cannot be loaded", report_id, exc_info=True)
            return None

    def ask(
        self, question: str, history: list[dict] | None = None, report: str | None = None, body: str | None = None
    ) -> Answer:
        return self.ask_logged(question, history, report, body)[0]

    def ask_logged(
        self, question: str, history: list[dict] | None = None, report: str | None = None, body: str | None = None
    ) -> tuple[Answer, str | None]:
        """The answer and its question-log id (None when the log is off or failed). `report` is the report
        selected, `body` the body a widget is pinned to (a library assistant chooses with them)."""
        answer = ask_about(self.assistant, question, history, report, body)
        return answer, self.record(question, answer.to_json())

    def record(self, question: str, answer_json: dict[str, Any]) -> str | None:
        if self.questions is None:
            return None
        try:
            return self.questions.record(self.channel, question, answer_json)
        except Exception:
            log.exception("question log: could not store a question")
            return None

    def trial(self, question: str, report: str | None = None) -> dict[str, Any]:
        """Answer a question without logging it (suggestions are tried before they are offered); cached,
        since answers depend only on the question and the report."""
        return self._try(question, report)

    def _answer_json(self, question: str, report: str | None = None) -> dict[str, Any]:
        return ask_about(self.assistant, question, None, report, None).to_json()


def ask_about(
    assistant: Any, question: str, history: list[dict] | None, report: str | None, body: str | None
) -> Answer:
    """Ask a library assistant with the report selected and the body pinned; a single-report assistant has
    only its own report to answer from."""
    if (report or body) and hasattr(assistant, "entries"):
        return assistant.ask(question, history, report=report or None, body=body or None)
    return assistant.ask(question, history)


__all__ = ["LoggedAssistant"]
