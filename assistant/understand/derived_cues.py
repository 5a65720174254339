"""The cues of derived asks (cues.toml `[template.words.derived_asks]`): patterns with `{cue}` placeholders and
word lists, kept apart from `[template.cues]`, whose every entry the everyday matcher treats as an ask word."""

from __future__ import annotations

import re

from assistant.understand.cues import CUES

TABLE = CUES.table("derived_asks")


def pattern(name: str) -> re.Pattern[str]:
    """A pattern of the table, its `{cue}` placeholders filled with the cue's own expression."""
    return CUES.filled(TABLE[name])


def words(name: str) -> tuple[str, ...]:
    value = TABLE[name]
    return tuple(value) if isinstance(value, list) else tuple(value.split())
