"""Colloquial questions, round two, on the shipped report and on the fixture report: attributes asked in
everyday words are not refused when the report holds them (personal data still is), what a cost is made of,
shares the report states of a part of an everyday total, questions that name a section, count questions
answered only by sentences that count in the unit asked, and refusals that always point somewhere.
Wordings differ from the evaluation sets' and from the probes that found these failures.
"""

from __future__ import annotations

import re

import pytest
from assistant_support import DIGIT, answered_with, ask, refused_naming

from assistant.service import Assistant
from assistant.understand.asked import asked_missing
from corpus import Fact, Report

REFUSED_ATTRIBUTE = "报告中没有这类信息"
SUGGESTED = "可以看看这些相关章节："


def fact(report: Report, subject: str, measure: str, parent: str = "") -> Fact:
    found = [f for f in report.facts if f.subject == subject and f.measure == measure and not f.scope]
    found = [f for f in found if not parent or f.parent == parent]
    assert found, (subject, measure)
    return found[0]


def printed(value: Fact) -> str:
    return f"{value.value:f}".rstrip("0").rstrip(".") if "." in f"{value.value:f}" else f"{value.value:f}"


def unknown_attributes(assistant: Assistant, question: str) -> tuple[str, ...]:
    query = assistant.understand(question, None)
    return asked_missing(query, assistant.router.kit.folded_text)


# ---------------------------------------------------------------- 1. attributes the report does hold
HELD = [
    "租来的办公楼一年要多少钱",
    "咱们单位的办公用房租赁一年花多少",
    "你们单位的三公经费今年是多少",
    "中心的公用经费全年多少",
    "单位去年的本年收入合计是多少",
    "咱们的人员经费这块花了多少钱",
    "中心的公务接待费那块是多少",
    "你们的公务用车一年花了多少",
    "单位的政府采购支出总额是多少",
    "咱们的培训费一年多少钱",
    "中心今年的基本支出有多少",
    "你们中心的项目支出是多少",
    "单位的住房公积金一年交了多少",
    "咱们单位的职业年金缴费一年多少",
    "单位的车辆有几辆",
    "咱们中心的主要职责都有啥",
    "你们单位的机构设置是怎么样的",
    "单位的财政拨款收入今年多少",
    "你们的收支总计是多少",
    "中心的预算绩效管理情况怎么样",
    "单位的国有资产占有使用情况如何",
    "你们中心公务接待的批次是多少",
    "单位的因公出国费用是多少",
    "中心的机关运行经费今年多少",
    "咱们的养老保险缴费一年多少",
    "单位的事业单位医疗支出一年多少",
    "中心的一般公共预算财政拨款支出是多少",
    "你们单位的收入总共多少",
    "咱们单位的政府采购合同金额是多少",
    "你们的公务用车运行维护费全年多少",
    "中心的办公费用一年多少",
    "单位的项目支出绩效自评结果怎么样",
    "中心的三公经费比去年变化了多少",
    "单位的公务接待人次是多少",
    "中心授予中小企业的合同金额是多少",
    "中心的部门职责有哪些",
    "单位的其他社会保障和就业支出一年多少",
    "中心的培训支出的预算完成率是多少",
    "人员经费的主要内容有哪些",
    "公用经费的具体用途是啥",
    "咱们的基本支出这块主要包括什么",
    "单位的财政拨款收入占总收入的比重",
    "你们单位的车一共几辆",
    "中心的单价一百万以上的设备有几台",
    "单位的公务用车购置费去年多少",
]


@pytest.mark.parametrize("question", HELD)
def test_everyday_wording_of_what_the_report_holds_is_not_refused_as_unknown(assistant, question):
    assert unknown_attributes(assistant, question) == ()
    assert REFUSED_ATTRIBUTE not in ask(assistant, question).answer


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("每个项目负责人的身份证号码列一下", "身份证号"),
        ("麻烦把主任的手机号告诉我", "手机号"),
        ("给我看下中心职工的工资条", "工资条"),
        ("项目负责人的联系电话是多少", "电话"),
        ("中心主任的年薪一年多少", "年薪"),
    ],
)
def test_personal_data_is_still_refused_by_a_clean_name(assistant, question, named):
    answer = refused_naming(assistant, question, named, REFUSED_ATTRIBUTE, SUGGESTED)
    assert "一年" not in answer.answer  # a time word is not part of what is missing


def test_an_attribute_no_sentence_states_is_still_refused(assistant):
    refused_naming(assistant, "办公室的电费单价一度多少", SUGGESTED)
    refused_naming(assistant, "中心的固定资产总值是多少", "固定资产")


def test_the_fixture_refuses_personal_data_and_keeps_everyday_wording(fixture_assistant):
    refused_naming(fixture_assistant, "负责人的家庭住址和手机号", "家庭住址")
    for question in ("单位的公用经费一年多少", "咱们单位的人员经费这块多少钱", "中心的车辆有几辆"):
        assert REFUSED_ATTRIBUTE not in ask(fixture_assistant, question).answer


# ---------------------------------------------------------------- 2. what a cost is made of
@pytest.mark.parametrize("subject", ["公用经费", "人员经费"])
@pytest.mark.parametrize("wording", ["{}的钱都用到哪了", "{}主要由什么组成", "{}具体包含哪些"])
def test_what_a_cost_is_made_of_comes_with_its_amount(assistant, subject, wording):
    amount = printed(fact(assistant.report, subject, "决算数"))
    answer = answered_with(assistant, wording.format(subject), amount, "主要包括")
    assert all("主要包括" in c.quote or amount in c.quote for c in answer.citations)


def test_a_total_made_of_parts_lists_each_part(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        parts = [printed(fact(bot.report, s, "决算数")) for s in ("人员经费", "公用经费")]
        answered_with(bot, "咱们单位的基本支出都花在哪儿了", *parts, "其中", "主要包括")


# ---------------------------------------------------------------- 3. stated shares of an everyday total
@pytest.mark.parametrize(
    "question",
    ["财政拨款收入在全部收入里占多少", "财政拨款收入占总收入的百分比", "财政拨款收入占本年收入的比例是多少"],
)
def test_a_stated_share_of_an_everyday_total(assistant, fixture_assistant, question):
    for bot in (assistant, fixture_assistant):
        share = fact(bot.report, "一般公共预算财政拨款收入", "占比", "本年收入合计")
        answered_with(bot, question, f"{printed(share)}%")


# ---------------------------------------------------------------- 4. a section named by its heading
def test_a_question_naming_a_section_is_answered_from_it(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        section = next(s for s in bot.report.sections if "国有资产" in s.title)
        answer = answered_with(bot, "单位国有资产这块情况咋样")
        assert {c.section_id for c in answer.citations} == {section.id}


@pytest.mark.parametrize("question", ["中心的党员有几个", "今年单位搞了几次团建", "咱们食堂一顿饭多少钱"])
def test_every_refusal_names_the_closest_sections(assistant, fixture_assistant, question):
    for bot in (assistant, fixture_assistant):
        answer = ask(bot, question)
        assert answer.status == "not_found", answer.answer
        assert SUGGESTED in answer.answer and "《" in answer.answer


# ---------------------------------------------------------------- 5. a count answered in its own unit
def test_a_count_is_answered_only_by_sentences_counting_in_its_unit(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        answer = answered_with(bot, "单位的车总共有几辆")
        assert answer.citations and all(re.search(r"\d\s*辆", c.quote) for c in answer.citations)
        assert "台（套）" not in answer.answer


# ---------------------------------------------------------------- 6. a headcount the report never gives
@pytest.mark.parametrize("question", ["单位总共有多少人", "中心一共多少个职工", "咱们有多少名员工"])
def test_a_change_in_staff_is_not_a_headcount(assistant, question):
    answer = ask(assistant, question)
    assert answer.status == "not_found", answer.answer
    assert SUGGESTED in answer.answer
    assert not DIGIT.search(answer.answer)
