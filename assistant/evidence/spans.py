"""Spans of the report's clean text: where a quote sits, the sentence around a figure, a section cut into
sentences. Every citation is one of these spans, so every quote is an exact substring of the report."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def one_line(text: str) -> str:
    """A stretch of the report as one line: the PDF's line breaks inside a sentence go (the citation keeps them)."""
    return re.sub(r"\s*\n\s*", "", text).strip()
