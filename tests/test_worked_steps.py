"""Worked figures as later steps of a compound ask: a budget worked back from a completion rate and then what was
left unspent, a prior year worked back from the stated change in a follow-up, one indicator row's amount as a share
of its project's executed money, the overall execution rate of the self-evaluated tables (Σ执行数 ÷ Σ调整后预算,
never the body's own rate), and a total's budget asked "in total" (its own rate, not its parts' spending added).
Every step is a calculator check; on both reports of the template."""

from __future__ import annotations

from decimal import Decimal

import pytest
from assistant_support import answered_with, cents, stated

from assistant.service import Assistant

# The cost row each report's project table states in money, asked by its project and row name.
COST_ROWS = {
    "2023": ("省政府政务微信、微博运营项目", "政务新媒体数据报告"),
    "2022": ("成都市政务数据共享交换平台运维服务", "项目总成本"),
}
# A 项 whose completion rate is below 100% in each report: as said, and its full name.
SHORT_ITEMS = {
    "2023": ("住房公积金（项）", "住房保障支出（类）住房改革支出（款）住房公积金（项）"),
    "2022": ("培训支出（项）", "教育（类）进修及培训（款）培训支出（项）"),
}


def ok_results(answer, operation: str) -> set[str]:
    return {c.result for c in answer.checks if c.operation == operation and c.ok}


def budget_of(a: Assistant, subject: str) -> tuple[Decimal, Decimal, str]:
    """The amount, the budget the stated rate implies, and that budget as the calculator shows it."""
    value = stated(a.report, subject).value
    rate = stated(a.report, subject, "预算完成率").value
    budget = Decimal(cents(value / rate * 100))
    return value, budget, cents(budget)


def test_a_budget_worked_back_then_the_part_left_unspent(both_assistants: Assistant) -> None:
    a = both_assistants
    said_name, subject = SHORT_ITEMS[str(a.report.year)]
    value, budget, said = budget_of(a, subject)
    answer = answered_with(a, f"{said_name}拿完成率反推预算大概多少？还有多少没有花？", said, cents(budget - value))
    assert said in ok_results(answer, "budget")
    assert cents(budget - value) in ok_results(answer, "difference")


def test_a_totals_budget_asked_in_total_is_its_own_rate_not_its_parts_added(both_assistants: Assistant) -> None:
    a = both_assistants
    value, budget, said = budget_of(a, "三公经费")
    answer = answered_with(a, "三公经费的预算一共有多少？没花的有多少？", said, cents(budget - value))
    assert said in ok_results(answer, "budget")
    assert answer.route == "budget"


def test_the_prior_year_worked_back_from_the_change_in_a_follow_up(both_assistants: Assistant) -> None:
    """去年 said with the change it is worked back from is the year before the report's."""
    a = both_assistants
    value = stated(a.report, "公务接待费").value
    change = stated(a.report, "公务接待费", "比上年增减额").value
    rate = stated(a.report, "公务接待费", "预算完成率")
    history = [
        {"role": "user", "content": "公务接待费一年花了多少钱？"},
        {"role": "assistant", "content": f"公务接待费支出{value}万元。"},
    ]
    question = "它完成了预算的百分之几？再拿增减额往回推，去年花了多少？"
    answer = a.ask(question, history)
    assert answer.status == "answered", answer.answer
    assert f"{rate.value}%" in answer.answer
    assert cents(value - change) in ok_results(answer, "prior_year") | ok_results(answer, "difference") | ok_results(
        answer, "sum"
    ), answer.answer
    assert f"{a.report.year - 1} 年公务接待费" in answer.answer


def test_a_rows_amount_as_a_share_of_its_projects_executed_money(both_assistants: Assistant) -> None:
    a = both_assistants
    project_name, row_name = COST_ROWS[str(a.report.year)]
    project = next(p for p in a.report.projects if p.name == project_name)
    row = next(r for r in project.indicators if r.name == row_name)
    share = f"{cents(Decimal(row.actual) / project.executed * 100).removesuffix('.00')}%"  # 9.50%, 100%
    question = f"{project_name}的{row_name}实际完成了多少？占这个项目执行数的百分之几？"
    answer = answered_with(a, question, str(project.executed), share)
    assert any(c.operation == "share" and c.ok and c.result == share for c in answer.checks), answer.checks
    assert "against_table" in answer.route


def test_the_overall_execution_rate_of_the_self_evaluated_tables(both_assistants: Assistant) -> None:
    """After an ask over the tables, "整体执行率" is theirs together, not the body's general budget's rate."""
    a = both_assistants
    tables = [p for p in a.report.projects if p.executed is not None and p.adjusted_budget]
    executed = sum((p.executed for p in tables), Decimal(0))
    adjusted = sum((p.adjusted_budget for p in tables), Decimal(0))
    rate = f"{cents(executed / adjusted * 100)}%"
    answer = answered_with(a, "自评表的各个项目里，执行数最多的是哪个？总体的预算执行率是多少？", rate)
    assert rate in ok_results(answer, "share")
    body_rate = stated(a.report, "一般公共预算支出", "预算完成率").value
    assert f"{body_rate}%" not in answer.answer


@pytest.mark.parametrize("question", ["三公经费一共花了多少？", "三公经费各项加起来多少？"])
def test_spending_asked_in_total_still_reads_the_amount(both_assistants: Assistant, question: str) -> None:
    """A sum of spending (no budget asked) is the stated amount, never a budget worked back."""
    a = both_assistants
    answer = answered_with(a, question, str(stated(a.report, "三公经费").value))
    assert not ok_results(answer, "budget")


def test_the_overall_execution_rate_asked_on_its_own(both_assistants: Assistant) -> None:
    """Asked alone of the tables, the overall rate is worked out from their columns and cited to them."""
    a = both_assistants
    tables = [p for p in a.report.projects if p.executed is not None and p.adjusted_budget]
    rate = f"{cents(sum(p.executed for p in tables) / sum(p.adjusted_budget for p in tables) * 100)}%"
    answer = answered_with(a, "做了自评的这些项目，整体的执行率算下来是多少？", rate)
    assert answer.route == "overall_rate" and answer.citations
    assert rate in ok_results(answer, "share")
