"""Build the document model of a fixture report from its text file (the corpus text parser reads it).

The text keeps what a PDF extractor left of the tables; the cells a `ProjectTable` does not hold (the budget
rows under 总额, the 原因 cell, 项目实施内容) are picked out of the section text here, for test data only.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from model import (
    BudgetRow,
    Document,
    Figure,
    Heading,
    Indicator,
    Line,
    PageBreak,
    Paragraph,
    SelfEvaluation,
)
from schedules_derived import derived_schedules

from corpus import ProjectTable, Report, Section, parse_report

FIGURE = re.compile(r"^图\s*\d+\s*[:：]")
NUM = r"\d+(?:\.\d+)?"
TOTAL = re.compile(rf"总额\s+(?P<nums>(?:{NUM}%?(?:\s+|$))+)(?P<rest>.*)$")
SUB_ROW = re.compile(rf"^(?P<label>\S*?)\s*(?P<a>{NUM}) (?P<b>{NUM}) (?P<c>{NUM}) (?P<r>{NUM}%) / /")
FUND_LABELS = ("财政资金", "财政专户管理资金", "单位资金")
LABEL_BITS = set("其中：财政资金专户管理单位其他")


def document_from_text(path: Path) -> Document:
    report = parse_report(path)
    doc = Document(report.year, report.body, report.kind)
    projects = {p.section_id: p for p in report.projects}
    part_no = 0
    for section in report.sections:
        if section.kind == "part":
            part_no += 1
            if part_no > 1:
                doc.blocks.append(PageBreak())
            doc.blocks.append(Heading(section.text.split("\n")[0].strip(), 1))
            rest = section.text.split("\n")[1:]
            if "附表" in section.title:
                continue
            doc.blocks.extend(_prose(rest))
        elif section.kind == "project_table":
            doc.blocks.extend(_self_evaluation(report, section, projects[section.id]))
        elif section.id.startswith("p5."):
            doc.blocks.append(Heading(section.text.split("\n")[0].strip(), 2))
        else:
            lines = section.text.split("\n")
            if section.kind in ("chapter", "subsection"):
                doc.blocks.append(Heading(lines[0].strip(), 2 if section.kind == "chapter" else 3))
                lines = lines[1:]
            doc.blocks.extend(_prose(lines))
    _insert_schedules(doc, derived_schedules(report))
    return doc


def _prose(lines: list[str]) -> list:
    out = []
    for text in (t.strip() for t in lines):
        if not text:
            continue
        if FIGURE.match(text):
            out.append(Figure(text))
        elif text.startswith("部门预算项目支出绩效自评表"):
            out.append(Line(text, "center"))
        else:
            out.append(Paragraph(text))
    return out


def _insert_schedules(doc: Document, schedules: dict[str, object]) -> None:
    """Put each 附表 right after its chapter heading in 第五部分."""
    blocks: list = []
    for block in doc.blocks:
        blocks.append(block)
        if isinstance(block, Heading) and block.level == 2 and block.text in schedules:
            blocks.append(schedules[block.text])
    doc.blocks = blocks


def _self_evaluation(report: Report, section: Section, table: ProjectTable) -> list:
    lines = [t.strip() for t in section.text.split("\n") if t.strip()]
    title = lines[0]
    total_at = next(i for i, t in enumerate(lines) if TOTAL.search(t))
    total = TOTAL.search(lines[total_at])
    nums = total.group("nums").split() if total else []
    after_rate = nums[nums.index(next(n for n in nums if n.endswith("%"))) + 1 :] if total else []
    budget = [
        BudgetRow(
            "总额",
            _dec(table.initial_budget),
            _dec(table.adjusted_budget),
            _dec(table.executed),
            f"{_dec(table.execution_rate)}%" if table.execution_rate is not None else "",
            after_rate[0] if after_rate else "",
            after_rate[1] if len(after_rate) > 1 else "",
        )
    ]
    indicator_at = next(i for i in range(total_at, len(lines)) if lines[i].startswith(("绩效", "一级")))
    subs: list[BudgetRow] = []
    reason: list[str] = [total.group("rest")] if total and total.group("rest") else []
    other_score = ""
    for text in lines[total_at + 1 : indicator_at]:
        sub = SUB_ROW.match(text)
        if sub and len(subs) < len(FUND_LABELS):
            subs.append(BudgetRow(FUND_LABELS[len(subs)], sub["a"], sub["b"], sub["c"], sub["r"], "/", "/"))
        elif re.match(r"^其他资金(\s|$)", text):
            # a figure in the 其他资金 row's 得分 column is the budget block's merged 得分 cell
            tail = text.removeprefix("其他资金").split()
            other_score = tail[-1] if tail and re.fullmatch(NUM, tail[-1]) else ""
        elif re.fullmatch(r"[/\s]+", text) or set(text) <= LABEL_BITS:
            continue
        else:
            reason.append(text)
    if other_score:
        budget[0] = replace(budget[0], score=other_score)
    budget.extend(subs)
    budget.append(BudgetRow("其他资金", weight="/", score="/"))
    weight_total = _sum_weight(report, section)
    indicators = tuple(
        Indicator(
            r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, _dec(r.weight), _dec(r.score),
            r.shortfall_reason,
        )
        for r in table.indicators
    )
    evaluation = SelfEvaluation(
        title=title,
        code_name=f"{table.code}-{table.name}" if table.code else table.name,
        department=table.department,
        implementer=table.implementer,
        goal=table.goal,
        goal_result=table.goal_result,
        content=_content(lines),
        budget=tuple(budget),
        budget_reason="".join(reason),
        indicators=indicators,
        weight_total=weight_total,
        score_total=_dec(table.self_score),
        conclusion=table.conclusion,
        problems=table.problems,
        improvements=table.improvements,
        leader=table.leader,
        finance_leader=table.finance_leader,
    )
    signature = f"项目负责人：{table.leader}　　　　财务负责人：{table.finance_leader}"
    return [Line(title, "center"), evaluation, Line(signature)]


def _sum_weight(report: Report, section: Section) -> str:
    """The 权重 total of the 合计 row, as the text reader joined its fragments ("10" "0" → 100)."""
    from corpus.selfeval_text import read_text_tables

    for reading in read_text_tables(report):
        if reading.section_id == section.id and reading.weight_total is not None:
            return re.sub(r"\s+", "", reading.weight_total.text)
    return ""


def _content(lines: list[str]) -> str:
    """项目实施内容及过程概述: the long lines between the 2.项目实施… label and 预算执行情况."""
    start = next((i for i, t in enumerate(lines) if re.match(r"^2[.．]\s*项", t)), None)
    if start is None:
        return ""
    out = []
    for text in lines[start + 1 :]:
        if text.startswith("预算执"):
            break
        if len(text) <= 4:
            continue  # the label's own fragments (实施 / 内容 / 及过 …)
        out.append(text)
    return "".join(out)


def _dec(value: object) -> str:
    return "" if value is None else str(value)


__all__ = ["document_from_text"]
