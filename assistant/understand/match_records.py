"""The everyday-word matcher's typed records: its calibrated parameters, what it reads in a question (spans, the
scope the rest of the question sets, the evidence per catalogue name) and what it hands back (candidates, a span's
match with its options)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.understand.cues import CUES
from assistant.understand.lexicon import Match
from assistant.understand.names import Named
from assistant.understand.thesaurus import RELATED, SIBLING, SYNONYM

PARAMS_FILE = Path(__file__).with_name("matcher.toml")
SAID = "said"  # a word of the span that is itself a word of a name
COUNTED = CUES.cue("counted")  # "几个", "多少人": a count is asked
MONEY = CUES.cue("money")  # "钱", "费用", "花了": an amount is asked
COUNT, AMOUNT, COUNT_MEASURE = "count", "amount", "数量"


@dataclass(frozen=True)
class Params:
    """The matcher's weights and cut-offs (calibrated; see matcher.toml)."""

    said: float = 1.0
    synonym: float = 1.0
    related: float = 0.5
    sibling: float = 0.3
    bm25: float = 0.25
    pairs: float = 0.5
    vector: float = 0.1
    vector_floor: float = 2.0  # the z-score that counts as neither for nor against (the best random name sits near 2.7)
    support_floor: float = 3.0  # the z-score at which the unknown words' own vector points at a name …
    vector_gap: float = 1.0  # … when it leads the next name by this much
    threshold: float = 1.0
    margin: float = 0.3

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> Params:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        values = {**data.get("thesaurus", {}), **data.get("score", {}), **data.get("decision", {})}
        return cls(**{k: float(v) for k, v in values.items() if k in cls.__dataclass_fields__})

    def relation(self, relation: str) -> float:
        weights = {SAID: self.said, SYNONYM: self.synonym, RELATED: self.related, SIBLING: self.sibling}
        return weights.get(relation, 0.0)


@dataclass(frozen=True)
class Candidate:
    """A catalogue entry a span may name, its fused score and the evidence for it (for explain and logs)."""

    kind: str
    name: str
    term: str
    score: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpanMatch:
    """A span of the folded question and what it names: `chosen`, or no choice; when several names each clear the
    threshold with none leading by the margin, they are the `options` a clarifying question can offer."""

    start: int
    end: int
    said: str
    chosen: Candidate | None
    candidates: tuple[Candidate, ...] = ()  # the best few, for explain and the logs
    margin: float = 0.0  # the lead of the best over its best rival
    options: tuple[str, ...] = ()  # catalogue names of an ambiguous span

    @property
    def ambiguous(self) -> bool:
        return self.chosen is None and len(self.options) >= 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    unknown: tuple[str, ...] = ()  # its words the report never uses: what the match must explain


@dataclass(frozen=True)
class Landing:
    """A word of the span, or its thesaurus neighbour, that is a word of some name."""

    said: str
    name_word: str
    relation: str  # said | synonym | related | sibling

    def said_as(self) -> str:
        if self.relation == SAID:
            return f"词：{self.said}"
        return f"词林：{self.said}→{self.name_word}（{self.relation}）"


@dataclass(frozen=True)
class Evidence:
    """What one span shares with every name (one column per name), before any weighting."""

    span: Span
    landings: tuple[Landing, ...]
    bm25: np.ndarray  # (landings × names) BM25 of each landing's name word
    pairs: np.ndarray  # share of the span's character pairs found in each name
    z: np.ndarray  # the span's cosine with each name, as a z-score among all names
    z_head: np.ndarray  # … and of its last word the report never uses (its head, mostly), alone
    scope: np.ndarray  # names the span may name here (a named project's own rows only)


@dataclass(frozen=True)
class Scope:
    """What the rest of the question narrows a span to: a figure of the kind asked (a count is never an amount:
    "老干部的费用" is no 领导干部用车, "几个人" no 人员经费); and the projects it names."""

    projects: tuple[str, ...] = ()
    asks: str = ""  # count | amount | "" (either)

    @classmethod
    def of(cls, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> Scope:
        projects = tuple(dict.fromkeys(t for m in taken if m.kind == "project" for t in m.targets))
        asks = COUNT if COUNTED.search(text) else AMOUNT if MONEY.search(text) else ""
        return cls(projects, asks)

    def allows(self, named: Named) -> bool:
        if named.kind != "fact" or not named.measures or not self.asks:
            return True
        counted = COUNT_MEASURE in named.measures
        return counted if self.asks == COUNT else any(m != COUNT_MEASURE for m in named.measures)
