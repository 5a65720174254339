"""The 项目支出绩效自评表 of a text report: `ProjectTable`s and their facts (the PDF path reads its tables from
cells in `corpus.selfeval_cells`). Reading is `corpus.selfeval_text` (+ `selfeval_text_rows` for indicator
rows); checking the figures against each other and making the records is `corpus.selfeval_build`.
"""

from __future__ import annotations

from corpus.records import Fact, ProjectTable, Report, TableIssue
from corpus.selfeval_build import build_project
from corpus.selfeval_text import read_text_tables


def read_projects(report: Report) -> tuple[list[ProjectTable], list[Fact], list[TableIssue]]:
    projects: list[ProjectTable] = []
    facts: list[Fact] = []
    issues: list[TableIssue] = []
    for reading in read_text_tables(report):
        project, own_facts, own_issues = build_project(report, reading)
        projects.append(project)
        facts.extend(own_facts)
        issues.extend(own_issues)
    return projects, facts, issues


def extract_projects(report: Report) -> list[ProjectTable]:
    """One `ProjectTable` per 绩效自评表 section, in report order."""
    return read_projects(report)[0]


def project_facts(report: Report) -> list[Fact]:
    """Budget, execution and score figures of each project, and numeric indicator targets and results."""
    return read_projects(report)[1]
