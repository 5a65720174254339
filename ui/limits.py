"""Public-side limits: a per-client rate limiter (the `limits` package: memory, or Redis shared by every
process of the service) and a request-body size cap on every route (hand-written ASGI middleware: it must
answer before a route reads the body, which no installed library does for every route, Gradio's included).
"""

from __future__ import annotations

import json
import logging
import math
import re
import time

from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
# A Redis that hangs must not hang the request that asks it.
REDIS_OPTIONS: dict[str, float] = {"socket_timeout": 1.0, "socket_connect_timeout": 1.0}

TOO_LARGE_MESSAGE = "请求内容过大，请缩短问题后再试。"


class RateLimiter:
    """At most `limit` hits per `window_s` seconds per key, over a moving window; `limit` 0 = no limit.

    The counting is the `limits` package's (its moving-window strategy) in the storage `storage_url` names:
    `memory://` counts in this process; `redis://host:port/db` counts in Redis, so every process of the service
    shares one budget per client (JUESUAN_RATE_STORAGE_URL). Windows are whole seconds (rounded up). A storage
    that does not answer lets the request through (logged): the helpdesk stays up when Redis is down.
    """

    def __init__(self, limit: int, window_s: float, storage_url: str = "memory://", namespace: str = "public") -> None:
        self.limit = limit
        self.window_s = window_s
        self.namespace = namespace
        self.storage_url = storage_url
        if limit > 0:
            options = REDIS_OPTIONS if storage_url.startswith(("redis", "rediss")) else {}
            self.storage = storage_from_string(storage_url, **options)
            self.strategy = MovingWindowRateLimiter(self.storage)
            self.item = RateLimitItemPerSecond(limit, max(1, math.ceil(window_s)))
        self._warned = 0.0

    def hit(self, key: str) -> float:
        """Record one request; return 0 if allowed, else the seconds until the client may retry."""
        if self.limit <= 0:
            return 0.0
        try:
            if self.strategy.hit(self.item, self.namespace, key):
                return 0.0
            stats = self.strategy.get_window_stats(self.item, self.namespace, key)
        except Exception as exc:  # the shared storage is unreachable: fail open, and say so (at most once a minute)
            if time.monotonic() - self._warned > 60:
                self._warned = time.monotonic()
                where = _safe(self.storage_url)
                log.error("rate-limit storage %s unavailable, requests are not limited: %s", where, exc)
            return 0.0
        return max(stats.reset_time - time.time(), 0.001)


def _safe(url: str) -> str:
    """A storage URL without its password, for the log."""
    return re.sub(r"://[^@/]*@", "://***@", url)


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))


def too_frequent_message(seconds: float) -> str:
    """What a client over its limit is told, in the API's 429 and in the chat alike."""
    return f"提问太频繁了，请 {retry_after_header(seconds)} 秒后再试。"


class BodySizeLimit:
    """ASGI middleware: answer 413 when a request body exceeds its route's cap, on every route.

    `max_bytes` is the cap; `larger` gives other caps by path prefix (the staff chat sends the conversation
    shown so far with each message). Checks Content-Length up front, before anything reads the body, and also
    counts streamed chunks, so a chunked upload without a length cannot get past the cap either.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = sorted((larger or {}).items(), key=lambda item: -len(item[0]))

    def cap(self, path: str) -> int:
        return next((limit for prefix, limit in self.larger if path.startswith(prefix)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.cap(scope["path"])
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await _send_413(send)
                    return
        received = 0
        started = False  # the app has begun its response
        rejected = False  # we answered 413 ourselves; whatever the app sends after is dropped

        async def counting_receive() -> Message:
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request" and not rejected:
                received += len(message.get("body", b""))
                if received > max_bytes and not started:
                    # Answer now and tell the app the client left: it stops reading and its reply is dropped.
                    rejected = True
                    await _send_413(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


async def _send_413(send: Send) -> None:
    body = json.dumps({"detail": TOO_LARGE_MESSAGE}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
