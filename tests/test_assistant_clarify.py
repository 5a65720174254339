"""Vague questions: a measure asked of nothing ("占比是多少？") gets a short question back with two to four
concrete questions the assistant answers, never a figure picked at random nor a dump of table cells; the same
words after a turn that names the subject are answered. On both reports of the template."""

from __future__ import annotations

import json

import pytest
from assistant_support import DIGIT, ask

from assistant.cli import main
from assistant.service import Assistant

VAGUE = ["占比是多少？", "完成率多少啊", "比上年增减了多少？", "负责人是谁"]


@pytest.mark.parametrize("question", VAGUE)
def test_a_vague_question_is_asked_back_with_answerable_suggestions(both_assistants: Assistant, question: str) -> None:
    answer = ask(both_assistants, question)
    assert answer.status == "clarify" and answer.route == "clarify", answer.answer
    assert answer.answer.startswith("请问") and not answer.citations and not answer.numbers
    for suggestion in answer.suggestions:  # each one is a question the assistant really answers
        tried = ask(both_assistants, suggestion)
        assert tried.status == "answered" and tried.citations, (suggestion, tried.answer)
    assert answer.plan is not None and answer.plan["steps"][0]["op"] == "clarify"


def test_the_same_words_after_a_named_subject_are_answered(both_assistants: Assistant) -> None:
    history = [{"role": "user", "content": "三公经费是多少？"}, {"role": "assistant", "content": "（略）"}]
    answer = ask(both_assistants, "完成率多少啊", history)
    assert answer.status == "answered" and "完成预算" in answer.answer


def test_a_question_that_names_something_is_never_asked_back(both_assistants: Assistant) -> None:
    for question in ("三公经费占比是多少？", "有没有项目预算没执行完？", "各项目的负责人都是谁？"):
        assert ask(both_assistants, question).status != "clarify", question


def test_one_value_for_every_table_is_answered_not_asked_back(fixture_assistant: Assistant) -> None:
    """The second report names one 财务负责人 on every table: there is nothing to choose."""
    finance = {p.finance_leader for p in fixture_assistant.report.projects if p.finance_leader}
    assert len(finance) == 1
    answer = ask(fixture_assistant, "财务负责人是谁？")
    assert answer.status == "answered" and finance.pop() in answer.answer


def test_the_json_contract_carries_clarify_and_its_suggestions(assistant: Assistant, capsys) -> None:
    assert main(["ask", "占比是多少？", "--json"], assistant.settings) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "clarify" and 2 <= len(data["suggestions"]) <= 4
    assert not DIGIT.search(data["answer"]) and not data["citations"]
    assert main(["ask", "占比是多少？"], assistant.settings) == 0
    printed = capsys.readouterr().out
    assert "可以这样问：" in printed and all(f"· {s}" in printed for s in data["suggestions"])
