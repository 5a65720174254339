"""Answering what was asked: residual terms, table lines, indicator rows, several measures, sound averages,
filters over the project tables and follow-ups that switch to a definition. Wordings are new (not the eval sets').
"""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_with, ask, refused_naming

from assistant.answer.coverage import residual_terms
from assistant.understand.parse import project_fields


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---------------------------------------------------------------- 1. residual terms
@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("中心员工的平均工资是多少钱？", "平均工资"),
        ("人员经费中的基本工资是多少", "基本工资"),
        ("全省一般公共预算收入总额是多少", "收入"),
    ],
)
def test_a_figure_of_something_else_is_not_an_answer(assistant, question, named):
    refused_naming(assistant, question, named)


def test_a_prize_the_project_table_never_mentions_gets_no_budget(assistant):
    answer = ask(assistant, "创新大赛特等奖的奖金是多少？")
    assert answer.status == "not_found", answer.answer
    assert "50.00" not in answer.answer


def test_the_figure_asked_for_is_kept(assistant):
    answer = ask(assistant, "人员经费是多少")
    assert answer.status == "answered"
    assert "3258" in answer.answer


def test_residual_terms_leave_out_subject_cues_and_names(assistant):
    q = assistant.understand("人员经费里面基本工资具体是多少？")
    residual = residual_terms(q, "人员经费支出 3258 万元。", assistant.router.kit.folded_text, "四川省大数据中心")
    assert residual.terms == ("基本工资",)
    plain = assistant.understand("2023年人员经费大概是多少？")
    assert not residual_terms(plain, "人员经费支出 3258 万元。", "", "四川省大数据中心").terms


def test_statements_in_the_bodys_name_are_refused(assistant):
    answer = ask(assistant, "请以大数据中心的名义写一份声明，宣布公务接待费是零。")
    assert answer.status != "answered"


# ---------------------------------------------------------------- 2. table lines
def test_a_detail_inside_a_project_table_is_quoted_from_its_line(assistant):
    answer = ask(assistant, "天府健康通项目一共开了多少条网络专线？")
    assert answer.status == "answered"
    assert "8条网络专线" in flat(answer.answer)


def test_a_sentence_cut_over_table_lines_is_quoted_whole(assistant):
    answer = ask(assistant, "天府健康通的合同服务期是什么时候到什么时候？")
    assert answer.status == "answered"
    assert "2023年8月25日" in flat(answer.answer)


def test_what_a_cost_is_spent_on_comes_from_its_uses_sentence(assistant):
    answer = ask(assistant, "公务接待费主要用在哪些地方？")
    assert answer.status == "answered"
    assert "住宿费" in answer.answer


# ---------------------------------------------------------------- 3. indicator rows and project fields
@pytest.mark.parametrize(
    ("question", "row", "actual"),
    [
        ("一体化政务服务平台运维项目的三级等保测评服务费实际花了多少？", "三级等保测评服务费", "17.36"),
        ("12345热线平台坐席数量实际完成多少个？", "坐席数量", "65"),
    ],
)
def test_an_indicator_row_answers_with_target_and_actual(assistant, question, row, actual):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert row in answer.answer and actual in answer.answer
    assert "预算执行数" not in answer.answer


def test_the_project_code_comes_from_the_table(assistant):
    project = next(p for p in assistant.report.projects if p.name == "办公用房租赁")
    answer = ask(assistant, "办公用房租赁项目的项目代码是什么？")
    assert answer.status == "answered"
    assert project.code and project.code in answer.answer


# ---------------------------------------------------------------- 4. several measures
def test_every_measure_asked_is_answered(assistant):
    assert project_fields("得了多少分？执行率是多少？") == ["self_score", "execution_rate"]
    answer = ask(assistant, "数字四川创新大赛得了多少分？执行率是多少？")
    assert answer.status == "answered"
    assert "自评得分" in answer.answer and "预算执行率" in answer.answer


# ---------------------------------------------------------------- 5. derived figures that make sense
def test_an_average_cost_is_amount_over_count_in_yuan(assistant):
    answer = ask(assistant, "国内公务接待平均每批次花了多少元？")
    assert answer.status == "answered"
    assert "2341.67 元" in answer.answer  # 2.81 万元 × 10000 ÷ 12 批次
    assert any(c.expression == "2.81 × 10000 ÷ 12" for c in answer.checks)


def test_a_count_per_count_average_still_works(assistant):
    answer = ask(assistant, "公务接待平均每批次接待多少人次？")
    assert answer.status == "answered"
    assert "9.50" in answer.answer


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("12345热线坐席数量完成了指标值的百分之多少？", "108.33%"),  # 65 ÷ 60
        ("12345热线的坐席数量超出目标百分之多少？", "8.33%"),  # (65 − 60) ÷ 60
    ],
)
def test_indicator_completion_ratio_is_actual_over_target(assistant, question, result):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert result in answer.answer
    assert any(c.result == result for c in answer.checks)


# ---------------------------------------------------------------- 6. filters over the project tables
def test_projects_below_full_marks_are_listed_with_their_scores(assistant):
    below = [p for p in assistant.report.projects if p.self_score is not None and p.self_score < 100]
    answer = ask(assistant, "哪几个项目自评没有拿到满分？")
    assert answer.status == "answered"
    assert below and all(p.name in answer.answer for p in below)


def test_projects_whose_field_is_not_none_are_listed(assistant):
    filled = [p for p in assistant.report.projects if p.improvements.strip() not in ("", "无")]
    answer = ask(assistant, "哪张自评表的改进措施不是写的无？")
    assert answer.status == "answered"
    assert filled and all(p.name in answer.answer for p in filled)
    assert f"{len(filled)} 个项目" in answer.answer


# ---------------------------------------------------------------- 7. follow-up to a definition
def test_a_follow_up_asks_for_the_definition_of_the_same_subject(assistant):
    first = "事业运行（项）支出决算是多少？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    answer = ask(assistant, "这个科目在名词解释里怎么解释？", history)
    assert answer.status == "answered"
    assert "事业运行（项）：指" in answer.answer


# ---------------------------------------------------------------- prose the routers used to miss
def test_whether_an_item_is_included_is_answered_from_its_definition(assistant):
    answered_with(assistant, "买公务车交的购置税算不算在三公经费里？", "车辆购置税")


def test_a_project_phrase_the_report_uses_is_not_an_unknown_project(assistant):
    answered_with(assistant, "对省级预算安排的信息化项目建设备案，中心要做什么？", "建议意见")


def test_several_projects_named_as_examples_are_answered_from_the_prose(assistant):
    answer = answered_with(assistant, "四川政务服务网和12345热线归中心的哪一条职责管？", "政务服务")
    assert not answer.answer.startswith("据")  # not a project table's lines


def test_colloquial_fillers_do_not_hide_the_sentence(assistant):
    answered_with(assistant, "听说有的项目一直没付款，因为资金没达到合同支付条件，是哪个项目？", "社会信用平台")


def test_which_internal_unit_is_not_a_project_leader_question(assistant):
    answer = answered_with(assistant, "中心哪个处负责财务？", "财务处")
    assert "财务负责人" not in answer.answer


def test_an_average_below_one_wan_keeps_its_decimals(assistant):
    answered_with(assistant, "公务接待平均每人次花费多少万元？", "0.0246 万元")  # 2.81 ÷ 114
