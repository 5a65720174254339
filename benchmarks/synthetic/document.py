"""The document model of a synthetic report: what is printed, in order, independent of text or HTML.

The block types follow the shape of a printed 决算 (cover, headings, paragraphs, figure captions, 绩效自评表,
附表), so one composition feeds both renderers (`render_text` imitates the PDF-to-text extraction the corpus
reads; `render_html` prints ruled tables for a PDF renderer).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cover:
    marker: str  # the SYNTHETIC notice
    year_line: str  # 2022年度
    title_line: str  # 青岚市教育局部门决算


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 第X部分, 2 一、, 3 （一）


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figure:
    caption: str  # 图 1：收、支决算总计变动情况图


@dataclass(frozen=True)
class Line:
    """A line printed outside any table: a table's title, the signature under a 自评表."""

    text: str


@dataclass(frozen=True)
class BudgetRow:
    label: str  # 总额, 其中：财政资金, 财政专户管理资金, 单位资金, 其他资金
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
class Schedule:
    """One 附表 with its figures (the text extraction keeps only its title, as with real reports)."""

    title: str  # 一、收入支出决算总表
    code: str  # 公开01表
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


Block = Heading | Paragraph | Figure | Line | SelfEvaluation | Schedule


@dataclass
class Document:
    year: int
    body: str
    kind: str  # 单位决算 / 部门决算
    cover: Cover
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.year}年度{self.body}{self.kind}"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
