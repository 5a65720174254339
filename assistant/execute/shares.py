"""A share of a named whole, for each part asked ("X和Y各占三公经费的比例", "在全年支出里占几成"): the share
the report states when it states one of that whole, else part ÷ whole from the calculator, one sentence each."""

from __future__ import annotations

from decimal import Decimal

from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.plan import Plan
from corpus import Fact

ROUNDING = Decimal("0.01")  # a stated share and its recomputation agree within the report's rounding


class Shares:
    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit

    def shares(self, q: Plan) -> Evidence | None:
        """Each part's share of `q.whole` (or of its own total when no whole is named)."""
        ev = Evidence("answered", "derived", q.text)
        for part in (*q.subjects, *(g[0] for g in q.ambiguous)):
            self._share(ev, part, self.kit.value_fact(part, Plan("")), q.whole)
        for project in q.projects:
            executed = self.kit.table.project_facts(project, "执行数")
            self._share(ev, project, executed[0] if executed else None, q.whole)
        return ev if ev.pieces else None

    def share_of_sum(self, q: Plan, parts: tuple[str, ...], whole_name: str) -> Evidence | None:
        """ "A和B加起来占X的比例": the parts added by the calculator, then that sum ÷ X (never each part's own
        share, never X added to them)."""
        kit = self.kit
        found = [kit.value_fact(p, Plan("")) for p in parts]
        values = [f for f in found if f is not None]
        whole = kit.value_fact(whole_name, Plan("")) if whole_name else None
        if len(values) < 2 or len(values) != len(found) or whole is None or not whole.value:
            return None
        if any(v.unit != whole.unit for v in values):
            return None
        ev = Evidence("answered", "derived", q.text)
        for value in values:
            kit.group_text([value], ev)
        total = compute("sum", *values)
        share = compute("share", total.value, whole)
        ev.checks.extend([total.check, share.check])
        ev.facts.append(whole)
        ev.add(f"合计 {total.said} = {total.text} {whole.unit}。")
        ev.add(
            f"合计占{kit.name(whole.subject)}（{show(whole)}）的比例 = {share.said} = {share.text}。", kit.span(whole)
        )
        return ev

    def _share(self, ev: Evidence, part: str, value: Fact | None, whole_name: str) -> None:
        kit = self.kit
        whole_name = whole_name or (value.parent if value is not None else "")
        stated = [f for f in kit.table.find(part, "占比") if not whole_name or f.parent == whole_name]
        whole = kit.value_fact(whole_name, Plan("")) if whole_name else None
        if stated:
            fact = stated[0]
            ev.add(f"{kit.phrase(fact, True)}。", kit.span(fact))
            ev.facts.append(fact)
            if value is not None and whole is not None and whole.value:
                comp = compute("share", value, whole)
                if abs(comp.value - fact.value) <= ROUNDING:  # the calculator agrees: kept as the check
                    ev.checks.append(comp.check)
            return
        if value is None or whole is None or not whole.value or value.unit != whole.unit:
            return
        comp = compute("share", value, whole)
        ev.checks.append(comp.check)
        ev.facts.extend([value, whole])
        name = value.scope or kit.name(value.subject)
        ev.add(
            f"{name} {show(value)}占{kit.name(whole.subject)}（{show(whole)}）的比例 = {comp.said} = {comp.text}。",
            kit.span(value),
            kit.span(whole),
        )
