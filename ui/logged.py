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

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        return self.ask_logged(question, history)[0]

    def ask_logged(self, question: str, history: list[dict] | None = None) -> tuple[Answer, str | None]:
        """The answer and its question-log id (None when the log is off or failed)."""
        answer = self.assistant.ask(question, history)
        return answer, self.record(question, answer.to_json())

    def record(self, question: str, answer_json: dict[str, Any]) -> str | None:
        if self.questions is None:
            return None
        try:
            return self.questions.record(self.channel, question, answer_json)
        except Exception:
            log.exception("question log: could not store a question")
            return None

    def trial(self, question: str) -> dict[str, Any]:
        """Answer a question without logging it (suggestions are tried before they are offered); cached,
        since answers depend only on the question and the report."""
        return self._try(question)

    def _answer_json(self, question: str) -> dict[str, Any]:
        return self.assistant.ask(question).to_json()


__all__ = ["LoggedAssistant"]
