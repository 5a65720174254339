"""Query normalisation shared by dense and keyword retrieval."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import opencc

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff]")
# Spaces between two CJK characters carry no meaning (PDF extraction and typing habits add them).
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    converter = _t2s()
    with _lock:  # the OpenCC binding is not documented as thread-safe
        return converter.convert(text)


def normalize_query(text: str) -> str:
    """Traditional → simplified (OpenCC t2s), full-width → half-width (NFKC), control characters dropped,
    spaces collapsed (and removed between two Chinese characters)."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    text = to_simplified(text)
    text = _SPACES.sub(" ", text).strip()
    return _CJK_GAP.sub("", text)
