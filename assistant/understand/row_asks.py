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

    def find(self, text: str, projects: tuple[str, ...]) -> RowAsk | None:
        if len(projects) != 1 or projects[0] not in self.rows:
            return None
        rows = self.rows[projects[0]]
        if any(row in text for row in rows):
            return None  # a row is named already
        for every, (words, ask) in [(False, a) for a in self.asks] + [(True, a) for a in self.every]:
            said = ask.search(text)
            if said is None:
                continue
            named = [row for row in rows if words.search(row)]
            if not named or (len(named) > 1 and not every):
                log.info("row ask %r names %d rows of %s", said.group(0), len(named), projects[0])
                return None
            return RowAsk(said.start(), said.group(0), tuple(named), replaces=every)
        return None

    def rewrite(self, text: str, projects: tuple[str, ...]) -> tuple[str, RowAsk | None]:
        found = self.find(text, projects)
        if found is None:
            return text, None
        log.info("row ask %r names rows %s", found.said, found.rows)
        end = found.start + len(found.said) if found.replaces else found.start
        return text[: found.start] + "和".join(found.rows) + text[end:], found
