"""Colloquial questions, round three, on the shipped report and on the fixture report: sums of what is left
after a part is taken out (total − part, never total + part), amounts averaged over a stated count, figures
asked in the words of their usage sentence, internal units named by a word of their name, numbered lists
counted and read by position, and personal attributes refused. Wordings differ from the probes that found them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from assistant_support import DIGIT, answered_with, ask, refused_naming

from assistant.calculator import format_number
from assistant.evidence.sentences import enumerated_items
from assistant.service import Assistant
from corpus import Fact, Report


def value(report: Report, subject: str, measure: str = "决算数", unit: str = "") -> Fact:
    found = [f for f in report.facts if f.subject == subject and f.measure == measure and not f.scope]
    found = [f for f in found if not unit or f.unit == unit]
    assert found, (subject, measure)
    return found[0]


def children(report: Report, parent: str) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in report.facts:
        if f.parent == parent and f.measure == "决算数" and not f.scope and f.subject not in seen:
            seen[f.subject] = f
    return list(seen.values())


# ---------------------------------------------------------------- 1. complement sums
COMPLEMENT = [
    "一般公共预算财政拨款支出当中，除开一般公共服务支出，剩下几类合计是多少？",
    "除了一般公共服务支出以外，一般公共预算财政拨款支出的其余部分加在一起有多少",
]


@pytest.mark.parametrize("question", COMPLEMENT)
def test_complement_is_total_minus_part(both_assistants: Assistant, question: str) -> None:
    report = both_assistants.report
    total = value(report, "一般公共预算财政拨款支出")
    part = next(f for f in children(report, total.subject) if f.subject == "一般公共服务支出")
    remainder = format_number(total.value - part.value)
    answer = answered_with(both_assistants, question, remainder, "−")
    assert format_number(total.value + part.value) not in answer.answer  # never total + part
    siblings = [f for f in children(report, total.subject) if f.subject != part.subject]
    assert any(c.expression.count("+") == len(siblings) - 1 for c in answer.checks)  # the siblings' cross-check


def test_sum_never_adds_a_part_to_its_total(assistant: Assistant) -> None:
    report = assistant.report
    total = value(report, "一般公共预算财政拨款支出")
    part = value(report, "一般公共服务支出")
    answer = ask(assistant, "一般公共预算财政拨款支出和一般公共服务支出加起来一共多少？")
    assert format_number(total.value + part.value) not in answer.answer


# ---------------------------------------------------------------- 2. per-unit averages
PER_CAR = ["公务用车运行维护费分摊到每辆车是多少？", "每辆公务用车的运行维护费一年大概多少"]


@pytest.mark.parametrize("question", PER_CAR)
def test_amount_per_vehicle(both_assistants: Assistant, question: str) -> None:
    report = both_assistants.report
    amount = value(report, "公务用车运行维护费")
    cars = value(report, "公务用车", "数量", "辆")
    per = (amount.value / cars.value).quantize(Decimal("0.01"))
    answered_with(both_assistants, question, f"{format_number(amount.value)} ÷ {format_number(cars.value)}", str(per))


def test_per_head_without_a_headcount_is_refused(assistant: Assistant) -> None:
    """新增 6 人、退休 10 人 are changes, not a headcount: nothing to divide by."""
    answer = ask(assistant, "人员经费人均是多少？")
    assert answer.status == "not_found" or "÷" not in answer.answer


# ---------------------------------------------------------------- 3. everyday words of a usage sentence
def test_car_running_costs_in_everyday_words(both_assistants: Assistant) -> None:
    amount = value(both_assistants.report, "公务用车运行维护费")
    answer = answered_with(both_assistants, "单位车子的油钱、过路过桥这些开销一年多少", format_number(amount.value))
    assert "过路过桥费" in answer.answer


def test_injury_insurance_in_everyday_words(assistant: Assistant) -> None:
    subject = "社会保障和就业（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）"
    amount = value(assistant.report, subject)
    answer = answered_with(assistant, "单位给职工交的失业保险一年花了多少", format_number(amount.value))
    assert "失业保险" in answer.answer


@pytest.mark.parametrize(
    ("name", "question"),
    [("assistant", "中心哪个处室负责网站？"), ("fixture_assistant", "哪个部门管网络安全")],
)
def test_unit_named_by_a_word_of_its_name(request: pytest.FixtureRequest, name: str, question: str) -> None:
    chosen = request.getfixturevalue(name)
    word = "网站" if name == "assistant" else "网络安全"
    answer = answered_with(chosen, question, f"{word}{'处' if name == 'assistant' else '部'}")
    assert any("机构" in c.quote for c in answer.citations)


# ---------------------------------------------------------------- 4. numbered lists
def test_duties_counted(both_assistants: Assistant) -> None:
    report = both_assistants.report
    section = next(s for s in report.sections if s.title.endswith("主要职责"))
    items = enumerated_items(report, section.start, section.end)
    assert len(items) >= 5
    answer = answered_with(both_assistants, "单位的主要职责总共有多少条？", f"共 {len(items)} 条")
    assert any(c.result == str(len(items)) for c in answer.checks)


def test_duty_by_position_as_a_follow_up(both_assistants: Assistant) -> None:
    report = both_assistants.report
    section = next(s for s in report.sections if s.title.endswith("主要职责"))
    third = report.clean_text[enumerated_items(report, section.start, section.end)[2].start :][:2]
    history = [{"role": "user", "content": "主要职责有几项？"}, {"role": "assistant", "content": "……"}]
    answer = both_assistants.ask("第三条职责具体说的啥？", history)
    assert answer.status == "answered", answer.answer
    assert third == "三是" and "三是" in answer.answer and "二是" not in answer.answer


def test_position_past_the_end_is_refused(assistant: Assistant) -> None:
    answer = ask(assistant, "主要职责的第二十项是什么？")
    assert answer.status == "not_found"


# ---------------------------------------------------------------- 5. personal attributes
@pytest.mark.parametrize(
    ("question", "word"),
    [("项目负责人今年多少岁，什么学历？", "学历"), ("财务负责人是哪里人、电话多少", "电话")],
)
def test_personal_attributes_refused(both_assistants: Assistant, question: str, word: str) -> None:
    answer = refused_naming(both_assistants, question, word)
    assert not DIGIT.search(answer.answer)


def test_named_person_attributes_refused(assistant: Assistant) -> None:
    person = next(p.finance_leader for p in assistant.report.projects if p.finance_leader)
    refused_naming(assistant, f"{person}的职位是什么，年龄多大？", "职位", "年龄")
    refused_naming(assistant, f"财务负责人{person}担任什么职务", "职务")


def test_one_item_of_a_long_list_is_not_answered_with_the_lists_total(assistant: Assistant) -> None:
    """奖励金 is one of many items 人员经费 "主要包括": its total is no answer for the one item."""
    answer = refused_naming(assistant, "奖励金一年发了多少钱")
    assert not DIGIT.search(answer.answer)


def test_a_count_question_is_never_answered_from_a_usage_sentence(assistant: Assistant) -> None:
    answer = ask(assistant, "中心今年一共新增了多少台电脑")
    assert answer.status == "not_found" and not DIGIT.search(answer.answer)


def test_share_asked_as_percent_of_is_not_read_as_a_missing_attribute(assistant: Assistant) -> None:
    answered_with(assistant, "教育支出占一般公共预算财政拨款支出的百分之几", "0.22%")


def test_a_kind_of_unit_is_not_read_as_a_missing_attribute(assistant: Assistant) -> None:
    answered_with(assistant, "内设机构里有没有专门管网站的处室", "网站处")
