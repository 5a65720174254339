"""The calculator's arithmetic: a safe evaluator of the report's formulas over Decimal, rounding and formatting.

Public API:

- ``CalculatorError(ValueError)`` – bad input; its message is Chinese and safe to show to a user.
- ``evaluate(expression, variables=None) -> Decimal`` – ``+ - * / × ÷ −``, parentheses, unary minus, numbers such
  as ``2.81`` / ``1,234.5`` / ``111.28%`` / full-width digits, ``max(…)`` / ``min(…)``, and names taken from
  ``variables``. A trailing ``× 100%`` states the result in percent (``14.44 ÷ 17.25 × 100%`` → 83.71…), the
  way the report writes rates; anywhere else ``x%`` means ``x / 100``.
- ``round_report(value, places=2) -> Decimal`` – ROUND_HALF_UP, the way the report rounds.
- ``format_number(value, places=2) -> str`` – "1.33", "20685.29", "-0.32"; integral input stays integral.
- ``verify_stated(fact, computed, tolerance=Decimal("0.01")) -> bool``.

Why a hand-written tokenizer + recursive-descent parser rather than ``ast`` with a whitelist: the report's
notation (``×``, ``÷``, ``−``, ``%``, ``1,234.5``, full-width digits, Chinese names with brackets) is not Python
syntax, so a tokenizer is needed anyway; once tokens exist, a 60-line parser over ``Decimal`` is easier to
prove safe than an AST walk, and nothing is ever handed to ``eval``/``compile``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext

from corpus.records import Fact

__all__ = [
    "CalculatorError",
    "evaluate",
    "format_number",
    "is_rate_expression",
    "normalize_digits",
    "round_report",
    "verify_stated",
]

MAX_EXPRESSION_CHARS = 500
MAX_DEPTH = 40
MAX_DIGITS = 30
MAX_RESULT = Decimal(10) ** 30  # far above any budget figure; keeps every result exact at 2 decimals
HUNDRED = Decimal(100)
FUNCTIONS = {"max": max, "min": min, "最大": max, "最小": min, "最大值": max, "最小值": min}

# One-to-one character folding (offsets stay valid): full-width digits and punctuation, unicode minus/operators.
_FOLD = {ord("０") + i: ord("0") + i for i in range(10)}
_FOLD.update({ord(a): ord(b) for a, b in zip("．，％（）＋－−–＊／　", ".,%()+---*/ ", strict=True)})


def normalize_digits(text: str) -> str:
    """Fold full-width digits/punctuation and unicode minus to ASCII, one character for one."""
    return text.translate(_FOLD)


class CalculatorError(ValueError):
    """Invalid expression or arithmetic error; the message is Chinese and meant for the end user."""


# ---------------------------------------------------------------------------------------------- tokenizer

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_NAME = re.compile(r"[^\W\d]\w*")  # letters incl. CJK, then letters/digits
_OPERATORS = {"+": "+", "-": "-", "*": "*", "/": "/", "×": "*", "÷": "/", "·": "*", "(": "(", ")": ")", ",": ","}


@dataclass(frozen=True)
class _Token:
    kind: str  # "num" | "op" | "pct" | "name" | "func" | "end"
    text: str
    value: Decimal | None = None
    pos: int = 0


def _tokenize(expression: str, variables: Mapping[str, Decimal]) -> list[_Token]:
    text = normalize_digits(expression)
    names = sorted(((normalize_digits(k), k) for k in variables), key=lambda item: -len(item[0]))
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        # Variable names first (longest match), so names may contain brackets, quotes or digits.
        matched = next((orig for norm, orig in names if norm and text.startswith(norm, i)), None)
        if matched is not None:
            tokens.append(_Token("name", matched, Decimal(variables[matched]), i))
            i += len(normalize_digits(matched))
            continue
        number = _NUMBER.match(text, i)
        if number:
            digits = number.group().replace(",", "")
            if len(digits.replace(".", "")) > MAX_DIGITS:
                raise CalculatorError(f"数字位数太多：{number.group()[:20]}…")
            tokens.append(_Token("num", number.group(), Decimal(digits), i))
            i = number.end()
            continue
        if ch == "%":
            tokens.append(_Token("pct", ch, None, i))
            i += 1
            continue
        if ch in _OPERATORS:
            tokens.append(_Token("op", _OPERATORS[ch], None, i))
            i += 1
            continue
        name = _NAME.match(text, i)
        if name:
            word = name.group()
            if word in FUNCTIONS:
                tokens.append(_Token("func", word, None, i))
                i = name.end()
                continue
            if word.startswith("_") or text[name.end() : name.end() + 1] in (".", "[", "("):
                raise CalculatorError(f"不允许的写法：{text[i : name.end() + 1][:20]}")
            raise CalculatorError(f"未知的名称：{word[:20]}（只能使用数字、运算符和给定的数据名称）")
        raise CalculatorError(f"无法识别的字符：“{ch}”（第 {i + 1} 个字符）")
    tokens.append(_Token("end", "", None, len(text)))
    return tokens


# ---------------------------------------------------------------------------------------------- parser


class _Parser:
    """expr := term (("+"|"-") term)* ; term := unary (("*"|"/") unary)* ;
    unary := ("+"|"-") unary | postfix ; postfix := primary "%"? ;
    primary := number | name | "(" expr ")" | func "(" expr ("," expr)* ")"."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, op: str) -> None:
        token = self.take()
        if token.kind != "op" or token.text != op:
            raise CalculatorError(f"算式不完整：缺少“{op}”")

    def parse(self) -> Decimal:
        value = self.expr()
        if self.peek().kind != "end":
            raise CalculatorError(f"算式有多余的部分：“{self.peek().text}”")
        return value

    def expr(self) -> Decimal:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise CalculatorError("算式嵌套太深")
        value = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            right = self.term()
            value = value + right if op == "+" else value - right
        self.depth -= 1
        return value

    def term(self) -> Decimal:
        value = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            op = self.take().text
            right = self.unary()
            if op == "*":
                value = value * right
            else:
                if right == 0:
                    raise CalculatorError("除数不能为零")
                value = value / right
        return value

    def unary(self) -> Decimal:
        token = self.peek()
        if token.kind == "op" and token.text in "+-":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise CalculatorError("算式嵌套太深")
            value = self.unary()
            self.depth -= 1
            return -value if token.text == "-" else value
        value = self.primary()
        if self.peek().kind == "pct":
            self.take()
            value = value / HUNDRED
        return value

    def primary(self) -> Decimal:
        token = self.take()
        if token.kind in ("num", "name"):
            assert token.value is not None
            return token.value
        if token.kind == "func":
            self.expect("(")
            args = [self.expr()]
            while self.peek().kind == "op" and self.peek().text == ",":
                self.take()
                args.append(self.expr())
            self.expect(")")
            return FUNCTIONS[token.text](args)
        if token.kind == "op" and token.text == "(":
            value = self.expr()
            self.expect(")")
            return value
        if token.kind == "end":
            raise CalculatorError("算式不完整：结尾缺少数字")
        raise CalculatorError(f"算式中“{token.text}”的位置不对")


def _is_rate_form(tokens: list[_Token]) -> bool:
    """`a ÷ b × 100%` (one product, ending in × 100%): the whole result is stated in percent points.

    Only a single top-level product qualifies, so `50 + 2 × 100%` keeps the ordinary reading (52)."""
    if len(tokens) < 5:
        return False
    times, hundred, pct = tokens[-4:-1]
    if not (times.kind == "op" and times.text == "*" and hundred.value == HUNDRED and pct.kind == "pct"):
        return False
    depth = 0
    previous: _Token | None = None
    for token in tokens[:-4]:
        if token.kind == "op" and token.text == "(":
            depth += 1
        elif token.kind == "op" and token.text == ")":
            depth -= 1
        elif (
            depth == 0
            and token.kind == "op"
            and token.text in "+-"
            and previous is not None
            and (previous.kind in ("num", "name", "pct") or (previous.kind == "op" and previous.text == ")"))
        ):
            return False  # a binary +/- at top level
        previous = token
    return True


def is_rate_expression(expression: str, variables: Mapping[str, Decimal] | None = None) -> bool:
    """Does the expression end in "× 100%", i.e. is its result stated in percent?"""
    try:
        return _is_rate_form(_tokenize(expression, variables or {}))
    except CalculatorError:
        return False


def evaluate(expression: str, variables: Mapping[str, Decimal] | None = None) -> Decimal:
    """Evaluate an arithmetic expression over Decimal; raises CalculatorError with a Chinese message."""
    if not isinstance(expression, str):
        raise CalculatorError("算式必须是文字")
    if not expression.strip():
        raise CalculatorError("算式为空")
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise CalculatorError(f"算式太长（超过 {MAX_EXPRESSION_CHARS} 个字符）")
    if "\x00" in expression:
        raise CalculatorError("算式含有无法识别的字符")
    tokens = _tokenize(expression, variables or {})
    scale = Decimal(1)
    if _is_rate_form(tokens):
        tokens, scale = [*tokens[:-4], tokens[-1]], HUNDRED
    with localcontext() as ctx:
        ctx.prec = 34
        ctx.traps[DivisionByZero] = True
        ctx.traps[InvalidOperation] = True
        try:
            result = _Parser(tokens).parse() * scale
        except (DivisionByZero, ZeroDivisionError) as exc:
            raise CalculatorError("除数不能为零") from exc
        except (InvalidOperation, OverflowError) as exc:
            raise CalculatorError("无法计算这个算式") from exc
    if abs(result) >= MAX_RESULT:
        raise CalculatorError("计算结果太大")
    return result


# ---------------------------------------------------------------------------------------------- formatting


def round_report(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals, the way the report rounds (1.48/1.33×100 = 111.278… → 111.28)."""
    with localcontext() as ctx:
        ctx.prec = 60
        try:
            rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation as exc:
            raise CalculatorError("数值太大或不是有限数，无法取舍") from exc
    return rounded + 0 if rounded else abs(rounded)  # no "-0.00"


def format_number(value: Decimal, places: int = 2) -> str:
    """Plain notation: integral input stays integral ("3258"), anything else gets `places` decimals."""
    value = Decimal(value)
    if value.is_finite() and value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return format(abs(value) if value == 0 else value, "f")
    return format(round_report(value, places), "f")


def _show(value: Decimal) -> str:
    """An operand as the report would print it, with a unicode minus and brackets when negative."""
    text = format(value, "f")
    return f"(−{text[1:]})" if text.startswith("-") else text


# ---------------------------------------------------------------------------------------------- compute


def verify_stated(fact: Fact, computed: Decimal, tolerance: Decimal = Decimal("0.01")) -> bool:
    """Does a stated figure agree with a recomputed (unrounded) one?

    With a tolerance (default ±0.01, for rounded percentages) the stated figure must lie that close to the exact
    value; with tolerance 0 (sums) the computed value rounded to the stated decimals must equal it."""
    if tolerance == 0:  # sums: equal at the stated figure's decimals
        places = max(0, -int(fact.value.as_tuple().exponent))  # type: ignore[arg-type]
        return round_report(computed, places) == fact.value
    return abs(computed - fact.value) <= tolerance  # rates: within tolerance of the exact value
