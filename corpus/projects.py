"""绩效自评表 extraction (placeholder until the project-table work lands)."""

from __future__ import annotations

from corpus.records import Fact, ProjectTable, Report


def extract_projects(report: Report) -> list[ProjectTable]:
    return []


def project_facts(report: Report) -> list[Fact]:
    return []
