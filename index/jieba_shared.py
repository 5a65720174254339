"""One jieba base dictionary per process, shared by every report's tokenizers; each adds its own words on top.

Why: a `jieba.Tokenizer` holds the whole dictionary (≈350 000 words and their prefixes, ≈70 MB of Python
objects). A library keeps several reports loaded, each with a BM25 tokenizer (index/keyword.py) and an everyday-word
matcher (assistant/understand/matcher.py): private copies were most of a loaded report's memory. jieba reads its
dictionary only through `FREQ` (`get`, `in`, `[]`, and `[]=` when a word is added) and `total`, so a tokenizer whose
FREQ is an overlay (its own words, then the shared base, which nobody writes) cuts exactly as a private copy with
the same words added. jieba offers no layered dictionary, hence this small class.
"""

from __future__ import annotations

import threading

import jieba

_ABSENT = object()
_base: jieba.Tokenizer | None = None
_base_lock = threading.Lock()


class OverlayFreq(dict):
    """A tokenizer's own words (and their prefixes) in the dict itself; every other word read from `base`."""

    __slots__ = ("base",)

    def __init__(self, base: dict[str, int]) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, key: str) -> int:
        return self.base[key]

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.base

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        value = dict.get(self, key, _ABSENT)
        return self.base.get(key, default) if value is _ABSENT else value


def base_tokenizer() -> jieba.Tokenizer:
    """The process's base dictionary: jieba's default one, loaded once, never written (not jieba's global
    tokenizer, whose dictionary any caller may add words to)."""
    global _base
    if _base is None:
        with _base_lock:
            if _base is None:
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _base = tokenizer
    return _base


def overlay_tokenizer() -> jieba.Tokenizer:
    """A tokenizer of its own that shares the base dictionary: `add_word` changes this tokenizer only."""
    base = base_tokenizer()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = OverlayFreq(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    return tokenizer


__all__ = ["OverlayFreq", "base_tokenizer", "overlay_tokenizer"]
