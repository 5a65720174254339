"""Citations: exact quotes of the report, numbered in the order the answer first uses them.

Every quote is checked against `Report.clean_text` before it is handed out (field notes #2: right answer,
wrong citation is the failure users notice). A quote that cannot be found is never cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import Citation
from corpus import Report

SENTENCE_END = "。！？\n"
MAX_QUOTE = 220


@dataclass(frozen=True)
class Span:
    """A stretch of the report's clean text."""

    start: int
    end: int


def locate(report: Report, quote: str, near: int = 0) -> Span | None:
    """Where `quote` sits in the clean text: at `near` if it is there, else its first occurrence."""
    text = report.clean_text
    if not quote:
        return None
    if near >= 0 and text.startswith(quote, near):
        return Span(near, near + len(quote))
    found = text.find(quote, max(0, near - 2000))
    if found == -1:
        found = text.find(quote)
    return None if found == -1 else Span(found, found + len(quote))


def sentence_around(report: Report, start: int, end: int | None = None) -> Span:
    """The sentence(s) of the clean text that contain [start, end), cut at 。！？ and line ends."""
    text = report.clean_text
    end = start + 1 if end is None else end
    left = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
    rights = [i for i in (text.find(c, max(end - 1, start)) for c in SENTENCE_END) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    if text[right - 1 : right] == "\n":
        right -= 1
    while left < right and text[left].isspace():
        left += 1
    if right - left > MAX_QUOTE:  # a run-on table line: keep a window around the figure
        left = max(left, start - MAX_QUOTE // 2)
        right = min(right, max(end, left + MAX_QUOTE))
    return Span(left, right)


def sentences(report: Report, start: int, end: int, table: bool = False) -> list[Span]:
    """Split a stretch of clean text into sentence spans (for picking the best ones out of a section).

    Prose breaks at 。！？ and line ends. Table text (绩效自评表) wraps sentences across lines, so it breaks
    at 。！？ only and cuts what is left into windows of whole lines. A sentence that starts with 主要
    ("主要用于…", "主要原因是…") is kept with the one before it: alone it does not say what it is about.
    """
    text = report.clean_text
    pattern = r"[^。！？]+[。！？]?" if table else r"[^。！？\n]+[。！？]?"
    raw: list[Span] = []
    for match in re.finditer(pattern, text[start:end]):
        s, e = start + match.start(), start + match.end()
        for piece in _windows(text, s, e) if table else [Span(s, e)]:
            trimmed = _trim(text, piece)
            if trimmed.end - trimmed.start >= 4:
                raw.append(trimmed)
    out: list[Span] = []
    for span in raw:
        if out and text.startswith("主要", span.start) and span.start - out[-1].end <= 2:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _windows(text: str, start: int, end: int, size: int = 120) -> list[Span]:
    if end - start <= size * 1.5:
        return [Span(start, end)]
    out: list[Span] = []
    pos = start
    while pos < end:
        cut = text.rfind("\n", pos, pos + size)
        cut = cut if cut > pos and pos + size < end else min(end, pos + size)
        out.append(Span(pos, cut))
        pos = cut + 1 if text[cut : cut + 1] == "\n" else cut
    return out


def _trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


class CitationBook:
    """Numbers quotes as they are cited; the same span cited twice keeps its first number."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._spans: list[Span] = []

    def cite(self, span: Span | None) -> str:
        """The inline marker for a span ("[2]"), or "" when the span is not a real quote."""
        if span is None or span.end <= span.start:
            return ""
        quote = self.report.clean_text[span.start : span.end]
        if not quote.strip():
            return ""
        for i, known in enumerate(self._spans):
            if known.start <= span.start and span.end <= known.end:
                return f"[{i + 1}]"
            if span.start <= known.start and known.end <= span.end:
                self._spans[i] = span  # widen to the longer quote, keep the number
                return f"[{i + 1}]"
        self._spans.append(span)
        return f"[{len(self._spans)}]"

    def citations(self) -> list[Citation]:
        out = []
        for n, span in enumerate(self._spans, start=1):
            quote = self.report.clean_text[span.start : span.end]
            if quote not in self.report.clean_text:  # cannot happen for a span; kept as the contract's guard
                continue
            section = self.report.section_at(span.start)
            out.append(Citation(n, section.id, section.heading, section.page, quote))
        return out

    @property
    def quotes(self) -> list[str]:
        return [self.report.clean_text[s.start : s.end] for s in self._spans]
