"""`python -m ui` as deployed (a subprocess), started on a data dir whose Chroma store is damaged.

One server for the module: it must repair the store at start and report itself ready, then hold against a
spoofed X-Forwarded-For, an oversized staff-chat message, framing by other sites, invisible characters inside a
question, and personal data in questions (masked in its log, questions not logged at INFO). Each test talks
from its own loopback address (127.0.0.x), so each has its own rate-limit budget.
"""

from __future__ import annotations

import json
import os
import select
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from server_support import Served, client_from, copy_of_built, ui_server

pytestmark = pytest.mark.slow

ALLOWED_ORIGIN = "https://www.example.gov.cn"
LIMIT = 3
MB = 1024 * 1024
PII_QUESTIONS = [
    "我的身份证号是110101199003074578，帮我查下我的报销进度",
    "唐为之的手机号13812345678对吗",
    "请把公务接待费发到我的手机13812345678",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data_dir = copy_of_built(tmp_path_factory, "ui-hardening")
    store = data_dir / "chroma" / "chroma.sqlite3"
    with store.open("r+b") as handle:  # garbage over a third of the file: SQLite calls it malformed
        handle.seek(store.stat().st_size // 3)
        handle.write(os.urandom(8192))
    log = data_dir.parent / "server.log"
    with ui_server(
        data_dir,
        log,
        JUESUAN_RATE_LIMIT=str(LIMIT),
        JUESUAN_RATE_WINDOW_S="600",
        JUESUAN_CORS_ORIGINS=ALLOWED_ORIGIN,
    ) as served:
        yield served


def test_a_damaged_store_is_rebuilt_at_start_and_the_server_is_ready(server: Served) -> None:
    ready = httpx.get(server.base + "/api/ready", timeout=10)
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["status"] == "ok", body
    assert {name: c["status"] for name, c in body["components"].items()} == {
        "report": "ok",
        "facts": "ok",
        "search": "ok",
        "library": "ok",  # python -m ui serves the report library (of one here)
    }
    log = server.log_text()
    assert "is damaged" in log and "chroma.damaged-" in log  # moved aside, not deleted
    with client_from("127.0.0.7", server.base) as client:
        answer = client.post("/api/ask", json={"question": "公务接待费增长原因"}).json()
    assert answer["status"] == "answered" and answer["citations"][0]["section_id"] == "p2.c7.s2.i3"


def test_spoofed_forwarded_for_does_not_bypass_the_rate_limit(server: Served) -> None:
    """No proxy is trusted (JUESUAN_TRUSTED_PROXIES unset): every X-Forwarded-For is the same client, even from
    127.0.0.1, the address uvicorn would trust by default (a same-host proxy or tunnel)."""
    with client_from("127.0.0.1", server.base) as client:
        codes = [
            client.post(
                "/api/ask", json={"question": "本年收入合计是多少"}, headers={"X-Forwarded-For": f"203.0.113.{i}"}
            ).status_code
            for i in range(LIMIT + 1)
        ]
    assert codes == [200] * LIMIT + [429], codes


def _raw_post(port: int, path: str, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[str, int]:
    """Send a request by hand and stop as soon as the server answers; returns the status line and the body
    bytes sent by then (a server that reads everything first would make this wait for the whole body)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(head.encode() + b"\r\n")
        for chunk in chunks:
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        ready, _, _ = select.select([sock], [], [], 20)
        assert ready, "the server did not answer within 20 s"
        return sock.recv(4096).decode("latin1").split("\r\n")[0], sent


def test_an_oversized_staff_chat_message_is_refused_early(server: Served) -> None:
    """A 30 MB Gradio chat message: 413 before the body is read, and the server's memory does not grow."""
    port = int(server.base.rsplit(":", 1)[1])
    payload = json.dumps({"data": ["问" * (10 * MB), []], "fn_index": 0, "session_hash": "h4rd3n"}).encode()
    assert len(payload) > 30 * MB
    before = server.rss_kb()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(payload))}
    status, sent = _raw_post(port, "/ui/gradio_api/queue/join", headers, iter([payload[: 64 * 1024]]))
    assert " 413 " in status + " ", status

    def chunked() -> Iterator[bytes]:  # no Content-Length: the cap counts the streamed bytes
        piece = payload[: 64 * 1024]
        for _ in range(len(payload) // len(piece)):
            yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"

    status, sent = _raw_post(
        port,
        "/ui/gradio_api/queue/join",
        {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        chunked(),
    )
    assert " 413 " in status + " ", status
    assert sent < 8 * MB, f"{sent} bytes were accepted before the refusal"
    time.sleep(0.5)
    assert server.rss_kb() - before < 64 * 1024, (before, server.rss_kb())  # KiB: well under 64 MB
    assert httpx.get(server.base + "/api/health", timeout=10).status_code == 200


def test_staff_chat_and_docs_cannot_be_framed_by_other_sites(server: Served) -> None:
    for path in ("/ui/", "/docs"):
        response = httpx.get(server.base + path, timeout=30)
        assert response.status_code == 200
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"], path
        assert response.headers["x-frame-options"] == "SAMEORIGIN"
    widget = httpx.get(server.base + "/embed", timeout=30)  # the widget is for embedding: its own list
    assert f"frame-ancestors 'self' {ALLOWED_ORIGIN}" in widget.headers["content-security-policy"]
    assert "x-frame-options" not in widget.headers


def test_invisible_characters_are_stripped_not_rejected(server: Served) -> None:
    with client_from("127.0.0.4", server.base) as client:
        plain = client.post("/api/ask", json={"question": "公务接待费增长原因"}).json()
        hidden = client.post("/api/ask", json={"question": "\ufeff公务\u200b接待费\u200d增长\u2060原因\u200e"}).json()
    assert hidden["status"] == "answered", hidden
    assert hidden["answer"] == plain["answer"]


def test_personal_data_is_masked_and_questions_are_not_logged_at_info(server: Served) -> None:
    with client_from("127.0.0.3", server.base) as client:
        for question in PII_QUESTIONS:
            assert client.post("/api/ask", json={"question": question}).status_code == 200
    time.sleep(0.5)
    log = server.log_text()
    assert "POST /api/ask" in log  # the access log is there, so the log is being written
    for secret in ("110101199003074578", "13812345678", "1381234", "帮我查下我的报销进度"):
        assert secret not in log, secret
