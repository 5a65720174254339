"""The answering side on the shipped report: figures, reasons, derived figures, projects, refusals, citations."""

from __future__ import annotations

import json

import pytest
from assistant_support import DIGIT, ask, assert_well_formed

from assistant.cli import answer_json
from assistant.service import Assistant, get_assistant
from corpus import Settings


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


def test_prior_year_is_computed_with_the_formula_shown(assistant):
    answer = ask(assistant, "2022年公务接待费是多少")
    assert answer.status == "answered"
    assert "2022 年公务接待费 = 2.81 − 1.48 = 1.33 万元" in answer.answer
    assert [(c.expression, c.result, c.ok) for c in answer.checks] == [("2.81 − 1.48", "1.33", True)]
    assert len(answer.checks[0].fact_ids) == 2
    assert any(n.text == "1.33" and n.how == "calculation" for n in answer.numbers)


@pytest.mark.parametrize(
    ("question", "expected", "result"),
    [
        ("餐费占公务接待费的比例是多少？", "75.44%", "75.44%"),
        ("项目支出比基本支出多多少？", "11219.13", "11219.13"),
        ("政府采购支出中没有授予中小企业的合同金额是多少？", "6754.37", "6754.37"),
        ("三公经费的预算数大约是多少？", "34.98", "34.98"),
        ("国内公务接待平均每批次多少人次？", "9.50", "9.50"),
        ("12个绩效自评项目调整后预算数合计多少？", "2070.37", "2070.37"),
    ],
)
def test_derived_figures_show_formula_and_check(assistant, question, expected, result):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert expected in answer.answer
    assert any(c.result == result and c.ok for c in answer.checks)
    assert any(c.expression in answer.answer for c in answer.checks)


def test_highest_and_lowest_across_projects(assistant):
    lowest = ask(assistant, "12个绩效自评项目中预算执行率最低的是哪个？")
    assert "四川省工程建设项目审批管理系统运维服务项目" in lowest.answer and "89.33%" in lowest.answer
    largest = ask(assistant, "哪个项目的调整后预算最多？")
    assert "办公用房租赁" in largest.answer and "768.12" in largest.answer
    assert any(c.expression.startswith("max(") for c in largest.checks)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("四川天府健康通项目负责人是谁？", ["管庆旭"]),
        ("12345热线项目的预算是多少", ["112.80"]),
        ("门户网站项目自评得分多少分", ["100"]),
        ("天府健康通的预算执行率", ["100.00%"]),
        ("标准化技术委员会项目存在什么问题？", ["社会效益有待进一步提高"]),
        ("12345热线项目下一步的改进措施是什么？", ["督办机制"]),
        ("12345热线坐席数量完成值是多少？", ["65"]),
        ("工程建设项目审批管理系统运维服务项目还有多少预算没有执行？", ["47.84"]),
    ],
)
def test_project_questions_by_full_or_short_name(assistant, question, expected):
    answer = ask(assistant, question)
    assert answer.status == "answered", answer.answer
    for text in expected:
        assert text in answer.answer
    assert any(c.section_id.startswith("p4.t") for c in answer.citations)


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


@pytest.mark.parametrize(
    "question",
    [
        "2021年三公经费是多少？",
        "2024年的预算安排是多少？",
        "四川省经济和信息化厅2023年三公经费是多少？",
        "成都市大数据中心2023年收入是多少？",
        "省大数据中心有多少在编职工？",
        "职工人数是多少？",
        "2022年政府采购支出总额是多少？",
        "会议费花了多少？",
        "省社会信用平台运维项目的预算是多少？",
        "四川天府健康通项目的供应商是哪家公司？",
    ],
)
def test_unanswerable_questions_get_not_found_without_figures(assistant, question):
    answer = ask(assistant, question)
    assert answer.status == "not_found", answer.answer
    assert answer.answer.startswith("报告中没有找到")
    assert not DIGIT.search(answer.answer)


def test_not_found_points_at_the_closest_sections(assistant):
    answer = ask(assistant, "2021年三公经费是多少？")
    assert "三公" in answer.answer  # the closest section's heading


def test_citations_are_exact_quotes_with_their_place(assistant):
    answer = ask(assistant, "公务用车购置及运行维护费比2022年度减少了多少？")
    assert answer.citations
    for citation in answer.citations:
        section = assistant.report.section(citation.section_id)
        start = assistant.report.clean_text.find(citation.quote)
        assert section.start <= start < section.end
        assert citation.heading == section.heading
        assert f"[{citation.n}]" in answer.answer


def test_json_contract(assistant):
    data = answer_json(ask(assistant, "2022年公务接待费是多少"))
    assert set(data) == {"status", "answer", "citations", "checks", "numbers", "latency_ms", "route", "plan"}
    assert data["route"] == "prior_year" and data["plan"]["steps"][-1]["op"] == "prior_year"
    assert set(data["citations"][0]) == {"n", "section_id", "heading", "page", "quote"}
    assert set(data["checks"][0]) == {"expression", "result", "ok", "fact_ids", "operation", "operands"}
    assert data["checks"][0]["operation"] == "prior_year"
    assert [o["value"] for o in data["checks"][0]["operands"]] == ["2.81", "1.48"]
    assert set(data["numbers"][0]) == {"text", "verified", "how"}
    assert data["latency_ms"] > 0
    json.dumps(data, ensure_ascii=False)


def test_baseline_pipeline_answers_from_retrieved_chunks_only(assistant):
    baseline = Assistant(assistant.settings.with_(pipeline="baseline"), assistant.report, index=assistant.index)
    answer = baseline.ask("2022年公务接待费是多少")
    assert_well_formed(answer, assistant.report.clean_text)
    assert not answer.checks  # no fact lookup, no calculator
    assert "1.33" not in answer.answer


def test_get_assistant_is_one_instance(tmp_path_factory):
    from index_support import built_settings

    first = get_assistant(built_settings(tmp_path_factory))
    assert get_assistant() is first
    assert isinstance(first.settings, Settings)


def test_concurrent_asks_are_consistent(assistant):
    from concurrent.futures import ThreadPoolExecutor

    questions = ["三公经费是多少", "2022年公务接待费是多少", "天府健康通负责人是谁", "中心本级内设机构有哪些？"] * 5
    expected = {q: assistant.ask(q).answer for q in set(questions)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(assistant.ask, questions))
    assert [a.answer for a in answers] == [expected[q] for q in questions]


def test_gold_set_accuracy_and_no_unchecked_number(assistant):
    """The yardstick: every gold item through ask(); well-formed answers, and accuracy well above the bar."""
    from evals.gold import load_gold
    from evals.metrics import is_correct

    items = load_gold()
    correct = 0
    for item in items:
        answer = assistant.ask(item.question, item.history_list)
        assert_well_formed(answer, assistant.report.clean_text)
        correct += is_correct(item, answer.to_json())
    assert correct / len(items) >= 0.9, f"{correct}/{len(items)}"
