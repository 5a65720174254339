"""Shares of wholes, sums and checks on both reports: each part's share of the total it is stated under (not the
grand total, not a note in place of the answer), a part said before 占 divided by the sum just worked out (never
the sum by the part), the rest of a total and its share, a figure added to the one the previous turn gave and the
sum's share, a sum checked against the figure just given, two figures asked whether they are the same, and a part
named by a word of its name inside the total just asked about."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant_support import answered_text, history_after, stated

from corpus import Report

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, ROUND_HALF_UP))


def share(part: Decimal, whole: Decimal) -> str:
    """A share as the calculator says it ("68.83%", and "100%" for a whole share)."""
    value = (part / whole * 100).quantize(CENT, ROUND_HALF_UP)
    return f"{value.normalize():f}%" if value == value.to_integral() else f"{value}%"


def item(report: Report, ending: str) -> Decimal:
    """A 项's stated amount, by the end of its 类/款/项 path."""
    return next(f.value for f in report.facts if f.subject.endswith(ending) and f.measure == "决算数" and not f.scope)


def items_of(report: Report, head: str) -> list[Decimal]:
    return [
        f.value
        for f in report.facts
        if f.subject.startswith(f"{head}（类）") and f.subject.endswith("（项）") and f.measure == "决算数"
    ]


def test_each_part_is_a_share_of_the_total_it_is_stated_under(both_assistants):
    report = both_assistants.report
    people, public = stated(report, "人员经费").value, stated(report, "公用经费").value
    whole = stated(report, "一般公共预算财政拨款基本支出").value
    assert people + public == whole  # the parts' own total, whatever 基本支出 of the income table says
    text = answered_text(
        both_assistants, "基本支出里头，人员经费与公用经费分别占多少比重？", share(people, whole), share(public, whole)
    )
    assert "本年支出合计" not in text  # never the grand total as the whole


def test_a_part_said_before_the_share_word_is_divided_by_the_sum_just_worked_out(both_assistants):
    report = both_assistants.report
    values = items_of(report, "社会保障和就业")
    total = sum(values, Decimal(0))
    pension = item(report, "职业年金缴费支出（项）")
    text = answered_text(
        both_assistants,
        "社会保障和就业支出所属的项级科目合计多少？其中职业年金缴费所占比重是多少？",
        money(total),
        share(pension, total),
    )
    assert share(total, pension) not in text  # never the sum ÷ the part


def test_the_rest_of_a_total_and_its_share(both_assistants):
    report = both_assistants.report
    total = stated(report, "政府采购支出总额").value
    small = stated(report, "授予中小企业合同金额").value
    history = history_after(both_assistants, "政府采购支出总额有多少？")
    answered_text(
        both_assistants,
        "没给中小企业的那部分是多少？在总额里占几成？",
        money(total - small),
        share(total - small, total),
        history=history,
    )


def test_a_figure_added_to_the_one_just_given_and_the_sums_share(both_assistants):
    report = both_assistants.report
    housing, medical = item(report, "住房公积金（项）"), item(report, "事业单位医疗（项）")
    whole = stated(report, "一般公共预算财政拨款支出").value
    history = history_after(both_assistants, "住房公积金支出多少？")
    answered_text(
        both_assistants,
        "把事业单位医疗也加进来，合计多少？占一般公共预算财政拨款支出的几成？",
        money(housing + medical),
        share(housing + medical, whole),
        history=history,
    )


def test_a_sum_checked_against_the_figure_just_given(both_assistants):
    report = both_assistants.report
    people, public = stated(report, "人员经费").value, stated(report, "公用经费").value
    history = history_after(both_assistants, "一般公共预算财政拨款基本支出多少？")
    text = answered_text(
        both_assistants, "人员经费同公用经费相加，跟这个数对得上吗？", money(people + public), history=history
    )
    assert "一致" in text and "不完全一致" not in text and "两者不同" not in text


def test_a_sum_checked_against_the_figure_just_given_says_the_gap(assistant):
    """The shipped report's 基本支出 of the spending table is one cent less than its parts' sum."""
    report = assistant.report
    people, public = stated(report, "人员经费").value, stated(report, "公用经费").value
    basic = stated(report, "基本支出").value
    assert people + public != basic
    history = history_after(assistant, "基本支出是多少？")
    answered_text(
        assistant,
        "人员经费和公用经费两项加起来，等于你刚才说的数吗？",
        money(people + public),
        money(abs(people + public - basic)),
        "尾数差异",
        history=history,
    )


def test_two_figures_asked_whether_they_are_the_same(both_assistants):
    report = both_assistants.report
    small = stated(report, "授予中小企业合同金额").value
    micro = stated(report, "授予小微企业合同金额").value
    text = answered_text(both_assistants, "授予小微企业合同金额与授予中小企业合同金额相同吗？", money(micro))
    if small == micro:
        assert "一致" in text and "两者都是" in text
    else:
        assert money(abs(small - micro)) in text and "两者不同" in text


def test_a_part_named_by_a_word_of_its_name_inside_the_total_just_asked(both_assistants):
    report = both_assistants.report
    total = stated(report, "政府采购支出总额").value
    services = stated(report, "政府采购服务支出").value
    history = history_after(both_assistants, "政府采购支出总额有多少？")
    answered_text(both_assistants, "其中服务类占多少？", share(services, total), history=history)


def test_an_ask_naming_nothing_before_a_share_of_a_named_whole_is_about_that_wholes_part(both_assistants):
    report = both_assistants.report
    projects = stated(report, "项目支出")
    stated_share = stated(report, "项目支出", "占比", parent="本年支出合计")
    text = answered_text(both_assistants, "做项目用了多少？占全年总支出的几成？", money(projects.value))
    assert f"{stated_share.value}%" in text


def test_parts_asked_inside_their_totals_are_added_and_the_totals_only_say_where(both_assistants):
    report = both_assistants.report
    meals = stated(report, "国内公务接待餐费").value
    cars = stated(report, "公务用车运行维护费").value
    text = answered_text(
        both_assistants, "“三公”经费当中，国内公务接待餐费和公务用车运行维护费两块加在一起是多少？", money(meals + cars)
    )
    assert "不能再相加" not in text
