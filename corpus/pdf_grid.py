"""Turn drawn table cells into a grid of rows and columns, merged cells included, across page breaks.

pdfplumber gives each drawn cell's box; the grid is the set of distinct cell edges, so a merged cell covers
several grid rows or columns and is kept once, at its top-left position (rowspan/colspan tell its extent).
A table that runs off the bottom of a page and goes on at the top of the next (same left and right edges) is
one table; a header row printed again on the next page is dropped. Hand-written: pdfplumber reads one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.pdf_read import PdfPage, RawCell, RawTable, TextLine

EDGE_TOLERANCE = 1.5  # points: edges closer than this are the same grid line
SAME_FRAME = 3.0  # points: a table continues on the next page when its left and right edges match
PAGE_STRIDE = 100_000.0  # stacks pages into one vertical coordinate
ASCII_WORD = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    page: int  # physical page index of the cell's top


@dataclass
class Grid:
    cells: list[GridCell]
    n_rows: int
    n_cols: int
    pages: tuple[int, ...]
    top: float  # of its first part, on its first page

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return [sorted(row, key=lambda c: c.col) for row in out]

    def owner(self) -> dict[tuple[int, int], GridCell]:
        """Every grid position mapped to the cell that covers it."""
        covered: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    covered[(r, c)] = cell
        return covered


def join_lines(lines: tuple[str, ...] | list[str]) -> str:
    """Wrapped lines of one cell as one text: Chinese and figures join directly, two Latin words with a space."""
    out = ""
    for line in lines:
        if out and ASCII_WORD.match(out[-1]) and ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def document_grids(pages: list[PdfPage]) -> dict[int, Grid]:
    """Every table of the document as one grid, keyed by id() of the part it starts with; parts that only
    continue a table from the previous page are absent (they are read as part of that table)."""
    parts: list[list[RawTable]] = []
    for page in pages:
        for k, block in enumerate(page.blocks):
            if not isinstance(block, RawTable):
                continue
            first_on_page = not any(isinstance(b, TextLine) for b in page.blocks[:k])
            if parts and first_on_page and _continues(parts[-1][-1], block, pages):
                parts[-1].append(block)
            else:
                parts.append([block])
    return {id(group[0]): build_grid(group) for group in parts}


def _continues(previous: RawTable, table: RawTable, pages: list[PdfPage]) -> bool:
    if table.page != previous.page + 1:
        return False
    before = pages[previous.page].blocks
    last_on_page = before and before[-1] is previous
    left, right = abs(previous.bbox[0] - table.bbox[0]), abs(previous.bbox[2] - table.bbox[2])
    same_frame = left <= SAME_FRAME and right <= SAME_FRAME
    return bool(last_on_page and same_frame)


def build_grid(parts: list[RawTable]) -> Grid:
    cells: list[RawCell] = []
    for k, part in enumerate(parts):
        own = list(part.cells)
        if k and _header_repeated(parts[0], part):
            first_top = min(c.top for c in own)
            own = [c for c in own if abs(c.top - first_top) > EDGE_TOLERANCE]
        cells.extend(own)
    xs = _lines(v for c in cells for v in (c.x0, c.x1))
    ys = _lines(v for c in cells for v in (_y(c, c.top), _y(c, c.bottom)))
    placed: list[tuple[int, int, int, int, RawCell]] = []
    for cell in cells:
        c0, c1 = _index(xs, cell.x0), _index(xs, cell.x1)
        r0, r1 = _index(ys, _y(cell, cell.top)), _index(ys, _y(cell, cell.bottom))
        placed.append((r0, max(r1, r0 + 1), c0, max(c1, c0 + 1), cell))
    used_rows = sorted({r0 for r0, *_ in placed})
    row_of = {r: k for k, r in enumerate(used_rows)}
    grid_cells = []
    for r0, r1, c0, c1, cell in placed:
        last = max((r for r in used_rows if r < r1), default=r0)
        grid_cells.append(
            GridCell(join_lines(cell.lines), row_of[r0], c0, row_of[last] - row_of[r0] + 1, c1 - c0, cell.page)
        )
    grid_cells.sort(key=lambda c: (c.row, c.col))
    pages = tuple(sorted({p.page for p in parts}))
    return Grid(grid_cells, len(used_rows), max(len(xs) - 1, 1), pages, parts[0].bbox[1])


def _header_repeated(first: RawTable, part: RawTable) -> bool:
    def top_row(table: RawTable) -> list[str]:
        top = min(c.top for c in table.cells)
        row = sorted((c for c in table.cells if abs(c.top - top) <= EDGE_TOLERANCE), key=lambda c: c.x0)
        return [join_lines(c.lines) for c in row]

    head = top_row(first)
    return len(head) >= 2 and head == top_row(part)


def _y(cell: RawCell, value: float) -> float:
    return cell.page * PAGE_STRIDE + value


def _lines(values) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > EDGE_TOLERANCE:
            out.append(value)
    return out


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda k: abs(lines[k] - value))
