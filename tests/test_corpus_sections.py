"""Section tree, the map back to the file and page numbers, on the shipped report and on the fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import Report

PAGE_MARKER = re.compile(r"^\s*[-－—]\s*\d{1,4}\s*[-－—]\s*$", re.MULTILINE)
SENTENCE = re.compile(r"[^。\n]+。?")

# (report fixture, 项 items of 五（三）, 绩效自评表, 名词解释 items, expected title)
CASES = {
    "report": (9, 12, 13, "2023年度四川省大数据中心单位决算"),
    "fixture_report": (8, 3, 7, "2022年度成都市数据资源管理中心单位决算"),
}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[Report, tuple[int, int, int, str]]:
    return request.getfixturevalue(request.param), CASES[request.param]


def _ids(report: Report, kind: str, parent: str | None = None) -> list[str]:
    return [s.id for s in report.sections if s.kind == kind and (parent is None or s.parent_id == parent)]


def test_parts_chapters_items_and_tables(case) -> None:
    report, (items, tables, terms, title) = case
    assert report.title == title
    assert _ids(report, "part") == ["p1", "p2", "p3", "p4", "p5"]
    assert _ids(report, "chapter", "p1") == ["p1.c1", "p1.c2"]
    assert _ids(report, "chapter", "p2") == [f"p2.c{n}" for n in range(1, 11)]
    assert _ids(report, "subsection", "p2.c5") == ["p2.c5.s1", "p2.c5.s2", "p2.c5.s3"]
    assert _ids(report, "item", "p2.c5.s3") == [f"p2.c5.s3.i{n}" for n in range(1, items + 1)]
    assert _ids(report, "item", "p2.c7.s2") == ["p2.c7.s2.i1", "p2.c7.s2.i2", "p2.c7.s2.i3"]
    assert _ids(report, "subsection", "p2.c10") == [f"p2.c10.s{n}" for n in range(1, 5)]
    assert _ids(report, "item", "p3") == [f"p3.i{n}" for n in range(1, terms + 1)]
    assert _ids(report, "project_table") == [f"p4.t{n:02d}" for n in range(1, tables + 1)]
    assert _ids(report, "chapter", "p5") == [f"p5.c{n}" for n in range(1, 14)]
    assert report.section("p2.c7.s2.i3").heading_path[-1] == "3.公务接待费支出"


def test_sections_partition_the_clean_text(case) -> None:
    report, _ = case
    ids = [s.id for s in report.sections]
    assert len(ids) == len(set(ids))
    for before, after in zip(report.sections, report.sections[1:], strict=False):
        assert before.end <= after.start
        assert report.clean_text[before.end : after.start].strip() == ""
    for section in report.sections:
        assert report.clean_text[section.start : section.end] == section.text
        assert section.parent_id is None or any(s.id == section.parent_id for s in report.sections)


def test_every_sentence_maps_back_to_the_file(case) -> None:
    report, _ = case
    checked = 0
    for match in SENTENCE.finditer(report.clean_text):
        sentence = match.group().strip()
        if not sentence:
            continue
        start = match.start() + match.group().index(sentence[0])
        raw_start, raw_end = report.raw_span(start, start + len(sentence))
        raw = PAGE_MARKER.sub("", report.raw_text[raw_start:raw_end])
        assert re.sub(r"\s", "", raw) == re.sub(r"\s", "", sentence), sentence
        checked += 1
    assert checked > 300


def test_page_numbers_from_footers(report: Report, fixture_report: Report) -> None:
    assert report.section("p1.c2").page == 3  # footer "- 3 -"
    assert report.section("p4.t05").page == 26  # footer "- 26 -"
    assert report.section("p4.t12").page == 41  # footer "- 41 -"
    # the fixture's footers "- 3 -" and "- 12 -" agree with its page breaks, so pages in between are known
    assert fixture_report.section("p1.c2").page == 3
    assert fixture_report.section("p2.c4").page == 4
    assert fixture_report.section("p3").page == 7
    assert fixture_report.section("p4.t03").page == 12
    for r in (report, fixture_report):
        pages = [s.page for s in r.sections if s.page is not None]
        assert pages == sorted(pages)


def test_damaged_files_parse_or_are_refused(tmp_path) -> None:
    """Shuffled or truncated text never crashes the parser: it is parsed consistently or refused in Chinese."""
    import random

    from corpus import CorpusError, parse_report

    text = (Path(__file__).parent / "fixtures" / "2022_chengdu_data_bureau_final_accounts.txt").read_text("utf-8")
    lines = text.split("\n")
    table_first = "部门预算项目支出绩效自评表（2022年度）\n\n项目名称 51010022T000009999999-页面错位的表\n\n"
    variants = [text[: len(text) // 3], text[len(text) // 2 :], table_first + text]
    for seed in range(8):
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        variants.append("\n".join(shuffled))
    parsed = 0
    for n, variant in enumerate(variants):
        path = tmp_path / f"damaged{n}.txt"
        path.write_text(variant, encoding="utf-8")
        try:
            damaged = parse_report(path)
        except CorpusError as exc:
            assert str(exc)
            continue
        parsed += 1
        for section in damaged.sections:
            assert damaged.clean_text[section.start : section.end] == section.text
        for fact in damaged.facts:
            assert damaged.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote
            assert fact.raw in fact.quote
    assert parsed >= 5
