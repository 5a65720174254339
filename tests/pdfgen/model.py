"""The document model the test-PDF generator renders: headings, paragraphs, figures and tables.

SYNTHETIC TEST DATA: the generator turns the project's fixture reports into PDFs laid out the way public
bodies publish them (no real PDF can be downloaded here). A report's own figures are copied; figures its text
does not state (some 附表 cells) are derived from stated ones or invented consistently, and every such cell is
marked with `synthetic=True` and printed with a ※ mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 第X部分, 2 一、, 3 （一）


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figure:
    caption: str


@dataclass(frozen=True)
class Line:
    """A line printed outside any table (a table's title, the signature line under a 自评表)."""

    text: str
    align: str = "left"


@dataclass(frozen=True)
class BudgetRow:
    label: str  # 总额, 财政资金, 财政专户管理资金, 单位资金, 其他资金
    initial: str = ""
    adjusted: str = ""
    executed: str = ""
    rate: str = ""
    weight: str = ""
    score: str = ""


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    name: str
    comparator: str
    target: str
    unit: str
    actual: str
    weight: str
    score: str
    reason: str = ""


@dataclass(frozen=True)
class SelfEvaluation:
    """One 项目支出绩效自评表 as printed."""

    title: str
    code_name: str
    department: str
    implementer: str
    goal: str
    goal_result: str
    content: str
    budget: tuple[BudgetRow, ...]
    budget_reason: str
    indicators: tuple[Indicator, ...]
    weight_total: str
    score_total: str
    conclusion: str
    problems: str
    improvements: str
    leader: str
    finance_leader: str


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
