"""Shared, session-scoped reports: parsing takes a moment, so every test module reuses these two."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import Report, Settings, parse_report

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_REPORT = FIXTURES / "2022_chengdu_data_bureau_final_accounts.txt"


@pytest.fixture(scope="session")
def report() -> Report:
    """The shipped report (2023 四川省大数据中心), parsed once per test session."""
    return parse_report(Settings().report)


@pytest.fixture(scope="session")
def fixture_report() -> Report:
    """The second report of the same template (2022 成都市数据资源管理中心), written for tests."""
    return parse_report(FIXTURE_REPORT)


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory):
    """One assistant on the shipped report with its real index, shared by the test modules (it keeps no state
    between questions; a module that needs another one defines its own `assistant`)."""
    from assistant_support import make_assistant  # imported late: it imports this module

    return make_assistant(tmp_path_factory)


@pytest.fixture(scope="session")
def fixture_assistant(tmp_path_factory: pytest.TempPathFactory, fixture_report: Report):
    """One assistant on the second report, with its real index, shared by every test module that needs it."""
    from assistant_support import make_fixture_assistant  # imported late: it imports this module

    return make_fixture_assistant(tmp_path_factory, fixture_report)


@pytest.fixture(params=["assistant", "fixture_assistant"])
def both_assistants(request: pytest.FixtureRequest):
    """Each test runs on both reports: the shipped one, then the second report of the template."""
    return request.getfixturevalue(request.param)


PDF_FIXTURES = FIXTURES / "pdf"
SHIPPED_PDF = Path(Settings().report).with_suffix(".pdf")
FIXTURE_PDF = PDF_FIXTURES / "2022_chengdu_data_bureau_final_accounts.pdf"
THIRD_PDF = PDF_FIXTURES / "2023_suining_data_center_final_accounts.pdf"


@pytest.fixture(scope="session")
def pdf_report() -> Report:
    """The shipped report's PDF (made by tests/pdfgen from the shipped text), parsed once per session."""
    return parse_report(SHIPPED_PDF)


@pytest.fixture(scope="session")
def fixture_pdf_report() -> Report:
    return parse_report(FIXTURE_PDF)


@pytest.fixture(scope="session")
def third_pdf_report() -> Report:
    """A third report in another table layout (other column order and labels, figures wrapped in their cells)."""
    return parse_report(THIRD_PDF)
