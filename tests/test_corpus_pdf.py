"""PDF input on real PDFs (rendered by tests/pdfgen from the fixture reports with WeasyPrint and a CJK font):
the PDF path finds what the text path finds, and every figure carries the page that holds it.

Pages are checked against a second, independent reader (pypdfium2's text of that page), never against
the parser's own bookkeeping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import FIXTURE_PDF, SHIPPED_PDF, THIRD_PDF

from corpus import Report

SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return SPACE.sub("", text or "")


@lru_cache(maxsize=4)
def page_texts(path: Path) -> dict[int, str]:
    """Printed page number -> that page's text, by pypdfium2 (numbers read from the "- N -" footers)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out: dict[int, str] = {}
    for k in range(len(pdf)):
        text = pdf[k].get_textpage().get_text_range()
        footer = re.search(r"-\s*(\d+)\s*-\s*$", text.strip())
        out[int(footer.group(1)) if footer else k + 1] = squeeze(text)
    pdf.close()
    return out


@pytest.fixture(params=["shipped", "fixture"])
def pair(request: pytest.FixtureRequest) -> tuple[Report, Report]:
    if request.param == "shipped":
        return request.getfixturevalue("report"), request.getfixturevalue("pdf_report")
    return request.getfixturevalue("fixture_report"), request.getfixturevalue("fixture_pdf_report")


def test_pdf_has_the_same_sections_as_the_text(pair: tuple[Report, Report]) -> None:
    text, pdf = pair
    assert pdf.source_format == "pdf" and text.source_format == "text"
    assert pdf.title == text.title
    assert [(s.id, s.kind, squeeze(s.title)) for s in pdf.sections] == [
        (s.id, s.kind, squeeze(s.title)) for s in text.sections
    ]
    assert all(s.page is not None for s in pdf.sections)


def test_pdf_projects_equal_the_text_projects(pair: tuple[Report, Report]) -> None:
    text, pdf = pair
    assert len(pdf.projects) == len(text.projects)
    for a, b in zip(text.projects, pdf.projects, strict=True):
        for name in ("code", "initial_budget", "adjusted_budget", "executed", "execution_rate", "self_score"):
            assert getattr(a, name) == getattr(b, name), (a.section_id, name)
        for name in ("name", "department", "implementer", "leader", "finance_leader", "goal", "goal_result",
                     "problems", "improvements", "conclusion"):  # fmt: skip
            assert squeeze(getattr(a, name)) == squeeze(getattr(b, name)), (a.section_id, name)
        assert len(a.indicators) == len(b.indicators), a.section_id
        for x, y in zip(a.indicators, b.indicators, strict=True):
            assert (x.level1, x.level2, x.comparator, x.weight, x.score) == (y.level1, y.level2, y.comparator,
                                                                           y.weight, y.score)  # fmt: skip
            assert [squeeze(v) for v in (x.name, x.target, x.unit, x.actual, x.shortfall_reason)] == [
                squeeze(v) for v in (y.name, y.target, y.unit, y.actual, y.shortfall_reason)
            ]
            assert y.page is not None


def test_every_text_fact_is_found_in_the_pdf(pair: tuple[Report, Report]) -> None:
    text, pdf = pair
    found = {(f.section_id, squeeze(f.subject), f.measure, f.value) for f in pdf.facts}
    missing = [f for f in text.facts if (f.section_id, squeeze(f.subject), f.measure, f.value) not in found]
    assert not missing, missing[:5]


@pytest.mark.parametrize("name", ["pdf_report", "fixture_pdf_report", "third_pdf_report"])
def test_every_fact_quotes_the_pdf_text_on_its_page(name: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(name)
    pages = page_texts(Path(report.path))
    assert report.facts and report.schedule_facts
    for fact in report.facts + report.schedule_facts:
        assert report.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote, fact.id
        assert fact.raw in fact.quote, fact.id
        assert fact.page is not None, fact.id
        on_page = pages[fact.page]
        assert squeeze(fact.raw) in on_page, (fact.id, fact.page, fact.raw)
        if fact.origin == "prose":  # the quote's first words are printed on that page
            assert squeeze(fact.quote)[:8] in on_page, (fact.id, fact.page, fact.quote)


def test_a_quote_in_a_section_that_runs_over_pages_gets_the_page_that_holds_it(pdf_report: Report) -> None:
    """Citations take their page from `section_at`: the page of the quoted offset, not of the heading."""
    pages = page_texts(Path(pdf_report.path))
    moved = 0
    for fact in pdf_report.facts:
        section = pdf_report.section_at(fact.start)
        assert section.id == fact.section_id
        assert section.page == fact.page
        moved += fact.page != pdf_report.section(fact.section_id).page
        assert squeeze(fact.raw) in pages[section.page]
    assert moved > 50  # the 绩效自评表 run over two or three pages each


def test_figures_wrapped_in_prose_and_cells_are_joined(third_pdf_report: Report) -> None:
    """The third report's figure columns are so narrow that 1188.88 prints as "1188." / "88" in its cell."""
    project = third_pdf_report.projects[0]
    lines = _page_lines(THIRD_PDF, project.page)
    assert not any("1188.88" in line for line in lines)  # printed over two lines of its cell
    assert any(line.strip().endswith("1188.") for line in lines) or any("1188." in line for line in lines)
    assert str(project.adjusted_budget) == "1188.88"
    assert str(project.executed) == "1150.26" and str(project.self_score) == "99.68"


def _page_lines(path: Path, number: int) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    text = pdf[number - 1].get_textpage().get_text_range()
    pdf.close()
    return text.splitlines()


def test_contents_page_and_footers_are_not_report_text(pdf_report: Report) -> None:
    assert "......" not in pdf_report.clean_text
    assert not re.search(r"^-\s*\d+\s*-$", pdf_report.clean_text, re.M)
    assert pdf_report.clean_text.count("第一部分 单位概况") == 1


def test_shipped_pdf_fonts_are_embedded_with_a_unicode_map() -> None:
    """pdffonts (poppler-utils): every font embedded ("emb yes") with a ToUnicode map ("uni yes")."""
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.fail("pdffonts missing: run `make pdf-deps` (poppler-utils)")
    for path in (SHIPPED_PDF, FIXTURE_PDF, THIRD_PDF):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
        assert rows, out
        for row in rows:
            assert row[-5:-2] == ["yes", "yes", "yes"], (path.name, row)  # emb sub uni
