"""The circuit breaker around Chroma calls: opens after failures in a row, fails fast while open, lets one
trial through after the reset time, and never holds its lock during a call (a hung call blocks nobody)."""

from __future__ import annotations

import threading
import time

import pytest

from index.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, ServiceUnavailable


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _fail() -> None:
    raise TimeoutError("read timed out")


def test_opens_after_failures_in_a_row_then_half_opens_and_closes() -> None:
    clock = Clock()
    breaker = CircuitBreaker("Chroma", failures=2, reset_s=10, clock=clock)
    assert breaker.call(lambda: 1) == 1
    with pytest.raises(TimeoutError):
        breaker.call(_fail)
    assert breaker.call(lambda: 2) == 2  # a success in between resets the count
    for _ in range(2):
        with pytest.raises(TimeoutError):
            breaker.call(_fail)
    assert breaker.state == OPEN
    with pytest.raises(ServiceUnavailable, match="read timed out"):
        breaker.call(lambda: 3)  # not called at all
    clock.now = 10.5
    assert breaker.state == HALF_OPEN
    with pytest.raises(TimeoutError):
        breaker.call(_fail)  # the trial fails: open again, for another reset period
    assert breaker.state == OPEN
    clock.now = 21
    assert breaker.call(lambda: 4) == 4 and breaker.state == CLOSED


def test_only_one_trial_at_a_time_and_no_lock_held_during_calls() -> None:
    clock = Clock()
    breaker = CircuitBreaker("Chroma", failures=1, reset_s=1, clock=clock)
    with pytest.raises(TimeoutError):
        breaker.call(_fail)
    clock.now = 2
    started, release = threading.Event(), threading.Event()

    def slow_trial() -> str:
        started.set()
        release.wait(5)
        return "back"

    result: list[str] = []
    trial = threading.Thread(target=lambda: result.append(breaker.call(slow_trial)))
    trial.start()
    assert started.wait(5)
    begun = time.monotonic()
    with pytest.raises(ServiceUnavailable):  # a second caller is not a second trial, and is not blocked
        breaker.call(lambda: "no")
    assert time.monotonic() - begun < 0.5
    release.set()
    trial.join(5)
    assert result == ["back"] and breaker.state == CLOSED
