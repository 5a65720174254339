"""What two project tables' people have in common, what a project set out to do against what it did, and a
field no table holds (the contract's amount, who won it) refused without any of the table's figures; on both
reports, the projects picked from the tables themselves."""

from __future__ import annotations

import itertools
import re

import pytest
from assistant_support import answered_text, ask

from assistant.answer.project_text import GOAL_DONE


def _pair(report, same: bool):
    """Two projects whose 项目负责人 are (or are not) one person."""
    for a, b in itertools.combinations(report.projects, 2):
        if a.leader and b.leader and (a.leader == b.leader) == same:
            return a, b
    raise AssertionError(f"no pair of projects with {'one' if same else 'two'} leaders in {report.title}")


def test_one_person_signing_for_two_projects_is_said(assistant):
    """Only the shipped report has two projects signed by one person (the second report's three are three people)."""
    a, b = _pair(assistant.report, same=True)
    text = answered_text(assistant, f"{a.name}和{b.name}是不是同一个人负责的？", "是同一个人", a.leader)
    assert "不是同一个人" not in text, text


@pytest.mark.parametrize("asked", ["的负责人一样吗", "是同一个负责人吗"])
def test_two_people_signing_for_two_projects_is_said(both_assistants, asked):
    a, b = _pair(both_assistants.report, same=False)
    answered_text(both_assistants, f"{a.name}跟{b.name}{asked}", "不是同一个人", a.leader, b.leader)


def test_the_people_compared_include_the_project_of_the_conversation(assistant):
    a, b = _pair(assistant.report, same=True)
    history = [{"role": "user", "content": f"{a.name}执行了多少？"}, {"role": "assistant", "content": "（略）"}]
    answer = ask(assistant, f"那{b.name}呢？是同一位负责人吗？", history)
    assert "是同一个人" in answer.answer and a.leader in answer.answer, answer.answer


def _project(report, reached: bool):
    for project in report.projects:
        if project.goal.strip() and bool(GOAL_DONE.search(re.sub(r"\s", "", project.goal_result))) == reached:
            return project
    raise AssertionError(f"no project whose result {'says' if reached else 'does not say'} the goal was reached")


def test_a_result_that_says_the_goal_was_reached_is_quoted_as_the_match(both_assistants):
    project = _project(both_assistants.report, reached=True)
    text = answered_text(both_assistants, f"{project.name}计划干的和实际干成的对得上吗", "年度目标", "完成情况")
    assert "对得上" in text.split("年度目标完成情况")[-1], text


def test_a_result_that_does_not_say_so_is_shown_beside_the_goal_without_a_verdict(assistant):
    project = next(p for p in assistant.report.projects if p.name == "数字四川创新大赛")
    text = answered_text(assistant, "数字四川创新大赛原定目标和最后的完成情况一致吗？", "报告没有说明两者是否一致")
    assert "对得上" not in text and project.goal_result[:6] in text, text


@pytest.mark.parametrize("asked", ["签约金额是多少", "是谁承建的？合同总金额多少？"])
def test_a_contract_the_tables_never_state_is_refused_without_a_figure(both_assistants, asked):
    project = both_assistants.report.projects[0]
    answer = ask(both_assistants, f"{project.name}{asked}")
    assert answer.status == "not_found", answer.answer  # well formed: no digit, no citation
