"""Retrieval benchmark: hit@1, hit@5, MRR@10 and warm latency for dense, BM25 and hybrid on a gold question set.

A hit is a retrieved chunk whose section id is one of the question's gold section ids.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.parse import load_report
from corpus.settings import REPO_DIR, Settings
from index.service import IndexError_, SearchIndex, build_index, open_index

DEFAULT_QUESTIONS = REPO_DIR / "benchmarks" / "retrieval_questions.jsonl"
MRR_DEPTH = 10


@dataclass
class ModeResult:
    mode: str
    hit1: float
    hit5: float
    mrr: float
    p50_ms: float
    p95_ms: float
    misses: list[str]
    by_type: dict[str, float]  # hit@5 per question type


def load_questions(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise IndexError_(f"找不到题集文件：{path}") from exc
    items = [json.loads(line) for line in lines if line.strip()]
    if not items or not all(item.get("question") and item.get("gold") for item in items):
        raise IndexError_(f"题集格式错误（每行需要 question 和 gold）：{path}")
    return items


def _percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def evaluate(index: SearchIndex, questions: list[dict[str, Any]], mode: str) -> ModeResult:
    index.clear_cache()  # every question's embedding is computed inside the timed call
    hit1 = hit5 = 0
    rr = 0.0
    latencies: list[float] = []
    misses: list[str] = []
    typed: dict[str, list[bool]] = {}
    for item in questions:
        gold = set(item["gold"])
        started = time.perf_counter()
        hits = index.search(item["question"], k=MRR_DEPTH, mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        rank = next((i for i, h in enumerate(hits, start=1) if h.chunk.section_id in gold), None)
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0.0
        typed.setdefault(item.get("type", "other"), []).append(rank is not None and rank <= 5)
        if rank is None or rank > 5:
            misses.append(item.get("id", item["question"]))
    n = len(questions)
    by_type = {t: sum(v) / len(v) for t, v in sorted(typed.items())}
    return ModeResult(
        mode, hit1 / n, hit5 / n, rr / n, _percentile(latencies, 50), _percentile(latencies, 95), misses, by_type
    )


def run_bench(settings: Settings, questions_path: Path | None = None, as_json: bool = False) -> int:
    questions = load_questions(questions_path or DEFAULT_QUESTIONS)
    report = load_report(settings.report)
    stats = build_index(settings, report)
    index = open_index(settings, report)
    index.search("预热", k=1, mode=index.modes[0])  # load the model and the collection before timing
    results = [evaluate(index, questions, mode) for mode in index.modes]
    build_note = f"{stats.seconds:.1f} 秒" if not stats.skipped else f"已是最新（检查 {stats.seconds:.2f} 秒）"
    print(
        f"报告 {report.id}，流水线 {settings.pipeline}，向量模型 {stats.embedder}，{stats.chunks} 个分块，"
        f"{len(questions)} 道题；构建 {build_note}；上次完整构建 {index.build_seconds:.1f} 秒"
    )
    print(f"{'mode':<8}{'hit@1':>8}{'hit@5':>8}{'MRR':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for r in results:
        print(f"{r.mode:<8}{r.hit1:>8.3f}{r.hit5:>8.3f}{r.mrr:>8.3f}{r.p50_ms:>9.1f}{r.p95_ms:>9.1f}")
    types = list(results[0].by_type)
    print(
        "hit@5 按题型："
        + "；".join(f"{r.mode} " + "，".join(f"{t} {r.by_type[t]:.2f}" for t in types) for r in results)
    )
    for r in results:
        if r.misses:
            print(f"{r.mode} 未进前 5：{', '.join(r.misses)}")
    if as_json:
        print(json.dumps({"build": asdict(stats), "results": [asdict(r) for r in results]}, ensure_ascii=False))
    return 0
