"""Items whose amount is 0 and the overview's totals in everyday words: a 0 asked plainly is the item's own
sentence (无预算，无支出), or 没有 with a bare 0; whether it had a budget or changed is answered from that sentence,
never from the change of the total that holds it; the year's income and spending asked with everyday verbs are the
two totals; money handed to retirees is the 离退休 项, not the count of staff who retired; two items said in everyday
words and not as a list are asked each."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, answered_verified

TOTALS = {"assistant": "20685.29", "fixture_assistant": "8642.57"}


@pytest.mark.parametrize("question", ["出访国外用了多少钱", "出国出境的开销是多少"])
def test_a_zero_item_asked_plainly_says_none_with_its_own_sentence(both_assistants, question):
    flat = answered_text(both_assistants, question, "0 万元", "无预算", "无支出")
    assert "三公”经费比" not in flat  # never the holding total's figures


def test_a_zero_item_without_words_still_says_none(both_assistants):
    answered_text(both_assistants, "外事接待那块开销多少", "没有", "0 万元")


@pytest.mark.parametrize("question", ["出国的费用跟上年比变了吗", "出国经费较上一年有变化没有"])
def test_no_change_of_a_zero_item_is_its_own_sentence_not_its_containers(both_assistants, question):
    flat = answered_text(both_assistants, question, "无变化")
    assert "三公”经费比" not in flat and "只写明了包含它的" not in flat


def test_no_budget_of_a_zero_item_is_said(both_assistants):
    flat = answered_text(both_assistants, "出国这项费用今年安排了预算没有？和上年比变化如何", "无预算", "无变化")
    assert "只写明了包含它的" not in flat


@pytest.mark.parametrize("question", ["这一年总共进账多少钱，又用掉多少", "全年收进来多少、花出去多少"])
def test_the_years_income_and_spending_in_everyday_verbs(request, both_assistants, question):
    name = next(n for n in TOTALS if request.getfixturevalue(n) is both_assistants)
    flat = answered_text(both_assistants, question, TOTALS[name])
    assert "收入合计" in flat and "支出合计" in flat


@pytest.mark.parametrize("question", ["发给退休人员的钱有多少", "给退休职工发的钱是多少", "退休人员领的钱一年多少"])
def test_money_handed_to_retirees_is_the_retirement_item(assistant, question):
    answer = answered_verified(assistant, question)
    assert "18.16" in answer.answer and "离退休" in answer.answer


def test_two_items_in_everyday_words_not_said_as_a_list_are_asked_each(both_assistants):
    flat = answered_text(both_assistants, "医保和公积金加起来是多少", "事业单位医疗", "住房公积金")
    assert "人员经费" not in flat
