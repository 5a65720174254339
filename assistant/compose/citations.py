"""Citations: exact quotes of the report, numbered in the order the answer first uses them.

Every quote is checked against `Report.clean_text` before it is handed out (field notes #2: right answer,
wrong citation is the failure users notice). A quote that cannot be found is never cited.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.evidence.spans import Span
from assistant.records import Citation
from corpus import Report


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


MARKER_RUN = re.compile(r"(?:\[\d+\])+")
MARKER = re.compile(r"\[(\d+)\]")


def renumber(text: str, citations: list[Citation]) -> tuple[str, list[Citation]]:
    """Markers numbered in the order the text first uses them, each run of markers in ascending order
    ("[2][3][1]" reads "[1][2][3]"), and the citations numbered to match, so [1] is always the first source read."""
    known = {c.n for c in citations}
    order: dict[int, int] = {}
    for match in MARKER.finditer(text):
        n = int(match.group(1))
        if n in known and n not in order:
            order[n] = len(order) + 1

    def run(match: re.Match[str]) -> str:
        numbers = [int(n) for n in MARKER.findall(match.group(0))]
        if not all(n in order for n in numbers):
            return match.group(0)
        return "".join(f"[{n}]" for n in sorted(dict.fromkeys(order[n] for n in numbers)))

    renumbered = MARKER_RUN.sub(run, text)
    cited = sorted((replace(c, n=order[c.n]) for c in citations if c.n in order), key=lambda c: c.n)
    return renumbered, cited
