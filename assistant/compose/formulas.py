"""Calculator checks as people read them: a formula in words, with the figures' names where they are known.
Shared by everything that shows a check to people: the command line, the staff chat and the widget.

The calculator writes its checks in its own notation (`min(100, …, 98.93)`, `17.25 − (−0.32)`,
`count(12 项)`); people should read 「比较 12 个数，最小的是 98.93」 and 「17.25 + 0.32」. This module only
rewrites how a check is shown; the numbers are the calculator's. Hand-written because the notation is ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.calculator.checks import plain_signs

# A number as the calculator prints it (no thousands separators; a unicode or ASCII minus is an operator).
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
DOUBLE_MINUS = re.compile(r"([−-])\s*\(\s*[−-]\s*(\d+(?:\.\d+)?%?)\s*\)")
PLUS_MINUS = re.compile(r"\+\s*\(\s*[−-]\s*(\d+(?:\.\d+)?%?)\s*\)")
FUNCTION = re.compile(r"^\s*(min|max|最小值?|最大值?|count)\((.*)\)\s*$", re.S)
FUNCTION_IN_TEXT = re.compile(r"(?:比较\s*)?(min|max)\(([^()]*)\)\s*=\s*(\d+(?:\.\d+)?%?)")
CONDITION = re.compile(r"^[^\d=<>≤≥＜＞]+\s*(?:[<>≤≥＜＞]=?|=|==|≠)\s*\d")
LONG_SUM = 6  # a sum with more terms than this is shortened to its first and last terms
LONG_LIST = 5  # min/max over more values than this is told as "比较 N 个数"
_MIN_WORDS = {"min", "最小", "最小值"}


@dataclass(frozen=True)
class Label:
    """What a figure is: e.g. 基本支出 4733.08 (a fact of the report)."""

    name: str
    value: Decimal




def humanize_text(text: str) -> str:
    """Rewrite calculator notation inside an answer's sentence (the assistant prints a few formulas inline)."""

    def function(match: re.Match[str]) -> str:
        values = [v.strip() for v in match.group(2).split(",") if v.strip()]
        which = "最小" if match.group(1) == "min" else "最大"
        if len(values) > LONG_LIST:
            return f"比较 {len(values)} 个数，{which}的是 {match.group(3)}"
        return f"{'、'.join(values)} 中{which}的是 {match.group(3)}"

    return plain_signs(FUNCTION_IN_TEXT.sub(function, text))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.rstrip("%"))
    except InvalidOperation:
        return None


def _short_list(items: Sequence[str], shown: int = 3) -> str:
    if len(items) <= shown + 1:
        return "、".join(items)
    return "、".join(items[:shown]) + "等"


def _function_words(name: str, inner: str, result: str) -> str:
    if name == "count":
        inner = inner.strip()
        if re.fullmatch(r"\d+\s*\S*", inner):  # "12 项", "12 张绩效自评表": the count is all there is
            what = re.sub(r"^\d+\s*", "", inner) or "项"
            return f"计数：共 {result} {what}"
        return f"计数：{_short_list([i for i in inner.split('、') if i])}，共 {result} 项"
    values = [v.strip() for v in inner.split(",") if v.strip()]
    which = "最小" if name in _MIN_WORDS else "最大"
    if len(values) > LONG_LIST:
        return f"比较：{len(values)} 个数中{which}的是 {result}"
    return f"比较：{'、'.join(values)} 中{which}的是 {result}"


OPERATIONS = {
    "prior_year": "推算", "budget": "推算", "share": "比例", "execution_rate": "比例", "growth_rate": "增长率",
    "mean": "平均", "sum": "合计", "difference": "差额", "ratio": "倍数",
}  # fmt: skip


def _kind(expression: str, operation: str = "") -> str:
    """A one-word name for what a formula computes: its operation, else its shape (as the calculator wrote it)."""
    if operation in OPERATIONS:
        return OPERATIONS[operation]
    if DOUBLE_MINUS.search(expression) or PLUS_MINUS.search(expression):
        return "推算"  # a figure from another and its change, e.g. last year's from this year's
    if expression.rstrip().endswith("× 100%"):
        return "增长率" if expression.lstrip().startswith("(") and "−" in expression else "比例"
    if re.search(r"\)\s*÷\s*\d+\s*$", expression):
        return "平均"
    if "× 10000" in expression:
        return "换算"
    has = {op for op in "+−÷×" if op in expression}
    if has == {"+"}:
        return "合计"
    if has == {"−"}:
        return "差额"
    if has == {"÷"}:
        return "推算" if expression.rstrip().endswith("%") else "倍数"
    return "计算"


_SUM_RUN = re.compile(r"\d+(?:\.\d+)?%?(?:\s*\+\s*\d+(?:\.\d+)?%?)+")


def _shorten_sums(expression: str) -> str:
    """A sum of many terms (a total over twelve projects) shows its first two and last terms and the count."""

    def shorten(match: re.Match[str]) -> str:
        terms = [t.strip() for t in match.group().split("+")]
        if len(terms) <= LONG_SUM:
            return match.group()
        return f"{terms[0]} + {terms[1]} + … + {terms[-1]}（共 {len(terms)} 项）"

    return _SUM_RUN.sub(shorten, expression)


def _with_labels(expression: str, labels: Sequence[Label]) -> str:
    """Put each known figure's name before it, matching figures to labels by value, each label used once.
    Two labels with the same value could go either way: then no figure is named."""
    if len({lab.value for lab in labels}) != len(labels):
        return expression
    unused = list(labels)
    out: list[str] = []
    pos = 0
    for match in NUMBER.finditer(expression):
        token = match.group()
        before = expression[: match.start()].rstrip()
        if token == "100%" and before.endswith("×"):
            continue  # the "× 100%" that states a rate, not a figure
        value = _decimal(token)
        value = abs(value) if value is not None else None
        label = next((lab for lab in unused if value is not None and lab.value == value), None)
        if label is None:
            continue
        unused.remove(label)
        out.append(expression[pos : match.start()] + f"{label.name} ")
        pos = match.start()
    out.append(expression[pos:])
    return "".join(out)


def describe_check(check: Mapping[str, Any], labels: Sequence[Label] = ()) -> str:
    """One check as a line people read: 「比例：基本支出 4733.08 ÷ 本年支出合计 20685.29 × 100% = 22.88%」."""
    expression = str(check.get("expression", "")).strip()
    result = str(check.get("result", "")).strip()
    function = FUNCTION.match(expression)
    if function:
        return _function_words(function.group(1), function.group(2), result)
    if CONDITION.match(expression) and not NUMBER.match(expression):
        return f"条件：{expression}"
    short = _shorten_sums(plain_signs(expression))
    shown = _with_labels(short, labels) if short == plain_signs(expression) else short
    return f"{_kind(expression, str(check.get('operation', '')))}：{shown} = {result}"


def labels_for(check: Mapping[str, Any], facts: Mapping[str, Any], report_year: int | None = None) -> list[Label]:
    """Labels for a check's figures from the facts it names (`facts`: id → corpus Fact), or from the check's
    own `labels` field when a later assistant supplies one ({"name": …, "value": …} items)."""
    given = check.get("labels")
    if isinstance(given, list):
        out: list[Label] = []
        for item in given:
            if isinstance(item, Mapping) and item.get("name") is not None:
                value = _decimal(str(item.get("value", "")))
                if value is not None:
                    out.append(Label(str(item["name"]), value))
        return out
    labels: list[Label] = []
    for fact_id in check.get("fact_ids") or []:
        fact = facts.get(fact_id)
        if fact is not None:
            # Figures are matched by size: the formula shows a change of −0.32 as "+ 0.32" once signs are plain.
            labels.append(Label(fact_name(fact, report_year), abs(Decimal(fact.value))))
    return labels


def fact_name(fact: Any, report_year: int | None = None) -> str:
    """A fact's everyday name: its subject (the part after 「（款）」 for a long 类/款/项 line), its measure
    unless it is the plain 决算数, and its year when it is not the report's year."""
    subject = str(fact.subject)
    if "（款）" in subject:
        subject = subject.rsplit("（款）", 1)[1] or subject
    measure = "" if fact.measure in ("决算数", "", "数量") else str(fact.measure)
    if measure.endswith("增减额") and fact.value:
        measure = measure[: -len("增减额")] + ("减少" if fact.value < 0 else "增加")
    year = f"{fact.year}年" if report_year and fact.year and fact.year != report_year else ""
    return f"{year}{subject}{measure}"


__all__ = ["Label", "describe_check", "fact_name", "humanize_text", "labels_for", "plain_signs"]
