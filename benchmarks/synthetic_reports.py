"""Benchmark: generate a library of synthetic reports, then read and audit every one with the corpus.

    python benchmarks/synthetic_reports.py [--count 200] [--seed 1] [--table-layout rows|narrow] [--keep DIR]

Prints generation time (total, per report), the library's size, corpus parse time per report (p50 / p95 / max),
audit time, the number of audit checks and of inconsistencies (0 expected: the generator's figures agree), and
peak RSS. The reports are SYNTHETIC test data (benchmarks.synthetic); nothing here touches the index.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.audit import audit_report
from benchmarks.synthetic import generate_library
from corpus import parse_report


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(count: int, seed: int, layout: str, root: Path) -> None:
    started = time.perf_counter()
    reports = generate_library(root, count, seed=seed, layout=layout)
    generated = time.perf_counter() - started
    size = sum(report.path.stat().st_size for report in reports)
    parse_ms: list[float] = []
    audit_ms: list[float] = []
    checks = inconsistent = facts = tables = 0
    for report in reports:
        t0 = time.perf_counter()
        parsed = parse_report(report.path)
        t1 = time.perf_counter()
        items = audit_report(parsed)
        t2 = time.perf_counter()
        parse_ms.append((t1 - t0) * 1000)
        audit_ms.append((t2 - t1) * 1000)
        checks += len(items)
        inconsistent += sum(1 for item in items if not item.ok)
        facts += len(parsed.facts)
        tables += len(parsed.projects)
    bodies = len({report.body.index for report in reports})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"synthetic library: {count} reports, {bodies} bodies, layout {layout}, seed {seed}, {size / 1e6:.1f} MB")
    print(f"generate: {generated:.2f} s total, {generated / count * 1000:.1f} ms per report")
    print(
        f"parse:    p50 {statistics.median(parse_ms):.1f} ms, p95 {percentile(parse_ms, 0.95):.1f} ms, "
        f"max {max(parse_ms):.1f} ms, total {sum(parse_ms) / 1000:.2f} s "
        f"({sum(parse_ms) / 1000 / generated:.1f}× the generation time)"
    )
    print(f"audit:    p50 {statistics.median(audit_ms):.1f} ms, total {sum(audit_ms) / 1000:.2f} s")
    print(f"read:     {facts} facts, {tables} 绩效自评表, {checks} audit checks, {inconsistent} inconsistent")
    print(f"peak RSS: {rss_mb:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--table-layout", choices=("rows", "narrow"), default="rows")
    parser.add_argument("--keep", type=Path, help="write the library here instead of a temporary folder")
    args = parser.parse_args()
    if args.keep:
        run(args.count, args.seed, args.table_layout, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="synthetic-") as tmp:
            run(args.count, args.seed, args.table_layout, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
