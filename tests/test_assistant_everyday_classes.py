"""Everyday wording of what every report of the template holds, on both reports: Traditional script with its
regional words, the body's day-to-day running, what it does and how it is organised, a role's pay refused, and a
word said of one subject never answered with another subject's figure."""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, answered_with, ask, refused_naming

from assistant.understand.normalize import fold


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("預算執行率最低的專案是哪個", "预算执行率最低的项目是哪个"),  # Taiwan's 專案 is 项目; 執行 stays 执行
        ("那個小程式釋出了什麼資訊", "那个小程序发布了什么信息"),
        ("新增了多少指標", "新增了多少指标"),  # OpenCC's Taiwan phrases would write 添加, 指针
        ("公務用車都是甚麼車", "公务用车都是什么车"),
        ("事業運行（項）執行數", "事业运行（项）执行数"),
    ],
)
def test_traditional_questions_are_read_in_the_reports_words(written, read):
    assert fold(written) == fold(read)


def test_simplified_text_is_never_changed_by_the_regional_words():
    # 程式 and 影片 are Simplified words too: only a question with a Traditional character is read regionally.
    assert fold("程式化的影片") == "程式化的影片"


@pytest.mark.parametrize(
    ("question", "simplified"),
    [
        ("單位共有幾輛公務用車？", "单位共有几辆公务用车？"),
        ("三公經費一共支出了多少？", "三公经费一共支出了多少？"),
    ],
)
def test_a_traditional_question_is_answered_as_its_simplified_twin(both_assistants, question, simplified):
    traditional, plain = ask(both_assistants, question), ask(both_assistants, simplified)
    assert traditional.status == plain.status == "answered"
    assert traditional.answer == plain.answer


def test_the_days_running_names_the_basic_spending(both_assistants):
    figure = next(f for f in both_assistants.report.facts if f.subject == "基本支出" and f.measure == "决算数")
    answered_with(both_assistants, "维持单位日常运转一年要花多少钱", f"{figure.value:g}")


def test_what_the_body_does_is_its_duties(both_assistants):
    answer = ask(both_assistants, "这个单位到底是做什么的")
    assert answer.status == "answered"
    duties = {c.section_id for c in answer.citations}
    assert any("主要职责" in both_assistants.report.section(s).title for s in duties), answer.answer


def test_departments_inside_are_its_internal_units(both_assistants):
    answer = ask(both_assistants, "单位内部设了几个部门")
    assert answer.status == "answered"
    assert "机构" in answer.answer


@pytest.mark.parametrize(
    ("question", "pay"), [("单位主任一年的工资是多少", "工资"), ("项目负责人的薪水有多少", "薪水")]
)
def test_a_roles_pay_is_refused_without_a_total(both_assistants, question, pay):
    answer = refused_naming(both_assistants, question, pay)
    assert not DIGIT.search(answer.answer)


def test_a_word_inside_a_longer_report_word_is_not_the_reports_word(both_assistants):
    # 公费 is only a piece of 办公费 there: the question is about travel abroad, never the 公用经费 list.
    answer = ask(both_assistants, "他们用公费出国出境了吗")
    assert "公用经费" not in answer.answer
    assert "因公出国" in answer.answer


def test_a_word_said_only_of_another_subject_does_not_answer_for_the_one_named(both_assistants):
    # 领导 is said of the cars' use, never of travel abroad: no car figure answers a question about going abroad.
    answer = ask(both_assistants, "领导们出国考察一年花了多少")
    assert "用车" not in answer.answer and "车辆" not in answer.answer
