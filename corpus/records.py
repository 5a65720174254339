"""Typed records that leave the corpus stage.

Every later stage (index, assistant, ui, evals) reads these and nothing else of the parser, so they are
plain frozen dataclasses with JSON helpers. Money and rates stay `Decimal` from parse to display.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Section:
    """One node of the report's section tree.

    `text` is the section's own cleaned text (its heading line plus body up to the first child section),
    so the sections' spans partition `Report.clean_text` and a chunk can never straddle two sections.
    Ids are structural and stable across re-parses: ``p2`` (第二部分), ``p2.c7`` (七、), ``p2.c7.s2``
    ((二)), ``p2.c7.s2.i3`` (3.), ``p3.i1`` (an item directly under a part), ``p4.t05`` (5th 绩效自评表).
    """

    id: str
    level: int
    kind: str  # "part" | "chapter" | "subsection" | "item" | "project_table"
    number: str  # as printed: "第二部分", "七、", "（二）", "3.", or the project code
    title: str
    heading_path: tuple[str, ...]
    text: str
    start: int  # span in Report.clean_text
    end: int
    page: int | None
    parent_id: str | None

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["heading_path"] = list(self.heading_path)
        data["heading"] = self.heading
        return data


@dataclass(frozen=True)
class Fact:
    """One figure stated by the report.

    `value` is signed where the measure is a change (减少 0.91 → -0.91); `raw` is the figure exactly as
    printed (always a substring of `quote`), so citations and number verification can match the text.
    `scope` names the project for figures of a 绩效自评表 and is empty for report-wide figures.
    `parent` is the subject of the total this figure is a part of ("其中" lists, shares), so sums and
    shares can be recomputed generically; empty when the report states no such total.
    """

    id: str
    subject: str
    measure: str
    value: Decimal
    unit: str
    year: int
    section_id: str
    quote: str
    raw: str
    start: int  # offset of `quote` in Report.clean_text
    reason: str | None = None
    scope: str = ""
    parent: str = ""
    page: int | None = None  # the page that holds `quote` (None when the source does not tell)
    origin: str = "prose"  # "prose" (a sentence), "self_evaluation" (a 绩效自评表 cell), "schedule" (a 附表 cell)
    issue: str = ""  # "" when the figure passed every check its table allows; else why it is doubtful (Chinese)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = str(self.value)
        return data


@dataclass(frozen=True)
class IndicatorRow:
    """One performance-indicator row of a 绩效自评表 (三级指标)."""

    level1: str  # 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str  # 二级指标: 数量指标 / 质量指标 / 时效指标 / ...
    name: str  # 三级指标
    comparator: str  # ≥ ≤ ＝ ＞ ＜ 定性
    target: str
    unit: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    shortfall_reason: str  # 未完成原因分析, "" when none
    quote: str  # exact substring of Report.clean_text
    start: int
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("weight", "score"):
            data[key] = None if data[key] is None else str(data[key])
        return data


@dataclass(frozen=True)
class ProjectTable:
    """One 项目支出绩效自评表, with the figures a reader asks about."""

    section_id: str
    code: str
    name: str
    department: str
    implementer: str
    initial_budget: Decimal | None  # 年初预算 (万元)
    adjusted_budget: Decimal | None  # 调整后预算数
    executed: Decimal | None  # 预算执行数
    execution_rate: Decimal | None  # 预算执行率 (%)
    self_score: Decimal | None  # 自评得分 / 自评总分
    leader: str  # 项目负责人
    finance_leader: str  # 财务负责人
    goal: str
    goal_result: str
    problems: str  # 存在问题
    improvements: str  # 改进措施
    conclusion: str  # 评价结论
    indicators: tuple[IndicatorRow, ...] = ()
    page: int | None = None  # the page the table starts on
    budget_weight: Decimal | None = None  # 预算执行情况 row: 权重 (as printed; None when not read)
    budget_score: Decimal | None = None  # 预算执行情况 row: 得分 (None when not read or not adding up to the total)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("initial_budget", "adjusted_budget", "executed", "execution_rate", "self_score",
                    "budget_weight", "budget_score"):  # fmt: skip
            data[key] = None if data[key] is None else str(data[key])
        data["indicators"] = [row.to_json() for row in self.indicators]
        return data


@dataclass(frozen=True)
class TableCell:
    """One cell of a table read from a PDF: its text as printed (wrapped lines joined) and where it sits.

    `label` is the column label the cell sits under (from the table's header row; "" for header and label
    cells). `start` is the offset of `text` in `Report.clean_text` (-1 for an empty cell).
    """

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    label: str
    start: int
    page: int | None


@dataclass(frozen=True)
class Table:
    """A ruled table of the report as rows of cells (merged cells once, at their top-left position).

    kind: "self_evaluation" (a 绩效自评表), "schedule" (a 附表) or "table". A table split over pages is one
    `Table` whose `pages` lists them all. `start`/`end` span its rows in `Report.clean_text`.
    """

    id: str
    section_id: str
    title: str
    kind: str
    pages: tuple[int, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    start: int
    end: int

    def cells(self) -> list[TableCell]:
        return [cell for row in self.rows for cell in row]


@dataclass(frozen=True)
class TableIssue:
    """A figure of a table that failed a check against the table's own redundancy (or was re-read)."""

    section_id: str
    table: str  # the project name or the 附表 title
    check: str  # "执行率" | "合计" | "得分≤权重" | "改读"
    message: str  # Chinese, for people
    figures: tuple[str, ...] = ()  # the printed figures involved


@dataclass
class Report:
    """A parsed report: metadata, cleaned text with a map back to the file, sections, facts, projects."""

    id: str  # stable per file (its stem), used in chunk metadata and collection names
    path: str
    title: str
    body: str  # 四川省大数据中心
    kind: str  # 单位决算 | 部门决算
    year: int
    content_hash: str  # sha256 of the raw text: detects a changed report
    raw_text: str
    clean_text: str
    offsets: list[int] = field(repr=False)  # clean_text index -> raw_text index
    sections: list[Section] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    projects: list[ProjectTable] = field(default_factory=list)
    source_format: str = "text"  # "text" | "pdf"
    tables: list[Table] = field(default_factory=list)  # tables read as cells (PDF input)
    # Figures of the 附表 (origin "schedule", scope = the table's title). Kept apart from `facts` because they
    # restate the narrative's figures row by row: a consumer that wants them opts in (see README "PDF input").
    schedule_facts: list[Fact] = field(default_factory=list)
    issues: list[TableIssue] = field(default_factory=list)  # figures that failed a table check
    warnings: list[str] = field(default_factory=list)  # what could not be read (Chinese), e.g. a scanned page
    page_starts: list[tuple[int, int | None]] = field(default_factory=list, repr=False)  # (raw offset, page)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_at(self, offset: int) -> Section:
        """The section whose span contains a clean-text offset, with `page` set to the page that holds the
        offset (a section that runs over several pages is cited by the page of the quote, not of its heading)."""
        found = self.sections[-1]
        for section in self.sections:
            if section.start <= offset < section.end:
                found = section
                break
        page = self.page_at(offset)
        return found if page is None or page == found.page else replace(found, page=page)

    def page_at(self, offset: int) -> int | None:
        """The page that holds a clean-text offset, or None where the source does not tell."""
        if not self.page_starts or not self.offsets:
            return None
        raw = self.offsets[min(max(offset, 0), len(self.offsets) - 1)]
        k = bisect_right(self.page_starts, raw, key=lambda item: item[0]) - 1
        return self.page_starts[k][1] if k >= 0 else None

    def clean_offset(self, raw_offset: int) -> int:
        """The clean-text offset of a raw-text offset (the first clean character at or after it)."""
        return bisect_left(self.offsets, raw_offset)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text back to the original file."""
        return self.offsets[start], self.offsets[end - 1] + 1
