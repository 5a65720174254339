"""Which cue groups of the vocabulary a question uses: read once, recorded on the plan (`Plan.cues`)."""

from __future__ import annotations

from functools import cache

from assistant.understand.cues import CUES


@cache
def question_cues() -> tuple[str, ...]:
    """The cue groups read on every question, in the order cues.toml lists them."""
    return CUES.words("question_cues")


def cues_in(text: str) -> tuple[str, ...]:
    """The question cue groups found in `text`."""
    return tuple(name for name in question_cues() if CUES.cue(name).search(text))
