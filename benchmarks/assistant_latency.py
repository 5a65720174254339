"""Latency of Assistant.ask over the gold questions, cold and warm (prints figures; targets: warm p50 ≤ 50 ms,
p95 ≤ 200 ms).

Cold: every question asked for the first time, with the search index's query cache emptied before each one
(so the query embedding is computed). Warm: the same questions asked again, the cache holding their vectors.

python benchmarks/assistant_latency.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time

from assistant.service import Assistant
from corpus import Settings
from evals.gold import load_gold


def _clear_cache(assistant: Assistant) -> None:
    clear = getattr(assistant.index, "clear_cache", None)
    if callable(clear):
        clear()


def _summary(label: str, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"{label}: asks {len(ordered)}  p50 {statistics.median(ordered):.1f} ms  p95 {p95:.1f} ms  "
        f"max {ordered[-1]:.1f} ms"
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    started = time.perf_counter()
    assistant = Assistant(Settings.from_env())
    print(f"construction: {time.perf_counter() - started:.2f} s")
    items = load_gold()
    cold = []
    for item in items:
        _clear_cache(assistant)
        cold.append(assistant.ask(item.question, item.history_list).latency_ms)
    warm = []
    for _ in range(rounds):
        for item in items:
            warm.append(assistant.ask(item.question, item.history_list).latency_ms)
    print(_summary("cold (first time, no cache hit)", cold))
    print(_summary("warm (query cache filled)     ", warm))


if __name__ == "__main__":
    main()
