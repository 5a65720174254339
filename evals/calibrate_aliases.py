"""Calibrating the shortened-project-name resolver (assistant/understand/project_aliases.py) on data.

`evals/calibration/project_aliases.jsonl` holds shortened names written from the two reports' project tables
(never from an eval set's questions), each with the project it names or "" when it names none (a word every
platform shares, a place, a subject). One phrase in three, picked by a hash of its text, is held out. Each
threshold and margin of a small grid is scored on the rest (a hit +1, a wrong project −3: it answers with a
neighbour's figures); ties go to the stricter setting. The held-out figures of the chosen setting are printed,
and `--write` stores setting and figures in assistant/understand/project_aliases.toml.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from assistant.understand.project_aliases import PARAMS_FILE, AliasParams, ProjectAliases
from corpus import load_report
from corpus.settings import REPO_DIR

PHRASES = Path(__file__).resolve().parent / "calibration" / "project_aliases.jsonl"
REPORT_DIRS = (REPO_DIR / "corpus" / "data", REPO_DIR / "tests" / "fixtures")
HELD_OUT = 3
THRESHOLDS = (1.0, 1.5, 2.0, 2.5, 3.0)
MARGINS = (0.5, 1.0, 1.5)
WRONG_COST = 3


def _held_out(said: str) -> bool:
    return int(hashlib.sha256(said.encode("utf-8")).hexdigest(), 16) % HELD_OUT == 0


def _figures(rows: list[tuple[ProjectAliases, str, str]], params: AliasParams) -> dict[str, int]:
    out = {"hits": 0, "wrong": 0, "missed": 0, "abstained": 0}
    for aliases, said, want in rows:
        scores = sorted((aliases.score(said, n) for n in aliases.folded), reverse=True)
        best = max(range(len(aliases.folded)), key=lambda i: (aliases.score(said, aliases.folded[i]), -i))
        chosen = scores[0] >= params.threshold and scores[0] - (scores[1] if len(scores) > 1 else 0) >= params.margin
        got = aliases.names[best] if chosen else ""
        key = ("hits" if got == want else "wrong") if got else ("missed" if want else "abstained")
        out[key] += 1
    return out


def main_calibrate_aliases(write: bool) -> int:
    reports: dict[str, ProjectAliases] = {}
    train: list[tuple[ProjectAliases, str, str]] = []
    held: list[tuple[ProjectAliases, str, str]] = []
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["report"] not in reports:
            path = next(d / f"{row['report']}.txt" for d in REPORT_DIRS if (d / f"{row['report']}.txt").exists())
            reports[row["report"]] = ProjectAliases(load_report(path), AliasParams())
        (held if _held_out(row["said"]) else train).append((reports[row["report"]], row["said"], row["project"]))
    best: tuple[int, AliasParams] | None = None
    for threshold, margin in itertools.product(THRESHOLDS, MARGINS):
        params = AliasParams(threshold, margin)
        f = _figures(train, params)
        gain = f["hits"] - WRONG_COST * f["wrong"]
        if best is None or gain >= best[0]:  # ties: the later, stricter setting
            best = (gain, params)
    assert best is not None
    chosen = best[1]
    tf, hf = _figures(train, chosen), _figures(held, chosen)
    print(f"选定：threshold={chosen.threshold} margin={chosen.margin}")
    print(f"训练 {len(train)} 条：{tf}")
    print(f"留出 {len(held)} 条：{hf}")
    if write:
        lines = [
            "# The shortened-project-name resolver's cut-offs (assistant/understand/project_aliases.py), chosen by",
            "# `python -m evals calibrate-aliases --write` on evals/calibration/project_aliases.jsonl.",
            "# Do not edit by hand.",
            "",
            "[decision]",
            f"threshold = {chosen.threshold}",
            f"margin = {chosen.margin}",
            "",
            "[figures]",
            *(f"train_{k} = {v}" for k, v in tf.items()),
            *(f"held_out_{k} = {v}" for k, v in hf.items()),
        ]
        PARAMS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0
