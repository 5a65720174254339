"""A count a project's text states set against the same count in one of its indicator rows ("子系统数量，过程描述
和绩效指标说的一样吗"): the thing counted is the longest run of words the question shares with a row's name; the
table's text is searched for a number before that thing ("20 余个子系统"); both are said, each cited where it is
printed, and whether they agree. Never "一致" when the figures differ, or when the text gives only a round
figure ("20 余个") the row does not match."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer.row_scoring import missed
from assistant.answer.toolkit import Answerer
from assistant.evidence.records import Evidence
from assistant.evidence.spans import sentence_around
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import GENERIC
from corpus import IndicatorRow, ProjectTable

MIN_THING = 2  # characters the counted thing must share with a row's name
COUNTERS = "个项家套条次份台批人"
ROUND = "余多"  # "20 余个": more than the figure said


class TextAgainstRow(Answerer):
    def answer(self, q: Plan, project: ProjectTable) -> Evidence | None:
        asked = re.sub(r"\s", "", fold(q.rest or q.text))
        found = self._row(asked, project)
        if found is None:
            return None
        row, thing = found
        actual = _number(row.actual)
        if actual is None:
            return None
        said = self._said(project, thing)
        ev = Evidence("answered", "project", q.text)
        comparator = "" if row.comparator in ("定性", "") else row.comparator
        result = f"指标值 {comparator}{row.target}{row.unit}，完成值 {row.actual.strip()}{row.unit}"
        ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        if said is None:  # the text names no such count: only the row states it
            what = re.sub(r"(数量|个数)$", "", thing)
            ev.add(f"{project.name}绩效自评表的文字部分没有写出{what}的数目，只有绩效指标“{row.name}”{result}。",
                   self.kit.tables.row_span(row))  # fmt: skip
            return ev
        figure, about, start, end = said
        span = sentence_around(self.report, start, end)
        snippet = re.sub(r"\s+", "", self.report.clean_text[start:end])
        ev.add(f"{project.name}绩效自评表的文字部分写的是“{snippet}”。", span)
        ev.add(f"绩效指标“{row.name}”{result}。", self.kit.tables.row_span(row))
        if about:
            done = f"{row.actual.strip()}{row.unit}"
            same = "，与指标的完成值不是同一个数" if figure <= actual else f"，多于指标完成值 {done}"
            ev.add(f"两处说法不一样：文字说“{figure}{about}”{same}，报告没有说明口径差别。")
        elif figure == actual:
            ev.add(f"两处一致，都是 {row.actual.strip()}{row.unit}。")
        else:
            ev.add(f"两处说法不一样：文字是 {figure}，指标完成值是 {row.actual.strip()}{row.unit}。")
        if missed(row):
            ev.add("该指标的完成值没有达到指标值。")
        return ev

    def _row(self, asked: str, project: ProjectTable) -> tuple[IndicatorRow, str] | None:
        """The row whose name shares the longest run of characters with the question (generic words aside)."""
        best: tuple[int, IndicatorRow, str] | None = None
        own = re.sub(r"\s", "", fold(project.name))
        for row in project.indicators:
            name = re.sub(r"\s", "", fold(row.name))
            thing = _longest_common(asked, name, own)
            if len(thing) < MIN_THING or thing in GENERIC:
                continue
            if best is None or len(thing) > best[0]:
                best = (len(thing), row, thing)
        return (best[1], best[2]) if best else None

    def _said(self, project: ProjectTable, thing: str) -> tuple[Decimal, str, int, int] | None:
        """The first number the table's text states before the thing counted: (figure, round word, start, end)."""
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        gap = r"\s*"
        pattern = re.compile(
            rf"(\d+(?:\.\d+)?){gap}([{ROUND}]?){gap}[{COUNTERS}]{gap}" + gap.join(re.escape(c) for c in thing)
        )
        for match in pattern.finditer(text, section.start, section.end):
            if any(row.quote and row.start <= match.start() < row.start + len(row.quote) for row in project.indicators):
                continue  # a row's own cells, not the table's text
            counter = next(c for c in re.sub(r"\s", "", match.group(0))[len(match.group(1)) :] if c in COUNTERS)
            about = f"{match.group(2)}{counter}{thing}"
            return Decimal(match.group(1)), about if match.group(2) else "", match.start(), match.end()
        return None


def _longest_common(a: str, b: str, besides: str = "") -> str:
    """The longest run of characters both strings hold that is not part of `besides` (the project's own name);
    short strings: a plain scan is enough."""
    best = ""
    for i in range(len(a)):
        for j in range(i + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            if j - i > len(best) and a[i:j] not in besides:
                best = a[i:j]
    return best


def _number(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None
