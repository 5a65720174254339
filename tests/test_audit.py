"""The report audit: recomputes totals, shares, rates and year-on-year figures from the fact table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.audit import AuditItem, audit_report, render_audit_table
from corpus import Fact, Report, Settings, load_report, parse_report

D = Decimal
FIXTURE = Path(__file__).parent / "fixtures" / "2022_chengdu_data_bureau_final_accounts.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(Settings().report)


@pytest.fixture(scope="module")
def items(report: Report) -> list[AuditItem]:
    return audit_report(report)


def fact_ids(report: Report, subject: str, measure: str = "决算数") -> set[str]:
    return {f.id for f in report.facts if f.subject == subject and f.measure == measure and not f.scope}


def find(items: list[AuditItem], must_have: set[str], *, exact: bool = False) -> list[AuditItem]:
    """Items whose facts include (or, with exact, are exactly) `must_have`."""
    return [i for i in items if (set(i.fact_ids) == must_have if exact else must_have <= set(i.fact_ids))]


# ------------------------------------------------------------------------------------- the shipped report


def test_social_security_items_do_not_add_up(report: Report, items: list[AuditItem]) -> None:
    total = fact_ids(report, "社会保障和就业支出")
    parts = {
        f.id
        for f in report.facts
        if f.measure == "决算数" and f.subject.startswith("社会保障和就业（类）") and f.subject.endswith("（项）")
    }
    assert len(parts) == 4
    found = [i for i in items if set(i.fact_ids) & total and parts <= set(i.fact_ids)]
    assert len(found) == 1
    item = found[0]
    assert not item.ok
    assert (item.expected, item.computed, item.difference) == ("495.68", "495.67", "-0.01")
    assert item.expression == "18.16 + 317.66 + 144.84 + 15.01"
    assert "p2.c5.s2" in item.section_ids and "p2.c5.s3.i4" in item.section_ids


def test_basic_spending_differs_between_sections(report: Report, items: list[AuditItem]) -> None:
    basic = fact_ids(report, "基本支出")  # 三、支出决算情况说明
    parts = fact_ids(report, "人员经费") | fact_ids(report, "公用经费")  # 六、
    found = find(items, basic | parts, exact=True)
    assert len(found) == 1
    item = found[0]
    assert not item.ok and abs(D(item.difference)) == D("0.01")
    assert (item.expected, item.computed) == ("4733.08", "4733.09")
    assert item.expression == "3258 + 1475.09"
    # …and stated against the 六、 total itself.
    direct = find(items, basic | fact_ids(report, "一般公共预算财政拨款基本支出"), exact=True)
    assert [(i.ok, i.difference) for i in direct] == [(False, "0.01")]
    # The 六、 total agrees with its own parts.
    own = find(items, fact_ids(report, "一般公共预算财政拨款基本支出") | parts, exact=True)
    assert [i.ok for i in own] == [True]


def test_every_inconsistency_is_a_rounding_cent(items: list[AuditItem]) -> None:
    """No false alarms: the shipped report's only disagreements are one-cent rounding slips."""
    bad = [i for i in items if not i.ok]
    assert len(bad) >= 3
    assert all(abs(D(i.difference)) == D("0.01") for i in bad), render_audit_table(bad)


def test_three_public_shares_check_out(report: Report, items: list[AuditItem]) -> None:
    for subject, share in (("公务用车购置及运行维护费", "83.71%"), ("公务接待费", "16.29%")):
        found = find(items, fact_ids(report, subject, "占比"))
        rates = [i for i in found if "÷" in i.expression]
        assert [(i.expected, i.computed, i.ok) for i in rates] == [(share, share, True)]
    total = [i for i in items if i.expression == "83.71 + 16.29"]
    assert [(i.computed, i.ok) for i in total] == [("100%", True)]


@pytest.mark.parametrize(
    ("subject", "rate"),
    [("公务接待费", "111.28%"), ("公务用车购置及运行维护费", "-11.14%"), ("三公经费", "-1.82%")],
)
def test_growth_rates_check_out(report: Report, items: list[AuditItem], subject: str, rate: str) -> None:
    found = find(items, fact_ids(report, subject, "比上年增减率"))
    assert [(i.expected, i.computed, i.ok) for i in found] == [(rate, rate, True)]
    assert found[0].expression.endswith("× 100%")


def test_project_execution_rates(report: Report, items: list[AuditItem]) -> None:
    project = report.projects[9]  # the 10th 绩效自评表
    found = [i for i in items if project.section_id in i.section_ids and "执行率" in i.name]
    assert [(i.expected, i.computed, i.ok) for i in found] == [("89.33%", "89.33%", True)]
    assert found[0].expression == f"{project.executed} ÷ {project.adjusted_budget} × 100%"
    rates = [i for i in items if i.name.endswith("预算执行率")]
    assert len(rates) == len([p for p in report.projects if p.execution_rate is not None and p.adjusted_budget])


def test_project_self_scores_add_up(report: Report, items: list[AuditItem]) -> None:
    scores = [i for i in items if "自评得分" in i.name]
    assert scores and all(i.ok for i in scores), render_audit_table(scores)
    assert any(i.expected == "98.93" for i in scores)  # 90 indicator points + 10 × 89.33%


def test_classification_totals(report: Report, items: list[AuditItem]) -> None:
    all_items = [i for i in items if i.name.endswith("全部功能分类（项）之和")]
    assert all_items and all(i.ok for i in all_items)
    assert all(len(i.expression.split(" + ")) == 9 for i in all_items)


def test_render_audit_table(items: list[AuditItem]) -> None:
    table = render_audit_table(items)
    bad = sum(1 for i in items if not i.ok)
    assert table.splitlines()[0] == f"共核对 {len(items)} 项：{len(items) - bad} 项一致，{bad} 项不一致。"
    assert table.count("✗ 不一致") == bad
    assert "| 18.16 + 317.66 + 144.84 + 15.01 | 495.68 | 495.67 | -0.01 | ✗ 不一致 |" in table
    assert render_audit_table([]).startswith("没有可核对的数字")


# ------------------------------------------------------------------------------------- another report


def test_fixture_report_is_consistent() -> None:
    fixture = parse_report(FIXTURE)
    items = audit_report(fixture)
    kinds = {"之和": 0, "比重": 0, "增减率": 0, "执行率": 0}
    for item in items:
        for key in kinds:
            kinds[key] += key in item.name
    assert all(kinds.values()), kinds
    assert all(i.ok for i in items), render_audit_table([i for i in items if not i.ok])
    # Not all income is 财政拨款 here, so 基本支出 is never equated with the 一般公共预算 figure.
    assert not any("收入全部为财政拨款" in i.name for i in items)
    assert any(i.expected == "87.73%" and i.ok for i in items)


# ------------------------------------------------------------------------------------- rules in isolation


def make(report: Report, rows: list[tuple[str, str, str, str, str]]) -> Report:
    """A report with only these facts: (subject, measure, value, section_id, parent)."""
    facts = []
    for n, (subject, measure, value, section_id, parent) in enumerate(rows):
        unit = "%" if measure in ("占比", "比上年增减率") else "万元"
        start = report.section(section_id).start + n
        facts.append(
            Fact(
                f"t{n}",
                subject,
                measure,
                D(value),
                unit,
                report.year,
                section_id,
                value,
                value,
                start,
                None,
                "",
                parent,
            )
        )
    return dataclasses.replace(report, facts=facts, projects=[])


def test_sum_rule_reports_a_wrong_total(report: Report) -> None:
    rows = [
        ("甲", "决算数", "10.00", "p2.c6", ""),
        ("乙", "决算数", "4.00", "p2.c6", "甲"),
        ("丙", "决算数", "6.01", "p2.c6", "甲"),
    ]
    [item] = audit_report(make(report, rows))
    assert (item.expression, item.expected, item.computed, item.difference, item.ok) == (
        "4.00 + 6.01",
        "10.00",
        "10.01",
        "0.01",
        False,
    )
    assert item.fact_ids == ["t0", "t1", "t2"]


def test_share_and_share_total_rules(report: Report) -> None:
    rows = [
        ("合计", "决算数", "3.00", "p2.c3", ""),
        ("甲", "决算数", "1.00", "p2.c3", "合计"),
        ("甲", "占比", "33.33", "p2.c3", "合计"),
        ("乙", "决算数", "2.00", "p2.c3", "合计"),
        ("乙", "占比", "66.68", "p2.c3", "合计"),  # should be 66.67
    ]
    items = {i.expression: i for i in audit_report(make(report, rows))}
    assert items["1.00 ÷ 3.00 × 100%"].ok
    assert not items["2.00 ÷ 3.00 × 100%"].ok and items["2.00 ÷ 3.00 × 100%"].difference == "-0.01"
    assert items["33.33 + 66.68"].ok  # two rounded shares may miss 100 by 0.01


def test_partial_list_shares_are_not_summed(report: Report) -> None:
    rows = [
        ("合计", "决算数", "10", "p2.c10.s2", ""),
        ("甲", "决算数", "6", "p2.c10.s2", "合计"),
        ("甲", "占比", "60", "p2.c10.s2", "合计"),
        ("甲之一", "决算数", "5", "p2.c10.s2", "合计"),
        ("甲之一", "占比", "50", "p2.c10.s2", "合计"),
    ]
    items = audit_report(make(report, rows))
    assert not any("100%" in i.name for i in items)
    assert all(i.ok for i in items if "比重" in i.name)


def test_nested_list_uses_the_partition_that_adds_up(report: Report) -> None:
    rows = [
        ("总额", "决算数", "100", "p2.c10.s2", ""),
        ("货物", "决算数", "40", "p2.c10.s2", "总额"),
        ("服务", "决算数", "60", "p2.c10.s2", "总额"),
        ("中小企业", "决算数", "70", "p2.c10.s2", "总额"),
    ]
    [item] = audit_report(make(report, rows))
    assert (item.expression, item.ok) == ("40 + 60", True)


def test_growth_rate_rule(report: Report) -> None:
    rows = [
        ("甲", "决算数", "2.81", "p2.c7.s2.i3", ""),
        ("甲", "比上年增减额", "1.48", "p2.c7.s2.i3", ""),
        ("甲", "比上年增减率", "111.27", "p2.c7.s2.i3", ""),  # 111.278…: truncated, within 0.01
    ]
    [item] = audit_report(make(report, rows))
    assert (item.expected, item.computed, item.difference, item.ok) == ("111.27%", "111.28%", "0.01", True)
    assert item.expression == "1.48 ÷ (2.81 − 1.48) × 100%"
    rows[2] = ("甲", "比上年增减率", "111.29", "p2.c7.s2.i3", "")  # 0.012 off the exact value
    [item] = audit_report(make(report, rows))
    assert (item.difference, item.ok) == ("-0.01", False)


def test_equivalence_needs_all_income_from_the_budget(report: Report) -> None:
    rows = [
        ("基本支出", "决算数", "5.00", "p2.c3", ""),
        ("一般公共预算财政拨款基本支出", "决算数", "4.00", "p2.c6", ""),
    ]
    assert audit_report(make(report, rows)) == []
    rows.append(("一般公共预算财政拨款收入", "占比", "100", "p2.c2", "本年收入合计"))
    [item] = audit_report(make(report, rows))
    assert (item.expected, item.computed, item.ok) == ("5.00", "4.00", False)


def test_no_facts_no_items(report: Report) -> None:
    assert audit_report(dataclasses.replace(report, facts=[], projects=[])) == []
