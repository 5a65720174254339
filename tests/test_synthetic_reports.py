"""Synthetic reports (benchmarks.synthetic): the national template as the corpus reads it, figures the report's
own audit finds consistent, the same body agreeing with itself across years, deterministic, marked synthetic."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from assistant import cli as assistant_cli
from assistant.audit import audit_report, render_audit_table
from benchmarks.synthetic import MANIFEST, PREFIX, BodyReports, generate_library, make_body, plan_bodies
from benchmarks.synthetic.cli import main as synthetic_main
from benchmarks.synthetic.document import SelfEvaluation
from corpus import Report, parse_report

SEED = 2
YEARS = 3
COUNT = 9  # three bodies, three consecutive years each
D = Decimal
REPO = Path(__file__).resolve().parents[1]
VOID_TAGS = frozenset({"meta", "br"})


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    root = tmp_path_factory.mktemp("synthetic")
    generate_library(root, COUNT, seed=SEED, years_per_body=YEARS, fmt="both")
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return root, manifest["reports"]


@pytest.fixture(scope="module")
def parsed(library: tuple[Path, list[dict]]) -> dict[str, Report]:
    root, entries = library
    return {entry["file"]: parse_report(root / entry["file"]) for entry in entries}


def facts_of(report: Report, measure: str = "决算数") -> dict[str, set[Decimal]]:
    found: dict[str, set[Decimal]] = defaultdict(set)
    for fact in report.facts:
        if not fact.scope and fact.measure == measure:
            found[fact.subject].add(fact.value)
    return found


def only(report: Report, subject: str, measure: str) -> Decimal:
    values = facts_of(report, measure)[subject]
    assert len(values) == 1, (report.title, subject, measure, values)
    return next(iter(values))


# ---------------------------------------------------------------------------------------------- the library


def test_library_holds_several_bodies_kinds_and_years(library: tuple[Path, list[dict]]) -> None:
    _, entries = library
    assert len(entries) == COUNT
    by_body = defaultdict(list)
    for entry in entries:
        by_body[entry["body"]].append(entry["year"])
    assert len(by_body) == COUNT // YEARS
    for years in by_body.values():
        assert years == list(range(years[0], years[0] + YEARS))  # consecutive years of one body
    assert {entry["kind"] for entry in entries} == {"单位决算", "部门决算"}
    # what the other tests rely on is really there (a change of the generator must not silently drop it)
    assert any(D(e["amounts"]["其他收入"]) > 0 for e in entries)
    assert any(D(e["amounts"]["因公出国（境）费"]) > 0 for e in entries)
    assert any(D(e["amounts"]["机关运行经费"]) > 0 for e in entries)
    assert any(D(p["rate"]) < 90 for e in entries for p in e["projects"])


def test_bodies_vary_over_places_agencies_kinds_and_years() -> None:
    plan = plan_bodies(seed=1, count=120, years_per_body=YEARS)
    bodies = {body.index: body for body, _ in plan}
    assert len({body.name for body in bodies.values()}) == len(bodies) == 40
    assert {body.place.level for body in bodies.values()} == {"省", "市", "区"}
    assert {body.kind for body in bodies.values()} == {"单位决算", "部门决算"}
    assert len({body.agency.key for body in bodies.values()}) >= 6
    years = {year for _, year in plan}
    assert min(years) >= 2019 and max(years) <= 2024 and len(years) == 6


# ---------------------------------------------------------------------------------------------- read by the corpus


def test_title_body_year_and_kind_are_read_from_the_report(
    library: tuple[Path, list[dict]], parsed: dict[str, Report]
) -> None:
    for entry in library[1]:
        report = parsed[entry["file"]]
        assert (report.title, report.body, report.year, report.kind) == (
            entry["title"],
            entry["body"],
            entry["year"],
            entry["kind"],
        )
        assert report.id == entry["report_id"]
        assert f"第二部分 {entry['year']} 年度{entry['kind']}情况说明" in report.clean_text


def test_every_section_of_the_template_is_found(library: tuple[Path, list[dict]], parsed: dict[str, Report]) -> None:
    template = ["p1", "p1.c1", "p1.c2", "p2", *(f"p2.c{k}" for k in range(1, 11))]
    template += ["p2.c5.s1", "p2.c5.s2", "p2.c5.s3", "p2.c7.s1", "p2.c7.s2", "p2.c7.s2.i1", "p2.c7.s2.i2"]
    template += ["p2.c7.s2.i3", *(f"p2.c10.s{k}" for k in range(1, 5)), "p3", "p4", "p5"]
    template += [f"p5.c{k}" for k in range(1, 14)]
    for entry in library[1]:
        report = parsed[entry["file"]]
        ids = {section.id for section in report.sections}
        assert set(template) <= ids, (entry["file"], sorted(set(template) - ids))
        items = [s for s in report.sections if s.id.startswith("p2.c5.s3.i")]
        assert len(items) == len(entry["items"])
        tables = [s for s in report.sections if s.kind == "project_table"]
        assert [s.id for s in tables] == [f"p4.t{k:02d}" for k in range(1, len(entry["projects"]) + 1)]
        assert all(section.page is not None for section in report.sections)  # every page has its footer


def test_facts_are_the_generated_figures(library: tuple[Path, list[dict]], parsed: dict[str, Report]) -> None:
    for entry in library[1]:
        report = parsed[entry["file"]]
        amounts = facts_of(report)
        for subject, value in entry["amounts"].items():
            if D(value) == 0 and subject in ("其他收入", "机关运行经费", "因公出国（境）费", "公务用车购置费"):
                continue  # a zero is stated as 无…支出 or not at all, depending on the item
            assert D(value) in amounts[subject], (entry["file"], subject, value, amounts.get(subject))
        for item in entry["items"]:
            assert amounts[item["path"]] == {D(item["amount"])}, (entry["file"], item["path"])
            assert facts_of(report, "预算完成率")[item["path"]] == {D(item["rate"])}
        assert only(report, "收支总计", "比上年增减额") == D(entry["amounts"]["收支总计"]) - D(
            entry["prior_year"]["收支总计"]
        )


def test_project_tables_are_read_whole(library: tuple[Path, list[dict]], parsed: dict[str, Report]) -> None:
    """Every 自评表 field and indicator row the corpus reads is the one the generator printed."""
    for entry in library[1]:
        report = parsed[entry["file"]]
        body = make_body(SEED, entry["body_index"], YEARS)
        doc, _ = BodyReports(body, SEED).document(entry["year"])
        printed = [block for block in doc.blocks if isinstance(block, SelfEvaluation)]
        assert len(report.projects) == len(printed) == len(entry["projects"])
        for table, want, truth in zip(report.projects, printed, entry["projects"], strict=True):
            assert f"{table.code}-{table.name}" == want.code_name
            assert (table.initial_budget, table.adjusted_budget, table.executed) == (
                D(truth["initial"]),
                D(truth["adjusted"]),
                D(truth["executed"]),
            )
            assert table.execution_rate == D(truth["rate"]) and table.self_score == D(truth["score"])
            assert (table.department, table.implementer) == (want.department, want.implementer)
            assert (table.goal, table.goal_result) == (want.goal, want.goal_result)
            assert (table.problems, table.improvements, table.conclusion) == (
                want.problems,
                want.improvements,
                want.conclusion,
            )
            assert (table.leader, table.finance_leader) == (want.leader, want.finance_leader)
            rows = [
                (r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score)
                for r in table.indicators
            ]
            assert rows == [
                (r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, D(r.weight), D(r.score))
                for r in want.indicators
            ]
            assert [r.shortfall_reason for r in table.indicators] == [r.reason for r in want.indicators]
            assert all(r.score <= r.weight for r in table.indicators)
            assert sum(r.weight for r in table.indicators) == 90


# ---------------------------------------------------------------------------------------------- consistency


def test_the_reports_own_audit_finds_every_figure_consistent(
    library: tuple[Path, list[dict]], parsed: dict[str, Report]
) -> None:
    for entry in library[1]:
        report = parsed[entry["file"]]
        items = audit_report(report)
        bad = [item for item in items if not item.ok]
        assert not bad, render_audit_table(bad)
        names = " ".join(item.name for item in items)
        for rule in ("三公经费 =", "之和", "的比重", "占比合计为 100%", "比上年增减率", "其下各项（项）之和"):
            assert rule in names, (entry["file"], rule)
        for project in report.projects:  # 执行率 and 自评得分 of every table are recomputed
            assert f"项目“{project.name}”预算执行率" in names
            assert f"项目“{project.name}”自评得分" in names
        assert len(items) >= 45


def test_audit_command_reports_no_inconsistency(
    library: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, entries = library
    assert assistant_cli.main(["audit", str(root / entries[0]["file"])]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(r"共核对 \d+ 项：\d+ 项一致，0 项不一致。", first), first


def test_a_body_agrees_with_itself_across_years(library: tuple[Path, list[dict]], parsed: dict[str, Report]) -> None:
    """This year's 上年 figure is last year's report's figure, for every stated change."""
    by_body: dict[str, dict[int, Report]] = defaultdict(dict)
    for entry in library[1]:
        by_body[entry["body"]][entry["year"]] = parsed[entry["file"]]
    compared = set()
    for years in by_body.values():
        for year, report in years.items():
            previous = years.get(year - 1)
            if previous is None:
                continue
            for subject, deltas in facts_of(report, "比上年增减额").items():
                (delta,) = deltas
                now, before = only(report, subject, "决算数"), only(previous, subject, "决算数")
                assert now - delta == before, (report.title, subject)
                rates = facts_of(report, "比上年增减率").get(subject)
                if rates:
                    assert rates == {(delta / before * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)}
                compared.add(subject)
    assert {"收支总计", "财政拨款收支总计", "三公经费", "公务接待费", "机关运行经费"} <= compared
    # a question across years can be answered from three reports of one body
    body = next(iter(by_body.values()))
    series = [only(body[year], "三公经费", "决算数") for year in sorted(body)]
    assert len(series) == YEARS and len(set(series)) == YEARS


# ---------------------------------------------------------------------------------------------- narrow cells


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Report, list[SelfEvaluation]]]:
    """The same library with 自评表 cells broken into fragments, as a PDF extractor prints narrow columns."""
    root = tmp_path_factory.mktemp("narrow")
    reports = generate_library(root, COUNT, seed=SEED, years_per_body=YEARS, layout="narrow")
    out = []
    for generated in reports:
        doc, _ = BodyReports(generated.body, SEED).document(generated.year)
        printed = [block for block in doc.blocks if isinstance(block, SelfEvaluation)]
        out.append((parse_report(generated.path), printed))
    return out


def test_narrow_cells_keep_every_figure_of_the_tables(narrow: list[tuple[Report, list[SelfEvaluation]]]) -> None:
    for report, printed in narrow:
        assert [f"{t.code}-{t.name}" for t in report.projects] == [t.code_name for t in printed]
        for table, want in zip(report.projects, printed, strict=True):
            total = want.budget[0]
            assert (str(table.initial_budget), str(table.adjusted_budget), str(table.executed)) == (
                total.initial,
                total.adjusted,
                total.executed,
            )
            assert (f"{table.execution_rate}%", table.self_score) == (total.rate, D(want.score_total))
            assert [(r.comparator, r.target, r.unit, r.actual, r.weight, r.score) for r in table.indicators] == [
                (r.comparator, r.target, r.unit, r.actual, D(r.weight), D(r.score)) for r in want.indicators
            ]
        bad = [item for item in audit_report(report) if not item.ok]
        assert not bad, render_audit_table(bad)


def test_narrow_cells_library_holds_the_layouts_the_corpus_misreads(
    narrow: list[tuple[Report, list[SelfEvaluation]]],
) -> None:
    """The cases of the gap below are really in the library (so its expected failure means what it says)."""
    rows = [r for _, printed in narrow for t in printed for r in t.indicators]
    assert any(r.name == "服务对象满意度" for r in rows)
    assert any(
        len(a.reason) > 6 and (a.level1, a.level2) == (b.level1, b.level2) for a, b in pairwise(rows)
    )


def test_narrow_cells_keep_indicator_names_and_reasons(narrow: list[tuple[Report, list[SelfEvaluation]]]) -> None:
    for report, printed in narrow:
        for table, want in zip(report.projects, printed, strict=True):
            assert [(r.name, r.shortfall_reason) for r in table.indicators] == [
                (r.name, r.reason) for r in want.indicators
            ]


# ---------------------------------------------------------------------------------------------- determinism, marks


def test_same_seed_same_bytes_and_a_bigger_library_contains_a_smaller_one(tmp_path: Path) -> None:
    generate_library(tmp_path / "a", 5, seed=7)
    generate_library(tmp_path / "b", 5, seed=7)
    generate_library(tmp_path / "c", 2, seed=7)
    generate_library(tmp_path / "d", 2, seed=8)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    for path in (tmp_path / "c").glob(f"{PREFIX}*"):
        assert path.read_bytes() == (tmp_path / "a" / path.name).read_bytes()
    other = {p.name: p.read_bytes() for p in (tmp_path / "d").glob(f"{PREFIX}*")}
    mine = {p.name: p.read_bytes() for p in (tmp_path / "c").glob(f"{PREFIX}*")}
    assert other != mine


def test_marked_synthetic_in_names_text_sections_and_html(
    library: tuple[Path, list[dict]], parsed: dict[str, Report]
) -> None:
    root, entries = library
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    for entry in entries:
        assert entry["file"].startswith(PREFIX) and entry["html"].startswith(PREFIX)
        text = (root / entry["file"]).read_text(encoding="utf-8")
        assert text.splitlines()[0].startswith("【SYNTHETIC 合成测试数据】")
        part_one = parsed[entry["file"]].section("p1")
        assert "合成测试数据（SYNTHETIC）" in part_one.text  # indexed and cited like any other text
        assert "SYNTHETIC" in (root / entry["html"]).read_text(encoding="utf-8")


class _Tables(HTMLParser):
    """Checks that tags nest and collects the text of table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tables = 0
        self.cells: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag not in VOID_TAGS:
            self.stack.append(tag)
        if tag == "table":
            self.tables += 1
        if tag in ("td", "th"):
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("td", "th"):
            self.cells[-1] += data


def test_html_prints_the_same_report_with_ruled_tables(library: tuple[Path, list[dict]]) -> None:
    root, entries = library
    for entry in entries:
        page = _Tables()
        page.feed((root / entry["html"]).read_text(encoding="utf-8"))
        assert not page.errors and not page.stack
        assert page.tables == len(entry["projects"]) + 13  # every 自评表 and the 13 附表
        cells = set(page.cells)
        for project in entry["projects"]:
            assert f"{project['code']}-{project['name']}" in cells
            assert {project["adjusted"], project["executed"], f"{project['rate']}%"} <= cells
        amounts = entry["amounts"]
        for subject in ("收支总计", "基本支出", "项目支出", "三公经费", "公务接待费", "人员经费", "公用经费"):
            assert amounts[subject] in cells, subject


# ---------------------------------------------------------------------------------------------- command line


def test_command_line_writes_a_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synthetic_main(["--count", "4", "--out", str(tmp_path), "--seed", "3", "--years-per-body", "2"]) == 0
    out = capsys.readouterr().out
    assert "已生成 4 份合成报告（2 个单位" in out
    written = sorted(p.name for p in tmp_path.glob(f"{PREFIX}*.txt"))
    assert len(written) == 4 and (tmp_path / MANIFEST).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "0"], "报告数量至少为 1"),
        (["--count", "3", "--years-per-body", "9"], "每个单位的年份数"),
        (["--count", "100000"], "需要"),
        (["--count", "2", "--format", "pdf"], "参数错误"),
        (["--count", "two"], "参数错误"),
    ],
)
def test_command_line_refuses_bad_arguments_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        code = synthetic_main([*args, "--out", str(tmp_path)])
    except SystemExit as exc:  # argparse's own errors exit
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.glob(f"{PREFIX}*"))


def test_the_product_never_imports_the_generator() -> None:
    """Synthetic data is for tests and benchmarks: no product stage may import it."""
    for package in ("corpus", "index", "assistant", "ui", "evals"):
        for path in (REPO / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(from|import)\s+benchmarks\b", text, re.M), path
