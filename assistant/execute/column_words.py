"""How an aggregate's answer names a column and its members: the values' labels, the superlative a ranking
says, an indicator row's target and result, and the record of what a step said and found (shared by the
aggregate and the whole-column answers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.calculator import format_number
from assistant.evidence.records import Evidence
from assistant.evidence.spans import one_line
from assistant.execute.members import Column, Member
from assistant.understand.collections import ADDED_COLUMN

LABELS = {
    "决算数": "支出决算", "预算完成率": "完成预算的比例", "占比": "占比", "比上年增减额": "比上年增减额",
    "比上年增减率": "比上年增减率", "执行数": "预算执行数", "执行率": "预算执行率", "年初预算": "年初预算",
    "调整后预算": "调整后预算数", "自评得分": "自评得分", "权重": "权重", "得分": "得分", "完成值": "完成值",
    "指标值": "指标值",
}  # fmt: skip
RATE_FORMULAS = {
    "预算完成率": "完成预算的比例 = 决算数 ÷ 预算数",
    "占比": "占比 = 该项决算数 ÷ 合计数",
    "比上年增减率": "增长率 = 比上年增减额 ÷ 上年数",
}
MONEY = ("决算数", "执行数", "年初预算", "调整后预算", "比上年增减额")
COMPARATOR_WORDS = {">": "超过", "<": "低于", "=": "为", "!=": "不为", ">=": "达到"}
LISTED = 12  # members named in one answer


@dataclass
class Outcome:
    """What an aggregate step said and what it found (the members a later ask may be about)."""

    evidence: Evidence
    found: list[Member] = field(default_factory=list)


def label(column: Column) -> str:
    if column.attribute == ADDED_COLUMN:  # "追加的钱": the budget added during the year
        return "年中追加的预算（调整后预算 − 年初预算）"
    if "−" in column.attribute:  # a column worked out from two values
        later, earlier = column.attribute.split("−", 1)
        return f"{LABELS.get(later, later)}与{LABELS.get(earlier, earlier)}相比的变化"
    return LABELS.get(column.attribute, column.attribute)


def superlative(attribute: str, op: str) -> str:
    if "−" in attribute:
        return "最大" if op == "max" else "最小"
    if attribute in MONEY or attribute.endswith("项目数"):
        return "最多" if op == "max" else "最少"
    return "最高" if op == "max" else "最低"


def row_tail(member: Member) -> str:
    """An indicator row found by its weight or score also says its target and result."""
    return "" if member.row is None else f"；{row_detail(member)}"


def tied_rows(winners: list[Member]) -> tuple[str, str]:
    """Indicator rows tied at the top: each named with its group ("开展标准宣贯培训（数量指标）"), and each one's
    target and result said after the shared value, so no row's detail stands for the others'."""
    shown = winners[:LISTED]
    names = "、".join(_with_group(m) for m in shown)
    details = "；".join(f"{m.shown_name}：{row_detail(m)}" for m in shown if m.row is not None)
    return names, f"；{details}" if details else ""


def _with_group(member: Member) -> str:
    group = (member.row.level2 or member.row.level1) if member.row is not None else ""
    return f"{member.shown_name}（{group}）" if group and group != member.shown_name else member.shown_name


def row_detail(member: Member) -> str:
    """An indicator row in a list: its target and result, and its weight and score when the table gives them."""
    row = member.row
    assert row is not None
    comparator = "" if row.comparator in ("定性", "") else row.comparator
    numeric = row.actual and row.actual[-1].isdigit()
    actual = one_line(row.actual) + (row.unit if numeric else "")
    text = f"指标值 {comparator}{one_line(row.target)}{row.unit}，完成值 {actual}"
    if row.weight is not None and row.score is not None:
        text += f"，权重 {format_number(row.weight)} 分，得分 {format_number(row.score)} 分"
    return text
