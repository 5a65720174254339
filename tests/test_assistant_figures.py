"""Figures the report states, asked in the report's words or in everyday words: each with its sentence, a
reason after the figures it explains, what a cost is made of or spent on, a section named by its heading, counts
answered only by sentences that count in the unit asked, two terms told apart by their definitions. Both reports."""

from __future__ import annotations

import re

import pytest
from assistant_support import DIGIT, answered_with, ask, printed, stated
from conftest import FIXTURE_REPORT

from assistant.calculator import format_number
from assistant.service import Assistant


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("三公经费是多少", ["17.25"]),
        ("公务用车有几辆", ["4辆"]),
        ("政府采购支出总额是多少？", ["16064.69"]),
        ("项目支出多少，占比多少？", ["15952.21", "77.12%"]),
        ("事业运行（项）支出决算是多少？完成预算多少？", ["3692.16", "97.01%"]),
        ("国内公务接待了多少批次、多少人次？", ["12批次", "114人次"]),
        ("2023年有政府性基金预算财政拨款支出吗？", ["无政府性基金"]),
    ],
)
def test_figures_come_from_the_fact_table_with_their_sentence(assistant, question, expected):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    for text in expected:
        assert text in answer.answer
    assert answer.citations and all(n.verified for n in answer.numbers)
    assert any(n.how == "fact" for n in answer.numbers)


def test_reason_keeps_the_reports_words_with_the_figures_it_explains(assistant):
    answer = ask(assistant, "公务接待费增长原因")
    assert answer.status == "answered"
    text = answer.answer
    assert "公务接待费支出 2.81 万元" in text
    assert "比 2022 年度增加 1.48 万元，增长 111.28%" in text
    assert "主要原因是 2023 年疫情管控放开后，中心公务活动正常开展。" in text
    assert "完成预算" not in text  # the reason explains the change, not the budget
    quotes = " ".join(c.quote for c in answer.citations)
    assert "疫情管控放开" in quotes and "111.28%" in quotes


def test_budget_shortfall_reason(assistant):
    answer = ask(assistant, "职业年金缴费支出为什么小于预算？")
    assert answer.status == "answered"
    assert "完成预算 92.92%" in answer.answer and "人员变动较大" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("公務接待費增長原因是什麼", "疫情"),
        ("三公經費支出決算是多少？", "17.25"),
        ("公務用車有幾輛？", "4辆"),
        ("接待费为啥涨了", "疫情"),
        ("公车有几辆", "4辆"),
        ("三公花了多少", "17.25"),
        ("热线那个项目谁管的", "唐为之"),
        ("ＴＯＰ　三公经费是多少？", "17.25"),
    ],
)
def test_traditional_and_colloquial_questions(assistant, question, expected):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert expected in answer.answer


# ---------------------------------------------------------------- 6. the sentence a 用途 question names
def test_a_usage_question_gets_the_sentence_with_its_own_compound(assistant):
    answer = answered_with(assistant, "除了主要领导干部用车和机要通信用车，其他用车的用途是什么？", "开展业务活动")
    assert "燃料费" not in answer.answer  # not the 公务用车运行维护费 sentence


def test_a_usage_question_after_a_list_of_exceptions(assistant):
    answered_with(assistant, "单位的车除了主要领导干部用车，其他用车主要做什么用？", "开展业务活动")


def test_the_fixture_usage_question(fixture_assistant):
    answered_with(fixture_assistant, "其他用车主要干什么用？", "数据采集")


SUGGESTED = "可以看看这些相关章节："


# ---------------------------------------------------------------- 2. what a cost is made of
@pytest.mark.parametrize("subject", ["公用经费", "人员经费"])
@pytest.mark.parametrize("wording", ["{}的钱都用到哪了", "{}主要由什么组成", "{}具体包含哪些"])
def test_what_a_cost_is_made_of_comes_with_its_amount(assistant, subject, wording):
    amount = printed(stated(assistant.report, subject, "决算数"))
    answer = answered_with(assistant, wording.format(subject), amount, "主要包括")
    assert all("主要包括" in c.quote or amount in c.quote for c in answer.citations)


# ---------------------------------------------------------------- 3. stated shares of an everyday total
@pytest.mark.parametrize(
    "question",
    ["财政拨款收入在全部收入里占多少", "财政拨款收入占总收入的百分比", "财政拨款收入占本年收入的比例是多少"],
)
def test_a_stated_share_of_an_everyday_total(assistant, fixture_assistant, question):
    for bot in (assistant, fixture_assistant):
        share = stated(bot.report, "一般公共预算财政拨款收入", "占比", parent="本年收入合计")
        answered_with(bot, question, f"{printed(share)}%")


# ---------------------------------------------------------------- 4. a section named by its heading
def test_a_question_naming_a_section_is_answered_from_it(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        section = next(s for s in bot.report.sections if "国有资产" in s.title)
        answer = answered_with(bot, "单位国有资产这块情况咋样")
        assert {c.section_id for c in answer.citations} == {section.id}


# ---------------------------------------------------------------- 5. a count answered in its own unit
def test_a_count_is_answered_only_by_sentences_counting_in_its_unit(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        answer = answered_with(bot, "单位的车总共有几辆")
        assert answer.citations and all(re.search(r"\d\s*辆", c.quote) for c in answer.citations)
        assert "台（套）" not in answer.answer


# ---------------------------------------------------------------- 6. a headcount the report never gives
@pytest.mark.parametrize("question", ["单位总共有多少人", "中心一共多少个职工", "咱们有多少名员工"])
def test_a_change_in_staff_is_not_a_headcount(assistant, question):
    answer = ask(assistant, question)
    assert answer.status == "not_found", answer.answer
    assert SUGGESTED in answer.answer
    assert not DIGIT.search(answer.answer)


# ---------------------------------------------------------------- 3. everyday words of a usage sentence
def test_car_running_costs_in_everyday_words(both_assistants: Assistant) -> None:
    amount = stated(both_assistants.report, "公务用车运行维护费")
    answer = answered_with(both_assistants, "单位车子的油钱、过路过桥这些开销一年多少", format_number(amount.value))
    assert "过路过桥费" in answer.answer


def test_injury_insurance_in_everyday_words(assistant: Assistant) -> None:
    subject = "社会保障和就业（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）"
    amount = stated(assistant.report, subject)
    answer = answered_with(assistant, "单位给职工交的失业保险一年花了多少", format_number(amount.value))
    assert "失业保险" in answer.answer


@pytest.mark.parametrize("question", ["基本支出跟项目支出到底啥区别？", "项目支出和基本支出有什么不同"])
def test_difference_is_definitions(both_assistants: Assistant, question: str) -> None:
    answer = answered_with(both_assistants, question, "正常运转", "特定行政任务")
    assert "万元" not in answer.answer


@pytest.mark.parametrize("question", ["12345那个电视节目是跟哪家电视台一起搞的？", "热线和哪个电视台合作做了节目"])
def test_distinctive_word_found_anywhere(assistant: Assistant, question: str) -> None:
    answered_with(assistant, question, "广播电视台")


def test_what_a_cost_is_spent_on_comes_from_its_uses_sentence(assistant):
    answer = ask(assistant, "公务接待费主要用在哪些地方？")
    assert answer.status == "answered"
    assert "住宿费" in answer.answer


# ---------------------------------------------------------------- prose the routers used to miss
def test_whether_an_item_is_included_is_answered_from_its_definition(assistant):
    answered_with(assistant, "买公务车交的购置税算不算在三公经费里？", "车辆购置税")


def test_colloquial_fillers_do_not_hide_the_sentence(assistant):
    answered_with(assistant, "听说有的项目一直没付款，因为资金没达到合同支付条件，是哪个项目？", "社会信用平台")


# ---------------------------------------------------------------------------------------------- everyday words
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("開車花了多少錢", "公务用车运行维护费"),
        ("用车花了多少钱", "公务用车"),
        ("请客花了多少钱", "公务接待费"),
        ("出境花了多少", "因公出国（境）"),  # its own sentence says 经费: "…经费支出 0 万元，无预算"
        ("因公出国费是多少", "因公出国（境）"),  # a subject's short form without its bracketed part
        ("人头费是多少", "人员经费"),
        ("工资花了多少", "人员经费"),
        ("日常开支是多少", "公用经费"),
        ("养老保险交了多少钱", "基本养老保险缴费"),
        ("年金交了多少", "职业年金缴费"),
        ("医保交了多少钱", "医疗"),
        ("公积金交了多少", "住房公积金"),
        ("买东西花了多少钱", "政府采购"),
        ("三公经费超支了吗", "完成预算"),
        ("健康通有啥问题", "四川天府健康通"),
        ("门户网站项目得了多少分", "门户网站"),
        ("大赛的预算执行率", "数字四川创新大赛"),
        ("课题研究花了多少", "大数据应用系列课题研究"),
    ],
)
def test_everyday_words_reach_the_reports_terms(assistant, question, expected):
    answer = answered_with(assistant, question, expected)
    assert any(n.how == "fact" for n in answer.numbers) or "存在问题" in answer.answer


def test_a_report_term_containing_an_everyday_word_stays_as_written(assistant):
    # 汽车 is an everyday word for 公务用车, but 载客汽车 is the report's own term.
    answer = ask(assistant, "载客汽车有几辆")
    assert answer.status == "answered" and "载客汽车1辆" in answer.answer.replace(" ", "")


def test_report_is_the_fixture(fixture_assistant):
    assert fixture_assistant.report.year == 2022 and fixture_assistant.report.path.endswith(FIXTURE_REPORT.name)


def test_figure_and_reason(fixture_assistant):
    figure = ask(fixture_assistant, "三公经费是多少？")
    assert figure.status == "answered" and "9.86" in figure.answer
    reason = ask(fixture_assistant, "公务接待费为什么减少？")
    assert "0.94 万元" in reason.answer and "比 2021 年度减少 0.89 万元" in reason.answer
    assert "来蓉考察交流活动减少" in reason.answer


def test_the_index_is_real_and_of_this_report(fixture_assistant):
    hits = fixture_assistant.index.search("公务接待费减少的原因", k=3)
    assert hits and all(h.chunk.metadata.get("start", -1) >= 0 for h in hits)
    text = fixture_assistant.report.clean_text
    assert any(text[h.chunk.metadata["start"] : h.chunk.metadata["end"]].find("公务接待") != -1 for h in hits)


@pytest.mark.parametrize(
    ("question", "section", "words"),
    [("单位的主要职责是什么？", "p1.c1", ("一是", "二是")), ("机构设置情况如何？", "p1.c2", ("机构",))],
)
def test_a_question_answered_from_the_reports_sentences(fixture_assistant, question, section, words):
    # No subject of the fact table: the answer is the report's own sentences, found with the search index.
    answer = ask(fixture_assistant, question)
    assert answer.status == "answered"
    assert all(c.section_id == section for c in answer.citations)
    assert all(w in "".join(c.quote for c in answer.citations) for w in words)
    text = fixture_assistant.report.clean_text
    retrieved = [
        (h.chunk.metadata["start"], h.chunk.metadata["end"]) for h in fixture_assistant.index.search(question, k=5)
    ]
    assert any(text.find(c.quote, s) in range(s, e) for c in answer.citations for s, e in retrieved)


def test_colloquial_words_map_to_this_reports_terms(fixture_assistant):
    answer = ask(fixture_assistant, "请客吃饭花了多少钱？")
    assert answer.status == "answered" and "公务接待" in answer.answer
    car = ask(fixture_assistant, "開車花了多少錢")
    assert car.status == "answered" and "公务用车" in car.answer
