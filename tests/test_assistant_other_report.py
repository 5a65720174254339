"""The same assistant on a second report of the template (2022 成都): nothing in it knows the shipped report.

No search index is built here (that needs the embedder on a second corpus): the stub returns no hits, so every
answer comes from the fact table, the project tables and the report's own sentences.
"""

from __future__ import annotations

import pytest
from assistant_support import DIGIT, assert_well_formed
from conftest import FIXTURE_REPORT

from assistant.service import Assistant
from corpus import Report, Settings


class _NoHits:
    """A search index with nothing in it."""

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list:
        return []


@pytest.fixture(scope="module")
def assistant(fixture_report: Report, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(report=FIXTURE_REPORT, data_dir=tmp_path_factory.mktemp("assistant-fixture"))
    return Assistant(settings, fixture_report, index=_NoHits())


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
