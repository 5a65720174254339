"""The calculator: exact Decimal arithmetic in the report's notation, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.calculator import (
    CalculatorError,
    compute,
    count,
    evaluate,
    filtered,
    format_number,
    formula,
    is_rate_expression,
    round_report,
    verify_stated,
)
from assistant.records import Operand
from assistant.tools import calculate, calculator_tool
from corpus.records import Fact

D = Decimal


def fact(subject: str, measure: str, value: str, fid: str = "f1") -> Fact:
    return Fact(fid, subject, measure, D(value), "万元", 2023, "p2.c7.s2", f"{subject}{value}", value, 0)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("2.81 - 1.48", "1.33"),
        ("2.81 − 1.48", "1.33"),  # unicode minus
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("14.44 × 2 ÷ 4", "7.22"),
        ("-3 + -(2)", "-5"),
        ("--2", "2"),
        ("0.1 + 0.2", "0.3"),  # Decimal, not binary floating point
        ("1,234.5 + 0.5", "1235.0"),
        ("１２３．５＋１", "124.5"),  # full-width digits and operators
        ("（2 + 3）× 2", "10"),  # full-width brackets
        ("20685.29 × 22.88%", "4732.794352"),  # x% = x / 100
        ("111.28%", "1.1128"),
        ("50 + 2 × 100%", "52"),  # not a rate formula: ordinary percent reading
        ("max(14.44, 2.81, 0)", "14.44"),
        ("min(14.44, 2.81, 0)", "0"),
    ],
)
def test_arithmetic_and_notation(expression: str, expected: str) -> None:
    assert evaluate(expression) == D(expected)


def test_rate_formula_states_result_in_percent() -> None:
    assert round_report(evaluate("1.48 ÷ 1.33 × 100%")) == D("111.28")
    assert round_report(evaluate("14.44 ÷ 17.25 × 100%")) == D("83.71")
    assert round_report(evaluate("(−1.81) ÷ (14.44 − (−1.81)) × 100%")) == D("-11.14")
    assert is_rate_expression("a ÷ b × 100%", {"a": D(1), "b": D(2)})
    assert not is_rate_expression("50 + 2 × 100%")


def test_variables_may_be_chinese_names_with_brackets() -> None:
    variables = {"公务接待费": D("2.81"), "“三公”经费": D("17.25"), "因公出国（境）费": D("0")}
    assert evaluate("公务接待费 − 1.48", variables) == D("1.33")
    assert round_report(evaluate("公务接待费 ÷ “三公”经费 × 100%", variables)) == D("16.29")
    assert evaluate("因公出国（境）费 + 1", variables) == D("1")


def test_round_half_up_like_the_report() -> None:
    assert round_report(D("1.48") / D("1.33") * 100) == D("111.28")
    assert round_report(D("2.345")) == D("2.35")  # banker's rounding would give 2.34
    assert round_report(D("-2.345")) == D("-2.35")
    assert round_report(D("-0.001")) == D("0.00")
    assert str(round_report(D("-0.001"))) == "0.00"  # no negative zero
    assert round_report(D("4733.085"), 2) == D("4733.09")
    assert round_report(D("98.925"), 1) == D("98.9")


def test_format_number_keeps_integers_integral() -> None:
    assert format_number(D("1.33")) == "1.33"
    assert format_number(D("20685.29")) == "20685.29"
    assert format_number(D("-0.32")) == "-0.32"
    assert format_number(D("4")) == "4"
    assert format_number(D("3258")) == "3258"
    assert format_number(D("1.005")) == "1.01"
    assert format_number(D("2.5")) == "2.50"


def test_division_by_zero_is_a_chinese_error() -> None:
    for expression in ("1 / 0", "1 ÷ (3 − 3)", "2.81 ÷ 0 × 100%"):
        with pytest.raises(CalculatorError, match="除数不能为零"):
            evaluate(expression)


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('ls')",
        "os.system('ls')",
        "().__class__",
        "open('x')",
        "a[0]",
        "2 ** 3",
        "1e5",
        "x + 1",  # a name that was not given
        "lambda: 1",
        "1; 2",
        "1 +",
        "(1 + 2",
        "1 + 2)",
        "",
        "   ",
        "1" * 501,  # very long input
        "-" * 300 + "1",  # deep nesting
        "(" * 60 + "1" + ")" * 60,
        "1\x002",
        "<script>alert(1)</script>",
    ],
)
def test_rejects_anything_but_arithmetic(expression: str) -> None:
    with pytest.raises(CalculatorError) as info:
        evaluate(expression)
    message = str(info.value)
    assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message)  # a Chinese message for the user


def test_never_calls_python_eval() -> None:
    import ast
    import inspect

    from assistant.calculator import checks, expressions

    for module in (checks, expressions):
        tree = ast.parse(inspect.getsource(module))
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not called & {"eval", "exec", "compile", "__import__", "getattr"}


def test_compute_kinds_build_report_formulas() -> None:
    received = fact("公务接待费", "决算数", "2.81", "a")
    change = fact("公务接待费", "比上年增减额", "1.48", "b")
    prior = compute("prior_year", received, change)
    assert (prior.value, prior.expression) == (D("1.33"), "2.81 − 1.48")
    assert (prior.check.expression, prior.check.result, prior.check.ok) == ("2.81 − 1.48", "1.33", True)
    assert prior.check.fact_ids == ["a", "b"] and prior.check.operation == "prior_year"
    assert [(o.value, o.label, o.fact_id) for o in prior.check.operands] == [
        ("2.81", "公务接待费 决算数", "a"),
        ("1.48", "公务接待费 比上年增减额", "b"),
    ]

    growth = compute("growth_rate", received, prior.value)
    assert growth.value == D("111.28") and growth.check.result == "111.28%"
    assert growth.expression == "(2.81 − 1.33) ÷ 1.33 × 100%"
    assert round_report(evaluate(growth.expression)) == growth.value  # the shown formula reproduces the value

    share = compute("share", D("14.44"), D("17.25"))
    assert (share.value, share.expression, share.check.result) == (D("83.71"), "14.44 ÷ 17.25 × 100%", "83.71%")
    assert compute("execution_rate", D("400.50"), D("448.34")).value == D("89.33")
    total = compute("sum", D("18.16"), D("317.66"), D("144.84"), D("15.01"))
    assert (total.value, total.expression) == (D("495.67"), "18.16 + 317.66 + 144.84 + 15.01")
    assert compute("sum", D(1), D(1), D(2)).check.result == "4"
    assert compute("difference", D("17.25"), D("-0.32")).expression == "17.25 − (−0.32)"
    assert compute("difference", D("17.25"), D("-0.32")).value == D("17.57")
    assert compute("ratio", D(1), D(3)).value == D("0.33")
    assert compute("max", D("14.44"), D("2.81"), D("0")).value == D("14.44")
    assert compute("min", D("14.44"), D("2.81"), D("0")).check.result == "0"


def test_compute_rejects_bad_requests() -> None:
    with pytest.raises(CalculatorError):
        compute("median", D(1), D(2))
    with pytest.raises(CalculatorError):
        compute("share", D(1))
    with pytest.raises(CalculatorError, match="除数不能为零"):
        compute("share", D(1), D(0))
    with pytest.raises(CalculatorError):
        compute("sum")


def test_verify_stated() -> None:
    assert verify_stated(fact("公务接待费", "比上年增减率", "111.28"), D("111.2781954887"))
    assert verify_stated(fact("三公", "比上年增减率", "-1.82"), D("-1.8213"))
    assert not verify_stated(fact("公务接待费", "比上年增减率", "111.28"), D("111.30"))
    assert not verify_stated(fact("乙", "占比", "66.68"), D(2) / D(3) * 100)  # 66.666…: off by 0.013
    assert verify_stated(fact("社保", "决算数", "495.68"), D("495.67"))  # within the default ±0.01
    assert not verify_stated(fact("社保", "决算数", "495.68"), D("495.67"), tolerance=D(0))  # sums are exact


def test_llm_tool_wraps_the_calculator() -> None:
    tool = calculator_tool()
    assert tool.metadata.name == "calculator"
    assert str(tool.call(expression="1.48 ÷ 1.33 × 100%")) == "1.48 ÷ 1.33 × 100% = 111.28%"
    assert str(tool.call(kind="share", operands=["14.44", "17.25"])) == "14.44 ÷ 17.25 × 100% = 83.71%"
    assert calculate(expression="__import__('os')").startswith("计算失败")
    assert calculate(expression="1/0") == "计算失败：除数不能为零"
    assert calculate(kind="sum", operands=["a"]).startswith("计算失败")


def test_only_the_calculator_makes_checks() -> None:
    """Every derived number comes from a calculation: no module outside the calculator builds a Check by hand."""
    import ast
    from pathlib import Path

    import assistant

    root = Path(assistant.__file__).parent
    makers = []
    for path in root.rglob("*.py"):
        if "calculator" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Check"]
        makers += [f"{path.relative_to(root)}:{n.lineno}" for n in calls]
    assert makers == []


def test_checks_carry_their_operation_and_operands() -> None:
    items = count(["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"])
    assert (items.check.result, items.check.operation) == ("3", "count")
    assert items.check.operands[0].label == "因公出国（境）费"
    mean = compute("mean", D("100"), D("95.5"))
    assert (mean.expression, mean.text) == ("(100 + 95.5) ÷ 2", "97.75")
    assert [o.value for o in mean.check.operands] == ["100", "95.5", "2"]  # the count divided by is an operand
    share = compute("share", D("14.44"), D("17.25"))
    assert "100" in [o.value for o in share.check.operands]  # so "× 100%" in a shown formula is accounted for
    budget = compute("budget", fact("培训支出", "决算数", "9.80", "a"), fact("培训支出", "预算完成率", "98", "b"))
    assert (budget.expression, budget.text, budget.check.fact_ids) == ("9.80 ÷ 98%", "10", ["a", "b"])
    assert compute("budget", D("9.80"), D("98"), fixed=True).text == "10.00"


def test_a_formula_takes_only_its_operands() -> None:
    per_head = formula("3258 × 10000 ÷ 4", D("3258"), D("4"), Operand("10000", "万元折合元"), places=2, fixed=True)
    assert per_head.text == "8145000.00" and per_head.check.operation == "formula"
    with pytest.raises(CalculatorError):
        formula("3258 × 10000 ÷ 4", D("3258"), D("4"))  # 10000 was never given


def test_a_filter_counts_the_figures_that_meet_its_bound() -> None:
    rates = [fact("甲", "执行率", "100", "a"), fact("乙", "执行率", "87.5", "b"), fact("丙", "执行率", "99", "c")]
    below = filtered("执行率", "<", D(100), rates)
    assert (below.expression, below.check.result) == ("执行率 < 100", "2")
    assert below.check.operands[0].value == "100"  # the bound shown in an answer is an operand
