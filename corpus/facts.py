"""Fact extraction (placeholder until the fact-table work lands)."""

from __future__ import annotations

from corpus.records import Fact, Report


def extract_facts(report: Report) -> list[Fact]:
    return []
