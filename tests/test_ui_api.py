"""The public helpdesk API, the widget pages and the public limits, against the real app and assistant."""

from __future__ import annotations

import json
import re

import pytest
from assistant_support import ANSWER_KEYS, CITATION_KEYS
from fastapi.testclient import TestClient
from index_support import built_settings

from assistant.service import Assistant
from corpus import Settings
from ui.app import create_app
from ui.chat import StaffChat
from ui.logged import LoggedAssistant
from ui.question_log import Filters, QuestionLog
from ui.render import md_plain, md_text
from ui.staff_auth import COOKIE

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
def questions(tmp_path_factory: pytest.TempPathFactory) -> QuestionLog:
    log = QuestionLog(f"sqlite:///{tmp_path_factory.mktemp('question-log') / 'questions.sqlite'}")
    yield log
    log.dispose()


@pytest.fixture(scope="module")
def client(settings: Settings, assistant: Assistant, questions: QuestionLog) -> TestClient:
    with TestClient(create_app(settings, assistant, questions)) as test_client:
        yield test_client


def ask(client: TestClient, question: str, history: list | None = None, **kwargs):
    return client.post("/api/ask", json={"question": question, "history": history or []}, **kwargs)


def test_happy_path_answers_with_quote_and_verified_numbers(client: TestClient, assistant: Assistant) -> None:
    response = ask(client, "公务接待费增长原因")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == ANSWER_KEYS
    assert data["status"] == "answered" and data["suggestions"] == []
    assert "[1]" in data["answer"]
    assert data["citations"], data
    citation = data["citations"][0]
    assert set(citation) == CITATION_KEYS
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


def test_a_vague_question_is_asked_back_with_suggestions(client: TestClient, questions: QuestionLog) -> None:
    data = ask(client, "完成率多少啊").json()
    assert data["status"] == "clarify" and 2 <= len(data["suggestions"]) <= 4 and not data["citations"]
    widget = client.post("/api/widget/ask", json={"question": "完成率多少啊", "history": []}).json()
    assert widget["view"]["status"] == "clarify" and widget["view"]["suggestions"] == widget["answer"]["suggestions"]
    entry = questions.get(widget["id"])
    assert entry is not None and entry.status == "clarify"
    schema = client.get("/openapi.json").json()["components"]["schemas"]["AnswerOut"]["properties"]
    assert "clarify" in schema["status"]["enum"] and "suggestions" in schema


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
    assert "api/widget/ask" in script.text and "api/feedback" in script.text and "sources" in script.text
    demo = client.get("/embed/demo")
    assert demo.status_code == 200 and '<iframe id="helpdesk" src="../embed"' in demo.text
    assert "max-width:100%" in demo.text and "右侧" not in demo.text
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
    """Nothing public can change the index: the only writes are questions and feedback on answers."""
    paths = client.get("/openapi.json").json()["paths"]
    writable = sorted(path for path, ops in paths.items() if set(ops) & {"post", "put", "patch", "delete"})
    assert writable == ["/api/ask", "/api/feedback"]
    for method in ("put", "delete", "patch"):
        assert client.request(method, "/api/ask").status_code == 405


def test_staff_chat_follow_up_reads_only_real_turns(assistant: Assistant, settings: Settings) -> None:
    chat = StaffChat(LoggedAssistant(assistant, None, "staff"), settings)
    first = chat.api_chat("公务接待费花了多少", [], None)
    assert "公务接待" in md_plain(first[0]["content"])
    # The history as Gradio hands it back: text parts, escaped user text, the links, the panel messages.
    history = [{"role": "user", "content": [{"type": "text", "text": md_text("公务接待费花了多少")}]}, *first]
    steps = list(chat.turn("增长原因呢？", history, None))
    assert len(steps) > 3 and steps[-1][0] == "done"  # streamed, then finished
    view = steps[-1][1]
    final = steps[-2][1]
    titles = [(m.get("metadata") or {}).get("title", "") for m in final]
    assert titles[1].startswith("来源（") and titles[2].startswith("数字核验")
    assert "公务接待" in final[1]["content"] and "原因" in view.text


def test_widget_answer_carries_its_view_and_feedback_is_stored(client: TestClient, questions: QuestionLog) -> None:
    response = client.post("/api/widget/ask", json={"question": "公务接待费增长原因", "history": []})
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    data = response.json()
    assert set(data) == {"id", "answer", "view"} and data["answer"]["status"] == "answered"
    view = data["view"]
    assert view["sources"] and view["sources"][0]["n"] == 1 and view["sources"][0]["path"]
    assert "来源：" in view["plain"] and "\\" not in view["plain"] and view["number_summary"].startswith("数字核验：")
    assert "section_id" in view["sources"][0] and view["sources"][0]["section_id"] not in view["plain"]
    entry = questions.get(data["id"])
    assert entry is not None and entry.channel == "widget" and entry.status == "answered"
    vote = client.post("/api/feedback", json={"id": data["id"], "rating": "down", "comment": "请回电13812345678"})
    assert vote.status_code == 204
    stored = questions.get(data["id"])
    assert stored.feedback == "down" and stored.comment == "请回电[手机号]"
    unknown = client.post("/api/feedback", json={"id": "0" * 32, "rating": "up"})
    assert unknown.status_code == 404 and CJK.search(unknown.json()["detail"])
    assert client.post("/api/feedback", json={"id": data["id"], "rating": "meh"}).status_code == 422
    long = client.post("/api/widget/ask", json={"question": "问" * 501})
    assert long.status_code == 422 and CJK.search(long.json()["detail"])


def test_api_questions_are_logged_without_changing_the_contract(client: TestClient, questions: QuestionLog) -> None:
    before = questions.counts(Filters(channel="api"))["total"]
    data = ask(client, "三公经费上一年是多少").json()
    assert set(data) == ANSWER_KEYS
    assert questions.counts(Filters(channel="api"))["total"] == before + 1


@pytest.mark.parametrize("path", ["/", "/embed", "/embed/demo", "/api/health", "/docs", "/favicon.ico", "/ui/"])
def test_head_is_allowed_where_get_is(client: TestClient, path: str) -> None:
    get = client.get(path, follow_redirects=False)
    head = client.head(path, follow_redirects=False)
    assert head.status_code == get.status_code and head.status_code in (200, 307)
    assert head.content == b""


def test_favicon_and_no_cdn_redoc(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert (
        icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon" and icon.content[:4] == b"\0\0\1\0"
    )
    assert client.get("/redoc").status_code == 404


def test_staff_sign_in(settings: Settings, assistant: Assistant, tmp_path) -> None:
    """With JUESUAN_STAFF_TOKEN set, /ui needs the token; the public API and widget never do."""
    log = QuestionLog(f"sqlite:///{tmp_path / 'q.sqlite'}")
    token = "s3cret-staff-token"
    with TestClient(create_app(settings.with_(staff_token=token), assistant, log)) as fresh:
        page = fresh.get("/ui/", headers={"accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/staff/login?next=")
        api = fresh.get("/ui/config", follow_redirects=False)
        assert api.status_code == 401 and CJK.search(api.json()["detail"])
        assert fresh.get("/staff/login").status_code == 200 and "工作人员口令" in fresh.get("/staff/login").text
        wrong = fresh.post("/staff/login", data={"token": "nope", "next": "/ui/"}, follow_redirects=False)
        assert wrong.status_code == 401 and COOKIE not in wrong.cookies
        evil = fresh.post(
            "/staff/login", data={"token": token, "next": "https://evil.example/"}, follow_redirects=False
        )
        assert evil.status_code == 303 and evil.headers["location"] == "/ui/"
        assert "httponly" in evil.headers["set-cookie"].lower() and "samesite=lax" in evil.headers["set-cookie"].lower()
        assert fresh.get("/ui/", follow_redirects=False).status_code == 200  # the cookie is kept by the client
        fresh.cookies.clear()
        assert fresh.get("/ui/", headers={"authorization": f"Bearer {token}"}).status_code == 200
        assert fresh.get("/ui/config", headers={"cookie": f"{COOKIE}=1.forged"}).status_code == 401
        assert ask(fresh, "公务接待费增长原因").status_code == 200
        assert fresh.get("/embed").status_code == 200
    log.dispose()
