"""The parts of a total (the stated 其中 lines, else the 款/项 lines of a 类 by their path), listed with their
sum checked against the total, and a rate compared across those parts."""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from assistant.answer.toolkit import Answerer
from assistant.calculator import compute, count, format_number
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.records import Operand
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Fact

log = logging.getLogger(__name__)


RATE_MEASURES = ("预算完成率", "占比", "比上年增减率")
RATE_LABELS = {"预算完成率": "完成预算的比例", "占比": "占比", "比上年增减率": "比上年增长率"}


RATE_FORMULAS = {
    "预算完成率": "完成预算的比例 = 决算数 ÷ 预算数",
    "占比": "占比 = 该项决算数 ÷ 合计数",
    "比上年增减率": "增长率 = 比上年增减额 ÷ 上年数",
}


class Parts(Answerer):
    """Parts of a total and their rates."""

    # ------------------------------------------------------------------ parts of a total
    def parts(self, subject: str) -> list[Fact]:
        """The lines that make up a total: the stated "其中" parts, else the 款/项 lines of a 类 (by their path)."""
        stated = self.table.children(subject)
        if stated:
            return stated
        stem = re.escape(fold(subject).removesuffix("支出"))
        path = re.compile(rf"^{stem}(支出)?（类）.+|（类）{stem}(支出)?（款）.+")
        seen: dict[str, Fact] = {}
        for fact in sorted(self.report.facts, key=lambda f: f.start):
            if fact.scope or fact.measure != "决算数" or fact.subject in seen:
                continue
            if path.search(fold(fact.subject)):
                seen[fact.subject] = fact
        return list(seen.values())

    def children(self, q: Plan) -> Evidence | None:
        """ "一般公共服务支出下面分成哪几个项": each part with its sentence, and the parts' sum against the total."""
        subjects = q.named
        if q.operation in ("max", "min") or q.intent == "reason":
            return None  # "哪一项最低" compares the parts; it does not list them
        if len(subjects) != 1 or not q.asks("child_cue"):
            return None
        subject = subjects[0]
        parts = self.parts(subject)
        if len(parts) < 2:
            return None
        p = self.kit
        ev = Evidence("answered", "list", q.text)
        ev.checks.append(count(parts).check)
        ev.add(f"{p.name(subject)}下分 {len(parts)} 项：")
        for i, fact in enumerate(parts):
            sep = "；" if i < len(parts) - 1 else "。"
            ev.add(f"{p.phrase(fact, with_subject=True)}{sep}", p.span(fact))
            ev.facts.append(fact)
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        if total is not None and all(f.unit == total.unit for f in parts):
            comp = compute("sum", *parts)
            ev.checks.append(comp.check)
            ev.facts.append(total)
            line = f"核算：{comp.said} = {comp.text} {total.unit}"
            if comp.value == total.value:
                line += f"，与报告所列{p.name(subject)} {show(total)}一致。"
            else:  # the audit note that follows says where the report disagrees with itself
                line += f"（报告所列{p.name(subject)}为 {show(total)}）。"
            ev.add(line, p.span(total))
        return ev

    # ------------------------------------------------------------------ a rate across sibling items
    def extreme_rate(self, q: Plan) -> Evidence | None:
        """ "这些项里哪一项预算完成得最差": the items' rates compared, not their amounts."""
        if q.operation not in ("max", "min"):
            return None
        measure = q.measure if q.measure in RATE_MEASURES else ""
        if not measure and q.asks("rate_cue"):
            measure = "比上年增减率" if q.asks("growth_word") else ""
            measure = measure or ("占比" if q.asks("share_word") else "")
        if not measure:
            return None
        for subject in q.named:
            parts = self.parts(subject)
            if len(parts) < 2:
                continue
            found = self._rates(subject, parts, measure)
            if len(found) >= 2:
                return self._extreme(q, subject, measure, found)
        return None

    def _rates(self, subject: str, parts: list[Fact], measure: str) -> list[tuple[Fact, Fact | None, Decimal]]:
        """(part, stated rate or None, rate) per part; a share the report does not state is computed."""
        out: list[tuple[Fact, Fact | None, Decimal]] = []
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        for part in parts:
            stated = [f for f in self.table.find(part.subject, measure) if f.section_id == part.section_id]
            stated = stated or self.table.find(part.subject, measure)
            if measure == "占比":
                stated = [f for f in stated if f.parent == subject]
            if stated:
                out.append((part, stated[0], stated[0].value))
            elif measure == "占比" and total is not None and total.value:
                out.append((part, None, compute("share", part, total).value))
        return out

    def _extreme(self, q: Plan, subject: str, measure: str, found: list[tuple[Fact, Fact | None, Decimal]]) -> Evidence:
        p = self.kit
        label = RATE_LABELS[measure]
        ev = Evidence("answered", "derived", q.text)
        total = self.table.best(self.table.find(subject, "决算数"), subject)
        lines: list[str] = []
        for part, stated, _value in found:
            if stated is None and total is not None:
                comp = compute("share", part, total)
                ev.checks.append(comp.check)
                lines.append(f"{p.name(part.subject)} {comp.said} = {comp.text}")
            elif stated is not None:
                ev.facts.append(stated)
        rates = [Operand(format_number(v), p.name(part.subject), s.id if s else "") for part, s, v in found]
        comp = compute(q.operation, *rates)
        ev.checks.append(comp.check)
        winners = [(part, stated) for part, stated, value in found if value == comp.value]
        word = "最高" if q.operation == "max" else "最低"
        names = "、".join(p.name(part.subject) for part, _ in winners)
        ev.checks.append(count([part for part, _, _ in found]).check)
        ev.add(f"{p.name(subject)}的 {len(found)} 项中，{label}{word}的是{names}，为 {format_number(comp.value)}%。")
        for part, stated in winners:
            ev.add("", p.span(stated) if stated is not None else p.span(part))
        ev.add(f"（{RATE_FORMULAS[measure]}；各项依次为：")
        for i, (part, stated, value) in enumerate(found):
            sep = "、" if i < len(found) - 1 else "。）"
            shown = show(stated) if stated is not None else f"{format_number(value)}%"
            ev.add(f"{p.name(part.subject)} {shown}{sep}", p.span(stated) if stated is not None else None)
        for line in lines:
            ev.add(f"（核算：{line}）")
        return ev
