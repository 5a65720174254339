"""One project's 绩效自评表 asked in people's words, on both reports where the class applies: where the table lost
points (its rows and its budget-execution part), projects ranked by their score, why the money fell short, a row
worked with another row or with the table's money, a count asked in a unit, a row named word for word read in
its own project's table, and a project's money asked in other words.

Expected figures are worked out here from the parsed tables, so each test holds on any report with such a table;
every figure an answer shows must come from a cited fact or an `ok` calculator check."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import ask

from assistant.service import Assistant
from assistant.understand.asks import split_asks
from corpus import IndicatorRow, ProjectTable


def answered(assistant: Assistant, question: str, history: list[dict] | None = None) -> str:
    answer = ask(assistant, question, history)
    assert answer.status == "answered", answer.answer
    assert all(n.verified for n in answer.numbers), [n.text for n in answer.numbers if not n.verified]
    return re.sub(r"\[\d+\]", "", answer.answer)


def shown(value: Decimal) -> str:
    """A figure as the calculator prints it (two places, an integral result without them)."""
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return str(value.normalize()) if value == value.to_integral() else str(value)


def lowest_scored(assistant: Assistant) -> ProjectTable:
    scored = [p for p in assistant.report.projects if p.self_score is not None]
    return min(scored, key=lambda p: p.self_score)  # type: ignore[arg-type, return-value]


def project(assistant: Assistant, word: str) -> ProjectTable:
    return next(p for p in assistant.report.projects if word in p.name)


def row(table: ProjectTable, word: str) -> IndicatorRow:
    return next(r for r in table.indicators if word in r.name)


def number(text: str) -> Decimal:
    return Decimal(re.search(r"\d+(?:\.\d+)?", text).group())  # type: ignore[union-attr]


# ---------------------------------------------------------------- where the points were lost


def test_deductions_name_every_part_below_its_weight(both_assistants: Assistant) -> None:
    table = lowest_scored(both_assistants)
    assert table.self_score is not None and table.self_score < 100
    text = answered(both_assistants, f"{table.name}的自评在哪些地方丢了分，每处丢了几分？")
    assert shown(100 - table.self_score) in text  # the points lost in all
    lost_rows = [r for r in table.indicators if r.score is not None and r.weight is not None and r.score < r.weight]
    for lost in lost_rows:
        assert lost.name in text and str(lost.score) in text and shown(lost.weight - lost.score) in text
    rows_score = sum((r.score for r in table.indicators), Decimal(0))  # type: ignore[misc]
    budget_score = table.self_score - rows_score
    if budget_score < 100 - sum((r.weight for r in table.indicators), Decimal(0)):  # type: ignore[misc]
        assert "预算执行情况" in text and shown(budget_score) in text
        assert str(table.execution_rate) in text


def test_deduction_details_asked_apart_stay_with_the_deduction(both_assistants: Assistant) -> None:
    assert split_asks("丢分的是哪几项？分别得了几分？") == ["丢分的是哪几项，分别得了几分"]
    table = lowest_scored(both_assistants)
    history = [{"role": "user", "content": f"{table.name}自评了多少分？"},
               {"role": "assistant", "content": f"{table.name}自评得分 {table.self_score} 分。"}]  # fmt: skip
    text = answered(both_assistants, "丢分的是哪几项？分别得了几分？", history)
    assert "没有找到" not in text and shown(100 - table.self_score) in text  # type: ignore[operator]


def test_a_ranking_by_score_ranks_the_self_evaluation_score(both_assistants: Assistant) -> None:
    table = lowest_scored(both_assistants)
    text = answered(both_assistants, "做了自评的这些项目，哪一个分数最低？")
    assert table.name in text and str(table.self_score) in text
    assert "执行率最低" not in text


# ---------------------------------------------------------------- why the money fell short


def test_an_execution_shortfall_gets_the_reason_the_table_states(both_assistants: Assistant) -> None:
    short = [p for p in both_assistants.report.projects if p.execution_rate is not None and p.execution_rate < 90]
    table = min(short, key=lambda p: p.execution_rate)  # type: ignore[arg-type, return-value]
    floor = int(table.execution_rate)  # type: ignore[arg-type]
    text = answered(both_assistants, f"{table.name}的钱怎么才花掉{floor}%？")
    reasons = [r for r in table.indicators if "执行" in r.name and r.shortfall_reason]
    assert reasons, "the table states no reason on an execution row"
    assert str(table.execution_rate) in text
    assert re.sub(r"\s", "", reasons[0].shortfall_reason)[:8] in re.sub(r"\s", "", text)
    assert "年度目标" not in text


# ---------------------------------------------------------------- rows worked with rows and with the table's money


def test_one_rows_share_of_another_row(assistant: Assistant) -> None:
    table = project(assistant, "12345")
    part, whole = row(table, "好评"), row(table, "服务群众")
    text = answered(assistant, "12345热线那个项目，好评数量占服务群众人次的比例是多少？")
    expected = (number(part.actual) / number(whole.actual) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert f"{expected}%" in text


def test_a_share_row_times_the_executed_amount(assistant: Assistant) -> None:
    table = project(assistant, "标准化")
    share = row(table, "专家评审费")
    text = answered(assistant, "标准化技委会的项目，按执行数算，专家评审费大约花了多少钱？")
    expected = (table.executed * number(share.actual) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)  # type: ignore[operator]
    assert f"{expected} 万元" in text


def test_a_row_in_money_against_the_executed_amount(assistant: Assistant) -> None:
    table = project(assistant, "门户网站")
    cost = row(table, "省政府网站运维")
    text = answered(assistant, "门户网站项目的“省政府网站运维”这一项，比项目的执行数多出多少？")
    assert shown(number(cost.actual) - table.executed) in text  # type: ignore[operator]


# ---------------------------------------------------------------- a count asked in a unit


def test_a_count_asked_in_a_unit_is_answered_in_that_unit(assistant: Assistant) -> None:
    table = project(assistant, "微博")
    posts = next(r for r in table.indicators if r.unit.strip() == "条")
    text = answered(assistant, "政务微信微博全年推送了多少条政务信息？")
    assert posts.actual in text and "出错率" not in text


def test_a_count_only_the_table_text_states(assistant: Assistant) -> None:
    text = answered(assistant, "12345热线平台一共把几条热线并了进来？")
    assert re.search(r"共计\s*43\s*条", text)


# ---------------------------------------------------------------- the right project's table


def test_a_row_named_word_for_word_is_read_in_its_own_table(assistant: Assistant) -> None:
    table = next(p for p in assistant.report.projects for r in p.indicators if r.name == "官网平台建设运营成本")
    cost = row(table, "官网平台建设运营成本")
    history = [{"role": "user", "content": f"{table.name}的预算执行得怎么样？"},
               {"role": "assistant", "content": f"{table.name}执行 {table.executed} 万元。"}]  # fmt: skip
    text = answered(assistant, "负责人是谁？官网平台建设运营成本完成值是多少？", history)
    assert table.leader in text and f"完成值 {cost.actual}" in text
    assert "门户网站" not in text


@pytest.mark.parametrize("words", ["全年执行多少", "全年用掉了多少钱"])
def test_a_projects_money_in_other_words(both_assistants: Assistant, words: str) -> None:
    table = lowest_scored(both_assistants)
    text = answered(both_assistants, f"{table.name}{words}？")
    assert f"{table.executed:.2f}" in text
