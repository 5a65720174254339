"""Compound follow-ups: "Y呢？两项合计" sums the previous subject and Y as one ask, and "占这部分Y的比重"
inside a compound follow-up divides by the narrower Y the conversation just gave, on both reports."""

from __future__ import annotations

import pytest
from assistant_support import assert_well_formed

from assistant.pipeline import Assistant


def _chat(assistant: Assistant, first: str, second: str) -> str:
    history: list[dict] = []
    answer = assistant.ask(first, history)
    history += [{"role": "user", "content": first}, {"role": "assistant", "content": answer.answer}]
    answer = assistant.ask(second, history)
    assert_well_formed(answer, assistant.report.clean_text)
    return answer.answer


@pytest.mark.parametrize(
    ("first", "second", "figures"),
    [
        ("公务接待费用了多少", "那公务用车购置及运行维护费呢？这两项加起来是多少", ("14.44", "17.25")),
        ("基本支出多少", "项目支出呢？二者合计是多少", ("15952.21", "20685.29")),
    ],
)
def test_pair_summed_after_previous_subject(assistant: Assistant, first: str, second: str, figures) -> None:
    text = _chat(assistant, first, second)
    assert all(f in text for f in figures), text


def test_pair_summed_on_second_report(fixture_assistant: Assistant) -> None:
    text = _chat(fixture_assistant, "人员经费是多少", "那公用经费呢，两个加在一起多少")
    assert "382.77" in text and "2071.29" in text, text


def test_share_of_the_part_just_given(fixture_assistant: Assistant) -> None:
    text = _chat(fixture_assistant, "一般公共预算财政拨款基本支出是多少", "人员经费有多少，占这部分基本支出几成")
    assert "1688.52" in text and "81.52%" in text and "2315.40" not in text, text


def test_two_counts_asked_together(both_assistants: Assistant) -> None:
    answer = both_assistants.ask("多少个项目搞了自评？又有几个项目做了绩效监控")
    counts = ("12", "42") if both_assistants.report.year == 2023 else ("3", "18")
    assert all(f"{c}个项目" in answer.answer for c in counts), answer.answer


def test_adjusted_budget_asked_in_a_follow_up(fixture_assistant: Assistant) -> None:
    text = _chat(fixture_assistant, "公共数据开放平台运营服务项目年初预算多少", "后来调到多少了？比年初多了多少")
    assert "45.00" in text and "0.00" in text, text


def test_project_money_said_as_a_fee(assistant: Assistant) -> None:
    answer = assistant.ask("政务微信微博那个项目一年运营费多少")
    assert "73.70" in answer.answer, answer.answer
