"""Answer snapshots: every eval answer saved, so a refactoring can be checked answer by answer, not by accuracy.

`python -m evals snapshot [--out FILE]` asks every item of the gold set and the holdout sets (never a blind set)
and writes one JSON line per item: id, set, status, answer text, citations (section id + quote), the route that
answered, whether it is correct, and its unverified numbers. `python -m evals diff OLD NEW` prints what changed
between two snapshots, item by item, with counts by kind of change (status, text, text beyond marker numbers,
citations, route).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import Settings
from evals.gold import GOLD_PATH, load_gold
from evals.metrics import is_correct

log = logging.getLogger(__name__)

EVALS_DIR = GOLD_PATH.parent
MARKER = re.compile(r"\[(\d+)\]")
KINDS = ("status", "text", "text_beyond_markers", "citations", "route", "correct")


def snapshot_sets(folder: Path = EVALS_DIR) -> list[Path]:
    """The gold set and every holdout set; blind sets are for the lead alone and are never read here."""
    holdouts = sorted(p for p in folder.glob("holdout*.jsonl") if not p.name.startswith("blind"))
    return [folder / GOLD_PATH.name, *holdouts]


def take(settings: Settings, paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Ask every item of `paths` once, the way `evals run` does, and return one record per item."""
    from assistant.service import Assistant  # late: evals is the last stage

    assistant = Assistant(settings)
    clean_text = assistant.report.clean_text
    records: list[dict[str, Any]] = []
    for path in paths:
        for item in load_gold(path):
            answer = assistant.ask(item.question, item.history_list).to_json()
            records.append(
                {
                    "id": item.id,
                    "set": path.stem,
                    "status": answer["status"],
                    "answer": answer["answer"],
                    "citations": [{"section_id": c["section_id"], "quote": c["quote"]} for c in answer["citations"]],
                    "route": answer.get("route", ""),
                    "correct": is_correct(item, answer),
                    "unverified": [n["text"] for n in answer["numbers"] if not n["verified"]],
                    "inexact_quotes": sum(1 for c in answer["citations"] if c["quote"] not in clean_text),
                }
            )
    return records


def write(records: Iterable[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def summary(records: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Accuracy per set, and the two figures every run must keep (unverified numbers, inexact quotes)."""
    out: dict[str, str] = {}
    for name in dict.fromkeys(r["set"] for r in records):
        rows = [r for r in records if r["set"] == name]
        right = sum(1 for r in rows if r["correct"])
        out[name] = f"{right / len(rows) * 100:.1f}% ({right}/{len(rows)})"
    out["unverified numbers"] = str(sum(len(r["unverified"]) for r in records))
    out["inexact quotes"] = str(sum(r["inexact_quotes"] for r in records))
    return out


def without_markers(text: str) -> str:
    """An answer with its citation markers' numbers blanked: a renumbering is not a change of what is said."""
    return MARKER.sub("[]", text)


@dataclass(frozen=True)
class Change:
    key: str  # set/id
    kinds: tuple[str, ...]
    old: dict[str, Any]
    new: dict[str, Any]


def compare(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[Change]:
    """Per item present in both snapshots, what differs (in the order of the new snapshot)."""
    before = {f"{r['set']}/{r['id']}": r for r in old}
    out: list[Change] = []
    for record in new:
        key = f"{record['set']}/{record['id']}"
        previous = before.get(key)
        if previous is None:
            continue
        kinds = []
        if previous["status"] != record["status"]:
            kinds.append("status")
        if previous["answer"] != record["answer"]:
            kinds.append("text")
        if without_markers(previous["answer"]) != without_markers(record["answer"]):
            kinds.append("text_beyond_markers")
        if previous["citations"] != record["citations"]:
            kinds.append("citations")
        if previous.get("route", "") != record.get("route", ""):
            kinds.append("route")
        if previous["correct"] != record["correct"]:
            kinds.append("correct")
        if kinds:
            out.append(Change(key, tuple(kinds), previous, record))
    return out


def render_diff(changes: Sequence[dict[str, Any]] | Sequence[Change], show_routes: bool = False) -> str:
    """The changed items (routes only with `show_routes`: a renamed route is expected while routing moves)."""
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for change in changes:
        assert isinstance(change, Change)
        counts.update(change.kinds)
        shown = [k for k in change.kinds if k != "route" or show_routes]
        if not shown or shown == ["text"]:  # only marker numbers moved: counted, not printed
            continue
        lines.append(f"## {change.key}  [{', '.join(change.kinds)}]")
        if "status" in change.kinds or "correct" in change.kinds:
            lines.append(
                f"  status {change.old['status']} → {change.new['status']}; "
                f"correct {change.old['correct']} → {change.new['correct']}"
            )
        if "route" in change.kinds and show_routes:
            lines.append(f"  route {change.old.get('route', '')} → {change.new.get('route', '')}")
        if "text_beyond_markers" in change.kinds:
            lines.append(f"  - {change.old['answer']}")
            lines.append(f"  + {change.new['answer']}")
        elif "citations" in change.kinds:
            lines.append(f"  citations - {[c['section_id'] for c in change.old['citations']]}")
            lines.append(f"  citations + {[c['section_id'] for c in change.new['citations']]}")
    lines.append("")
    lines.append(f"changed items: {len(changes)}; " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
    return "\n".join(lines)


def main_snapshot(out: Path, gold: Sequence[Path] | None = None) -> int:
    records = take(Settings.from_env(), list(gold) if gold else snapshot_sets())
    write(records, out)
    print(f"快照已写入 {out}：{len(records)} 题")
    for name, figure in summary(records).items():
        print(f"  {name}: {figure}")
    return 0


def main_diff(old: Path, new: Path, show_routes: bool = False) -> int:
    try:
        before, after = read(old), read(new)
    except (OSError, ValueError) as exc:
        print(f"无法读取快照：{exc}", file=sys.stderr)
        return 2
    print(render_diff(compare(before, after), show_routes))
    for name, figure in summary(after).items():
        print(f"  {name}: {summary(before).get(name, '—')} → {figure}")
    return 0
