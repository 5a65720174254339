"""Whether an indicator row's score agrees with its result ("完成值没达到目标却得了满分，合理吗"): a row that misses
its target by its own comparator yet keeps its full weight is said to be so, plainly, and a row of the table's
execution rate is set beside the table's 预算执行情况 line, which scores that same rate (weight × rate)."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.calculator import format_number, formula
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.records import Operand
from corpus import Fact, IndicatorRow, ProjectTable

AT_LEAST = ("≥", ">=", "＞", ">")
AT_MOST = ("≤", "<=", "＜", "<")
EQUAL = ("＝", "=")


def _number(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None


def missed(row: IndicatorRow) -> bool:
    """The row's result falls short of its target, read by the row's own comparator."""
    actual, target = _number(row.actual), _number(row.target)
    if actual is None or target is None:
        return False
    if row.comparator in ("≥", ">="):
        return actual < target
    if row.comparator in ("＞", ">"):
        return actual <= target
    if row.comparator in ("≤", "<="):
        return actual > target
    if row.comparator in ("＜", "<"):
        return actual >= target
    if row.comparator in EQUAL:
        return actual != target
    return False


def score_note(
    ev: Evidence, project: ProjectTable, row: IndicatorRow, rate: Fact | None, spans: tuple[Span | None, Span | None]
) -> None:
    """Says whether the row's score fits its result; `rate` is the table's stated 执行率 (its fact); `spans` cite
    the row and the table's budget line."""
    span, rate_span = spans
    if row.weight is None or row.score is None:
        return
    shown = f"完成值 {row.actual.strip()}{'' if row.actual.strip().endswith(row.unit) else row.unit}"
    target = f"指标值 {row.comparator}{row.target}{row.unit}"
    full = row.score >= row.weight
    if missed(row) and full:
        ev.add(f"{shown}没有达到{target}，却得了满分（权重 {row.weight} 分，得分 {row.score} 分），"
               f"评分与完成情况不相符。", span)  # fmt: skip
    elif missed(row):
        ev.add(f"{shown}没有达到{target}，权重 {row.weight} 分，得分 {row.score} 分，按完成情况扣了分。", span)
    else:
        ev.add(f"{shown}达到了{target}，权重 {row.weight} 分，得分 {row.score} 分，评分与完成情况相符。", span)
    actual = _number(row.actual)
    weight = project.budget_weight
    if rate is None or actual != rate.value or weight is None or project.budget_score is None:
        return  # the row is not the table's execution rate, or the table's budget line is not read
    comp = formula(
        f"{format_number(weight)} × {format_number(rate.value)} ÷ 100",
        Operand(format(weight, "f"), f"{project.name} 预算执行情况 权重"),
        rate,
        Operand("100", "百分数"),
    )
    if comp.value != project.budget_score:
        return
    ev.checks.append(comp.check)
    ev.facts.append(rate)
    gap = "" if not full else "，与这一行的满分不一致"
    said = f"权重 {format_number(weight)} 分 × 执行率 {format_number(rate.value)}% = {comp.text} 分"
    ev.add(f"表中“预算执行情况”一栏按同一执行率计分：{said}{gap}。", rate_span)
