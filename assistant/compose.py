"""The answer stage behind one interface: evidence in, text with inline citation markers out.

`Evidence` is everything an answer may say: pieces of text (the report's own words plus connective phrases),
each with the report span it cites, the facts behind them and the calculator's checks. A `Synthesizer`
turns it into text. The deterministic one below joins the pieces; an LLM synthesizer could be plugged in
with the same signature and its text would pass through the same number verification and citation checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.citations import CitationBook, Span
from assistant.records import Check
from corpus import Fact


@dataclass
class Piece:
    """A stretch of answer text; `cites` are the report spans it rests on (markers go right after it)."""

    text: str
    cites: list[Span] = field(default_factory=list)


@dataclass
class Evidence:
    status: str  # "answered" | "not_found"
    kind: str  # which planner built it: figure, reason, derived, list, project, passages, not_found
    question: str
    pieces: list[Piece] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def add(self, text: str, *cites: Span | None) -> None:
        self.pieces.append(Piece(text, [c for c in cites if c is not None]))


class Synthesizer(Protocol):
    """Writes the answer text from evidence; must cite only through `book` (so every quote is real)."""

    def write(self, evidence: Evidence, book: CitationBook) -> str: ...


class DeterministicSynthesizer:
    """Joins the evidence pieces in order; a marker follows the sentence it supports."""

    def write(self, evidence: Evidence, book: CitationBook) -> str:
        out: list[str] = []
        for piece in evidence.pieces:
            markers = "".join(dict.fromkeys(book.cite(span) for span in piece.cites))
            out.append(piece.text + markers)
        return "".join(out).strip()
