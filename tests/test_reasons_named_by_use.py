"""Reasons asked of things named loosely: an item named by what it pays for (its definition, or the words of its
own stated reason), an indicator row that states why it fell short named by a few of its words, which things went
up or down when a total barely moved (the stated reason of the change, each part's stated change), and whether the
staff grew or shrank (joiners − leavers, the report giving no headcount). Both reports of the template."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, ask


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        # the 项 whose stated reason names the platform
        ("社会信用平台那块的钱为啥没花完", ("96.17%", "跨年实施")),
        # 事业运行 is defined as what keeps the body running; 基本支出 states no reason of its own
        ("维持中心日常运转的经费为什么没用完", ("基本支出", "事业运行", "97.01%", "紧日子")),
        ("保障中心正常运转的那块钱为什么有结余？", ("97.01%", "紧日子")),
        # 项目支出 holds the same money as the 项 that explains it
        ("项目资金为什么没全部花出去？", ("15952.21", "96.17%", "跨年")),
    ],
)
def test_an_item_named_by_its_use_gets_its_stated_reason_on_the_shipped_report(assistant, question, texts):
    text = answered_text(assistant, question, *texts)
    assert "逐项说明" not in text  # the one item, not every item below budget


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("数据中台尾款那一项支出为什么没花完", ("6042.86", "91.75%", "终验")),
        ("维持单位日常运转的钱为何没花满？", ("事业运行", "1602.35", "98.12%", "紧日子")),
    ],
)
def test_an_item_named_by_its_use_gets_its_stated_reason_on_the_second_template(fixture_assistant, question, texts):
    text = answered_text(fixture_assistant, question, *texts)
    assert "逐项说明" not in text


def test_a_row_that_states_why_it_fell_short_is_found_by_a_few_of_its_words(assistant, fixture_assistant):
    answered_text(assistant, "归集的证照张数怎么差了一截？", "403566013", "数据治理")
    answered_text(fixture_assistant, "数据集更新为什么不够及时？", "94%", "更新滞后")
    answered_text(fixture_assistant, "终验为啥没通过", "顺延")


def test_a_budget_execution_row_is_left_to_the_items_budget_reasons(assistant):
    """ "资金…没执行完" with no project named asks the body's money, never one table's 资金执行率 row."""
    answer = ask(assistant, "单位的钱为什么没执行完")
    assert "资金执行率" not in answer.answer


def test_which_things_went_up_or_down_is_the_stated_reason_of_the_change(assistant, fixture_assistant):
    text = answered_text(assistant, "收支总计和上年差不多，哪些方面增加了哪些方面减少了", "0.91", "健康通", "政务云")
    assert text.index("0.91") < text.index("健康通")  # the change first, then what moved it
    answered_text(fixture_assistant, "收支总计比上年多了，主要是哪些方面增加了？", "523.16", "数据中台", "开放平台")


def test_which_parts_went_up_or_down_lists_each_parts_stated_change(assistant, fixture_assistant):
    answered_text(assistant, "三公经费里哪些多了哪些少了", "减少 1.81 万元", "增加 1.48 万元")
    answered_text(fixture_assistant, "三公经费哪些方面减少了？", "减少 0.35 万元", "减少 0.89 万元")


def test_the_staff_change_is_joiners_minus_leavers_with_no_headcount_claimed(assistant, fixture_assistant):
    text = answered_text(assistant, "职工人数是增加了还是减少了", "新增 6 人", "退休 10 人", "净减少 4 人", "10 − 6")
    assert "没有公布" in text
    answered = ask(fixture_assistant, "人数跟上一年比有变化吗")
    assert answered.status == "answered" and "净增加 1 人" in answered.answer and "3 − 2 = 1" in answered.answer
    assert any(check.ok and check.result == "1" for check in answered.checks)


def test_joiners_and_leavers_asked_with_the_reports_own_verbs(assistant, fixture_assistant):
    answered_text(assistant, "这一年退休了几个人？", "退休10人")
    answered_text(fixture_assistant, "那年新增了多少人？", "新增3人")
