"""The library's vocabulary (vocabulary.toml), loaded once: place endings, body-name endings and generic words,
and the cues of questions across bodies and across years."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FILE = Path(__file__).with_name("vocabulary.toml")


@dataclass(frozen=True)
class LibraryVocabulary:
    levels: tuple[str, ...]
    endings: tuple[str, ...]
    generic: tuple[str, ...]
    min_shared: int
    across_bodies: re.Pattern[str]
    across_years: re.Pattern[str]
    compare_year: re.Pattern[str]
    years_count: re.Pattern[str]


def _words(words: list[str]) -> re.Pattern[str]:
    """Any of the words, longest first (so 各个单位 wins over 各单位)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def vocabulary() -> LibraryVocabulary:
    data = tomllib.loads(FILE.read_text(encoding="utf-8"))
    cues = data["cues"]
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return LibraryVocabulary(
        levels=by_length(data["places"]["levels"]),
        endings=by_length(data["bodies"]["endings"]),
        generic=by_length(data["bodies"]["generic"]),
        min_shared=int(data["bodies"]["min_shared"]),
        across_bodies=_words(cues["across_bodies"]),
        across_years=_words(cues["across_years"]),
        compare_year=re.compile(cues["compare_year"]),
        years_count=re.compile(cues["years_count"]),
    )
