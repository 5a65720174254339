"""Tables read from PDFs as rows and cells: merged cells, tables split over pages, 附表 figures as facts, the
third report's other layout, and the consistency gate that re-reads or flags a figure that fails.

Expected figures come from the generator's sources (tests/pdfgen), which the parser never sees.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from corpus import Report, parse_report
from corpus.table_checks import rate_agrees, reread_budget, score_agrees, sum_agrees
from corpus.table_vocabulary import is_figure

sys.path.insert(0, str(Path(__file__).parent / "pdfgen"))
from third_report import PROJECTS

D = Decimal


def test_self_evaluation_tables_are_read_as_cells(pdf_report: Report) -> None:
    tables = [t for t in pdf_report.tables if t.kind == "self_evaluation"]
    assert len(tables) == 12
    assert [t.section_id for t in tables] == [f"p4.t{k:02d}" for k in range(1, 13)]
    split = [t for t in tables if len(t.pages) > 1]
    assert len(split) >= 8  # most tables run over a page break and are still one table
    first = tables[0]
    budget_row = next(row for row in first.rows if row[0].text == "总额")
    assert [(c.label, c.text) for c in budget_row[1:5]] == [
        ("年初预算", "34.90"), ("调整后预算数", "34.90"), ("预算执行数", "34.90"), ("预算执行率", "100.00%"),
    ]  # fmt: skip
    merged = [c for c in first.cells() if c.rowspan > 1 or c.colspan > 1]
    assert any(c.text == "预算执行情况（10分）" and c.rowspan >= 5 for c in merged)


def test_merged_category_cells_fill_the_rows_below_them(pdf_report: Report) -> None:
    """一级/二级指标 cells are merged down several rows, some across a page break."""
    for project in pdf_report.projects:
        assert all(row.level1 and row.level2 for row in project.indicators), project.section_id
    t01 = pdf_report.projects[0]
    assert [r.level2 for r in t01.indicators[:7]] == ["数量指标"] * 6 + ["质量指标"]


def test_table_rows_are_quoted_by_label_and_value(pdf_report: Report) -> None:
    """A figure of a table is quoted from its row label to its own cell, each figure after its column label."""
    facts = {f.id: f for f in pdf_report.facts}
    executed = facts["p4.t10:执行数"]
    assert executed.quote == "总额：年初预算 0.00；调整后预算数 448.34；预算执行数 400.50"
    assert executed.quote.endswith(executed.raw) and executed.value == D("400.50")
    actual = next(f for f in pdf_report.facts if f.section_id == "p4.t10" and f.measure == "完成值"
                  and "审批工程建设项目数量" in f.subject)  # fmt: skip
    assert actual.quote.startswith("审批工程建设项目数量：") and actual.quote.endswith("完成值 46139")


def test_every_figure_of_every_schedule_is_a_fact(pdf_report: Report) -> None:
    schedules = [t for t in pdf_report.tables if t.kind == "schedule"]
    assert len(schedules) == 10  # of 13: 十, 十一 and 十二 are printed empty (header and a note: 本表无数据)
    assert all(t.title.endswith("表") and t.pages for t in schedules)
    facts = pdf_report.schedule_facts
    assert all(f.origin == "schedule" for f in facts) and not any(f.origin == "schedule" for f in pdf_report.facts)
    figures = [c for t in schedules for row in t.rows[1:] for c in row if c.label not in ("科目编码",)
               and is_figure(c.text)]  # fmt: skip
    assert len(facts) == len(figures) > 150
    assert all(f.page is not None and f.scope for f in facts)
    by = {(f.scope, f.subject, f.measure): f for f in facts}
    assert by[("三、支出决算表", "一般公共服务支出", "本年支出合计")].value == D("19644.36")
    assert by[("三、支出决算表", "合计", "基本支出")].value == D("4733.08")
    assert by[("八、一般公共预算财政拨款基本支出决算表", "人员经费", "决算数")].value == D("3258.00")
    sangong = by[("十三、财政拨款“三公”经费支出决算表", "公务接待费", "决算数")]
    assert sangong.value == D("2.81") and sangong.quote.startswith("3.公务接待费：")
    budget = by[("十三、财政拨款“三公”经费支出决算表", "公务接待费", "预算数")]
    assert budget.raw == "12.00" and "※" in budget.quote  # a synthetic test figure keeps its printed mark


def test_schedule_figures_agree_with_the_text(pdf_report: Report) -> None:
    """The 附表 restate the narrative's figures (the generator took them from the text)."""
    prose = {(f.subject, f.measure): f.value for f in pdf_report.facts if f.origin == "prose"}
    schedule = {(f.scope, f.subject, f.measure): f.value for f in pdf_report.schedule_facts}
    for subject in ("一般公共服务支出", "教育支出", "卫生健康支出", "住房保障支出"):
        assert schedule[("六、一般公共预算财政拨款支出决算表", subject, "合计")] == prose[(subject, "决算数")]
    assert schedule[("一、收入支出决算总表", "本年支出合计", "决算数")] == prose[("本年支出合计", "决算数")]


@pytest.mark.parametrize("k", range(3))
def test_third_report_in_another_layout_parses_every_table_figure(third_pdf_report: Report, k: int) -> None:
    source = PROJECTS[k]
    project = third_pdf_report.projects[k]
    code, name = source.code_name.split("-", 1)
    assert (project.code, project.name) == (code, name)
    total = source.budget[0]
    got = (project.initial_budget, project.adjusted_budget, project.executed, project.execution_rate)
    assert got == (D(total.initial), D(total.adjusted), D(total.executed), D(total.rate.rstrip("%")))
    assert project.self_score == D(source.score_total)
    assert (project.leader, project.finance_leader) == (source.leader, source.finance_leader)
    assert len(project.indicators) == len(source.indicators)
    for row, want in zip(project.indicators, source.indicators, strict=True):
        assert (row.level1, row.level2, row.name, row.comparator, row.unit) == (
            want.level1, want.level2, want.name, want.comparator, want.unit)  # fmt: skip
        assert (row.target, row.actual, row.weight, row.score) == (want.target, want.actual, D(want.weight),
                                                                   D(want.score))  # fmt: skip
    facts = [f for f in third_pdf_report.facts if f.section_id == project.section_id]
    printed = [v for row in source.budget for v in (row.initial, row.adjusted, row.executed, row.rate, row.weight,
               row.score) if v and v != "/"]  # fmt: skip
    printed += [v for i in source.indicators for v in (i.target, i.actual, i.weight, i.score)]
    printed += [source.weight_total, source.score_total]
    assert len(facts) == len(printed)  # every figure the table prints is a fact
    assert not third_pdf_report.issues


def test_gate_checks_are_the_reports_own_arithmetic() -> None:
    assert rate_agrees(D("400.50"), D("448.34"), D("89.33"))
    assert not rate_agrees(D("448.34"), D("400.50"), D("89.33"))
    assert rate_agrees(D("0"), D("0"), D("0"))
    assert sum_agrees(D("19644.36"), [D("3692.16"), D("15952.21")])  # the report's own rounding
    assert not sum_agrees(D("100"), [D("10"), D("80")])
    assert score_agrees(D("9.41"), D("10")) and not score_agrees(D("100"), D("10"))
    assert reread_budget([D("1150.26"), D("1200.00"), D("1188.88")], D("96.75")) == (1, 2, 0)
    assert reread_budget([D("1"), D("2"), D("3")], D("50")) == (2, 1, 0)  # only 1 ÷ 2 is 50%
    assert reread_budget([D("10"), D("20"), D("40")], D("50")) is None  # 10/20 and 20/40: ambiguous


def test_a_score_above_its_weight_is_flagged_not_used(pdf_report: Report) -> None:
    """The shipped report prints 100 as the budget row's 得分 of 数字四川创新大赛 (weight 10)."""
    issues = [i for i in pdf_report.issues if i.section_id == "p4.t11"]
    assert [i.check for i in issues] == ["得分≤权重"]
    assert "100" in issues[0].message and "10" in issues[0].message
    assert not any(f.id == "p4.t11:预算执行:得分" for f in pdf_report.facts)
    assert any(f.id == "p4.t11:预算执行:权重" for f in pdf_report.facts)


def _swap_budget(text: str, old: str, new: str, tmp_path: Path) -> Report:
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return parse_report(path)


def test_wrong_column_order_is_reread_by_the_tables_own_rate(tmp_path: Path) -> None:
    """The 总额 figures printed 执行数 first: the positional reading would take 251.35 as 年初预算."""
    from conftest import FIXTURE_REPORT

    text = FIXTURE_REPORT.read_text(encoding="utf-8")
    report = _swap_budget(text, "总额 300.00 286.50 251.35 87.73%", "总额 251.35 300.00 286.50 87.73%", tmp_path)
    project = next(p for p in report.projects if p.name == "城市运行数据中台建设项目")
    assert (project.initial_budget, project.adjusted_budget, project.executed) == (D("300.00"), D("286.50"),
                                                                                  D("251.35"))  # fmt: skip
    assert any(i.check == "改读" and i.section_id == project.section_id for i in report.issues)
    executed = next(f for f in report.facts if f.id == f"{project.section_id}:执行数")
    assert executed.value == D("251.35") and executed.raw == "251.35"


def test_figures_that_contradict_their_rate_are_withheld(tmp_path: Path) -> None:
    from conftest import FIXTURE_REPORT

    text = FIXTURE_REPORT.read_text(encoding="utf-8")
    report = _swap_budget(text, "总额 300.00 286.50 251.35 87.73%", "总额 300.00 286.50 251.35 77.73%", tmp_path)
    project = next(p for p in report.projects if p.name == "城市运行数据中台建设项目")
    assert project.executed is None and project.execution_rate is None and project.adjusted_budget is None
    assert project.initial_budget == D("300.00")
    ids = {f.id for f in report.facts}
    assert f"{project.section_id}:执行数" not in ids and f"{project.section_id}:年初预算" in ids
    issue = next(i for i in report.issues if i.section_id == project.section_id)
    assert issue.check == "执行率" and re.search("77.73%.*251.35.*286.50", issue.message)
