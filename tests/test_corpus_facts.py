"""The fact table on the shipped report and on the fixture report (different figures, same template)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from corpus import Fact, Report
from corpus.facts import narrative_facts
from corpus.projects import project_facts

D = Decimal
MEASURE_UNITS = {
    "决算数": {"万元"},
    "预算完成率": {"%"},
    "比上年增减额": {"万元"},
    "比上年增减率": {"%"},
    "占比": {"%"},
    "数量": {"个", "辆", "批次", "人次", "台（套）", "人"},
}


@pytest.fixture(params=["report", "fixture_report"])
def any_report(request: pytest.FixtureRequest) -> Report:
    return request.getfixturevalue(request.param)


def find(report: Report, subject: str, measure: str, section: str = "", unit: str = "") -> Fact:
    """The one fact of a subject/measure (in a section subtree, of a unit, when given)."""
    hits = [
        f
        for f in report.facts
        if f.subject == subject
        and f.measure == measure
        and (not section or f.section_id == section or f.section_id.startswith(section + "."))
        and (not unit or f.unit == unit)
    ]
    assert hits, f"no fact {subject}/{measure} in {section or 'report'}"
    values = {f.value for f in hits}
    assert len(values) == 1, f"{subject}/{measure}: {values}"
    return hits[0]


def value(report: Report, subject: str, measure: str = "决算数", section: str = "", unit: str = "") -> Decimal:
    return find(report, subject, measure, section, unit).value


# ---------------------------------------------------------------- invariants, both reports


def test_quotes_are_exact_and_contain_the_figure(any_report: Report) -> None:
    assert len(any_report.facts) > 100
    for fact in any_report.facts:
        assert any_report.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote, fact.id
        assert fact.raw and fact.raw in fact.quote, fact.id
        if fact.raw == "无":  # "无政府性基金预算财政拨款支出": a stated zero
            assert fact.value == 0
        else:  # as printed: may carry a % sign or a table line break
            assert D(re.sub(r"[\s%]", "", fact.raw)) == abs(fact.value), fact.id
        assert fact.year == any_report.year
        assert any_report.section(fact.section_id)


def test_ids_are_unique(any_report: Report) -> None:
    ids = [f.id for f in any_report.facts]
    assert len(ids) == len(set(ids))


def test_narrative_vocabulary_and_reasons(any_report: Report) -> None:
    facts = narrative_facts(any_report)
    assert facts
    for fact in facts:
        assert fact.section_id.split(".")[0] in {"p1", "p2", "p3"}
        assert fact.unit in MEASURE_UNITS[fact.measure], fact.id
        assert not re.search(r"[\s“”]", fact.subject), fact.id
        if fact.reason:
            assert fact.reason in any_report.clean_text
            assert "原因" in fact.reason


def test_project_facts_are_included(any_report: Report) -> None:
    own = narrative_facts(any_report)
    tables = project_facts(any_report)
    assert len(any_report.facts) == len(own) + len(tables)
    keys = {(f.section_id, f.subject, f.measure, f.value) for f in any_report.facts}
    assert all((f.section_id, f.subject, f.measure, f.value) in keys for f in tables)


def test_parts_sum_to_their_totals(any_report: Report) -> None:
    """Parents let sums and shares be recomputed generically (both reports add up here)."""
    for parent, section in (("本年支出合计", "p2.c3"), ("一般公共预算财政拨款支出", "p2.c5.s2")):
        parts = [f for f in any_report.facts if f.parent == parent and f.section_id == section]
        amounts = [f.value for f in parts if f.measure == "决算数"]
        shares = [f.value for f in parts if f.measure == "占比"]
        assert len(amounts) >= 2
        assert sum(amounts) == value(any_report, parent, section=section)
        assert abs(sum(shares) - 100) <= D("0.05")
    persons = [f.value for f in any_report.facts if f.parent == "一般公共预算财政拨款基本支出"]
    assert sum(persons) == value(any_report, "一般公共预算财政拨款基本支出")


# ---------------------------------------------------------------- shipped report, by figure


def test_shipped_totals_and_structure(report: Report) -> None:
    total = find(report, "收支总计", "比上年增减额")
    assert (total.value, total.raw) == (D("-0.91"), "0.91")
    assert "主要变动原因" in total.reason
    assert value(report, "收支总计") == D("20685.29")
    assert value(report, "财政拨款收支总计") == D("20685.29")
    assert value(report, "财政拨款收支总计", "比上年增减额") == D("-0.91")
    assert value(report, "本年收入合计") == D("20685.29")
    assert value(report, "一般公共预算财政拨款收入", "占比") == D("100")
    assert value(report, "本年支出合计") == D("20685.29")
    assert value(report, "基本支出") == D("4733.08")  # 4733.09 in 六、: extracted as printed
    assert value(report, "基本支出", "占比") == D("22.88")
    assert value(report, "项目支出") == D("15952.21")
    assert value(report, "项目支出", "占比") == D("77.12")
    assert find(report, "基本支出", "决算数").parent == "本年支出合计"
    assert value(report, "一般公共预算财政拨款支出", "比上年增减额") == D("-0.91")
    assert value(report, "一般公共预算财政拨款支出", "占比") == D("100")


def test_shipped_function_classes_and_items(report: Report) -> None:
    classes = {
        "一般公共服务支出": ("19644.36", "94.97"),
        "教育支出": ("46.49", "0.22"),
        "社会保障和就业支出": ("495.68", "2.40"),
        "卫生健康支出": ("252.23", "1.22"),
        "住房保障支出": ("246.53", "1.19"),
    }
    for subject, (amount, share) in classes.items():
        assert value(report, subject) == D(amount)
        assert value(report, subject, "占比") == D(share)
        assert find(report, subject, "决算数").parent == "一般公共预算财政拨款支出"
    assert value(report, "一般公共预算支出") == D("20685.29")
    assert value(report, "一般公共预算支出", "预算完成率") == D("95.98")
    items = [f for f in report.facts if f.parent == "一般公共预算支出" and f.measure == "决算数"]
    assert len(items) == 9
    first = find(report, "一般公共服务（类）政府办公厅（室）及相关机构事务（款）事业运行（项）", "决算数")
    assert first.value == D("3692.16")
    rate = find(report, "教育（类）进修及培训（款）培训支出（项）", "预算完成率")
    assert rate.value == D("92.98")
    assert rate.reason == "决算数小于预算数的主要原因是培训次数减少。"
    pension = find(
        report, "社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", "预算完成率"
    )
    assert (pension.value, pension.reason) == (D("100"), None)
    social = [f.value for f in items if f.subject.startswith("社会保障和就业（类）")]
    assert sum(social) == D("495.67")  # the report's own items sum to 495.67, its class says 495.68
    assert value(report, "新增人员", "数量", "p2.c5.s3.i6") == 6
    assert value(report, "退休人员", "数量", "p2.c5.s3.i6") == 10


def test_shipped_basic_expenditure_and_three_public(report: Report) -> None:
    assert value(report, "一般公共预算财政拨款基本支出") == D("4733.09")
    assert value(report, "人员经费") == D("3258")
    assert value(report, "公用经费") == D("1475.09")
    assert value(report, "三公经费") == D("17.25")
    assert value(report, "三公经费", "预算完成率") == D("49.31")
    assert value(report, "三公经费", "比上年增减额") == D("-0.32")
    assert value(report, "三公经费", "比上年增减率") == D("-1.82")
    assert value(report, "因公出国（境）费") == 0
    assert value(report, "公务用车购置及运行维护费") == D("14.44")
    assert value(report, "公务用车购置及运行维护费", "占比") == D("83.71")
    assert value(report, "公务用车购置及运行维护费", "预算完成率") == D("62.78")
    assert value(report, "公务用车购置及运行维护费", "比上年增减额") == D("-1.81")
    assert value(report, "公务用车购置及运行维护费", "比上年增减率") == D("-11.14")
    assert value(report, "公务用车购置费") == 0
    assert value(report, "公务用车运行维护费") == D("14.44")
    assert value(report, "公务用车", "数量", unit="辆") == 4
    assert value(report, "轿车", "数量") == 3
    assert value(report, "载客汽车", "数量") == 1
    reception = find(report, "公务接待费", "比上年增减率")
    assert (reception.value, reception.parent) == (D("111.28"), "")
    assert "疫情" in reception.reason
    assert value(report, "公务接待费") == D("2.81")
    assert find(report, "公务接待费", "决算数").parent == "三公经费"
    assert value(report, "公务接待费", "占比") == D("16.29")
    assert value(report, "公务接待费", "预算完成率") == D("23.42")
    assert value(report, "公务接待费", "比上年增减额") == D("1.48")
    assert value(report, "国内公务接待费") == D("2.81")
    assert value(report, "国内公务接待", "数量", unit="批次") == 12
    assert value(report, "国内公务接待", "数量", unit="人次") == 114
    meal = find(report, "国内公务接待餐费", "决算数")
    assert (meal.value, meal.parent) == (D("2.12"), "国内公务接待费")
    assert value(report, "国内公务接待交通费") == D("0.69")
    assert value(report, "外事接待费") == 0


def test_shipped_other_matters(report: Report) -> None:
    fund = find(report, "政府性基金预算财政拨款支出", "决算数")
    assert (fund.value, fund.raw) == (0, "无")
    assert fund.quote == "2023 年省大数据中心无政府性基金预算财政拨款支出。"
    assert value(report, "国有资本经营预算财政拨款支出") == 0
    assert value(report, "机关运行经费") == 0
    assert value(report, "政府采购支出总额") == D("16064.69")
    assert value(report, "政府采购货物支出") == 0
    assert value(report, "政府采购工程支出") == 0
    assert value(report, "政府采购服务支出") == D("16064.69")
    sme = find(report, "授予中小企业合同金额", "决算数")
    assert (sme.value, sme.parent) == (D("9310.32"), "政府采购支出总额")
    assert value(report, "授予中小企业合同金额", "占比") == D("57.96")
    assert value(report, "授予小微企业合同金额") == D("9310.32")
    assert value(report, "授予小微企业合同金额", "占比") == D("57.96")
    assert value(report, "车辆", "数量") == 4
    assert {f.subject: f.value for f in report.facts if f.parent == "车辆"} == {
        "主要领导干部用车": 1,
        "机要通信用车": 1,
        "应急保障用车": 2,
    }
    assert value(report, "单价100万元以上设备", "数量") == 0
    assert value(report, "事前绩效评估", "数量") == 7
    assert value(report, "绩效目标", "数量") == 42
    assert value(report, "绩效监控", "数量") == 42
    assert value(report, "绩效自评", "数量") == 12
    assert value(report, "内设机构", "数量") == 16


# ---------------------------------------------------------------- fixture report: same template, other figures


def test_fixture_figures(fixture_report: Report) -> None:
    r = fixture_report
    change = find(r, "收支总计", "比上年增减额")
    assert (change.value, change.raw) == (D("523.16"), "523.16")  # 增加: positive
    assert value(r, "收支总计", "比上年增减率") == D("6.44")
    assert value(r, "财政拨款收支总计") == D("8398.46")
    assert value(r, "其他收入", "占比") == D("2.82")
    assert value(r, "基本支出") == D("2315.40")
    assert value(r, "一般公共预算财政拨款支出", "占比") == D("97.18")
    assert value(r, "教育支出") == D("12.30")
    assert value(r, "一般公共预算支出", "预算完成率") == D("93.47")
    items = [f for f in r.facts if f.parent == "一般公共预算支出" and f.measure == "决算数"]
    assert len(items) == 8
    training = find(r, "教育（类）进修及培训（款）培训支出（项）", "预算完成率")
    assert training.value == D("61.50")
    assert "线上" in training.reason
    assert value(r, "人员经费") == D("1688.52")
    assert value(r, "三公经费", "比上年增减额") == D("-1.24")
    reception = find(r, "公务接待费", "比上年增减率")
    assert (reception.value, reception.raw) == (D("-48.63"), "48.63")  # decreased this year
    assert "疫情" in reception.reason
    assert value(r, "公务接待费", "比上年增减额") == D("-0.89")
    assert value(r, "国内公务接待", "数量", unit="批次") == 5
    assert value(r, "国内公务接待", "数量", unit="人次") == 46
    assert value(r, "国内公务接待餐费") + value(r, "国内公务接待交通费") == value(r, "国内公务接待费")
    assert value(r, "公务用车", "数量", unit="辆") == 3
    assert value(r, "政府采购货物支出") == D("412.50")
    assert value(r, "授予小微企业合同金额", "占比") == D("38.00")
    assert value(r, "单价100万元以上设备", "数量") == 2
    assert value(r, "绩效自评", "数量") == len(r.projects) == 3
    assert value(r, "内设机构", "数量") == 8
    assert {f.subject for f in r.facts if f.parent == "车辆"} == {"主要领导干部用车", "应急保障用车"}


# ---------------------------------------------------------------- wording variants of the same template

VARIANT_REPORT = """ 第一部分 部门概况

一、主要职能

负责全市统计调查工作。

二、机构设置

本部门内设机构 5 个。

第二部分 2021 年度部门决算情况说明

一、收入支出决算总体情况说明

2021 年度收入、支出总计均为 1000.00 万元。与 2020 年度相比，收入、支出总

计各减少 50.00 万元，下降 4.76%。主要原因是普查项目完成。

三、支出决算情况说明

2021 年度本年支出合计 1000.00 万元，其中：基本支出 600.00 万元，占比 60%；项目

支出 400.00 万元，占比 40%。

七、财政拨款“三公”经费支出决算情况说明

（二）“三公”经费财政拨款支出决算具体情况说明

3.公务接待费支出 1.20 万元，完成年初预算的 80.00%。公务接待费支出决算比

2020 年度减少 0.30 万元，降低 20.00%。

主要原因是严格执行接待标准。其中：

外事接待支出 0 万元。

八、政府性基金预算支出决算情况说明

2021 年本部门无政府性基金预算财政拨款支出。

\t2021年度
\t某市统计局部门决算
"""


def test_wording_variants_of_the_template(tmp_path) -> None:
    from corpus import parse_report

    path = tmp_path / "variant.txt"
    path.write_text(VARIANT_REPORT, encoding="utf-8")
    r = parse_report(path)
    assert (r.year, r.kind) == (2021, "部门决算")
    assert value(r, "内设机构", "数量") == 5
    assert value(r, "收支总计") == D("1000.00")
    assert value(r, "收支总计", "比上年增减额") == D("-50.00")
    assert value(r, "收支总计", "比上年增减率") == D("-4.76")
    assert find(r, "收支总计", "比上年增减率").reason == "主要原因是普查项目完成。"
    assert value(r, "基本支出", "占比") == D("60")
    assert value(r, "项目支出") == D("400.00")
    reception = find(r, "公务接待费", "比上年增减率")
    assert reception.value == D("-20.00")
    assert reception.reason == "主要原因是严格执行接待标准。"
    assert value(r, "公务接待费", "预算完成率") == D("80.00")
    assert find(r, "外事接待费", "决算数").parent == "公务接待费"
    assert value(r, "政府性基金预算财政拨款支出") == 0
