"""The names a question can use for the catalogue's figures and projects, as a small search index.

Each nameable entry becomes one document: the term a question is rewritten to (the entry's own name, folded), and
the words it is known by (jieba's search-mode words of its name and of its report-derived aliases). Searched three
ways: BM25 over those words (bm25s), character pairs (a span's pairs found in a name), and the words' vocabulary,
which is what a thesaurus neighbour must land on to count. The template's colloquial aliases (cues.toml) are words
of their names too, each whole: a neighbour of one (薪资 → 工资 → 人员经费) lands on the name it stands for.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import bm25s
import jieba
import numpy as np

from assistant.understand.catalogue import Catalogue, Entry
from assistant.understand.normalize import fold

log = logging.getLogger(__name__)

# Indicator rows are left to the row finder: their names are the report's own words, and a row named by a loose
# everyday word ("员工食堂" → 职工满意度, "场馆举办" → 设置…赛道) was wrong more often than right in calibration.
NAMEABLE = ("fact", "project")
HAN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


@dataclass(frozen=True)
class Named:
    """One nameable entry as the matcher sees it."""

    kind: str
    name: str  # the catalogue's name
    term: str  # what a question is rewritten to: the folded name
    words: tuple[str, ...]  # jieba search-mode words of the name and the report's aliases, in order
    parents: tuple[str, ...] = ()  # the totals a figure is a part of
    measures: tuple[str, ...] = ()  # a figure's stated measures (数量 for a count, 决算数 for an amount …)


def words_of(text: str) -> list[str]:
    """jieba's search-mode words of a folded text, letters and digits only, in order, each once."""
    out: list[str] = []
    for run in HAN.findall(text):
        for word in jieba.lcut_for_search(run, HMM=False):
            if word not in out:
                out.append(word)
    return out


def pairs(text: str) -> set[str]:
    """Character pairs inside runs of letters (never across punctuation)."""
    return {run[i : i + 2] for run in HAN.findall(text) for i in range(len(run) - 1)}


class NameIndex:
    """The nameable entries of one catalogue, with BM25 over their words and their character pairs."""

    def __init__(self, catalogue: Catalogue, colloquial: frozenset[str] = frozenset()) -> None:
        self.names: list[Named] = []
        seen: set[tuple[str, str]] = set()
        for entry in catalogue.entries:
            named = _named(entry, colloquial)
            if named is not None and (named.kind, named.term) not in seen:
                seen.add((named.kind, named.term))
                self.names.append(named)
        self.vocabulary: frozenset[str] = frozenset(w for n in self.names for w in n.words)
        self._pairs = [pairs(n.term) for n in self.names]
        self._bm25 = bm25s.BM25()
        if self.names:
            self._bm25.index([list(n.words) for n in self.names], show_progress=False)
        log.info("name index: %d names, %d words", len(self.names), len(self.vocabulary))

    def __len__(self) -> int:
        return len(self.names)

    def bm25(self, weighted: dict[str, float]) -> np.ndarray:
        """BM25 of each name for words with weights (a thesaurus neighbour counts less than the word said)."""
        scores = np.zeros(len(self.names), dtype=np.float32)
        for word, weight in sorted(weighted.items()):
            if word in self.vocabulary and weight > 0:
                scores += weight * np.asarray(self._bm25.get_scores([word]), dtype=np.float32)
        return scores

    def pair_share(self, span: str) -> np.ndarray:
        """For each name, the share of the span's character pairs found in it."""
        own = pairs(span)
        if not own:
            return np.zeros(len(self.names), dtype=np.float32)
        return np.asarray([len(own & p) / len(own) for p in self._pairs], dtype=np.float32)


def _named(entry: Entry, colloquial: frozenset[str]) -> Named | None:
    if entry.kind not in NAMEABLE:
        return None
    term = fold(entry.name)
    words: list[str] = []
    for text in (term, *(a for a in entry.aliases if a not in colloquial)):
        words += [w for w in words_of(text) if w not in words]
    # A colloquial alias counts whole: "总开销" is a word for 本年支出合计, its piece "开销" is anybody's.
    words += [a for a in entry.aliases if a in colloquial and a not in words]
    parents = tuple(c.split(":", 1)[1] for c in entry.collections if c.startswith("parts:"))
    return Named(entry.kind, entry.name, term, tuple(words), parents, entry.measures)
