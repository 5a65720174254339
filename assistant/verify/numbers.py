"""Number verification: every number an answer shows must come from a cited fact or a shown calculation.

Public API (the answering side calls exactly these names):

- ``NumberSpan(text, value, start, end, percent, unit)`` – one number found in a text.
- ``find_numbers(text) -> list[NumberSpan]`` – numbers in an answer, skipping citation markers ``[1]``,
  ids/codes such as ``51000021T000000188386`` or ``p2.c7``, and list/heading ordinals (``1.``, ``（2）`` at the
  start of a line; Chinese ordinals such as ``七、`` contain no digits and are never numbers).
- ``verify_numbers(text, facts, checks) -> list[NumberCheck]`` – one ``NumberCheck`` per found number, in order:
  ``"fact"`` when it equals a cited fact's value / raw figure / year, a figure printed in a cited fact's
  quote, or one inside its subject / project name; ``"calculation"`` when it is the result or an operand of a
  check that is ``ok`` (a failed comparison vouches for nothing); else ``"none"`` (unverified).
- ``mark_unverified(text, numbers) -> str`` – puts ``〔未核验〕`` right after every unverified number.

Comparison is numeric (``Decimal``), so "2.81", "2.81万元", "2.810" and full-width "２.８１" all match 2.81, and
"111.28%" matches a fact of 111.28 (unit %). A sign may be dropped ("减少 0.32" vs a fact of -0.32). Rounded
or invented figures ("约2.8万元", "9.99") do not match: that is the point (field notes #3).
Written by hand (regular expressions) because what counts as a number here — codes, ordinals, markers — is
specific to these reports; no library knows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.number_spans import NumberSpan, find_numbers
from assistant.records import Check, NumberCheck
from corpus.records import Fact

__all__ = ["UNVERIFIED_MARK", "NumberSpan", "find_numbers", "mark_unverified", "verify_numbers"]

_WRAPPED_DIGITS = re.compile(r"(?<=\d)[ \t]*\n\s*(?=\d)")

UNVERIFIED_MARK = "〔未核验〕"


def _parse_figure(raw: str) -> list[Decimal]:
    return [span.value for span in find_numbers(raw)]


def _fact_values(facts: Sequence[Fact]) -> set[Decimal]:
    values: set[Decimal] = set()
    for fact in facts:
        values.add(fact.value)
        values.add(abs(fact.value))
        if fact.year:
            values.add(Decimal(fact.year))
            if fact.measure.startswith("比上年"):  # a year-on-year change names the prior year ("上年度")
                values.add(Decimal(fact.year - 1))
        values.update(abs(v) for v in _parse_figure(fact.raw))
        values.update(abs(v) for v in _parse_figure(fact.quote))
        # A table cell wraps long figures over lines ("422\n000\n000" is 422000000).
        values.update(abs(v) for v in _parse_figure(_WRAPPED_DIGITS.sub("", fact.quote)))
        # Figures inside a cited name ("省 12345政务服务热线…", "单价100万元以上设备") are the name, not a claim.
        values.update(abs(v) for v in _parse_figure(f"{fact.subject} {fact.scope}"))
    return values


def _check_values(checks: Sequence[Check]) -> set[Decimal]:
    """The results and operands of the calculations that hold: a number only a failed comparison shows (a figure
    the report's other figures contradict) is no calculation's result."""
    values: set[Decimal] = set()
    for check in checks:
        if not check.ok:
            continue
        values.update(abs(v) for v in _parse_figure(check.result))
        values.update(abs(v) for o in check.operands if o.value for v in _parse_figure(o.value))
    return values


def verify_numbers(text: str, facts: Sequence[Fact], checks: Sequence[Check]) -> list[NumberCheck]:
    """Classify each number of `text` as backed by a cited fact, by a calculation, or by nothing."""
    from_facts = _fact_values(facts)
    from_checks = _check_values(checks)
    result: list[NumberCheck] = []
    for span in find_numbers(text):
        value = abs(span.value)
        if value in from_facts:
            result.append(NumberCheck(span.text, True, "fact"))
        elif value in from_checks:
            result.append(NumberCheck(span.text, True, "calculation"))
        else:
            result.append(NumberCheck(span.text, False, "none"))
    return result


def mark_unverified(text: str, numbers: Sequence[NumberCheck]) -> str:
    """Append 〔未核验〕 to each unverified number, so nobody mistakes it for a checked figure.

    `numbers` is normally `verify_numbers(text, …)` (same order as `find_numbers`); if it was filtered, any
    number whose text is listed as unverified and never as verified is marked.
    """
    spans = find_numbers(text)
    aligned = len(spans) == len(numbers) and all(s.text == n.text for s, n in zip(spans, numbers, strict=True))
    if aligned:
        flags = [not n.verified for n in numbers]
    else:
        bad = {n.text for n in numbers if not n.verified} - {n.text for n in numbers if n.verified}
        flags = [s.text in bad for s in spans]
    out: list[str] = []
    last = 0
    for span, flag in zip(spans, flags, strict=True):
        if not flag:
            continue
        out.append(text[last : span.end])
        out.append(UNVERIFIED_MARK)
        last = span.end
    out.append(text[last:])
    return "".join(out)
