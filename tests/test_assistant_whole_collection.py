"""Aggregates over a whole collection asked in everyday words: every member in order with its share of the
whole, the largest part, whether all members (or any) meet a condition, two columns added up in one question,
the money added during the year over the tables a condition picks, a share of two stated counts, the report's
performance-management counts asked as a whole, and a follow-up share of a total the last turn added up. Every
expected figure is read from the report itself, on both reports of the template."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant_support import answered_text, history_after

from assistant.service import Assistant
from corpus import Fact

WHOLE = "一般公共预算财政拨款支出"  # the 类 of spending are its parts


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def class_shares(assistant: Assistant) -> list[Fact]:
    """The stated share of each 类 of spending in the year's budget spending, as the report prints them."""
    return [f for f in assistant.report.facts if f.measure == "占比" and f.parent == WHOLE and not f.scope]


def amount(assistant: Assistant, subject: str) -> Decimal:
    facts = [f for f in assistant.report.facts if f.subject == subject and f.measure == "决算数" and not f.scope]
    return facts[0].value


def count_of(assistant: Assistant, subject: str) -> Decimal:
    facts = [f for f in assistant.report.facts if f.subject == subject and f.measure == "数量" and not f.scope]
    return facts[0].value


def test_the_classes_of_spending_are_ranked_with_their_shares(both_assistants: Assistant) -> None:
    shares = class_shares(both_assistants)
    assert len(shares) >= 4
    text = answered_text(both_assistants, "把各类支出按花钱多少从高到低排一排")
    ranked = sorted(shares, key=lambda f: amount(both_assistants, f.subject), reverse=True)
    places = [text.index(f"{f.subject} {amount(both_assistants, f.subject)} 万元") for f in ranked]
    assert places == sorted(places), text  # the largest first, each with its amount
    for share in ranked:
        assert f"（{share.value}%）" in text, (share.subject, text)
    assert "＞" in text and "max(" not in text


def test_tables_ranked_from_the_lowest_rate(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    text = answered_text(both_assistants, "这些自评项目按执行率从低往高排个序")
    lowest = min(projects, key=lambda p: p.execution_rate)
    assert text.index(lowest.name) == min(text.index(p.name) for p in projects), text
    assert "从低到高" in text


def test_where_most_of_the_money_went(both_assistants: Assistant) -> None:
    shares = class_shares(both_assistants)
    largest = max(shares, key=lambda f: amount(both_assistants, f.subject))
    text = answered_text(both_assistants, "单位的钱主要都花到哪一块去了")
    assert f"最多的是{largest.subject}，{amount(both_assistants, largest.subject)} 万元" in text, text
    assert f"{largest.value}%" in text


def test_the_table_that_cost_the_most(both_assistants: Assistant) -> None:
    top = max(both_assistants.report.projects, key=lambda p: p.executed)
    text = answered_text(both_assistants, "附件那几张表里，哪个项目最烧钱？")
    assert top.name in text and f"{top.executed} 万元" in text, text


def test_whether_every_table_got_full_marks(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    short = [p for p in projects if p.self_score < 100]
    assert short  # both reports have tables below full marks
    text = answered_text(both_assistants, "这几个自评项目都拿满分了吗？")
    assert text.startswith("不是"), text
    for project in short:
        assert project.name in text and f"{project.self_score.normalize():f}" in text, text
    full = [p for p in projects if p.self_score >= 100]
    for project in full:
        assert project.name not in text  # only the exceptions are named


def test_whether_a_table_has_a_cost_indicator(both_assistants: Assistant) -> None:
    for project in both_assistants.report.projects[:4]:
        costs = [r for r in project.indicators if "成本" in r.level1]
        text = answered_text(both_assistants, f"{project.name}的绩效指标里设没设成本指标？")
        if costs:
            assert text.startswith("有") and costs[0].name.split()[0] in text, text
        else:
            levels = {r.level1.removesuffix("指标") for r in project.indicators}
            assert text.startswith("没有") and all(level in text for level in levels), text


def test_two_columns_added_up_in_one_question(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    initial = sum(p.initial_budget for p in projects)
    adjusted = sum(p.adjusted_budget for p in projects)
    executed = sum(p.executed for p in projects)
    text = answered_text(both_assistants, "自评项目的年初预算合计是多少，调整后预算合计又是多少")
    assert f"= {initial} 万元" in text and f"= {adjusted} 万元" in text, text
    text = answered_text(both_assistants, "自评项目调整后预算总共多少，实际执行一共多少")
    assert f"= {adjusted} 万元" in text and f"= {executed} 万元" in text, text


def test_the_money_added_during_the_year_to_tables_with_no_initial_budget(both_assistants: Assistant) -> None:
    picked = [p for p in both_assistants.report.projects if p.initial_budget == 0]
    assert picked
    added = sum(p.adjusted_budget - p.initial_budget for p in picked)
    text = answered_text(both_assistants, "年初预算为零的那些项目，年中一共追加了多少预算？")
    assert f"{added} 万元" in text, text
    for project in picked:
        assert project.name in text


def test_a_share_of_two_stated_counts(both_assistants: Assistant) -> None:
    evaluated, targeted = count_of(both_assistants, "绩效自评"), count_of(both_assistants, "绩效目标")
    text = answered_text(both_assistants, "搞了绩效自评的项目数，占编了绩效目标的项目数的百分之多少")
    assert percent(evaluated, targeted) in text, text


def test_the_performance_management_counts_asked_as_a_whole(both_assistants: Assistant) -> None:
    text = answered_text(both_assistants, "单位一共对多少个项目做了绩效评价？")
    for subject in ("事前绩效评估", "绩效目标", "绩效监控", "绩效自评"):
        assert f"{count_of(both_assistants, subject)}个项目" in text, (subject, text)


def test_a_follow_up_share_of_the_total_just_added_up(both_assistants: Assistant) -> None:
    history = history_after(both_assistants, "自评项目的执行数一共是多少？")
    executed = sum(p.executed for p in both_assistants.report.projects)
    whole = amount(both_assistants, "项目支出")
    text = answered_text(both_assistants, "它在项目支出里占几成？", history=history)
    assert f"{executed}" in text and percent(executed, whole) in text, text
