"""Named calculations over the report's figures: the only place a `Check` is made.

Every derived number an answer shows is the result of one of these, run over facts (or numbers that are
themselves results or stated constants): the Check records the operation, the formula in report numbers, the
operands with their labels and fact ids, and the result. The verifier trusts a number only when it is a cited
fact's or the result or an operand of a check that is `ok`.

- ``compute(kind, *operands, places=2)``: sum, difference (a − b − …), share, growth_rate, execution_rate,
  prior_year, ratio, max, min, mean ((a + b + …) ÷ n), budget (amount ÷ rate%).
- ``count(items, label)``: how many things were listed or compared.
- ``formula(expression, *operands, places=2)``: a formula over given operands only (each number in it must be one).
- ``filtered(field, comparator, bound, compared, kept)``: how many of the compared figures meet a bound.
- ``contradiction(stated, expression, computed, operands)``: a stated figure the report's other figures do not give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.calculator.expressions import (
    CalculatorError,
    _show,
    evaluate,
    format_number,
    round_report,
)
from assistant.number_spans import find_numbers
from assistant.records import Check, Operand
from corpus.records import Fact

__all__ = ["KINDS", "Computation", "compute", "contradiction", "count", "filtered", "formula", "operand", "plain_signs"]

PERCENT_KINDS = frozenset({"share", "growth_rate", "execution_rate"})
KINDS = (
    "sum", "difference", "share", "growth_rate", "execution_rate", "prior_year", "ratio", "max", "min", "mean",
    "budget",
)  # fmt: skip
BINARY = frozenset({"share", "growth_rate", "execution_rate", "prior_year", "ratio", "budget"})
PERCENT = Operand("100", "百分比")


@dataclass(frozen=True)
class Computation:
    value: Decimal  # rounded result
    expression: str  # human formula in report numbers, e.g. "2.81 − 1.48" or "14.44 ÷ 17.25 × 100%"
    check: Check

    @property
    def text(self) -> str:
        """The result as shown in an answer: "83.71%" for rates, "1.33" otherwise."""
        return self.check.result

    @property
    def said(self) -> str:
        """The formula as an answer writes it: "17.25 − (−0.32)" reads "17.25 + 0.32" (the check keeps the
        calculator's notation)."""
        return plain_signs(self.expression)


DOUBLE_MINUS = re.compile(r"([−-])\s*\(\s*[−-]\s*(\d+(?:\.\d+)?%?)\s*\)")
PLUS_MINUS = re.compile(r"\+\s*\(\s*[−-]\s*(\d+(?:\.\d+)?%?)\s*\)")


def plain_signs(expression: str) -> str:
    """`a − (−b)` → `a + b` and `a + (−b)` → `a − b`: the same arithmetic without a double sign."""
    return PLUS_MINUS.sub(r"− \1", DOUBLE_MINUS.sub(r"+ \2", expression))


def operand(value: Fact | Decimal | int | str | Operand, label: str = "") -> Operand:
    """An operand from a fact (its value, subject and measure, id), an operand, or a plain number."""
    if isinstance(value, Operand):
        return value
    if isinstance(value, Fact):
        name = f"{value.scope} {value.subject}".strip()
        return Operand(format(value.value, "f"), f"{name} {value.measure}".strip(), value.id)
    if isinstance(value, Decimal | int | str) and not isinstance(value, bool):
        try:
            return Operand(format(Decimal(value), "f"), label)
        except InvalidOperation as exc:
            raise CalculatorError(f"不是数字：{str(value)[:20]}") from exc
    raise CalculatorError("参与计算的只能是数字或报告中的数据")


def _decimal(item: Operand) -> Decimal:
    try:
        return Decimal(item.value)
    except InvalidOperation as exc:
        raise CalculatorError(f"不是数字：{item.value[:20]}") from exc


def compute(kind: str, *operands: Fact | Decimal | Operand, places: int = 2, fixed: bool = False) -> Computation:
    """Run one named calculation over facts or numbers; the Check records the formula, operands and fact ids.

    The result keeps `places` decimals; an integral result stays integral (a count, 100%) unless `fixed`."""
    if kind not in KINDS:
        raise CalculatorError(f"不支持的计算类型：{kind}（可用：{'、'.join(KINDS)}）")
    items = [operand(o) for o in operands]
    if not items:
        raise CalculatorError("没有参与计算的数")
    if kind in BINARY and len(items) != 2:
        raise CalculatorError(f"“{kind}”计算需要两个数")
    shown = [_show(_decimal(i)) for i in items]
    constants: list[Operand] = []
    if kind == "sum":
        expression = " + ".join(shown)
    elif kind in ("difference", "prior_year"):
        expression = " − ".join(shown)
    elif kind in ("share", "execution_rate"):
        expression = f"{shown[0]} ÷ {shown[1]} × 100%"
        constants = [PERCENT]
    elif kind == "growth_rate":
        expression = f"({shown[0]} − {shown[1]}) ÷ {shown[1]} × 100%"
        constants = [PERCENT]
    elif kind == "ratio":
        expression = f"{shown[0]} ÷ {shown[1]}"
    elif kind == "mean":
        constants = [Operand(str(len(items)), "项数")]
        expression = f"({' + '.join(shown)}) ÷ {len(items)}"
    elif kind == "budget":  # the budget a completion rate implies: amount ÷ rate%
        expression = f"{shown[0]} ÷ {shown[1]}%"
    else:
        expression = f"{kind}({', '.join(shown)})"
    value = _rounded(evaluate(expression), places, fixed)
    if kind == "share" and not fixed and value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # "20 ÷ 50.00 × 100% = 40%": a share that comes out whole, said whole
    result = format_number(value, places) + ("%" if kind in PERCENT_KINDS else "")
    check = Check(expression, result, True, [i.fact_id for i in items if i.fact_id], kind, items + constants)
    return Computation(value=value, expression=expression, check=check)


def count(items: Sequence[str | Fact], label: str = "项") -> Computation:
    """How many things were listed or compared ("count(三公经费、…)"): a count is a calculation too."""
    named = [Operand("", i.scope or i.subject, i.id) if isinstance(i, Fact) else Operand("", str(i), "") for i in items]
    expression = f"count({'、'.join(o.label for o in named)})" if named else f"count(0 {label})"
    n = len(named)
    ids = [o.fact_id for o in named if o.fact_id]
    return Computation(Decimal(n), expression, Check(expression, str(n), True, ids, "count", named))


def formula(
    expression: str, *operands: Fact | Decimal | Operand, places: int = 2, percent: bool = False, fixed: bool = False
) -> Computation:
    """A formula written over the given operands (a constant such as 10000 is an operand with a label): every
    number in it must be one of them, so nothing enters a result that is not accounted for."""
    items = [operand(o) for o in operands]
    known = {_decimal(i) for i in items if i.value}
    for number in find_numbers(expression.replace("−", "-")):
        if abs(number.value) not in {abs(k) for k in known}:
            raise CalculatorError(f"算式中的 {number.text} 不是给定的数")
    value = _rounded(evaluate(expression), places, fixed)
    result = format_number(value, places) + ("%" if percent else "")
    check = Check(expression, result, True, [i.fact_id for i in items if i.fact_id], "formula", items)
    return Computation(value, expression, check)


def filtered(field: str, comparator: str, bound: Decimal, compared: Sequence[Fact | Operand]) -> Computation:
    """How many of the compared figures meet a bound ("执行率 < 100": 3 of 12); the bound is an operand."""
    shown = format_number(bound)
    expression = f"{field} {comparator} {shown}"
    values = [operand(f) for f in compared]
    items = [Operand(shown, "条件"), *values]
    held = sum(1 for v in values if _holds(_decimal(v), comparator, bound))
    check = Check(expression, str(held), True, [v.fact_id for v in values if v.fact_id], "filter", items)
    return Computation(Decimal(held), expression, check)


def _rounded(raw: Decimal, places: int, fixed: bool) -> Decimal:
    """Half-up to `places` decimals; an integral result stays integral, like the report prints counts, unless
    `fixed` asks for the decimals anyway (an amount the report prints with them)."""
    if raw.as_tuple().exponent >= 0 and not fixed:  # type: ignore[operator]
        return raw
    return round_report(raw, places)


def _holds(value: Decimal, comparator: str, bound: Decimal) -> bool:
    held = {"=": value == bound, "!=": value != bound, "<": value < bound, ">": value > bound, ">=": value >= bound}
    return held[comparator]


def contradiction(stated: Fact, expected: str, expression: str, shown: str, operands: Sequence[Fact]) -> list[Check]:
    """A stated figure the report's other figures do not give: the recomputation (ok, its result shown as the
    audit shows it), the failed comparison, and the gap between them."""
    decimals = shown.rstrip("%").partition(".")[2]
    percent = shown.endswith("%")
    recomputed = formula(
        expression, *operands, *([PERCENT] if percent else []), places=max(len(decimals), 0), percent=percent
    )
    comparison = Check(
        f"{expected} = {expression}", recomputed.text, False, [stated.id, *(f.id for f in operands)], "compare",
        [operand(stated), *recomputed.check.operands],
    )  # fmt: skip
    larger, smaller = sorted((recomputed.value, Decimal(expected.rstrip("%"))), reverse=True)
    gap = compute("difference", larger, smaller, places=max(len(decimals), 2))
    return [recomputed.check, comparison, gap.check]
