"""One answer view per Answer JSON, with what only the server knows: the names of the figures in each
formula (from the report's facts) and suggested next questions that were tried first. The staff chat and
the widget's endpoint both call this, so both read the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from corpus import Report
from ui.formulas import Label, labels_for
from ui.present import AnswerView, present
from ui.suggest import suggest_next

log = logging.getLogger(__name__)


class Viewer:
    """`reports` finds a library report by id (answers of a library name the report that answered); without it
    every answer is read against `report`."""

    def __init__(
        self,
        report: Report,
        trial: Callable[..., Mapping[str, Any]] | None = None,
        reports: Callable[[str], Report | None] | None = None,
    ) -> None:
        self.report = report
        self.trial = trial
        self.reports = reports
        self.facts = {f.id: f for f in report.facts}

    def view(self, answer: Mapping[str, Any], question: str = "") -> AnswerView:
        checks = [c for c in answer.get("checks") or [] if isinstance(c, Mapping)]
        report, trial = self._report_of(answer)
        facts = self.facts if report is self.report else {f.id: f for f in report.facts}
        labels = {i: labels_for(check, facts, report.year) or operand_labels(check) for i, check in enumerate(checks)}
        if answer.get("status") == "clarify":  # the assistant's own suggestions, each tried already
            return present(answer, labels, [str(s) for s in answer.get("suggestions") or []])
        across = not answer.get("report") and len({c.get("report") for c in answer.get("citations") or []}) > 1
        try:
            suggestions = [] if across else suggest_next(answer, report, trial, question)
        except Exception:  # a suggestion must never cost the answer
            log.exception("suggestions failed")
            suggestions = []
        return present(answer, labels, suggestions)

    def _report_of(self, answer: Mapping[str, Any]) -> tuple[Report, Callable[[str], Mapping[str, Any]] | None]:
        """The report an answer comes from, and how to try suggestions on that same report."""
        rid = str(answer.get("report") or "")
        if not rid or self.reports is None:
            return self.report, self.trial
        report = self.reports(rid)
        if report is None or report is self.report:
            return self.report, self.trial
        trial = self.trial
        return report, (None if trial is None else lambda q: trial(q, rid))


def operand_labels(check: Mapping[str, Any]) -> list[Label]:
    """Names of a check's figures from its operands (a calculation across reports names each figure itself)."""
    out = []
    for operand in check.get("operands") or []:
        if isinstance(operand, Mapping) and "/" in str(operand.get("fact_id", "")) and operand.get("label"):
            try:
                out.append(Label(str(operand["label"]), abs(Decimal(str(operand.get("value"))))))
            except InvalidOperation:
                continue
    return out


__all__ = ["Viewer"]
