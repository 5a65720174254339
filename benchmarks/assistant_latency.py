"""Latency of Assistant.ask over the gold questions, cold and warm (prints figures; targets: warm p50 ≤ 50 ms,
p95 ≤ 200 ms).

Cold: every question asked for the first time, with the search index's query cache emptied before each one
(so the query embedding is computed). Warm: the same questions asked again, the cache holding their vectors.
Then the same for the everyday phrases of the matcher's calibration set, whose spans the matcher embeds.

python benchmarks/assistant_latency.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time

from assistant.service import Assistant
from corpus import Settings
from evals.calibrate import load_phrases
from evals.gold import load_gold


def _clear_cache(assistant: Assistant) -> None:
    for owner in (assistant.index, getattr(assistant.matcher, "vectors", None)):
        clear = getattr(owner, "clear_cache", None)
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
    # Everyday phrases (the matcher's calibration set for this report): the ones that embed question spans.
    phrases = [p.said for p in load_phrases() if p.report == assistant.report.id]
    if phrases:
        cold, warm = [], []
        for said in phrases:
            _clear_cache(assistant)
            cold.append(assistant.ask(said).latency_ms)
        for said in phrases:  # fill the caches the cold pass emptied one phrase at a time
            assistant.ask(said)
        for _ in range(rounds):
            warm += [assistant.ask(said).latency_ms for said in phrases]
        print(_summary("everyday phrases, cold        ", cold))
        print(_summary("everyday phrases, warm        ", warm))


if __name__ == "__main__":
    main()
