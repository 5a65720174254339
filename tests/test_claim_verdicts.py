"""Verdicts on claims about one figure, and gaps of two stated rates in percentage points, on both reports.

A yes/no question that names a bound ("用了预算的一半没有", "占比超过五分之一吗", "是不是翻了一番") gets the verdict in
words (是/没有 with 超过/不到) and the worked comparison from the calculator; "A的完成率比B低几个百分点" gets the
two stated rates and their gap in 个百分点, never a difference of the amounts."""

from __future__ import annotations

import pytest
from assistant_support import answered_verified

from assistant.understand.plan import Claim, Plan
from assistant.understand.verdicts import read_claim


@pytest.mark.parametrize(
    ("text", "measure", "comparator", "bound", "direction"),
    [
        ("接待费预算用掉一半了没有", "预算完成率", ">=", "50", ""),
        ("占比是否超过五分之一", "占比", ">", "20", ""),
        ("执行得有没有达到七成", "预算完成率", ">=", "70", ""),
        ("比上年是不是翻了一番", "比上年增减率", ">=", "100", "up"),
        ("比去年下降了三成以上吗", "比上年增减率", ">", "30", "down"),
        ("完成率是不是低于百分之八十", "预算完成率", "<", "80", ""),
    ],
)
def test_a_claim_is_read_into_the_plan(text, measure, comparator, bound, direction):
    claim = read_claim(text)
    assert claim is not None, text
    assert (claim.measure, claim.comparator, claim.bound, claim.direction) == (measure, comparator, bound, direction)


def test_a_claim_survives_the_plan_json():
    plan = Plan(text="x", verdict=Claim("占比", ">", "25", "四分之一", "超过四分之一"))
    assert Plan.from_json(plan.to_json()).verdict == plan.verdict


def test_verdicts_on_the_shipped_report(assistant):
    text = answered_verified(assistant, "公务用车购置及运行维护费的预算花掉一半了没有？").answer
    assert text.startswith("是，") and "62.78" in text and "12.78 个百分点" in text, text
    text = answered_verified(assistant, "接待费的完成率达到四分之一了吗？").answer
    assert text.startswith("没有，") and "23.42" in text and "不到四分之一" in text and "1.58" in text, text
    text = answered_verified(assistant, "公务接待费是不是比上年翻了一番？").answer
    assert text.startswith("是，") and "111.28" in text and "超过" in text, text
    text = answered_verified(assistant, "“三公”经费比上年降了一成以上吗？").answer
    assert text.startswith("没有，") and "1.82" in text and "8.18" in text, text


def test_verdicts_on_the_second_report(fixture_assistant):
    text = answered_verified(fixture_assistant, "培训支出（项）的完成率是否低于七成？").answer
    assert text.startswith("是，") and "61.50" in text and "不到七成" in text, text
    text = answered_verified(fixture_assistant, "公务接待费比上年减少了三分之一以上没有？").answer
    assert text.startswith("是，") and "48.63" in text and "15.30" in text, text


def test_a_plain_figure_question_gets_no_verdict(assistant):
    text = answered_verified(assistant, "“三公”经费完成预算多少？").answer
    assert not text.startswith(("是，", "没有，")) and "比较：" not in text, text


def test_percentage_points_between_two_rates_on_the_shipped_report(assistant):
    asked = "机关事业单位职业年金缴费支出（项）的完成率比事业单位医疗（项）高几个百分点？"
    text = answered_verified(assistant, asked).answer
    assert "92.92" in text and "92.07" in text and "0.85 个百分点" in text and "万元" not in text, text
    text = answered_verified(assistant, "“三公”经费和公务用车购置及运行维护费的降幅相差几个百分点？").answer
    assert "9.32 个百分点" in text, text


def test_percentage_points_between_two_rates_on_the_second_report(fixture_assistant):
    text = answered_verified(fixture_assistant, "培训支出（项）完成率比住房公积金（项）低多少个百分点？").answer
    assert "61.50" in text and "38.50 个百分点" in text and "低" in text, text


def test_a_claim_on_a_project_tables_execution_rate(assistant, fixture_assistant):
    text = answered_verified(assistant, "四川省工程建设项目审批管理系统运维服务项目的执行率有没有超过九成？").answer
    assert text.startswith("没有，") and "89.33" in text and "0.67 个百分点" in text, text
    text = answered_verified(fixture_assistant, "城市运行数据中台建设项目预算执行率到八成了吗？").answer
    assert text.startswith("是，") and "87.73" in text and "7.73 个百分点" in text, text


def test_a_reason_asked_beside_a_shortfall_gets_no_verdict(assistant):
    text = answered_verified(assistant, "公务接待费完成预算不到三成，是不是因为什么原因？").answer
    assert "比较：" not in text, text


def test_a_claim_on_a_share_of_two_named_subjects_and_a_written_fraction(assistant, fixture_assistant):
    text = answered_verified(assistant, "三公经费里头公务接待费所占的比重是不是不到五分之一？").answer
    assert text.startswith("是，") and "16.29" in text and "3.71 个百分点" in text, text
    text = answered_verified(fixture_assistant, "培训支出（项）的完成率到没到2/3？").answer
    assert text.startswith("没有，") and "61.50" in text and "三分之二" in text and "5.17 个百分点" in text, text


def test_the_gap_of_one_rate_to_a_bound_in_percentage_points(assistant, fixture_assistant):
    text = answered_verified(assistant, "事业单位医疗（项）完成率离百分之百还差多少个百分点？").answer
    assert "92.07" in text and "7.93 个百分点" in text and not text.startswith(("是，", "没有，")), text
    text = answered_verified(fixture_assistant, "“三公”经费的完成率距离七成相差几个百分点？").answer
    assert "65.73" in text and "4.27 个百分点" in text, text
