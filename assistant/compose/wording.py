"""Wording helpers shared by the planners: how a figure, a subject and a table cell read in an answer."""

from __future__ import annotations

import re

from assistant.calculator import format_number
from corpus import Fact


def show(fact: Fact) -> str:
    """A fact's figure the way the report prints it, with its unit ("2.81 万元", "111.28%", "4辆")."""
    raw = fact.raw if re.fullmatch(r"[-−]?\d+(?:\.\d+)?%?", fact.raw or "") else format_number(abs(fact.value))
    raw = raw.lstrip("-−")
    if fact.unit == "%" or raw.endswith("%"):
        return raw if raw.endswith("%") else raw + "%"
    if fact.unit in ("万元", "元", "亿元"):
        return f"{raw} {fact.unit}"
    return raw if raw.endswith(fact.unit) else f"{raw}{fact.unit}"


def display(subject: str) -> str:
    """A subject as a reader says it: the 项 name of a 类/款/项 path, else the subject itself."""
    match = re.search(r"（款）(.+（项）)$", subject)
    return match.group(1) if match else subject
