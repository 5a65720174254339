"""Where an index lives: the Chroma client (local or server), build manifests and the embedding cache.

Layout under settings.data_dir::

    chroma/                          Chroma PersistentClient (local mode)
    index/manifests/<key>.json       the collection that queries use, switched atomically (os.replace)
    index/builds/<collection>/       the build's BM25 index, jieba user dictionary and chunk list
    index/embeddings.sqlite          vectors by (embedder, text hash): rebuilding a changed report embeds only
                                     the chunks that changed
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from corpus.settings import Settings


class StoreError(Exception):
    """The vector store cannot be reached or used; the message is for end users (Chinese)."""


def index_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "index"


def store_tag(settings: Settings) -> str:
    if settings.chroma_host:
        return "http-" + re.sub(r"[^A-Za-z0-9]+", "-", f"{settings.chroma_host}-{settings.chroma_port}").strip("-")
    return "local"


def get_client(settings: Settings) -> Any:
    """A Chroma client: HttpClient when chroma_host is set, else a PersistentClient under data_dir."""
    if settings.chroma_host:
        return _http_client(settings.chroma_host, int(settings.chroma_port))
    return _persistent_client(str(Path(settings.data_dir).resolve() / "chroma"))


_CHROMA = ChromaSettings(anonymized_telemetry=False)


@lru_cache(maxsize=8)
def _persistent_client(path: str) -> Any:
    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=path, settings=_CHROMA)


@lru_cache(maxsize=8)
def _http_client(host: str, port: int) -> Any:
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=_CHROMA)
        client.heartbeat()
    except Exception as exc:
        raise StoreError(f"无法连接 Chroma 服务器 {host}:{port}：{exc}") from exc
    return client


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
