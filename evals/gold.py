"""The gold Q&A set: one JSON object per line, read into typed `GoldItem`s.

The shipped set (evals/gold.jsonl) was written by reading the report; `load_gold` accepts any file in the same
schema so other reports of the national template can bring their own set.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"

TYPES = (
    "numeric",
    "reason",
    "fact",
    "calc",
    "paraphrase",
    "traditional",
    "multi_turn",
    "unanswerable",
    "injection",
    # a report library (evals/gold_library.jsonl, `python -m evals run --library DIR`):
    "routed",  # one report, chosen by the body or year the question names
    "across_years",  # one body's figure over several reports
    "across_bodies",  # one figure of several bodies
    "clarify",  # names no body in a library of several: asked back
)
STATUSES = ("", "answered", "not_found", "rejected", "clarify")
ROLES = ("user", "assistant")


class GoldError(ValueError):
    """A gold file that does not follow the schema; the message is for the person running the evals."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    type: str
    reference: str
    answerable: bool = True
    history: tuple[dict[str, str], ...] = ()
    must_include: tuple[str, ...] = ()
    must_include_any: tuple[tuple[str, ...], ...] = ()
    sections: tuple[str, ...] = ()
    # Library mode only (all optional, so a single-report gold file reads as before):
    report: str = ""  # the report selected when asking (the UI's picker, `report` in /api/ask); "" = none
    cited_reports: tuple[str, ...] = ()  # the reports the answer must cite: each of them, and no other
    status: str = ""  # the status expected when it is neither answered nor a refusal (e.g. "clarify")

    @property
    def history_list(self) -> list[dict[str, str]] | None:
        """The history as the assistant's `ask` takes it (None for a first question)."""
        return [dict(m) for m in self.history] or None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["history"] = [dict(m) for m in self.history]
        data["must_include"] = list(self.must_include)
        data["must_include_any"] = [list(group) for group in self.must_include_any]
        data["sections"] = list(self.sections)
        data["cited_reports"] = list(self.cited_reports)
        return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(f"{where} 应为非空字符串列表")
    return tuple(value)


def item_from_json(data: Any, where: str = "") -> GoldItem:
    """Validate one parsed JSON object; raise GoldError naming the line and the field."""
    if not isinstance(data, dict):
        raise GoldError(f"{where}：每行应为一个 JSON 对象")
    for key in ("id", "question", "type", "reference"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise GoldError(f"{where}：字段 {key} 缺失或不是非空字符串")
    if data["type"] not in TYPES:
        raise GoldError(f"{where}：未知题型 {data['type']!r}，可选：{'、'.join(TYPES)}")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise GoldError(f"{where}：answerable 应为 true 或 false")
    history = data.get("history") or []
    if not isinstance(history, list):
        raise GoldError(f"{where}：history 应为消息列表")
    for message in history:
        if (
            not isinstance(message, dict)
            or message.get("role") not in ROLES
            or not isinstance(message.get("content"), str)
        ):
            raise GoldError(f"{where}：history 的每条消息应为 {{role: user|assistant, content: 字符串}}")
    groups = data.get("must_include_any") or []
    if not isinstance(groups, list):
        raise GoldError(f"{where}：must_include_any 应为列表的列表")
    status = data.get("status") or ""
    if status not in STATUSES:
        raise GoldError(f"{where}：status 应为 {'、'.join(s for s in STATUSES if s)} 之一")
    if not isinstance(data.get("report") or "", str):
        raise GoldError(f"{where}：report 应为报告编号（字符串）")
    return GoldItem(
        id=data["id"],
        question=data["question"],
        type=data["type"],
        reference=data["reference"],
        answerable=answerable,
        history=tuple({"role": m["role"], "content": m["content"]} for m in history),
        must_include=_strings(data.get("must_include") or [], f"{where}：must_include"),
        must_include_any=tuple(_strings(g, f"{where}：must_include_any") for g in groups),
        sections=_strings(data.get("sections") or [], f"{where}：sections"),
        report=data.get("report") or "",
        cited_reports=_strings(data.get("cited_reports") or [], f"{where}：cited_reports"),
        status=status,
    )


def load_gold(path: Path | str = GOLD_PATH) -> list[GoldItem]:
    """Read and validate a gold JSONL file (blank lines ignored, ids must be unique)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GoldError(f"找不到评测集文件：{path}") from exc
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise GoldError(f"评测集文件不是 UTF-8 文本：{path}") from exc
    items: list[GoldItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} 第 {number} 行"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}：不是合法的 JSON（{exc.msg}）") from exc
        item = item_from_json(data, where)
        if item.id in seen:
            raise GoldError(f"{where}：id {item.id!r} 重复")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise GoldError(f"评测集文件为空：{path}")
    return items
