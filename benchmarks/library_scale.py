"""Benchmark: a library of 200 SYNTHETIC reports in one service — time to add a report, server memory, answer latency.

    python benchmarks/library_scale.py [--count 200] [--seed 1] [--data DIR] [--phase all|add|serve] [--json]

1. add: generates the reports (benchmarks.synthetic, SYNTHETIC test data) and adds them one by one through the real
   path (`Library.add`: parse, checks, index build with the real embedder, registry and fact store), timing each;
   a report already in the library (a re-run with the same --data) is not added again.
2. serve: starts `python -m ui` on the library (its own process, as deployed), then over HTTP on loopback:
   single-report questions on reports chosen at random (the first question of a report loads it: cold; then
   warm, the report in the server's LRU), and questions across reports (one body over its years, and every body
   of a year, chosen among all reports), each repeated; prints p50/p95 (client side, HTTP included) and the
   server's RSS (now and peak).

Goals (issue 15): RSS ≤ 2 GB, warm p95 ≤ 100 ms single-report and ≤ 300 ms across 200 reports.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
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
from benchmarks.synthetic import generate_library  # noqa: E402
from corpus import Settings  # noqa: E402

SINGLE = [
    "三公经费是多少？",
    "公务接待费用了多少？",
    "基本支出是多少？",
    "项目支出占本年支出合计的比例是多少？",
    "人员经费是多少？",
]
YEARS = ["三公经费这几年是怎么变化的？", "公务接待费历年是多少？", "基本支出近两年的变化"]
BODIES = ["公务接待费哪个单位花得最多？", "哪个单位三公经费最低？", "各单位2022年的基本支出是多少？"]
RSS_GOAL_MB = 2048
SINGLE_GOAL_MS, ACROSS_GOAL_MS = 100.0, 300.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def settings_for(data: Path) -> Settings:
    return Settings(data_dir=data / "data", library=data / "library", rate_limit=0)


def add_phase(data: Path, count: int, seed: int) -> dict:
    from index.library import Library

    sources = data / "generated"
    reports = generate_library(sources, count, seed=seed)
    library = Library(settings_for(data))
    library.register_file(library.home)
    seconds, builds, added = [], [], 0
    started = time.perf_counter()
    for n, report in enumerate(reports, start=1):
        result = library.add(report.path)
        if result.added:
            added += 1
            seconds.append(result.seconds)
            builds.append(result.build.seconds if result.build else 0.0)
        if n % 20 == 0:
            print(f"  {n}/{count} added ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    entries = library.entries()
    out = {"reports": len(entries), "added_now": added, "bodies": len({e.body for e in entries})}
    if seconds:
        tenth = max(1, len(seconds) // 10)
        out.update(
            add_p50_s=round(statistics.median(seconds), 2),
            add_p95_s=round(percentile(seconds, 0.95), 2),
            add_mean_s=round(statistics.fmean(seconds), 2),
            index_build_share=round(sum(builds) / sum(seconds), 3),
            first_tenth_mean_s=round(statistics.fmean(seconds[:tenth]), 2),
            last_tenth_mean_s=round(statistics.fmean(seconds[-tenth:]), 2),
        )
    return out


def rss_mb(pid: int) -> tuple[float, float]:
    """(now, peak) resident memory of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


def serve_phase(data: Path, seed: int, rounds: int, hot_count: int) -> dict:
    settings = settings_for(data)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
    env.update(
        JUESUAN_DATA_DIR=str(settings.data_dir),
        JUESUAN_LIBRARY=str(settings.library_dir),
        JUESUAN_RATE_LIMIT="0",
        JUESUAN_PORT=str(port),
        JUESUAN_MAX_IN_FLIGHT="8",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    log = (data / "server.log").open("wb")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ui"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc, timeout_s=math.inf, log=data / "server.log")
        start_s = time.perf_counter() - started
        rss_start = rss_mb(proc.pid)[0]
        client = httpx.Client(base_url=base, timeout=60)
        reports = client.get("/api/reports").json()
        rng = random.Random(seed)
        ids = [r["id"] for r in reports]
        hot = rng.sample(ids, min(hot_count, len(ids)))  # as many as the server keeps loaded (JUESUAN_LIBRARY_CACHE)

        def ask(question: str, report: str | None = None) -> tuple[float, dict]:
            t0 = time.perf_counter()
            response = client.post("/api/ask", json={"question": question, "report": report})
            response.raise_for_status()
            return (time.perf_counter() - t0) * 1000, response.json()

        cold = [ask(SINGLE[0], r)[0] for r in hot]  # each report's first question loads it
        single, across_years, across_bodies, statuses = [], [], [], {}
        compared = set()
        for _ in range(rounds):
            for report in hot:
                for question in SINGLE:
                    ms, answer = ask(question, report)
                    single.append(ms)
                    statuses[answer["status"]] = statuses.get(answer["status"], 0) + 1
                for question in YEARS:
                    ms, answer = ask(question, report)
                    across_years.append(ms)
            for question in BODIES:
                ms, answer = ask(question)
                across_bodies.append(ms)
                cited = {c["report"] for c in answer["citations"]}
                compared.add(len(cited) if answer["route"] == "library_bodies" else 0)
        rss_now, rss_peak = rss_mb(proc.pid)
        return {
            "server_start_s": round(start_s, 1),
            "reports_served": len(reports),
            "hot_reports": len(hot),
            "rss_start_mb": round(rss_start),
            "rss_mb": round(rss_now),
            "rss_peak_mb": round(rss_peak),
            "cold_first_question_p50_ms": round(statistics.median(cold), 1),
            "cold_first_question_max_ms": round(max(cold), 1),
            "single_p50_ms": round(statistics.median(single), 1),
            "single_p95_ms": round(percentile(single, 0.95), 1),
            "across_years_p50_ms": round(statistics.median(across_years), 1),
            "across_years_p95_ms": round(percentile(across_years, 0.95), 1),
            "across_bodies_p50_ms": round(statistics.median(across_bodies), 1),
            "across_bodies_p95_ms": round(percentile(across_bodies, 0.95), 1),
            "bodies_cited_per_answer": sorted(compared),
            "questions": len(single) + len(across_years) + len(across_bodies),
            "statuses_single": statuses,
        }
    finally:
        stop(proc, timeout_s=30)
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=None, help="working dir (kept; a re-run adds nothing again)")
    parser.add_argument("--phase", choices=("all", "add", "serve"), default="all")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--hot", type=int, default=Settings().library_cache, help="reports asked in turn (default: the server's cache)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="juesuan-library-"))
    data.mkdir(parents=True, exist_ok=True)
    figures: dict = {"count": args.count, "seed": args.seed, "data": str(data)}
    if args.phase in ("all", "add"):
        figures["add"] = add_phase(data, args.count, args.seed)
    if args.phase in ("all", "serve"):
        figures["serve"] = serve_phase(data, args.seed, args.rounds, args.hot)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        report(figures)
    serve = figures.get("serve", {})
    missed = serve and (
        serve["rss_peak_mb"] > RSS_GOAL_MB
        or serve["single_p95_ms"] > SINGLE_GOAL_MS
        or max(serve["across_years_p95_ms"], serve["across_bodies_p95_ms"]) > ACROSS_GOAL_MS
    )
    return 1 if missed else 0


def report(figures: dict) -> None:
    print(f"library of {figures['count']} SYNTHETIC reports (seed {figures['seed']}) in {figures['data']}")
    add = figures.get("add")
    if add:
        print(f"  library: {add['reports']} reports ({add['bodies']} bodies), {add['added_now']} added in this run")
        if "add_p50_s" in add:
            print(
                f"  add one report: p50 {add['add_p50_s']} s, p95 {add['add_p95_s']} s, mean {add['add_mean_s']} s "
                f"({add['index_build_share']:.0%} of it the index build); first tenth {add['first_tenth_mean_s']} s, "
                f"last tenth {add['last_tenth_mean_s']} s"
            )
    serve = figures.get("serve")
    if serve:
        print(
            f"  server: ready in {serve['server_start_s']} s with {serve['reports_served']} reports; "
            f"{serve['hot_reports']} reports asked in turn"
        )
        print(
            f"  RSS: {serve['rss_start_mb']} MB at start, {serve['rss_mb']} MB after {serve['questions']} questions, "
            f"peak {serve['rss_peak_mb']} MB (goal ≤ {RSS_GOAL_MB} MB: {serve['rss_peak_mb'] / RSS_GOAL_MB:.0%} of it)"
        )
        print(
            f"  first question of a report (loads it): p50 {serve['cold_first_question_p50_ms']} ms, "
            f"max {serve['cold_first_question_max_ms']} ms"
        )
        print(
            f"  single report, warm: p50 {serve['single_p50_ms']} ms, p95 {serve['single_p95_ms']} ms "
            f"(goal ≤ {SINGLE_GOAL_MS:.0f} ms)"
        )
        print(
            f"  across years: p50 {serve['across_years_p50_ms']} ms, p95 {serve['across_years_p95_ms']} ms; "
            f"across bodies: p50 {serve['across_bodies_p50_ms']} ms, p95 {serve['across_bodies_p95_ms']} ms "
            f"(goal ≤ {ACROSS_GOAL_MS:.0f} ms; reports cited per answer across bodies: "
            f"{serve['bodies_cited_per_answer']})"
        )


if __name__ == "__main__":
    sys.exit(main())
