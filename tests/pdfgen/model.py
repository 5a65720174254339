"""The document model the test-PDF generator renders: headings, paragraphs, figures and tables.

SYNTHETIC TEST DATA: the generator turns the project's fixture reports into PDFs laid out the way public
bodies publish them (no real PDF can be downloaded here). A report's own figures are copied; figures its text
does not state (some 附表 cells) are derived from stated ones or invented consistently, and every such cell is
marked with `synthetic=True` and printed with a ※ mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The printed records a 自评表 and the prose are made of are the synthetic reports' own; re-exported here.
from benchmarks.synthetic.document import BudgetRow, Figure, Heading, Indicator, Paragraph, SelfEvaluation

__all__ = [
    "Block",
    "BudgetRow",
    "Cell",
    "Document",
    "Figure",
    "Heading",
    "Indicator",
    "Line",
    "PageBreak",
    "Paragraph",
    "Schedule",
    "SelfEvaluation",
]


@dataclass(frozen=True)
class Line:
    """A line printed outside any table (a table's title, the signature line under a 自评表)."""

    text: str
    align: str = "left"


@dataclass(frozen=True)
class Cell:
    text: str
    synthetic: bool = False


@dataclass(frozen=True)
class Schedule:
    """One 附表: a header row and labelled rows (label cells are the row's leading text columns)."""

    title: str
    code: str  # 公开01表
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    repeat_header: bool = False  # print the header again on every page the table runs over


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Figure | Line | SelfEvaluation | Schedule | PageBreak


@dataclass
class Document:
    year: int
    body: str
    kind: str  # 单位决算 / 部门决算
    blocks: list[Block] = field(default_factory=list)
    style: str = "standard"  # "standard" | "variant" (other column order, narrow figure cells)
    synthetic_note: str = ""

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.body}{self.kind}"
