"""Undo the PDF-to-text layout: visual lines, page breaks, page footers and the bookmark outline.

The extracted text puts every visual line between blank lines, starts each new page with a leading
space, prints some page footers as ``- 26 -`` and appends the PDF's bookmark outline as tab-indented
lines. None of this is the report's content, but the page footers tell us page numbers.
Hand-written because no library knows this extraction's conventions.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

PAGE_MARKER = re.compile(r"^\s*[-－—]\s*(\d{1,4})\s*[-－—]\s*$")


@dataclass(frozen=True)
class Line:
    text: str  # stripped visual line
    raw_start: int  # offset of text[0] in the raw file
    segment: int  # physical page segment (pages separated by a leading-space line)
    kind: str = "text"  # "text", or "table" for a table row written as one line (never a heading)


@dataclass(frozen=True)
class Layout:
    lines: list[Line]
    segment_pages: dict[int, int]  # segment -> page number, only where the text tells it
    outline: list[str]  # PDF bookmark titles, in order


def read_layout(raw: str) -> Layout:
    lines: list[Line] = []
    outline: list[str] = []
    markers: dict[int, int] = {}
    segment = 0
    offset = 0
    seen_content = False
    for raw_line in raw.split("\n"):
        line_start = offset
        offset += len(raw_line) + 1
        if not raw_line.strip():
            continue
        if raw_line.startswith("\t"):
            outline.append(raw_line.strip())
            continue
        marker = PAGE_MARKER.match(raw_line)
        if marker:
            markers[segment] = int(marker.group(1))
            continue
        if raw_line[0].isspace() and seen_content:
            segment += 1
        seen_content = True
        stripped = raw_line.strip()
        lead = len(raw_line) - len(raw_line.lstrip())
        lines.append(Line(stripped, line_start + lead, segment))
    return Layout(lines, _segment_pages(markers, segment), outline)


def page_starts(layout: Layout) -> list[tuple[int, int | None]]:
    """(raw offset, page) where the known page changes, in raw order: for `Report.page_at`."""
    out: list[tuple[int, int | None]] = []
    for line in layout.lines:
        page = layout.segment_pages.get(line.segment)
        if not out or out[-1][1] != page:
            out.append((line.raw_start, page))
    return out


def _segment_pages(markers: dict[int, int], last_segment: int) -> dict[int, int]:
    """Pages of segments: those with a footer, and those between two footers whose counts agree.

    A page break the extraction lost makes the counts disagree; then only the footers' own segments
    get a page, because a guessed page number in a citation is worse than none.
    """
    pages = dict(markers)
    anchors = sorted(markers.items())
    for (seg_a, page_a), (seg_b, page_b) in itertools.pairwise(anchors):
        if page_b - page_a == seg_b - seg_a:
            for seg in range(seg_a + 1, seg_b):
                pages[seg] = page_a + (seg - seg_a)
    return {seg: page for seg, page in pages.items() if 0 <= seg <= last_segment}
