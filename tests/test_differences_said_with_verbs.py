"""Differences said with a verb or a comparative: "A比B多用了/多交了/高出多少", "A和B哪个多，差多少" (one
difference that says which is ahead), a container said before the pair (scope, not a third subject), the staff who
joined and left asked with their net change, and a row's result asked after a turn that asked its target. Each
gap is a calculator check of two cited figures; on both reports of the template where it applies."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, ask, cents, figure

from assistant.service import Assistant


def gap(a: Assistant, first: str, second: str) -> str:
    return cents(abs(figure(a, first) - figure(a, second)))


def differences(answer) -> set[str]:
    return {c.result for c in answer.checks if c.operation == "difference" and c.ok}


@pytest.mark.parametrize(
    "question",
    [
        "人员经费比公用经费多交了多少",
        "人员经费要比公用经费高出多少万元",
        "公用经费较人员经费少用多少",
    ],
)
def test_a_gap_said_with_a_verb_is_the_difference(both_assistants: Assistant, question: str) -> None:
    a = both_assistants
    expected = gap(a, "人员经费", "公用经费")
    answered_text(a, question, expected)
    assert expected in differences(ask(a, question))


def test_which_is_ahead_and_by_how_much_is_one_difference(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "住房保障支出同卫生健康支出相比谁高一些？高了多少？"
    expected = gap(a, "住房保障支出", "卫生健康支出")
    text = answered_text(a, question, expected, "住房保障支出", "卫生健康支出")
    assert "比" in text
    assert expected in differences(ask(a, question))


def test_a_container_before_the_pair_is_scope(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "基本支出里面，人员经费比公用经费多花多少？"
    expected = gap(a, "人员经费", "公用经费")
    answer = ask(a, question)
    assert answer.status == "answered", answer.answer
    assert differences(answer) == {expected}


def test_staff_joined_and_left_with_their_net_change(both_assistants: Assistant) -> None:
    a = both_assistants
    joined, left = figure(a, "新增人员", "数量"), figure(a, "退休人员", "数量")
    question = "单位今年招了几个人，退休了几个，人员净增减多少？"
    answered_text(a, question, f"{joined:f}", f"{left:f}", f"{abs(joined - left):f} 人")


def test_a_rows_result_and_its_gap_after_a_turn_asking_its_target(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "12345热线那个项目，好评数量的指标值定的多少？"},
        {"role": "assistant", "content": "指标值为≥68.5万条。"},
    ]
    answered_text(assistant, "实际达到了多少？超过目标多少？", "79.6763", "11.1763", history=history)


def test_a_container_before_a_pair_not_compared_stays_the_whole_of_their_shares(fixture_assistant: Assistant) -> None:
    """Only a pair compared makes the name said first a mere scope: asked each with their shares, the container is
    the whole (the narrower 财政拨款 total, not the bare 基本支出 of the same name's tail)."""
    a = fixture_assistant
    whole = figure(a, "一般公共预算财政拨款基本支出")
    staff = figure(a, "人员经费")
    question = "一般公共预算财政拨款基本支出当中，人员经费与公用经费分别多少？分别占基本支出几成？"
    answered_text(a, question, f"{cents(staff / whole * 100)}%")
