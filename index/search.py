"""Searching one built index: dense (Chroma), keyword (BM25) and hybrid (RRF), with a cost cap per question.

Every call to Chroma goes through the store's circuit breaker. When dense search fails or the breaker is open,
hybrid search answers from BM25 alone (logged once per outage) and `health()` says "degraded": the assistant's
fact-table answers never depended on it, and its passage answers lose only the dense half of the ranking.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.breaker import CLOSED, CircuitBreaker, ServiceUnavailable
from index.fusion import reciprocal_rank_fusion
from index.keyword import KeywordIndex
from index.normalize import normalize_query
from index.records import Chunk, Hit

log = logging.getLogger(__name__)

FUSION_DEPTH = 20  # candidates taken from each retriever before fusion
MODES = ("hybrid", "dense", "bm25")
MAX_QUERY_CHARS = 2000  # a longer "question" is a pasted document: refuse it rather than embed it
OK, DEGRADED, DOWN = "ok", "degraded", "down"


class IndexError_(Exception):  # not the builtin IndexError
    """A search or build request that cannot be served; the message is for end users (Chinese)."""


@dataclass(frozen=True)
class Health:
    """One component's readiness: ok | degraded | down, and why (Chinese, for operators and /api/ready)."""

    status: str
    reason: str = ""

    def to_json(self) -> dict[str, str]:
        return {"status": self.status, "reason": self.reason}


@dataclass(frozen=True)
class Caps:
    """How much of one question's text each retriever gets: the embedder's cost grows faster than linearly."""

    embed_chars: int = 64
    bm25_chars: int = 256


class SearchIndex:
    """Dense (Chroma), keyword (BM25) and hybrid (RRF) search over one report's chunks; safe for many readers."""

    QUERY_CACHE = 256

    def __init__(
        self,
        chunks: list[Chunk],
        collection: Any,
        embedder: Any,
        keyword: KeywordIndex | None,
        pipeline: str,
        name: str,
        breaker: CircuitBreaker | None = None,
        caps: Caps | None = None,
        probe: Callable[[], None] | None = None,
    ) -> None:
        self.chunks = chunks
        self.collection = collection
        self.embedder = embedder
        self.keyword = keyword
        self.pipeline = pipeline
        self.name = name
        self.breaker = breaker or CircuitBreaker("Chroma", failures=2, reset_s=10.0)
        self.caps = caps or Caps()
        self._probe = probe
        self._by_id = {c.id: c for c in chunks}
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._dense_down = False  # logged once per outage
        self.build_seconds = 0.0

    def clear_cache(self) -> None:
        """Forget cached query vectors (benchmarks time the embedding too)."""
        with self._lock:
            self._vectors.clear()

    @property
    def modes(self) -> tuple[str, ...]:
        return MODES if self.keyword is not None else ("dense",)

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        text = normalize_query(query)
        if not text:
            raise IndexError_("问题不能为空。")
        if len(text) > MAX_QUERY_CHARS:
            raise IndexError_(f"问题过长（{len(text)} 字），上限为 {MAX_QUERY_CHARS} 字。")
        if mode not in MODES:
            raise IndexError_(f"未知的检索方式：{mode}（可选 {'、'.join(MODES)}）")
        k = max(1, int(k))
        if self.keyword is None:  # the baseline pipeline is dense only
            if mode == "bm25":
                raise IndexError_("baseline 流水线没有关键词索引，只能用 dense 检索。")
            mode = "dense"
        if mode == "bm25":
            return self._bm25(text, k)
        if mode == "dense":
            try:
                return self._dense(text, k)
            except Exception as exc:
                self._note_dense_failure(exc)
                raise IndexError_("向量检索暂时不可用（Chroma 无响应），请稍后再试或改用 bm25 检索。") from exc
        depth = max(k, FUSION_DEPTH)
        keyword = self._bm25(text, depth)
        try:
            dense = self._dense(text, depth)
        except Exception as exc:  # hybrid keeps answering from BM25 alone
            self._note_dense_failure(exc)
            return keyword[:k]
        fused = reciprocal_rank_fusion([[h.chunk.id for h in dense], [h.chunk.id for h in keyword]])
        return [Hit(self._by_id[cid], score, "hybrid") for cid, score in fused[:k]]

    def health(self) -> Health:
        """Readiness of search: ok, degraded (BM25 only: Chroma failing or its breaker open) or down."""
        if self._probe is not None and self.breaker.state != "open":
            try:
                self.breaker.call(self._probe)
            except Exception as exc:
                self._note_dense_failure(exc)
        if self.breaker.state == CLOSED:
            self._dense_down = False
            return Health(OK)
        reason = f"向量检索不可用：{self.breaker.last_error or 'Chroma 无响应'}"
        if self.keyword is None:
            return Health(DOWN, reason + "；baseline 流水线没有关键词索引。")
        return Health(DEGRADED, reason + "；暂时只用关键词（BM25）检索，事实表回答不受影响。")

    def _note_dense_failure(self, exc: Exception) -> None:
        if not self._dense_down:
            self._dense_down = True
            log.warning("dense search unavailable (%s): searching with BM25 only until Chroma is back", exc)

    def _query_vector(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
                return vector
        vector = np.asarray(self.embedder.get_query_embedding(text), dtype=np.float32)
        with self._lock:
            self._vectors[text] = vector
            while len(self._vectors) > self.QUERY_CACHE:
                self._vectors.popitem(last=False)
        return vector

    def _dense(self, text: str, n: int) -> list[Hit]:
        if self.breaker.state == "open":  # fail fast, before paying for the embedding
            raise ServiceUnavailable(f"Chroma 暂时不可用（{self.breaker.last_error}）")
        vector = self._query_vector(text[: self.caps.embed_chars])
        n = min(n, len(self.chunks))
        result = self.breaker.call(self.collection.query, query_embeddings=[vector], n_results=n, include=["distances"])
        ids, distances = result["ids"][0], result["distances"][0]
        hits = [
            Hit(self._by_id[i], 1.0 - float(d), "dense")
            for i, d in zip(ids, distances, strict=True)
            if i in self._by_id
        ]
        if self._dense_down and self.breaker.state == CLOSED:
            self._dense_down = False
            log.warning("dense search is back")
        return hits

    def _bm25(self, text: str, n: int) -> list[Hit]:
        assert self.keyword is not None
        return [Hit(self.chunks[i], score, "bm25") for i, score in self.keyword.top(text[: self.caps.bm25_chars], n)]
