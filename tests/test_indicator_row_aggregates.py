"""Aggregates over a project table's indicator rows and over the project tables: rows grouped by their 一级/二级
指标 (counted, their weights added group by group), one name under two groups, the tables that lack a group of
rows, a rows' total set against the table's own money, two counts over the tables in one question, a field of
each table a filter finds, and the rows just listed added up by the next ask. On both reports."""

from __future__ import annotations

from assistant_support import answered_text as answered


# ---------------------------------------------------------------- rows grouped by level
def test_sub_groups_under_a_top_group_are_added_group_by_group(assistant):
    text = answered(
        assistant,
        "大数据应用系列课题研究的产出指标下数量、质量、时效指标各占多少权重？",
        "数量指标 1 项，权重 15 分",
        "质量指标 1 项，权重 15 分",
        "时效指标 1 项，权重 10 分",
        "15 + 15 + 10 = 40 分",
    )
    assert "效益" not in text  # only the rows under 产出指标


def test_sub_groups_on_the_second_report_without_the_word_indicator(fixture_assistant):
    answered(
        fixture_assistant,
        "成都市政务数据共享交换平台运维服务的产出指标中数量、质量、时效各有多少权重？",
        "数量指标 3 项，权重合计 10 + 5 + 5 = 20 分",
        "质量指标 1 项，权重 10 分",
        "20 + 10 + 10 = 40 分",
    )


def test_two_top_groups_said_together_are_one_sum(fixture_assistant):
    answered(fixture_assistant, "公共数据开放平台运营服务的效益指标和满意度指标权重加起来是多少？", "20 + 10 = 30 分")


def test_a_count_of_rows_then_their_weights_added(assistant, fixture_assistant):
    answered(
        assistant,
        "四川省工程建设项目审批管理系统运维服务项目的时效指标一共几个？权重加起来多少？",
        "时效指标的有 4 个",
        "4 + 4 + 4 + 4 = 16 分",
    )
    answered(
        fixture_assistant,
        "城市运行数据中台建设项目的产出指标有几项，权重合计多少分？",
        "产出指标的有 5 个",
        "10 + 10 + 10 + 10 + 10 = 50 分",
    )


def test_rows_of_a_project_carried_from_the_turn_before(assistant):
    history = [
        {"role": "user", "content": "天府健康通花了多少钱？"},
        {"role": "assistant", "content": "四川天府健康通预算执行数175.27万元。"},
    ]
    asked = "它的定性指标一共几个？权重加起来多少？"
    answered(assistant, asked, "定性指标的有 5 个", "5 + 5 + 5 + 5 + 5 = 25 分", history=history)


# ---------------------------------------------------------------- named rows
def test_one_name_under_two_groups_is_counted_with_each_weight(assistant):
    text = answered(
        assistant,
        "全省政务服务网第三方评估服务的自评表里，“评估指标与国家指标的符合率”这条指标分别出现在哪类指标下，各自权重多少？",
        "出现 2 次",
        "质量指标下",
        "权重 1 分",
        "社会效益指标下",
        "权重 20 分",
    )
    assert "指标数量每年评估指标" not in text  # no other row of the table


def test_named_rows_weights_each_and_added(assistant):
    text = answered(
        assistant,
        "省政务信息资源共享平台（一期）运维项目里部门接入和交换节点两项指标的权重分别是多少，合计多少？",
        "部门接入 10 分",
        "交换节点 10 分",
        "10 + 10 = 20 分",
    )
    assert "等保测评费" not in text  # the rows named, not the whole table


# ---------------------------------------------------------------- the tables that lack a group
def test_tables_without_a_group_of_rows(assistant, fixture_assistant):
    text = answered(assistant, "哪几个项目的自评表里没有满意度指标？", "有 2 个", "大数据应用系列课题研究")
    assert "省大数据标准化技术委员会运行及标准制定" in text and "办公用房租赁" not in text
    answered(fixture_assistant, "哪个项目没有设置时效指标？", "有 1 个", "公共数据开放平台运营服务")
    none = answered(fixture_assistant, "有没有哪个项目没设成本指标？", "3 个绩效自评项目都设有成本指标")
    assert "没有没有" not in none


# ---------------------------------------------------------------- rows against the table's money
def test_cost_rows_added_and_set_against_the_execution_figure(assistant):
    answered(
        assistant,
        "全省政务服务网第三方评估服务的成本指标完成值加在一起是多少？比项目执行数多多少？",
        "69.8 + 3 = 72.80 万元",
        "72.80 − 34.90 = 37.90 万元",
    )


def test_a_money_row_as_a_share_of_the_execution_figure(assistant, fixture_assistant):
    answered(assistant, "大数据应用系列课题研究的项目支出指标完成值占执行数多少？", "40 ÷ 40.00 × 100% = 100%")
    answered(
        fixture_assistant,
        "成都市政务数据共享交换平台运维服务的项目总成本指标完成值占该项目预算执行数的比例是多少？",
        "120 ÷ 120.00 × 100% = 100%",
    )


# ---------------------------------------------------------------- counts and filters over the tables
def test_two_counts_over_the_tables_in_one_question(assistant, fixture_assistant):
    text = answered(assistant, "自评得分低于100分的项目有几个？年初预算为0的项目有几个？", "有 2 个", "有 3 个")
    assert "没有找到" not in text
    text = answered(fixture_assistant, "这几个项目里执行率低于100%的有几个？自评得了满分的有几个？")
    assert text.count("有 1 个") == 2 and "城市运行数据中台建设项目" in text


def test_a_field_of_each_table_a_filter_finds(assistant, fixture_assistant):
    answered(
        assistant,
        "自评得分没到满分的项目有哪些？各自执行率多少？",
        "这 2 个项目的预算执行率分别为",
        "四川一体化政务服务平台运维服务项目 100.00%",
        "四川省工程建设项目审批管理系统运维服务项目 89.33%",
    )
    answered(fixture_assistant, "年初预算为0的项目是哪个？它调整后预算是多少？", "公共数据开放平台运营服务", "45.00")


def test_a_row_found_in_a_follow_up_gives_its_weight_and_score(fixture_assistant):
    history = [
        {"role": "user", "content": "城市运行数据中台建设项目花了多少钱？"},
        {"role": "assistant", "content": "城市运行数据中台建设项目预算执行数251.35万元。"},
    ]
    asked = "它的系统终验通过率这个指标权重多少，得了几分？"
    answered(fixture_assistant, asked, "权重 10 分", "得分 8.73 分", history=history)


def test_no_group_total_for_a_table_without_rows_of_it(assistant):
    text = answered(assistant, "办公用房租赁的成本指标权重合计多少？", "没有成本指标")
    assert "=" not in text and "合计" not in text  # no neighbour's rows added in their place


def test_a_named_cost_row_of_the_table_just_asked_about_against_its_execution(assistant):
    history = [
        {"role": "user", "content": "第三方评估服务花了多少？"},
        {"role": "assistant", "content": "全省政务服务网第三方评估服务预算执行数34.90万元。"},
    ]
    asked = "它的成本指标里总报告成本完成值是多少？比执行数少多少？"
    answered(assistant, asked, "完成值 3万元", "34.90 − 3 = 31.90 万元", history=history)
    asked = "它的成本指标写着各项成本不超过70万，完成值多少？跟执行数相差多少？"
    answered(assistant, asked, "完成值 69.8万", "69.8 − 34.90 = 34.90 万元", history=history)
