"""Where a project's self-evaluation lost points: every part of the table scored below its weight — the
indicator rows and the 预算执行情况 part — with its weight, its score, the points lost and the stated reason.

The budget part's score is worked out from the table's own total (自评得分 − the indicator rows' scores): its
printed cell is often read from the wrong column of the PDF text, and the total is what the table adds up to.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.calculator import compute
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span, one_line
from assistant.records import Operand
from corpus import IndicatorRow, ProjectTable

# The 总额 line of the 预算执行情况 part: figures, 权重, 得分, then the 原因 cell's first lines up to 其中; the cell
# goes on after the 财政资金 line's figures ("… / /") when the PDF text puts it there. Hand-written: the corpus keeps
# the part's figures, not its reason cell, and the cell is split around the next row's figures.
BUDGET_REASON = re.compile(r"%[ \t]+[\d.]+[ \t]+[\d.]+[ \t]*(?P<first>[^\d][^。]*?)\s*其中")
REASON_TAIL = re.compile(r"[：:\s]*财政资金\s*[\d.\s%]+/\s*/\s*(?P<rest>[^。/]{1,40}。)")
REASON_WINDOW = 160  # characters after the 总额 line's rate its 原因 cell may take
FULL_MARKS = Decimal(100)  # the national template's 合计 weight: 预算执行情况 (10) + 绩效指标 (90)
BUDGET_PART = "预算执行情况"


def scored_rows(project: ProjectTable) -> list[IndicatorRow] | None:
    """The indicator rows with both weight and score, once each; None when any row lacks one."""
    rows: list[IndicatorRow] = []
    seen: set[tuple[str, str, str]] = set()
    for row in project.indicators:
        if row.weight is None or row.score is None:
            return None
        key = (row.name, row.target, row.actual)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def budget_part(project: ProjectTable, rows: list[IndicatorRow]) -> tuple[Decimal, Decimal] | None:
    """(weight, score) of the 预算执行情况 part, from the total and the rows; None when the table does not add up."""
    if project.self_score is None or not rows:
        return None
    weight = FULL_MARKS - sum((r.weight for r in rows), Decimal(0))  # type: ignore[misc]
    score = project.self_score - sum((r.score for r in rows), Decimal(0))  # type: ignore[misc]
    if weight <= 0 or score < 0 or score > weight:
        return None
    return weight, score


def budget_reason(text: str, rate_start: int) -> tuple[str, Span] | None:
    """The 预算执行情况 part's 原因 cell ("项目终验顺延，尾款未支付12.27%合同金额。") and the span it is quoted from,
    read from the 总额 line at `rate_start`; None when the cell is empty."""
    window = text[rate_start : rate_start + REASON_WINDOW]
    first = BUDGET_REASON.search(window)
    if first is None:
        return None
    said = re.sub(r"\s", "", first.group("first"))
    end = rate_start + first.end("first")
    if not said.endswith("。"):
        tail = REASON_TAIL.match(text, rate_start + first.end())
        if tail is not None:
            said += re.sub(r"\s", "", tail.group("rest"))
            end = tail.end("rest")
    said = said.rstrip("。")
    return (said, Span(rate_start + first.start("first"), end)) if len(said) >= 2 else None


def deductions(kit, project: ProjectTable, score_fact=None) -> Evidence | None:
    """The parts below full marks, each with weight, score, points lost and reason; None when scores are missing."""
    from assistant.answer.indicators import indicator_line  # the row as every indicator answer writes it
    rows = scored_rows(project)
    if rows is None:
        return None
    lost_rows = [r for r in rows if r.score < r.weight]  # type: ignore[operator]
    budget = budget_part(project, rows)
    ev = Evidence("answered", "project", "")
    if score_fact is not None:
        total = compute("difference", Operand(format(FULL_MARKS, "f"), "满分"), score_fact)
        ev.checks.append(total.check)
        ev.facts.append(score_fact)
        if total.value > 0:
            ev.add(
                f"{project.name}自评得分 {show(score_fact)}{'' if show(score_fact).endswith('分') else ' 分'}，"
                f"共扣 {total.text} 分（{total.said} = {total.text}）。",
                kit.span(score_fact),
            )
    for row in lost_rows:
        lost = compute("difference", Operand(format(row.weight, "f"), f"{row.name} 权重"),
                       Operand(format(row.score, "f"), f"{row.name} 得分"))  # fmt: skip
        ev.checks.append(lost.check)
        reason = f"未完成原因：{one_line(row.shortfall_reason).rstrip('。')}。" if row.shortfall_reason else ""
        ev.add(
            f"{indicator_line(row)}：权重 {row.weight} 分，"
            f"得 {row.score} 分，扣 {lost.text} 分（{lost.said} = {lost.text}）。{reason}",
            kit.tables.row_span(row),
        )
        ev.facts.extend(f for f in kit.table.project_facts(project.name) if row.name in f.subject)
    if budget is not None and budget[1] < budget[0]:
        weight, _ = budget
        indicator_sum = compute(
            "sum", *(Operand(format(r.score, "f"), f"{r.name} 得分") for r in rows)  # type: ignore[arg-type]
        )
        part = compute("difference", score_fact or Operand(format(project.self_score, "f"), "自评得分"),
                       Operand(indicator_sum.text, "绩效指标得分合计"))  # fmt: skip
        lost = compute("difference", Operand(format(weight, "f"), f"{BUDGET_PART} 权重"),
                       Operand(part.text, f"{BUDGET_PART} 得分"))  # fmt: skip
        ev.checks.extend([indicator_sum.check, part.check, lost.check])
        rates = kit.table.project_facts(project.name, "执行率")
        rate = f"预算执行率 {show(rates[0])}，" if rates else ""
        reason = budget_reason(kit.report.clean_text, rates[0].start) if rates else None
        ev.add(
            f"“{BUDGET_PART}”：{rate}权重 {format(weight, 'f')} 分，得 {part.text} 分"
            f"（自评得分 − 各项绩效指标得分之和 = {part.said} = {part.text}），"
            f"扣 {lost.text} 分（{lost.said} = {lost.text}）。" + (f"偏差原因：{reason[0]}。" if reason else ""),
            *([kit.span(rates[0])] if rates else []),
            *([reason[1]] if reason else []),
        )
        ev.facts.extend(rates[:1])
        if not lost_rows:
            ev.add(f"各项绩效指标都得了满分（合计 {indicator_sum.text} 分）。")
    if len(ev.pieces) <= (1 if score_fact is not None else 0):
        return None
    return ev
