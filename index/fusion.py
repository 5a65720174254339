"""Reciprocal-rank fusion of ranked id lists.

Hand-written rather than llama-index's QueryFusionRetriever: that class runs its retrievers through asyncio and
the node/QueryBundle machinery on every call (and wants an LLM unless num_queries=1), which costs more than the
whole search budget here; RRF itself is the few lines below (Cormack et al. 2009, k=60).
"""

from __future__ import annotations

RRF_K = 60


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse several best-first id lists; ties keep the order of first appearance (dense before BM25)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    order = {item: i for i, item in enumerate(dict.fromkeys(i for r in rankings for i in r))}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
