"""One figure the report prints in two places, or prints beside parts that do not add up to it ("基本支出一处写
4733.08、另一处写4733.09，到底是哪个", "X前后一致吗", "这几项加起来和结构部分写的对得上吗"): each figure said with
the section that prints it, the gap worked out by the calculator, and a gap of a few 0.01 万元 called the
report's rounding. Driven by the report audit's failed checks (assistant.audit): nothing here knows a value."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.agreement import ROUNDING
from assistant.answer.audit_notes import AuditNotes
from assistant.answer.toolkit import Answerer, Toolkit
from assistant.audit import AuditItem
from assistant.calculator import compute
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan
from corpus import Fact

VERDICT_ROUNDING = "差额很小，属四舍五入造成的尾数差异，报告没有说明原因"
VERDICT_DIFFERENT = "两处数字不一致"


class StatedTwice(Answerer):
    def __init__(self, kit: Toolkit, notes: AuditNotes) -> None:
        super().__init__(kit)
        self.notes = notes

    def answer(self, q: Plan, subject: str) -> Evidence | None:
        """Every place the subject's figure is printed, and each check of the report's that it fails."""
        stated = [f for f in self.table.find(subject, "决算数") if f.year in (0, self.year)]
        if not stated:
            return None
        items: list[AuditItem] = []
        for item in (i for f in stated for i in self.notes.failed.get(f.id, [])):
            if item not in items:
                items.append(item)
        ev = Evidence("answered", "derived", q.text, audited=True)
        if not items:
            if len({f.value for f in stated}) != 1:
                return None
            places = list(dict.fromkeys(f"《{self._title(f)}》" for f in stated))
            name = self.kit.name(subject)
            said = (
                f"{'、'.join(places)}都写{name} {show(stated[0])}，报告中前后一致。"
                if len(places) > 1
                else f"报告只在{places[0]}写了{name} {show(stated[0])}，没有另一处不同的数字。"
            )
            ev.add(said, self.kit.span(stated[0]))
            ev.facts.append(stated[0])
            self._other_scopes(subject, stated[0], ev)
            return ev
        gaps = [self._item(item, ev, n == 0) for n, item in enumerate(items)]
        verdict = VERDICT_ROUNDING if all(g <= ROUNDING for g in gaps) else VERDICT_DIFFERENT
        ev.add(f"{verdict.replace('很小', '都很小') if len(gaps) > 1 else verdict}。")
        return ev

    def _item(self, item: AuditItem, ev: Evidence, first: bool) -> Decimal:
        """One failed check said: the stated figure (where it is printed) against the other side; the gap."""
        facts = [self.notes.facts[i] for i in item.fact_ids]
        stated, *others = facts
        ev.facts.extend(f for f in facts if f not in ev.facts)
        name = self.kit.name(stated.subject)
        where = f"《{self._title(stated)}》写{name} {show(stated)}；" if first else f"{name} {show(stated)}"
        if len(others) == 1:
            other = others[0]
            said = f"《{self._title(other)}》写{self.kit.name(other.subject)} {show(other)}"
            ev.add(f"{where}{said}" if first else f"{said}", self.kit.span(stated), self.kit.span(other))
            return self._gap(stated.value, other.value, stated.unit, ev)
        total = compute("sum", *others)
        ev.checks.append(total.check)
        parts = "、".join(f"{self.kit.name(f.subject)} {show(f)}" for f in others)
        lead = where if first else ""
        ev.add(f"{lead}《{self._title(others[0])}》列出{parts}，相加 {total.said} = {total.text} {stated.unit}",
               *(self.kit.span(f) for f in facts))  # fmt: skip
        return self._gap(stated.value, total.value, stated.unit, ev)

    def _gap(self, a: Decimal, b: Decimal, unit: str, ev: Evidence) -> Decimal:
        high, low = (a, b) if a >= b else (b, a)
        gap = compute("difference", high, low, fixed=True)
        ev.checks.append(gap.check)
        ev.pieces[-1].text += f"，相差 {gap.said} = {gap.text} {unit}。"
        return gap.value

    def _other_scopes(self, subject: str, stated: Fact, ev: Evidence) -> None:
        """A longer name ending in the same words (一般公共预算财政拨款基本支出 beside 基本支出) with another figure: a
        narrower total, said so it is not taken for a second printing of the same figure."""
        for other in sorted(s for s in self.table.by_subject if s != subject and s.endswith(subject)):
            fact = self.table.best(self.table.find(other, "决算数"), other)
            if fact is None or fact.value == stated.value or fact.year not in (0, self.year):
                continue
            ev.add(f"另有《{self._title(fact)}》写{self.kit.name(other)} {show(fact)}，那是另一个口径的数字。",
                   self.kit.span(fact))  # fmt: skip
            ev.facts.append(fact)

    def _title(self, fact: Fact) -> str:
        return self.report.section(fact.section_id).title.strip() if fact.section_id else "报告"

    def against_whole(self, q: Plan, ev: Evidence, whole: str, measure: str = "决算数") -> None:
        """ "这几项加起来和X对得上吗", "加总等于495.68吗": the sum just worked out against the total the report
        states for X, on the same measure (the parts' changes against the total's change), and against the figure
        the question says when that is another one."""
        sums = [c for c in ev.checks if c.operation == "sum" and c.ok]
        if not sums:
            return
        total = Decimal(sums[-1].result)
        found = self.table.find(whole, measure) if measure != "决算数" else []
        stated = self.table.best(found, whole) if measure != "决算数" else self.kit.value_fact(whole, q)
        if stated is not None:
            ev.facts.append(stated)
            ev.audited = True
            said = f"《{self._title(stated)}》写{self.kit.name(stated.subject)} {show(stated)}。"
            ev.add(said, self.kit.span(stated))
            self._said_gap(ev, total, stated.value, stated.unit)
        claim = _decimal(q.claim)
        if claim is not None and (stated is None or claim != stated.value):
            ev.add(f"问题中说的是 {q.claim} 万元。")
            self._said_gap(ev, total, claim, "万元")

    def _said_gap(self, ev: Evidence, total: Decimal, stated: Decimal, unit: str) -> None:
        if total == stated:
            ev.add("两者一致。")
            return
        high, low = (stated, total) if stated >= total else (total, stated)
        gap = compute("difference", high, low, fixed=True)
        ev.checks.append(gap.check)
        verdict = VERDICT_ROUNDING if gap.value <= ROUNDING else VERDICT_DIFFERENT
        ev.add(f"与合计相差 {gap.said} = {gap.text} {unit}，{verdict}。")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None
