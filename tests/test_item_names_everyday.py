"""Everyday names of the template's items, rows and projects: an insurance the report names only in an item's reason,
the office rent as a project of the template's 办公用房 term, pay said with 财政拨款 around it, the car line said
with 的 as a share of 三公经费, a follow-up's share of the subject just asked about (not of the overall total), two
cost rows of one table by their short names summed, and a count a project's row keeps in the project's own words."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import answered_text, refused_without_figure

from assistant.understand.lexicon import Lexicon, paid_forms

OTHER_SOCIAL = "其他社会保障和就业支出（项）"


def _item(report, name: str, measure: str = "决算数"):
    """The one fact of a 项 whose path ends with `name`."""
    found = [f for f in report.facts if f.subject.endswith(name) and f.measure == measure and not f.scope]
    assert found, name
    return found[0]


def test_a_paid_for_phrase_is_said_in_the_ways_people_say_it():
    forms = paid_forms("工伤及失业保险")
    assert {"工伤及失业保险", "工伤保险", "失业保险", "工伤失业保险", "失业和工伤保险"} <= forms
    assert all(f.endswith("保险") for f in forms)
    assert paid_forms("住房公积金") == {"住房公积金"}


def test_the_insurances_an_items_reason_pays_name_that_item(both_assistants):
    lexicon = Lexicon.build(both_assistants.report)
    item = _item(both_assistants.report, OTHER_SOCIAL).subject
    for word in ("工伤失业保险", "失业和工伤保险"):
        assert lexicon.subjects[word] == {item}, word
    # 失业保险 alone is a word the shipped report's glossary uses: there it means what the glossary says (usage)


@pytest.mark.parametrize("question", ["单位交失业保险用了多少钱？", "工伤保险这笔钱一年花了多少"])
def test_an_insurance_named_only_in_a_reason_is_answered_with_its_items_figure(both_assistants, question):
    answered_text(both_assistants, question, _item(both_assistants.report, OTHER_SOCIAL).raw)


def test_why_an_insurance_was_under_budget_is_its_items_reason(both_assistants):
    rate = _item(both_assistants.report, OTHER_SOCIAL, "预算完成率").raw
    answered_text(both_assistants, "失业、工伤保险这项为什么没把预算用完？", rate, "实有人数")


def test_renting_the_offices_names_the_template_project_where_a_report_has_one(assistant, fixture_assistant):
    answered_text(assistant, "单位租的办公室一年花了多少钱？", "768.12")
    refused_without_figure(fixture_assistant, "单位租的办公室一年花了多少钱？", ("not_found", "clarify"))


def test_staff_pay_with_the_appropriation_around_it_is_the_staff_money(both_assistants):
    staff = _item(both_assistants.report, "人员经费").raw
    answered_text(both_assistants, "发工资交社保这些养人的钱，财政拨款出了多少？", staff)


def test_a_share_of_it_after_a_class_is_of_that_class(both_assistants):
    report = both_assistants.report
    part = Decimal(_item(report, "职业年金缴费支出（项）").raw)
    whole = Decimal(_item(report, "社会保障和就业支出").raw)
    share = (part / whole * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    first = "社会保障和就业支出一共多少？"
    answer = both_assistants.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer.answer}]
    answered_text(both_assistants, "那职业年金缴费在它里头占几成？", f"{share}%", history=history)


def test_the_cars_said_with_de_as_a_share_of_the_three_public_costs(both_assistants):
    stated_share = _item(both_assistants.report, "公务用车购置及运行维护费", "占比").raw
    answered_text(both_assistants, "车的开销占三公经费几成？", stated_share)


def test_two_cost_rows_of_one_table_by_short_names_are_summed_from_that_table(assistant):
    text = answered_text(assistant, "密码评估和等保测评这两笔服务费合起来是多少？", "17.36", "18.97", "36.33")
    assert "28.97" not in text  # never one row of another table's 等保测评


def test_a_count_a_row_keeps_in_the_projects_own_words_is_that_rows(assistant):
    answered_text(assistant, "审批管理系统那个项目，批过的工程建设项目有多少个", "46139")
