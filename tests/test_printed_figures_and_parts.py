"""A figure checked against the report itself and parts of a breakdown: a figure printed in two places or beside
parts that do not add up (each place named, the gap worked out, rounding called so), each part's share of its
own total, a budget worked back with what is left, a year asked after its change, and a part a total states only
in another scope. Both reports where the class applies."""

from __future__ import annotations

import re

from assistant_support import answered_text, answered_verified


# ---------------------------------------------------------------- the same figure printed twice
def test_a_figure_printed_twice_names_both_places_and_the_rounding_gap(assistant):
    answer = answered_verified(assistant, "基本支出这个数报告里有两个地方写得不一样，哪个才对？")
    flat = re.sub(r"\[\d+\]", "", answer.answer)
    assert "《支出决算情况说明》写基本支出 4733.08 万元" in flat
    assert "一般公共预算财政拨款基本支出 4733.09 万元" in flat
    assert "4733.09 − 4733.08 = 0.01 万元" in flat and "尾数差异" in flat


def test_a_figure_printed_once_is_said_so_with_the_narrower_total_beside_it(fixture_assistant):
    answer = answered_text(fixture_assistant, "基本支出在报告中前后写的是同一个数吗？")
    assert "2315.40 万元" in answer and "没有另一处不同的数字" in answer
    assert "2071.29 万元" in answer  # the general-budget total of the same name: another scope, said as such


def test_a_figure_printed_alike_everywhere_is_consistent(fixture_assistant):
    answer = answered_text(fixture_assistant, "一般公共预算财政拨款支出在报告里各处写的一致吗？")
    assert "8398.46 万元" in answer and "前后一致" in answer


def test_parts_added_against_the_stated_total(assistant, fixture_assistant):
    shipped = answered_text(assistant, "社保就业那几个项级科目合起来，和社会保障和就业支出对得上吗？")
    assert "= 495.67 万元" in shipped and "495.68 − 495.67 = 0.01 万元" in shipped and "尾数差异" in shipped
    assert shipped.count("495.68 − 495.67") == 1  # said once: no second note of the same gap
    second = answered_text(fixture_assistant, "五个功能分类的支出相加，和一般公共预算财政拨款支出对得上吗？")
    assert "= 8398.46 万元" in second and "两者一致" in second


# ---------------------------------------------------------------- shares of a breakdown
def test_each_part_named_in_its_own_words_as_a_share_of_its_total(assistant, fixture_assistant):
    shipped = answered_text(assistant, "招待费当中吃饭和交通分别占百分之多少？")
    assert "2.12 ÷ 2.81 × 100% = 75.44%" in shipped and "0.69 ÷ 2.81 × 100% = 24.56%" in shipped
    second = answered_text(fixture_assistant, "国内公务接待中餐费和交通费各占接待总支出的多少？")
    assert "0.71 ÷ 0.94 × 100% = 75.53%" in second and "0.23 ÷ 0.94 × 100% = 24.47%" in second
    assert "8642.57" not in second  # 总支出 after the whole's own word is that whole, not the year's total


# ---------------------------------------------------------------- worked back, prior years, scoped parts
def test_a_budget_worked_back_with_its_unfinished_part(assistant, fixture_assistant):
    shipped = answered_text(assistant, "按完成率倒推，三公经费的预算大约多少？没完成的部分有多少？")
    assert "17.25 ÷ 49.31% = 34.98" in shipped and "34.98 − 17.25 = 17.73" in shipped
    second = answered_text(fixture_assistant, "公务接待费预算是多少，未完成的部分呢？")
    assert "0.94 ÷ 31.33% = 3.00" in second and "3.00 − 0.94 = 2.06" in second


def test_last_year_beside_this_year_is_the_year_before_the_report(assistant, fixture_assistant):
    shipped = answered_text(assistant, "公务接待费去年花了多少？今年花了多少？")
    assert "2022 年公务接待费 = 2.81 − 1.48 = 1.33" in shipped
    second = answered_text(fixture_assistant, "公务用车费用去年是多少？今年呢？")
    assert "8.92 + 0.35 = 9.27" in second


def test_the_year_compared_with_asked_after_the_change(fixture_assistant, assistant):
    history = [{"role": "user", "content": "公务接待费2022年花了多少？"}, {"role": "assistant", "content": "0.94万元"}]
    second = answered_text(fixture_assistant, "比2021年少了多少？2021年是多少？", history=history)
    assert "0.89" in second and "0.94 + 0.89 = 1.83" in second
    history = [{"role": "user", "content": "三公经费花了多少？"}, {"role": "assistant", "content": "17.25 万元。"}]
    shipped = answered_text(assistant, "比2022年少了多少？2022年是多少？", history=history)
    assert "17.25 + 0.32 = 17.57" in shipped


def test_a_part_stated_only_in_another_scope_is_the_total_less_its_sibling(assistant, fixture_assistant):
    second = answered_verified(fixture_assistant, "一般公共预算财政拨款支出里面，花在项目上的项目支出是多少？")
    assert "8398.46 − 2071.29 = 6327.17" in second.answer
    shipped = answered_verified(assistant, "一般公共预算财政拨款支出当中的项目支出有多少钱？")
    assert "20685.29 − 4733.09 = 15952.20" in shipped.answer
