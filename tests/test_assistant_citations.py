"""Citations and the figures they back: every answer cited by exact quotes, a figure the report contradicts
elsewhere carries a verified note, an answer with nothing to cite becomes a refusal."""

from __future__ import annotations

import re

import pytest
from assistant_support import ask, assert_well_formed

from assistant.audit import audit_report
from assistant.evidence.records import Evidence
from corpus import Report


def test_citations_are_exact_quotes_with_their_place(assistant):
    answer = ask(assistant, "公务用车购置及运行维护费比2022年度减少了多少？")
    assert answer.citations
    for citation in answer.citations:
        section = assistant.report.section(citation.section_id)
        start = assistant.report.clean_text.find(citation.quote)
        assert section.start <= start < section.end
        assert citation.heading == section.heading
        assert f"[{citation.n}]" in answer.answer


# ---------------------------------------------------------------------------------------------- citations
@pytest.mark.parametrize(
    "question",
    [
        "天府健康通有啥问题",  # a table field whose label the PDF wraps over two lines (存在\n问题)
        "12个绩效自评项目调整后预算数合计多少？",  # a sum over every project table
        "12个绩效自评项目的自评得分平均是多少？",
        "每个项目的存在问题是什么？",
    ],
)
def test_every_answered_answer_is_cited(assistant, question):
    ask(assistant, question)  # assert_well_formed: answered ⇒ citations, and markers match them


def test_a_sum_over_projects_cites_every_table(assistant):
    answer = ask(assistant, "12个绩效自评项目调整后预算数合计多少？")
    sections = {c.section_id for c in answer.citations}
    assert sections == {p.section_id for p in assistant.report.projects}


# ---------------------------------------------------------------------------------------------- audit notes
def _failed(report: Report):
    return [item for item in audit_report(report) if not item.ok]


def test_a_figure_the_report_contradicts_carries_a_verified_note(assistant):
    failed = _failed(assistant.report)
    assert failed, "the shipped report has inconsistencies the notes must surface"
    answer = ask(assistant, "基本支出是多少")
    assert "注意：报告中这一数字前后不一致" in answer.answer
    facts = {f.id: f for f in assistant.report.facts}
    mine = [i for i in failed if any(facts[fid].subject == "基本支出" for fid in i.fact_ids)]
    assert mine
    for item in mine:
        assert item.computed in answer.answer and item.expected in answer.answer
        assert f"相差 {abs(float(item.difference)):.2f}" in answer.answer
        # The other side of the disagreement is cited (another section than the one the figure comes from).
        others = {facts[fid].section_id for fid in item.fact_ids[1:]}
        assert others & {c.section_id for c in answer.citations}
    assert any(not c.ok for c in answer.checks), "the failed comparison is recorded as a failed check"
    assert all(n.verified for n in answer.numbers) and answer.numbers


def test_every_failed_check_is_noted_where_its_total_is_asked(assistant):
    facts = {f.id: f for f in assistant.report.facts}
    for item in _failed(assistant.report):
        stated = facts[item.fact_ids[0]]
        if stated.measure != "决算数" or stated.scope:
            continue
        answer = ask(assistant, f"{assistant.router.kit.name(stated.subject)}是多少？")
        if item.expected in answer.answer:
            assert "前后不一致" in answer.answer and item.computed in answer.answer, answer.answer


def test_a_consistent_figure_has_no_note(assistant):
    answer = ask(assistant, "公务接待费是多少")
    assert answer.status == "answered" and "不一致" not in answer.answer
    assert all(c.ok for c in answer.checks)


# ---------------------------------------------------------------------------------------------- the safety net
def test_an_answer_with_nothing_to_cite_becomes_not_found(assistant):
    evidence = Evidence("answered", "figure", "测试问题")
    evidence.add("一句报告里没有出处的话。")
    answer = assistant.finish(evidence)
    assert answer.status == "not_found" and not answer.citations
    assert_well_formed(answer, assistant.report.clean_text)


def test_an_uncited_figure_cites_the_facts_it_used(assistant):
    fact = next(f for f in assistant.report.facts if f.measure == "决算数" and f.subject == "公务接待费")
    evidence = Evidence("answered", "figure", "公务接待费是多少")
    evidence.add(f"公务接待费 {fact.raw} 万元。")
    evidence.facts.append(fact)
    answer = assistant.finish(evidence)
    assert answer.status == "answered" and answer.citations
    assert fact.raw in answer.citations[0].quote
    assert_well_formed(answer, assistant.report.clean_text)


def test_one_term_of_a_sum_that_is_off_gets_no_note(assistant):
    facts = {f.id: f for f in assistant.report.facts}
    terms = {fid for i in _failed(assistant.report) if len(i.fact_ids) > 2 for fid in i.fact_ids[1:]}
    stated = {i.fact_ids[0] for i in _failed(assistant.report)} | {
        fid for i in _failed(assistant.report) if len(i.fact_ids) == 2 for fid in i.fact_ids
    }
    subject = next(facts[f].subject for f in sorted(terms - stated) if facts[f].measure == "决算数")
    answer = ask(assistant, f"{assistant.router.kit.name(subject)}是多少？")
    assert answer.status == "answered" and "不一致" not in answer.answer


def test_citation_markers_are_numbered_in_order_of_first_use(both_assistants) -> None:
    for question in ("人员经费占基本支出的比重是多少？", "三公经费分别是多少？", "公务接待费为什么增长？"):
        answer = ask(both_assistants, question)
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)]
        first = list(dict.fromkeys(numbers))
        assert first == list(range(1, len(first) + 1)), answer.answer
        for run in re.findall(r"(?:\[\d+\]){2,}", answer.answer):
            inside = [int(n) for n in re.findall(r"\d+", run)]
            assert inside == sorted(inside), answer.answer
