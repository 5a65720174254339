"""The real server on a loopback port: gradio_client against /chat, and a real browser (Debian chromium) for
the staff app and the widget, at desktop and phone widths.

Screenshots go to a temporary folder, or to `UI_SCREENSHOTS` when set (the README's come from there).
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from browser_support import ANSWERS_DONE, chromium, screenshot_folder
from gradio_client import Client
from index_support import built_settings
from playwright.sync_api import Browser, BrowserContext, Page
from server_support import free_port

from assistant.service import Assistant
from corpus import Settings
from ui.app import create_app
from ui.question_log import Filters, QuestionLog

QUESTION = "公务接待费增长原因"
LONG_QUESTION = "主要职责一共几条"
PHONE = {"width": 390, "height": 844}
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
NO_OVERFLOW = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@contextmanager
def serving(settings: Settings, questions: QuestionLog | None = None) -> Iterator[str]:
    """uvicorn in a thread on the settings' loopback port; yields the base URL."""
    app = create_app(settings, Assistant(settings), questions)
    server = uvicorn.Server(
        uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=1)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://{settings.host}:{settings.port}"
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert httpx.get(base + "/api/health", timeout=10).json()["status"] == "ok"
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def questions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QuestionLog]:
    log = QuestionLog(f"sqlite:///{tmp_path_factory.mktemp('server-log') / 'questions.sqlite'}")
    yield log
    log.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, questions: QuestionLog) -> Iterator[str]:
    settings = built_settings(tmp_path_factory).with_(host="127.0.0.1", port=free_port(), rate_limit=1000)
    with serving(settings, questions) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return screenshot_folder(tmp_path_factory, "screenshots")


def view_of(base: str, question: str) -> dict:
    """The answer's view as the server gives it (the same wording the staff chat shows)."""
    return httpx.post(base + "/api/widget/ask", json={"question": question}, timeout=30).json()["view"]


def chat_texts(result: object) -> list[str]:
    messages = result if isinstance(result, list) else [result]
    return [m.get("content", "") if isinstance(m, dict) else str(m) for m in messages]


def test_gradio_client_chat_returns_answer_with_citation(server: str) -> None:
    client = Client(server + "/ui/", verbose=False)
    result = client.predict(message=QUESTION, history=[], api_name="/chat")
    messages = result if isinstance(result, list) else [result]
    titles = [(m.get("metadata") or {}).get("title", "") for m in messages if isinstance(m, dict)]
    assert titles[1].startswith("来源（") and titles[2].startswith("数字核验：")
    assert "公务接待" in chat_texts(result)[0] and "(#cite=" in chat_texts(result)[0]
    assert "> " in messages[1]["content"]  # the quoted lines


def test_staff_and_public_have_separate_budgets(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The public running out of questions does not stop the staff, and the staff chat has its own limit."""
    settings = built_settings(tmp_path_factory).with_(
        host="127.0.0.1", port=free_port(), rate_limit=2, rate_window_s=600, staff_rate_limit=3
    )
    log = QuestionLog("sqlite://")
    with serving(settings, log) as base:
        codes = [httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=30).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        client = Client(base + "/ui/", verbose=False)
        for _ in range(3):
            answer = chat_texts(client.predict(message=QUESTION, history=[], api_name="/chat"))
            assert "公务接待" in answer[0] and "太频繁" not in answer[0]
        limited = chat_texts(client.predict(message=QUESTION, history=[], api_name="/chat"))
        assert len(limited) == 1 and "提问太频繁了" in limited[0] and "秒后再试" in limited[0]
        assert httpx.post(base + "/api/widget/ask", json={"question": QUESTION}, timeout=30).status_code == 429
    assert log.counts(Filters(channel="staff"))["total"] == 3 and log.counts(Filters(channel="api"))["total"] == 2
    log.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@contextmanager
def context(browser: Browser, base: str, **options) -> Iterator[tuple[BrowserContext, Page, list[str]]]:
    """A fresh browser context allowed to use the clipboard; collects dialogs and requests to other hosts."""
    ctx = browser.new_context(locale="zh-CN", accept_downloads=True, **options)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = ctx.new_page()
    trouble: list[str] = []

    def on_dialog(dialog) -> None:
        trouble.append("dialog: " + dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "request", lambda r: trouble.append(r.url) if r.url.startswith("http") and not r.url.startswith(base) else None
    )
    try:
        yield ctx, page, trouble
    finally:
        ctx.close()


def open_tab(page: Page, name: str) -> None:
    """Click a tab; on a narrow screen Gradio moves some tabs into its "more" menu."""
    tab = page.get_by_role("tab", name=name)
    if not tab.is_visible():
        page.locator("button[aria-label='更多标签页']").click()
    page.get_by_role("tab", name=name).click()


def ask_staff(page: Page, question: str, answers_before: int) -> None:
    box = page.locator("#question-box textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(ANSWERS_DONE, arg=answers_before + 1, timeout=60_000)


def test_browser_staff_chat(server: str, browser: Browser, questions: QuestionLog, shots: Path) -> None:
    view = view_of(server, QUESTION)
    with context(browser, server, viewport={"width": 1280, "height": 900}) as (_ctx, page, trouble):
        page.goto(server + "/ui/", wait_until="load")
        page.locator("#question-box textarea").wait_for(timeout=30_000)
        ask_staff(page, QUESTION, 0)
        answer = page.locator("[data-testid=bot]").first
        assert "公务接待" in answer.inner_text()
        assert page.get_by_text("来源（", exact=False).first.is_visible()
        assert page.get_by_text(view["number_summary"], exact=True).first.is_visible()

        page.locator(".juesuan-suggest button").first.wait_for(timeout=10_000)
        page.locator("#staff-chat .thought-group blockquote").first.wait_for(timeout=10_000)  # the open sources
        page.wait_for_timeout(500)
        page.screenshot(path=shots / "staff_chat.png")

        # Copy gives the clean text with the sources below it: exactly the view's plain text.
        page.locator('#staff-chat a[href="#copy"]').first.click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == view["plain"]
        assert "\\" not in copied and "&gt;" not in copied and "&amp;" not in copied and "来源：" in copied

        # The examples stay reachable, and a suggested question can be clicked.
        assert page.locator(".juesuan-examples button").first.is_visible()
        suggestion = page.locator(".juesuan-suggest button").first
        suggestion.wait_for(timeout=10_000)
        asked = suggestion.inner_text().strip()
        suggestion.click()
        page.wait_for_function(ANSWERS_DONE, arg=2, timeout=60_000)
        assert page.locator("[data-testid=user]").last.inner_text().strip() == asked

        # 👎 on the first answer, with a comment: stored in the question log.
        page.locator("button[aria-label='没帮助']").first.click()
        comment = page.locator("#feedback-comment textarea")
        comment.wait_for(timeout=10_000)
        comment.fill("希望附上上年数字")
        page.locator("#feedback-comment button").click()
        page.get_by_text("已收到补充说明", exact=False).wait_for(timeout=10_000)
        disliked = questions.entries(Filters(feedback="down", channel="staff"))
        assert [(e.question, e.comment) for e in disliked] == [(QUESTION, "希望附上上年数字")]

        # Export of the conversation as Markdown.
        with page.expect_download() as download:
            page.locator("#export-chat").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert f"## 问：{QUESTION}" in exported and f"## 问：{asked}" in exported and "来源：" in exported

        # A marker opens 报告浏览 at the cited section with the quote highlighted.
        page.locator('#staff-chat [data-testid=bot] a[href^="#cite="]').first.click()
        hit = page.locator("mark#cite-hit")
        hit.wait_for(timeout=10_000)
        assert hit.is_visible() and hit.inner_text() == view["sources"][0]["quote"]
        assert page.get_by_role("tab", name="报告浏览").get_attribute("aria-selected") == "true"
        page.wait_for_timeout(1500)  # the highlight's flash
        page.screenshot(path=shots / "staff_source.png")

        # The log tab lists the 👎 and exports it as CSV.
        open_tab(page, "问题日志")
        page.locator("#log-table").get_by_text(QUESTION).first.wait_for(timeout=10_000)
        page.locator("#log-feedback input").click()
        page.get_by_role("option", name="点踩").click()
        page.locator("#log-summary").get_by_text("共 1 条", exact=False).wait_for(timeout=10_000)
        table = page.locator("#log-table").inner_text()
        assert QUESTION in table and "点踩" in table and "希望附上上年数字" in table
        page.wait_for_timeout(800)
        page.screenshot(path=shots / "staff_log.png")
        with page.expect_download() as download:
            page.locator("#log-export").click()
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert rows[0][:4] == ["时间", "渠道", "问题", "状态"]
        assert [(r[1], r[2], r[7], r[8]) for r in rows[1:]] == [("工作人员", QUESTION, "点踩", "希望附上上年数字")]

        # Markup typed into the chat is shown as text.
        open_tab(page, "问答")
        page.locator("#question-box textarea").fill(XSS)
        page.locator("#question-box textarea").press("Enter")
        user_turn = page.locator("[data-testid=user]").last
        page.wait_for_function(ANSWERS_DONE, arg=3, timeout=60_000)
        assert user_turn.inner_text().strip() == XSS
        assert page.locator("[data-testid=user] img, [data-testid=bot] img").count() == 0
        assert trouble == []  # no dialog ran, nothing was fetched from another host


def test_phone_layouts_do_not_overflow(server: str, browser: Browser, shots: Path) -> None:
    with context(browser, server, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True) as (
        _ctx,
        page,
        trouble,
    ):
        page.goto(server + "/ui/", wait_until="load")
        page.locator("#question-box textarea").wait_for(timeout=30_000)
        for tab, ready in [
            ("报告核对", "#audit-table td"),
            ("问题日志", "#log-summary"),
            ("报告浏览", "#section-view"),
        ]:
            open_tab(page, tab)
            page.locator(ready).first.wait_for(timeout=10_000)
            page.wait_for_timeout(300)
            assert page.evaluate(NO_OVERFLOW), tab
            if tab == "报告核对":  # a number keeps its digits on one line
                cell = page.locator("#audit-table td.num").first.bounding_box()
                assert cell and cell["height"] < 40
                page.screenshot(path=shots / "staff_audit_phone.png")

        labels = page.evaluate(
            "() => [...document.querySelectorAll('[aria-label], [title]')]"
            ".map(e => (e.getAttribute('aria-label') || '') + '|' + (e.getAttribute('title') || ''))"
        )
        english = {"More tabs", "Like", "Dislike", "Copy message", "Clear", "Copy conversation"}
        assert not [label for label in labels if set(label.split("|")) & english], labels

        page.goto(server + "/embed/demo", wait_until="load")
        frame = page.frame_locator("#helpdesk")
        frame.locator("#question").wait_for(timeout=10_000)
        assert page.evaluate(NO_OVERFLOW)
        assert page.locator("#helpdesk").bounding_box()["width"] <= PHONE["width"]
        assert page.get_by_text("右侧", exact=False).count() == 0
        frame.locator("#question").fill(QUESTION)
        frame.locator("#send").click()
        frame.locator(".msg.bot .tools").first.wait_for(timeout=60_000)
        assert page.evaluate(NO_OVERFLOW)
        page.locator("#helpdesk").scroll_into_view_if_needed()
        page.locator("#helpdesk").screenshot(path=shots / "widget_phone.png")
        assert trouble == []


def test_browser_embedded_widget(server: str, browser: Browser, questions: QuestionLog) -> None:
    view = view_of(server, QUESTION)
    with context(browser, server, viewport={"width": 1280, "height": 900}) as (_ctx, page, trouble):
        page.goto(server + "/embed/demo", wait_until="load")
        widget = page.frame_locator("#helpdesk")
        widget.locator("#question").fill(QUESTION)
        widget.locator("#send").click()
        widget.locator(".msg.bot .tools").first.wait_for(timeout=60_000)
        answer = widget.locator(".msg.bot").last
        assert "公务接待" in answer.inner_text() and "来源（" in answer.inner_text()
        assert widget.locator(".sources blockquote").first.inner_text() == view["sources"][0]["quote"]

        # A marker leads to its source in the list.
        widget.locator(".cite-mark").first.click()
        assert widget.locator(".sources li.hit").count() == 1

        # Copy: the clean text with the sources below.
        answer.get_by_role("button", name="复制").click()
        answer.get_by_role("button", name="已复制").wait_for(timeout=5_000)
        assert page.evaluate("navigator.clipboard.readText()") == view["plain"]

        # 👎 with a comment is stored against this answer.
        answer.get_by_role("button", name="没帮助").click()
        answer.locator(".comment textarea").fill("太长了")
        answer.get_by_role("button", name="提交说明").click()
        answer.get_by_text("已收到补充说明", exact=False).wait_for(timeout=10_000)
        assert [e.comment for e in questions.entries(Filters(channel="widget", feedback="down"))] == ["太长了"]

        # A suggested question, then a long answer that keeps its question in view.
        chip = widget.locator(".suggest .chip").first
        chip.wait_for(timeout=10_000)
        chip.click()
        widget.locator(".msg.bot .tools").nth(1).wait_for(timeout=60_000)
        widget.locator("#question").fill(LONG_QUESTION)
        widget.locator("#send").click()
        widget.locator(".msg.bot .tools").nth(2).wait_for(timeout=60_000)
        log_box = widget.locator("#log").bounding_box()
        question_box = widget.locator(".msg.user").last.bounding_box()
        assert log_box["y"] <= question_box["y"] < log_box["y"] + log_box["height"] / 2

        # 新对话 starts over with the examples; markup typed by a visitor stays text.
        widget.locator("#new-chat").click()
        assert widget.locator(".msg").count() == 0 and widget.locator("#examples button").first.is_visible()
        widget.locator("#question").fill(XSS)
        widget.locator("#send").click()
        user_turn = widget.locator(".msg.user").last
        user_turn.wait_for(timeout=10_000)
        widget.locator(".msg.pending").wait_for(state="detached", timeout=30_000)
        assert user_turn.inner_text() == XSS
        assert widget.locator(".log img:not(.icon), .log script").count() == 0  # only the 👍/👎 pictures

        # A vague question is asked back; its suggestions are chips that ask a real question.
        widget.locator("#question").fill("占比是多少？")
        widget.locator("#send").click()
        widget.get_by_text("您可以这样问：").wait_for(timeout=30_000)
        answers = widget.locator(".msg.bot .tools").count()
        widget.locator(".suggest").last.locator(".chip").first.click()
        widget.locator(".msg.bot .tools").nth(answers).wait_for(timeout=60_000)
        assert "来源（" in widget.locator(".msg.bot").last.inner_text()
        page.wait_for_timeout(300)
        assert trouble == []
