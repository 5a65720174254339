"""Conditions a question puts on the project tables: a field and a value ("年初预算为 0", "执行率低于 100%",
"没有执行完"), the field aggregated over the tables they pick, and a bare threshold on the measure asked.

TAPAS-style: each condition is (field, comparator, value), read once here and carried on the plan.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import COMPARE, MAX, MIN, SUM
from assistant.understand.plan import Condition

# Numeric project-table fields by how people name them, most specific first; "预算" alone is the budget in force.
FIELD_NAMES = CUES.field_cues("condition")
# A condition's comparator as said: "是", "低于", "超过" …
COMPARATORS = CUES.field_sources("comparators")
CONDITION = CUES.cue("condition")
NOT_FINISHED = CUES.cue("not_finished")
PROJECT_WORD = CUES.cue("project_word")
FILLED_FIELD = CUES.cue("filled_field")
AVG = CUES.cue("avg")
ABOVE = CUES.cue("above")
CLAUSE = re.compile(r"[，,。？?；;！!、]")
NEAR_FIELD = 8  # characters between a field's name and its condition
RATE_FIELD = "执行率"
AMOUNT_FIELDS = ("budget", "年初预算", "调整后预算", "执行数")


def read_conditions(text: str) -> list[Condition]:
    """Every field condition of a question, clause by clause ("年初预算等于0" → 年初预算 = 0)."""
    out: list[Condition] = []
    for clause in CLAUSE.split(text):
        for match in CONDITION.finditer(clause):
            field = field_before(clause, match.start())
            if not field:
                continue
            if match.group("unit") == "%" and field in AMOUNT_FIELDS:
                field = RATE_FIELD  # "预算…低于95%": a percentage bounds the rate, never an amount
            raw = match.group("num")
            limit = Decimal(0) if raw == "零" else Decimal(raw)
            comparator = next(k for k, v in COMPARATORS.items() if re.fullmatch(v, match.group("cmp")))
            if comparator == "=" and not re.search(r"\d|零", clause[match.start() : match.end()]):
                continue
            said = clause[max(0, match.start() - NEAR_FIELD) : match.end()]
            out.append(Condition(field, comparator, str(limit), said, match.group("unit") or ""))
        finished = NOT_FINISHED.search(clause)
        if finished:
            out.append(Condition("执行率", "<", "100", finished.group(0)))
    return out


def field_before(clause: str, at: int) -> str:
    """The project field named right before a condition ("年初预算等于0": 年初预算); the nearest wins."""
    window = clause[max(0, at - NEAR_FIELD) : at]
    best: tuple[int, str] | None = None
    for field, pattern in FIELD_NAMES:  # most specific first: a later, vaguer name wins only if nearer
        for match in pattern.finditer(window):
            if best is None or match.end() > best[0]:
                best = (match.end(), field)
    return best[1] if best else ""


def target_field(text: str, conditions: list[Condition]) -> str:
    """The field to aggregate: the one named in the clause with the aggregate word, else the last one named."""
    clauses = [c for c in CLAUSE.split(text) if c.strip()]
    asked = [c for c in clauses if SUM.search(c) or AVG.search(c) or MAX.search(c) or MIN.search(c)]
    for clause in asked + list(reversed(clauses)):
        for field, pattern in FIELD_NAMES:
            stripped = clause
            for condition in conditions:
                stripped = stripped.replace(condition.said, " ")
            if pattern.search(stripped):
                return field
    return conditions[0].field if conditions else "执行数"


def threshold(text: str) -> Condition | None:
    """A bound on the measure asked, with no field named beside it ("执行率低于 100%的项目": < 100 %)."""
    match = COMPARE.search(text)
    if match is None:
        return None
    comparator = ">" if ABOVE.fullmatch(match.group(1)) else "<"
    return Condition("", comparator, match.group(2), match.group(1), match.group(3) or "")


def filled_field(text: str) -> str:
    """A text cell asked to be filled in ("存在问题不是写无的"): problems or improvements, else ""."""
    match = FILLED_FIELD.search(text)
    if match is None:
        return ""
    said = next(g for g in (match.group(1), match.group(3), match.group(5)) if g)
    return "problems" if "问题" in said else "improvements"


def without_people(text: str, people: list[str]) -> str:
    """The question with the tables' people and field conditions blanked: "某位负责人负责的项目" and "年初预算为零的
    项目" pick project tables; they name no project the report lacks."""
    for name in people:
        text = text.replace(fold(name), "□")
    if PROJECT_WORD.search(text):
        for condition in read_conditions(text):
            text = text.replace(condition.said, "□")
    return text
