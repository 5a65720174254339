"""Run a gold set through the assistant, the way a user asks, under one or more configurations.

"full" is the product as configured (`Settings.from_env()`); "baseline" is the same with
`pipeline="baseline"` (fixed-size chunks, dense retrieval only, no facts), so the report shows what the
structure-aware pipeline buys. Retrieval is scored separately by querying the index with the question as asked.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from corpus import Settings, load_report
from evals.gold import GoldItem
from evals.metrics import ItemResult, Metrics, compute_metrics
from evals.report import CHART, readme_block, replace_readme_block, write_outputs

log = logging.getLogger(__name__)

CONFIGS = ("full", "baseline")
RESULTS_DIR = Path(__file__).resolve().parent / "results"
PUBLISHED = ("report.md", "metrics.json", "chart.png")
README = Path(__file__).resolve().parent.parent / "README.md"
TOP_K = 5


def config_settings(name: str, base: Settings) -> Settings:
    """The settings a configuration runs with."""
    if name == "full":
        return base
    if name == "baseline":
        return base.with_(pipeline="baseline")
    raise ValueError(f"未知配置 {name!r}，可选：{'、'.join(CONFIGS)}")


def search_mode(settings: Settings) -> str:
    return "dense" if settings.pipeline == "baseline" else "hybrid"


@dataclass
class RunResult:
    out_dir: Path
    metrics: dict[str, Metrics] = field(default_factory=dict)
    results: dict[str, list[ItemResult]] = field(default_factory=dict)


def _error_answer(message: str) -> dict[str, Any]:
    return {"status": "error", "answer": message, "citations": [], "checks": [], "numbers": [], "latency_ms": 0.0}


def run_config(
    name: str,
    settings: Settings,
    items: Sequence[GoldItem],
    *,
    k: int = TOP_K,
    progress: bool = True,
) -> list[ItemResult]:
    """Ask every item (with its history) and retrieve for its question; one failing item never stops the run."""
    # Imported here: evals is the last stage, and importing the assistant loads models, which `--help` need not.
    from assistant.service import Assistant
    from index.service import open_index

    log.info("配置 %s：加载助手与索引（pipeline=%s）", name, settings.pipeline)
    report = load_report(settings.report)
    spans = {section.id: (section.start, section.end) for section in report.sections}
    assistant = Assistant(settings)
    # Reuse the assistant's own index when it has one: one Chroma client per store and process.
    index = getattr(assistant, "index", None)
    if not hasattr(index, "search"):
        index = open_index(settings)
    mode = search_mode(settings)
    results: list[ItemResult] = []
    for item in tqdm(items, desc=name, unit="题", file=sys.stderr, disable=not progress):
        error = ""
        started = time.perf_counter()
        try:
            answer = assistant.ask(item.question, item.history_list).to_json()
        except Exception as exc:  # a crash on one question is a finding to report, not a reason to stop
            log.exception("配置 %s 题目 %s 出错", name, item.id)
            error = f"{type(exc).__name__}: {exc}"
            answer = _error_answer(error)
        latency_ms = (time.perf_counter() - started) * 1000
        try:
            hits = index.search(item.question, k=k, mode=mode)
        except Exception as exc:
            log.exception("配置 %s 题目 %s 检索出错", name, item.id)
            hits = []
            error = error or f"search {type(exc).__name__}: {exc}"
        results.append(
            ItemResult(
                config=name,
                item=item,
                answer=answer,
                retrieved_sections=[hit.chunk.section_id for hit in hits],
                retrieved_contexts=[hit.chunk.text for hit in hits],
                retrieved_spans=[_span(hit.chunk.metadata) for hit in hits],
                gold_spans=[spans[s] for s in item.sections if s in spans],
                latency_ms=round(latency_ms, 1),
                error=error,
            )
        )
    return results


def _span(metadata: dict[str, Any]) -> tuple[int, int] | None:
    start, end = metadata.get("start"), metadata.get("end")
    if start is None or end is None:
        return None
    return int(start), int(end)


def default_out_dir(settings: Settings) -> Path:
    return settings.data_dir / "evals" / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def run(
    items: Sequence[GoldItem],
    base: Settings,
    *,
    configs: Sequence[str] = CONFIGS,
    out_dir: Path | None = None,
    gold_path: Path | str = "",
    progress: bool = True,
    runner: Callable[..., list[ItemResult]] = run_config,
    library: Path | None = None,
    default_report: str = "",
) -> RunResult:
    """Run each configuration, score it, and write answers.jsonl, metrics.json, report.md and chart.png.

    With `library` (a folder of reports) the items are asked of a report library (evals/library_mode.py), in the
    full configuration only; `default_report` is the report selected for items that name none."""
    out = out_dir or default_out_dir(base)
    out.mkdir(parents=True, exist_ok=True)
    clean_text: str | dict[str, str] = ""
    if library is not None:
        from functools import partial

        from evals.library_mode import library_settings, library_texts, run_library_config

        base = library_settings(base, library)
        runner = partial(run_library_config, default_report=default_report)
        configs = ["full"]
    else:
        clean_text = load_report(base.report).clean_text
    outcome = RunResult(out_dir=out)
    for name in configs:
        settings = config_settings(name, base)
        results = runner(name, settings, items, progress=progress)
        if library is not None:
            clean_text = library_texts(settings)
        outcome.results[name] = results
        outcome.metrics[name] = compute_metrics(name, results, clean_text)
        log.info("配置 %s：准确率 %.1f%%", name, outcome.metrics[name].accuracy * 100)
    meta = {"gold": str(gold_path), "report": str(base.report), "library": str(library or "")}
    write_outputs(out, outcome.metrics, outcome.results, meta=meta)
    return outcome


def publish(out_dir: Path, dest: Path = RESULTS_DIR / "latest", readme: Path | None = README) -> Path:
    """Copy the summary files (not the bulky answers) to evals/results/latest/ and refresh the README's tables.

    The README block is rewritten only between its markers, so the rest of the README is never touched.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in PUBLISHED:
        if (out_dir / name).exists():
            shutil.copy2(out_dir / name, dest / name)
    report_md = dest / "report.md"
    if readme is not None and readme.exists() and report_md.exists():
        chart = Path(os.path.relpath((dest / CHART).resolve(), readme.parent.resolve())).as_posix()
        meta = _published_meta(dest)
        text = readme.read_text(encoding="utf-8")
        updated = replace_readme_block(text, readme_block(report_md.read_text(encoding="utf-8"), chart, meta))
        if updated != text:
            readme.write_text(updated, encoding="utf-8")
            log.info("README results refreshed from %s", report_md)
    return dest


def _published_meta(dest: Path) -> str:
    """One line saying which run the README's figures come from."""
    try:
        data = json.loads((dest / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    configs = data.get("configs", {})
    items = next(iter(configs.values()), {}).get("items", "?")
    gold = Path(str(data.get("gold", ""))).name
    return (
        f"`python -m evals run --publish` on {data.get('generated', '?')}: {gold}, {items} items, "
        f"configurations {', '.join(configs)}. Full report: `evals/results/latest/report.md`."
    )
