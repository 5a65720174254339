"""The audit's ledger: what one consistency check is (`AuditItem`), how the report's figures are shown in a
formula, and the plumbing every rule uses to look figures up and record a check (duplicates dropped)."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.calculator import CalculatorError, evaluate, format_number, round_report
from corpus.records import Fact, Report

log = logging.getLogger(__name__)

AMOUNT = "决算数"
COUNT = "数量"
SHARE = "占比"
CHANGE = "比上年增减额"
CHANGE_RATE = "比上年增减率"
COMPLETION = "预算完成率"
BUDGET_MEASURES = ("预算数", "调整后预算数", "年初预算数")
FISCAL_PREFIXES = ("一般公共预算财政拨款", "财政拨款")
PERCENT_MEASURES = frozenset({SHARE, CHANGE_RATE, COMPLETION, "执行率", "预算执行率"})
EXACT = Decimal(0)
RATE_TOLERANCE = Decimal("0.01")
CENT = Decimal("0.01")
_BRACKETS = str.maketrans("()", "（）")
_RUNNING_ITEM = re.compile(r"(行政|事业)运行（项）$")
_NOT_PROJECT_ITEM = re.compile(r"(行政|事业)运行（项）$|机关服务（项）$")


@dataclass(frozen=True)
class AuditItem:
    name: str
    expression: str
    expected: str
    computed: str
    difference: str
    ok: bool
    section_ids: list[str]
    fact_ids: list[str]


# ---------------------------------------------------------------------------------------------- helpers


def _num(value: Decimal) -> str:
    """An operand as printed in a formula: plain, unicode minus in brackets when negative."""
    text = format(value, "f")
    return f"(−{text[1:]})" if text.startswith("-") else text


def _level(subject: str) -> str:
    """类/款/项 level of a budget-classification subject, "" for ordinary subjects."""
    s = subject.translate(_BRACKETS)
    if "（项）" in s:
        return "项"
    if s.endswith("（款）"):
        return "款"
    if s.endswith("（类）"):
        return "类"
    return ""


def _class_name(subject: str) -> str:
    """The 类 a subject belongs to, comparable across forms: '社会保障和就业（类）…（项）' and '社会保障和就业支出'."""
    s = subject.translate(_BRACKETS)
    head = s.split("（类）")[0] if "（类）" in s else s
    return head.removesuffix("支出")


def _kuan(subject: str) -> str:
    s = subject.translate(_BRACKETS)
    return s.split("（款）")[0] if "（款）" in s else ""


def _region(section_id: str) -> str:
    """The passage a "其中" list lives in: the first three levels of the section id (p2.c5.s3 for its 1.–9.)."""
    return ".".join(section_id.split(".")[:3])


def _chapter(section_id: str) -> str:
    return ".".join(section_id.split(".")[:2])


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _nearest(candidates: Sequence[Fact], anchor: Fact) -> Fact:
    """The candidate stated closest to `anchor`: same section first, then same passage, then by distance."""
    return min(
        candidates,
        key=lambda f: (
            f.section_id != anchor.section_id,
            _region(f.section_id) != _region(anchor.section_id),
            abs(f.start - anchor.start),
        ),
    )


def _dedupe_subjects(facts: Iterable[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.subject, fact)
    return list(seen.values())


def _short(subject: str) -> str:
    """A 类/款/项 path shortened to its 项 name for display; other subjects as they are."""
    s = subject.translate(_BRACKETS)
    if "（项）" in s:
        return s.split("（款）")[-1] if "（款）" in s else s
    return subject


def _names(parts: Sequence[Fact], limit: int = 5) -> str:
    names = [_short(p.subject) for p in parts]
    if len(names) > limit:
        return "、".join(names[:limit]) + f" 等 {len(names)} 项"
    return "、".join(names)


def _show(value: Decimal, percent: bool) -> str:
    return format_number(value) + ("%" if percent else "")


def _show_like(computed: Decimal, expected: Decimal, percent: bool) -> str:
    """The computed figure with the stated figure's decimals (100 vs 100.00% reads as a mismatch otherwise)."""
    places = max(0, -int(expected.as_tuple().exponent))  # type: ignore[arg-type]
    if places == 0 and computed == computed.to_integral_value():
        return _show(computed.to_integral_value(), percent)
    return format(round_report(computed, max(places, 2)), "f") + ("%" if percent else "")


class Ledger:
    """Collects items; one method per rule; duplicate checks (same operands, same stated figure) are dropped."""

    def __init__(self, report: Report) -> None:
        self.report = report
        years = [f.year for f in report.facts if f.year]
        self.year = report.year or (max(set(years), key=years.count) if years else 0)
        self.facts = [f for f in report.facts if f.value is not None]
        self.by_key: dict[tuple[str, str, str, int], list[Fact]] = defaultdict(list)
        for fact in self.facts:
            self.by_key[(fact.scope, fact.subject, fact.measure, fact.year)].append(fact)
        self.items: list[AuditItem] = []
        self._seen: set[tuple[str, ...]] = set()

    # -- plumbing

    def find(self, subject: str, measure: str, scope: str = "", year: int | None = None) -> list[Fact]:
        return self.by_key.get((scope, subject, measure, self.year if year is None else year), [])

    def add(
        self,
        name: str,
        expression: str,
        expected: Decimal,
        facts: Sequence[Fact],
        tolerance: Decimal,
        percent: bool = False,
        places: int = 2,
    ) -> None:
        try:
            raw = evaluate(expression)
        except CalculatorError as exc:
            log.warning("audit check %s skipped: %s (%s)", name, exc, expression)
            return
        computed = raw if raw.as_tuple().exponent >= 0 else round_report(raw, places)  # type: ignore[operator]
        key = (expression.replace(" ", ""), str(expected), *sorted({f.id for f in facts}))
        if key in self._seen:
            return
        self._seen.add(key)
        difference = round_report(computed - expected, places)
        self.items.append(
            AuditItem(
                name=name,
                expression=expression,
                expected=_show(expected, percent),
                computed=_show_like(computed, expected, percent),
                difference=format(difference, "f"),
                # Rates: the stated figure must lie within `tolerance` of the exact value (rounded or truncated
                # both pass, 66.68 for 2 ÷ 3 does not). Sums: equal at the report's decimals.
                ok=abs(raw - expected) <= tolerance if tolerance else difference == 0,
                section_ids=_unique(f.section_id for f in facts),
                fact_ids=_unique(f.id for f in facts),
            )
        )

    def add_sum(self, name: str, total: Fact, parts: Sequence[Fact]) -> None:
        """Check total = Σ parts, exactly at the report's 2 decimals."""
        expression = " + ".join(_num(p.value) for p in parts)
        self.add(name, expression, total.value, [total, *parts], EXACT)

    def amount_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.measure in (AMOUNT, COUNT) and f.year == self.year]

    def totals_for(self, parent: str, measure: str, scope: str, anchor: Fact) -> list[Fact]:
        """The statements of a parent total nearest to a list; one per distinct value in the closest passage."""
        candidates = self.find(parent, measure, scope)
        if not candidates:
            return []
        for same in (
            lambda f: _region(f.section_id) == _region(anchor.section_id),
            lambda f: _chapter(f.section_id) == _chapter(anchor.section_id),
            lambda f: True,
        ):
            near = [f for f in candidates if same(f)]
            if near:
                by_value: dict[Decimal, Fact] = {}
                for fact in sorted(near, key=lambda f: abs(f.start - anchor.start)):
                    by_value.setdefault(fact.value, fact)
                return list(by_value.values())
        return []


def _partition(parts: Sequence[Fact], total: Decimal) -> Sequence[Fact]:
    """The parts that make up `total`.

    Usually all of them. When they overshoot by more than rounding can explain, the list holds a nested
    "其中" (e.g. 货物、工程、服务 and then 中小企业, 其中小微企业, all of 政府采购支出总额): the first run of
    ≥ 2 parts, in text order, that adds up exactly is the partition. If no run does, all parts are kept, so
    a real inconsistency still shows."""
    whole = sum((p.value for p in parts), Decimal(0))
    if abs(whole - total) <= CENT * len(parts):
        return parts
    running = Decimal(0)
    for k, part in enumerate(parts, 1):
        running += part.value
        if k >= 2 and running == total:
            return parts[:k]
    return parts


def _dedupe_values(facts: Sequence[Fact]) -> list[Fact]:
    """One statement per distinct value (the first), so a figure repeated verbatim is compared once."""
    by_value: dict[Decimal, Fact] = {}
    for fact in facts:
        by_value.setdefault(fact.value, fact)
    return list(by_value.values())
