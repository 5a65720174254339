"""Read each 项目支出绩效自评表 of a PDF from its cells: fields by their row labels, figures by their column
labels (年初预算 / 调整后预算数 / 预算执行数 … in whatever order and wording the table prints them), checked
against each other as they are read (`corpus.selfeval_build`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from corpus.records import Fact, IndicatorRow, ProjectTable, Report, Table, TableCell, TableIssue
from corpus.selfeval_build import BudgetCell, Reading, build_project
from corpus.table_vocabulary import (
    budget_labels,
    form_field,
    indicator_labels,
    normalize_label,
    strip_marks,
    vocabulary,
)

CODE_NAME = re.compile(r"^([0-9A-Z]{6,})\s*[-－—]\s*(.+)$")
LEADER = re.compile(r"项目负责人\s*[:：]\s*(\S+)")
FINANCE_LEADER = re.compile(r"财务负责人\s*[:：]\s*(\S+)")
SIGNATURE_WINDOW = 200  # characters after a table where its signature line is printed


def read_self_evaluations(report: Report) -> tuple[list[ProjectTable], list[Fact], list[TableIssue]]:
    projects: list[ProjectTable] = []
    facts: list[Fact] = []
    issues: list[TableIssue] = []
    for table in report.tables:
        if table.kind != "self_evaluation":
            continue
        section = report.section(table.section_id)
        if section.kind != "project_table":
            continue
        reading = read_cells(report, table)
        project, own_facts, own_issues = build_project(report, reading)
        projects.append(project)
        facts.extend(own_facts)
        issues.extend(own_issues)
    return projects, facts, issues


def _text(cells: list[TableCell]) -> str:
    return "".join(c.text for c in cells)


def read_cells(report: Report, table: Table) -> Reading:
    section = report.section(table.section_id)
    reading = Reading(section_id=section.id, code=section.number, name=section.title, labelled=True)
    budget = budget_labels()
    indicator = indicator_labels()
    totals = vocabulary()["self_evaluation"]["budget_rows"]["total"]
    block = ""  # "budget" | "indicator" once their header rows are passed
    level1 = level2 = ""
    for row in table.rows:
        labels = [c.label for c in row]
        if any(indicator.get(normalize_label(c.text)) == "level1" for c in row) and not any(labels):
            block = "indicator"
            continue
        if any(normalize_label(c.text) in budget for c in row) and not any(labels):
            block = "budget"
            continue
        heads = [c for c in row if not c.label]
        first = heads[0] if heads else None
        field = form_field(first.text) if first else ""
        if field and field != "total":
            _form(reading, field, [c for c in row if c is not first], first)
            continue
        if not field and any(c.label in ("项目年度目标", "年度目标完成情况") for c in row):
            for cell in row:
                if cell.label == "项目年度目标":
                    reading.goal = cell.text
                elif cell.label == "年度目标完成情况":
                    reading.goal_result = cell.text
            continue
        total_row = field == "total" or (first is not None and normalize_label(first.text) in ("合计", "总分"))
        if block != "budget" and total_row:
            for cell in row:
                measure = indicator.get(cell.label) or budget.get(cell.label, "")
                if measure in ("weight", "权重"):
                    reading.weight_total = cell
                elif measure in ("score", "得分"):
                    reading.score_total = cell
            reading.total_row = first
            block = ""
            continue
        if block == "budget" and first is not None:
            values = {budget[c.label]: c for c in row if c.label in budget and c is not first}
            label = normalize_label(first.text)
            target = reading.budget if label in totals else reading.funds.setdefault(label, {})
            for measure, cell in values.items():
                if measure == "原因":
                    reading.budget_reason = cell.text
                else:
                    target[measure] = BudgetCell(cell, first)
            if label in totals:
                reading.budget_row = first
        elif block == "indicator":
            fields = {indicator[c.label]: c for c in row if c.label in indicator}
            if "level1" in fields and (word := _category(fields["level1"].text, "level1")):
                level1, level2 = word, ""
            if "level2" in fields and (word := _category(fields["level2"].text, "level2")):
                level2 = word
            if "name" not in fields:
                continue
            reading.indicators.append((level1, level2, fields))
    reading.leader, reading.finance_leader = _signature(report, table)
    return reading


def _category(text: str, level: str) -> str:
    """A category cell as its template word: "质量指" → 质量指标; a page break's leftover ("标") → ""."""
    words = vocabulary()["self_evaluation"]["categories"][level]
    norm = normalize_label(text)
    if norm in words:
        return norm
    started = [w for w in words if w.startswith(norm)]
    if started and len(norm) >= 2:
        return started[0]
    return norm if len(norm) >= 3 else ""


def _form(reading: Reading, field: str, values: list[TableCell], label: TableCell) -> None:
    text = _text(values)
    if field == "name":
        coded = CODE_NAME.match(text.strip())
        if coded:
            reading.code, reading.name = coded.group(1), coded.group(2).strip()
        elif text.strip():
            reading.name = text.strip()
    elif field == "department":
        # 主管部门 and 实施单位 share a row: the first value is the department, a 实施单位 label starts the other
        own, rest = [], []
        for cell in values:
            (rest if rest or form_field(cell.text) == "implementer" else own).append(cell)
        reading.department = _text(own)
        if rest:
            reading.implementer = _text(rest[1:])
    elif field in ("implementer", "goal", "goal_result", "content", "conclusion", "problems", "improvements"):
        setattr(reading, field, text)
        if field == "conclusion" and values:
            reading.conclusion_cell = values[0]


def _signature(report: Report, table: Table) -> tuple[str, str]:
    """项目负责人 / 财务负责人, printed under the table (or in its last row)."""
    window = report.clean_text[max(table.start, table.end - 300) : table.end + SIGNATURE_WINDOW]
    leader = LEADER.search(window)
    finance = FINANCE_LEADER.search(window)
    return (leader.group(1) if leader else "", finance.group(1) if finance else "")


def figure(cell: TableCell | None) -> Decimal | None:
    if cell is None:
        return None
    text = strip_marks(cell.text).rstrip("%").replace(",", "")
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


__all__ = ["IndicatorRow", "figure", "read_cells", "read_self_evaluations"]
