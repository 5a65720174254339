"""Robustness of the answering side on the shipped report: every answer cited, audit-aware figures,
everyday words, project short forms taken from the report itself, and not_found headings."""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_with, ask, assert_well_formed

from assistant.audit import audit_report
from assistant.evidence.records import Evidence
from assistant.understand.lexicon import Lexicon
from assistant.understand.normalize import fold
from corpus import Report


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


def test_a_table_field_cites_its_cell(assistant):
    answer = ask(assistant, "天府健康通有啥问题")
    assert answer.status == "answered" and "存在问题" in answer.answer
    assert answer.citations[0].section_id == assistant.table.projects["四川天府健康通"].section_id
    assert re.sub(r"\s", "", answer.citations[0].quote).startswith("存在问题")


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


# ---------------------------------------------------------------------------------------------- everyday words
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("開車花了多少錢", "公务用车运行维护费"),
        ("用车花了多少钱", "公务用车"),
        ("请客花了多少钱", "公务接待费"),
        ("出境花了多少", "因公出国（境）费"),
        ("因公出国费是多少", "因公出国（境）费"),  # a subject's short form without its bracketed part
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


@pytest.mark.parametrize("which", ["report", "fixture_report"])
def test_project_short_forms_come_from_the_names(request, which):
    report: Report = request.getfixturevalue(which)
    lexicon = Lexicon.build(report)
    body = fold(report.body)
    for word, name in lexicon.project_words.items():
        assert word in fold(name) and word not in body
        assert sum(word in fold(p.name) for p in report.projects) == 1
        prose = "".join(fold(s.text) for s in report.sections if s.kind != "project_table")
        for project in report.projects:
            prose = prose.replace(fold(project.name), "")
        assert prose.count(word) <= 1, f"{word} is used in the report's prose, not only for {name}"
        tables = [fold(report.section(p.section_id).text) for p in report.projects if p.name != name]
        assert sum(word in t for t in tables) <= 1, f"{word} is used in other project tables than {name}'s"
    short = [w for w in lexicon.project_words if len(w) >= 3]
    assert short, "every report of the template has project names with a distinctive part"
    for word in short:
        matches = lexicon.find(word + "的预算执行率")
        assert [m.kind for m in matches] == ["project"], (word, matches)


# ---------------------------------------------------------------------------------------------- not_found
def test_not_found_headings_are_in_book_title_marks(assistant):
    answer = ask(assistant, "三公经费明年的预算是多少")
    assert answer.status == "not_found"
    assert "《" in answer.answer and "““" not in answer.answer and "“《" not in answer.answer
    for title in re.findall(r"《(.+?)》", answer.answer):
        assert any(fold(title) in fold(s.title) for s in assistant.report.sections)


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
