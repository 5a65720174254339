"""The template's text sections asked in everyday words, on both reports: the duties (listed, counted, the last
one), the internal units (listed, one looked for by name), the cars broken down by use and by type with the
costly equipment beside them, a 名词解释 term's definition (never a figure), and one yes/no per kind of money
asked about. Expected answers are read from each report, never written here."""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_with, ask

from assistant.evidence.sentences import enumerated_items
from assistant.service import Assistant
from assistant.understand.section_asks import absence_statements, listed_units, term_of
from corpus import Report


def _duties(report: Report) -> list[str]:
    section = next(s for s in report.sections if s.title.strip() == "主要职责")
    return [report.clean_text[i.start : i.end] for i in enumerated_items(report, section.start, section.end)]


def _counted(report: Report, parent: str) -> list[tuple[str, str]]:
    return [(f.subject, str(f.value)) for f in report.facts if f.parent == parent and f.measure == "数量"]


# ---------------------------------------------------------------- duties
def test_duties_listed_in_everyday_words(both_assistants: Assistant) -> None:
    duties = _duties(both_assistants.report)
    answer = answered_with(both_assistants, "这家单位日常承担哪些工作职能？")
    assert answer.plan["section"] == "duties"
    for duty in duties:
        assert duty[:2] in answer.answer  # 一是, 二是 …: every item, in the report's order
    assert any(c.result == str(len(duties)) for c in answer.checks)
    assert all(c.heading.endswith("主要职责") for c in answer.citations)


def test_duties_counted_and_the_last_read(both_assistants: Assistant) -> None:
    duties = _duties(both_assistants.report)
    answer = answered_with(both_assistants, "职责一共写了多少条，最后一条讲啥", f"共 {len(duties)} 条")
    assert duties[-1][:12] in answer.answer
    assert duties[0][2:14] not in answer.answer  # the last item, not the whole list


def test_a_duty_the_question_points_at_is_not_the_whole_list(assistant: Assistant) -> None:
    answer = answered_with(assistant, "在大数据安全保障上中心负责些什么", "安全")
    assert "一是" not in answer.answer


# ---------------------------------------------------------------- internal units
def test_units_listed_with_their_count(both_assistants: Assistant) -> None:
    units = listed_units(both_assistants.report)
    assert len(units) >= 5
    answer = answered_with(both_assistants, "单位内部分成了哪些科室？", *units)
    assert any(c.result == str(len(units)) for c in answer.checks)


def test_a_listed_unit_found_by_name(both_assistants: Assistant) -> None:
    unit = listed_units(both_assistants.report)[-2]
    answer = answered_with(both_assistants, f"内设机构中是否有{unit}？", unit)
    assert answer.answer.startswith("有")


def test_a_unit_not_listed_is_said_to_be_absent(both_assistants: Assistant) -> None:
    assert "审计处" not in listed_units(both_assistants.report)
    answer = ask(both_assistants, "内设机构里有没有单独的审计处")
    assert "审计处" in answer.answer and "没有" in answer.answer, answer.answer
    assert not answer.answer.startswith("有")
    if answer.status == "not_found":  # refused as a name the report never uses: no neighbour's number
        assert not re.search(r"\d", answer.answer), answer.answer


# ---------------------------------------------------------------- cars and equipment
def test_cars_by_use(both_assistants: Assistant) -> None:
    uses = _counted(both_assistants.report, "车辆")
    assert len(uses) >= 2
    answer = answered_with(both_assistants, "单位那几辆车分别派什么用场？", *(name for name, _ in uses))
    assert answer.plan["section_ops"] == ["by_use"]
    assert any("国有资产" in c.heading for c in answer.citations)


def test_a_definition_for_each_term_named(both_assistants: Assistant) -> None:
    report = both_assistants.report
    answered_with(
        both_assistants,
        "名词解释对基本支出、项目支出各自怎么界定？",
        _definition(report, "基本支出"),
        _definition(report, "项目支出"),
    )


def test_cars_by_type_and_by_use(both_assistants: Assistant) -> None:
    kinds = _counted(both_assistants.report, "公务用车")
    uses = _counted(both_assistants.report, "车辆")
    names = [name for name, _ in kinds + uses]
    answered_with(both_assistants, "车分别是哪种车型？按用途又各几辆？", "按用途分", "按车型分", *names)


def test_equipment_and_cars_in_one_question(both_assistants: Assistant) -> None:
    report = both_assistants.report
    equipment = next(f for f in report.facts if "设备" in f.subject and f.measure == "数量")
    uses = [name for name, _ in _counted(report, "车辆")]
    answer = answered_with(both_assistants, "单价过百万的设备有几台？车辆派什么用？", *uses)
    assert re.search(rf"{equipment.value:g}\s*台", answer.answer), answer.answer


# ---------------------------------------------------------------- glossary
def _definition(report: Report, term: str) -> str:
    part = next(s.id for s in report.sections if s.title.strip() == "名词解释")
    section = next(s for s in report.sections if s.parent_id == part and term_of(s.title) == term)
    text = report.clean_text[section.start : section.end]
    return text.split("：", 1)[1].split("。")[0]


@pytest.mark.parametrize(
    ("term", "question"), [("基本支出", "名词解释当中‘基本支出’怎么理解？"), ("三公经费", "“三公”经费是指哪几样开支？")]
)
def test_a_glossary_term_defined_not_its_figure(both_assistants: Assistant, term: str, question: str) -> None:
    answer = answered_with(both_assistants, question, _definition(both_assistants.report, term))
    assert answer.plan["section"] == "glossary"
    assert "万元" not in answer.answer


# ---------------------------------------------------------------- existence of kinds of money
def test_each_kind_of_money_asked_gets_its_own_no(both_assistants: Assistant) -> None:
    report = both_assistants.report
    absent = [a for a, _, _ in absence_statements(report) if "基金" in a or "国有资本" in a]
    assert len(absent) == 2
    answer = answered_with(both_assistants, "政府性基金和国有资本经营预算这两块支出，单位今年有吗？", *absent)
    assert answer.answer.count("没有") == 2
    assert len(answer.citations) == 2


def test_income_besides_grants(both_assistants: Assistant) -> None:
    report = both_assistants.report
    others = [f.subject for f in report.facts if f.parent == "本年收入合计" and "财政拨款" not in f.subject]
    answer = ask(both_assistants, "单位有没有别的收入来源，还是全靠财政拨款？")
    assert answer.status == "answered"
    if others:
        assert answer.answer.startswith("有") and all(o in answer.answer for o in others)
        assert "指单位取得的" in answer.answer  # what it is, from the glossary
    else:
        assert answer.answer.startswith("没有")


def test_an_income_kind_the_report_does_not_list(both_assistants: Assistant) -> None:
    answer = answered_with(both_assistants, "收入当中有没有经营收入？", "经营收入：没有")
    assert any("收入决算" in c.heading for c in answer.citations)


def test_costly_equipment_in_everyday_words(both_assistants: Assistant) -> None:
    equipment = next(f for f in both_assistants.report.facts if "设备" in f.subject and f.measure == "数量")
    answer = answered_with(both_assistants, "价格上百万的大型仪器单位有几台？", "设备")
    assert re.search(rf"{equipment.value:g}\s*台", answer.answer), answer.answer
    assert answer.plan["section_ops"] == ["counted"]


def test_a_unit_asked_by_what_it_does_in_everyday_words(both_assistants: Assistant) -> None:
    finance = [u for u in listed_units(both_assistants.report) if "财务" in u]
    assert finance
    answer = answered_with(both_assistants, "单位里有没有专门管账的处室？", *finance)
    assert answer.answer.startswith("有")
