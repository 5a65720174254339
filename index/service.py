"""Build and open the index of one report.

A build is idempotent and atomic: the chunks, embedder and pipeline give a fingerprint; an unchanged fingerprint
writes nothing; a new one is built into its own collection and build directory, then the manifest is switched with
one os.replace, then the old build is dropped. A build that dies half-way (even killed) leaves the old manifest, so
searches keep using the previous index, and its leftovers are dropped by the next build.

Builds of one data dir take turns across processes (a file lock): a second build waits, then finds the work done.
A build also repairs what it finds damaged: a local Chroma store or embedding cache that SQLite calls malformed is
moved aside (kept as `*.damaged-…`), and build files whose checksums no longer match the manifest are rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.parse import load_report
from corpus.records import Report
from corpus.settings import Settings
from index.chunking import PIPELINES, make_chunks
from index.embedders import embedder_tag, get_embedder
from index.keyword import KeywordIndex, report_terms
from index.records import BuildStats, Chunk
from index.search import MAX_QUERY_CHARS, MODES, Caps, IndexError_, SearchIndex
from index.store import (
    EmbeddingCache,
    Manifest,
    acquire_build_lock,
    build_lock,
    collection_name,
    drop_collection,
    forget_client,
    get_client,
    get_collection,
    index_dir,
    move_aside,
    probe,
    sqlite_damage,
    store_breaker,
    store_dir,
)

log = logging.getLogger(__name__)

SCHEMA = "index-v2"  # bump when chunking or storage changes in a way the fingerprint cannot see
# HNSW is approximate, and Chroma rebuilds a small collection's graph from its log on load with several threads,
# so the graph (and with it a near tie among the top hits) may differ between processes. A search breadth at
# least the collection's size makes the search visit every chunk of one report: exact, so the same question
# always retrieves the same chunks. A report holds a few hundred chunks; the breadth costs well under 1 ms.
MIN_EF_SEARCH = 1000
BATCH = 16  # chunks embedded and written per step

SearchError = IndexError_
__all__ = ["MAX_QUERY_CHARS", "MODES", "IndexError_", "SearchIndex", "build_index", "open_index"]


@dataclass
class _Plan:
    report: Report
    pipeline: str
    tag: str
    chunks: list[Chunk]
    terms: list[str]
    fingerprint: str
    name: str
    manifest: Manifest


def _plan(settings: Settings, report: Report) -> _Plan:
    pipeline = settings.pipeline
    if pipeline not in PIPELINES:
        raise IndexError_(f"未知的流水线：{pipeline}（可选 {'、'.join(PIPELINES)}）")
    tag = embedder_tag(settings)
    chunks = make_chunks(report, pipeline)
    terms = report_terms(report) if pipeline == "full" else []
    digest = hashlib.sha256()
    for part in (SCHEMA, pipeline, tag, report.id, *terms):
        digest.update(part.encode("utf-8") + b"\x00")
    for chunk in chunks:
        digest.update(json.dumps(chunk.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    fingerprint = digest.hexdigest()
    return _Plan(
        report=report,
        pipeline=pipeline,
        tag=tag,
        chunks=chunks,
        terms=terms,
        fingerprint=fingerprint,
        name=collection_name(report.id, pipeline, tag, fingerprint),
        manifest=Manifest(settings, report.id, pipeline, tag),
    )


def _build_dir(settings: Settings, name: str) -> Path:
    return index_dir(settings) / "builds" / name


def _usable(settings: Settings, data: dict[str, Any] | None, pipeline: str, client: Any) -> bool:
    """Whether a manifest's build is complete: its collection holds every chunk and its side files exist."""
    if not data or not data.get("collection"):
        return False
    collection = get_collection(client, data["collection"])
    try:
        if collection is None or collection.count() != data.get("count"):
            return False
    except Exception as exc:  # a damaged store: not usable, and the build that follows repairs it
        log.warning("collection %s cannot be read: %s", data["collection"], exc)
        return False
    build_dir = _build_dir(settings, data["collection"])
    return (build_dir / "chunks.jsonl").is_file() and (pipeline != "full" or (build_dir / "bm25").is_dir())


def file_digests(build_dir: Path) -> dict[str, str]:
    """sha256 of every file of a build directory, by relative path (kept in the manifest, checked by verify)."""
    digests = {}
    for path in sorted(p for p in build_dir.rglob("*") if p.is_file()):
        digests[path.relative_to(build_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def damaged_files(settings: Settings, data: dict[str, Any]) -> list[str]:
    """Build files missing or changed since the manifest was written (a manifest of an older version, without
    checksums, counts as damaged: rebuilding it once costs no embedding, the vectors are cached)."""
    build_dir = _build_dir(settings, data["collection"])
    expected = data.get("files")
    if not expected:
        return ["(manifest without checksums)"]
    found = file_digests(build_dir) if build_dir.is_dir() else {}
    return sorted(name for name, digest in expected.items() if found.get(name) != digest)


def _current(settings: Settings, plan: _Plan, client: Any) -> dict[str, Any] | None:
    """The manifest if it describes this very plan and its store is complete, else None."""
    data = plan.manifest.read()
    if not data or data.get("fingerprint") != plan.fingerprint:
        return None
    return data if _usable(settings, data, plan.pipeline, client) else None


_BUILD_LOCK = threading.RLock()  # two threads opening a stale index must not build the same collection at once


def build_index(settings: Settings, report: Report | None = None) -> BuildStats:
    """Chunk, embed and store one report (defaults to settings.report); a no-op when already current and sound.

    One build per data dir at a time, across processes: a second build waits for the lock, then finds the
    index current and writes nothing."""
    report = report if report is not None else load_report(settings.report)
    with _BUILD_LOCK:
        lock = build_lock(settings)
        acquire_build_lock(lock)
        try:
            _set_aside_damaged_stores(settings)
            return _build(settings, report)
        finally:
            lock.release()


def _set_aside_damaged_stores(settings: Settings) -> None:
    """A local Chroma store or an embedding cache that SQLite finds malformed is moved aside, to be rebuilt."""
    cache = index_dir(settings) / "embeddings.sqlite"
    if why := sqlite_damage(cache):
        log.warning("embedding cache %s is damaged (%s); starting a new one", cache, why)
        move_aside(cache)
    if settings.chroma_host:
        return
    store = store_dir(settings) / "chroma.sqlite3"
    if why := sqlite_damage(store):
        log.warning("Chroma store %s is damaged (%s); rebuilding it", store, why)
        forget_client(settings)
        move_aside(store_dir(settings))


def _build(settings: Settings, report: Report) -> BuildStats:
    started = time.perf_counter()
    plan = _plan(settings, report)
    client = get_client(settings)
    current = _current(settings, plan, client)
    if current and not (damaged := damaged_files(settings, current)):
        log.info("index %s is current; nothing written", plan.name)
        return _stats(plan, embedded=0, skipped=True, seconds=time.perf_counter() - started)
    if current:
        log.warning("index %s has damaged files %s; rebuilding it", plan.name, damaged)
    previous = plan.manifest.read()
    build_dir = _build_dir(settings, plan.name)
    shutil.rmtree(build_dir, ignore_errors=True)
    if _complete_elsewhere(client, plan):
        # Another process (another machine with its own data dir) built this very plan on the shared Chroma
        # server: adopt its collection, write only this data dir's side files. Dropping it would pull the index
        # from under the processes that search it.
        log.info("collection %s is complete on the server; adopting it", plan.name)
        _write_side_files(plan, build_dir)
        plan.manifest.write(_manifest(plan, build_dir, time.perf_counter() - started))
        _drop_old(settings, client, plan, previous)
        return _stats(plan, embedded=0, skipped=False, seconds=time.perf_counter() - started)
    drop_collection(client, plan.name)  # leftovers of a build of the same plan that died
    embedder = get_embedder(settings)
    cache = EmbeddingCache(index_dir(settings) / "embeddings.sqlite", plan.tag)
    embedded = 0
    try:
        collection = client.create_collection(
            name=plan.name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": max(MIN_EF_SEARCH, 2 * len(plan.chunks))}},
            metadata={
                "report_id": report.id,
                "pipeline": plan.pipeline,
                "embedder": plan.tag,
                "fingerprint": plan.fingerprint,
            },
        )
        total = len(plan.chunks)
        for begin in range(0, total, BATCH):
            batch = plan.chunks[begin : begin + BATCH]
            texts = [c.embed_text for c in batch]
            cached = cache.get_many(texts)
            missing = [t for t in dict.fromkeys(texts) if cache.key(t) not in cached]
            if missing:
                vectors = np.asarray(embedder.get_text_embedding_batch(missing), dtype=np.float32)
                cache.put_many(missing, vectors)
                cached.update({cache.key(t): v for t, v in zip(missing, vectors, strict=True)})
                embedded += len(missing)
            collection.add(
                ids=[c.id for c in batch],
                embeddings=np.stack([cached[cache.key(t)] for t in texts]),
                documents=[c.text for c in batch],
                metadatas=[_chroma_meta(c.metadata) for c in batch],
            )
            log.info("%s: %d/%d chunks stored (%d embedded)", report.id, min(begin + BATCH, total), total, embedded)
        _write_side_files(plan, build_dir)
        seconds = time.perf_counter() - started
        plan.manifest.write(_manifest(plan, build_dir, seconds))
    except BaseException:
        drop_collection(client, plan.name)
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    finally:
        cache.close()
    _drop_old(settings, client, plan, previous)
    log.info("index %s built: %d chunks in %.1f s", plan.name, len(plan.chunks), seconds)
    return _stats(plan, embedded=embedded, skipped=False, seconds=seconds)


def _complete_elsewhere(client: Any, plan: _Plan) -> bool:
    """A collection of this very plan (same name and fingerprint) that holds every chunk: built by another process."""
    collection = get_collection(client, plan.name)
    try:
        return (
            collection is not None
            and (collection.metadata or {}).get("fingerprint") == plan.fingerprint
            and collection.count() == len(plan.chunks)
        )
    except Exception as exc:  # unreadable: rebuilt below
        log.warning("collection %s cannot be read: %s", plan.name, exc)
        return False


def _write_side_files(plan: _Plan, build_dir: Path) -> None:
    """This data dir's part of a build: the BM25 index and the chunk list."""
    build_dir.mkdir(parents=True, exist_ok=True)
    if plan.pipeline == "full":
        KeywordIndex.build([c.embed_text for c in plan.chunks], plan.terms).save(build_dir / "bm25")
    with (build_dir / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for chunk in plan.chunks:
            out.write(json.dumps(chunk.to_json(), ensure_ascii=False) + "\n")


def _manifest(plan: _Plan, build_dir: Path, seconds: float) -> dict[str, Any]:
    report = plan.report
    return {
        "collection": plan.name,
        "fingerprint": plan.fingerprint,
        "count": len(plan.chunks),
        "files": file_digests(build_dir),
        "report_id": report.id,
        "report_path": report.path,
        "content_hash": report.content_hash,
        "pipeline": plan.pipeline,
        "embedder": plan.tag,
        "build_seconds": round(seconds, 3),
        "built_at": time.time(),
    }


def _stats(plan: _Plan, embedded: int, skipped: bool, seconds: float) -> BuildStats:
    """What a build did: a skipped build wrote nothing, a real one wrote every chunk of its plan."""
    return BuildStats(
        report_id=plan.report.id,
        pipeline=plan.pipeline,
        embedder=plan.tag,
        collection=plan.name,
        chunks=len(plan.chunks),
        written=0 if skipped else len(plan.chunks),
        embedded=embedded,
        skipped=skipped,
        seconds=seconds,
        kinds=dict(Counter(c.kind for c in plan.chunks)),
    )


def _drop_old(settings: Settings, client: Any, plan: _Plan, previous: dict[str, Any] | None) -> None:
    """Drop the build the manifest pointed to before, and leftovers of dead builds of the same key."""
    prefix = plan.name[: -len(plan.fingerprint[:12])]
    stale = {previous["collection"]} if previous and previous.get("collection") else set()
    try:
        stale |= {
            c if isinstance(c, str) else c.name
            for c in client.list_collections()
            if (c if isinstance(c, str) else c.name).startswith(prefix)
        }
    except Exception as exc:  # listing is a clean-up nicety
        log.warning("could not list collections: %s", exc)
    for name in stale - {plan.name}:
        drop_collection(client, name)
        shutil.rmtree(_build_dir(settings, name), ignore_errors=True)


def _chroma_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma accepts str/int/float/bool values only."""
    return {k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in meta.items() if v is not None}


def open_index(settings: Settings, report: Report | None = None) -> SearchIndex:
    """Load the report's index, building it first when missing, stale or damaged.

    If that build fails while a previous complete build exists, the previous one is opened (with a warning):
    a slightly stale index answers better than none.
    """
    report = report if report is not None else load_report(settings.report)
    plan = _plan(settings, report)
    client = get_client(settings)
    data = _current(settings, plan, client)
    if data is not None and damaged_files(settings, data):
        data = None  # the build below repairs it
    if data is None:
        try:
            build_index(settings, report)  # a no-op if another thread has just built it
        except Exception:
            previous = plan.manifest.read()
            if not _usable(settings, previous, plan.pipeline, client):
                raise
            log.warning(
                "rebuilding %s failed; searching the previous build %s",
                report.id,
                previous["collection"],
                exc_info=True,
            )
            return _load(settings, previous, plan.pipeline, client)
        client = get_client(settings)  # the build may have replaced a damaged store
        data = _current(settings, plan, client)
        if data is None:
            raise IndexError_("索引构建后仍不可用，请重新运行 python -m index build。")
    return _load(settings, data, plan.pipeline, client)


def _load(settings: Settings, data: dict[str, Any], pipeline: str, client: Any) -> SearchIndex:
    build_dir = _build_dir(settings, data["collection"])
    with (build_dir / "chunks.jsonl").open(encoding="utf-8") as lines:
        chunks = [Chunk.from_json(json.loads(line)) for line in lines if line.strip()]
    keyword = KeywordIndex.load(build_dir / "bm25") if pipeline == "full" else None
    collection = get_collection(client, data["collection"])
    index = SearchIndex(
        chunks,
        collection,
        get_embedder(settings),
        keyword,
        pipeline,
        data["collection"],
        breaker=store_breaker(settings),
        caps=Caps(embed_chars=settings.embed_max_chars, bm25_chars=settings.bm25_max_chars),
        probe=(lambda: probe(settings)) if settings.chroma_host else None,
    )
    index.build_seconds = float(data.get("build_seconds", 0.0))
    return index
