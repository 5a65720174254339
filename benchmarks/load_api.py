"""Load benchmark for the public API: N concurrent clients for D seconds against POST /api/ask.

Starts `python -m ui` on a free loopback port (rate limit raised through JUESUAN_RATE_LIMIT), waits for
/api/health, runs bounded client loops, prints requests/s, answers/s, p50/p95 latency and the error count,
then stops the server it started. Loopback only. Run: `python benchmarks/load_api.py [--clients 50 --seconds 60]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.local_server import free_port, stop, wait_until_up  # noqa: E402

QUESTIONS = [
    "公务接待费增长原因",
    "公务接待费用了多少？",
    "“三公”经费支出决算是多少？",
    "本年收入合计一共多少？",
    "公务用车运行维护费为什么减少？",
    "机关运行经费支出是多少？",
    "政府采购支出总额是多少？",
    "一般公共预算财政拨款基本支出是多少？",
]
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on each loop besides the deadline


def start_server(port: int, data_dir: str, concurrency: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        JUESUAN_HOST="127.0.0.1",
        JUESUAN_PORT=str(port),
        JUESUAN_DATA_DIR=data_dir,
        JUESUAN_RATE_LIMIT="100000000",
        JUESUAN_QUEUE_CONCURRENCY=str(concurrency),
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
    )
    log = open(Path(tempfile.gettempdir()) / f"load_api_server_{port}.log", "w")  # noqa: SIM115 (kept open for the child)
    return subprocess.Popen([sys.executable, "-m", "ui"], env=env, stdout=log, stderr=subprocess.STDOUT)


async def client_loop(client: httpx.AsyncClient, n: int, deadline: float, latencies: list[float], counts: dict) -> None:
    for i in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        question = QUESTIONS[(n + i) % len(QUESTIONS)]
        start = time.perf_counter()
        try:
            response = await client.post("/api/ask", json={"question": question, "history": []})
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                counts["errors"] += 1
                counts.setdefault(f"http_{response.status_code}", 0)
                counts[f"http_{response.status_code}"] += 1
                continue
            latencies.append(elapsed)
            counts["ok"] += 1
            if response.json().get("status") == "answered":
                counts["answered"] += 1
        except httpx.HTTPError as exc:
            counts["errors"] += 1
            counts.setdefault(type(exc).__name__, 0)
            counts[type(exc).__name__] += 1


async def run(base: str, clients: int, seconds: float) -> None:
    latencies: list[float] = []
    counts = {"ok": 0, "answered": 0, "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await client.post("/api/ask", json={"question": QUESTIONS[0]})  # warm-up
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(client_loop(client, n, deadline, latencies, counts) for n in range(clients)))
        wall = time.monotonic() - started
    total = counts["ok"] + counts["errors"]
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000 if ordered else float("nan")
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000 if ordered else float("nan")
    print(f"clients={clients} duration={wall:.1f}s requests={total}")
    print(f"requests/s={total / wall:.1f} answers/s={counts['answered'] / wall:.1f} (answered {counts['answered']})")
    print(f"latency p50={p50:.0f} ms p95={p95:.0f} ms")
    extra = {k: v for k, v in counts.items() if k not in ("ok", "answered", "errors")}
    print(f"errors={counts['errors']} {extra if extra else ''}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(), "juesuan-load-data"))
    parser.add_argument("--url", help="use a running server instead of starting one (loopback only)")
    args = parser.parse_args()
    if args.url:
        host = httpx.URL(args.url).host
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("loopback only")
        asyncio.run(run(args.url.rstrip("/"), args.clients, args.seconds))
        return
    port = free_port()
    proc = start_server(port, args.data_dir, concurrency=4)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc, "/api/health", timeout_s=600)
        asyncio.run(run(base, args.clients, args.seconds))
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
