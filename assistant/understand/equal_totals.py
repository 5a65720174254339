"""Totals of a year the template states no change for, read through an equal grand total that it does
(cues.toml `equal_totals`), and a section's text by id for the readers."""

from __future__ import annotations

from assistant.understand.cues import CUES
from corpus import Report


def changes_stated_of(report: Report) -> dict[str, str]:
    """A year's total with no change of its own → the equal grand total the report states the change of
    (cues.toml `equal_totals`): the same money when nothing is carried over."""
    values: dict[str, set[object]] = {}
    for fact in report.facts:
        if not fact.scope:
            values.setdefault(f"{fact.subject}|{fact.measure}", set()).add(fact.value)
    out: dict[str, str] = {}
    for subject, grand in sorted(CUES.table("equal_totals").items()):
        mine, theirs = values.get(f"{subject}|决算数", set()), values.get(f"{grand}|决算数", set())
        if mine and mine == theirs and f"{subject}|比上年增减额" not in values and f"{grand}|比上年增减额" in values:
            out[subject] = grand
    return out


def section_text(report: Report, section_id: str) -> str:
    """A section's text, or "" when the report has no section of that id."""
    try:
        return report.section(section_id).text
    except KeyError:
        return ""
