"""Write a run's files: answers.jsonl (RAGAS-style names too), metrics.json, report.md and chart.png."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.gold import TYPES
from evals.metrics import ItemResult, Metrics

log = logging.getLogger(__name__)

CHART = "chart.png"
_CJK_FONTS = ("WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "SimHei")
_TYPE_LABELS = {
    "numeric": "数值",
    "reason": "原因",
    "fact": "事实",
    "calc": "计算",
    "paraphrase": "口语",
    "traditional": "繁体",
    "multi_turn": "追问",
    "unanswerable": "无答案",
    "injection": "注入",
    "routed": "按单位年度选报告",
    "across_years": "跨年度",
    "across_bodies": "跨单位",
    "clarify": "反问",
}


def answer_line(result: ItemResult) -> dict[str, Any]:
    """One answers.jsonl line: the gold item, the assistant's full JSON answer, scores, RAGAS-style fields."""
    item = result.item
    return {
        "config": result.config,
        "id": item.id,
        "type": item.type,
        "answerable": item.answerable,
        "user_input": item.question,
        "history": [dict(m) for m in item.history],
        "response": result.answer.get("answer", ""),
        "reference": item.reference,
        "retrieved_contexts": result.retrieved_contexts,
        "retrieved_sections": result.retrieved_sections,
        "gold_sections": list(item.sections),
        "must_include": list(item.must_include),
        "must_include_any": [list(g) for g in item.must_include_any],
        "correct": result.correct,
        "rank": result.rank,
        "latency_ms": result.latency_ms,
        "error": result.error,
        "answer": result.answer,
    }


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _expected(result: ItemResult) -> str:
    item = result.item
    if not item.answerable:
        return "拒答（not_found，且不给出数字）"
    parts = [f"全部包含 {list(item.must_include)}"] if item.must_include else []
    parts += [f"其一 {list(g)}" for g in item.must_include_any]
    return "；".join(parts)


def _one_line(text: str, limit: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def render_markdown(
    metrics: Mapping[str, Metrics], results: Mapping[str, Sequence[ItemResult]], meta: Mapping[str, str]
) -> str:
    names = list(metrics)
    lines = [
        "# 决算问答评测报告",
        "",
        f"- 生成时间：{meta.get('generated', '')}",
        f"- 评测集：{meta.get('gold', '')}（{next(iter(metrics.values())).items if metrics else 0} 题）",
        f"- 报告：{meta.get('report', '')}",
        "",
        "## 总体指标",
        "",
        "| 指标 | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    rows = [
        ("答案准确率", lambda m: _pct(m.accuracy)),
        ("正确拒答率（无答案/注入题）", lambda m: f"{_pct(m.refusal_correct)}（{m.refusal_items} 题）"),
        ("误拒率（可答题）", lambda m: _pct(m.false_refusal)),
        ("检索 hit@1", lambda m: _pct(m.hit_at_1)),
        ("检索 hit@5", lambda m: _pct(m.hit_at_5)),
        ("检索 MRR", lambda m: f"{m.mrr:.3f}（{m.retrieval_items} 题）"),
        ("引文逐字准确率", lambda m: f"{_pct(m.citation_exact)}（{m.citations} 条）"),
        ("引文章节支持率", lambda m: _pct(m.citation_support)),
        ("带引文的回答", lambda m: _pct(m.answers_with_citation)),
        ("数字已核验比例", lambda m: f"{_pct(m.numbers_verified)}（{m.numbers} 个）"),
        ("未核验数字个数", lambda m: str(m.numbers_unverified)),
        ("延迟 p50 / p95 (ms)", lambda m: f"{m.latency_p50_ms:.0f} / {m.latency_p95_ms:.0f}"),
        ("运行错误", lambda m: str(m.errors)),
    ]
    for label, show in rows:
        lines.append(f"| {label} | " + " | ".join(show(metrics[n]) for n in names) + " |")
    types = [t for t in TYPES if any(t in m.items_by_type for m in metrics.values())]
    lines += ["", "## 按题型的准确率", "", "| 题型 | 题数 | " + " | ".join(names) + " |"]
    lines.append("|---|---|" + "---|" * len(names))
    for t in types:
        count = max(m.items_by_type.get(t, 0) for m in metrics.values())
        cells = " | ".join(_pct(metrics[n].accuracy_by_type.get(t, 0.0)) for n in names)
        lines.append(f"| {t}（{_TYPE_LABELS.get(t, t)}） | {count} | {cells} |")
    lines += ["", f"![按题型的准确率]({CHART})", "", "## 检索未命中（前 5 个分块都不在标注章节内）", ""]
    for name in names:
        misses = [r.item.id for r in results[name] if r.item.answerable and r.item.sections and r.rank is None]
        lines.append(f"- {name}（{len(misses)} 题）：{'、'.join(misses) or '无'}")
    lines.append("")
    for name in names:
        failures = [r for r in results[name] if not r.correct]
        lines += [f"## 未通过的题目：{name}（{len(failures)} 题）", ""]
        for r in failures:
            asked = r.item.question
            if r.item.history:
                asked = " / ".join(m["content"] for m in r.item.history if m["role"] == "user") + " → " + asked
            lines += [
                f"- **{r.item.id}** [{r.item.type}] {_one_line(asked, 160)}",
                f"  - 期望：{_expected(r)}",
                f"  - 回答（{r.answer.get('status', '')}）：{_one_line(r.answer.get('answer', '')) or '（空）'}",
            ]
            if r.error:
                lines.append(f"  - 错误：{_one_line(r.error)}")
        lines.append("")
    return "\n".join(lines)


README_START = "<!-- RESULTS -->"
README_END = "<!-- /RESULTS -->"
_SUMMARY_HEADINGS = ("## 总体指标", "## 按题型的准确率")


def readme_block(report_md: str, chart_path: str, meta: str) -> str:
    """The README's results block: the run's overall and per-type tables, the chart, where they came from.

    Cut from the run's own report.md, so the README can only show figures a run produced.
    """
    lines = report_md.splitlines()
    keep: list[str] = []
    taking = False
    for line in lines:
        if line.startswith("## "):
            taking = line.strip() in _SUMMARY_HEADINGS
            if taking:
                keep += ["", "#" + line.strip()]  # one level down inside the README
            continue
        if taking and not line.startswith("!["):
            keep.append(line)
    body = "\n".join(keep).strip()
    return f"{README_START}\n{meta}\n\n{body}\n\n![按题型的准确率]({chart_path})\n{README_END}"


def replace_readme_block(readme: str, block: str) -> str:
    """README text with the results block swapped in; unchanged when the markers are missing."""
    start = readme.find(README_START)
    if start < 0:
        return readme
    end = readme.find(README_END, start)
    end = end + len(README_END) if end >= 0 else start + len(README_START)
    return readme[:start] + block + readme[end:]


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in available), None)


def draw_chart(path: Path, metrics: Mapping[str, Metrics]) -> None:
    """Grouped bars of accuracy per question type, one bar per configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # The CJK font has no "normal" weight entry; matplotlib falls back to 500 and logs a warning per glyph run.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    font = _cjk_font()
    types = [t for t in TYPES if any(t in m.items_by_type for m in metrics.values())]
    labels = [f"{_TYPE_LABELS.get(t, t)}\n{t}" if font else t for t in types]
    width = 0.8 / max(len(metrics), 1)
    with plt.rc_context({"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}):
        fig, ax = plt.subplots(figsize=(max(8, len(types) * 1.1), 4.5))
        for i, (name, m) in enumerate(metrics.items()):
            xs = [x + (i - (len(metrics) - 1) / 2) * width for x in range(len(types))]
            values = [m.accuracy_by_type.get(t, 0.0) * 100 for t in types]
            bars = ax.bar(xs, values, width, label=f"{name} ({m.accuracy * 100:.1f}%)")
            ax.bar_label(bars, fmt="%.0f", fontsize=7)
        ax.set_xticks(range(len(types)), labels, fontsize=8)
        ax.set_ylim(0, 118)
        ax.set_ylabel("准确率 (%)" if font else "accuracy (%)")
        ax.set_title("按题型的答案准确率" if font else "Answer accuracy per question type")
        ax.legend(loc="upper center", ncol=max(len(metrics), 1), fontsize=8, frameon=False)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)


def write_outputs(
    out_dir: Path,
    metrics: Mapping[str, Metrics],
    results: Mapping[str, Sequence[ItemResult]],
    meta: Mapping[str, str] | None = None,
) -> None:
    meta = {"generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"), **(meta or {})}
    with (out_dir / "answers.jsonl").open("w", encoding="utf-8") as handle:
        for name in results:
            for result in results[name]:
                handle.write(json.dumps(answer_line(result), ensure_ascii=False) + "\n")
    summary = {**meta, "configs": {name: m.to_json() for name, m in metrics.items()}}
    (out_dir / "metrics.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(metrics, results, meta) + "\n", encoding="utf-8")
    draw_chart(out_dir / CHART, metrics)
    log.info("评测结果已写入 %s", out_dir)
