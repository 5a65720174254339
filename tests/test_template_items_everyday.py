"""Everyday words for the template's fixed items, on both reports: running and buying the cars, pay and social
insurance, the office's day-to-day running, guests hosted and how many, the internal units and the cars counted,
in compound questions too, every ask answered with the report's own figure."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, ask, stated


def _amount(report, subject: str) -> str:
    """A subject's amount as the report prints it ("14.44")."""
    return stated(report, subject).raw


def test_a_cars_running_costs_said_as_its_items_name_the_running_line(both_assistants):
    running = _amount(both_assistants.report, "公务用车运行维护费")
    answered_text(both_assistants, "公车一年加油、修理、过桥这些开支是多少？", running)


@pytest.mark.parametrize("question", ["这一年单位添置新公车了吗？", "公车这一年换过没有？"])
def test_a_car_bought_or_not_is_answered_in_the_reports_words(both_assistants, question):
    text = answered_text(both_assistants, question, "未更新购置")
    # "no" first (the stated purchase is 0), then the purchase line, not the whole car line
    assert text.startswith("没有。公务用车购置"), text


def test_running_and_buying_asked_together_are_both_answered(both_assistants):
    running = _amount(both_assistants.report, "公务用车运行维护费")
    text = answered_text(both_assistants, "单位那几辆车一年修车、过路花了多少？今年换新车了没？", running, "未更新购置")
    assert "辆" not in text.split("。")[0], text  # 那几辆 points at the cars, it does not ask how many


def test_pay_and_office_running_asked_together_are_both_answered(both_assistants):
    report = both_assistants.report
    answered_text(
        both_assistants,
        "给职工开工资、交公积金一年多少钱？日常办公开销呢？",
        _amount(report, "人员经费"),
        _amount(report, "公用经费"),
    )


def test_items_named_in_the_reports_terms_are_each_their_own_figure(both_assistants):
    report = both_assistants.report
    text = answered_text(both_assistants, "职业年金缴费与基本养老保险缴费合计是多少？")
    assert _amount(report, "人员经费") not in text, text  # never the list's subject


def test_guests_are_counted_in_groups_and_people(both_assistants):
    counts = [f for f in both_assistants.report.facts if f.subject == "国内公务接待" and f.measure == "数量"]
    assert {f.unit for f in counts} == {"批次", "人次"}
    text = answered_text(both_assistants, "一年招待了多少拨客人，一共多少人？")
    for fact in counts:
        assert f"{fact.value:g}{fact.unit}" in text.replace(" ", ""), (fact, text)


def test_guests_counted_after_the_hosting_cost_is_the_stated_count(both_assistants):
    people = next(f for f in both_assistants.report.facts if f.subject == "国内公务接待" and f.unit == "人次")
    cost = _amount(both_assistants.report, "公务接待费")
    text = answered_text(both_assistants, "招待客人的花费是多少？总共来过多少人？", cost)
    assert f"{people.value:g}人次" in text.replace(" ", ""), text
    assert "合计" not in text, text  # a count stated, never a sum of the hosting cost's parts


def test_offices_inside_are_the_internal_units(both_assistants):
    answered_text(both_assistants, "里面一共分成哪些科室？", "内部设立机构")


def test_the_cars_are_counted(both_assistants):
    cars = stated(both_assistants.report, "公务用车", "数量")
    text = answered_text(both_assistants, "单位一共有几台公务车？")
    assert f"{cars.value:g}辆" in text.replace(" ", ""), text


def test_a_yes_no_purchase_never_turns_into_the_rest_of_a_total(both_assistants):
    answer = ask(both_assistants, "今年有没有买新的公务车？花了多少钱？")
    assert answer.status == "answered", answer.answer
    assert "其余" not in answer.answer and "未更新购置" in answer.answer, answer.answer
