"""Readiness of the service, by component: the report, its fact table and search (ok | degraded | down).

Liveness (`/api/health`) only says the process answers; readiness says whether answers are complete. Search is
degraded when Chroma fails (answers then rank passages with BM25 alone; figures from the fact table are
unaffected) and down when there is no index at all.
"""

from __future__ import annotations

from typing import Any

from assistant.service import Assistant

ORDER = {"ok": 0, "degraded": 1, "down": 2}


def _component(status: str, reason: str = "") -> dict[str, str]:
    return {"status": status, "reason": reason}


def readiness(assistant: Assistant) -> dict[str, Any]:
    report = assistant.report
    components = {
        "report": _component("ok", report.title)
        if report.sections
        else _component("down", "报告没有可用的章节。"),
        "facts": _component("ok", f"{len(report.facts)} 条数据")
        if report.facts
        else _component("degraded", "报告中没有识别出数据，数字类问题无法回答。"),
        "search": _search(assistant.index),
    }
    if hasattr(assistant, "entries"):  # a report library
        try:
            components["library"] = _component("ok", f"{len(assistant.entries())} 份报告")
        except Exception as exc:  # the registry database is unreachable: the home report still answers
            components["library"] = _component("degraded", f"报告库不可用：{type(exc).__name__}")
    worst = max((c["status"] for c in components.values()), key=ORDER.__getitem__)
    return {"status": worst, "components": components}


def _search(index: object | None) -> dict[str, str]:
    if index is None:
        return _component("down", "检索索引未加载：只能用数据表和报告原文逐句回答。")
    health = getattr(index, "health", None)
    if health is None:
        return _component("ok")
    return health().to_json()
