"""Open-loop load benchmark for POST /api/ask: requests arrive at a fixed rate, whatever the server's speed.

Closed-loop clients (load_api.py) slow down when the server does, which hides queueing; real visitors do not
wait for each other. Here request i is sent at start + i/rate, and its latency counts from that moment, so
any lateness of the sender is charged to the server too.

Mixes (questions are built from the report's own fact subjects and project names, never from an eval set):
- cached: a fixed pool of everyday questions, each asked once before measuring (the server has seen them);
- uncached: the same pool, plus 20% questions never seen before (unique each time) and 2% long ones
  (150–450 characters, also unique).

Goal at 100 questions/s on 2 cores: p95 ≤ 300 ms and 0 errors (a 503 counts as an error). Past capacity the
server should shed early: 503 + Retry-After answered fast, while the answers it does give stay fast.

python benchmarks/load_open.py [--rate 100] [--seconds 30] [--mix uncached|cached] [--url http://127.0.0.1:PORT]
Starts `python -m ui` on a free loopback port (rate limit off) unless --url is given; prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.local_server import free_port, stop, wait_until_up  # noqa: E402
from corpus import Settings, load_report  # noqa: E402

TEMPLATES = [
    "{s}是多少？",
    "{s}花了多少钱",
    "请问{s}有多少",
    "{s}比上年增加了吗",
    "{s}为什么变化",
    "{s}主要用在哪",
    "{s}占多少比例",
    "{s}的情况怎么样",
    "想了解一下{s}",
    "{s}具体是什么",
]
PREFIXES = ["", "你好，", "麻烦问下", "我想知道", "请教一下，", "打扰了，", "老师好，"]
SUFFIXES = ["", "？", "呢", "啊", "，谢谢", "，多谢"]
NEW_SHARE, LONG_SHARE = 0.20, 0.02


@dataclass
class Outcome:
    kind: str
    status: int  # HTTP status, or 0 for a transport error / timeout
    latency_ms: float
    retry_after: str = ""
    lateness_ms: float = 0.0  # how late the sender was: large values mean the load generator is saturated
    server_ms: float = 0.0  # the assistant's own time for the answer (the rest is queueing and HTTP)


@dataclass
class Mix:
    pool: list[str]
    subjects: list[str]
    rng: random.Random
    seen: set[str] = field(default_factory=set)

    def new_question(self) -> str:
        while True:
            q = (
                self.rng.choice(PREFIXES)
                + self.rng.choice(TEMPLATES).format(s=self.rng.choice(self.subjects))
                + self.rng.choice(SUFFIXES)
            )
            if q not in self.seen:
                self.seen.add(q)
                return q

    def long_question(self) -> str:
        target = self.rng.randint(150, 450)
        parts = []
        while sum(map(len, parts)) < target:
            parts.append(self.new_question())
        return "".join(parts)[:target]

    def pick(self, uncached: bool) -> tuple[str, str]:
        roll = self.rng.random()
        if uncached and roll < LONG_SHARE:
            return "long", self.long_question()
        if uncached and roll < LONG_SHARE + NEW_SHARE:
            return "new", self.new_question()
        return "cached", self.rng.choice(self.pool)


def build_mix(settings: Settings, seed: int) -> Mix:
    report = load_report(settings.report)
    subjects = sorted({f.subject for f in report.facts if 2 <= len(f.subject) <= 16})
    subjects += sorted({p.name for p in report.projects if p.name and len(p.name) <= 24})
    rng = random.Random(seed)
    pool = sorted({t.format(s=s) for s in subjects[:40] for t in TEMPLATES[:3]})
    mix = Mix(pool=rng.sample(pool, min(60, len(pool))), subjects=subjects, rng=rng)
    mix.seen.update(mix.pool)
    return mix


async def _one(session: aiohttp.ClientSession, url: str, kind: str, question: str, due: float, out: list) -> None:
    lateness = (time.perf_counter() - due) * 1000
    try:
        async with session.post(url, json={"question": question, "history": []}) as response:
            status, retry = response.status, response.headers.get("Retry-After", "")
            data = await response.json(content_type=None)
        server_ms = float(data.get("latency_ms", 0.0)) if status == 200 else 0.0
    except (TimeoutError, aiohttp.ClientError, ValueError):
        status, retry, server_ms = 0, "", 0.0
    out.append(Outcome(kind, status, (time.perf_counter() - due) * 1000, retry, lateness, server_ms))


async def run(base: str, rate: float, seconds: float, uncached: bool, seed: int) -> list[Outcome]:
    """aiohttp, not httpx: its client costs a fraction per request, so at a few hundred requests/s the sender
    (on the same cores) is not what is measured."""
    mix = build_mix(Settings.from_env(), seed)
    url = base + "/api/ask"
    connector = aiohttp.TCPConnector(limit=2000)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        for question in mix.pool:  # the cached pool: every question seen once before measuring
            async with session.post(url, json={"question": question, "history": []}) as response:
                await response.read()
        outcomes: list[Outcome] = []
        tasks = []
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            kind, question = mix.pick(uncached)
            tasks.append(asyncio.create_task(_one(session, url, kind, question, due, outcomes)))
        await asyncio.gather(*tasks)
    return outcomes


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def report(outcomes: list[Outcome], rate: float, seconds: float, mix: str) -> dict:
    ok = [o for o in outcomes if o.status == 200]
    shed = [o for o in outcomes if o.status == 503]
    errors = [o for o in outcomes if o.status not in (200, 503)]
    lat = [o.latency_ms for o in ok]
    summary = {
        "mix": mix,
        "rate": rate,
        "seconds": seconds,
        "requests": len(outcomes),
        "answered_200": len(ok),
        "shed_503": len(shed),
        "other_errors": len(errors),
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
        "max_ms": max(lat) if lat else float("nan"),
        "shed_p95_ms": pct([o.latency_ms for o in shed], 95),
        "shed_with_retry_after": sum(1 for o in shed if o.retry_after),
    }
    print(
        f"open loop, mix={mix}, {rate:g} questions/s for {seconds:g} s: {len(outcomes)} requests, "
        f"{len(ok)} answered (200), {len(shed)} shed (503), {len(errors)} other errors "
        f"{dict(Counter(o.status for o in errors)) if errors else ''}".rstrip()
    )
    print(
        f"latency of answers: p50 {summary['p50_ms']:.0f} ms  p95 {summary['p95_ms']:.0f} ms  "
        f"p99 {summary['p99_ms']:.0f} ms  max {summary['max_ms']:.0f} ms"
    )
    for kind in ("cached", "new", "long"):
        part = [o.latency_ms for o in ok if o.kind == kind]
        if part:
            print(f"  {kind:<7} {len(part):>6} answers  p50 {pct(part, 50):6.0f} ms  p95 {pct(part, 95):6.0f} ms")
    inside = [o.server_ms for o in ok]
    print(f"assistant time inside the server: p50 {pct(inside, 50):.0f} ms  p95 {pct(inside, 95):.0f} ms")
    late = [o.lateness_ms for o in outcomes]
    print(f"sender lateness: p50 {pct(late, 50):.0f} ms  p95 {pct(late, 95):.0f} ms (high = the generator lags)")
    if shed:
        print(
            f"shed: {len(shed)} × 503 answered in p95 {summary['shed_p95_ms']:.0f} ms, "
            f"{summary['shed_with_retry_after']} with Retry-After"
        )
    return summary


def start_server(port: int, data_dir: str) -> subprocess.Popen:
    env = dict(os.environ, JUESUAN_HOST="127.0.0.1", JUESUAN_PORT=str(port), JUESUAN_DATA_DIR=data_dir)
    env.update(JUESUAN_RATE_LIMIT="0", GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    log = open(Path(tempfile.gettempdir()) / f"load_open_server_{port}.log", "w")  # noqa: SIM115 (kept open for the child)
    return subprocess.Popen([sys.executable, "-m", "ui"], env=env, stdout=log, stderr=subprocess.STDOUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="arrivals per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--mix", choices=("uncached", "cached"), default="uncached")
    parser.add_argument("--seed", type=int, default=None, help="default: a new one each run (new stays new)")
    parser.add_argument("--data-dir", default=str(Settings.from_env().data_dir))
    parser.add_argument("--url", help="a running server on loopback instead of starting one")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 30)
    print(f"seed {args.seed}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run")
    if args.url:
        if httpx.URL(args.url).host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("loopback only")
        report(
            asyncio.run(run(args.url.rstrip("/"), args.rate, args.seconds, args.mix == "uncached", args.seed)),
            args.rate,
            args.seconds,
            args.mix,
        )
        return
    port = free_port()
    proc = start_server(port, args.data_dir)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        outcomes = asyncio.run(run(base, args.rate, args.seconds, args.mix == "uncached", args.seed))
        report(outcomes, args.rate, args.seconds, args.mix)
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
