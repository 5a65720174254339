"""The hand-off from answering to composing: `Evidence` (pieces of text, each with the report spans it
cites, the facts behind them and the calculator's checks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.evidence.spans import Span
from assistant.records import Check
from corpus import Fact


@dataclass
class Piece:
    """A stretch of answer text; `cites` are the report spans it rests on (markers go right after it)."""

    text: str
    cites: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """What an answer found that a later ask may be about: the winner of a ranking, the members a filter kept."""

    kind: str  # fact | project | indicator
    collection: str  # the catalogue collection they are members of
    names: tuple[str, ...]
    owners: tuple[str, ...] = ()  # an indicator row's project, one per name


@dataclass
class Evidence:
    status: str  # "answered" | "not_found"
    kind: str  # what kind of answer it is: figure, reason, derived, list, project, passages, not_found
    question: str
    pieces: list[Piece] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    route: str = ""  # the registry's name of the answerer that built it
    searched: bool = False  # built from the search's best sentences (a list item among them is checked)
    found: Found | None = None  # the members an aggregate found, for a later ask about them
    audited: bool = False  # it already says where the report disagrees with itself: no consistency note added

    def add(self, text: str, *cites: Span | None) -> None:
        self.pieces.append(Piece(text, [c for c in cites if c is not None]))
