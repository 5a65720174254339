"""Reasons asked in everyday words (and in Cantonese or traditional script): the figure with the report's own
reason sentence; where a project lost points, every part below its weight with the points lost (the budget part
with its 原因 cell); several items' reasons at once, said once when they are the same; and "分低的那个项目" after a
list of projects picks the lower-scored one."""

from __future__ import annotations

import pytest
from assistant_support import answered_with, ask, history_after


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("住房公积金为啥只用了七成多预算？", ("77.66%", "实有人数")),
        ("培训費點解冇用晒？", ("92.98%", "培训次数减少")),
        ("工伤失业保险那块钱咋没用完？", ("70.39%", "实有人数")),
        ("三公经费为啥连一半预算都没花到？", ("49.31%", "厉行节约")),
        ("收支总计为啥比上年少了？", ("0.91", "天府健康通")),
        ("三公经费怎么突然少了", ("0.32", "1.82%", "没有单独说明比上年变动的原因", "厉行节约")),
    ],
)
def test_reason_with_its_figure_on_the_shipped_report(assistant, question, texts):
    answered_with(assistant, question, *texts)


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("接待费咋砍了差不多一半？", ("48.63%", "疫情")),
        ("培训支出为何只完成六成预算？", ("61.50%", "线上")),
        ("职业年金點解冇用晒？", ("96.40%", "实有人数")),
        ("公车运行费为啥比上年少？", ("0.35", "车辆维修")),
    ],
)
def test_reason_with_its_figure_on_the_second_template(fixture_assistant, question, texts):
    answered_with(fixture_assistant, question, *texts)


def test_a_sudden_change_asked_with_how_come_is_a_reason(fixture_assistant):
    answer = answered_with(fixture_assistant, "公务接待费怎么一下子少了快一半？", "48.63%")
    assert "疫情" in answer.answer


def test_several_items_with_one_reason_are_said_to_share_it(assistant):
    answer = answered_with(
        assistant, "职业年金、住房公积金和事业单位医疗这几项都没用完，是不是一个原因？", "92.92%", "77.66%", "92.07%"
    )
    assert "说明的原因相同" in answer.answer and "实有人数" in answer.answer


def test_where_a_project_lost_points_names_every_part_below_its_weight(fixture_assistant):
    answer = answered_with(fixture_assistant, "数据中台项目为什么没拿满分，哪几项扣了分？", "97.5", "8.73", "8.77")
    assert "系统终验通过率" in answer.answer
    assert "尾款未支付" in answer.answer  # the budget part's own 原因 cell


def test_a_row_asked_why_it_lost_points_gets_the_points_lost(assistant):
    answer = answered_with(assistant, "一体化平台的电子证照归集指标怎么被扣了分？", "1.91", "0.09")
    assert "数据治理" in answer.answer


def test_the_lower_scored_of_the_listed_projects_is_picked(assistant):
    history = history_after(assistant, "自评没满分的项目有哪些？")
    answer = ask(assistant, "分低的那个，扣分扣在哪儿？", history)
    assert answer.status == "answered", answer.answer
    assert "工程建设项目审批" in answer.answer and "98.93" in answer.answer
    assert "89.33%" in answer.answer and "1.07" in answer.answer  # the budget part, the rows all full marks
    assert "各项绩效指标都得了满分" in answer.answer


def test_a_comparative_between_two_listed_projects_picks_the_right_one(assistant):
    # "低一点的那个" / "高一些的那个" compare the two just listed: a ranking word, not the first project named
    history = history_after(assistant, "自评没满分的项目有哪些？")
    lower = ask(assistant, "分数低一点的那个扣在哪？", history)
    assert "工程建设项目审批" in lower.answer and "1.07" in lower.answer, lower.answer
    higher = ask(assistant, "分高一些的那个扣了多少分？", history)
    assert "一体化政务服务平台" in higher.answer and "0.09" in higher.answer, higher.answer
    assert "工程建设项目审批" not in higher.answer


def test_the_lowest_scored_project_after_an_unanswered_count(fixture_assistant):
    # whatever the first answer was, its list of nearby sections names no project the follow-up means
    first = "有几个项目做了自评？"
    said = ask(fixture_assistant, first).answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": said}]
    answer = ask(fixture_assistant, "分最低那个扣在哪？", history)
    assert answer.status == "answered", answer.answer
    assert "城市运行数据中台建设项目" in answer.answer and "8.73" in answer.answer
