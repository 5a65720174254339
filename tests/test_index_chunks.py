"""Chunking of the real report: section boundaries, spans, metadata, table blocks, fact/indicator chunks."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from decimal import Decimal

import pytest

from corpus import Fact, Settings, load_report
from index.chunking import BASELINE_SIZE, TABLE_MAX, TABLE_MIN, TEXT_MAX, make_chunks
from index.normalize import normalize_query

META_KEYS = {"report_id", "section_id", "heading", "page", "start", "end", "kind"}


@pytest.fixture(scope="module")
def report():
    return load_report(Settings().report)


@pytest.fixture(scope="module")
def chunks(report):
    return make_chunks(report, "full")


def test_chunks_stay_inside_their_section_and_carry_metadata(report, chunks):
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    for chunk in chunks:
        assert chunk.metadata.keys() >= META_KEYS
        section = report.section(chunk.section_id)
        meta = chunk.metadata
        assert meta["report_id"] == report.id
        assert meta["section_id"] == section.id
        assert meta["heading"] == section.heading
        assert isinstance(meta["page"], int)
        assert section.start <= meta["start"] < meta["end"] <= section.end, chunk.id


def test_text_spans_point_into_clean_text(report, chunks):
    text_chunks = [c for c in chunks if c.kind == "text"]
    assert len(text_chunks) > 50
    for chunk in text_chunks:
        assert report.clean_text[chunk.metadata["start"] : chunk.metadata["end"]] == chunk.text
        assert chunk.embed_text.startswith(chunk.heading + "\n")


def test_every_section_with_body_text_is_covered(report, chunks):
    covered = {c.section_id for c in chunks if c.kind == "text"}
    parents = {s.parent_id for s in report.sections}
    for section in report.sections:
        if "\n" in section.text.strip() or section.id not in parents:
            assert section.id in covered, section.id


def test_prose_chunks_respect_size_and_sentence_ends(report, chunks):
    for chunk in chunks:
        if chunk.kind != "text" or report.section(chunk.section_id).kind == "project_table":
            continue
        assert len(chunk.text) <= TEXT_MAX
        section = report.section(chunk.section_id)
        at_section_end = chunk.metadata["end"] == section.start + len(section.text.rstrip())
        assert at_section_end or re.search(r"[。！？；;!?”）)，、,：:]$", chunk.text), chunk.text[-20:]


def test_long_prose_sections_overlap_by_a_sentence(report, chunks):
    by_section = [c for c in chunks if c.section_id == "p1.c1"]
    assert len(by_section) >= 2
    first, second = by_section[0], by_section[1]
    assert second.metadata["start"] < first.metadata["end"]  # small overlap
    assert first.metadata["end"] - second.metadata["start"] <= 80


def test_project_tables_are_cut_into_labelled_blocks(report, chunks):
    tables = [s for s in report.sections if s.kind == "project_table"]
    assert len(tables) == 12
    for table in tables:
        blocks = [c for c in chunks if c.section_id == table.id and c.kind == "text"]
        assert len(blocks) >= 3, table.id
        assert all(len(b.text) <= TABLE_MAX + TABLE_MIN for b in blocks)
        # the evaluation conclusion opens its own block; visual line breaks are joined for embedding
        assert any(b.text.startswith("评价") for b in blocks), table.id
        assert all("\n" not in b.embed_text.split("\n", 1)[1] for b in blocks)


def test_indicator_and_project_chunks_follow_the_project_tables(report, chunks):
    kinds = Counter(c.kind for c in chunks)
    rows = sum(len(p.indicators) for p in report.projects)
    assert kinds["indicator"] == rows
    for project in report.projects:
        for row, chunk in zip(
            project.indicators,
            [c for c in chunks if c.kind == "indicator" and c.section_id == project.section_id],
            strict=True,
        ):
            assert project.name in chunk.text and row.name in chunk.text and row.actual in chunk.text
            assert report.clean_text[chunk.metadata["start"] : chunk.metadata["end"]] == row.quote


def test_fact_groups_become_chunks(report, chunks):
    tabled = {p.section_id for p in report.projects}
    facts = [f for f in report.facts if f.section_id not in tabled]
    groups = {(f.section_id, f.scope, f.subject) for f in facts}
    fact_chunks = [c for c in chunks if c.kind == "fact"]
    assert len(fact_chunks) == len(groups) + len(report.projects)
    for fact in facts:
        assert any(
            fact.subject in c.text and fact.raw in c.text for c in fact_chunks if c.section_id == fact.section_id
        )


def _fact_at(report, section_id: str, quote: str, subject: str, measure: str, raw: str, value: str, **extra) -> Fact:
    """A 2023 figure in 万元 quoting `quote` where it stands in the section, as the parser would make it."""
    start = report.clean_text.index(quote, report.section(section_id).start)
    return Fact(
        id="t",
        subject=subject,
        measure=measure,
        value=Decimal(value),
        unit="万元",
        year=2023,
        section_id=section_id,
        quote=quote,
        raw=raw,
        start=start,
        **extra,
    )


def test_a_fact_added_to_a_report_gets_its_own_chunk(report):
    fact = _fact_at(report, "p2.c7.s2.i3", "外事接待支出 0 万元。", "外事接待支出", "决算数", "0", "0")
    bare = dataclasses.replace(report, facts=[], projects=[])
    with_fact = dataclasses.replace(report, facts=[fact], projects=[])
    assert not [c for c in make_chunks(bare) if c.kind != "text"]
    added = [c for c in make_chunks(with_fact) if c.kind == "fact"]
    assert len(added) == 1
    assert added[0].text == "外事接待支出（2023年）：决算数0万元。"
    assert (added[0].metadata["start"], added[0].metadata["end"]) == (fact.start, fact.start + len(fact.quote))


def test_fact_chunks_keep_the_direction_of_a_change(report):
    fact = _fact_at(
        report, "p2.c7.s1", "较上年度减少 0.32 万元", "三公经费", "比上年增减额", "0.32", "-0.32", reason="厉行节约"
    )
    [chunk] = [c for c in make_chunks(dataclasses.replace(report, facts=[fact], projects=[])) if c.kind == "fact"]
    assert chunk.text == "三公经费（2023年）：比上年增减额-0.32万元。原因：厉行节约"


def test_baseline_is_fixed_windows_without_headings(report):
    chunks = make_chunks(report, "baseline")
    assert {c.kind for c in chunks} == {"text"}
    assert all(c.embed_text == c.text and c.metadata["pipeline"] == "baseline" for c in chunks)
    assert "".join(c.text for c in chunks) == report.clean_text
    assert all(len(c.text) == BASELINE_SIZE for c in chunks[:-1])


def test_unknown_pipeline_is_refused_in_chinese(report):
    with pytest.raises(ValueError, match="未知的流水线"):
        make_chunks(report, "fancy")


def test_normalize_query():
    assert normalize_query("公務接待費增長原因是什麼") == "公务接待费增长原因是什么"
    assert normalize_query("ＡＢＣ１２３（二）") == "ABC123(二)"
    assert normalize_query("  公务  接待费\t 2023   年 ") == "公务接待费 2023 年"
    assert normalize_query("") == ""
    assert normalize_query("三公\x00经费\u200b\x07") == "三公经费"
