"""Lay a read PDF out as the corpus's `Layout`: paragraphs and table rows as lines, each on its page.

Prose lines that the page width wrapped are joined back into paragraphs (a line that starts at the left margin
right after a full line continues it, also across a page break), so headings are only ever real headings.
Each table becomes one line per row (`corpus.table_lines`). The contents page (leader dots and page numbers)
is left out. The raw text of a PDF report is these lines joined by newlines; `page_starts` tells the page of
every stretch of it, so a quote's page is the page that holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.layout import Layout, Line
from corpus.pdf_grid import Grid, document_grids
from corpus.pdf_read import PdfContent, PdfPage, RawTable, TextLine
from corpus.table_lines import RowLine, table_kind, table_lines

CONTENTS_ENTRY = re.compile(r"[.．·…。]{4,}\s*\d+\s*$")
CONTENTS_TITLE = re.compile(r"^目\s*录$")
ASCII_WORD = re.compile(r"[A-Za-z]")


@dataclass
class PlacedTable:
    grid: Grid
    kind: str
    rows: list[RowLine]
    line_starts: list[int]  # raw offset of each row line (-1: a header row not written into the text)


@dataclass
class PdfLayout:
    layout: Layout
    raw: str
    page_starts: list[tuple[int, int | None]]  # (raw offset, printed page) in raw order
    page_numbers: dict[int, int]  # physical index -> printed page
    tables: list[PlacedTable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Writer:
    """Accumulates the raw text, its lines and the page of every stretch of it."""

    def __init__(self, numbers: dict[int, int]) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[Line] = []
        self.page_starts: list[tuple[int, int | None]] = []
        self.numbers = numbers

    def line(self, pieces: list[tuple[str, int]], kind: str = "text") -> int:
        """Write one line made of (text, physical page) pieces; returns its raw offset."""
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        text = ""
        for piece, page in pieces:
            if text and ASCII_WORD.match(text[-1]) and ASCII_WORD.match(piece[:1]):
                piece = " " + piece
            self._page(self.length, page)
            self.parts.append(piece)
            self.length += len(piece)
            text += piece
        self.lines.append(Line(text, start, pieces[0][1], kind))
        return start

    def _page(self, offset: int, page: int) -> None:
        number = self.numbers.get(page)
        if not self.page_starts or self.page_starts[-1][1] != number:
            self.page_starts.append((offset, number))


def pdf_layout(content: PdfContent) -> PdfLayout:
    pages = content.pages
    numbers = page_numbers(pages)
    grids = document_grids(pages)
    writer = _Writer(numbers)
    left, right = _margins(pages)
    placed: list[PlacedTable] = []
    warnings = [
        f"第 {numbers.get(p.index, p.index + 1)} 页没有文字层（扫描图像），其内容未能读取（不支持 OCR）。"
        for p in pages
        if not p.has_text and p.has_images
    ]
    paragraph: list[TextLine] = []

    def flush() -> None:
        if paragraph:
            writer.line([(line.text, line.page) for line in paragraph])
            paragraph.clear()

    for page in pages:
        if _is_contents(page):
            continue
        for block in page.blocks:
            if isinstance(block, RawTable):
                flush()
                grid = grids.get(id(block))
                if grid is None:
                    continue  # the rest of a table that started on the previous page
                kind = table_kind(grid)
                rows = table_lines(grid, kind)
                # a 附表's header row is not written: every figure below it is written after its column label
                starts = [
                    -1 if row.header and kind == "schedule" else writer.line([(row.text, row.page)], "table")
                    for row in rows
                ]
                placed.append(PlacedTable(grid, kind, rows, starts))
                continue
            if paragraph and _continues(paragraph[-1], block, left, right):
                paragraph.append(block)
                continue
            flush()
            paragraph.append(block)
    flush()
    layout = Layout(writer.lines, dict(numbers), content.outline)
    return PdfLayout(layout, "".join(writer.parts), writer.page_starts, numbers, placed, warnings)


def page_numbers(pages: list[PdfPage]) -> dict[int, int]:
    """Printed page numbers: a page's own footer, else its neighbours' footers counted on, else its index + 1."""
    offsets = Counter(page.number - page.index for page in pages if page.number is not None)
    shift = offsets.most_common(1)[0][0] if offsets else 1
    return {page.index: page.number if page.number is not None else page.index + shift for page in pages}


def _is_contents(page: PdfPage) -> bool:
    texts = [b.text for b in page.blocks if isinstance(b, TextLine)]
    entries = sum(1 for t in texts if CONTENTS_ENTRY.search(t))
    titled = any(CONTENTS_TITLE.match(t) for t in texts[:2])
    return bool(texts) and (entries >= 3 or titled) and entries >= len(texts) // 2


def _margins(pages: list[PdfPage]) -> tuple[float, float]:
    """The body text's left edge (the leftmost line start seen on several lines: first lines are indented) and
    right edge (the rightmost line end seen on several lines)."""
    starts = Counter(round(b.x0) for p in pages for b in p.blocks if isinstance(b, TextLine))
    ends = Counter(round(b.x1) for p in pages for b in p.blocks if isinstance(b, TextLine))
    left = min((x for x, n in starts.items() if n >= 3), default=min(starts, default=0))
    right = max((x for x, n in ends.items() if n >= 3), default=max(ends, default=0))
    return float(left), float(right)


def _continues(previous: TextLine, line: TextLine, left: float, right: float) -> bool:
    """Does `line` go on with the paragraph `previous` ends? (starts at the margin after a full line)"""
    size = max(previous.size, line.size, 1.0)
    if abs(previous.size - line.size) > 0.6:
        return False
    if line.page == previous.page and line.top - previous.bottom > size * 1.2:
        return False
    full = previous.x1 >= right - 1.6 * size
    at_margin = abs(line.x0 - left) <= 0.6 * size
    return full and at_margin
