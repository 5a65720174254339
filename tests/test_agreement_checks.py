"""Agreement checks asked of the report's own figures: a total's parts (named by how many there are, "下面两个
科目") added and set against the total, with the rounding gap said; a sum the question claims; the parts' changes
(or the prior years they give) against the total's; a difference matched to the item that states it; and inside
one project table: cost rows against the project's money, a row scored full though it missed its target, the
budget columns against the text's words, a count in the text against the same count in a row. Each answer says
both figures and whether they agree, and never "一致" when they differ."""

from __future__ import annotations

from assistant_support import answered_text, answered_verified

from assistant.service import Assistant


def test_parts_named_by_their_number_add_up_to_the_total_but_for_rounding(assistant: Assistant) -> None:
    asked = "一般公共服务支出底下两个项目的决算加一下，跟19644.36万元一样吗？"
    text = answered_text(assistant, asked, "3692.16", "15952.21")
    assert "19644.37" in text and "19644.36" in text and "0.01" in text
    assert "两者一致" not in text


def test_parts_named_by_their_number_on_the_second_report(fixture_assistant: Assistant) -> None:
    asked = "社会保障和就业支出下设的三个科目合在一起，与它的总数相符吗？"
    text = answered_text(fixture_assistant, asked, "245.80", "110.62")
    assert "12.53" in text and "368.95" in text and "一致" in text and "不一致" not in text


def test_a_claimed_sum_other_than_the_report_is_checked_against_the_parts(assistant: Assistant) -> None:
    text = answered_text(assistant, "社会保障和就业支出下属四个项目的决算数加总，是否等于500万元？", "495.67")
    assert "500" in text and "4.33" in text and "不一致" in text


def test_parts_changes_against_the_totals_change(assistant: Assistant) -> None:
    answer = answered_verified(assistant, "车辆费和接待费比上年的增减加在一起，跟三公经费的增减额吻合吗？")
    assert "0.33" in answer.answer and "0.32" in answer.answer and "0.01" in answer.answer
    assert "两者一致" not in answer.answer


def test_parts_changes_agree_with_the_totals_on_the_second_report(fixture_assistant: Assistant) -> None:
    asked = "公务用车和公务接待两项较上年减少的钱合计，是否等于三公经费较上年减少的数？"
    text = answered_text(fixture_assistant, asked)
    assert "0.35" in text and "0.89" in text and "1.24" in text and "两者一致" in text


def test_prior_years_rebuilt_from_each_part_then_added(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "拿每个分项的变化倒推2021年各自是多少，合计和三公经费2021年相符吗？")
    assert "9.27" in text and "1.83" in text and "11.10" in text and "两者一致" in text
    assert "无变化" in text  # the part with no stated change is said to be unchanged, in the report's words


def test_prior_years_rebuilt_miss_by_rounding_on_the_shipped_report(assistant: Assistant) -> None:
    text = answered_text(assistant, "按各组成部分的增减推出2022年的数再相加，和三公经费2022年的数核对一下")
    assert "16.25" in text and "1.33" in text and "17.58" in text and "17.57" in text and "0.01" in text


def test_a_difference_matched_to_the_item_that_states_it(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "本年收入合计扣掉一般公共预算财政拨款收入，剩下的差额跟哪一项收入对得上？")
    assert "244.11" in text and "其他收入" in text


def test_a_difference_matched_in_a_second_ask(assistant: Assistant) -> None:
    text = answered_text(assistant, "本年支出合计和基本支出相差多少？能跟哪一项支出对上？", "15952.21")
    assert "项目支出" in text


def test_an_amount_with_decimals_is_not_read_as_a_year(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "一般公共预算财政拨款基本支出2071.29万元，和基本支出2315.40万元差多少？")
    assert "244.11" in text


def test_cost_rows_added_against_the_projects_money(assistant: Assistant) -> None:
    text = answered_text(assistant, "一体化政务服务平台运维项目两个成本指标的金额合起来，跟项目预算对得上吗？")
    assert "36.33" in text and "207.80" in text and "对不上" in text


def test_one_cost_row_against_the_projects_money(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "政务数据共享交换平台运维服务的成本指标金额，和项目执行数一致吗？")
    assert "120" in text and "一致" in text


def test_a_row_scored_full_though_it_missed_its_target(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "城市运行数据中台项目资金执行率没到目标还给了满分，说得过去吗？")
    assert "87.73" in text and "不相符" in text
    assert "8.77" in text  # the table's budget line scores the same rate lower


def test_a_row_scored_full_though_it_missed_its_target_on_the_shipped_report(assistant: Assistant) -> None:
    text = answered_text(assistant, "工程建设项目审批系统那个资金执行率不到90%也拿满分，合理吗？")
    assert "89.33" in text and "不相符" in text


def test_budget_columns_against_the_texts_words(assistant: Assistant) -> None:
    text = answered_text(assistant, "天府健康通的预算在自评表里有没有体现调减？", "175.27")
    assert "追减" in text and "不一致" in text


def test_a_count_in_the_text_against_the_same_count_in_a_row(assistant: Assistant) -> None:
    text = answered_text(assistant, "审批管理系统项目概述里说的子系统个数跟指标里的一致吗？")
    assert "20余个子系统" in text and "18" in text and "不一样" in text
    assert "两处一致" not in text


def test_the_total_named_first_is_still_what_the_parts_are_checked_against(assistant: Assistant) -> None:
    text = answered_text(assistant, "基本支出里头人员经费加上公用经费，合起来跟基本支出对得上吗？", "3258", "1475.09")
    assert "4733.09" in text and "4733.08" in text and "0.01" in text
    assert "7991.08" not in text  # the total is never added to its own parts


def test_a_claimed_sum_of_the_subjects_named(assistant: Assistant) -> None:
    text = answered_text(assistant, "教育支出跟卫生健康支出合到一起，是不是等于300万元？", "46.49", "252.23")
    assert "298.72" in text and "1.28" in text and "不一致" in text


def test_a_claimed_sum_met_on_the_second_report(fixture_assistant: Assistant) -> None:
    asked = "一般公共服务支出、教育支出、社会保障和就业支出、卫生健康支出、住房保障支出加总，是否等于8398.46万元？"
    text = answered_text(fixture_assistant, asked, "7645.21", "12.30")
    assert "8398.46" in text and "一致" in text and "不一致" not in text


def test_a_gap_that_happens_to_equal_another_item(fixture_assistant: Assistant) -> None:
    text = answered_text(fixture_assistant, "本年支出合计跟项目支出之间差出来的数，恰好是哪一项的金额？", "2315.40")
    assert "基本支出" in text


def test_a_figure_checked_against_the_difference_just_worked_out(fixture_assistant: Assistant) -> None:
    asked = "基本支出比一般公共预算财政拨款基本支出多多少？这个数跟其他收入对得上吗？"
    text = answered_text(fixture_assistant, asked, "244.11")
    assert "一致" in text and "不一致" not in text


def test_counts_the_text_states_twice_are_added_once(assistant: Assistant) -> None:
    text = answered_text(assistant, "第三方评估服务实施过程里写的分报告份数，跟分报告指标的完成值一样吗？", "21", "46")
    assert "67" in text and "两处一致" in text and "134" not in text


def test_a_total_named_beside_its_parts_is_not_added_to_them(assistant: Assistant) -> None:
    asked = "报告里基本支出是4733.08万元，人员经费和公用经费加一起是多少？前后对得上吗？"
    text = answered_text(assistant, asked, "3258", "1475.09", "4733.09")
    assert "9466.17" not in text and "0.01" in text


def test_a_class_named_as_a_member_is_no_whole_to_check_a_level_sum_against(assistant):
    # "与类级数一致吗" after a class's lines: the lines against their class, never all classes against it.
    text = answered_text(assistant, "养老社保那一类底下四个项级科目，合在一起是多少？同类级合计一致不一致？", "495.67")
    assert "20189.61" not in text
