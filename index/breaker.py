"""A circuit breaker for calls to a remote service (the Chroma server today).

closed → after `failures` failures in a row → open: calls fail at once with `ServiceUnavailable`
→ after `reset_s` one trial call goes through (half-open) → closed again if it succeeds, open again if not.

Hand-written on purpose: pybreaker, the maintained synchronous one, holds its lock for the whole call, so a
single hung call would block every other caller (and the readiness probe) until its timeout; aiobreaker and
purgatory are asyncio-only. Here the lock only guards the state, never a call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class ServiceUnavailable(Exception):
    """The breaker is open: the service failed recently and is not called; the message is for people."""


class CircuitBreaker:
    def __init__(self, name: str, failures: int, reset_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.failures = max(1, int(failures))
        self.reset_s = float(reset_s)
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._failed = 0  # consecutive failures while closed
        self._opened_at = 0.0
        self._trial = False  # a half-open trial call is in flight
        self.last_error = ""

    @property
    def state(self) -> str:
        with self._lock:
            if self._state == OPEN and self._clock() - self._opened_at >= self.reset_s:
                return HALF_OPEN  # the next call will be let through as a trial
            return self._state

    def call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        trial = self._admit()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            self._failure(exc, trial)
            raise
        self._success(trial)
        return result

    def _admit(self) -> bool:
        """Whether the call is a half-open trial; raises when the breaker is open."""
        with self._lock:
            if self._state == CLOSED:
                return False
            waited = self._clock() - self._opened_at
            if self._state == OPEN and waited >= self.reset_s and not self._trial:
                self._state, self._trial = HALF_OPEN, True
                log.info("%s: trying again after %.1f s", self.name, waited)
                return True
            raise ServiceUnavailable(f"{self.name} 暂时不可用（{self.last_error or '连续出错'}），稍后自动重试。")

    def _failure(self, exc: Exception, trial: bool) -> None:
        with self._lock:
            self.last_error = f"{type(exc).__name__}: {exc}"[:200]
            if trial:
                self._trial = False
            else:
                self._failed += 1
                if self._state != CLOSED or self._failed < self.failures:
                    return
            was_open = self._state != CLOSED
            self._state, self._opened_at, self._failed = OPEN, self._clock(), 0
        if not was_open:
            log.warning("%s unavailable (%s): circuit open for %.0f s", self.name, self.last_error, self.reset_s)

    def _success(self, trial: bool) -> None:
        with self._lock:
            recovered = self._state != CLOSED and trial
            self._failed = 0
            if trial:
                self._trial = False
                self._state = CLOSED
        if recovered:
            log.warning("%s is back: circuit closed", self.name)
