"""Numbered lists and named units: a list counted or read at one position (also as a follow-up), and the internal
unit whose listed name carries a word of the question or its abbreviation."""

from __future__ import annotations

import pytest
from assistant_support import answered_with, ask, history_after

from assistant.evidence.sentences import enumerated_items
from assistant.service import Assistant


@pytest.mark.parametrize(
    ("name", "question"),
    [("assistant", "中心哪个处室负责网站？"), ("fixture_assistant", "哪个部门管网络安全")],
)
def test_unit_named_by_a_word_of_its_name(request: pytest.FixtureRequest, name: str, question: str) -> None:
    chosen = request.getfixturevalue(name)
    word = "网站" if name == "assistant" else "网络安全"
    answer = answered_with(chosen, question, f"{word}{'处' if name == 'assistant' else '部'}")
    assert any("机构" in c.quote for c in answer.citations)


# ---------------------------------------------------------------- 4. numbered lists
def test_duties_counted(both_assistants: Assistant) -> None:
    report = both_assistants.report
    section = next(s for s in report.sections if s.title.endswith("主要职责"))
    items = enumerated_items(report, section.start, section.end)
    assert len(items) >= 5
    answer = answered_with(both_assistants, "单位的主要职责总共有多少条？", f"共 {len(items)} 条")
    assert any(c.result == str(len(items)) for c in answer.checks)


def test_duty_by_position_as_a_follow_up(both_assistants: Assistant) -> None:
    report = both_assistants.report
    section = next(s for s in report.sections if s.title.endswith("主要职责"))
    third = report.clean_text[enumerated_items(report, section.start, section.end)[2].start :][:2]
    history = [{"role": "user", "content": "主要职责有几项？"}, {"role": "assistant", "content": "……"}]
    answer = both_assistants.ask("第三条职责具体说的啥？", history)
    assert answer.status == "answered", answer.answer
    assert third == "三是" and "三是" in answer.answer and "二是" not in answer.answer


def test_position_past_the_end_is_refused(assistant: Assistant) -> None:
    answer = ask(assistant, "主要职责的第二十项是什么？")
    assert answer.status == "not_found"


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


def test_ordinal_without_a_ranking_is_still_a_list_position(assistant: Assistant) -> None:
    history = history_after(assistant, "哪个项目预算执行数最多？")
    answer = ask(assistant, "那第二项职责是什么？", history)
    assert "第二多" not in answer.answer


def test_which_internal_unit_is_not_a_project_leader_question(assistant):
    answer = answered_with(assistant, "中心哪个处负责财务？", "财务处")
    assert "财务负责人" not in answer.answer
