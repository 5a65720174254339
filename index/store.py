"""Where an index lives: the Chroma client (local or server), build manifests and the embedding cache.

Layout under settings.data_dir::

    chroma/                          Chroma PersistentClient (local mode)
    index/manifests/<key>.json       the collection that queries use, switched atomically (os.replace)
    index/builds/<collection>/       the build's BM25 index, jieba user dictionary and chunk list
    index/embeddings.sqlite          vectors by (embedder, text hash): rebuilding a changed report embeds only
                                     the chunks that changed
    index/build.lock                 one build at a time per data dir, across processes (filelock)

Every call to a Chroma server has a timeout (settings.chroma_timeout_s) and serving calls go through one
circuit breaker per store (`breaker`), so a hung server costs a bounded wait, then nothing, until it is back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import chromadb
import httpx
import numpy as np
from chromadb.config import Settings as ChromaSettings
from filelock import FileLock, Timeout

from corpus.settings import Settings
from index.breaker import CircuitBreaker

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The vector store cannot be reached or used; the message is for end users (Chinese)."""


def index_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "index"


def store_tag(settings: Settings) -> str:
    if settings.chroma_host:
        return "http-" + re.sub(r"[^A-Za-z0-9]+", "-", f"{settings.chroma_host}-{settings.chroma_port}").strip("-")
    return "local"


def store_dir(settings: Settings) -> Path:
    """The local Chroma store (unused with a Chroma server)."""
    return Path(settings.data_dir).resolve() / "chroma"


def get_client(settings: Settings) -> Any:
    """A Chroma client: HttpClient when chroma_host is set, else a PersistentClient under data_dir."""
    if settings.chroma_host:
        return _http_client(settings.chroma_host, int(settings.chroma_port), float(settings.chroma_timeout_s))
    return _persistent_client(str(store_dir(settings)))


def forget_client(settings: Settings) -> None:
    """Close the cached local client (before its store is moved away) so the next call opens a fresh one."""
    if settings.chroma_host:
        return
    path = str(store_dir(settings))
    if path in _opened:
        _opened.discard(path)
        try:
            _persistent_client(path).close()
        except Exception as exc:  # a damaged store may fail to close cleanly; it is being moved away anyway
            log.warning("closing the Chroma store %s failed: %s", path, exc)
        _persistent_client.cache_clear()


@lru_cache(maxsize=16)
def breaker(settings_key: str, failures: int, reset_s: float) -> CircuitBreaker:
    """The one breaker of a store (keyed like the manifests), shared by every index that searches it."""
    return CircuitBreaker(f"Chroma ({settings_key})", failures, reset_s)


def store_breaker(settings: Settings) -> CircuitBreaker:
    key = store_tag(settings) if settings.chroma_host else str(store_dir(settings))
    return breaker(key, int(settings.breaker_failures), float(settings.breaker_reset_s))


def probe(settings: Settings) -> None:
    """A cheap liveness call to the store (raises when it does not answer within the timeout)."""
    if settings.chroma_host:
        timeout = min(1.0, float(settings.chroma_timeout_s))
        url = f"http://{settings.chroma_host}:{int(settings.chroma_port)}/api/v2/heartbeat"
        httpx.get(url, timeout=timeout).raise_for_status()


def build_lock(settings: Settings, timeout_s: float = 900.0) -> FileLock:
    """The inter-process lock of a data dir's builds (flock: released by the OS even if the holder is killed)."""
    path = index_dir(settings) / "build.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path), timeout=timeout_s)


def acquire_build_lock(lock: FileLock) -> None:
    """Take the lock, saying so when another build holds it; a build that waits too long is a Chinese error."""
    try:
        lock.acquire(timeout=0)
        return
    except Timeout:
        log.info("another build is running in this data dir; waiting for it to finish")
    try:
        lock.acquire()
    except Timeout as exc:
        raise StoreError(f"另一个索引构建占用数据目录已超过 {lock.timeout:.0f} 秒，请稍后再试。") from exc


# A writer killed mid-transaction leaves a hot journal: SQLite rolls it back on the next read-write open, but a
# read-only connection cannot and reports one of these codes. That is crash recovery, not damage.
_NEEDS_RECOVERY = {"SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"}


def _quick_check(path: Path, mode: str) -> str:
    db = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30)
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    finally:
        db.close()
    result = " / ".join(" ".join(str(r[0]).split()) for r in rows)
    return "" if result == "ok" else result[:160]


def sqlite_damage(path: Path) -> str:
    """Why a SQLite file is damaged ("" when it is sound or absent).

    Read-only first, so safe beside a live writer; a hot journal left by a killed writer is rolled back by a
    read-write open (what SQLite does for any opener; a journal is only hot when no writer holds its lock).
    """
    if not path.is_file():
        return ""
    try:
        return _quick_check(path, "ro")
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") not in _NEEDS_RECOVERY:
            return str(exc)
    log.info("recovering %s from a hot journal left by an interrupted writer", path)
    try:
        return _quick_check(path, "rw")
    except sqlite3.Error as exc:
        return str(exc)


def move_aside(path: Path) -> Path:
    """Rename a damaged file or directory to <name>.damaged-<time> (kept for inspection, never deleted)."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            os.replace(extra, target.with_name(target.name + suffix))
    log.warning("moved damaged %s to %s", path, target)
    return target


def _chroma_settings() -> ChromaSettings:
    """A new settings object per client: chromadb's PersistentClient and HttpClient write their mode into the
    object they are given, so a shared one turns every later local client into an HTTP client."""
    return ChromaSettings(anonymized_telemetry=False)


_opened: set[str] = set()


@lru_cache(maxsize=8)
def _persistent_client(path: str) -> Any:
    Path(path).mkdir(parents=True, exist_ok=True)
    _opened.add(path)
    return chromadb.PersistentClient(path=path, settings=_chroma_settings())


@lru_cache(maxsize=8)
def _http_client(host: str, port: int, timeout_s: float) -> Any:
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=_chroma_settings())
        _set_timeout(client, timeout_s)
        client.heartbeat()
    except Exception as exc:
        raise StoreError(f"无法连接 Chroma 服务器 {host}:{port}：{exc}") from exc
    return client


def _set_timeout(client: Any, timeout_s: float) -> None:
    """chromadb 1.5's HttpClient builds its httpx.Client with timeout=None and offers no setting for it; the
    session is set here (a private attribute of the pinned version: a test fails if it moves)."""
    session = client._server._session
    if not isinstance(session, httpx.Client):
        raise StoreError("chromadb 的 HTTP 客户端结构已变化，无法设置超时。")
    session.timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))


def collection_name(report_id: str, pipeline: str, tag: str, fingerprint: str) -> str:
    """Chroma names: 3–512 of [A-Za-z0-9._-], starting and ending alphanumeric."""
    name = f"jq-{report_id}-{pipeline}-{tag}-{fingerprint[:12]}"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).replace("..", ".")
    return name.strip("._-")[:512]


def get_collection(client: Any, name: str) -> Any | None:
    try:
        return client.get_collection(name=name, embedding_function=None)
    except Exception:  # chromadb raises NotFoundError / ValueError depending on client type
        return None


def drop_collection(client: Any, name: str) -> None:
    try:
        client.delete_collection(name=name)
    except Exception:  # already gone
        return


class Manifest:
    """The pointer to the live build of one (report, pipeline, embedder, store)."""

    def __init__(self, settings: Settings, report_id: str, pipeline: str, tag: str) -> None:
        key = f"{report_id}--{pipeline}--{tag}--{store_tag(settings)}"
        self.path = index_dir(settings) / "manifests" / f"{key}.json"

    def read(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)  # atomic: a reader sees the old build or the new one, never a mix


class EmbeddingCache:
    """Vectors keyed by embedder tag and the sha256 of the embedded text (sqlite: safe across processes)."""

    def __init__(self, path: Path, tag: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tag = tag
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vec (tag TEXT, key TEXT, dim INT, data BLOB, PRIMARY KEY (tag, key))"
        )

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = list({self.key(t) for t in texts})
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, data FROM vec WHERE tag = ? AND key IN ({marks})", [self.tag, *part]
                ).fetchall()
                for key, data in rows:
                    found[key] = np.frombuffer(data, dtype=np.float32)
        return found

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        rows = [
            (self.tag, self.key(t), int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?, ?)", rows)
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()
