"""Refusals that must carry no neighbour's number: attributes of counted things the template never records (a
car's age, a person's age) and each item's own amount of a list the report gives only as words."""

from __future__ import annotations

import re

import pytest
from assistant_support import ask

DIGITS = re.compile(r"\d")


def _refused_without_number(assistant, question: str) -> str:
    answer = ask(assistant, question)
    assert answer.status != "answered", (question, answer.answer)
    assert not DIGITS.search(answer.answer), (question, answer.answer)
    return answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "这几台公务车是哪一年配的，什么牌子",  # a pronoun, two unheld attributes, no subject named
        "单位的车子开了多久了",
        "那批退休的老同志平均几岁",
    ],
)
def test_unheld_attributes_of_counted_things(both_assistants, question: str) -> None:
    _refused_without_number(both_assistants, question)


@pytest.mark.parametrize(
    "question",
    [
        "公务用车运行维护费当中维修费、燃料费各支出了多少",  # a usage list's items, owner named
        "公用经费里差旅费、培训费分别花了多少钱",  # an item that also names a 项 (培训支出)
    ],
)
def test_each_item_of_a_list_is_refused(both_assistants, question: str) -> None:
    text = _refused_without_number(both_assistants, question)
    assert "各自的金额" in text


def test_the_owner_and_a_start_of_year_budget_stay_answered(assistant) -> None:
    """The owner's own amount is still answered when its items are not asked."""
    answer = ask(assistant, "公务用车运行维护费花了多少")
    assert answer.status == "answered" and "14.44" in answer.answer
    answer = ask(assistant, "公用经费是多少")
    assert answer.status == "answered" and "1475.09" in answer.answer
