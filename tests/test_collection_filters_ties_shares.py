"""Lists and aggregates over a collection: several named 类 read by a classification, the 项 filtered by their
completion rate, ties at the top of an indicator table, and the rest besides a part with its share. On both
reports of the template; expected figures are read from the report, never typed in."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant_support import answered_text, printed, stated

from corpus import Report

ITEM = "（项）"


def _item_rates(report: Report) -> dict[str, Decimal]:
    """Each 项's stated completion rate, by its short name (the words after the last （款）)."""
    rates = {}
    for fact in report.facts:
        if fact.measure == "预算完成率" and not fact.scope and fact.subject.endswith(ITEM):
            rates[fact.subject.rsplit("（款）", 1)[-1]] = fact.value
    return rates


def test_named_classes_read_by_the_function_classification_each_get_their_figure(both_assistants):
    report = both_assistants.report
    health, housing = stated(report, "卫生健康支出"), stated(report, "住房保障支出")
    answered_text(
        both_assistants, "按支出功能分类来看，卫生健康和住房保障两类各是多少？", printed(health), printed(housing)
    )


def test_items_below_a_completion_rate_are_listed_with_their_rates(both_assistants):
    rates = _item_rates(both_assistants.report)
    bound = sorted(rates.values())[1] + Decimal("0.5")  # the two lowest lines fall below it
    below = {name: rate for name, rate in rates.items() if rate < bound}
    assert len(below) >= 2
    text = answered_text(both_assistants, f"完成预算没到{bound}%的项级科目有哪几项？")
    for name, rate in below.items():
        assert name in text and printed_rate(rate) in text, (name, text)
    above = [name for name, rate in rates.items() if rate >= bound]
    assert not any(f"{name}（" in text for name in above), text  # a line above the bound is not listed
    assert "逐条列出" not in text  # not a section's numbered list


def printed_rate(rate: Decimal) -> str:
    return f"{rate:f}".rstrip("0").rstrip(".") if "." in f"{rate:f}" else f"{rate:f}"


def test_each_rate_asked_again_after_the_filter_is_not_one_members_figure(assistant):
    text = answered_text(assistant, "哪些项级科目的预算完成率不足85%？它们的完成率各是多少？")
    assert "支出决算为" not in text  # the filter listed each rate; no one line's sentence stands for all


def test_tied_indicator_rows_are_named_by_short_name_and_group(assistant):
    project, tied = next(
        (p, t) for p in assistant.report.projects if len(t := _top_rows(p)) >= 2 and any(len(r.name) > 40 for r in t)
    )
    text = answered_text(assistant, f"{project.name}的绩效指标当中，哪几条权重并列最大？")
    assert f"{len(tied)} 个并列" in text
    for row in tied:
        assert row.level2 in text, (row.level2, text)
        if len(row.name) <= 40:
            assert row.name in text
    assert not any(len(r.name) > 40 and r.name[:30] in text for r in tied)  # no grading text as a name


def _top_rows(project):
    weights = [r.weight for r in project.indicators if r.weight is not None]
    return [r for r in project.indicators if weights and r.weight == max(weights)]


def test_tied_rows_on_the_second_report_each_say_their_target(fixture_assistant):
    project = next(p for p in fixture_assistant.report.projects if sum(r.weight == 20 for r in p.indicators) >= 3)
    tied = [r for r in project.indicators if r.weight == 20]
    text = answered_text(fixture_assistant, f"{project.name}里权重最大的指标有哪些？")
    for row in tied:
        assert f"{row.name}：指标值" in text, (row.name, text)


def test_the_rest_besides_a_class_with_its_share_of_the_whole(both_assistants):
    report = both_assistants.report
    whole = stated(report, "一般公共预算财政拨款支出")
    part = stated(report, "住房保障支出")
    rest = whole.value - part.value
    share = (rest / whole.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    answered_text(
        both_assistants,
        "除住房保障支出外，剩余各类一般公共预算财政拨款支出一共多少？占全部的几成？",
        f"{rest:f}",
        f"{share:f}%",
    )


def test_the_rest_and_its_share_when_no_whole_is_named(assistant):
    whole = stated(assistant.report, "一般公共预算财政拨款支出")
    part = stated(assistant.report, "教育支出")
    rest = whole.value - part.value
    share = (rest / whole.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = answered_text(assistant, "除了教育支出以外，其他几类财政拨款支出合计是多少？占比呢？", f"{rest:f}")
    assert f"{share:f}%" in text and "0.01 ÷" not in text, text  # the remainder's share, not an audit note's gap


def test_classes_asked_how_much_each_spent_get_their_figures_not_a_budget(both_assistants):
    report = both_assistants.report
    education, health = stated(report, "教育支出"), stated(report, "卫生健康支出")
    text = answered_text(both_assistants, "教育、卫生健康这两类各有多少支出？", printed(education), printed(health))
    assert "推算" not in text  # "多少支出" is not a shortfall (少支) to work a budget back from


def test_a_share_after_a_remainder_said_as_a_sum(assistant):
    whole = stated(assistant.report, "一般公共预算财政拨款支出")
    part = stated(assistant.report, "卫生健康支出")
    rest = whole.value - part.value
    share = (rest / whole.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    answered_text(
        assistant,
        "一般公共预算财政拨款支出中除去卫生健康支出以外剩下的合计是多少，占的比重呢？",
        f"{rest:f}",
        f"{share:f}%",
    )
