"""The answer contract shared by the CLI, the UI, the HTTP API and the evals (see issue: JSON contract)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["answered", "not_found", "rejected", "clarify"]


@dataclass(frozen=True)
class Citation:
    n: int  # the inline marker [n]
    section_id: str
    heading: str
    page: int | None
    quote: str  # an exact substring of Report.clean_text
    report: str = ""  # the id of the report quoted (a library member); "" = the report being asked


@dataclass(frozen=True)
class Operand:
    """One input of a calculation: its value as shown, what it is, and the fact it comes from (if any)."""

    value: str  # e.g. "2.81"; "" for an item that is counted, not added
    label: str = ""  # e.g. "公务接待费 决算数", "百分比", "项目"
    fact_id: str = ""


@dataclass(frozen=True)
class Check:
    """One calculation the calculator ran to produce or double-check a number (made only by the calculator).

    `operation` names it (sum, difference, share, growth_rate, execution_rate, prior_year, ratio, max, min, mean,
    count, budget, filter, formula, compare) and `operands` are its inputs, so the formula can be said in words.
    `ok` is False only for a comparison that fails (a stated figure the report's other figures contradict)."""

    expression: str  # e.g. "2.81 − 1.48"
    result: str  # e.g. "1.33"
    ok: bool
    fact_ids: list[str] = field(default_factory=list)
    operation: str = ""
    operands: list[Operand] = field(default_factory=list)


@dataclass(frozen=True)
class NumberCheck:
    """How one number shown in the answer text was verified."""

    text: str  # the number as it appears in the answer, e.g. "2.81" or "111.28%"
    verified: bool
    how: Literal["fact", "calculation", "none"]


@dataclass
class Answer:
    status: Status
    answer: str
    citations: list[Citation] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    numbers: list[NumberCheck] = field(default_factory=list)
    latency_ms: float = 0.0
    route: str = ""  # the answerer that answered (the registry's name; "guard" for rejected input)
    plan: dict[str, Any] | None = None  # the question's plan as JSON (see assistant.understand.plan.Plan)
    suggestions: list[str] = field(default_factory=list)  # clarify: questions to choose from, each answerable
    report: str = ""  # the library report that answered ("" when several did, or none: see citations' `report`)
    candidates: list[dict[str, Any]] = field(default_factory=list)  # clarify in a library: the reports it may be

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
