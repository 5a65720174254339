"""A project's own facts, stated in its 绩效自评表's text and rows, asked in everyday words: the clause that covers
what each ask names, among those that state what it needs (a date, an award, an outcome, a count in the unit
asked, a size), quoted exactly; several asks each get their own clause; an ask no clause answers is refused
without a neighbour's number. On both reports of the template."""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, MARKER, answered_text, ask

from assistant.understand.fact_kinds import kinds


@pytest.mark.parametrize(
    ("clause", "kind", "units"),
    [
        ("那个栏目一共播了几期", "count", ("期",)),
        ("用的人有多少", None, ()),
        ("到底多少人用过", "count", ("人",)),
        ("租的房子多大", "size", ("平方米", "平米", "㎡")),
        ("团队得过奖没有", "award", ()),
        ("最后研究出啥了", "outcome", ()),
        ("是跟哪家签的", "org", ()),
        ("终验拖到啥时候", "date", ()),
        ("出了几份研究成果", "count", ("份",)),  # how many, not what came of it
        ("自评拿了几分", None, ()),
    ],
)
def test_each_clause_is_read_for_the_kind_of_fact_it_asks(clause, kind, units):
    found = kinds().read(clause)
    assert (found.kind if found else None) == kind
    if found and units:
        assert found.units == units


def test_a_count_in_a_unit_is_answered_by_the_clause_stating_it(assistant):
    text = answered_text(assistant, "健康码一共被扫了多少次？", "92.9亿次")
    assert "1.25亿" not in text  # the users are another clause of the same sentence
    answered_text(assistant, "健康通那个小程序有多少人在用？", "1.25亿人")
    answered_text(assistant, "热线跟川台合作的那个栏目播了多少期？", "68期")


def test_a_list_with_its_total_is_quoted_through_the_total(assistant):
    answered_text(assistant, "12345热线把多少条热线整合进来了？", "33条", "10条", "共计43条")


def test_a_date_is_answered_by_the_dated_clause_on_the_thing_asked(assistant):
    text = answered_text(assistant, "健康通运维合同是哪天签的？", "2022年8月26日")
    assert "终验" not in text
    answered_text(assistant, "第三方评估服务项目的评估结果是哪个月公布的？", "4月公布评估结果")


def test_an_award_is_answered_with_every_award_the_sentence_names(assistant):
    answered_text(assistant, "12345热线得过奖吗？", "一等奖", "巾帼文明岗")


def test_an_outcome_is_answered_by_what_the_project_formed(assistant):
    answered_text(assistant, "课题研究项目最后交出了什么东西？", "《四川省数字经济发展战略研究》")


def test_several_asks_each_get_their_own_clause(assistant):
    answer = ask(assistant, "第三方评估那个项目是哪家公司做的？啥时候验收完的？")
    assert answer.status == "answered"
    flat = MARKER.sub("", answer.answer)
    assert "中国电信四川分公司" in flat and "6月完成项目验收" in flat
    assert len(answer.citations) == 2


def test_a_size_prefers_the_result_row_to_the_planned_size(assistant):
    text = answered_text(assistant, "办公用房项目租的房子有多大面积？", "7443.05平方米")
    assert "7400" not in text


def test_a_follow_up_asks_the_fact_of_the_project_before_not_its_figure(assistant):
    history = [
        {"role": "user", "content": "天府健康通这个项目执行了多少钱"},
        {"role": "assistant", "content": "预算执行数 175.27 万元。"},
    ]
    text = answered_text(assistant, "那它的合同服务期是到哪天为止？后来验收完没有？", "2023年8月25日", "9月27日",
                         history=history)  # fmt: skip
    assert "175.27" not in text


def test_quotes_are_the_report_own_clauses(assistant):
    answer = ask(assistant, "政务信息资源共享平台一期的服务器巡检做了多少次？")  # checked exact by the contract
    assert answer.status == "answered"
    assert "1700" in answer.citations[0].quote


def test_a_count_no_clause_states_is_refused_without_a_neighbour_number(assistant, fixture_assistant):
    for who, question in (
        (assistant, "天府健康通项目驻场人员一共多少人？"),
        (fixture_assistant, "公共数据开放平台运营服务项目一共有多少人报名参赛？"),
    ):
        answer = ask(who, question)
        assert answer.status == "not_found", answer.answer
        assert not DIGIT.search(answer.answer), answer.answer


def test_the_second_template_report_answers_the_same_kinds(fixture_assistant):
    answered_text(fixture_assistant, "共享交换平台运维一年累计交换了多少条数据？", "12.6亿条")
    answered_text(fixture_assistant, "城市运行数据中台建设项目终验拖到什么时候了？", "2023年")
    answered_text(fixture_assistant, "城市运行数据中台建设项目建了多少项体征指标？", "215项")
    text = answered_text(fixture_assistant, "开放平台运营项目存在什么短板？打算怎么整改？", "不够及时", "提醒")
    assert "存在问题" in text and "改进措施" in text


def test_problems_and_plans_asked_in_everyday_words_are_the_two_fields(assistant):
    text = answered_text(assistant, "标准化委员会那个项目有啥不足，下一步咋办？", "社会效益", "数据要素")
    assert "年度目标" not in text


def test_a_count_of_things_is_answered_in_the_generic_measure_word(assistant, fixture_assistant):
    answered_text(assistant, "工程审批系统给多少家企业提供了服务？", "15592个")
    answered_text(fixture_assistant, "公共数据开放平台运营服务项目搞了几场大赛？", "1场")


def test_a_figure_asked_after_the_budget_is_the_text_figure_not_the_budget_again(assistant):
    asked = "天府健康通执行了多少？扫码次数和领码用户分别多少？"
    text = answered_text(assistant, asked, "175.27", "92.9亿次", "1.25亿人")
    assert "关于" not in text  # no ask left unanswered
    answered_text(assistant, "数字四川创新大赛用了多少经费？征集到多少作品？", "300余份")


def test_a_project_named_by_a_word_every_table_uses_answers_only_a_clause_sharing_a_word(assistant):
    answer = ask(assistant, "事前绩效评估一共做了几个项目？")
    assert "人工抽查核验" not in answer.answer  # a clause of the 第三方评估 table that shares no word of the ask
