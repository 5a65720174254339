"""Classes of new questions, on both reports of the template: a refusal cue used as a modifier, staff counts and
the 内设机构 count, a change stated only for the item that holds the subject, sums over derived budgets and prior
years, what a total holds besides a part, a list item named in everyday words, whose money a payment is."""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, MARKER, answered_text, ask

from assistant.understand.cue_reader import cues_in


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("单位帮职工存着将来买房用的那笔钱交了多少", False),
        ("将来退休以后能领的那份钱单位缴了多少", False),
        ("明年的培训费是多少", True),
        ("未来三年要花的钱有多少", True),
        ("今后打算做的工作有哪些", True),
        ("明年预算的钱有多少", True),
    ],
)
def test_a_future_word_refuses_only_when_the_future_is_asked(question, refused):
    assert ("future" in cues_in(question)) is refused


def test_a_future_word_describing_money_paid_now_is_answered(both_assistants):
    figure = {"四川省大数据中心": "246.53", "成都市数据资源管理中心": "185.60"}[both_assistants.report.body]
    answered_text(both_assistants, "单位帮职工存着将来买房用的住房公积金交了多少？", figure)
    answer = ask(both_assistants, "明年的住房公积金要交多少？")
    assert answer.status == "not_found" and not DIGIT.search(answer.answer)


def test_two_payments_described_by_their_future_use_are_added(fixture_assistant):
    answered_text(fixture_assistant, "单位帮职工存的、将来养老用的养老保险和职业年金，一共多少？", "356.42")


def test_staff_changes_stated_in_prose_are_found_with_their_unit(both_assistants):
    came, left = {"四川省大数据中心": ("6人", "10人"), "成都市数据资源管理中心": ("3人", "2人")}[
        both_assistants.report.body
    ]
    answered_text(both_assistants, "这一年单位招了多少人？退了几个？", f"新增{came}", f"退休{left}")


def test_the_internal_units_are_counted(both_assistants):
    count = {"四川省大数据中心": "16个", "成都市数据资源管理中心": "8个"}[both_assistants.report.body]
    answered_text(both_assistants, "中心内设了几个科室？", f"机构{count}")


def test_a_change_stated_only_for_the_containing_item_is_said_as_its(both_assistants):
    change = {"四川省大数据中心": "1.81", "成都市数据资源管理中心": "0.35"}[both_assistants.report.body]
    text = answered_text(both_assistants, "公务用车运行维护费同比降了多少？", change, "没有单列公务用车运行维护费")
    # the change is attributed to the item that states it, never to the subject asked
    assert f"公务用车购置及运行维护费比 {both_assistants.report.year - 1} 年度减少 {change}" in text
    assert f"公务用车运行维护费比 {both_assistants.report.year - 1}" not in text


def test_prior_years_derived_for_parts_are_summed_without_their_total(fixture_assistant):
    text = answered_text(
        fixture_assistant,
        "三公经费中的公务用车购置及运行维护费和公务接待费，根据各自降幅算上年合计",
        "8.92 + 0.35 = 9.27",
        "0.94 + 0.89 = 1.83",
        "9.27 + 1.83 = 11.10",
    )
    assert "下降" not in text  # the rates are the means, not what is asked


def test_budget_gaps_derived_for_several_items_are_summed(both_assistants):
    total = {"四川省大数据中心": "8.56 + 9.19 = 17.75", "成都市数据资源管理中心": "3.08 + 2.06 = 5.14"}
    answered_text(
        both_assistants,
        "公务用车购置及运行维护费和公务接待费的预算一共还剩多少？",
        "÷",
        total[both_assistants.report.body],
    )


def test_an_item_without_a_budget_rate_is_named_not_dropped(fixture_assistant):
    answered_text(
        fixture_assistant,
        "因公出国（境）费、公务接待费的预算一共剩了多少没花？",
        "2.06",
        "没有写明因公出国（境）费完成预算的比例",
    )
    # Every part of 三公经费 named: the total's own completion rate gives the budget left, nothing dropped.
    answered_text(
        fixture_assistant,
        "因公出国（境）费、公务用车购置及运行维护费、公务接待费的预算一共剩了多少没花？",
        "5.14",
        "65.73%",
    )


def test_what_a_total_holds_besides_a_part(both_assistants):
    if both_assistants.report.body == "成都市数据资源管理中心":
        answered_text(both_assistants, "除了财政拨款，单位还有别的收入吗", "其他收入 244.11 万元", "利息")
    else:
        answered_text(both_assistants, "除了财政拨款，单位还有别的收入吗", "没有其他来源", "100%")


def test_besides_reads_a_named_other_item_as_a_name(assistant):
    """ "其他用车" is an item the report names, not "what else"."""
    answer = ask(assistant, "中心的车除了领导用车，其他用车主要干什么用？")
    assert answer.route != "besides"
    assert "工作人员开展业务活动" in answer.answer


def test_one_item_of_a_usage_list_in_everyday_words_is_refused(both_assistants):
    answer = ask(both_assistants, "公务车每年油费花多少？")
    assert answer.status == "not_found", answer.answer
    assert not DIGIT.search(answer.answer)


def test_a_count_broken_down_two_ways_lists_both(both_assistants):
    text = MARKER.sub("", ask(both_assistants, "公务用车按用途分有哪些？").answer)
    assert "轿车" in text and "应急保障用车" in text


def test_whose_money_a_payment_is_does_not_block_the_figure(both_assistants):
    figure = {"四川省大数据中心": "317.66", "成都市数据资源管理中心": "245.80"}[both_assistants.report.body]
    answered_text(both_assistants, "给员工缴的养老保险一年多少钱？", figure)
    assert ask(both_assistants, "职工人数是多少？").status == "not_found"
    assert ask(both_assistants, "单位员工的平均工资是多少？").status == "not_found"  # said of the staff: asked


def test_rates_are_never_added_up(both_assistants):
    answer = ask(both_assistants, "把各个项目的预算执行率全部加在一起是多少？")
    flat = MARKER.sub("", answer.answer)
    assert "执行率合计" not in flat and "执行率为" not in flat, flat


def test_a_sum_over_the_projects_a_filter_found_adds_the_asked_amount(both_assistants):
    text = answered_text(both_assistants, "哪些项目预算执行率不到100%？这些项目的调整后预算一共多少？")
    assert "执行率合计" not in text, text
    if both_assistants.report.body == "四川省大数据中心":  # one project under 100%: its 调整后预算 alone
        assert "调整后预算数为 448.34 万元" in text and "2070.37" not in text, text


@pytest.mark.parametrize("ask_gap", ["{}还有多少钱没花出去？", "{}执行数跟调整后预算相差多少？"])
def test_a_projects_unspent_budget_is_worked_out(both_assistants, ask_gap):
    project, gap = {
        "四川省大数据中心": ("四川省工程建设项目审批管理系统运维服务项目", "448.34 − 400.50 = 47.84"),
        "成都市数据资源管理中心": ("城市运行数据中台建设项目", "286.50 − 251.35 = 35.15"),
    }[both_assistants.report.body]
    answered_text(both_assistants, ask_gap.format(project), f"调整后预算数 − 预算执行数 = {gap} 万元")
