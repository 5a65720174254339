"""Checks and back-computation on both reports: budgets a completion rate implies (several subjects, and the
unspent part), a sum compared with a stated total, and the share of a sum (never each part's share)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant_support import answered_text, stated

CENT = Decimal("0.01")


def fact_of(report, ending: str, measure: str = "决算数"):
    subject = next(f.subject for f in report.facts if f.subject.endswith(ending) and f.measure == measure)
    return stated(report, subject, measure)


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, ROUND_HALF_UP))


def budget(report, ending: str) -> tuple[Decimal, Decimal]:
    spent, rate = fact_of(report, ending).value, fact_of(report, ending, "预算完成率").value
    return (spent / rate * 100).quantize(CENT, ROUND_HALF_UP), spent


def test_budgets_of_two_subjects_back_from_their_rates(both_assistants):
    report = both_assistants.report
    hosting, _ = budget(report, "公务接待费")
    cars, _ = budget(report, "公务用车购置及运行维护费")
    answered_text(
        both_assistants, "公务接待费和公务用车购置及运行维护费，用完成率反推预算各为多少", money(hosting), money(cars)
    )


def test_the_first_year_budget_asked_by_rate_is_the_budget_it_implies(both_assistants):
    report = both_assistants.report
    hosting, _ = budget(report, "公务接待费")
    answered_text(both_assistants, "按完成率反推，公务接待费的年初预算是多少？", money(hosting))


def test_budget_from_a_stated_rate_and_what_was_left_unspent(both_assistants):
    report = both_assistants.report
    planned, spent = budget(report, "培训支出（项）")
    rate = fact_of(report, "培训支出（项）", "预算完成率").value
    question = f"培训支出（项）按{rate}%的完成率，原定预算多少？少花了多少？"
    answered_text(both_assistants, question, money(planned), money(planned - spent))


def test_a_sum_checked_against_a_stated_total(both_assistants):
    report = both_assistants.report
    people, public = stated(report, "人员经费").value, stated(report, "公用经费").value
    whole = fact_of(report, "一般公共预算财政拨款基本支出").value
    text = answered_text(
        both_assistants, "人员经费与公用经费之和，与一般公共预算财政拨款基本支出是否一致？", money(people + public)
    )
    assert ("一致" in text) and (("不完全一致" in text) == (people + public != whole))


def test_a_sum_that_differs_by_a_cent_is_said_to_be_a_rounding_gap(assistant):
    """The shipped report's 基本支出 is one cent below its parts: the gap is computed and named."""
    report = assistant.report
    people, public = stated(report, "人员经费").value, stated(report, "公用经费").value
    basic = stated(report, "基本支出").value
    gap = money(abs(people + public - basic))
    text = answered_text(assistant, "人员经费加公用经费，和基本支出对得上吗？", money(people + public), gap)
    assert "尾数差异" in text


def test_the_share_of_a_sum_is_the_sums_share(both_assistants):
    report = both_assistants.report
    education, housing = fact_of(report, "教育支出").value, fact_of(report, "住房保障支出").value
    whole = stated(report, "一般公共预算财政拨款支出").value
    total = education + housing
    share = (total / whole * 100).quantize(CENT, ROUND_HALF_UP)
    text = answered_text(
        both_assistants,
        "教育支出和住房保障支出加在一起是多少？占一般公共预算财政拨款支出多少比例？",
        money(total),
        f"{share}%",
    )
    each = (education / whole * 100).quantize(CENT, ROUND_HALF_UP)
    assert f"= {each}%" not in text  # never each part's own share
