"""The figures written in a text (an answer, a quote, a formula): where each number is, its value, and its unit.

Citation markers ``[1]``, ids and codes such as ``51000021T000000188386`` or ``p2.c7``, and list or heading
ordinals (``1.``, ``（2）`` opening a line) are not figures. Written by hand (regular expressions) because what
counts as a number here (codes, ordinals, markers) is specific to these reports; no library knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NumberSpan", "find_numbers"]

# One-to-one folding, so offsets in the folded text are offsets in the original.
_FOLD = {ord("０") + i: ord("0") + i for i in range(10)}
_FOLD.update({ord(a): ord(b) for a, b in zip("．％－−", ".%--", strict=True)})

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])"  # not inside a code, id or a longer number
    r"(?P<sign>-)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?![A-Za-z0-9_]|\.\d)"
    r"(?P<pct>\s?%)?"
)
_MARKER = re.compile(r"[\[［【]\s*\d+(?:\s*[,，、-]\s*\d+)*\s*[\]］】]")
_ORDINAL = re.compile(
    r"(?m)^[ \t]*(?:[-*>#]+[ \t]*)?(?:\*\*)?\d{1,2}[.、)）](?!\d)"  # "1." "2、" "3)" opening a line
    r"|(?<![\d.])\d{1,2}\.(?=[\u4e00-\u9fff“\"])"  # "3.公务接待费…" quoted mid-line
    r"|[(（]\s*\d{1,2}\s*[)）]"  # "（2）"
)
_CODE = re.compile(r"[A-Za-z0-9]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|\d{12,}")
_UNIT = re.compile(r"\s?(万元|亿元|元|个|辆|批次|人次|人|台（套）|台|套|项|次|年|月|日|分|倍)")
_SIGN_BEFORE = re.compile(r"[\s(（=:：,，、;；]|^")


@dataclass(frozen=True)
class NumberSpan:
    text: str  # as written, e.g. "2.81", "111.28%", "２.８１", "-0.32"
    value: Decimal  # the figure itself: 111.28 for "111.28%"
    start: int
    end: int
    percent: bool = False
    unit: str = ""  # a unit written right after it ("万元", "辆"), "" when none


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _MARKER.finditer(text)]
    spans += [m.span() for m in _ORDINAL.finditer(text)]
    spans += [m.span() for m in _CODE.finditer(text)]
    return spans


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in `text` that states a figure, in order of appearance."""
    if not text:
        return []
    folded = text.translate(_FOLD)
    skipped = _skipped_spans(folded)
    found: list[NumberSpan] = []
    for match in _NUMBER.finditer(folded):
        start, end = match.span()
        num_start = match.start("num")
        if any(a <= num_start < b for a, b in skipped):
            continue
        # A "-" only signs the number after a space, bracket, "=" or punctuation ("2023-12" is a date).
        if match.group("sign") and not _SIGN_BEFORE.match(folded[start - 1 : start] if start else ""):
            start = num_start
        try:
            value = Decimal(match.group("num").replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        if start < num_start:
            value = -value
        unit_match = _UNIT.match(folded, end)
        found.append(
            NumberSpan(
                text=text[start:end].strip(),
                value=value,
                start=start,
                end=end,
                percent=bool(match.group("pct")),
                unit="%" if match.group("pct") else (unit_match.group(1) if unit_match else ""),
            )
        )
    return found
