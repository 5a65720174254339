"""Colloquial questions, round four, on the shipped report and on the fixture report: internal units read from the
question's duty words (abbreviated names), the share of two named figures, the definitions of two subjects told
apart, one item of a long composition list refused, and a distinctive word found anywhere in the report."""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, answered_with, ask

from assistant.service import Assistant


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("做政策研究和做规划的处室分别叫什么？", ["政研处", "规划处"]),
        ("我刚入职，想问下中心里管政务云的是哪个处啊？", ["云管处"]),
        ("搞数字经济的是哪个处", ["数经处"]),
    ],
)
def test_units_by_duty_words(assistant: Assistant, question: str, units: list[str]) -> None:
    answer = answered_with(assistant, question, *units)
    assert "机构设置" in answer.citations[0].heading or "内部设立机构" in answer.citations[0].quote


def test_units_by_words_on_fixture(fixture_assistant: Assistant) -> None:
    answered_with(fixture_assistant, "负责网络安全和财务审计的分别是哪个部门？", "网络安全部", "财务审计部")


@pytest.mark.parametrize("question", ["公用经费占基本支出的比例是多少？", "人员经费占基本支出百分之几？"])
def test_share_of_two_figures(both_assistants: Assistant, question: str) -> None:
    answer = answered_with(both_assistants, question, "÷", "× 100%")
    assert any("share" in c.expression or "÷" in c.expression for c in answer.checks)


def test_share_value_on_shipped(assistant: Assistant) -> None:
    answered_with(assistant, "公用经费占一般公共预算财政拨款基本支出的比例是多少？", "31.17%")


@pytest.mark.parametrize("question", ["基本支出跟项目支出到底啥区别？", "项目支出和基本支出有什么不同"])
def test_difference_is_definitions(both_assistants: Assistant, question: str) -> None:
    answer = answered_with(both_assistants, question, "正常运转", "特定行政任务")
    assert "万元" not in answer.answer


@pytest.mark.parametrize("question", ["2023年中心的工会经费具体花了多少？", "物业管理费花了多少钱"])
def test_one_item_of_a_long_list_is_refused(assistant: Assistant, question: str) -> None:
    answer = ask(assistant, question)
    assert answer.status == "not_found", answer.answer
    assert not DIGIT.search(answer.answer)


def test_fixture_list_item_refused(fixture_assistant: Assistant) -> None:
    answer = ask(fixture_assistant, "工会经费花了多少钱？")
    assert answer.status == "not_found", answer.answer


@pytest.mark.parametrize("question", ["12345那个电视节目是跟哪家电视台一起搞的？", "热线和哪个电视台合作做了节目"])
def test_distinctive_word_found_anywhere(assistant: Assistant, question: str) -> None:
    answered_with(assistant, question, "广播电视台")
