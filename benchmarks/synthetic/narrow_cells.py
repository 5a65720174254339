"""A 绩效自评表 as a PDF extractor prints a table of narrow cells (the shipped report's layout).

Each cell is broken into vertical fragments at its column width and printed before the row's figures:
label cells ("项目基" / "本情况"), header cells, 一级/二级 categories ("产出" / "指标"), indicator names, a
two-character unit ("分" / "钟") between the target and the completed value, and the 原因 cells after the
row they belong to. `python -m benchmarks.synthetic --table-layout narrow` writes reports with it, to probe how
the corpus reads tables whose cells wrap (the rows layout prints one table row per line).
"""

from __future__ import annotations

from benchmarks.synthetic.document import BudgetRow, Indicator, SelfEvaluation

NAME_WIDTH = 4  # characters of an indicator name per line
CATEGORY_WIDTH = 2
REASON_WIDTH = 6
TEXT_WIDTH = 20  # characters of a goal / result line
WIDE_TEXT = 40  # characters of a 评价结论 / 存在问题 / 改进措施 line
SPLIT_UNITS = frozenset({"分钟", "小时"})


def fragments(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)] or [""]


def _budget_line(row: BudgetRow) -> str:
    return " ".join(v for v in (row.initial, row.adjusted, row.executed, row.rate, row.weight, row.score) if v)


def _indicator_lines(rows: tuple[Indicator, ...]) -> list[str]:
    out: list[str] = []
    level1 = level2 = ""
    for k, row in enumerate(rows):
        if row.level1 != level1:
            out += fragments(row.level1, CATEGORY_WIDTH)
            level2 = ""
        if row.level2 != level2:
            out += fragments(row.level2, CATEGORY_WIDTH)
        level1, level2 = row.level1, row.level2
        out += fragments(row.name, NAME_WIDTH)
        tail = " ".join(v for v in (row.actual, row.weight, row.score) if v)
        if row.unit in SPLIT_UNITS and k % 2:
            out += [f"{row.comparator} {row.target}", *row.unit, tail]
        else:
            out.append(" ".join(v for v in (row.comparator, row.target, row.unit, tail) if v))
        if row.reason:
            reason = fragments(row.reason, REASON_WIDTH)
            out[-1] += f" {reason[0]}"
            out += reason[1:]
    return out


def narrow_lines(table: SelfEvaluation) -> list[str]:
    total, funds, special, unit, other = table.budget
    reason = fragments(table.budget_reason, REASON_WIDTH * 2)
    return [
        table.title,
        f"项目名称 {table.code_name}",
        f"主管部门 {table.department}",
        *("实施单位", "（盖章）"),
        table.implementer,
        *("项目基", "本情况", "1.项目", "年度", "目标", "完成", "情况"),
        "项目年度目标 年度目标完成情况",
        *fragments(table.goal, TEXT_WIDTH),
        *fragments(table.goal_result, TEXT_WIDTH),
        *("2.项目", "实施", "内容", "及过", "程概", "述"),
        *fragments(table.content, WIDE_TEXT),
        *("预算执", "行情况", "（10分）", "年度预算", "数（万元）", "年初预算", "调整后", "预算数"),
        *("预算", "执行数", "预算", "执行率", "权重 得分 原因"),
        f"{total.label} {_budget_line(total)} {reason[0]}",
        "其中：",
        funds.label.removeprefix("其中："),
        _budget_line(funds),
        *reason[1:],
        *("财政专户", "管理资金"),
        _budget_line(special),
        f"{unit.label} {_budget_line(unit)}",
        f"{other.label} {_budget_line(other)}",
        *("绩效", "指标", "（90分）", "一级", "指标", "二级", "指标", "三级指标", "指标", "性质", "指标"),
        *("值", "度量", "单位", "完成", "值", "权重 得分", "未完成", "原因", "分析"),
        *_indicator_lines(table.indicators),
        f"合计 {table.weight_total} {table.score_total}",
        *("评价", "结论"),
        *fragments(table.conclusion, WIDE_TEXT),
        *("存在", "问题"),
        *fragments(table.problems, WIDE_TEXT),
        *("改进", "措施"),
        *fragments(table.improvements, WIDE_TEXT),
        f"项目负责人：{table.leader} 财务负责人：{table.finance_leader}",
    ]
