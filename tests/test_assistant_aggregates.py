"""Aggregates over a collection: the parts of a total with their sum checked, a rate compared across parts, a
measure over the project tables a person or a condition picks, budgets not fully executed, the self-evaluation as
a whole, places in a ranking, a sum taken as a share of a named total."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import answered_text as answered
from assistant_support import answered_with, ask, history_after, printed, stated

from assistant.service import Assistant


def test_highest_and_lowest_across_projects(assistant):
    lowest = ask(assistant, "12个绩效自评项目中预算执行率最低的是哪个？")
    assert "四川省工程建设项目审批管理系统运维服务项目" in lowest.answer and "89.33%" in lowest.answer
    largest = ask(assistant, "哪个项目的调整后预算最多？")
    assert "办公用房租赁" in largest.answer and "768.12" in largest.answer
    assert any(c.expression.startswith("max(") for c in largest.checks)


def total(values: list[str]) -> str:
    return f"{sum(Decimal(v) for v in values):.2f}"


# ---------------------------------------------------------------- 1. the lines under a total
def test_a_class_is_answered_with_its_item_lines_and_their_sum(assistant):
    answer = answered_with(
        assistant,
        "社会保障和就业支出由哪些项构成？",
        "事业单位离退休（项）",
        "18.16",
        "317.66",
        "144.84",
        "15.01",
    )
    assert "4 项" in answer.answer
    assert "18.16 + 317.66 + 144.84 + 15.01 = 495.67" in answer.answer  # the sum check against the stated total
    assert "495.68" in answer.answer
    assert len(answer.citations) >= 4


def test_stated_parts_of_a_total_are_listed_with_the_sum_check(assistant):
    answer = answered_with(assistant, "公务接待费下面有哪些明细？", "国内公务接待费", "外事接待费", "2.81")
    assert any(c.expression == "2.81 + 0" for c in answer.checks)
    assert "一致" in answer.answer


def test_the_fixture_class_lists_its_items(fixture_assistant):
    answer = answered_with(
        fixture_assistant, "一般公共服务支出下面包括哪几个项？", "事业运行（项）", "1602.35", "6042.86"
    )
    assert "1602.35 + 6042.86 = 7645.21" in answer.answer


# ---------------------------------------------------------------- 2. a rate compared across sibling items
def test_the_highest_completion_rate_is_compared_by_rate_not_amount(assistant):
    answer = answered_with(
        assistant, "一般公共预算支出的各项里，哪一项完成预算的比例最高？", "机关事业单位基本养老保险缴费支出", "100%"
    )
    assert "完成预算的比例 = 决算数 ÷ 预算数" in answer.answer
    assert "70.39%" in answer.answer and "97.01%" in answer.answer  # every item's rate is shown
    assert any(c.expression.startswith("max(") and c.result == "100" for c in answer.checks)


def test_the_lowest_share_among_parts(assistant):
    answer = answered_with(assistant, "三公经费几项当中哪一项所占比例最小？", "因公出国（境）费")
    assert "83.71%" in answer.answer and "16.29%" in answer.answer
    assert any(c.expression.startswith("min(") for c in answer.checks)


def test_the_fixture_lowest_completion_rate(fixture_assistant):
    rates = [
        f for f in fixture_assistant.report.facts if f.measure == "预算完成率" and "（项）" in f.subject and not f.scope
    ]
    lowest = min(rates, key=lambda f: f.value)
    answer = answered_with(fixture_assistant, "一般公共预算支出各项中哪一项完成预算的比例最低？", f"{lowest.value}%")
    assert fixture_assistant.router.kit.name(lowest.subject) in answer.answer


# ---------------------------------------------------------------- 3. a measure over the tables a condition picks
def test_a_persons_projects_are_summed_on_the_measure_asked(assistant):
    led = [p for p in assistant.report.projects if p.leader == "罗定兰"]
    expected = total([str(p.adjusted_budget) for p in led])
    answer = answered_with(assistant, "罗定兰负责的那些项目，调整后预算合计多少？", expected, *(p.name for p in led))
    assert any(c.result == expected for c in answer.checks)


def test_a_zero_initial_budget_filter_sums_only_those_projects(assistant):
    picked = [p for p in assistant.report.projects if p.initial_budget == 0]
    expected = total([str(p.executed) for p in picked])
    answer = answered_with(assistant, "年初预算为零的项目，预算执行数一共多少？", expected, *(p.name for p in picked))
    others = [p for p in assistant.report.projects if p.initial_budget != 0]
    assert picked and not any(p.name in answer.answer for p in others)


def test_a_score_threshold_filter_then_a_sum(assistant):
    picked = [p for p in assistant.report.projects if p.self_score is not None and p.self_score < 100]
    expected = total([str(p.executed) for p in picked])
    answered_with(assistant, "自评得分低于100分的项目，执行数加起来是多少？", expected, *(p.name for p in picked))


def test_a_person_without_a_measure_still_lists_the_projects(assistant):
    answer = answered_with(assistant, "唐为之负责哪些项目？", "项目负责人")
    assert not any("+" in c.expression for c in answer.checks)


def test_the_fixture_zero_initial_budget_filter(fixture_assistant):
    picked = [p for p in fixture_assistant.report.projects if p.initial_budget == 0]
    answer = answered_with(fixture_assistant, "年初预算是0的项目，调整后预算合计多少？", *(p.name for p in picked))
    assert picked and str(picked[0].adjusted_budget) in answer.answer


def test_a_total_made_of_parts_lists_each_part(assistant, fixture_assistant):
    for bot in (assistant, fixture_assistant):
        parts = [printed(stated(bot.report, s, "决算数")) for s in ("人员经费", "公用经费")]
        answered_with(bot, "咱们单位的基本支出都花在哪儿了", *parts, "其中", "主要包括")


@pytest.mark.parametrize("question", ["有没有项目预算没执行完", "哪些项目的钱还没用完", "项目资金都花完了吗"])
def test_unspent_budgets_listed_with_rates(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "12 个绩效自评项目", "有 1 个", "四川省工程建设项目审批管理系统运维服务项目")
    assert "89.33%" in flat and "448.34 − 400.50 = 47.84" in flat
    assert "政务服务热线" not in flat  # a table at 100% is not listed
    checks = ask(assistant, question).checks
    assert any(c.expression == "400.50 ÷ 448.34 × 100%" and c.result == "89.33%" for c in checks)


def test_unspent_budgets_in_the_fixture(fixture_assistant: Assistant) -> None:
    flat = answered(fixture_assistant, "有哪些项目钱没花完", "3 个绩效自评项目", "城市运行数据中台建设项目", "87.73%")
    assert "公共数据开放平台运营服务" not in flat


@pytest.mark.parametrize("question", ["哪些项目没得满分", "有项目被扣分吗"])
def test_projects_without_full_marks(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "有 2 个", "99.91", "98.93")
    assert "办公用房租赁" not in flat


@pytest.mark.parametrize("question", ["项目绩效自评的结果如何", "自评打分情况怎么样"])
def test_self_evaluation_overview(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "12个项目开展了绩效自评", "12 张绩效自评表", "10 个项目自评得分为满分")
    assert "最低的是四川省工程建设项目审批管理系统运维服务项目，98.93 分" in flat
    answer = ask(assistant, question)
    assert any("开展绩效自评" in re.sub(r"\s", "", c.quote) for c in answer.citations)


def test_self_evaluation_overview_in_the_fixture(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "绩效自评得分总体怎么样", "3 张绩效自评表", "最低的是城市运行数据中台建设项目")


# ---------------------------------------------------------------- places in a ranking
def test_second_place_follows_a_maximum(assistant: Assistant) -> None:
    history = history_after(assistant, "12个绩效自评项目里，哪个项目预算执行数最多？")
    text = answered(assistant, "第二个呢？", "400.50", "工程建设项目审批", "第二多", history=history)
    assert "768.12 万元" not in text.split("（")[0]


def test_second_from_bottom_after_a_minimum(assistant: Assistant) -> None:
    history = history_after(assistant, "哪个项目的执行数最少？")
    answered(assistant, "倒数第二个呢？", "34.90", "第三方评估", history=history)


def test_third_place_is_not_read_as_a_project_name(assistant: Assistant) -> None:
    history = history_after(assistant, "哪个项目的调整后预算最高？")
    text = answered(assistant, "第三名是哪个？", "207.80", "第三多", history=history)
    assert "一体化政务服务平台" in text


def test_ranking_place_asked_directly(assistant: Assistant) -> None:
    answered(assistant, "哪个项目的执行数第二多？", "400.50", "工程建设项目审批")


def test_ranking_follow_up_on_the_second_report(fixture_assistant: Assistant) -> None:
    history = history_after(fixture_assistant, "哪个项目的执行数最多？")
    answered(fixture_assistant, "第二个呢？", "120.00", "共享交换平台", history=history)
    history = history_after(fixture_assistant, "哪个项目调整后预算最少？")
    answered(fixture_assistant, "倒数第二呢？", "120.00", history=history)


# ---------------------------------------------------------------- a sum as a share of a total
def test_sum_over_projects_as_share_of_project_spending(assistant: Assistant) -> None:
    answered(
        assistant,
        "12个绩效自评项目的预算执行数加起来，占2023年项目支出的比例是多少？",
        "2022.53",
        "15952.21",
        "2022.53 ÷ 15952.21 × 100% = 12.68%",
    )


def test_sum_share_on_the_second_report(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "三个项目的执行数加起来占项目支出的比例是多少？", "416.35", "6.58%")


def test_plain_sum_states_no_share(assistant: Assistant) -> None:
    text = answered(assistant, "所有项目的执行数加起来是多少？", "2022.53")
    assert "比例" not in text


def test_leaders_still_listed_when_asked_plainly(assistant: Assistant) -> None:
    answered(assistant, "办公用房租赁的负责人是谁？", "钟兵")


# ---------------------------------------------------------------- 6. filters over the project tables
def test_projects_below_full_marks_are_listed_with_their_scores(assistant):
    below = [p for p in assistant.report.projects if p.self_score is not None and p.self_score < 100]
    answer = ask(assistant, "哪几个项目自评没有拿到满分？")
    assert answer.status == "answered"
    assert below and all(p.name in answer.answer for p in below)


def test_projects_whose_field_is_not_none_are_listed(assistant):
    filled = [p for p in assistant.report.projects if p.improvements.strip() not in ("", "无")]
    answer = ask(assistant, "哪张自评表的改进措施不是写的无？")
    assert answer.status == "answered"
    assert filled and all(p.name in answer.answer for p in filled)
    assert f"{len(filled)} 个项目" in answer.answer


# ---------------------------------------------------------------- 6. one aggregate over any catalogue collection
def item_facts(assistant: Assistant, measure: str) -> list:
    """The 项 lines of the report with one stated figure each (first statement), in report order."""
    seen: dict[str, object] = {}
    for fact in sorted(assistant.report.facts, key=lambda f: f.start):
        if not fact.scope and fact.measure == measure and "（项）" in fact.subject and fact.subject not in seen:
            seen[fact.subject] = fact
    return list(seen.values())


def test_the_largest_item_line(both_assistants: Assistant) -> None:
    items = item_facts(both_assistants, "决算数")
    top = max(items, key=lambda f: f.value)
    name = both_assistants.router.kit.name(top.subject)
    answer = answered_with(both_assistants, "项级支出里决算最多的是哪一项？", name, str(top.value))
    assert answer.route == "aggregate" and f"{len(items)} 个项级支出科目" in answer.answer


def test_a_threshold_counts_and_names_the_item_lines(both_assistants: Assistant) -> None:
    rates = item_facts(both_assistants, "预算完成率")
    below = [f for f in rates if f.value < 95]
    names = [both_assistants.router.kit.name(f.subject) for f in below]
    answer = answered_with(both_assistants, "完成预算低于95%的项级支出有几个？", f"有 {len(below)} 个", *names)
    assert any(c.operation == "filter" and c.result == str(len(below)) for c in answer.checks)


def test_the_average_over_the_project_tables(both_assistants: Assistant) -> None:
    budgets = [p.initial_budget for p in both_assistants.report.projects if p.initial_budget is not None]
    mean = (sum(budgets) / len(budgets)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    answer = answered_with(both_assistants, "绩效自评项目的年初预算平均是多少？", f"{mean} 万元")
    assert any(c.operation == "mean" and c.result == str(mean) for c in answer.checks)


def test_the_second_place_of_a_ranking(both_assistants: Assistant) -> None:
    ordered = sorted(both_assistants.report.projects, key=lambda p: p.adjusted_budget or 0, reverse=True)
    answered_with(both_assistants, "调整后预算第二多的项目是哪个？", ordered[1].name, ordered[0].name)


def test_an_indicator_row_of_one_table(both_assistants: Assistant) -> None:
    project = next(p for p in both_assistants.report.projects if any(r.weight for r in p.indicators))
    heaviest = max(r.weight for r in project.indicators if r.weight is not None)
    rows = [r for r in project.indicators if r.weight == heaviest]
    answer = answered_with(both_assistants, f"{project.name}哪个指标权重最高？", rows[0].name)
    assert any(c.operation == "max" for c in answer.checks)


def test_a_total_the_report_breaks_down(both_assistants: Assistant) -> None:
    """The parts of 三公经费 that add up to it are compared; no 其中 line of another kind joins them."""
    answer = answered_with(both_assistants, "三公经费中哪一项最多？", "公务用车购置及运行维护费")
    assert "“三公”经费的 3 项" in answer.answer


def test_lowest_ranked_wording_has_no_calculator_notation(both_assistants: Assistant) -> None:
    answer = answered_with(both_assistants, "哪个自评项目的自评得分最低？", "最低的是")
    assert "min(" not in answer.answer and "max(" not in answer.answer


def test_the_first_places_of_a_ranking(both_assistants: Assistant) -> None:
    ordered = sorted(both_assistants.report.projects, key=lambda p: p.executed or 0, reverse=True)
    answer = answered_with(both_assistants, "执行数最多的两个项目分别是哪些？", ordered[0].name, ordered[1].name)
    assert ordered[2].name not in answer.answer


def test_the_subjects_named_compared_with_each_other(both_assistants: Assistant) -> None:
    rates = {
        f.subject: f.value
        for f in both_assistants.report.facts
        if f.measure == "预算完成率" and not f.scope and f.subject.endswith(("住房公积金（项）", "事业单位医疗（项）"))
    }
    higher = max(rates, key=lambda s: rates[s])
    answer = answered_with(both_assistants, "住房公积金和事业单位医疗哪个完成预算更高？", f"{rates[higher]}%")
    assert both_assistants.router.kit.name(higher) in answer.answer and answer.route == "aggregate"


def test_every_members_value_listed(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    answer = answered_with(both_assistants, "每个项目的自评得分分别是多少？", *(p.name for p in projects))
    assert answer.answer.count("分；") + answer.answer.count("分。") >= len(projects)


def test_a_column_worked_out_from_two_table_values(both_assistants: Assistant) -> None:
    changes = {p.name: abs((p.adjusted_budget or 0) - (p.initial_budget or 0)) for p in both_assistants.report.projects}
    largest = max(changes, key=lambda n: changes[n])
    answer = answered_with(both_assistants, "调整后预算和年初预算相比变化最大的是哪个项目？", largest)
    assert any(c.operation == "difference" for c in answer.checks)
