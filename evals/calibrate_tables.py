"""Calibrating the table matcher (a 绩效自评表's row or sentence named in other words) on data.

`evals/calibration/table_phrasings.jsonl` holds questions about one project written in other words than the table's
(never an eval set's question text), each with a piece of the row name or sentence it asks for ("a|b": either is
right), or "" when the table holds no answer (a figure it never states: it must be refused, never answered by a
neighbour). One phrase in three, picked by a hash of its text, is held out. Every setting of a small grid (weights
of the shared character pairs and of the z-score, a sentence's handicap, cut-off, margin) is scored on the rest:
among settings with a precision of 0.9 or more (a wrong pick answers with a neighbour's figure), the best F0.5;
ties go to the stricter cut-off. The held-out figures of the chosen setting are printed; `--write` stores it in
assistant/evidence/table_match.toml.

`python -m evals calibrate-tables [--write]`
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.evidence.table_match import PARAMS_FILE, Params, TableMatcher
from assistant.understand.cues import CUES
from assistant.understand.name_vectors import Embedder, NameVectors
from assistant.understand.normalize import fold
from corpus import load_report
from corpus.settings import REPO_DIR, Settings

PHRASES = Path(__file__).resolve().parent / "calibration" / "table_phrasings.jsonl"
REPORTS = {
    "shipped": REPO_DIR / "corpus" / "data" / "2023_sichuan_big_data_center_final_accounts.txt",
    "fixture": REPO_DIR / "tests" / "fixtures" / "2022_chengdu_data_bureau_final_accounts.txt",
}
HELD_OUT = 3
PRECISION = 0.9  # a wrong row or sentence answers with a neighbour's figure: settings below this lose
LEXICAL = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4)
SPREAD = (0.0, 0.01, 0.02)
UNIT = (0.0, 0.02, 0.04, 0.06, 0.08)
SENTENCE = (0.0, 0.02, 0.04, 0.06, 0.1, 1.0)  # 1.0: rows only
CUTS = tuple(round(0.85 + 0.005 * i, 3) for i in range(60))  # 0.85 … 1.145
MARGINS = (0.0, 0.005, 0.01, 0.02)
FIGURE = re.compile("|".join(CUES.words("number_cue") + CUES.words("indicator_cue")))


@dataclass(frozen=True)
class Outcome:
    score: float
    second: float
    right: bool  # the best candidate is the one expected
    expected: bool  # the table holds an answer


def held_out(text: str) -> bool:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % HELD_OUT == 0


def outcomes(
    lexical: float, spread: float, sentence: float, phrases: list[dict], matchers: dict[str, TableMatcher],
    unit: float = 0.0,
) -> list[tuple[bool, Outcome]]:
    out = []
    for item in phrases:
        matcher = matchers[item["report"]]
        matcher.params = Params(cut=0.0, margin=0.0, lexical=lexical, spread=spread, sentence=sentence, unit=unit)
        project = next(p for p in matcher.report.projects if p.name == item["project"])
        found = matcher.rank(item["question"], project, figure=FIGURE.search(item["question"]) is not None)
        expect = [re.sub(r"\s+", "", fold(e)) for e in item["expect"].split("|") if e]  # any right piece
        right = found is not None and any(e in fold(found.candidate.text) for e in expect)
        score, second = (found.score, found.second) if found else (0.0, 0.0)
        out.append((held_out(item["question"]), Outcome(score, second, right, bool(expect))))
    return out


def figures(rows: list[Outcome], cut: float, margin: float) -> tuple[float, float, float, int, int, int]:
    hits = wrong = missed = 0
    for r in rows:
        answers = r.score >= cut and r.score - r.second >= margin
        if answers and r.right:
            hits += 1
        elif answers:
            wrong += 1
        elif r.expected:
            missed += 1
    precision = hits / (hits + wrong) if hits + wrong else 1.0
    recall = hits / (hits + missed) if hits + missed else 0.0
    beta2 = 0.25
    f = (1 + beta2) * precision * recall / (beta2 * precision + recall) if precision + recall else 0.0
    return f, precision, recall, hits, wrong, missed


def main_calibrate_tables(write: bool = False) -> int:
    phrases = [json.loads(line) for line in PHRASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = Settings.from_env()
    embedder = Embedder()
    matchers = {}
    for name, path in REPORTS.items():
        report = load_report(path)
        vectors = NameVectors([], report.content_hash, None, embedder)
        matchers[name] = TableMatcher(report, vectors, settings.data_dir / "matcher")
    best = None
    for lexical, spread, sentence, unit in itertools.product(LEXICAL, SPREAD, SENTENCE, UNIT):
        rows = outcomes(lexical, spread, sentence, phrases, matchers, unit)
        train = [o for held, o in rows if not held]
        test = [o for held, o in rows if held]
        for cut, margin in itertools.product(CUTS, MARGINS):
            f = figures(train, cut, margin)
            key = (f[1] >= PRECISION, round(f[0], 4), cut, margin, sentence, -lexical, -spread, -unit)
            if best is None or key > best[0]:
                best = (key, lexical, spread, sentence, unit, cut, margin, f, figures(test, cut, margin))
    assert best is not None
    _, lexical, spread, sentence, unit, cut, margin, train_f, test_f = best
    print(f"短语 {len(phrases)} 条（留出 {sum(held_out(p['question']) for p in phrases)} 条）")
    print(f"选定：lexical={lexical} spread={spread} sentence={sentence} unit={unit} cut={cut} margin={margin}")
    for label, f in (("训练", train_f), ("留出", test_f)):
        print(f"{label}：F0.5={f[0]:.3f} 精确率={f[1]:.3f} 召回率={f[2]:.3f} 命中={f[3]} 答错={f[4]} 漏答={f[5]}")
    if write:
        PARAMS_FILE.write_text(
            "# Chosen by `python -m evals calibrate-tables` on evals/calibration/table_phrasings.jsonl.\n"
            f"# train F0.5 {train_f[0]:.3f} (P {train_f[1]:.3f}, R {train_f[2]:.3f}); "
            f"held-out F0.5 {test_f[0]:.3f} (P {test_f[1]:.3f}, R {test_f[2]:.3f}, wrong {test_f[4]})\n"
            f"[params]\ncut = {cut}\nmargin = {margin}\nlexical = {lexical}\n"
            f"spread = {spread}\nsentence = {sentence}\nunit = {unit}\n",
            encoding="utf-8",
        )
    return 0
