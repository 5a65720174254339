"""Audit-aware answers: a figure the report contradicts elsewhere gets a short note saying so.

The report audit (assistant.audit) recomputes every total, share and repeated figure once, at construction.
When an answer states a figure that takes part in a check the report fails, the answer says where the report
disagrees with itself, cites the other section and shows the difference, all through the calculator's
checks so the note's numbers are verified like any other. Driven only by the audit items' fact ids: nothing
here knows a report's values.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from assistant.audit import AuditItem, audit_report
from assistant.calculator import CalculatorError, contradiction
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.number_spans import find_numbers
from corpus import Fact, Report

log = logging.getLogger(__name__)

MAX_NOTES = 2  # more than two notes would bury the answer
SUM_ONLY = re.compile(r"^[\d.\s+()−-]+$")


class AuditNotes:
    """The report's failed audit checks, indexed by the facts that take part in them."""

    def __init__(
        self,
        report: Report,
        name: Callable[[str], str],
        span: Callable[[Fact], Span | None],
        items: Sequence[AuditItem] | None = None,
    ) -> None:
        self.facts = {f.id: f for f in report.facts}
        self.name = name
        self.span = span
        if items is None:
            try:
                items = audit_report(report)
            except Exception:  # the audit must never keep the assistant from starting
                log.exception("report audit failed; answers carry no consistency notes")
                items = []
        self.failed: dict[str, list[AuditItem]] = defaultdict(list)
        for item in items:
            if item.ok or not item.fact_ids or not all(i in self.facts for i in item.fact_ids):
                continue
            for fact_id in item.fact_ids:
                self.failed[fact_id].append(item)

    def annotate(self, evidence: Evidence) -> None:
        """Append a note for each failed check that contradicts a figure `evidence` states."""
        if evidence.status != "answered" or not self.failed or not evidence.facts:
            return
        shown = {abs(n.value) for n in find_numbers("".join(p.text for p in evidence.pieces))}
        notes: list[AuditItem] = []
        said: set[str] = set()
        for fact in evidence.facts:
            if abs(fact.value) not in shown:
                continue  # in the evidence but not said (e.g. a compared figure that is not printed)
            said.add(fact.id)
            for item in self.failed.get(fact.id, []):
                # The figure the check is about, or either side of a plain comparison of two figures. One
                # term of a sum that is off is not itself contradicted: the gap cannot be put on it.
                contradicted = fact.id == item.fact_ids[0] or len(item.fact_ids) == 2
                if contradicted and item not in notes:
                    notes.append(item)
        # One note per stated figure, with each place the report disagrees with it.
        by_stated: dict[str, list[AuditItem]] = defaultdict(list)
        for item in notes[:MAX_NOTES]:
            by_stated[item.fact_ids[0]].append(item)
        for stated_id, items in by_stated.items():
            self._note(items, evidence, stated_id in said)

    def _note(self, items: list[AuditItem], evidence: Evidence, about_this: bool) -> None:
        stated = self.facts[items[0].fact_ids[0]]
        clauses: list[str] = []
        used: list[Fact] = [stated]
        for item in items:
            clause = self._clause(item)
            if clause is None:
                continue
            operands = [self.facts[i] for i in item.fact_ids[1:]]
            try:  # the calculator redoes the audit's sum: the note's figures are its results, never the audit's text
                checks = contradiction(stated, item.expected, item.expression, item.computed, operands)
            except CalculatorError:
                log.exception("consistency note skipped: %s", item.name)
                continue
            clauses.append(clause)
            used.extend(operands)
            evidence.checks.extend(checks)
        if not clauses:
            return
        which = "这一数字" if about_this else "相关数字"
        unit = "" if items[0].expected.endswith("%") else _unit(stated)
        text = f"注意：报告中{which}前后不一致：{self.name(stated.subject)} {items[0].expected}{unit}，而" + "；".join(
            clauses
        )
        used = list(dict.fromkeys(used))
        evidence.add(text + "。", *(self.span(f) for f in used))
        evidence.facts.extend(f for f in used if f not in evidence.facts)

    def _clause(self, item: AuditItem) -> str | None:
        """ "人员经费 3258 + 公用经费 1475.09 = 4733.09 万元，相差 0.01 万元": the other side and the gap."""
        stated, *operands = [self.facts[i] for i in item.fact_ids]
        percent = item.computed.endswith("%")
        unit = "" if percent else _unit(stated)
        try:
            difference = abs(Decimal(item.difference))
        except InvalidOperation:
            return None
        if len(operands) == 1:
            other = f"{self.name(operands[0].subject)}为 {item.computed}{unit}"
        elif SUM_ONLY.match(item.expression) and _operands_match(item.expression, operands):
            parts = " + ".join(f"{self.name(f.subject)} {_plain(f.value)}" for f in operands)
            other = f"{parts} = {item.computed}{unit}"
        else:
            names = "、".join(self.name(f.subject) for f in operands)
            other = f"按{names}计算为 {item.expression} = {item.computed}{unit}"
        return f"{other}，相差 {_plain(difference)}{' 个百分点' if percent else unit}"


def _unit(fact: Fact) -> str:
    return f" {fact.unit}" if fact.unit in ("万元", "元", "亿元") else fact.unit if fact.unit != "%" else ""


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _operands_match(expression: str, operands: Sequence[Fact]) -> bool:
    """A sum whose terms are the operand facts in order (so each figure can be named)."""
    values = [abs(n.value) for n in find_numbers(expression.replace("−", "-"))]
    return values == [abs(f.value) for f in operands]


__all__ = ["AuditNotes"]
