"""The real server on a loopback port: gradio_client against /chat, and a real browser (Debian chromium)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from gradio_client import Client
from index_support import built_settings
from playwright.sync_api import Page, sync_playwright

from assistant.service import Assistant
from corpus import Settings
from ui.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "公务接待费增长原因"
# The second turn is done: a bot message after the first turn's three, and not the interim "working" text.
LAST_BOT_DONE = """() => {
  const bots = document.querySelectorAll('[data-testid=bot]');
  return bots.length >= 4 && !bots[bots.length - 1].innerText.includes('正在查阅报告');
}"""
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """uvicorn in a thread on the settings' loopback port; yields the base URL."""
    app = create_app(settings, Assistant(settings))
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
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = built_settings(tmp_path_factory).with_(host="127.0.0.1", port=free_port(), rate_limit=1000)
    with serving(settings) as base:
        yield base


def chat_texts(result: object) -> list[str]:
    messages = result if isinstance(result, list) else [result]
    return [m.get("content", "") if isinstance(m, dict) else str(m) for m in messages]


def test_gradio_client_chat_returns_answer_with_citation(server: str) -> None:
    client = Client(server + "/ui/", verbose=False)
    result = client.predict(message=QUESTION, api_name="/chat")
    messages = result if isinstance(result, list) else [result]
    texts = chat_texts(result)
    titles = [(m.get("metadata") or {}).get("title", "") for m in messages if isinstance(m, dict)]
    assert any(t.startswith("来源 (") for t in titles), messages
    assert "公务接待" in texts[0]
    sources = next(m for m in messages if (m.get("metadata") or {}).get("title", "").startswith("来源"))
    assert "&gt;" in sources["content"] and "> " in sources["content"]  # heading path and a quoted line
    assert any(t.startswith("数字核验") for t in titles)


def test_chat_shares_the_api_rate_limit(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Over its budget a client gets the Chinese notice in the chat too, not only from /api/ask."""
    settings = built_settings(tmp_path_factory).with_(
        host="127.0.0.1", port=free_port(), rate_limit=2, rate_window_s=600
    )
    with serving(settings) as base:
        assert httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=30).status_code == 200
        client = Client(base + "/ui/", verbose=False)
        first = chat_texts(client.predict(message=QUESTION, api_name="/chat"))
        assert "公务接待" in first[0] and "太频繁" not in first[0]
        limited = chat_texts(client.predict(message=QUESTION, api_name="/chat"))
        assert len(limited) == 1 and "提问太频繁了" in limited[0] and "秒后再试" in limited[0]
        response = httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=30)
        assert response.status_code == 429 and response.json()["detail"] == limited[0]


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[Page, list[str]]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        dialogs: list[str] = []

        def on_dialog(dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        yield page, dialogs
        browser.close()


def test_browser_staff_chat(server: str, browser_page: tuple[Page, list[str]], tmp_path: Path) -> None:
    page, dialogs = browser_page
    page.goto(server + "/ui/", wait_until="load")
    box = page.locator("#question-box textarea")
    box.wait_for(timeout=30_000)
    assert page.get_by_text("示例问题", exact=False).count() + page.get_by_text("公务接待费增长原因是什么").count() >= 1
    box.fill(QUESTION)
    box.press("Enter")
    sources = page.get_by_text("来源 (", exact=False).first
    sources.wait_for(timeout=60_000)
    page.get_by_text("数字核验", exact=False).first.wait_for(timeout=30_000)
    sources.click()  # open the panel: the quote becomes visible
    page.wait_for_timeout(500)
    page.screenshot(path=tmp_path / "staff_chat.png", full_page=True)
    assert "公务接待" in page.locator("[data-testid=bot]").first.inner_text()

    box.fill(XSS)
    box.press("Enter")
    user_turn = page.locator("[data-testid=user]").last
    user_turn.wait_for(timeout=30_000)
    page.wait_for_function(LAST_BOT_DONE, timeout=30_000)
    page.wait_for_timeout(1000)
    assert user_turn.inner_text().strip() == XSS  # the typed markup is shown as text
    assert page.locator("[data-testid=user] img, [data-testid=bot] img").count() == 0
    assert dialogs == []
    page.screenshot(path=tmp_path / "staff_chat_xss.png", full_page=True)

    page.get_by_role("tab", name="报告核对").click()
    page.get_by_text("共核对", exact=False).first.wait_for(timeout=10_000)
    page.screenshot(path=tmp_path / "staff_audit.png")
    page.get_by_role("tab", name="报告浏览").click()
    page.get_by_text("原文", exact=True).first.wait_for(timeout=10_000)
    page.screenshot(path=tmp_path / "staff_browse.png")
    print("screenshots in", tmp_path)


def test_browser_embedded_widget(server: str, browser_page: tuple[Page, list[str]], tmp_path: Path) -> None:
    page, dialogs = browser_page
    page.goto(server + "/embed/demo", wait_until="load")
    widget = page.frame_locator("#helpdesk")
    widget.locator("#question").fill(QUESTION)
    widget.locator("#send").click()
    widget.locator(".sources li blockquote").first.wait_for(timeout=60_000)
    answer = widget.locator(".msg.bot").last.inner_text()
    assert "公务接待" in answer and "来源 (" in answer
    page.screenshot(path=tmp_path / "embed_demo.png", full_page=True)

    widget.locator("#question").fill(XSS)
    widget.locator("#send").click()
    user_turn = widget.locator(".msg.user").last
    user_turn.wait_for(timeout=10_000)
    widget.locator(".msg.pending").wait_for(state="detached", timeout=30_000)
    assert user_turn.inner_text() == XSS  # shown as text, not parsed
    assert widget.locator(".log img, .log script").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []
    page.screenshot(path=tmp_path / "embed_demo_xss.png", full_page=True)
