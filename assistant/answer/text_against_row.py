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
from assistant.calculator import compute
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
        done = f"{row.actual.strip()}{row.unit}"
        result = f"指标值 {comparator}{row.target}{row.unit}，完成值 {done}"
        ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        if not said:  # the text names no such count: only the row states it
            what = re.sub(r"(数量|个数)$", "", thing)
            ev.add(f"{project.name}绩效自评表的文字部分没有写出{what}的数目，只有绩效指标“{row.name}”{result}。",
                   self.kit.tables.row_span(row))  # fmt: skip
            return ev
        snippets = "”“".join(re.sub(r"\s+", "", self.report.clean_text[a:b]) for _, _, a, b in said)
        spans = list(dict.fromkeys(sentence_around(self.report, a, b) for _, _, a, b in said))
        ev.add(f"{project.name}绩效自评表的文字部分写的是“{snippets}”。", *spans)
        ev.add(f"绩效指标“{row.name}”{result}。", self.kit.tables.row_span(row))
        figure, about = said[0][0], said[0][1]
        if len(said) > 1:  # "分报告21份，…分报告46份": the text's figures added
            total = compute("sum", *(f for f, _, _, _ in said))
            ev.checks.append(total.check)
            ev.add(f"文字中的数相加：{total.said} = {total.text}。")
            figure, about = total.value, ""
        if about:
            same = "，与指标的完成值不是同一个数" if figure <= actual else f"，多于指标完成值 {done}"
            ev.add(f"两处说法不一样：文字说“{figure}{about}”{same}，报告没有说明口径差别。")
        elif figure == actual:
            ev.add(f"两处一致，都是 {done}。")
        else:
            ev.add(f"两处说法不一样：文字是 {figure}，指标完成值是 {done}。")
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

    def _said(self, project: ProjectTable, thing: str) -> list[tuple[Decimal, str, int, int]]:
        """The numbers the table's text states of the thing counted, before it ("20 余个子系统") or right after it
        ("分报告 21份"): (figure, round word, start, end) each, in text order."""
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        gap = r"\s*"
        name = gap.join(re.escape(c) for c in thing)
        before = re.compile(rf"(\d+(?:\.\d+)?){gap}([{ROUND}]?){gap}([{COUNTERS}]){gap}{name}")
        after = re.compile(rf"{name}{gap}(\d+(?:\.\d+)?){gap}([{ROUND}]?){gap}([{COUNTERS}])")
        out: list[tuple[Decimal, str, int, int]] = []
        for pattern in (before, after):
            for match in pattern.finditer(text, section.start, section.end):
                if any(r.quote and r.start <= match.start() < r.start + len(r.quote) for r in project.indicators):
                    continue  # a row's own cells, not the table's text
                about = f"{match.group(2)}{match.group(3)}{thing}" if match.group(2) else ""
                out.append((Decimal(match.group(1)), about, match.start(), match.end()))
            if out:  # said once: a goal cell and the 实施内容 may say the same figures again
                out.sort(key=lambda o: o[2])
                again = next((i for i, o in enumerate(out) if i and o[0] == out[0][0]), len(out))
                return out[:again]
        return out


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
