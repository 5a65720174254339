"""Everyday asks of an indicator row's measure ("满意吗", "有多大", "帮了多少人") about one named project.

People ask how satisfied, how big, how many people, where a 绩效自评表 names a row (满意率, 办公面积, 服务群众人次).
The asks and the words a row's name uses for each are the template's vocabulary (cues.toml `[template.fields]
row_measures`). With exactly one project named and none of its rows, the one row of its table whose name has such
a word is written into the question before the ask, so the row finder reads it as named; several such rows, or
none, leave the question as it is (never a guess).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from assistant.understand.cues import Vocabulary
from assistant.understand.normalize import fold
from corpus import Report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RowAsk:
    """An ask of a row's measure, read in a question: where it is and the row it names."""

    start: int
    said: str
    row: str  # the row's name, folded


class RowAsks:
    def __init__(self, report: Report, vocabulary: Vocabulary) -> None:
        self.rows = {p.name: [fold(r.name) for r in p.indicators] for p in report.projects}
        self.asks = [(re.compile(words), ask) for words, ask in vocabulary.field_cues("row_measures")]

    def find(self, text: str, projects: tuple[str, ...]) -> RowAsk | None:
        if len(projects) != 1 or projects[0] not in self.rows:
            return None
        rows = self.rows[projects[0]]
        if any(row in text for row in rows):
            return None  # a row is named already
        for words, ask in self.asks:
            said = ask.search(text)
            if said is None:
                continue
            named = [row for row in rows if words.search(row)]
            if len(named) != 1:
                log.info("row ask %r names %d rows of %s", said.group(0), len(named), projects[0])
                return None
            return RowAsk(said.start(), said.group(0), named[0])
        return None

    def rewrite(self, text: str, projects: tuple[str, ...]) -> tuple[str, RowAsk | None]:
        found = self.find(text, projects)
        if found is None:
            return text, None
        log.info("row ask %r names row %s", found.said, found.row)
        return text[: found.start] + found.row + text[found.start :], found
