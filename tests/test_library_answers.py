"""Answers from a report library: the report chosen by the body and year a question names (short names too), else
the report selected; a question back (`clarify`) when it names no body and several are held; figures across years
and across bodies computed by the calculator, each cited to its own report; the later report's stated change
cross-checked against two reports' figures; a widget pinned to one body; lazy loading with an LRU."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from index_support import seeded_settings
from library_support import CHENGDU, HOME, LINXI, LINXI_IDS, SUINING, library_settings

from assistant.library.across import LISTED, AcrossReports
from assistant.library.choose import Chooser
from assistant.library.service import LibraryAssistant
from assistant.records import Answer
from corpus import Settings
from index.library import Library
from ui.present import present

MARKER = re.compile(r"\[\d+\]")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return library_settings(tmp_path_factory)


@pytest.fixture(scope="module")
def library(settings: Settings, assistant) -> LibraryAssistant:
    return LibraryAssistant(settings, home=assistant)


def checked(library: LibraryAssistant, answer: Answer) -> Answer:
    """Every citation quotes its own report exactly; every number is verified; checks come from the calculator."""
    for citation in answer.citations:
        text = library.assistant_for(citation.report).report.clean_text
        assert citation.quote and citation.quote in text, citation
    assert all(n.verified for n in answer.numbers), answer.numbers
    assert all(c.operation for c in answer.checks), answer.checks
    return answer


def cited(answer: Answer) -> set[str]:
    return {c.report for c in answer.citations}


def test_a_year_named_chooses_that_years_report(library: LibraryAssistant) -> None:
    answer = checked(library, library.ask("2022年的三公经费是多少？", report=LINXI_IDS[2]))
    assert answer.status == "answered" and answer.report == LINXI_IDS[1]
    assert "45.79" in answer.answer and cited(answer) == {LINXI_IDS[1]}
    follow = library.ask("那2021年呢？", [{"role": "user", "content": "三公经费是多少？"}], report=LINXI_IDS[2])
    assert follow.report == LINXI_IDS[0] and "32.22" in checked(library, follow).answer


def test_without_that_years_report_the_next_years_report_answers_as_before(library: LibraryAssistant) -> None:
    """No 2022 report of 四川省大数据中心: its 2023 report derives 2022 from its own stated change (as today)."""
    answer = checked(library, library.ask("2022年的三公经费是多少？", report=HOME))
    assert answer.report == HOME and answer.route == "prior_year" and "17.57" in answer.answer
    refused = library.ask("2019年的三公经费是多少？", report=LINXI_IDS[2])
    assert refused.status == "not_found" and "2021年、2022年、2023年" in refused.answer
    assert not re.search(r"\d+(?:\.\d+)?\s*万元", refused.answer)  # a refusal never carries a neighbour's number


@pytest.mark.parametrize(
    ("question", "report", "figure"),
    [
        ("成都市数据局的三公经费是多少？", CHENGDU, "9.86"),  # a short, everyday name
        ("省大数据中心的三公经费是多少？", HOME, "17.25"),
        ("遂宁市大数据中心的公务接待费是多少？", SUINING, "2.34"),
        ("临溪区大数据发展中心2021年的人员经费", LINXI_IDS[0], "575.97"),
    ],
)
def test_the_body_named_chooses_the_report(library: LibraryAssistant, question: str, report: str, figure: str) -> None:
    answer = checked(library, library.ask(question))
    assert answer.status == "answered" and answer.report == report and figure in answer.answer, answer.answer
    other = checked(library, library.ask(question, report=CHENGDU if report != CHENGDU else HOME))
    assert other.report == report  # the question's own words outweigh the picker


def test_the_selected_report_answers_what_names_no_body(library: LibraryAssistant) -> None:
    assert checked(library, library.ask("公务接待费是多少", report=SUINING)).report == SUINING
    # A name the selected report uses itself (a committee of its own) is no other body.
    answer = library.ask("省大数据标准化技术委员会项目存在什么问题？", report=HOME)
    assert answer.status == "answered" and answer.report == HOME


def test_an_ambiguous_question_is_asked_back_with_candidates(library: LibraryAssistant) -> None:
    answer = library.ask("三公经费是多少？")
    assert answer.status == "clarify" and answer.route == "library_clarify"
    bodies = {c["body"] for c in answer.candidates}
    assert bodies == {"四川省大数据中心", "成都市数据资源管理中心", "遂宁市大数据发展中心", "青岚市临溪区大数据发展中心"}  # noqa: E501
    assert all(body in answer.answer for body in bodies) and not answer.citations
    vague = library.ask("数据局的公务接待费是多少")  # a short name that fits several bodies
    assert vague.status == "clarify" and len(vague.candidates) >= 2


def test_figures_over_years_with_the_changes_checked(library: LibraryAssistant) -> None:
    answer = checked(library, library.ask("三公经费这三年怎么变的？", report=LINXI_IDS[2]))
    assert answer.status == "answered" and answer.route == "library_years" and cited(answer) == set(LINXI_IDS)
    text = MARKER.sub("", answer.answer)
    for figure in ("32.22", "45.79", "29.45", "13.57", "16.34"):
        assert figure in text, text
    assert "与2022年报告所述一致" in text and "与2023年报告所述一致" in text
    assert {c.operation for c in answer.checks} == {"difference", "growth_rate"}
    assert [s["op"] for s in answer.plan["steps"]].count("change") == 2
    assert {t["report"] for s in answer.plan["steps"] for t in s["targets"]} == set(LINXI_IDS)
    since = checked(library, library.ask("和2022年决算比，项目支出变化了多少？", report=LINXI_IDS[2]))
    assert cited(since) == set(LINXI_IDS[1:]) and "96.45" in since.answer


def test_figures_over_bodies(library: LibraryAssistant) -> None:
    answer = checked(library, library.ask("哪个单位公务接待费最高？"))
    assert answer.route == "library_bodies" and answer.status == "answered"
    assert cited(answer) == {HOME, SUINING, LINXI_IDS[2]}  # the year most bodies have: 2023
    assert "青岚市临溪区大数据发展中心" in answer.answer and "8.08" in answer.answer
    assert {c.operation for c in answer.checks} == {"count", "max"}
    lowest = checked(library, library.ask("2022年哪个单位三公经费最低？"))
    assert cited(lowest) == {CHENGDU, LINXI_IDS[1]} and "成都市数据资源管理中心" in lowest.answer
    # "哪些部门的规定" asks about one report's words, not a comparison of bodies.
    defined = library.ask("名词解释里，住房公积金（项）是按照哪些部门的规定给职工缴纳的？", report=HOME)
    assert defined.route in ("define", "section_items") and defined.report == HOME  # the glossary entry
    assert defined.status == "answered" and "财政部" in defined.answer


def test_a_pinned_widget_answers_from_its_body_only(library: LibraryAssistant) -> None:
    answer = library.ask("三公经费是多少？", body="成都市数据资源管理中心")
    assert answer.report == CHENGDU and "9.86" in checked(library, answer).answer
    elsewhere = library.ask("四川省大数据中心的三公经费是多少？", body="成都市数据资源管理中心")
    assert elsewhere.report == CHENGDU and "17.25" not in elsewhere.answer


def test_a_stated_change_that_disagrees_with_two_reports_is_shown(
    tmp_path_factory: pytest.TempPathFactory, assistant
) -> None:
    """A copy of the synthetic 2022 report whose stated change of 三公经费 is altered: the answer keeps both
    reports' figures and their computed change, and says that the 2022 report states another change."""
    settings = seeded_settings(tmp_path_factory, "disagreeing-library")
    folder = settings.data_dir / "library"
    folder.mkdir()
    shutil.copyfile(LINXI[0], folder / LINXI[0].name)
    text = LINXI[1].read_text(encoding="utf-8")
    assert "较上年度增加 13.57 万元" in text
    (folder / LINXI[1].name).write_text(text.replace("较上年度增加 13.57 万元", "较上年度增加 13.75 万元"), "utf-8")
    settings = settings.with_(library=folder)
    library = Library(settings)
    library.sync(build=False)  # the fact store is all a question across years reads
    entries = [e for e in library.entries() if e.id in LINXI_IDS]
    choice = Chooser(library.entries()).choose("三公经费这两年怎么变的", selected=LINXI_IDS[1])
    assert choice.mode == "years" and [e.id for e in choice.reports] == LINXI_IDS[:2]
    plan = assistant.understand("三公经费这两年怎么变的")
    answer = AcrossReports(library.store).over_years(plan, choice, {e.id: e.title for e in entries})
    assert answer is not None and answer.status == "answered"
    assert "两份报告的数字不一致" in answer.answer and "13.75" in answer.answer and "13.57" in answer.answer
    failed = [c for c in answer.checks if not c.ok]
    assert len(failed) == 1 and failed[0].operation == "compare"
    assert all(n.verified for n in answer.numbers) and Decimal("13.57") in {
        Decimal(c.result) for c in answer.checks if c.ok and c.operation in ("difference", "formula")
    }
    for citation in answer.citations:
        assert citation.quote in library.load(citation.report).clean_text
    view = present(answer.to_json())  # shown as a calm note, like the audit's, not in the answer's body
    assert "不一致" not in view.text and len(view.notes) == 1 and "13.75" in view.notes[0]


def test_reports_load_lazily_and_leave_an_lru(settings: Settings, assistant) -> None:
    library = LibraryAssistant(settings.with_(library_cache=2), home=assistant)
    assert not library._assistants  # nothing but the home report is loaded at start
    for report in (CHENGDU, SUINING, LINXI_IDS[0]):
        library.ask("三公经费是多少？", report=report)
    assert list(library._assistants) == [SUINING, LINXI_IDS[0]]  # the least recently used left
    assert library.assistant_for(HOME) is assistant  # the home report never leaves
    across = library.ask("哪个单位公务接待费最高？", report=CHENGDU)
    # Across bodies nothing is loaded but the selected report (to read its own names): figures come from the store.
    assert across.route == "library_bodies" and list(library._assistants) == [LINXI_IDS[0], CHENGDU]
    # Across years with none selected, a report of that body already loaded reads the question: nothing loads.
    years = library.ask("临溪区大数据发展中心三公经费这三年怎么变的？")
    assert years.route.startswith("library") and list(library._assistants) == [LINXI_IDS[0], CHENGDU]
    assert not library._passing
    # A report loaded for a passing use waits in the small passing cache: the reports people ask about stay loaded.
    # Asked about directly, it moves to the main cache.
    library.assistant_for(LINXI_IDS[2], keep=False)
    assert list(library._assistants) == [LINXI_IDS[0], CHENGDU] and list(library._passing) == [LINXI_IDS[2]]
    library.ask("三公经费是多少？", report=LINXI_IDS[2])
    assert list(library._assistants) == [CHENGDU, LINXI_IDS[2]] and not library._passing


def test_a_library_of_one_answers_exactly_as_the_single_report(assistant, tmp_path_factory) -> None:
    settings = seeded_settings(tmp_path_factory, "library-of-one")
    one = LibraryAssistant(settings, home=assistant)
    assert [e.id for e in one.entries()] == [HOME]
    for question in ("三公经费是多少？", "公务接待费增长原因", "哪个单位公务接待费最高？", "2022年的三公经费"):
        mine, theirs = one.ask(question), assistant.ask(question)
        assert (mine.status, mine.answer, mine.route) == (theirs.status, theirs.answer, theirs.route)
        assert mine.report == HOME and all(c.report == HOME for c in mine.citations)


def test_library_files_are_marked_synthetic() -> None:
    for path in LINXI:
        assert path.name.startswith("SYNTHETIC_")
        assert "SYNTHETIC 合成测试数据" in Path(path).read_text(encoding="utf-8")[:200]


def test_a_ranking_of_many_bodies_counts_the_bodies_it_does_not_name(
    tmp_path_factory: pytest.TempPathFactory, assistant
) -> None:
    """More bodies than a ranking names (LISTED): the rest are counted by the calculator, never an unchecked number.
    The bodies are SYNTHETIC (benchmarks.synthetic); only their facts are needed, so no index is built."""
    from benchmarks.synthetic import generate_library

    folder = tmp_path_factory.mktemp("many-bodies")
    settings = Settings(data_dir=folder / "data", library=folder / "library", report=assistant.settings.report)
    library = Library(settings)
    for generated in generate_library(folder / "generated", 60, seed=5):  # 20 bodies, 3 years each
        library.add(generated.path, build=False)
    entries = library.entries()
    question = "哪家单位的公务接待费最高？"
    choice = Chooser(entries).choose(question)
    assert choice.mode == "bodies" and len(choice.reports) > LISTED
    titles = {e.id: e.title for e in entries}
    answer = AcrossReports(library.store).over_bodies(assistant.understand(question), choice, titles)
    assert answer is not None and all(n.verified for n in answer.numbers), answer.numbers
    rest = len(choice.reports) - LISTED
    assert f"另有 {rest} 个单位未列出" in answer.answer
    assert any(c.operation == "count" and c.result == str(rest) for c in answer.checks)
    assert len(answer.citations) == LISTED


def test_a_question_past_the_selected_first_year_is_read_without_a_load(settings: Settings, assistant) -> None:
    """From a body's first report, "the last two years" are two other reports: the selected report (loaded, the
    body's words) reads the question and the fact store answers it; no participant is loaded for it."""
    library = LibraryAssistant(settings.with_(library_cache=2), home=assistant)
    library.ask("三公经费是多少？", report=LINXI_IDS[0])
    assert list(library._assistants) == [LINXI_IDS[0]]
    answer = library.ask("最近两年的公务用车购置及运行维护费有什么变化？", report=LINXI_IDS[0])
    assert list(library._assistants) == [LINXI_IDS[0]] and not library._passing
    assert answer.route == "library_years" and cited(answer) == {LINXI_IDS[1], LINXI_IDS[2]}
    assert "2023年比2022年" in checked(library, answer).answer
