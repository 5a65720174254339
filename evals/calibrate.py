"""Calibrating the everyday-word matcher on data: its weights and cut-offs chosen on everyday phrases, checked on
phrases held out of the choice.

`evals/calibration/everyday_names.jsonl` holds everyday phrases written from the two reports' catalogues and the
template's vocabulary (never from an eval set's questions), each with the catalogue entry it names ("kind:name")
or "" when it names none (nothing of the report, a noisy thesaurus neighbour, or an ambiguous word). About a third
of the phrases, picked by a hash of their text, are held out. Every weight setting of a small grid is scored on
the rest by F0.5 (a wrong name costs more than a missed one: it answers with a neighbour's number); ties go to the
stricter threshold and margin. The held-out precision and recall of the chosen setting are the figures.

A phrase counts only through the matcher: one the lexicon already names, or one with no word the report never uses
(the matcher's trigger), is left out and counted. Per phrase,
what the matcher chose is a hit (exactly the entry expected), a wrong choice (anything else), a miss (nothing,
though an entry was expected) or a right abstention (nothing, as expected).

`python -m evals calibrate` prints the figures; `--write` stores the chosen setting and its figures in
assistant/understand/matcher.toml.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from assistant.evidence.sentences import numbered_lists
from assistant.understand.catalogue import Catalogue
from assistant.understand.lexicon import Lexicon
from assistant.understand.match_records import PARAMS_FILE, Candidate, Evidence, Params, Scope, Span
from assistant.understand.matcher import EverydayMatcher, build_matcher
from assistant.understand.normalize import fold
from corpus import Settings, load_report
from corpus.settings import REPO_DIR, settings_or_exit

log = logging.getLogger(__name__)

PHRASES = Path(__file__).resolve().parent / "calibration" / "everyday_names.jsonl"
REPORT_DIRS = (REPO_DIR / "corpus" / "data", REPO_DIR / "tests" / "fixtures")
HELD_OUT = 3  # one phrase in three
GRID = {
    "related": (0.3, 0.5),
    "sibling": (0.0, 0.25),
    "bm25": (0.0, 0.5),
    "pairs": (0.0, 0.5),
    "vector": (0.2, 0.3, 0.4, 0.6),
    "vector_floor": (1.5, 2.0, 3.0),
    "support_floor": (2.5, 3.0, 4.0),
    "vector_gap": (0.5, 1.0, 1.5),
}
SCORE_KEYS = ("bm25", "pairs", "vector", "vector_floor", "support_floor", "vector_gap")
THRESHOLDS = tuple(round(0.5 + 0.1 * i, 2) for i in range(16))  # 0.5 … 2.0
MARGINS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)


@dataclass(frozen=True)
class Phrase:
    report: str
    said: str
    names: str  # "kind:name", or "" for none

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha1(f"{self.report}\n{self.said}".encode()).digest()
        return digest[0] % HELD_OUT == 0


@dataclass(frozen=True)
class Case:
    """A phrase as the matcher meets it: its spans after the lexicon, and the projects the lexicon named."""

    phrase: Phrase
    matcher: EverydayMatcher
    evidence: tuple[Evidence, ...]  # one per span; independent of the weights

    @property
    def expected(self) -> str:
        kind, _, name = self.phrase.names.partition(":")
        return f"{kind}:{fold(name)}" if name else ""


@dataclass(frozen=True)
class Figures:
    hits: int = 0
    wrong: int = 0
    missed: int = 0
    abstained: int = 0
    wrong_expected: int = 0  # wrong choices on phrases that expected an entry (they count against recall too)

    @property
    def precision(self) -> float:
        chosen = self.hits + self.wrong
        return self.hits / chosen if chosen else 1.0

    @property
    def recall(self) -> float:
        expected = self.hits + self.missed + self.wrong_expected
        return self.hits / expected if expected else 1.0

    def f(self, beta: float = 0.5) -> float:
        p, r = self.precision, self.recall
        return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"precision {self.precision * 100:.1f}%  recall {self.recall * 100:.1f}%  "
            f"(hits {self.hits}, wrong {self.wrong}, missed {self.missed}, right abstentions {self.abstained})"
        )


def load_phrases(path: Path = PHRASES) -> list[Phrase]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Phrase(**json.loads(line)) for line in lines if line.strip()]


def report_path(report_id: str) -> Path:
    for folder in REPORT_DIRS:
        path = folder / f"{report_id}.txt"
        if path.exists():
            return path
    raise FileNotFoundError(f"找不到报告 {report_id}")


def cases(phrases: list[Phrase], settings: Settings) -> tuple[list[Case], int, int]:
    """Each phrase read by the lexicon, with its spans. Counted apart: the phrases the lexicon names already, and
    those with no word the report never uses (the lexicon and the row finder read the report's own words)."""
    out: list[Case] = []
    named_already = no_span = 0
    for report_id in dict.fromkeys(p.report for p in phrases):
        report = load_report(report_path(report_id))
        lexicon = Lexicon.build(report)
        catalogue = Catalogue.build(report, lexicon, numbered_lists(report))
        matcher = build_matcher(report, catalogue, lexicon, settings.data_dir / "matcher")
        for phrase in (p for p in phrases if p.report == report_id):
            text = lexicon.normalize(phrase.said)
            taken = lexicon.find(text)
            name = phrase.names.split(":", 1)[-1]
            if name and any(name in m.targets for m in taken):
                named_already += 1
                continue
            scope = Scope.of(text, taken)
            spans = matcher.spans(text, taken)
            if not spans:
                no_span += 1
                continue
            out.append(Case(phrase, matcher, tuple(matcher.evidence(s, scope) for s in spans)))
    return out, named_already, no_span


def chosen(case: Case, params: Params) -> set[str]:
    return _decided(case, params, _candidates(case, params))


def score(outcomes: list[tuple[str, set[str]]]) -> Figures:
    """Per phrase (its expected "kind:term" or "", and what was chosen): hit, wrong, missed or right abstention."""
    hits = wrong = missed = abstained = wrong_expected = 0
    for expected, names in outcomes:
        if not names:
            missed += bool(expected)
            abstained += not expected
        elif names == {expected}:
            hits += 1
        else:
            wrong += 1
            wrong_expected += bool(expected)
    return Figures(hits, wrong, missed, abstained, wrong_expected)


def settings_grid() -> Iterator[dict[str, float]]:
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        yield dict(zip(keys, values, strict=True))


def calibrate(all_cases: list[Case]) -> tuple[Params, Figures, Figures]:
    """The setting with the best F0.5 on the training phrases; its training and held-out figures."""
    train = [c for c in all_cases if not c.phrase.held_out]
    best: tuple[tuple[float, float, float], Params] | None = None
    for weights in settings_grid():
        base = Params(**{**_defaults(), **weights})
        # The candidates depend on the weights only; the margin picks each span's leader; the threshold is last.
        scored = [(c, [cands for _, cands in _candidates(c, base) if cands]) for c in train]
        for margin in MARGINS:
            leaders = [
                (c.expected, [(cands[0].score, *c.matcher.leader(cands, margin)) for cands in spans])
                for c, spans in scored
            ]
            for threshold in THRESHOLDS:
                outcomes = [
                    (expected, {_key(best) for top, best, lead in spans if top >= threshold and lead >= margin})
                    for expected, spans in leaders
                ]
                key = (round(score(outcomes).f(), 6), threshold, margin)
                if best is None or key > best[0]:
                    best = (key, replace(base, threshold=threshold, margin=margin))
    assert best is not None
    params = best[1]
    return params, evaluate(train, params), evaluate([c for c in all_cases if c.phrase.held_out], params)


def evaluate(some: list[Case], params: Params) -> Figures:
    return score([(c.expected, chosen(c, params)) for c in some])


def _candidates(case: Case, params: Params) -> list[tuple[Span, list[Candidate]]]:
    matcher = replace(case.matcher, params=params)
    return [(e.span, matcher.scored(e)) for e in case.evidence]


def _decided(case: Case, params: Params, candidates: list[tuple[Span, list[Candidate]]]) -> set[str]:
    matcher = replace(case.matcher, params=params)
    found = [matcher.decide(s, c) for s, c in candidates]
    return {_key(m.chosen) for m in found if m.chosen is not None}


def _key(candidate: Candidate) -> str:
    return f"{candidate.kind}:{candidate.term}"


def _defaults() -> dict[str, float]:
    return {f.name: getattr(Params(), f.name) for f in fields(Params)}


def write(params: Params, train: Figures, held: Figures, counts: str, path: Path = PARAMS_FILE) -> None:
    """Store the chosen setting and its figures (the test suite checks they still come out)."""
    lines = [
        "# The everyday-word matcher's weights and cut-offs (assistant/understand/matcher.py), chosen by",
        "# `python -m evals calibrate --write` on evals/calibration/everyday_names.jsonl. Do not edit by hand.",
        f"# {counts}",
        "",
        "[thesaurus]",
        *(f"{k} = {getattr(params, k)}" for k in ("said", "synonym", "related", "sibling")),
        "",
        "[score]",
        *(f"{k} = {getattr(params, k)}" for k in SCORE_KEYS),
        "",
        "[decision]",
        *(f"{k} = {getattr(params, k)}" for k in ("threshold", "margin")),
        "",
        "[figures]",
        *(f"train_{k} = {getattr(train, k)}" for k in ("hits", "wrong", "missed", "abstained")),
        *(f"held_out_{k} = {getattr(held, k)}" for k in ("hits", "wrong", "missed", "abstained")),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main_calibrate(write_params: bool, show: bool = False) -> int:
    settings = settings_or_exit()
    phrases = load_phrases()
    all_cases, named_already, no_span = cases(phrases, settings)
    held = sum(c.phrase.held_out for c in all_cases)
    counts = (
        f"{len(phrases)} phrases: {named_already} named by the lexicon already, {no_span} in the report's own words; "
        f"{len(all_cases) - held} to choose on, {held} held out"
    )
    print(counts)
    params, train, held_out = calibrate(all_cases)
    print(f"chosen: {params}")
    print(f"  training : {train.line()}")
    print(f"  held out : {held_out.line()}")
    if show:
        for case in all_cases:
            names = chosen(case, params)
            mark = "=" if names == ({case.expected} if case.expected else set()) else "✗"
            where = "held out" if case.phrase.held_out else "train"
            expected = case.phrase.names or "—"
            print(f"  {mark} [{where}] {case.phrase.said} → {sorted(names) or '—'} (expected {expected})")
    if write_params:
        write(params, train, held_out, counts)
        print(f"written to {PARAMS_FILE}")
    return 0
