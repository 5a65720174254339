"""Which cue groups of the vocabulary a question uses: read once, recorded on the plan (`Plan.cues`)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from assistant.understand.cues import CUES

HEAD_REACH = 3  # a name starting this close after a describing clause's 的 is what the clause describes
HEAD_WORDS = 6  # the money word a describing clause's 的 leads to is this close ("的那两样钱")


@cache
def question_cues() -> tuple[str, ...]:
    """The cue groups read on every question, in the order cues.toml lists them."""
    return CUES.words("question_cues")


@cache
def _modifier_clauses() -> dict[str, str]:
    return dict(CUES.table("modifier_clauses"))


def cues_in(text: str, names_at: Collection[int] = ()) -> tuple[str, ...]:
    """The question cue groups found in `text`. A refusal cue inside a clause that only describes what is asked
    ("将来退休领的那笔钱", "将来退休后领的养老保险" ask about money paid now) does not count: it is read with
    that clause blanked. `names_at`: where names the report uses start in `text`."""
    clauses = _modifier_clauses()
    found = []
    for name in question_cues():
        read = text
        if name in clauses:
            read = _blank_describing(text, clauses[name], names_at)
        if CUES.cue(name).search(read):
            found.append(name)
    return tuple(found)


@cache
def _head() -> re.Pattern[str]:
    """A money word within a few characters after the clause's 的 ("的那笔钱")."""
    return re.compile(rf"^[^，,。？?；;]{{0,{HEAD_WORDS}}}?(?:{CUES.source('modifier_head')})")


def _blank_describing(text: str, clause_cue: str, names_at: Collection[int]) -> str:
    head = _head()
    for match in CUES.cue(clause_cue).finditer(text):
        end = match.end()
        named = any(end <= start <= end + HEAD_REACH for start in names_at)
        if named or head.search(text[end:]):
            text = text[: match.start()] + " " * (end - match.start()) + text[end:]
    return text
