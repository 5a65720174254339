"""Load shedding for the answer path: a bounded number of answers in progress, fewer for long questions.

Past capacity a queue only turns into multi-second waits for everyone, so a request that would exceed a bound
is refused at once (503 + Retry-After, a Chinese message) instead of waiting. Long questions cost the most (the
assistant's work grows with the question's length), so at most `long_slots` of them are answered at a time: a
burst of them is shed while short questions keep their normal latency.

Hand-written: a counter under a lock is all this needs; the decision never blocks, so it cannot pile up threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_MESSAGE = "服务繁忙，请 {seconds} 秒后再试。"
RETRY_AFTER_S = 1


class Overloaded(Exception):
    """No slot for this request now; the message is for people."""

    def __init__(self, retry_after_s: int = RETRY_AFTER_S) -> None:
        super().__init__(BUSY_MESSAGE.format(seconds=retry_after_s))
        self.retry_after_s = retry_after_s


class Admission:
    def __init__(self, slots: int, long_slots: int, long_chars: int) -> None:
        self.slots = max(1, slots)
        self.long_slots = max(1, min(long_slots, self.slots))
        self.long_chars = long_chars
        self._lock = threading.Lock()
        self._busy = 0
        self._long = 0
        self.shed = 0  # requests refused so far (for logs and benchmarks)

    def is_long(self, question: str) -> bool:
        return len(question) > self.long_chars

    @contextmanager
    def slot(self, question: str) -> Iterator[None]:
        """Hold one answer slot for the block, or raise Overloaded at once."""
        long = self.is_long(question)
        with self._lock:
            if self._busy >= self.slots or (long and self._long >= self.long_slots):
                self.shed += 1
                raise Overloaded()
            self._busy += 1
            self._long += long
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1
                self._long -= long

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {"in_flight": self._busy, "long_in_flight": self._long, "shed": self.shed}
