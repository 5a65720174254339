"""The staff chat of a report library in a real browser (Debian chromium) against `python -m ui`: upload a PDF, see it
picked, ask, read the answer from that report with its page, open the cited section of that report; a scanned PDF
is refused in Chinese; the public widget offers no upload.

Screenshots go to a temporary folder, or to `UI_SCREENSHOTS` when set (the README's come from there).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browser_support import ANSWERS_DONE, chromium, screenshot_folder
from conftest import FIXTURE_PDF, PDF_FIXTURES
from playwright.sync_api import Browser, Page
from server_support import copy_of_built, ui_server

from corpus import parse_report

TITLE = "2022年度成都市数据资源管理中心单位决算"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def upload(page: Page, path: Path) -> None:
    page.locator("#upload-file input[type=file]").set_input_files(str(path))
    page.locator("#upload-file").get_by_text(path.name).wait_for(timeout=180_000)  # uploaded (slow when the box is loaded)
    page.locator("#upload-go").click()


def test_staff_uploads_a_pdf_picks_it_and_asks(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> None:
    data = copy_of_built(tmp_path_factory, "library-browser")
    folder = data.parent / "library"
    folder.mkdir()
    shots = screenshot_folder(tmp_path_factory, "library-shots")
    with ui_server(data, data.parent / "ui.log", JUESUAN_LIBRARY=str(folder), JUESUAN_RATE_LIMIT="0") as served:
        base = served.base
        ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        try:
            page.goto(base + "/ui/", wait_until="load")
            page.locator("#question-box textarea").wait_for(timeout=30_000)
            assert "四川省大数据中心" in page.locator("#report-picker input").input_value()

            # A scanned PDF is refused, in Chinese, and the library stays as it was.
            page.get_by_text("上传报告到报告库").click()
            upload(page, PDF_FIXTURES / "bad" / "scanned.pdf")
            status = page.locator("#upload-status")
            status.get_by_text("未加入报告库", exact=False).wait_for(timeout=120_000)
            assert "不支持 OCR" in status.inner_text()
            assert len(httpx.get(base + "/api/reports", timeout=10).json()) == 1

            # A real report's PDF: parsed, indexed, registered, and picked.
            upload(page, FIXTURE_PDF)
            status.get_by_text("已加入报告库", exact=False).wait_for(timeout=600_000)
            assert TITLE in status.inner_text()
            assert TITLE in page.locator("#report-picker input").input_value()
            listed = {r["title"]: r for r in httpx.get(base + "/api/reports", timeout=10).json()}
            assert listed[TITLE]["format"] == "pdf" and len(listed) == 2
            page.screenshot(path=shots / "library_upload.png")

            # Asked without naming a body: the picked report answers, with its page.
            box = page.locator("#question-box textarea")
            box.fill("三公经费是多少？")
            box.press("Enter")
            page.wait_for_function(ANSWERS_DONE, arg=1, timeout=120_000)
            answer = page.locator("#staff-chat [data-testid=bot]").first.inner_text()
            assert "9.86" in answer and "17.25" not in answer
            sources = page.locator("#staff-chat").inner_text()
            fact = next(f for f in parse_report(FIXTURE_PDF).facts if f.subject == "三公经费" and f.measure == "决算数")
            assert f"第 {fact.page} 页" in sources  # a PDF gives every citation its real page
            page.screenshot(path=shots / "library_chat.png")

            # The marker opens that report's section in 报告浏览, the quote marked.
            page.locator('#staff-chat [data-testid=bot] a[href^="#cite="]').first.click()
            hit = page.locator("mark#cite-hit")
            hit.wait_for(timeout=20_000)
            assert "9.86" in hit.inner_text()
            assert TITLE in page.locator("#section-view").inner_text()
        finally:
            ctx.close()
        # The public side never uploads: the widget has no file input, the API no upload route.
        widget = httpx.get(base + "/embed", timeout=10).text
        assert 'type="file"' not in widget
        assert httpx.post(base + "/api/upload", files={"file": ("x.pdf", b"%PDF-1.4")}, timeout=10).status_code in (
            404,
            405,
        )
