"""A total's parts checked against the total on last year's terms ("各项的增减额合起来和三公经费的减少额一致吗",
"拿各分项上年数核对合计"): each part's stated change (or the prior year it gives: this year less the
change) added by the calculator, and compared with the total's own stated change (or prior year). The answer
says both figures, where each is printed, and whether they agree; a gap of a few 0.01 万元 is the report's
rounding, never called "一致"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.answer.agreement import ROUNDING
from assistant.answer.toolkit import Answerer, Toolkit
from assistant.calculator import CalculatorError, compute, format_number
from assistant.evidence.records import Evidence
from assistant.execute.members import Columns
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan
from corpus import Fact

CHANGE = "比上年增减额"
UNCHANGED = CUES.cue("unchanged_said")  # "与上年相比无变化": a part whose change is stated in words
VERDICT_ROUNDING = "差额很小，属四舍五入造成的尾数差异"


@dataclass(frozen=True)
class Side:
    """One side of the check: its value last year (or its change), the words that say how, and its facts."""

    value: Decimal
    said: str
    facts: tuple[Fact, ...]


class PartChanges(Answerer):
    def __init__(self, kit: Toolkit) -> None:
        super().__init__(kit)
        self.columns = Columns(kit)

    def split(self, named: tuple[str, ...]) -> tuple[str, list[str]]:
        """The total and the parts a question names: a named subject with the others among its parts; one named
        total alone stands for all its parts ("三公经费各分项")."""
        for whole in named:
            parts = self.columns.fact_names(f"parts:{whole}")
            others = [self._as_part(n, parts) for n in named if n != whole]
            if others and all(others):
                return whole, others  # type: ignore[return-value]
        if len(named) == 1:
            parts = self.columns.fact_names(f"parts:{named[0]}")
            return (named[0], parts) if len(parts) >= 2 else ("", [])
        return "", []

    def _as_part(self, name: str, parts: list[str]) -> str:
        """The one part a subject named by a shorter or wider word stands for ("公务用车" for 公务用车购置及运行维护费:
        a part's name holds it, or it holds one of the part's aliases), else ""."""
        if name in parts:
            return name
        fitting = []
        for part in parts:
            entry = self.kit.catalogue.entry("fact", part)
            aliases = [a for a in (entry.aliases if entry else ()) if len(a) >= 2]
            if name in part or any(a in name or name in a for a in aliases):
                fitting.append(part)
        return fitting[0] if len(fitting) == 1 else ""

    def check(self, q: Plan, named: tuple[str, ...], prior: bool) -> Evidence | None:
        whole, parts = self.split(named)
        if not whole or not parts:
            return None
        ev = Evidence("answered", "derived", q.text, audited=True)
        sides = [self._side(p, prior, ev) for p in parts]
        total = self._side(whole, prior, ev)
        if total is None or any(s is None for s in sides):
            return None
        for side in (*sides, total):
            ev.facts.extend(f for f in side.facts if f not in ev.facts)  # type: ignore[union-attr]
        try:
            summed = compute("sum", *(s.value for s in sides), fixed=True)  # type: ignore[union-attr]
        except CalculatorError:
            return None
        ev.checks.append(summed.check)
        unit = " 万元"
        what = f" {self.year - 1} 年数" if prior else "比上年增减额"
        for side in sides:
            ev.add(side.said, *self._spans(side))  # type: ignore[union-attr]
        plain = _signed_sum([s.value for s in sides])  # type: ignore[union-attr]
        net = "" if prior else f"，即{_direction(summed.value)}"
        ev.add(f"各项{what}合计 {plain} = {_signed(summed.value)}{unit}{net}。")
        ev.add(total.said, *self._spans(total))
        name = self.kit.name(whole)
        if summed.value == total.value:
            both = f" {format_number(total.value)}{unit}" if prior else _direction(total.value)
            ev.add(f"两者一致：各项合计与{name}{what}都是{both}。")
            return ev
        high, low = sorted((abs(summed.value), abs(total.value)), reverse=True)
        same_sign = (summed.value >= 0) == (total.value >= 0)
        gap = compute("difference" if same_sign else "sum", high, low, fixed=True)
        ev.checks.append(gap.check)
        verdict = VERDICT_ROUNDING if gap.value <= ROUNDING else "两者不一致"
        ev.add(f"两者相差 {gap.said} = {gap.text}{unit}，{verdict}。")
        return ev

    def _side(self, subject: str, prior: bool, ev: Evidence) -> Side | None:
        name = self.kit.name(subject)
        change = self.table.best(self.table.find(subject, CHANGE), subject)
        amount = self.kit.value_fact(subject, Plan(""))
        if change is None:
            amount = next((f for f in self.table.find(subject, "决算数") if self._unchanged(f)), None)
            if amount is None or amount.value != 0:
                return None  # no change stated: nothing to add, never a guess
            said = f"{name} {format_number(amount.value)} 万元，报告写明与上年相比无变化"
            return Side(Decimal(0), f"{said}（{self.year - 1} 年也是 0 万元）。" if prior else f"{said}。", (amount,))
        if not prior:
            return Side(change.value, f"{name}比上年{_direction(change.value)}。", (change,))
        current = [f for f in self.table.group(change) if f.measure == "决算数"] or ([amount] if amount else [])
        if not current:
            return None
        comp = compute("prior_year", current[0], change)
        ev.checks.append(comp.check)
        said = (
            f"{name}本年 {format_number(current[0].value)} 万元，比上年{_direction(change.value)}，"
            f"{self.year - 1} 年 = {comp.said} = {comp.text} 万元。"
        )
        return Side(comp.value, said, (current[0], change))

    def _unchanged(self, fact: Fact) -> bool:
        span = self.kit.span(fact)
        text = self.report.clean_text[span.start : span.end] if span is not None else fact.quote
        return bool(UNCHANGED.search(text))

    def _spans(self, side: Side) -> list:
        return self.kit.spans(side.facts)


def _direction(value: Decimal) -> str:
    if value == 0:
        return "无变化"
    return f"{'增加' if value > 0 else '减少'} {format_number(abs(value))} 万元"


def _signed(value: Decimal) -> str:
    return f"−{format_number(abs(value))}" if value < 0 else format_number(value)


def _signed_sum(values: list[Decimal]) -> str:
    """ "−1.81 + 1.48": the terms in plain signs (never "+ (−1.81)")."""
    out = _signed(values[0])
    for value in values[1:]:
        out += f" {'−' if value < 0 else '+'} {format_number(abs(value))}"
    return out
