"""Load shedding for the answer path: a few answers computed at once, a short bounded wait, then 503.

Answering is CPU work under one GIL: more threads than cores add no throughput, they only stretch every answer
and starve the event loop that reads new requests, so the queue grows where nothing can see it. So at most
`slots` answers run at once; a request waits for a slot (on the event loop, costing nothing) at most
`max_wait_s`, and past that, or when `max_queue` requests already wait, it is refused at once with 503 +
Retry-After and a Chinese message instead of joining a multi-second queue.

Long questions cost the most (the assistant's work grows with the question's length), so at most `long_slots`
of the slots hold one: a burst of long questions waits or is shed while short ones keep their normal latency.

`AnswerGate` applies this to the answer routes (/api/ask and the widget's /api/widget/ask) as ASGI middleware.
When the whole process is behind (the event loop itself runs late: too much work, or other programs on the
same cores), requests queue before any route sees them; the gate measures how late the loop runs and, while it
is later than `max_wait_s` on two ticks in a row, answers 503 before reading the body, so the backlog drains.

Hand-written: a counter and a FIFO of futures; anyio's CapacityLimiter has no "wait at most" nor per-kind
share, and the limits package counts rates, not work in progress.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BUSY_MESSAGE = "服务繁忙，请 {seconds} 秒后再试。"
RETRY_AFTER_S = 1


class Overloaded(Exception):
    """No slot for this request in time; the message is for people."""

    def __init__(self, retry_after_s: int = RETRY_AFTER_S) -> None:
        super().__init__(BUSY_MESSAGE.format(seconds=retry_after_s))
        self.retry_after_s = retry_after_s


@dataclass(eq=False)
class _Waiter:
    long: bool
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future = field(repr=False)
    granted: bool = False


def _wake(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


class Admission:
    def __init__(
        self, slots: int, long_slots: int, long_chars: int, max_wait_s: float = 0.25, max_queue: int = 256
    ) -> None:
        self.slots = max(1, slots)
        self.long_slots = max(1, min(long_slots, self.slots))
        self.long_chars = long_chars
        self.max_wait_s = max_wait_s
        self.max_queue = max_queue
        self._lock = threading.Lock()
        self._busy = 0
        self._long = 0
        self._waiting: deque[_Waiter] = deque()
        self.shed = 0  # requests refused so far (readiness report, benchmarks)

    def is_long(self, question: str) -> bool:
        return len(question) > self.long_chars

    def _fits(self, long: bool) -> bool:
        return self._busy < self.slots and (not long or self._long < self.long_slots)

    def _take(self, long: bool) -> None:
        self._busy += 1
        self._long += long

    @asynccontextmanager
    async def slot(self, question: str) -> AsyncIterator[None]:
        """Hold one answer slot for the block; raise Overloaded when none frees up in time."""
        long = self.is_long(question)
        await self.acquire(long)
        try:
            yield
        finally:
            self.release(long)

    async def acquire(self, long: bool) -> None:
        """Take a slot (a long-question one if `long`), waiting at most max_wait_s; else raise Overloaded."""
        with self._lock:
            if self._fits(long):  # every waiter that fits was granted when the state last changed
                self._take(long)
                return
            if len(self._waiting) >= self.max_queue:
                self.shed += 1
                raise Overloaded()
            loop = asyncio.get_running_loop()
            waiter = _Waiter(long, loop, loop.create_future())
            self._waiting.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter.future), timeout=self.max_wait_s)
        except TimeoutError:
            with self._lock:
                if waiter.granted:  # the slot came just as the wait ran out: use it
                    return
                self._waiting.remove(waiter)
                self.shed += 1
            raise Overloaded() from None
        except BaseException:  # the request was cancelled while waiting: give back whatever it holds
            with self._lock:
                if not waiter.granted:
                    self._waiting.remove(waiter)
                    raise
            self.release(long)
            raise

    def release(self, long: bool) -> None:
        with self._lock:
            self._busy -= 1
            self._long -= long
            self._grant()

    def _grant(self) -> None:
        """Give free slots to waiters in arrival order (a long waiter only when a long slot is free)."""
        for waiter in list(self._waiting):
            if not self._fits(waiter.long):
                if self._busy >= self.slots:
                    return
                continue
            self._waiting.remove(waiter)
            self._take(waiter.long)
            waiter.granted = True
            waiter.loop.call_soon_threadsafe(_wake, waiter.future)

    def count_shed(self) -> None:
        with self._lock:
            self.shed += 1

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {
                "in_flight": self._busy,
                "long_in_flight": self._long,
                "waiting": len(self._waiting),
                "shed": self.shed,
            }


class LoopLag:
    """How late the event loop runs, measured by a task that sleeps `period_s` and checks when it woke."""

    def __init__(self, period_s: float = 0.02) -> None:
        self.period_s = period_s
        self.lag_s = 0.0
        self._last = 0.0
        self._task: asyncio.Task | None = None

    def ensure_running(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._measure())

    async def _measure(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.period_s)
            late = time.perf_counter() - started - self.period_s
            # the smaller of the last two: a single stall (a first query loading an index) is not overload
            self.lag_s, self._last = min(late, self._last), late


ANSWER_PATHS = ("/api/ask", "/api/widget/ask")  # the doors that compute an answer (the chat has Gradio's queue)


class AnswerGate:
    """ASGI middleware: an answer route runs only inside an admission slot. While the event loop runs later
    than `max_wait_s` the request is refused before its body is read; otherwise the (already size-capped) body
    is read to see whether the question is long, a slot is awaited, and the body is replayed to the route."""

    def __init__(self, app: ASGIApp, admission: Admission, paths: tuple[str, ...] = ANSWER_PATHS) -> None:
        self.app = app
        self.admission = admission
        self.paths = frozenset(paths)
        self.lag = LoopLag()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        self.lag.ensure_running()
        if self.lag.lag_s > self.admission.max_wait_s:
            self.admission.count_shed()
            await _send_503(send, Overloaded())
            return
        messages: list[Message] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        if messages[-1]["type"] == "http.disconnect":  # the client left, or the body cap has answered 413
            return
        long = self.admission.is_long(_question(b"".join(m.get("body", b"") for m in messages)))
        try:
            await self.admission.acquire(long)
        except Overloaded as busy:
            await _send_503(send, busy)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        try:
            await self.app(scope, replay, send)
        finally:
            self.admission.release(long)


def _question(body: bytes) -> str:
    """The question of an ask body, "" when there is none (the route then answers 422 itself)."""
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    question = data.get("question") if isinstance(data, dict) else None
    return question if isinstance(question, str) else ""


async def _send_503(send: Send, busy: Overloaded) -> None:
    body = json.dumps({"detail": str(busy)}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(busy.retry_after_s).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
