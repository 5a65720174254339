"""What states a figure the question gives ("15952.21万元对应的是哪个科目", "1602.35万元是哪一项支出"): the
subjects whose amount is that figure, other than those the question names, each with its stated figures.

A reverse lookup by value over the fact table (the figure read by understanding into `Plan.figure_said`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from assistant.answer.toolkit import Answerer
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan
from corpus import Fact

MOST = 4  # subjects listed at most: a figure many totals share (收支总计, 本年支出合计 …) names no one item


class ByValue(Answerer):
    """The subjects that state the figure given."""

    def holders(self, q: Plan) -> list[Fact]:
        try:
            value = Decimal(q.figure_said)
        except InvalidOperation:
            return []
        named = set(q.named)
        seen: dict[str, Fact] = {}
        for fact in sorted(self.report.facts, key=lambda f: f.start):
            if fact.scope or fact.measure != "决算数" or "万元" not in fact.unit or fact.value != value:
                continue
            if fact.subject not in named and fact.subject not in seen:
                seen[fact.subject] = fact
        return list(seen.values())

    def answer(self, q: Plan) -> Evidence | None:
        found = self.holders(q)
        if not found or len(found) > MOST:
            return None
        ev = Evidence("answered", "by_value", q.text)  # what holds the figure: the question's other words describe it
        names = "、".join(self.kit.name(f.subject) for f in found)
        ev.add(f"报告中金额为 {q.figure_said} 万元的是{names}：")
        for fact in found:
            self.kit.group_text(self.table.group(fact), ev)
        return ev
