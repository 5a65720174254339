"""Warm latency of Assistant.ask over the gold questions (prints figures; targets: p50 ≤ 50 ms, p95 ≤ 200 ms).

python benchmarks/assistant_latency.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time

from assistant.service import Assistant
from corpus import Settings
from evals.gold import load_gold


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    started = time.perf_counter()
    assistant = Assistant(Settings.from_env())
    print(f"construction: {time.perf_counter() - started:.2f} s")
    items = load_gold()
    for item in items:  # warm-up: query embeddings and caches
        assistant.ask(item.question, item.history_list)
    latencies = []
    for _ in range(rounds):
        for item in items:
            latencies.append(assistant.ask(item.question, item.history_list).latency_ms)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"asks: {len(latencies)}  p50: {statistics.median(latencies):.1f} ms  p95: {p95:.1f} ms  "
        f"max: {latencies[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
