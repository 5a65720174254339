"""Asks about the indicator rows an earlier ask of a compound question found: their sum or each one's weight
("合计多少分", "各自的权重"), or, for the one row found, its target, result, gap or shortfall reason
("比目标多了几个", "为什么没完成")."""

from __future__ import annotations

from assistant.answer.indicators import Indicators, indicator_line, row_value_asked
from assistant.answer.toolkit import Toolkit
from assistant.evidence.records import Evidence, Found
from assistant.evidence.spans import one_line
from assistant.execute.aggregate import Aggregates
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan
from assistant.understand.words import content_words
from corpus import IndicatorRow

SUM_WORD = CUES.cue("sum_word")
ASKS_SCORE = CUES.cue("lost_points")
AVG = CUES.cue("avg")
FOUND_REF = CUES.cue("found_ref")
TABLE_SCORE = CUES.cue("table_score_word")


class FoundRows:
    """Answers asks about the indicator rows an earlier ask found."""

    def __init__(self, kit: Toolkit, rows: Indicators, aggregates: Aggregates) -> None:
        self.kit = kit
        self.rows = rows
        self.aggregates = aggregates

    def over_rows(self, part: Plan, previous: Evidence, before: Plan) -> Evidence | None:
        """An ask naming no row, collection or subject of its own right after an answer that listed several
        indicator rows: their sum ("合计多少分": of the value this ask or the one before named), or each one's
        weight or score ("各自的权重")."""
        found = previous.found
        if found is None or found.kind != "indicator" or len(found.names) < 2 or part.subjects:
            return None
        if part.collection and (part.collection != found.collection or part.filters or part.groups):
            return None  # an aggregate of its own over other rows ("其中成本指标…"), not the rows just listed
        if any(m.kind == "subject" for m in part.matches) or self._names_rows(part, found):
            return None
        value = row_value_asked(part.text) or row_value_asked(before.text)
        if SUM_WORD.search(part.text) or AVG.search(part.text):
            value = value or ("权重" if "分" in part.text else "完成值")
            op = "avg" if AVG.search(part.text) else "sum"
            outcome = self.aggregates.run(part.text, found.collection, value, op, only=found.names)
            return outcome.evidence if outcome is not None else None
        if row_value_asked(part.text) in ("权重", "得分"):
            outcome = self.aggregates.run(part.text, found.collection, value, "list", only=found.names)
            return outcome.evidence if outcome is not None else None
        return None

    def _names_rows(self, part: Plan, found: Found) -> bool:
        """The ask names indicator rows of its own (of the table found)."""
        project = self.kit.project(found.owners[0]) if found.owners else None
        if project is None:
            return False
        rows, _ = self.rows.asked_rows(part.with_(projects=(project.name,)), project)
        return bool(rows)

    def about_row(self, part: Plan, previous: Evidence) -> bool:
        """An ask right after an answer that found one indicator row, naming no row of its own ("比目标多了
        几个", "实际做成了几份", "目标值是多少"): it is about that row."""
        found = previous.found
        if found is None or found.kind != "indicator" or len(found.names) != 1 or part.matches or part.collection:
            return False
        field = part.project_field
        own_score = not TABLE_SCORE.search(part.question or part.text)  # the words as asked, before rephrasing
        if field == "self_score" and (FOUND_REF.search(part.text) or own_score):
            return True  # "这项打了几分", "得了多少分" right after the row: the row's own score, not the table's
        if field and field != "indicators":
            return False  # "负责人是谁": the table's field, not the row's
        project = self.kit.project(found.owners[0]) if found.owners else None
        if project is None:
            return False
        rows, _ = self.rows.asked_rows(part.with_(projects=(project.name,)), project)
        named = [w for w in content_words(part.text) if w in self.kit.folded_text]  # words the report uses
        return not rows and not named

    def about_rows(self, part: Plan, found: Found) -> Evidence:
        """An indicator row found earlier: its shortfall reason, or its line (指标值, 完成值, 权重, 得分)."""
        ev = Evidence("answered", "project", part.text)
        for name, owner in zip(found.names, found.owners, strict=False):
            row = self._row(owner, name)
            if row is None:
                continue
            span = self.kit.tables.row_span(row)
            if part.intent == "reason":
                if row.shortfall_reason.strip():
                    ev.add(f"{row.name}未完成原因：{one_line(row.shortfall_reason).rstrip('。')}。", span)
                else:
                    ev.add(f"{owner}绩效自评表中，{row.name}一行没有填写未完成原因。", span)
            elif len(found.names) > 1:  # "评估得怎么样": each row found, its target and result
                ev.add(f"{row.name}（{indicator_line(row).removeprefix(row.name).strip('（）')}）；", span)
            elif (project := self.kit.project(owner)) is not None:
                answered = self.rows.indicator_answer(part, project, row)  # with the gap or ratio asked
                ev.pieces.extend(answered.pieces)
                ev.checks.extend(answered.checks)
                ev.facts.extend(answered.facts)
                if row.weight is not None and row.score is not None and ASKS_SCORE.search(part.text):
                    ev.add(f"{row.name}权重 {row.weight} 分，得分 {row.score} 分。", span)
        if not ev.pieces:
            return self.kit.not_found(part, "上一问所指的指标")
        ev.route = "found_row"
        return ev

    def _row(self, owner: str, name: str) -> IndicatorRow | None:
        project = self.kit.project(owner)
        if project is None:
            return None
        return next((r for r in project.indicators if r.name == name), None)
