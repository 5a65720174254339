"""Check a built index against its manifest and the report, without changing anything.

`python -m index verify` prints the findings; the server runs the same check at start and rebuilds (or refuses
to start) instead of serving without search. What is checked, cheapest first:

- the local Chroma store and the embedding cache are sound SQLite files (`PRAGMA quick_check`);
- a manifest exists for this report, pipeline and embedder, and its fingerprint is the one the report gives now;
- the collection exists, holds every chunk, and a stored vector finds itself (the vector index answers);
- every build file (chunks.jsonl, the BM25 directory) has the checksum the manifest recorded, the chunks are
  exactly those the report gives, and BM25 loads and scores.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from corpus.records import Report
from corpus.settings import Settings
from index.keyword import KeywordIndex
from index.records import Chunk
from index.service import _build_dir, _plan, damaged_files
from index.store import StoreError, get_client, get_collection, index_dir, sqlite_damage, store_dir

log = logging.getLogger(__name__)


@dataclass
class Verification:
    """The findings: each problem is one Chinese sentence for the person running the check."""

    report_id: str
    collection: str = ""
    chunks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"索引完好：{self.report_id}，集合 {self.collection}，{self.chunks} 个分块。"
        lines = [f"索引有 {len(self.problems)} 处问题（{self.report_id}）："]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def verify_index(settings: Settings, report: Report) -> Verification:
    """Everything that would make search fail or answer from the wrong data; read-only."""
    plan = _plan(settings, report)
    found = Verification(report.id, collection=plan.name, chunks=len(plan.chunks))
    cache = index_dir(settings) / "embeddings.sqlite"
    if why := sqlite_damage(cache):
        found.problems.append(f"向量缓存 {cache} 已损坏（{why}）。")
    if not settings.chroma_host and (why := sqlite_damage(store_dir(settings) / "chroma.sqlite3")):
        found.problems.append(f"Chroma 数据库 {store_dir(settings) / 'chroma.sqlite3'} 已损坏（{why}）。")
        return found  # opening a damaged store could only fail further
    data = plan.manifest.read()
    if not data:
        found.problems.append("还没有为这份报告构建索引（或清单文件已损坏）。")
        return found
    if data.get("fingerprint") != plan.fingerprint:
        found.problems.append("索引与当前的报告或设置不一致（报告改过？），需要重新构建。")
        return found
    found.problems += _collection_problems(settings, data)
    found.problems += _file_problems(settings, data, plan.chunks, plan.pipeline)
    return found


def _collection_problems(settings: Settings, data: dict[str, Any]) -> list[str]:
    name = data.get("collection", "")
    try:
        collection = get_collection(get_client(settings), name)
        if collection is None:
            return [f"向量库里没有清单所指的集合 {name}。"]
        count = collection.count()
        if count != data.get("count"):
            return [f"集合 {name} 有 {count} 个向量，清单记载 {data.get('count')} 个。"]
        stored = collection.get(limit=1, include=["embeddings"])
        if not stored["ids"]:
            return [f"集合 {name} 是空的。"]
        result = collection.query(query_embeddings=[stored["embeddings"][0]], n_results=1, include=["distances"])
        if not result["distances"][0] or result["distances"][0][0] > 1e-3:
            return [f"集合 {name} 的向量索引找不到已存的向量（索引文件可能已损坏）。"]
    except StoreError as exc:
        return [str(exc)]
    except Exception as exc:
        return [f"读取集合 {name} 失败：{type(exc).__name__}: {exc}"]
    return []


def _file_problems(settings: Settings, data: dict[str, Any], chunks: list[Chunk], pipeline: str) -> list[str]:
    build_dir = _build_dir(settings, data.get("collection", ""))
    problems = [f"构建文件 {name} 缺失或与清单记载的校验和不符。" for name in damaged_files(settings, data)]
    if problems:
        return problems
    try:
        with (build_dir / "chunks.jsonl").open(encoding="utf-8") as lines:
            stored = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        return [f"分块文件 {build_dir / 'chunks.jsonl'} 无法读取：{exc}"]
    if stored != [json.loads(json.dumps(c.to_json(), ensure_ascii=False)) for c in chunks]:
        problems.append("分块文件与报告现在给出的分块不一致。")
    if pipeline == "full":
        try:
            keyword = KeywordIndex.load(build_dir / "bm25")
            if keyword.size != len(chunks) or not keyword.top(chunks[0].embed_text, 1):
                problems.append("关键词索引（BM25）与分块数不符或检索不到内容。")
        except Exception as exc:
            problems.append(f"关键词索引（BM25）无法加载：{type(exc).__name__}: {exc}")
    return problems
