"""Derived figures, each from the calculator with its formula shown: the prior year from a change, shares, sums
that never add a part to its own total, what is left after a part, amounts per unit (in 元 when asked)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from assistant_support import answered_with, ask, stated

from assistant.calculator import format_number
from assistant.service import Assistant
from assistant.understand.parse import project_fields
from corpus import Fact, Report


def test_prior_year_is_computed_with_the_formula_shown(assistant):
    answer = ask(assistant, "2022年公务接待费是多少")
    assert answer.status == "answered"
    assert "2022 年公务接待费 = 2.81 − 1.48 = 1.33 万元" in answer.answer
    assert [(c.expression, c.result, c.ok) for c in answer.checks] == [("2.81 − 1.48", "1.33", True)]
    assert len(answer.checks[0].fact_ids) == 2
    assert any(n.text == "1.33" and n.how == "calculation" for n in answer.numbers)


@pytest.mark.parametrize(
    ("question", "expected", "result"),
    [
        ("餐费占公务接待费的比例是多少？", "75.44%", "75.44%"),
        ("项目支出比基本支出多多少？", "11219.13", "11219.13"),
        ("政府采购支出中没有授予中小企业的合同金额是多少？", "6754.37", "6754.37"),
        ("三公经费的预算数大约是多少？", "34.98", "34.98"),
        ("国内公务接待平均每批次多少人次？", "9.50", "9.50"),
        ("12个绩效自评项目调整后预算数合计多少？", "2070.37", "2070.37"),
    ],
)
def test_derived_figures_show_formula_and_check(assistant, question, expected, result):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert expected in answer.answer
    assert any(c.result == result and c.ok for c in answer.checks)
    assert any(c.expression in answer.answer for c in answer.checks)


def children(report: Report, parent: str) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in report.facts:
        if f.parent == parent and f.measure == "决算数" and not f.scope and f.subject not in seen:
            seen[f.subject] = f
    return list(seen.values())


# ---------------------------------------------------------------- 1. complement sums
COMPLEMENT = [
    "一般公共预算财政拨款支出当中，除开一般公共服务支出，剩下几类合计是多少？",
    "除了一般公共服务支出以外，一般公共预算财政拨款支出的其余部分加在一起有多少",
]


@pytest.mark.parametrize("question", COMPLEMENT)
def test_complement_is_total_minus_part(both_assistants: Assistant, question: str) -> None:
    report = both_assistants.report
    total = stated(report, "一般公共预算财政拨款支出")
    part = next(f for f in children(report, total.subject) if f.subject == "一般公共服务支出")
    remainder = format_number(total.value - part.value)
    answer = answered_with(both_assistants, question, remainder, "−")
    assert format_number(total.value + part.value) not in answer.answer  # never total + part
    siblings = [f for f in children(report, total.subject) if f.subject != part.subject]
    assert any(c.expression.count("+") == len(siblings) - 1 for c in answer.checks)  # the siblings' cross-check


def test_sum_never_adds_a_part_to_its_total(assistant: Assistant) -> None:
    report = assistant.report
    total = stated(report, "一般公共预算财政拨款支出")
    part = stated(report, "一般公共服务支出")
    answer = ask(assistant, "一般公共预算财政拨款支出和一般公共服务支出加起来一共多少？")
    assert format_number(total.value + part.value) not in answer.answer


# ---------------------------------------------------------------- 2. per-unit averages
PER_CAR = ["公务用车运行维护费分摊到每辆车是多少？", "每辆公务用车的运行维护费一年大概多少"]


@pytest.mark.parametrize("question", PER_CAR)
def test_amount_per_vehicle(both_assistants: Assistant, question: str) -> None:
    report = both_assistants.report
    amount = stated(report, "公务用车运行维护费")
    cars = stated(report, "公务用车", "数量", unit="辆")
    per = (amount.value / cars.value).quantize(Decimal("0.01"))
    answered_with(both_assistants, question, f"{format_number(amount.value)} ÷ {format_number(cars.value)}", str(per))


def test_per_head_without_a_headcount_is_refused(assistant: Assistant) -> None:
    """新增 6 人、退休 10 人 are changes, not a headcount: nothing to divide by."""
    answer = ask(assistant, "人员经费人均是多少？")
    assert answer.status == "not_found" or "÷" not in answer.answer


@pytest.mark.parametrize("question", ["公用经费占基本支出的比例是多少？", "人员经费占基本支出百分之几？"])
def test_share_of_two_figures(both_assistants: Assistant, question: str) -> None:
    answer = answered_with(both_assistants, question, "÷", "× 100%")
    assert any("share" in c.expression or "÷" in c.expression for c in answer.checks)


def test_share_value_on_shipped(assistant: Assistant) -> None:
    answered_with(assistant, "公用经费占一般公共预算财政拨款基本支出的比例是多少？", "31.17%")


# ---------------------------------------------------------------- 4. several measures
def test_every_measure_asked_is_answered(assistant):
    assert project_fields("得了多少分？执行率是多少？") == ["self_score", "execution_rate"]
    answer = ask(assistant, "数字四川创新大赛得了多少分？执行率是多少？")
    assert answer.status == "answered"
    assert "自评得分" in answer.answer and "预算执行率" in answer.answer


# ---------------------------------------------------------------- 5. derived figures that make sense
def test_an_average_cost_is_amount_over_count_in_yuan(assistant):
    answer = ask(assistant, "国内公务接待平均每批次花了多少元？")
    assert answer.status == "answered"
    assert "2341.67 元" in answer.answer  # 2.81 万元 × 10000 ÷ 12 批次
    assert any(c.expression == "2.81 × 10000 ÷ 12" for c in answer.checks)


def test_a_count_per_count_average_still_works(assistant):
    answer = ask(assistant, "公务接待平均每批次接待多少人次？")
    assert answer.status == "answered"
    assert "9.50" in answer.answer


def test_an_average_below_one_wan_keeps_its_decimals(assistant):
    answered_with(assistant, "公务接待平均每人次花费多少万元？", "0.0246 万元")  # 2.81 ÷ 114
