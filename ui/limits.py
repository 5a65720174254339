"""Public-side limits: a per-client sliding-window rate limiter and a request-body size cap on every route.

Hand-written on purpose: the only ready-made options (slowapi / limits) are not installed, pull in a
storage abstraction we do not need, and count fixed windows. The helpdesk runs as one process that owns
its index, so an in-memory log of request times per client is exact and enough; a multi-process
deployment would need a shared store instead.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE_MESSAGE = "请求内容过大，请缩短问题后再试。"


class RateLimiter:
    """At most `limit` hits per `window_s` seconds per key, over a sliding window; `limit` 0 = no limit."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def hit(self, key: str) -> float:
        """Record one request; return 0 if allowed, else the seconds until the client may retry."""
        if self.limit <= 0:
            return 0.0
        now = self._clock()
        with self._lock:
            self._sweep(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(hits[0] + self.window_s - now, 0.001)
            hits.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        """Forget clients idle for a whole window, so memory stays bounded by the active clients."""
        if now - self._last_sweep < self.window_s:
            return
        self._last_sweep = now
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window_s]:
            del self._hits[key]


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
