"""Reasons reached however the item is named: by a ranking in the same clause, by the words of its stated use, by
the item that holds the same amount when the named total states none, the year's total when only "the money" is
asked about; and reasons asked as follow-ups (after a row found in any table, after a project's money, a year the
question writes) or as one ask of a compound question. A change asked of a thing the report names but explains no
change of is never answered with the year's total."""

from __future__ import annotations

import pytest
from assistant_support import answered_with, ask, history_after


@pytest.mark.parametrize(
    ("question", "texts", "absent"),
    [
        ("金额排第一的那个支出科目，预算为什么没执行完？", ("96.17%", "社会信用平台"), "紧日子"),
        ("完成预算比例最低的那个科目是什么原因？", ("70.39%", "工伤及失业保险"), "紧日子"),
        ("为什么支出最多的那个科目没有完成预算？", ("96.17%", "社会信用平台"), "紧日子"),
    ],
)
def test_the_reason_of_what_a_ranking_finds_on_the_shipped_report(assistant, question, texts, absent):
    answer = answered_with(assistant, question, *texts)
    assert absent not in answer.answer  # the one item the ranking found, not every shortfall


@pytest.mark.parametrize(
    ("question", "texts", "absent"),
    [
        ("花钱最多的项级科目为啥没花完预算？", ("91.75%", "终验"), "紧日子"),
        ("完成预算比例最低的支出科目，原因是什么？", ("61.50%", "线上"), "紧日子"),
    ],
)
def test_the_reason_of_what_a_ranking_finds_on_the_second_template(fixture_assistant, question, texts, absent):
    answer = answered_with(fixture_assistant, question, *texts)
    assert absent not in answer.answer


def test_an_item_named_by_its_stated_use_without_a_money_word(assistant):
    answered_with(assistant, "交工伤险和失业险的那部分为何只执行了七成？", "70.39%", "实有人数")


def test_a_total_without_its_own_reason_is_explained_by_the_item_of_the_same_amount(assistant):
    answer = answered_with(assistant, "项目支出整体上为啥没全部花出去？", "15952.21", "96.17%", "社会信用平台")
    assert "没有单独说明项目支出" in answer.answer  # said as the other item's reason, not as the total's own


@pytest.mark.parametrize(
    ("fixture", "question", "texts"),
    [
        ("assistant", "全年的钱怎么比上一年还减少了？", ("0.91", "天府健康通")),
        ("assistant", "中心整体开支为何较去年下降", ("0.91", "四险两金")),
        ("fixture_assistant", "这个局今年的钱为啥比前一年多出五百多万？", ("523.16", "城市运行数据中台")),
    ],
)
def test_the_years_change_is_explained_when_only_the_money_is_named(request, fixture, question, texts):
    answered_with(request.getfixturevalue(fixture), question, *texts)


@pytest.mark.parametrize("question", ["物业费怎么比上一年涨了", "人数为什么比上年少了"])
def test_a_change_of_another_thing_never_gets_the_years_total(assistant, question):
    answer = ask(assistant, question)
    assert "0.91" not in answer.answer and "20685.29" not in answer.answer, answer.answer


def test_why_after_a_row_found_in_any_table(assistant, fixture_assistant):
    history = history_after(assistant, "电子证照归集的完成值是多少")
    answer = assistant.ask("那为什么差了一些", history)
    assert answer.status == "answered" and "数据治理" in answer.answer, answer.answer
    history = history_after(fixture_assistant, "数据集更新及时率完成了多少？")
    answer = fixture_assistant.ask("怎么没达到", history)
    assert answer.status == "answered" and "更新滞后" in answer.answer, answer.answer
    assert "紧日子" not in answer.answer  # that row's reason, not every budget shortfall


def test_a_bare_why_after_a_projects_money_asks_why_it_was_not_spent(assistant):
    history = history_after(assistant, "工程建设项目审批管理系统运维项目的钱花了多少")
    answer = assistant.ask("剩下那部分为什么没花？", history)
    assert answer.status == "answered" and "10%合同金额" in answer.answer, answer.answer
    answer = assistant.ask("为什么要做这个项目？", history)
    assert "10%合同金额" not in answer.answer and "常态化运维" in answer.answer, answer.answer


def test_unspent_remainder_and_its_reason_in_one_compound_follow_up(assistant):
    history = history_after(assistant, "工程审批系统运维项目执行率多少")
    answer = assistant.ask("没用掉的钱是多少？原因呢？", history)
    assert answer.status == "answered", answer.answer
    assert "47.84" in answer.answer and "10%合同金额" in answer.answer


def test_a_year_the_question_writes_picks_the_tables_sentences_of_that_year(assistant):
    history = history_after(assistant, "健康通项目2023年执行了多少")
    answer = assistant.ask("都不用扫码了，为何2023年还要给它付钱？", history)
    assert answer.status == "answered" and "8月25日" in answer.answer.replace(" ", ""), answer.answer


def test_a_score_asked_right_after_a_row_is_the_rows_own(assistant, fixture_assistant):
    answer = answered_with(
        assistant, "工程审批系统运维项目的资金执行率指标目标和实际各多少？得了几分？为何没完成？", "89.33", "20 分"
    )
    assert "98.93" not in answer.answer and "10%合同金额" in answer.answer  # the row's score, not the table's
    answer = answered_with(fixture_assistant, "开放平台的数据集更新及时率目标和完成情况？拿了几分？", "94", "9 分")
    assert "自评得分 99" not in answer.answer


def test_a_why_and_a_cell_of_the_table_are_both_answered(fixture_assistant, assistant):
    question = "开放平台运营项目的及时率为啥丢了分？后面准备怎么整改？"
    answer = answered_with(fixture_assistant, question, "个别部门数据更新滞后")
    assert "提醒和通报机制" in answer.answer  # the 改进措施 cell, after the reason
    answered_with(assistant, "工程审批系统运维项目的钱为什么没花完？负责人是谁？", "10%合同金额", "唐为之")


def test_a_common_explanation_of_several_shortfalls_is_a_reason(assistant):
    answer = answered_with(assistant, "住房公积金和职业年金完成率偏低，有没有共同的解释？", "77.66%", "92.92%")
    assert "说明的原因相同" in answer.answer and "实有人数" in answer.answer
