"""The template's table vocabulary (corpus/table_vocabulary.toml), loaded once, and label normalisation."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).resolve().parent / "table_vocabulary.toml"
CN = "一二三四五六七八九十"
NUMBERING = re.compile(rf"^(?:其中[:：]?)?\s*(?:[（(]?\d{{1,2}}[）)．.、](?!\d)|[{CN}]+、|[（(][{CN}]+[）)])?\s*")
BRACKETED = re.compile(r"[（(](?:万元|元|%|\d+\s*分|盖章)[）)]")
FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    with VOCABULARY.open("rb") as handle:
        return tomllib.load(handle)


def normalize_label(text: str) -> str:
    """A printed label as the vocabulary spells it: no whitespace, numbering, units or marks in brackets."""
    text = re.sub(r"\s+", "", text)
    text = NUMBERING.sub("", text)
    return BRACKETED.sub("", text)


def strip_marks(text: str) -> str:
    """A figure cell without footnote marks (※) and spaces."""
    for mark in vocabulary()["schedule"]["figure_marks"]:
        text = text.replace(mark, "")
    return re.sub(r"\s+", "", text)


def is_figure(text: str) -> bool:
    return bool(FIGURE.match(strip_marks(text)))


def budget_labels() -> dict[str, str]:
    return vocabulary()["self_evaluation"]["budget"]


def indicator_labels() -> dict[str, str]:
    return vocabulary()["self_evaluation"]["indicator"]


def form_labels() -> dict[str, str]:
    return vocabulary()["self_evaluation"]["form"]


def block_label(text: str) -> bool:
    norm = normalize_label(text)
    return any(norm.startswith(label) for label in vocabulary()["self_evaluation"]["blocks"]["labels"])


def form_field(text: str) -> str:
    """The ProjectTable field a form label names ("" when the cell is not a form label)."""
    norm = normalize_label(text)
    labels = form_labels()
    if norm in labels:
        return labels[norm]
    return next((field for label, field in labels.items() if norm.startswith(label) and len(label) >= 4), "")


def column_label(text: str) -> str:
    """The vocabulary's label of a header cell ("" when it is none)."""
    norm = normalize_label(text)
    sv = vocabulary()["self_evaluation"]
    schedule = vocabulary()["schedule"]
    for table in (sv["budget"], sv["indicator"]):
        if norm in table:
            return norm
    if norm in schedule["label_columns"] or norm in schedule["total_columns"] or norm in form_labels():
        return norm
    return ""
