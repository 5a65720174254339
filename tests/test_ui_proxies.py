"""Forwarded client addresses: believed only from a proxy listed in JUESUAN_TRUSTED_PROXIES.

Served the way `python -m ui` serves (ui.__main__.server_config: uvicorn with its own proxy handling off), in a
thread. A listed proxy's X-Forwarded-For is each visitor's own rate-limit budget; the same header from anyone
else changes nothing. (The unlisted case against the real subprocess is in test_ui_hardening.py.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from index_support import built_settings
from server_support import client_from, free_port

from ui.__main__ import server_config
from ui.app import create_app

pytestmark = pytest.mark.slow
LIMIT = 2
PROXY = "127.0.0.5"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, assistant) -> Iterator[str]:
    settings = built_settings(tmp_path_factory).with_(
        host="127.0.0.1", port=free_port(), rate_limit=LIMIT, rate_window_s=600, trusted_proxies=(PROXY,)
    )
    server = uvicorn.Server(server_config(create_app(settings, assistant), settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://{settings.host}:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _asks(client: httpx.Client, forwarded: list[str]) -> list[int]:
    return [
        client.post("/api/ask", json={"question": "本年收入合计是多少"}, headers={"X-Forwarded-For": f}).status_code
        for f in forwarded
    ]


def test_a_listed_proxy_is_believed_visitor_by_visitor(base: str) -> None:
    with client_from(PROXY, base) as proxy:
        assert _asks(proxy, ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"]) == [200] * 4
        assert _asks(proxy, ["198.51.100.9"] * (LIMIT + 1)) == [200] * LIMIT + [429]
        # a visitor cannot prepend a fake address: the proxy appends the real one, and the rightmost
        # untrusted address is the client
        spoofed = [f"10.9.9.{i}, 198.51.100.9" for i in range(2)]
        assert _asks(proxy, spoofed) == [429, 429]


def test_anyone_else_sending_the_header_is_one_client(base: str) -> None:
    with client_from("127.0.0.6", base) as stranger:
        assert _asks(stranger, [f"198.51.100.{i}" for i in range(20, 20 + LIMIT + 1)]) == [200] * LIMIT + [429]
