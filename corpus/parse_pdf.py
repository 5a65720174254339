"""Parse a text PDF into a `Report`: the same sections and facts as the text path, with pages and table cells.

read (pdf_read) → grids (pdf_grid) → lines (pdf_layout, table_lines) → sections (the text path's builder) →
tables as `Table` records → 绩效自评表 from cells (selfeval_cells) → 附表 figures (schedules) → facts with
the page that holds their quote.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from corpus.facts import narrative_facts, unique_ids
from corpus.pdf_layout import PdfLayout, pdf_layout
from corpus.pdf_read import read_pdf
from corpus.reader import CorpusError, content_hash
from corpus.records import Fact, Report, Table, TableCell
from corpus.schedules import schedule_facts
from corpus.sections import build_sections
from corpus.selfeval_cells import read_self_evaluations

log = logging.getLogger(__name__)
MIN_PARTS = 2


def parse_pdf(path: Path, report_id: str, metadata) -> Report:
    """`report_id` gets a "_pdf" suffix: the PDF and the text of one report keep separate indexes."""
    content = read_pdf(path)
    laid = pdf_layout(content)
    clean, offsets, sections = build_sections(laid.layout)
    parts = [s for s in sections if s.kind == "part"]
    if len(parts) < MIN_PARTS or "决算" not in laid.raw:
        raise CorpusError(
            f"这份 PDF 看起来不是决算报告（没有找到“第一部分”“第二部分”这类章节和“决算”字样）：{path}"
        )
    cover = [line.text for line in laid.layout.lines[:3]]  # the cover's title lines, as printed
    year, body, kind = metadata(laid.raw, [*cover, *laid.layout.outline], clean)
    report = Report(
        id=f"{report_id[:56]}_pdf",
        path=str(path),
        title=f"{year}年度{body}{kind}" if year else f"{body}{kind}",
        body=body,
        kind=kind,
        year=year,
        content_hash=content_hash(laid.raw),
        raw_text=laid.raw,
        clean_text=clean,
        offsets=offsets,
        sections=sections,
        source_format="pdf",
        page_starts=laid.page_starts,
        warnings=list(laid.warnings),
    )
    report.tables = _tables(report, laid)
    projects, project_facts, issues = read_self_evaluations(report)
    report.projects = projects
    facts = narrative_facts(report) + project_facts
    table_facts, table_issues = schedule_facts(report)
    report.facts = [_with_page(report, f) for f in unique_ids(facts)]
    report.schedule_facts = [_with_page(report, f) for f in unique_ids(table_facts)]
    report.issues = issues + table_issues
    for issue in report.issues:
        log.warning("%s %s：%s", issue.section_id, issue.table, issue.message)
    return report


def _with_page(report: Report, fact: Fact) -> Fact:
    return replace(fact, page=report.page_at(fact.start))


def _tables(report: Report, laid: PdfLayout) -> list[Table]:
    out: list[Table] = []
    counts: dict[str, int] = {}
    for placed in laid.tables:
        cells_by_row: list[tuple[TableCell, ...]] = []
        for row, raw_start in zip(placed.rows, placed.line_starts, strict=True):
            line_start = report.clean_offset(raw_start) if raw_start >= 0 else -1
            cells = tuple(
                TableCell(
                    text=p.cell.text,
                    row=p.cell.row,
                    col=p.cell.col,
                    rowspan=p.cell.rowspan,
                    colspan=p.cell.colspan,
                    label="" if row.header else p.label,
                    start=line_start + p.offset if line_start >= 0 else -1,
                    page=laid.page_numbers.get(p.cell.page),
                )
                for p in row.cells
            )
            cells_by_row.append(cells)
        if not cells_by_row:
            continue
        written = [row for row in cells_by_row if row and row[0].start >= 0]
        if not written:
            continue  # an empty 附表: only its header
        start = written[0][0].start
        last = written[-1][-1]
        end = last.start + len(last.text)
        section = report.section_at(start)
        counts[section.id] = counts.get(section.id, 0) + 1
        out.append(
            Table(
                id=f"{section.id}:table{counts[section.id]}",
                section_id=section.id,
                title=_title(section.title, report, start),
                kind=placed.kind,
                pages=tuple(laid.page_numbers.get(p, p + 1) for p in placed.grid.pages),
                rows=tuple(cells_by_row),
                start=start,
                end=end,
            )
        )
    return out


def _title(section_title: str, report: Report, start: int) -> str:
    """A 附表's title is the line printed just above it (收入支出决算总表), else its section's title."""
    before = report.clean_text[max(0, start - 200) : start].rstrip("\n").split("\n")
    for line in reversed(before[-3:]):
        line = line.strip()
        if line.endswith("表") and len(line) <= 40:
            return line
    return section_title
