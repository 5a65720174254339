"""Records the index stage hands to the assistant: chunks, hits and build statistics."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a report.

    `text` is what a citation shows; for kind "text" it is exactly ``clean_text[start:end]``.
    `embed_text` is what the embedder and BM25 see (heading path prepended, table line breaks joined).
    metadata keys: report_id, section_id, heading, page (-1 when unknown), start, end, kind
    ("text" | "fact" | "indicator"), pipeline, and for facts/indicators the subject or project.
    """

    id: str
    section_id: str
    text: str
    embed_text: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return str(self.metadata.get("heading", ""))

    @property
    def kind(self) -> str:
        return str(self.metadata.get("kind", "text"))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chunk:
        return cls(
            id=data["id"],
            section_id=data["section_id"],
            text=data["text"],
            embed_text=data["embed_text"],
            metadata=dict(data["metadata"]),
        )


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its score; `source` is "dense", "bm25" or "hybrid" (RRF score)."""

    chunk: Chunk
    score: float
    source: str

    def to_json(self) -> dict[str, Any]:
        meta = self.chunk.metadata
        return {
            "id": self.chunk.id,
            "text": self.chunk.text,
            "section_id": self.chunk.section_id,
            "heading": self.chunk.heading,
            "kind": self.chunk.kind,
            "page": meta.get("page", -1),
            "start": meta.get("start"),
            "end": meta.get("end"),
            "score": round(float(self.score), 6),
            "source": self.source,
        }


@dataclass(frozen=True)
class BuildStats:
    """What a build did. `written` is the number of chunks stored; 0 when the index was already current."""

    report_id: str
    pipeline: str
    embedder: str
    collection: str
    chunks: int
    written: int
    embedded: int  # chunks whose vectors were computed (the rest came from the embedding cache)
    skipped: bool
    seconds: float
    kinds: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = "，".join(f"{k} {v}" for k, v in sorted(self.kinds.items()))
        state = "已是最新，未写入" if self.skipped else f"写入 {self.written} 个（新计算向量 {self.embedded} 个）"
        return (
            f"{self.report_id} [{self.pipeline}/{self.embedder}] 集合 {self.collection}：共 {self.chunks} 个分块"
            f"（{kinds}），{state}，用时 {self.seconds:.2f} 秒"
        )
