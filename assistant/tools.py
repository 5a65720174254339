"""The calculator as a llama-index tool, for a later LLM answering mode.

Public API: ``calculator_tool() -> FunctionTool`` (name ``calculator``). The wrapped function ``calculate``
takes either an arithmetic ``expression`` (evaluated by ``assistant.calculator.evaluate``) or a ``kind`` with
``operands`` (``assistant.calculator.compute``), and returns text such as ``"14.44 ÷ 17.25 × 100% = 83.71%"``.
Errors come back as a Chinese message string instead of an exception, so a model can read and recover.
The tool never evaluates Python: it only reaches the Decimal calculator.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from llama_index.core.tools import FunctionTool

from assistant.calculator import (
    KINDS,
    CalculatorError,
    compute,
    evaluate,
    format_number,
    is_rate_expression,
    round_report,
)

__all__ = ["calculate", "calculator_tool"]

MAX_OPERANDS = 50

DESCRIPTION = (
    "精确计算器（Decimal，四舍五入到两位小数）。用法一：expression 传算式，支持 + - × ÷ 括号 百分数，"
    "例如 '1.48 ÷ 1.33 × 100%'（末尾 × 100% 表示结果以百分数表示）。用法二：kind 传计算类型"
    f"（{', '.join(KINDS)}），operands 传数字列表，例如 kind='growth_rate', operands=['2.81', '1.33']。"
    "返回“算式 = 结果”；出错时返回以“计算失败”开头的说明。"
)


def calculate(expression: str = "", kind: str = "", operands: list[str] | None = None) -> str:
    """Evaluate an expression, or run a named computation over operands; returns "formula = result"."""
    try:
        if kind:
            values = list(operands or [])
            if len(values) > MAX_OPERANDS:
                raise CalculatorError(f"参与计算的数太多（最多 {MAX_OPERANDS} 个）")
            try:
                numbers = [Decimal(str(v).replace(",", "").strip()) for v in values]
            except InvalidOperation as exc:
                raise CalculatorError("operands 里只能是数字") from exc
            result = compute(kind, *numbers)
            return f"{result.expression} = {result.check.result}"
        if not expression:
            raise CalculatorError("请提供算式（expression）或计算类型（kind）和数字（operands）")
        value = evaluate(expression)
        shown = format_number(value if value.as_tuple().exponent >= 0 else round_report(value))  # type: ignore[operator]
        suffix = "%" if is_rate_expression(expression) else ""
        return f"{expression.strip()} = {shown}{suffix}"
    except CalculatorError as exc:
        return f"计算失败：{exc}"


def calculator_tool() -> FunctionTool:
    """A FunctionTool named "calculator" over `calculate` (no network, no model needed)."""
    return FunctionTool.from_defaults(fn=calculate, name="calculator", description=DESCRIPTION)
