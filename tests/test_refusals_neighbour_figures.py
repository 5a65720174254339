"""Refusals never carry a neighbour's number: an amount the report names only as the reason for another figure's
change, a figure per head or per table, a count in a unit nothing is counted in, another year or body, a
counterparty, and an ask that carries such a subject on, are refused with no figure; the loose matchers (a
subject's usage sentence, indicator rows named in other words) still answer what they cover."""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, answered_with, ask, refused_without_figure

from assistant.answer.coverage import covers_question


@pytest.mark.parametrize(
    "question",
    [
        "政务云统一安全运维这次新增了多少经费？",  # named only as a reason for the totals' change
        "大数据安全支撑服务纳入部门预算新增安排了多少钱",
        "四险两金追加了多少钱",
        "绩效工资追加了多少万元？",
        "退休人员每人每月发多少退休费？",  # per head: the report counts no retirees
        "公务接待一桌饭多少钱",  # per table
        "小微企业签了多少份合同？",  # a count of contracts: only their amount is stated
        "新增的6个人一年工资一共多少？",
        "省社会信用平台运维一共花了多少钱？",
        "政府采购的服务合同给了哪家公司，合同金额多少？",
    ],
)
def test_amounts_the_report_only_mentions_are_refused_on_the_shipped_report(assistant, question):
    refused_without_figure(assistant, question)


@pytest.mark.parametrize(
    "question",
    [
        "差旅费压减了多少？",  # named only in a shortfall's reason
        "车辆维修支出减少了多少？",
        "会议费压减了多少钱",
        "员工平均工资多少？",
        "单价100万元以上的设备每台多少钱？",
        "数据中台是哪家公司承建的，合同多少钱？",
        "来蓉考察交流的客人一共吃了多少钱的饭",
        "公共数据开放平台运营服务的中标单位是谁，合同金额多少？",
    ],
)
def test_amounts_the_report_only_mentions_are_refused_on_the_second_template(fixture_assistant, question):
    refused_without_figure(fixture_assistant, question)


def test_an_ask_carrying_a_refused_subject_is_refused_too(fixture_assistant):
    # "线上培训" is not 培训支出: the second ask is about the first one's subject, never the 项's total
    answer = ask(fixture_assistant, "线上培训开了几期，花了多少？")
    assert answer.status == "not_found", answer.answer
    assert "12.30" not in answer.answer and not DIGIT.search(answer.answer)


def test_usage_words_still_answer_what_their_sentence_covers(assistant):
    answered_with(assistant, "工伤险、失业险这块，单位全年缴了多少钱？", "15.01")
    answered_with(assistant, "公车加油、修车、过路费这些花了多少", "14.44")
    answered_with(assistant, "日常办公的水电费、物业费、差旅这些一年花了多少？", "1475.09")


def test_per_unit_with_a_stated_count_is_still_worked_out(assistant):
    answered_with(assistant, "公务接待平均每人次多少钱", "114", "246.49")


def test_coverage_rule_weighs_the_question_words_the_text_holds():
    text = "三公经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"
    asked = "省级政务云平台服务扩容新增安排了多少"
    assert not covers_question(asked, ["省级", "扩容", "新增", "安排"], text)  # one shared word is no answer
    covered = "其他用于本单位方面的工伤保险、失业保险方面的经费支出"
    assert covers_question("工伤险、失业险交了多少", ["工伤", "失业"], covered)
    # overlapping words of one word ("过路", "路费" of 过路费) weigh once
    assert covers_question("过路费这些花了多少", ["过路", "路费"], "公务用车燃料费、维修费、过路过桥费")
    assert not covers_question("", [], "")
