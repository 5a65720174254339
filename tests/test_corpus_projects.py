"""绩效自评表 parsing on the shipped report and on the second-template fixture report.

Expected figures below were read off the report texts by hand (corpus/data/…txt part 4 and
tests/fixtures/2022_chengdu_data_bureau_final_accounts.txt); the parser never sees them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from corpus import Report, Section
from corpus.projects import extract_projects, project_facts

D = Decimal

# code, name, 年初预算, 调整后预算, 执行数, 执行率, 自评得分, 项目负责人, indicator rows (counted in the text)
SHIPPED = [
    ("51000021T000000188386", "全省政务服务网第三方评估服务", "34.90", "34.90", "34.90", "100.00", "100", "唐为之", 14),
    ("51000021T000000188434", "四川省人民政府门户网站运行维护服务", "101.24", "101.24", "101.24", "100.00", "100",
     "罗定兰", 19),
    ("51000021T000000188457", "办公用房租赁", "0.00", "768.12", "768.12", "100.00", "100", "钟兵", 13),
    ("51000022T000000248969", "省政务信息资源共享平台（一期）运维项目", "50.20", "50.20", "50.20", "100.00", "100",
     "卢彬", 8),
    ("51000022T000000248971", "四川天府健康通", "175.27", "175.27", "175.27", "100.00", "100", "管庆旭", 13),
    ("51000022T000000248975", "省大数据标准化技术委员会运行及标准制定", "0.00", "8.00", "8.00", "100.00", "100",
     "祝玲", 7),
    ("51000022T000000248983", "省政府政务微信、微博运营项目", "73.70", "73.70", "73.70", "100.00", "100", "罗定兰", 12),
    ("51000022T000000248984", "四川一体化政务服务平台运维服务项目", "207.80", "207.80", "207.80", "100.00", "99.91",
     "张军", 15),
    ("51000022T000000256975", "省 12345政务服务热线及网络理政平台", "112.80", "112.80", "112.80", "100.00", "100",
     "唐为之", 9),
    ("51000023T000007726246", "四川省工程建设项目审批管理系统运维服务项目", "0.00", "448.34", "400.50", "89.33",
     "98.93", "唐为之", 14),
    ("51000023T000008814938", "数字四川创新大赛", "50.00", "50.00", "50.00", "100.00", "100", "刘冰", 8),
    ("51000023T000008815012", "大数据应用系列课题研究", "40.00", "40.00", "40.00", "100.00", "100", "黄国明", 6),
]  # fmt: skip

CHENGDU = [
    ("51010022T000001234501", "成都市政务数据共享交换平台运维服务", "120.00", "120.00", "120.00", "100.00", "100",
     "李明远", 8),
    ("51010022T000001234517", "城市运行数据中台建设项目", "300.00", "286.50", "251.35", "87.73", "97.5", "王海涛", 8),
    ("51010022T000001234529", "公共数据开放平台运营服务", "0.00", "45.00", "45.00", "100.00", "99", "陈思雨", 6),
]  # fmt: skip


@pytest.fixture(scope="module")
def shipped(report: Report) -> Report:
    """The session's shipped report (conftest): parse_report has already set `projects`."""
    return report


@pytest.fixture(scope="module")
def chengdu(fixture_report: Report) -> Report:
    return fixture_report


@pytest.fixture(scope="module", params=["shipped", "chengdu"])
def any_report(request: pytest.FixtureRequest) -> Report:
    return request.getfixturevalue(request.param)


def _check_expected(report: Report, expected: list[tuple]) -> None:
    assert len(report.projects) == len(expected)
    for table, row in zip(report.projects, expected, strict=True):
        code, name, initial, adjusted, executed, rate, score, leader, rows = row
        got = (table.code, table.name, table.initial_budget, table.adjusted_budget, table.executed)
        assert got == (code, name, D(initial), D(adjusted), D(executed)), table.section_id
        assert table.execution_rate == D(rate), table.section_id
        assert table.self_score == D(score), table.section_id
        assert table.leader == leader, table.section_id
        assert len(table.indicators) == rows, table.section_id


def test_shipped_tables_code_name_budget_score_leader_rows(shipped: Report) -> None:
    _check_expected(shipped, SHIPPED)
    assert [t.section_id for t in shipped.projects] == [f"p4.t{i:02d}" for i in range(1, 13)]
    assert sum(len(t.indicators) for t in shipped.projects) == 138


def test_fixture_tables_code_name_budget_score_leader_rows(chengdu: Report) -> None:
    _check_expected(chengdu, CHENGDU)


def test_parse_report_sets_projects_and_their_facts(any_report: Report) -> None:
    assert any_report.projects == extract_projects(any_report)  # deterministic, and wired into parse_report
    ids = {f.id for f in any_report.facts}
    assert all(f.id in ids for f in project_facts(any_report))


def test_tenth_table_partial_execution(shipped: Report) -> None:
    table = shipped.projects[9]
    assert (table.initial_budget, table.adjusted_budget, table.executed, table.execution_rate) == (
        D("0.00"),
        D("448.34"),
        D("400.50"),
        D("89.33"),
    )
    assert table.self_score == D("98.93")  # stated only in 评价结论: its 合计 row prints the weight alone
    last = table.indicators[-1]
    assert (last.name, last.actual, last.weight) == ("资金执行率", "89.33", D(20))
    assert last.shortfall_reason.startswith("项目完成验收后支付剩余")


def test_header_and_tail_fields(any_report: Report) -> None:
    for table in any_report.projects:
        assert table.department.endswith("部门") and table.implementer, table.section_id
        assert table.finance_leader and table.leader != table.finance_leader, table.section_id
        assert table.problems and table.improvements, table.section_id
        assert len(table.conclusion) > 10 and len(table.goal) > 10 and len(table.goal_result) > 10, table.section_id
        assert table.code == any_report.section(table.section_id).number


def test_tail_printed_inside_next_table_goes_to_its_own_table(shipped: Report) -> None:
    # the PDF page holding the end of table 4 is extracted in the middle of table 5
    t04, t05 = shipped.projects[3], shipped.projects[4]
    assert (t04.leader, t05.leader) == ("卢彬", "管庆旭")
    assert t04.conclusion.endswith("自评总结得分 100分。")
    assert "自评总结得分" not in t05.conclusion and t05.conclusion.endswith("项目自评 100分。")


def test_goal_and_result_columns_are_split(shipped: Report, chengdu: Report) -> None:
    t01 = shipped.projects[0]
    assert t01.goal.startswith("根据《四川省深化") and t01.goal.endswith("编写 2021年评估报告。")
    assert t01.goal_result.startswith("均按要求完成年度目标") and t01.goal_result.endswith("分报告 46份。")
    assert shipped.projects[7].goal_result.startswith("本项目已完成年度目标。")
    assert chengdu.projects[1].goal.endswith("支撑城市运行监测和应急指挥。")
    assert chengdu.projects[1].goal_result.startswith("基本完成年度目标。")


def test_problems_and_improvements_text(shipped: Report, chengdu: Report) -> None:
    t06 = shipped.projects[5]
    assert t06.problems.startswith("大数据标准社会效益有待进一步提高")
    assert t06.improvements.endswith("促进数据要素流通发展。")
    assert shipped.projects[2].improvements == "无"  # label and content share a line: "改进 无" / "措施"
    assert shipped.projects[8].improvements.startswith("下一步，将持续优化运营举措")
    assert chengdu.projects[1].problems == "项目建设周期紧，终验时间晚于计划，预算执行率未达到 90%。"


def test_execution_rate_matches_executed_over_adjusted(any_report: Report) -> None:
    checked = 0
    for table in any_report.projects:
        if table.adjusted_budget and table.executed is not None:
            computed = table.executed / table.adjusted_budget * 100
            assert abs(computed - table.execution_rate) <= D("0.01"), table.section_id
            checked += 1
    assert checked == len(any_report.projects)


def _sum_row_says_100(report: Report, section_id: str) -> bool:
    section = report.section(section_id)
    text = report.clean_text[section.start : section.end]
    after = text[text.rindex("合计") + 2 :]
    digits = re.match(r"[\d\s]+", after)
    return bool(digits) and re.sub(r"\s+", "", digits.group()).startswith("100")


def test_indicator_weights_plus_budget_weight_make_100(any_report: Report) -> None:
    checked = 0
    for table in any_report.projects:
        assert table.indicators, table.section_id
        assert all(row.weight is not None and row.score is not None for row in table.indicators), table.section_id
        if _sum_row_says_100(any_report, table.section_id):
            assert sum(row.weight for row in table.indicators) + 10 == 100, table.section_id
            checked += 1
    assert checked == len(any_report.projects)


def test_indicator_rows_read_across_fragments(shipped: Report) -> None:
    rows = {(t.section_id, r.name): r for t in shipped.projects for r in t.indicators}
    split_unit = rows[("p4.t01", "2小时内响应工作需求")]  # unit printed as "小" / "时"
    assert (split_unit.comparator, split_unit.target, split_unit.unit, split_unit.actual) == ("≤", "2", "小时", "1.8")
    assert rows[("p4.t01", "总报告成本")].unit == "万元"  # "元" printed below the row
    split_target = rows[("p4.t08", "归集电子证照数量")]  # "422" / "000" / "000"
    assert (split_target.target, split_target.actual, split_target.score) == ("422000000", "403566013", D("1.91"))
    assert split_target.shortfall_reason.startswith("在年度期内对自然资源厅")
    assert rows[("p4.t10", "审批工程建设项目数量")].target == "43000"
    fragmented = rows[("p4.t05", "项目持续发挥作用好")]  # "指标 作用好" finishes two columns on one line
    assert (fragmented.level1, fragmented.level2, fragmented.comparator) == ("效益指标", "可持续影响指标", "定性")
    bracket = rows[
        (
            "p4.t12",
            "提供决策辅助（高：辅助省委省政府重大决策支持；中：辅助部门、地方政府重要决策支持；低：辅助一般决策支持）",
        )
    ]
    assert (bracket.target, bracket.unit, bracket.actual) == ("0", "项", "高")
    worded = rows[("p4.t07", "线上政务服务能力提升效果良好")]
    assert (worded.target, worded.actual) == ("优良中低差", "良")
    assert rows[("p4.t03", "办公室类型")].level2 == "数量指标"  # "产出 数 办公室类型 ≥ 4 类 4 3 3"
    assert rows[("p4.t01", "指标数量每年评估指标不低于 40个")].level1 == "产出指标"


def test_levels_are_template_categories(any_report: Report) -> None:
    level1 = {"产出指标", "效益指标", "满意度指标", "成本指标"}
    for table in any_report.projects:
        for row in table.indicators:
            assert row.level1 in level1 and row.level2.endswith("指标"), (table.section_id, row.name)
            assert row.name and row.comparator in {"≥", "≤", "＝", "=", "＞", "＜", "定性"}, row


def test_indicator_quotes_are_exact(any_report: Report) -> None:
    for table in any_report.projects:
        section = any_report.section(table.section_id)
        for row in table.indicators:
            assert any_report.clean_text[row.start : row.start + len(row.quote)] == row.quote
            assert section.start <= row.start < section.end
            assert row.actual.replace("%", "") in re.sub(r"\s+", "", row.quote)


def test_facts_quotes_raw_and_ids(any_report: Report) -> None:
    facts = project_facts(any_report)
    assert len({f.id for f in facts}) == len(facts)
    for fact in facts:
        assert any_report.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote, fact.id
        assert fact.raw in fact.quote, fact.id
        assert fact.value == D(re.sub(r"\s+", "", fact.raw).rstrip("%")), fact.id
        assert fact.year == any_report.year and fact.scope, fact.id
    per_project = {(f.section_id, f.measure) for f in facts if f.subject == f.scope}
    for table in any_report.projects:
        for measure in ("年初预算", "调整后预算", "执行数", "执行率", "自评得分"):
            assert (table.section_id, measure) in per_project


def test_fact_values_of_tenth_table(shipped: Report) -> None:
    facts = {f.id: f for f in project_facts(shipped)}
    assert facts["p4.t10:年初预算"].value == D("0.00") and facts["p4.t10:年初预算"].unit == "万元"
    assert facts["p4.t10:调整后预算"].value == D("448.34")
    assert facts["p4.t10:执行数"].value == D("400.50")
    assert facts["p4.t10:执行率"].value == D("89.33") and facts["p4.t10:执行率"].unit == "%"
    score = facts["p4.t10:自评得分"]
    assert (score.value, score.raw, score.unit) == (D("98.93"), "98.93", "分")
    assert facts["p4.t08:自评得分"].quote == "合计 100 99.91"
    target = facts["p4.t08:ind05:指标值"]
    assert (target.subject, target.value, target.unit) == ("归集电子证照数量", D(422000000), "张")
    assert facts["p4.t08:ind05:完成值"].value == D(403566013)


def test_worded_results_are_rows_not_facts(any_report: Report) -> None:
    facts = project_facts(any_report)
    worded = {
        (t.section_id, n)
        for t in any_report.projects
        for n, row in enumerate(t.indicators, start=1)
        if not re.fullmatch(r"[\d.]+%?", row.actual)
    }
    assert worded  # both reports have 定性 or worded results
    measured = {f.id for f in facts if f.measure == "完成值"}
    for section_id, n in worded:
        assert f"{section_id}:ind{n:02d}:完成值" not in measured


def test_truncated_tables_do_not_crash(shipped: Report) -> None:
    """A table cut anywhere (a damaged extraction) yields what it can, never a traceback."""
    section = shipped.section("p4.t01")
    text = shipped.clean_text[section.start : section.end]
    for cut in range(0, len(text), 97):
        clean = text[:cut]
        table_section = replace(section, text=clean, start=0, end=len(clean))
        report = Report(
            id="cut",
            path="cut.txt",
            title="t",
            body="b",
            kind="单位决算",
            year=2023,
            content_hash="x",
            raw_text=clean,
            clean_text=clean,
            offsets=list(range(len(clean))),
            sections=[table_section],
        )
        report.projects = extract_projects(report)
        for fact in project_facts(report):
            assert clean[fact.start : fact.start + len(fact.quote)] == fact.quote


def test_no_tables_no_projects(shipped: Report) -> None:
    sections = [s for s in shipped.sections if s.kind != "project_table"]
    report = replace_sections(shipped, sections)
    assert extract_projects(report) == []
    assert project_facts(report) == []


def replace_sections(report: Report, sections: list[Section]) -> Report:
    copy = Report(**{**report.__dict__, "sections": sections, "projects": []})
    return copy
