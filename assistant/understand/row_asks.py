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
    rows: tuple[str, ...]  # the rows' names, folded (several only for an ask of every such row)
    replaces: bool = False  # the ask's words are said by the rows ("评价" would read as the 评价结论 field)

    @property
    def row(self) -> str:
        return self.rows[0]


class RowAsks:
    def __init__(self, report: Report, vocabulary: Vocabulary) -> None:
        self.rows = {p.name: [fold(r.name) for r in p.indicators] for p in report.projects}
        self.asks = [(re.compile(words), ask) for words, ask in vocabulary.field_cues("row_measures")]
        # Asks of every row of a kind ("老百姓评价怎么样": the satisfaction and praise rows alike), in the same form.
        self.every = [(re.compile(words), ask) for words, ask in vocabulary.field_cues("row_measures_every")]

    def find(self, text: str, projects: tuple[str, ...]) -> list[RowAsk]:
        """Every ask of a row's measure in the question ("满意吗？服务了多少人" asks two rows), in order; an ask
        that names several rows (or none) is left as it is."""
        if len(projects) != 1 or projects[0] not in self.rows:
            return []
        rows = self.rows[projects[0]]
        if any(row in text for row in rows):
            return []  # a row is named already
        found: list[RowAsk] = []
        for every, (words, ask) in [(False, a) for a in self.asks] + [(True, a) for a in self.every]:
            said = ask.search(text)
            if said is None or any(said.start() < f.start + len(f.said) and f.start < said.end() for f in found):
                continue
            named = [row for row in rows if words.search(row)]
            if not named or (len(named) > 1 and not every):
                log.info("row ask %r names %d rows of %s", said.group(0), len(named), projects[0])
                continue
            if any(row in f.rows for f in found for row in named):
                continue  # the same row asked twice over
            found.append(RowAsk(said.start(), said.group(0), tuple(named), replaces=every))
        return sorted(found, key=lambda f: f.start)

    def rewrite(self, text: str, projects: tuple[str, ...]) -> tuple[str, list[RowAsk]]:
        found = self.find(text, projects)
        for ask in reversed(found):
            log.info("row ask %r names rows %s", ask.said, ask.rows)
            end = ask.start + len(ask.said) if ask.replaces else ask.start
            text = text[: ask.start] + "和".join(ask.rows) + text[end:]
        return text, found
