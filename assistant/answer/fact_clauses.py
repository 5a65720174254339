"""The clauses of a project's table a question's asks are matched against, and how an ask's words score one:
character pairs of its words, the thesaurus' synonyms at half weight, single characters (and the project's own
name words) at a quarter. Everyday words rarely share a whole word with the table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.evidence.spans import Span
from assistant.evidence.tables import without_label
from assistant.understand.thesaurus import SYNONYM, ThesaurusError, thesaurus
from assistant.understand.words import cjk, grams
from corpus import IndicatorRow

LABEL_LINE = re.compile(r"^\s*(?:\S{1,4}|项目年度目标\s*年度目标完成情况|[（(]\s*盖章\s*[)）])\s*$")
SYNONYM_WEIGHT = 0.5
CHAR_WEIGHT = 0.25


@dataclass(frozen=True)
class Candidate:
    """A clause of a project's table: a comma clause of its text, or one indicator row."""

    text: str  # on one line
    span: Span | None
    sentence: int = -1  # the sentence it belongs to (its neighbours share it); -1 for a row
    row: IndicatorRow | None = None
    own: str = ""  # the words matched: the clause without the project's own name (its "（一期）" counts nothing)

    @property
    def matched(self) -> str:
        return f"{self.row.name}{self.row.unit}" if self.row is not None else self.own or self.text


@dataclass(frozen=True)
class Words:
    """What an ask names: character pairs of its words, the thesaurus' pairs for them, and single characters."""

    pairs: frozenset[str]
    synonyms: frozenset[str]
    chars: frozenset[str]
    named: frozenset[str] = frozenset()  # pairs of the project's own name left in the ask ("工程…系统"): it, mostly
    foreign: bool = False  # the ask names a thing of three characters or more the table never mentions

    def score(self, text: str) -> tuple[float, frozenset[str]]:
        own = set(grams(text))
        hit = self.pairs & own
        near = (self.synonyms & own) - hit
        name = (self.named & own) - hit
        covered = {c for g in hit | near | name for c in g}
        single = (self.chars & set(cjk(text))) - covered
        weighted = SYNONYM_WEIGHT * len(near) + CHAR_WEIGHT * (len(single) + len(name))
        return len(hit) + weighted, frozenset(hit)

    def holds(self, text: str) -> bool:
        """The text shares a word of the ask (its pair or a synonym's), or a character of it when the ask names
        nothing the table never mentions: "无人机" is not in the table, so its 人 in 人工 says nothing."""
        if (self.pairs | self.synonyms | self.named) & set(grams(text)):
            return True
        return not self.foreign and bool(self.chars & set(cjk(text)))

    def without_name(self, name: str) -> Words:
        """The ask's pairs that are also the project's name count as little as a character."""
        named = self.pairs & set(grams(name))
        return Words(self.pairs - named, self.synonyms, self.chars - {c for g in named for c in g}, named, self.foreign)


def trimmed(text: str, start: int, end: int, opens: bool) -> Span | None:
    """A clause without the table's cell labels before it ("2.项目实施内容及过程概述", wrapped label lines, which
    only a sentence's first clause can carry)."""
    span = without_label(text, Span(start, end))
    lines = text[span.start : span.end].split("\n")
    offset = span.start
    while opens and len(lines) > 1 and LABEL_LINE.match(lines[0]):
        offset += len(lines[0]) + 1
        lines.pop(0)
    while offset < span.end and text[offset].isspace():
        offset += 1
    stop = span.end
    while stop > offset and text[stop - 1] in " \n，,":
        stop -= 1
    return Span(offset, stop) if stop > offset else None


@cache
def synonyms(word: str) -> tuple[str, ...]:
    """The thesaurus' synonyms of a word (its `=` groups only: related words drift too far)."""
    try:
        found = thesaurus().neighbours(word, siblings=False)
    except ThesaurusError:
        return ()
    return tuple(n.word for n in found if n.relation == SYNONYM and len(n.word) >= 2)


def states_figure(text: str, row: IndicatorRow) -> bool:
    """A clause states the row's own figure ("建立交换节点127个" and the row 交换节点, 完成值 127)."""
    actual = re.sub(r"\s", "", row.actual).rstrip("%")
    if not re.fullmatch(r"\d+(?:\.\d+)?", actual):
        return False
    return re.search(rf"(?<![\d.]){re.escape(actual)}(?![\d.])", text) is not None


def overlaps(a: Candidate, b: Candidate) -> bool:
    if a.span is not None and b.span is not None and a.span.start < b.span.end and b.span.start < a.span.end:
        return True
    return a.text in b.text or b.text in a.text
