"""Verification, the stage: every number of a composed answer checked against the facts it cites and the
calculator's checks; an unverified number is marked, never silently shown. A refusal states no number."""

from __future__ import annotations

import logging
import re

from assistant.compose.composer import Composed
from assistant.number_spans import find_numbers
from assistant.records import Answer
from assistant.verify.numbers import mark_unverified, verify_numbers
from corpus import Fact, Report

log = logging.getLogger(__name__)

DIGITS = re.compile(r"\d")


def verified(composed: Composed, report: Report) -> Answer:
    """The answer as the contract states it: text, citations, checks and how each number was verified."""
    evidence, text, citations = composed.evidence, composed.text, composed.citations
    if evidence.status == "not_found":
        return Answer("not_found", DIGITS.sub("", text))
    facts: list[Fact] = list(evidence.facts) + [f for c in citations if (f := quote_fact(c.quote, c.n))]
    facts += [f for p in report.projects if p.name in text and (f := quote_fact(p.name, 0))]
    numbers = verify_numbers(text, facts, evidence.checks)
    if any(not n.verified for n in numbers):
        log.warning("unverified numbers in answer: %s", [n.text for n in numbers if not n.verified])
        text = mark_unverified(text, numbers)
    return Answer("answered", text, citations, list(evidence.checks), numbers)


def quote_fact(quote: str, n: int) -> Fact | None:
    """A cited quote (or a project's printed name, n=0) as a pseudo-fact, so figures printed in it count as
    backed by the report ("12345" in 省 12345政务服务热线及网络理政平台 is a name, not a figure)."""
    numbers = find_numbers(quote)
    if not numbers:
        return None
    return Fact(f"citation:{n}", "", "引文", numbers[0].value, "", 0, "", quote, numbers[0].text, 0)
