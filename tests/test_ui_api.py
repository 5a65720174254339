"""The public helpdesk API, the widget pages and the public limits, against the real app and assistant."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from index_support import built_settings

from assistant.service import Assistant
from corpus import Settings
from ui.app import create_app
from ui.chat import chat_fn
from ui.render import WORKING_TEXT, md_plain, md_text

ALLOWED_ORIGIN = "https://www.example.gov.cn"
CJK = re.compile(r"[\u4e00-\u9fff]")
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # The session's one built index (tests/index_support.py), shared with the other test modules.
    return built_settings(tmp_path_factory).with_(cors_origins=(ALLOWED_ORIGIN,))


@pytest.fixture(scope="module")
def assistant(settings: Settings) -> Assistant:
    return Assistant(settings)


@pytest.fixture(scope="module")
def client(settings: Settings, assistant: Assistant) -> TestClient:
    with TestClient(create_app(settings, assistant)) as test_client:
        yield test_client


def ask(client: TestClient, question: str, history: list | None = None, **kwargs):
    return client.post("/api/ask", json={"question": question, "history": history or []}, **kwargs)


def test_happy_path_answers_with_quote_and_verified_numbers(client: TestClient, assistant: Assistant) -> None:
    response = ask(client, "公务接待费增长原因")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"status", "answer", "citations", "checks", "numbers", "latency_ms", "route", "plan"}
    assert data["status"] == "answered"
    assert "[1]" in data["answer"]
    assert data["citations"], data
    citation = data["citations"][0]
    assert set(citation) == {"n", "section_id", "heading", "page", "quote"}
    assert citation["quote"] and citation["quote"] in assistant.report.clean_text
    assert "公务接待" in citation["heading"]
    assert data["numbers"] and all(n["verified"] for n in data["numbers"]), data["numbers"]
    assert response.headers["cache-control"] == "no-store"


def test_follow_up_uses_history(client: TestClient) -> None:
    first = ask(client, "公务接待费是多少？").json()
    assert first["status"] == "answered"
    history = [{"role": "user", "content": "公务接待费是多少？"}, {"role": "assistant", "content": first["answer"]}]
    follow = ask(client, "增长原因呢？", history).json()
    assert follow["status"] == "answered"
    assert any("公务接待" in c["heading"] for c in follow["citations"])


def test_empty_question_is_rejected_in_chinese(client: TestClient) -> None:
    for question in ["", "   "]:
        data = ask(client, question).json()
        assert data["status"] == "rejected"
        assert CJK.search(data["answer"]) and not data["citations"]


def test_too_long_question_gets_422_in_chinese(client: TestClient, settings: Settings) -> None:
    response = ask(client, "公务接待费" * (settings.max_question_chars // 5 + 1))
    assert response.status_code == 422
    assert str(settings.max_question_chars) in response.json()["detail"]
    assert CJK.search(response.json()["detail"])


@pytest.mark.parametrize(
    "body",
    [
        b"{bad json",
        b"\xff\xfe\x00binary",
        b"",
        b"[]",
        b'{"question": 123}',
        b'{"history": []}',
        b'{"question": "x", "history": [{"role": "system"}]}',
    ],
)
def test_bad_request_bodies_get_422_in_chinese(client: TestClient, body: bytes) -> None:
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert CJK.search(detail) and "Traceback" not in response.text


def test_body_over_cap_gets_413(client: TestClient, settings: Settings) -> None:
    big = json.dumps({"question": "问" * settings.max_body_bytes}).encode()
    response = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and CJK.search(response.json()["detail"])

    def chunks():  # no Content-Length: the streamed bytes are counted instead
        yield b'{"question": "'
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b"a" * 1000
        yield b'"}'

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_rate_limit_429_with_retry_after(settings: Settings, assistant: Assistant) -> None:
    limited = settings.with_(rate_limit=3, rate_window_s=60.0)
    with TestClient(create_app(limited, assistant)) as fresh:
        codes = [ask(fresh, "").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        blocked = ask(fresh, "公务接待费增长原因")
        assert blocked.status_code == 429
        assert 1 <= int(blocked.headers["retry-after"]) <= 60
        assert CJK.search(blocked.json()["detail"])
        assert fresh.get("/api/health").status_code == 200  # reads are not limited


def test_cors_allowlist(client: TestClient) -> None:
    allowed = ask(client, "", headers={"Origin": ALLOWED_ORIGIN})
    assert allowed.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN
    other = ask(client, "", headers={"Origin": "https://evil.example.com"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options(
        "/api/ask",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    denied = client.options(
        "/api/ask", headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"}
    )
    assert denied.status_code == 400


@pytest.mark.parametrize("payload", XSS)
def test_markup_comes_back_as_inert_json(client: TestClient, payload: str) -> None:
    response = ask(client, f"公务接待费增长原因{payload}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    data = response.json()
    assert data["status"] in {"answered", "rejected", "not_found"} and CJK.search(data["answer"])


def test_embed_pages_render_with_text_content_only(client: TestClient, settings: Settings) -> None:
    widget = client.get("/embed")
    assert widget.status_code == 200 and widget.headers["content-type"].startswith("text/html")
    csp = widget.headers["content-security-policy"]
    assert "script-src 'self'" in csp and f"frame-ancestors 'self' {ALLOWED_ORIGIN}" in csp
    assert re.search(r"<script>(?!</script>)", widget.text) is None  # no inline script: CSP would block it
    assert f'data-max-chars="{settings.max_question_chars}"' in widget.text
    script = client.get("/embed/static/embed.js")
    assert script.status_code == 200
    assert "textContent" in script.text and "innerHTML" not in script.text.replace("never innerHTML", "")
    assert "api/ask" in script.text and "citations" in script.text
    demo = client.get("/embed/demo")
    assert demo.status_code == 200 and '<iframe id="helpdesk" src="../embed"' in demo.text
    assert client.get("/embed/static/embed.css").status_code == 200


def test_health_docs_and_staff_redirect(client: TestClient, assistant: Assistant) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["sections"] == len(assistant.report.sections)
    assert client.get("/openapi.json").json()["paths"]["/api/ask"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn." not in docs.text  # offline-capable docs
    root = client.get("/", follow_redirects=False)
    assert root.status_code in (302, 307) and root.headers["location"] == "/ui/"
    assert client.get("/ui/").status_code == 200


def test_public_side_is_read_only(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    writable = sorted(path for path, ops in paths.items() if set(ops) & {"post", "put", "patch", "delete"})
    assert writable == ["/api/ask"]
    for method in ("put", "delete", "patch"):
        assert client.request(method, "/api/ask").status_code == 405


def test_staff_chat_follow_up_reads_only_real_turns(assistant: Assistant) -> None:
    respond = chat_fn(assistant)
    first = list(respond("公务接待费是多少？", []))[-1]
    assert first[0]["content"] != WORKING_TEXT
    # The history as Gradio hands it back: text parts, escaped user text, and the panel messages.
    history = [{"role": "user", "content": [{"type": "text", "text": md_text("公务接待费是多少？")}]}, *first]
    steps = list(respond("增长原因呢？", history))
    assert steps[0][0]["content"] == WORKING_TEXT and len(steps) > 2  # streamed
    final = steps[-1]
    titles = [(m.get("metadata") or {}).get("title", "") for m in final]
    assert titles[1].startswith("来源 (") and titles[2].startswith("数字核验")
    assert "公务接待" in final[1]["content"] and "原因" in md_plain(final[0]["content"])
