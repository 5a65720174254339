"""One answer view per Answer JSON, with what only the server knows: the names of the figures in each
formula (from the report's facts) and suggested next questions that were tried first. The staff chat and
the widget's endpoint both call this, so both read the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from corpus import Report
from ui.formulas import labels_for
from ui.present import AnswerView, present
from ui.suggest import suggest_next

log = logging.getLogger(__name__)


class Viewer:
    def __init__(self, report: Report, trial: Callable[[str], Mapping[str, Any]] | None = None) -> None:
        self.report = report
        self.trial = trial
        self.facts = {f.id: f for f in report.facts}

    def view(self, answer: Mapping[str, Any], question: str = "") -> AnswerView:
        checks = [c for c in answer.get("checks") or [] if isinstance(c, Mapping)]
        labels = {i: labels_for(check, self.facts, self.report.year) for i, check in enumerate(checks)}
        if answer.get("status") == "clarify":  # the assistant's own suggestions, each tried already
            return present(answer, labels, [str(s) for s in answer.get("suggestions") or []])
        try:
            suggestions = suggest_next(answer, self.report, self.trial, question)
        except Exception:  # a suggestion must never cost the answer
            log.exception("suggestions failed")
            suggestions = []
        return present(answer, labels, suggestions)


__all__ = ["Viewer"]
