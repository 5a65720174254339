"""Figures derived from counts and rows stated elsewhere: an amount per thing counted (a car, a square metre,
a seat, a person served), a row's actual against its target, a project's unspent budget as a share, and both
ends of a ranking with their gap. Both reports; a per-unit ask with no count stated is refused without a
number."""

from __future__ import annotations

import re

from assistant_support import answered_text, ask


# ---------------------------------------------------------------- per unit
def test_running_cost_per_car_uses_the_stated_fleet(assistant, fixture_assistant):
    shipped = answered_text(assistant, "一辆公务车一年运维大概要多少钱")
    assert "14.44 ÷ 4 = 3.61" in shipped
    second = answered_text(fixture_assistant, "摊到每辆公车上，运行维护费是多少？")
    assert "8.92 ÷ 3 = 2.97" in second


def test_amount_per_seat_picks_the_row_the_question_names(assistant):
    """The hotline table counts two rows in 个 (seats, jobs): the seat row is the one named."""
    answer = answered_text(assistant, "12345热线项目按坐席数算，一个坐席多少钱？")
    assert "112.80 ÷ 65 = 1.74" in answer and "88" not in answer


def test_cost_per_person_served_over_a_count_in_ten_thousands(assistant):
    answer = answered_text(assistant, "12345热线项目按服务群众人次算，每人次成本是多少元？")
    assert "112.80 万元 ÷ 80.9869 万次 = 1.39 元" in answer


def test_per_subsystem_on_the_second_report(fixture_assistant):
    answer = answered_text(fixture_assistant, "城市运行数据中台建设项目每个子系统平均花了多少？")
    assert "251.35 ÷ 6 = 41.89" in answer


def test_per_unit_without_a_count_is_refused_without_a_number(assistant):
    answer = ask(assistant, "公务接待平均每桌饭花了多少钱？")
    assert answer.status != "answered"
    assert not re.search(r"\d", answer.answer.split("可以看看")[0])


# ---------------------------------------------------------------- rows against targets, unspent shares
def test_actual_over_target_of_a_row_named_by_its_unit(assistant):
    answer = answered_text(assistant, "微博微信运营项目推送的信息实际比目标多发了几条？")
    assert "6517 − 6417 = 100条" in answer


def test_gap_to_target_asked_after_the_row(assistant, fixture_assistant):
    answer = answered_text(assistant, "12345热线项目的坐席数量目标是多少？实际比目标多了几个？")
    assert "65 − 60 = 5个" in answer
    second = answered_text(fixture_assistant, "城市运行数据中台建设项目汇聚数据资源类别实际比指标多了多少类？")
    assert "1860 − 1800 = 60类" in second


def test_unspent_budget_as_a_share_of_the_adjusted_budget(assistant):
    answer = answered_text(assistant, "工程建设项目审批管理系统运维服务项目没花掉的钱占调整后预算几成？")
    assert "448.34 − 400.50 = 47.84" in answer and "47.84 ÷ 448.34 × 100% = 10.67%" in answer


# ---------------------------------------------------------------- a collection: sums and both ends
def test_loosely_named_self_evaluated_projects_are_summed(assistant, fixture_assistant):
    assert "= 2022.53 万元" in answered_text(assistant, "做过绩效自评的那批项目，加在一起一共花了多少钱？")
    assert "= 416.35 万元" in answered_text(fixture_assistant, "做了绩效自评的那几个项目一共花了多少钱")


def test_both_ends_of_a_ranking_and_their_gap(assistant, fixture_assistant):
    shipped = answered_text(assistant, "自评项目里花钱最多和最少的各是哪个，相差多少？")
    assert "办公用房租赁" in shipped and "省大数据标准化技术委员会运行及标准制定" in shipped
    assert "768.12 − 8.00 = 760.12" in shipped
    second = answered_text(fixture_assistant, "自评项目中执行数最高的和最低的分别是谁？差额多少？")
    assert "城市运行数据中台建设项目" in second and "公共数据开放平台运营服务" in second
    assert "251.35 − 45.00 = 206.35" in second
    scores = answered_text(fixture_assistant, "自评得分最高和最低的项目分别是哪个")
    assert "100" in scores and "97.5" in scores and "相差" not in scores
