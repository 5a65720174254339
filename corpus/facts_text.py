"""Small text helpers for fact extraction: spacing-tolerant regexes, numbers, sentences, subject names.

The extracted PDF text puts spaces around numbers at random ("20685.29 万元", "4733.09万元", "规定” 精神"),
so every pattern is written with a plain space meaning "any whitespace, maybe none". Hand-written: this is
the template's own wording, which no library knows.
"""

from __future__ import annotations

import re
from decimal import Decimal

NUM = r"\d+(?:\.\d+)?"
SENTENCE_STOP = "。！？\n"
LONG_SENTENCE = 150
CLAUSE_STOP = "；;"

# Variants the template uses for the same thing, mapped to the canonical subject.
ALIASES = {
    "因公出国（境）经费": "因公出国（境）费",
    "因公出国（境）": "因公出国（境）费",
    "公务用车购置": "公务用车购置费",
    "公务用车购置支出": "公务用车购置费",
    "国内公务接待": "国内公务接待费",
    "国内公务接待支出": "国内公务接待费",
    "外事接待": "外事接待费",
    "外事接待支出": "外事接待费",
    "公务用车购置及运行费": "公务用车购置及运行维护费",
    "三公经费财政拨款支出": "三公经费",
    "三公经费财政拨款支出决算": "三公经费",
}


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern in which a literal space means optional whitespace."""
    return re.compile(pattern.replace(" ", r"\s*"))


def signed(raw: str, direction: str) -> Decimal:
    """减少 / 下降 / 降低 make a change negative; the printed figure stays unsigned in `raw`."""
    value = Decimal(raw)
    return -value if direction in ("减少", "下降", "降低", "减") else value


def squeeze(text: str) -> str:
    """Drop whitespace and quote marks: the report's own noun as a subject."""
    return re.sub(r"[\s“”\"‘’]", "", text)


def canonical(name: str) -> str:
    """Normalise a noun phrase from the text to the subject vocabulary."""
    name = squeeze(name)
    for prefix in ("其中", "以及", "和"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for suffix in ("决算为", "决算数为", "决算"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name in ALIASES:
        return ALIASES[name]
    if name.endswith("费支出"):
        name = name[: -len("支出")]
    return ALIASES.get(name, name)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around [start, end); a long one is narrowed to its clause (；)."""
    left = max(text.rfind(c, 0, start) for c in SENTENCE_STOP) + 1
    rights = [p for p in (text.find(c, end) for c in SENTENCE_STOP) if p != -1]
    right = min(rights) if rights else len(text)
    if right < len(text) and text[right] != "\n":
        right += 1  # keep the full stop
    if right - left > LONG_SENTENCE:
        c_left = max([text.rfind(c, left, start) for c in CLAUSE_STOP] + [left - 1]) + 1
        c_rights = [p for p in (text.find(c, end, right) for c in CLAUSE_STOP) if p != -1]
        c_right = min(c_rights) if c_rights else right
        left, right = c_left, c_right
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right
