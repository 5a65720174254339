"""A project's narrative text, its indicator rows and its people, asked in everyday words, on both reports of the
template: counts stated only in the text (with the row they break down), who did the work, how the people served
judge it (its satisfaction and praise rows), a row's gap to its target (not a count of the rows), a money row's
share of the project's spending, the finance lead every table names, the cars' uses, what a total's part was spent
on, and what a project still has to pay. Every figure is the report's or the calculator's."""

from __future__ import annotations

import pytest
from assistant_support import answered_text

from assistant.calculator import compute
from assistant.understand.fact_kinds import FactAsk, kinds


def test_a_count_of_occasions_is_answered_by_a_row_in_any_unit_of_occasions():
    asked = kinds().read("一年开了几回评审会")
    assert asked is not None and asked.kind == "count" and asked.units == ("回",)
    assert kinds().states(FactAsk("count", ("次",)), "省政府网站在线访谈期数24", "期")
    assert not kinds().states(FactAsk("count", ("次",)), "平台可用率99.95", "%")


def test_a_share_that_comes_out_whole_is_said_whole():
    assert compute("share", 20, "50.00").text == "40%"
    assert compute("share", "17.36", "207.80").text == "8.35%"


def test_counts_in_the_text_come_with_the_row_they_break_down(assistant):
    text = answered_text(assistant, "第三方评估服务出了几份分报告", "67个", "21份", "46份")
    assert "总体报告" not in text  # the general report is no 分报告
    text = answered_text(assistant, "第三方评估服务给省直部门出了几份分报告", "46份")
    assert "21份" not in text


def test_people_counted_are_answered_by_a_count_of_people(assistant):
    asked = kinds().read("派了几个人做汇总")
    assert asked is not None and asked.units == ("人",)
    answered_text(assistant, "第三方评估项目安排了几个人专门做数据汇总", "2名")


def test_a_count_in_the_text_on_the_second_report(fixture_assistant):
    answered_text(fixture_assistant, "共享交换平台运维给多少个区县编了数据目录", "23个区（市）县")


def test_who_did_the_work_is_the_contractor_the_text_names(assistant):
    answered_text(assistant, "第三方评估服务是哪家单位承担的", "中国电信四川分公司")
    answered_text(assistant, "第三方评估这活是谁来做的", "中国电信四川分公司")


def test_a_number_before_a_short_mention_names_the_project(assistant):
    answered_text(assistant, "12345热线目前一共并进来几条热线", "33条", "10条", "共计43条")


@pytest.mark.parametrize(
    ("which", "question", "says"),
    [
        ("assistant", "12345热线群众口碑如何", ("好评数量", "98.65%")),
        ("assistant", "天府健康通用户反映怎么样", ("群众满意度", "99%")),
        ("fixture_assistant", "共享交换平台使用部门反馈怎么样", ("使用部门满意度", "96%")),
        ("fixture_assistant", "数据开放平台开发者对它评价如何", ("开发者满意度", "95%")),
    ],
)
def test_how_the_people_served_judge_a_project_is_its_satisfaction_rows(request, which, question, says):
    text = answered_text(request.getfixturevalue(which), question, *says)
    assert "评价结论" not in text and "自评总分" not in text  # the body's own conclusion is not their judgement


def test_a_gap_to_the_target_is_the_rows_gap_not_a_count_of_rows(assistant, fixture_assistant):
    text = answered_text(assistant, "信息资源共享平台一期业务流程优化做了几个，高出指标几个", "5个", "5 − 4 = 1个")
    assert "绩效指标：" not in text and "138" not in text
    answered_text(fixture_assistant, "数据中台汇聚的数据资源类别实际多少类，超过指标多少类", "1860", "60类")


def test_each_rows_own_clause_says_what_is_worked_for_it(assistant, fixture_assistant):
    asked = "12345热线的坐席比目标多出几个？知识库信息搜集汇总数量超了目标百分之几？"
    answered_text(assistant, asked, "65 − 60 = 5个", "26.76%")
    asked = "共享交换平台的接口比目标多发布几个？支撑的应用场景超出目标百分之几？"
    answered_text(fixture_assistant, asked, "326 − 300 = 26个", "16.00%")


def test_a_money_rows_share_with_no_whole_named_is_of_its_projects_spending(assistant, fixture_assistant):
    answered_text(assistant, "一体化政务服务平台的密码评估服务费占了多少比例", "18.97 ÷ 207.80", "9.13%")
    answered_text(fixture_assistant, "数据共享交换平台的项目总成本占了多少比例", "120 ÷ 120.00", "100%")


def test_a_project_and_a_row_in_one_question(assistant):
    answered_text(assistant, "政务微信微博那个项目花了多少钱，发布了多少条信息", "73.70", "6517条")


def test_rows_one_table_leads_with_name_their_project(assistant):
    text = answered_text(assistant, "省政府网站做了几回意见征集", "120期")
    assert "访谈" not in text
    answered_text(assistant, "省政府网站运维这一年掏了多少钱", "101.24")  # its money, not its rows


@pytest.mark.parametrize(("which", "person"), [("assistant", "张然"), ("fixture_assistant", "周晓红")])
def test_the_finance_lead_of_every_table_asked_of_the_body(request, which, person):
    answered_text(request.getfixturevalue(which), "本单位项目表上财务由谁负责", person)


@pytest.mark.parametrize("question", ["公务车一共几辆，各派什么用场", "公务用车都拿来做什么"])
def test_what_the_cars_are_used_for(both_assistants, question):
    answered_text(both_assistants, question, "主要领导干部用车", "应急保障用车")


@pytest.mark.parametrize(
    ("which", "use"), [("assistant", "信息化项目实施"), ("fixture_assistant", "数据平台建设和运维服务")]
)
def test_what_a_totals_part_was_spent_on_is_its_totals_sentence(request, which, use):
    answered_text(request.getfixturevalue(which), "政府采购服务主要花在哪", use)


def test_what_a_part_bought_asked_as_a_follow_up(assistant):
    history = [
        {"role": "user", "content": "政府采购支出是多少？"},
        {"role": "assistant", "content": "16064.69万元，全部是政府采购服务。"},
    ]
    answered_text(assistant, "其中服务类具体用于什么", "信息化项目实施", history=history)


def test_what_a_project_still_has_to_pay(assistant, fixture_assistant):
    answered_text(assistant, "工程建设项目审批系统运维还有多少款没支付", "448.34 − 400.50", "47.84")
    answered_text(fixture_assistant, "城市运行数据中台建设还欠多少尾款", "286.50 − 251.35", "35.15")


@pytest.mark.parametrize(
    ("which", "question", "says"),
    [
        ("assistant", "天府健康通花多少", ("预算执行数 175.27 万元",)),
        ("fixture_assistant", "共享交换平台运维花多少", ("预算执行数 120.00 万元",)),
    ],
)
def test_what_a_project_costs_without_le_is_its_money_not_a_row(request, which, question, says):
    text = answered_text(request.getfixturevalue(which), question, *says)
    assert "绩效指标有" not in text


@pytest.mark.parametrize(
    ("which", "question", "row", "score"),
    [
        ("assistant", "健康码那个项目群众打分怎么样", "群众满意度", "自评得分"),
        ("fixture_assistant", "数据开放平台运营服务用户打分高吗", "开发者满意度", "自评得分"),
    ],
)
def test_marks_the_people_served_give_are_their_satisfaction_not_the_self_score(request, which, question, row, score):
    text = answered_text(request.getfixturevalue(which), question, row)
    assert score not in text


def test_two_everyday_row_asks_about_one_project_are_both_answered(assistant):
    history = [
        {"role": "user", "content": "热线那个项目一年用了多少钱"},
        {"role": "assistant", "content": "省12345政务服务热线及网络理政平台执行112.80万元。"},
    ]
    answered_text(assistant, "老百姓满意不满意？一共服务了多少人次", "98.65%", "80.9869万次", history=history)
    answered_text(assistant, "热线项目打电话的人满意吗？服务了多少人", "98.65%", "80.9869万次")


def test_the_second_extreme_ranks_by_the_measure_the_first_named(assistant, fixture_assistant):
    text = answered_text(fixture_assistant, "自评项目中哪个得分最高？哪个最低？", "100分", "97.5分")
    assert "执行率最低" not in text
    text = answered_text(assistant, "自评的那些项目里哪个分最高，哪个最低", "98.93分")
    assert "执行率最低" not in text


def test_rent_per_square_metre_and_joined_units_in_everyday_words(assistant):
    answered_text(assistant, "租的房子每平方米多少钱", "768.12 × 10000 ÷ 7443.05", "1032.00 元")
    answered_text(assistant, "共享平台连了几个部门进来", "70个")


def test_who_rides_the_cars_is_their_use(both_assistants):
    answered_text(both_assistants, "单位的车平时都给谁坐", "主要领导干部用车1辆", "应急保障用车2辆")
