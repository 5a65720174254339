"""Write a table grid as text lines, one per row, every figure next to its column label.

A table has no reading order of its own; the report's clean text gets one line per row in which each cell
keeps its printed text and a figure stands after the label of its column:
``总额：年初预算 34.90；调整后预算数 34.90；预算执行数 34.90；预算执行率 100.00%`` or
``201 一般公共服务支出：本年支出合计 19644.36；基本支出 3692.16；项目支出 15952.21``. So a citation can quote
a row label with its value, and never a row with a value missing. Header rows are written as printed.
Hand-written: the label rules are the template's (vocabulary in table_vocabulary.toml).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.pdf_grid import Grid, GridCell
from corpus.table_vocabulary import (
    block_label,
    column_label,
    form_field,
    is_figure,
    normalize_label,
    vocabulary,
)

ROW_LABEL_FIELDS = ("level1", "level2", "name")
GROUP_SEPARATOR = "；"


@dataclass
class PlacedCell:
    cell: GridCell
    offset: int  # of cell.text in the line
    label: str  # normalised label of the column the cell sits under ("" where the table has none)
    group: int  # offset in the line where the cell's row label starts (a quote's start)


@dataclass
class RowLine:
    text: str
    page: int
    row: int
    header: bool
    cells: list[PlacedCell] = field(default_factory=list)


def table_kind(grid: Grid) -> str:
    texts = {normalize_label(c.text) for c in grid.cells if c.text}
    if all(m in texts for m in vocabulary()["self_evaluation"]["markers"]):
        return "self_evaluation"
    first = grid.rows()[0] if grid.n_rows else []
    if any(normalize_label(c.text) in vocabulary()["schedule"]["label_columns"] for c in first):
        return "schedule"
    return "table"


def table_lines(grid: Grid, kind: str) -> list[RowLine]:
    labels: dict[int, str] = {}
    out: list[RowLine] = []
    for k, row in enumerate(grid.rows()):
        cells = [c for c in row if c.text]
        if not cells:
            continue
        if _is_header(cells, kind, k):
            labels = {}
            for cell in cells:
                if block_label(cell.text) and kind == "self_evaluation":
                    continue
                for col in range(cell.col, cell.col + cell.colspan):
                    labels[col] = normalize_label(cell.text)
            out.append(_header_line(cells, k))
        else:
            out.append(_data_line(cells, labels, kind, k))
    return out


def _is_header(cells: list[GridCell], kind: str, k: int) -> bool:
    if kind == "schedule":
        return k == 0
    if len(cells) < 2:
        return False
    named = [c for c in cells if not block_label(c.text)]
    return bool(named) and all(column_label(c.text) and not is_figure(c.text) for c in named) and not any(
        form_field(c.text) == "total" for c in named
    )


def _header_line(cells: list[GridCell], k: int) -> RowLine:
    line = RowLine("", cells[0].page, k, True)
    for cell in cells:
        if line.text:
            line.text += " "
        line.cells.append(PlacedCell(cell, len(line.text), "", len(line.text)))
        line.text += cell.text
    return line


def _is_row_label(cell: GridCell, labels: dict[int, str], kind: str) -> bool:
    label = labels.get(cell.col, "")
    if kind == "schedule":
        return label in vocabulary()["schedule"]["label_columns"] or (not label and not is_figure(cell.text))
    if form_field(cell.text) == "total":
        return True
    if label and vocabulary()["self_evaluation"]["indicator"].get(label) in ROW_LABEL_FIELDS:
        return True
    return not label and not is_figure(cell.text)


def _data_line(cells: list[GridCell], labels: dict[int, str], kind: str, k: int) -> RowLine:
    """Groups of (row label cells, value cells); a form label (评价结论, 主管部门…) starts a group of its own."""
    groups: list[tuple[list[GridCell], list[GridCell], bool]] = []  # (labels, values, values bare)
    for cell in cells:
        field = form_field(cell.text) if kind == "self_evaluation" else ""
        if field and field != "total":
            groups.append(([cell], [], True))
        elif _is_row_label(cell, labels, kind) and not (groups and groups[-1][2] and not groups[-1][1]):
            if not groups or groups[-1][1] or groups[-1][2]:
                groups.append(([cell], [], False))
            else:
                groups[-1][0].append(cell)
        else:
            if not groups:
                groups.append(([], [], False))
            groups[-1][1].append(cell)
    line = RowLine("", cells[0].page, k, False)
    for heads, values, bare in groups:
        if line.text:
            line.text += GROUP_SEPARATOR
        group_start = len(line.text)
        for n, cell in enumerate(heads):
            if n:
                line.text += " "
            line.cells.append(PlacedCell(cell, len(line.text), labels.get(cell.col, ""), group_start))
            line.text += cell.text
        if heads and values:
            name_row = bare and form_field(heads[0].text) == "name"
            line.text += " " if name_row or line.text.endswith(("：", ":")) else "："
        for n, cell in enumerate(values):
            if n:
                line.text += GROUP_SEPARATOR
            label = labels.get(cell.col, "")
            if label and not bare:
                line.text += f"{label} " if is_figure(cell.text) or len(cell.text) <= 2 else f"{label}："
            line.cells.append(PlacedCell(cell, len(line.text), label, group_start))
            line.text += cell.text
    return line
