"""Per-unit figures asked in everyday words: the unit said with a noun ("平均一台车", "每个来客", "平均1批"), a count
only the question states ("按1.25亿用户算"), the unit alone with nothing named ("单位的车每辆"), and a follow-up
that divides the figure just given. Both reports; every figure worked out by the calculator."""

from __future__ import annotations

from assistant_support import answered_text, answered_verified


def test_a_car_said_as_a_noun_divides_the_car_costs_by_the_fleet(assistant, fixture_assistant):
    shipped = answered_text(assistant, "那几辆公车平摊到每一辆的运维费用是多少？")
    assert "14.44 ÷ 4 = 3.61" in shipped
    second = answered_text(fixture_assistant, "单位的公务车平均一台要花多少运行维护费？")
    assert "8.92 ÷ 3 = 2.97" in second


def test_nothing_named_but_the_unit_takes_what_the_report_counts_in_it(assistant, fixture_assistant):
    assert "14.44 ÷ 4 = 3.61" in answered_text(assistant, "中心的车摊下来每辆多少钱？")
    assert "8.92 ÷ 3 = 2.97" in answered_text(fixture_assistant, "单位的车平摊下来每辆花了多少钱？")


def test_a_guest_is_counted_in_person_visits(assistant, fixture_assistant):
    shipped = answered_text(assistant, "平均下来每个来客的招待费是多少钱？")
    assert "2.81 × 10000 ÷ 114 = 246.49 元" in shipped
    second = answered_text(fixture_assistant, "招待一位来访的客人平均要多少钱？")
    assert "0.94 × 10000 ÷ 46 = 204.35 元" in second


def test_a_follow_up_divides_the_figure_just_given_by_its_batches(assistant, fixture_assistant):
    history = [{"role": "user", "content": "公务接待一共花了多少？"}, {"role": "assistant", "content": "0.94 万元。"}]
    second = answered_text(fixture_assistant, "那平均一批花多少？", history=history)
    assert "0.94 × 10000 ÷ 5 = 1880.00 元" in second
    history = [{"role": "user", "content": "公务接待费是多少？"}, {"role": "assistant", "content": "2.81 万元。"}]
    shipped = answered_text(assistant, "摊到每个人次头上呢？", history=history)
    assert "2.81 × 10000 ÷ 114 = 246.49 元" in shipped and "批次" not in shipped.split("平均每")[-1]


def test_a_count_only_the_question_states_is_used_and_cited_where_printed(assistant):
    answer = answered_verified(assistant, "天府健康通一年的钱按1.25亿用户分摊，每个人合多少？")
    flat = answer.answer
    assert "175.27 × 10000 ÷ (1.25 × 100000000) = 0.0140 元" in flat
    assert "1.40 分" in flat and "1.25亿人" in flat  # the report's own sentence with the count


def test_a_project_row_is_picked_by_the_noun_after_the_unit(assistant, fixture_assistant):
    shipped = answered_text(assistant, "工程建设审批系统运维项目平均每服务一家企业要花多少钱？")
    assert "400.50 × 10000 ÷ 15592 = 256.86 元" in shipped
    second = answered_text(fixture_assistant, "开放平台运营服务项目平均每个新增开放数据集花了多少钱？")
    assert "45.00 × 10000 ÷ 410 = 1097.56 元" in second
