"""Indicator rows asked inside compound questions: the completion ratio and the gap of one row in two clauses,
the gap asked after the row's result, a bare score ask after a row (the row's weight and score, not the table's
total), two rows named in one ask whose words hold a piece of another project's name, two rows named without
their project, and a row's weight asked (a row's, never the tables' scores). On both reports."""

from __future__ import annotations

from assistant_support import answered_text as answered


# ---------------------------------------------------------------- ratio and gap of one row
def test_ratio_and_gap_of_one_row_in_two_clauses(assistant, fixture_assistant):
    answered(
        assistant,
        "归集电子证照数量这一项完成了指标值的百分之几？还差多少张？",
        "403566013 ÷ 422000000",
        "95.63%",
        "422000000 − 403566013 = 18433987张",
    )
    answered(
        fixture_assistant,
        "开放数据集的新增数量完成比例是多少？超出目标几个？",
        "410 − 400 = 10个",
    )


def test_gap_asked_after_the_rows_result(assistant, fixture_assistant):
    history = [
        {"role": "user", "content": "12345热线项目执行了多少？"},
        {"role": "assistant", "content": "预算执行数112.80万元。"},
    ]
    answered(
        assistant,
        "坐席数量要求多少？实际配了多少？多出来几个？",
        "60",
        "65",
        "65 − 60 = 5个",
        history=history,
    )
    answered(fixture_assistant, "数据集更新及时率要求多少？实际达到多少？差几个百分点？", "95 − 94 = 1%")


# ---------------------------------------------------------------- the row's own score
def test_a_bare_score_ask_after_a_row_is_the_rows_score(assistant, fixture_assistant):
    text = answered(
        assistant,
        "工程审批系统运维项目的漏洞修复时间目标多少？实际多少？得了几分？",
        "漏洞修复时间",
        "该指标权重 4 分，得分 4 分",
    )
    assert "98.93" not in text  # the table's total is not what was asked
    answered(
        fixture_assistant,
        "城市运行数据中台建设项目的系统终验通过率目标多少？完成多少？得了几分？",
        "该指标权重 10 分，得分 8.73 分",
    )


def test_the_tables_score_when_the_ask_says_so(assistant):
    answered(
        assistant,
        "工程审批系统运维项目的漏洞修复时间目标多少？这个项目的自评总分呢？",
        "漏洞修复时间",
        "98.93",
    )


# ---------------------------------------------------------------- two rows in one ask
def test_rows_whose_names_hold_another_projects_words(assistant):
    text = answered(
        assistant,
        "一体化政务服务平台运维项目总分多少？三级等保测评服务费和密码评估服务费的完成值分别是多少？",
        "99.91",
        "17.36",
        "18.97",
    )
    assert "第三方评估" not in text  # 评估服务 inside a row name names no other project


def test_two_rows_named_without_their_project(assistant, fixture_assistant):
    answered(assistant, "部门接入与交换节点实际各完成了多少？", "70个", "127个")
    answered(assistant, "坐席数量和知识库信息搜集汇总数量的完成值各是多少？", "65个", "8.8733万条")
    answered(fixture_assistant, "平台可用率和故障响应时间的完成值分别是多少？", "99.95%", "20分钟")


def test_a_rows_weight_is_never_the_tables_scores(assistant, fixture_assistant):
    text = answered(assistant, "交换节点这个指标的权重和得分各是多少？", "交换节点", "权重 10 分，得分 10 分")
    assert "99.91" not in text
    text = answered(fixture_assistant, "系统终验通过率的权重和得分分别是多少？", "权重 10 分，得分 8.73 分")
    assert "97.5" not in text
