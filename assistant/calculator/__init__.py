"""The deterministic calculator: every derived number the assistant shows comes from here.

`expressions` evaluates the report's formulas over Decimal (a hand-written tokenizer and parser: the report's
notation is not Python, and nothing is ever handed to eval); `checks` runs named calculations over facts and is
the only place a `Check` is made.
"""

from assistant.calculator.checks import KINDS, Computation, compute, contradiction, count, filtered, formula
from assistant.calculator.expressions import (
    CalculatorError,
    evaluate,
    format_number,
    is_rate_expression,
    normalize_digits,
    round_report,
    verify_stated,
)

__all__ = [
    "KINDS",
    "CalculatorError",
    "Computation",
    "compute",
    "contradiction",
    "count",
    "evaluate",
    "filtered",
    "format_number",
    "formula",
    "is_rate_expression",
    "normalize_digits",
    "round_report",
    "verify_stated",
]
