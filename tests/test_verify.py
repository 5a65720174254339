"""Number verification: every number in an answer is backed by a cited fact or a shown calculation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.calculator import compute, contradiction
from assistant.number_spans import find_numbers
from assistant.records import Check, NumberCheck, Operand
from assistant.verify.numbers import UNVERIFIED_MARK, mark_unverified, verify_numbers
from corpus import Fact, Report, Settings, load_report

D = Decimal


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(Settings().report)


def facts_of(report: Report, subject: str, section_id: str) -> list[Fact]:
    found = [f for f in report.facts if f.subject == subject and f.section_id == section_id]
    assert found, f"no facts for {subject} in {section_id}"
    return found


def test_find_numbers_reads_report_notation() -> None:
    spans = find_numbers("支出 2.81 万元，增长 111.28%，总计 20,685.29，全角 ２.８１，减少 −0.32，共 4 辆")
    assert [s.text for s in spans] == ["2.81", "111.28%", "20,685.29", "２.８１", "−0.32", "4"]
    assert [s.value for s in spans] == [D("2.81"), D("111.28"), D("20685.29"), D("2.81"), D("-0.32"), D(4)]
    assert spans[0].unit == "万元" and spans[1].percent and spans[-1].unit == "辆"


def test_find_numbers_skips_markers_codes_and_ordinals() -> None:
    text = (
        "七、“三公”经费\n（二）具体情况\n1. 公务接待费 2.81 万元[1][2]，见【3】和［4］。\n"
        "（3）项目 51000021T000000188386-全省政务服务网第三方评估服务，章节 p2.c7.s2.i3。\n"
        "2.公务用车 4 辆[1, 2]"
    )
    assert [s.text for s in find_numbers(text)] == ["2.81", "4"]


def test_dates_are_numbers_but_not_negative() -> None:
    assert [s.value for s in find_numbers("截至 2023-12-31")] == [D(2023), D(12), D(31)]


def test_a_report_sentence_with_its_facts_is_all_verified(report: Report) -> None:
    facts = facts_of(report, "公务接待费", "p2.c7.s2.i3")
    answer = "2023年公务接待费支出 2.81 万元[1]，比 2022 年度增加 1.48 万元，增长 111.28%[1]。"
    numbers = verify_numbers(answer, facts, [])
    assert [n.text for n in numbers] == ["2023", "2.81", "2022", "1.48", "111.28%"]
    assert all(n.verified and n.how == "fact" for n in numbers)
    assert mark_unverified(answer, numbers) == answer  # nothing to flag


def test_the_quote_itself_verifies(report: Report) -> None:
    fact = facts_of(report, "三公经费", "p2.c7.s1")[0]
    numbers = verify_numbers(fact.quote, [fact], [])
    assert numbers and all(n.verified for n in numbers)


def test_an_invented_number_is_unverified_and_marked(report: Report) -> None:
    facts = facts_of(report, "公务接待费", "p2.c7.s2.i3")
    answer = "公务接待费 9.99 万元，增长 111.28%[1]。"
    numbers = verify_numbers(answer, facts, [])
    assert numbers == [NumberCheck("9.99", False, "none"), NumberCheck("111.28%", True, "fact")]
    marked = mark_unverified(answer, numbers)
    assert marked == f"公务接待费 9.99{UNVERIFIED_MARK} 万元，增长 111.28%[1]。"


def test_a_slightly_altered_figure_is_not_verified(report: Report) -> None:
    facts = facts_of(report, "公务接待费", "p2.c7.s2.i3")
    numbers = verify_numbers("增长 111.3%，支出 2.8 万元", facts, [])
    assert [n.verified for n in numbers] == [False, False]


def test_calculated_numbers_are_verified_by_their_check(report: Report) -> None:
    received = next(f for f in facts_of(report, "公务接待费", "p2.c7.s2.i3") if f.measure == "决算数")
    change = next(f for f in facts_of(report, "公务接待费", "p2.c7.s2.i3") if f.measure == "比上年增减额")
    prior = compute("prior_year", received, change)
    answer = f"2022 年公务接待费为 {prior.expression} = {prior.check.result} 万元。"
    numbers = verify_numbers(answer, [received, change], [prior.check])
    by_text = {n.text: n.how for n in numbers}
    assert by_text == {"2022": "fact", "2.81": "fact", "1.48": "fact", "1.33": "calculation"}
    # The same answer without the check: 1.33 is not in the report, so it is flagged.
    assert NumberCheck("1.33", False, "none") in verify_numbers(answer, [received, change], [])


def test_units_signs_and_full_width_digits_are_tolerated() -> None:
    fact = Fact(
        "f", "三公经费", "比上年增减额", D("-0.32"), "万元", 2023, "p2.c7.s1", "较上年度减少 0.32 万元", "0.32", 0
    )
    check = compute("prior_year", D("17.25"), fact).check
    assert check.expression == "17.25 − (−0.32)"
    numbers = verify_numbers("减少０.３２万元，即 -0.32；上年 17.57 万元", [fact], [check])
    assert [(n.text, n.how) for n in numbers] == [("０.３２", "fact"), ("-0.32", "fact"), ("17.57", "calculation")]


def test_mark_unverified_with_filtered_numbers() -> None:
    text = "支出 9.99 万元，另 2.81 万元"
    marked = mark_unverified(text, [NumberCheck("9.99", False, "none")])
    assert marked == f"支出 9.99{UNVERIFIED_MARK} 万元，另 2.81 万元"
    assert mark_unverified("", []) == ""


def test_figures_inside_a_cited_project_name_are_the_name(report: Report) -> None:
    project = next(p for p in report.projects if any(ch.isdigit() for ch in p.name))
    facts = [f for f in report.facts if f.scope == project.name and f.measure == "执行率"]
    assert facts
    answer = f"项目“{project.name}”的预算执行率为 {facts[0].raw}[1]。"
    numbers = verify_numbers(answer, facts, [])
    assert numbers and all(n.verified for n in numbers)


def test_a_change_fact_backs_the_prior_year(report: Report) -> None:
    change = next(f for f in report.facts if f.subject == "三公经费" and f.measure == "比上年增减额")
    assert str(report.year - 1) not in change.quote  # the report says 较上年度
    answer = f"三公经费比 {report.year - 1} 年度减少 {change.raw} 万元[1]，{report.year - 2} 年不详。"
    numbers = verify_numbers(answer, [change], [])
    assert [(n.text, n.verified) for n in numbers] == [
        (str(report.year - 1), True),
        (change.raw, True),
        (str(report.year - 2), False),
    ]


def test_a_figure_wrapped_over_table_lines_is_one_number(report: Report) -> None:
    row = next(
        r for p in report.projects for r in p.indicators if "\n" in r.quote and r.target.isdigit() and len(r.target) > 6
    )
    cited = Fact("c", "", "引文", D(0), "", 0, "", row.quote, "", row.start)
    numbers = verify_numbers(f"指标值 {row.target} {row.unit}[1]", [cited], [])
    assert [(n.text, n.verified) for n in numbers] == [(row.target, True)]


def test_a_number_only_in_a_failed_check_is_unverified() -> None:
    """A comparison the report fails vouches for nothing: its numbers count only as results or operands of the
    calculations that hold."""
    personnel = Fact("p", "人员经费", "决算数", D("3258"), "万元", 2023, "s", "人员经费 3258 万元", "3258", 0)
    public = Fact("q", "公用经费", "决算数", D("1475.09"), "万元", 2023, "s", "公用经费 1475.09 万元", "1475.09", 0)
    stated = Fact("t", "基本支出", "决算数", D("4733.10"), "万元", 2023, "s", "基本支出 4733.10 万元", "4733.10", 0)
    recomputed, comparison, gap = contradiction(stated, "4733.10", "3258 + 1475.09", "4733.09", [personnel, public])
    assert recomputed.ok and gap.ok and not comparison.ok
    assert (recomputed.result, gap.result, comparison.result) == ("4733.09", "0.01", "4733.09")
    note = "基本支出 4733.10 万元，而人员经费 3258 + 公用经费 1475.09 = 4733.09 万元，相差 0.01 万元"
    facts = [stated, personnel, public]
    only_failed = {n.text: n.verified for n in verify_numbers(note, facts, [comparison])}
    assert only_failed == {"4733.10": True, "3258": True, "1475.09": True, "4733.09": False, "0.01": False}
    all_checks = verify_numbers(note, facts, [recomputed, comparison, gap])
    assert all(n.verified for n in all_checks)
    # a failed check's operands vouch for nothing either
    failed = Check("9.99 = 1 + 1", "2", False, [], "compare", [Operand("9.99")])
    assert not verify_numbers("差 9.99", [], [failed])[0].verified
