"""The template's totals, items and parts asked in other words: a budget total's completion rate said as "花掉了
几成" or under its overview name, "项目" that means the 项级 items, a figure given to find what states it, what
a total is made of (the parts at 0 said as such), sums and differences of named classes, a part negated after the
part that holds it, and an ask that points back at the first thing named."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, ask

SHIPPED, SECOND = "shipped", "second"


@pytest.fixture
def on(assistant, fixture_assistant):
    return {SHIPPED: assistant, SECOND: fixture_assistant}


@pytest.mark.parametrize(("report", "question", "rate"), [
    (SHIPPED, "一般公共预算财政拨款支出总体完成预算的比例是多少？", "95.98%"),
    (SECOND, "一般公共预算财政拨款支出完成预算的比例是多少？", "93.47%"),
    (SHIPPED, "一般公共预算的预算花掉了几成？", "95.98%"),
    (SECOND, "财政拨下来的预算钱，到年底用掉了几成？", "93.47%"),
])
def test_completion_rate_of_a_budget_total(on, report, question, rate):
    text = answered_text(on[report], question, rate)
    assert "一般公共预算支出" in text  # said as the detail's own name for the same money


def test_income_that_is_spent_reads_as_its_spending(assistant):
    text = answered_text(assistant, "财政给的钱有多少？")
    assert "收入" in text and "95.98%" not in text  # no spending verb: the income itself


@pytest.mark.parametrize(("report", "question", "kept", "left"), [
    (SHIPPED, "完成预算低于80%的支出科目有哪些？", ("70.39%", "77.66%"), "89.33%"),
    (SECOND, "预算完成率没到95%的支出项目是哪些？", ("61.50%", "83.53%", "91.75%"), "87.73%"),
])
def test_projects_said_with_the_items_measure_are_the_items(on, report, question, kept, left):
    text = answered_text(on[report], question, *kept)
    assert "项级" in text and left not in text  # never the project tables' execution rates


def test_project_tables_keep_their_own_rate(assistant):
    text = answered_text(assistant, "哪些自评项目执行率低于95%？", "89.33%")
    assert "项级" not in text


@pytest.mark.parametrize(("report", "question", "holder", "other"), [
    (SHIPPED, "项目支出那15952.21万元，落在哪个具体科目上？", "其他政府办公厅", "96.17%"),
    (SECOND, "1602.35万元对应的是哪一项支出？", "事业运行", "98.12%"),
])
def test_a_figure_given_finds_what_states_it(on, report, question, holder, other):
    answered_text(on[report], question, holder, other)


def test_a_bound_is_not_a_figure_given(assistant):
    text = answered_text(assistant, "执行数超过400万元的项目是哪几个？", "768.12")
    assert "金额为" not in text


def test_a_figure_given_to_work_from_is_no_lookup(assistant):
    text = answered_text(assistant, "三公经费决算17.25万元，完成预算49.31%，预算数大概是多少？", "34.98")
    assert "金额为" not in text


@pytest.mark.parametrize(("report", "question", "spent", "zero"), [
    (SHIPPED, "政府采购都买了什么？", "全部是政府采购服务支出 16064.69 万元",
     "政府采购货物支出、政府采购工程支出均为 0"),
    (SECOND, "政府采购的钱主要花在哪几类上？", "不为 0 的是政府采购货物支出 412.50 万元、政府采购服务支出 4973.70 万元",
     "政府采购工程支出为 0"),
    (SECOND, "三公经费主要花在哪几块？", "公务用车购置及运行维护费 8.92 万元、公务接待费 0.94 万元", "为 0"),
])
def test_what_a_total_is_made_of(on, report, question, spent, zero):
    text = answered_text(on[report], question, spent, zero)
    assert "授予中小企业" not in text  # a line stated under the total is not one of its parts


@pytest.mark.parametrize(("report", "question", "result"), [
    (SHIPPED, "教育支出和卫生健康支出差了多少钱？", "205.74"),
    (SECOND, "住房保障支出比教育支出多花了多少钱？", "173.30"),
    (SHIPPED, "除了一般公共服务支出，教育和卫生健康两类加起来是多少？", "298.72"),
    (SECOND, "除了一般公共服务支出以外，教育、社会保障和就业、卫生健康、住房保障加在一起是多少？", "753.25"),
])
def test_sums_and_differences_of_named_classes(on, report, question, result):
    answered_text(on[report], question, result)


@pytest.mark.parametrize(("report", "result"), [(SHIPPED, "0.00"), (SECOND, "1055.69")])
def test_a_part_negated_after_its_holder(on, report, result):
    text = answered_text(on[report], "政府采购当中，给了中小企业、可又不属于小微企业的合同有多少钱？", result)
    assert "政府采购支出总额 −" not in text


@pytest.mark.parametrize(("report", "question", "share", "gap", "way"), [
    (SHIPPED, "政府采购支出总额相当于本年支出合计的百分之多少？它跟项目支出比是多还是少？差额多少？",
     "77.66%", "112.48", "多"),
    (SECOND, "项目支出占本年支出合计多少？它比基本支出多还是少，差多少？", "73.21%", "4011.77", "多"),
])
def test_an_ask_pointing_back_compares_the_first_thing_named(on, report, question, share, gap, way):
    text = answered_text(on[report], question, share, gap)
    assert f"比基本支出{way}" in text or f"比项目支出{way}" in text


@pytest.mark.parametrize(("report", "question", "figures"), [
    (SHIPPED, "公务用车运行维护费全年花了多少？比上年少了多少？", ("14.44", "1.81")),
    (SECOND, "教育支出全年花了多少？完成预算多少？", ("12.30", "61.50%")),
])
def test_a_clause_spent_all_year_is_its_own_total(on, report, question, figures):
    text = answered_text(on[report], question, *figures)
    assert "本年支出合计" not in text and "收支总计" not in text


def test_a_clause_with_nothing_named_keeps_the_year_total(assistant):
    answer = ask(assistant, "一共花了多少？教育支出是多少？")
    assert "本年支出合计" in answer.answer and "46.49" in answer.answer


@pytest.mark.parametrize(("report", "question", "worked", "holder"), [
    (SECOND, "基本支出和一般公共预算财政拨款基本支出差了多少？这个差额等于哪一项收入？", "244.11", "其他收入"),
    (SHIPPED, "本年支出合计减去基本支出相差多少？这个差额是哪一项支出？", "15952.21", "项目支出"),
])
def test_the_figure_just_worked_out_found_by_value(on, report, question, worked, holder):
    text = answered_text(on[report], question, worked, holder)
    assert "上一问" not in text
