"""The answer stage behind one interface: evidence in, text with inline citation markers out.

`Evidence` is everything an answer may say: pieces of text (the report's own words plus connective phrases),
each with the report span it cites, the facts behind them and the calculator's checks. A `Synthesizer`
turns it into text. The deterministic one below joins the pieces; an LLM synthesizer could be plugged in
with the same signature and its text would pass through the same number verification and citation checks.
"""

from __future__ import annotations

from typing import Protocol

from assistant.compose.citations import CitationBook
from assistant.evidence.records import Evidence


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
