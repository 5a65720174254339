"""Print a `Document` the way the project's reports arrive as text: a PDF extractor's output.

The conventions are those of the shipped report (see `corpus/layout.py`): one visual line per line with a blank
line between lines, prose wrapped at the page width, a page that starts with a space, a ``- N -`` footer at the
end of each page, the PDF's bookmark outline appended as tab-indented lines, 绩效自评表 rows one per line with
cells separated by spaces, and the 附表 reduced to their titles (as the extraction of the real reports left them).

A wrapped line never ends a paragraph early (no line but the last ends with 。；：) and never starts with what
reads as a heading or a page mark, so the corpus joins every paragraph back exactly as it was written.
"""

from __future__ import annotations

import re
import unicodedata

from benchmarks.synthetic.document import (
    Document,
    Figure,
    Heading,
    Indicator,
    Line,
    Paragraph,
    Schedule,
    SelfEvaluation,
)
from benchmarks.synthetic.narrow_cells import narrow_lines

LAYOUTS = ("rows", "narrow")
WIDTH = 54  # display columns of a visual line: 27 Chinese characters, as on an A4 page of the shipped report
PAGE_LINES = 30
FIRST_PAGE = 3  # the cover and the contents page are not numbered
PARAGRAPH_END = "。！？；;：:"
NO_LINE_START = "，,。、；;：:！？）)】」』”’%％"
WORD = re.compile(r"[0-9A-Za-z.%]")
LOOKS_LIKE_MARK = re.compile(
    r"^(?:\s|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．](?!\d)|图\s*\d+\s*[:：]|项目名称|[-－—]\s*\d{1,4}\s*[-－—]\s*$)"
)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _bad_cut(text: str, cut: int) -> bool:
    """Would a line break before text[cut] end the paragraph early, or start a line as no typesetter would?"""
    return (
        text[:cut].rstrip()[-1:] in tuple(PARAGRAPH_END)
        or text[cut] in NO_LINE_START
        or bool(LOOKS_LIKE_MARK.match(text[cut:]))
    )


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """Cut a paragraph into visual lines of about `width` columns that the corpus joins back losslessly.

    Like a typesetter, it never breaks inside a number or a Latin word and never starts a line with closing
    punctuation; unlike one, it also keeps heading-like starts off a line (the corpus would read a heading).
    """
    lines: list[str] = []
    start = 0
    while start < len(text):
        used, cut = 0, start
        while cut < len(text) and used + display_width(text[cut]) <= width:
            used += display_width(text[cut])
            cut += 1
        if cut < len(text) and WORD.match(text[cut - 1]) and WORD.match(text[cut]):
            back = cut
            while back > start and WORD.match(text[back - 1]):
                back -= 1
            cut = back if back > start else cut
        while cut < len(text) and (_bad_cut(text, cut) or (WORD.match(text[cut - 1]) and WORD.match(text[cut]))):
            cut += 1
        lines.append(text[start:cut].rstrip())
        start = cut
    return [line for line in lines if line]


def indicator_cells(rows: tuple[Indicator, ...]) -> list[str]:
    """Indicator rows as printed: a merged 一级/二级 cell only on the first row it spans."""
    out = []
    level1 = level2 = ""
    for row in rows:
        cells = []
        if row.level1 != level1:
            cells.append(row.level1)
            level2 = ""
        if row.level2 != level2:
            cells.append(row.level2)
        level1, level2 = row.level1, row.level2
        cells += [row.name, row.comparator, row.target, row.unit, row.actual, row.weight, row.score, row.reason]
        out.append(" ".join(cell for cell in cells if cell))
    return out


def self_evaluation_lines(table: SelfEvaluation) -> list[str]:
    total, *funds = table.budget

    def budget(row) -> str:
        cells = [row.label, row.initial, row.adjusted, row.executed, row.rate, row.weight, row.score]
        return " ".join(cell for cell in cells if cell)

    return [
        table.title,
        f"项目名称 {table.code_name}",
        f"主管部门 {table.department} 实施单位 （盖章） {table.implementer}",
        "项目基本情况 1.项目年度目标完成情况 项目年度目标 年度目标完成情况",
        table.goal,
        table.goal_result,
        f"2.项目实施内容及过程概述 {table.content}",
        "预算执行情况（10分） 年度预算数（万元） 年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 原因",
        f"{budget(total)} {table.budget_reason}",
        *(budget(row) for row in funds),
        "绩效指标（90分） 一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 权重 得分 未完成原因分析",
        *indicator_cells(table.indicators),
        f"合计 {table.weight_total} {table.score_total}",
        f"评价结论 {table.conclusion}",
        f"存在问题 {table.problems}",
        f"改进措施 {table.improvements}",
        f"项目负责人：{table.leader} 财务负责人：{table.finance_leader}",
    ]


def _pages(doc: Document, width: int, layout: str) -> list[list[str]]:
    table_lines = narrow_lines if layout == "narrow" else self_evaluation_lines
    pages: list[list[str]] = [[]]

    def emit(line: str) -> None:
        if len(pages[-1]) >= PAGE_LINES:
            pages.append([])
        pages[-1].append(line)

    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1 and pages[-1]:
                pages.append([])
            emit(block.text)
        elif isinstance(block, Paragraph):
            for line in wrap(block.text, width):
                emit(line)
        elif isinstance(block, Figure):
            emit(block.caption)
        elif isinstance(block, Line):
            emit(block.text)
        elif isinstance(block, SelfEvaluation):
            for line in table_lines(block):
                emit(line)
        elif isinstance(block, Schedule):
            emit(block.title)
    return pages


def outline(doc: Document) -> list[str]:
    """The PDF bookmarks: the title, then every heading, 自评表 and 附表 title."""
    marks = [doc.cover.year_line, doc.cover.title_line]
    for block in doc.blocks:
        if isinstance(block, Heading):
            marks.append(block.text.replace(" 年度", "年度"))
        elif isinstance(block, (SelfEvaluation, Schedule)):
            marks.append(block.title)
    return marks


def render_text(doc: Document, width: int = WIDTH, layout: str = "rows") -> str:
    """The report as text; `layout` is "rows" (a 自评表 row per line) or "narrow" (cells broken into fragments)."""
    cover = [*wrap(doc.cover.marker, width), doc.cover.year_line, doc.cover.title_line]
    out = ["\n\n".join(cover)]
    for number, page in enumerate(_pages(doc, width, layout), FIRST_PAGE):
        out.append(" " + "\n\n".join(page))
        out.append(f"- {number} -")
    text = "\n\n".join(out)
    return text + "\n\n\n" + "\n".join(f"\t{mark}" for mark in outline(doc)) + "\n"
