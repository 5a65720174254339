"""Shared helpers for the assistant tests: one Assistant per module on the session's built index."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import FIXTURE_REPORT
from index_support import built_settings, seeded_settings

from assistant.records import Answer
from assistant.service import Assistant
from corpus import Fact, Report

DIGIT = re.compile(r"\d")
MARKER = re.compile(r"\[(\d+)\]")
# The JSON answer contract (`python -m assistant ask --json`, /api/ask): an answer's keys and a citation's.
ANSWER_KEYS = {
    "status",
    "answer",
    "citations",
    "checks",
    "numbers",
    "latency_ms",
    "route",
    "plan",
    "suggestions",
    "report",
    "candidates",
}
CITATION_KEYS = {"n", "section_id", "heading", "page", "quote", "report"}


def make_assistant(factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(built_settings(factory))


def make_fixture_assistant(factory: pytest.TempPathFactory, report: Report) -> Assistant:
    """The assistant on the template's second report (成都 fixture), with its own real index."""
    return Assistant(seeded_settings(factory, "fixture-assistant").with_(report=FIXTURE_REPORT), report)


def answered_text(assistant: Assistant, question: str, *texts: str, history: list[dict] | None = None) -> str:
    """An answered answer's text without citation markers, checked to say each of `texts`."""
    answer = ask(assistant, question, history)
    assert answer.status == "answered", (question, answer.answer)
    flat = MARKER.sub("", answer.answer)
    for text in texts:
        assert text in flat, (question, text, answer.answer)
    return flat


def ask(assistant: Assistant, question: str, history: list[dict] | None = None) -> Answer:
    """One answer, checked against the contract every answer owes its reader."""
    answer = assistant.ask(question, history)
    assert_well_formed(answer, assistant.report.clean_text)
    return answer


def answered_verified(assistant: Assistant, question: str, history: list[dict] | None = None) -> Answer:
    """An answered answer whose every number is a cited fact or an `ok` calculator check."""
    answer = ask(assistant, question, history)
    assert answer.status == "answered", answer.answer
    assert all(n.verified for n in answer.numbers), [n.text for n in answer.numbers if not n.verified]
    return answer


def answered_with(assistant: Assistant, question: str, *texts: str) -> Answer:
    """An answered answer that says each of `texts`."""
    return _says(ask(assistant, question), "answered", texts)


def refused_naming(assistant: Assistant, question: str, *texts: str) -> Answer:
    """A not_found that names each of `texts` (what the report does not hold)."""
    return _says(ask(assistant, question), "not_found", texts)


def _says(answer: Answer, status: str, texts: tuple[str, ...]) -> Answer:
    assert answer.status == status, answer.answer
    for text in texts:
        assert text in answer.answer, (text, answer.answer)
    return answer


def assert_well_formed(answer: Answer, clean_text: str) -> None:
    """What every answer owes its reader: exact quotes, markers that point at them, no unchecked number."""
    assert answer.status in ("answered", "not_found", "rejected", "clarify")
    for citation in answer.citations:
        assert citation.quote and citation.quote in clean_text
    cited = {c.n for c in answer.citations}
    markers = {int(m) for m in MARKER.findall(answer.answer)}
    for marker in markers:
        assert marker in cited, f"marker [{marker}] without a citation in {answer.answer!r}"
    if answer.status == "answered":
        # An answer rests on the report: at least one quote, and every quote is pointed at from the text.
        assert answer.citations, f"answered without a citation: {answer.answer!r}"
        assert markers == cited, f"citations {sorted(cited)} vs markers {sorted(markers)} in {answer.answer!r}"
        assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert all(n.verified for n in answer.numbers), [n for n in answer.numbers if not n.verified]
    if answer.status != "answered":
        assert not DIGIT.search(answer.answer), answer.answer
        assert not answer.citations
    if answer.status == "clarify":  # a question back, with two to four questions to choose from, none with a figure
        assert 2 <= len(answer.suggestions) <= 4 and not any(DIGIT.search(s) for s in answer.suggestions)
    else:
        assert not answer.suggestions


def refused_text(assistant: Assistant, question: str) -> str:
    """A not_found answer's text (checked well formed and refused)."""
    answer = ask(assistant, question)
    assert answer.status == "not_found", (question, answer.answer)
    return answer.answer


def refused_without_figure(
    assistant: Assistant, question: str, status: str | tuple[str, ...] = "not_found", history: list[dict] | None = None
) -> str:
    """A refusal (or a question back) carrying no figure at all, not even a neighbour's; its text."""
    answer = ask(assistant, question, history)
    statuses = (status,) if isinstance(status, str) else status
    assert answer.status in statuses, (question, answer.answer)
    assert not DIGIT.search(answer.answer) and not answer.citations and not answer.numbers, answer.answer
    return answer.answer


def history_after(assistant: Assistant, question: str) -> list[dict]:
    """A conversation of one answered question, for a follow-up."""
    first = ask(assistant, question)
    assert first.status == "answered", first.answer
    return [{"role": "user", "content": question}, {"role": "assistant", "content": first.answer}]


def stated(report: Report, subject: str, measure: str = "决算数", parent: str = "", unit: str = "") -> Fact:
    """The first report-wide figure of a subject and measure (of a parent total, in a unit, when given)."""
    found = [f for f in report.facts if f.subject == subject and f.measure == measure and not f.scope]
    found = [f for f in found if (not parent or f.parent == parent) and (not unit or f.unit == unit)]
    assert found, (subject, measure)
    return found[0]


def printed(value: Fact) -> str:
    """A figure as the report prints it, without trailing zeros ("3258", "1475.09")."""
    return f"{value.value:f}".rstrip("0").rstrip(".") if "." in f"{value.value:f}" else f"{value.value:f}"


def figure(assistant: Assistant, subject: str, measure: str = "决算数") -> Decimal:
    """The value of the first report-wide figure of a subject and measure."""
    return stated(assistant.report, subject, measure).value


def cents(value: Decimal) -> str:
    """A value rounded half up to two decimals, as the calculator shows it."""
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))
