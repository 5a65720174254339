"""The gold set is well-formed and grounded in the shipped report (its strings are the report's own)."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from corpus import Report, Settings, parse_report
from evals.gold import GOLD_PATH, TYPES, GoldError, GoldItem, load_gold

MINIMUMS = {"calc": 15, "multi_turn": 10, "paraphrase": 10, "traditional": 5}
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _derived(item: GoldItem) -> bool:
    """A derived answer (calc, or a follow-up like "那2022年呢？") shows its calculation in the reference."""
    return item.type == "calc" or " = " in item.reference


@pytest.fixture(scope="module")
def report() -> Report:
    return parse_report(Settings().report)


@pytest.fixture(scope="module")
def items() -> list[GoldItem]:
    return load_gold(GOLD_PATH)


def test_ids_unique_and_types_valid(items: list[GoldItem]) -> None:
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids))
    assert len(items) >= 130
    assert {item.type for item in items} <= set(TYPES)
    for item in items:
        assert item.question.strip() and item.reference.strip()
        assert all(isinstance(s, str) and s for s in item.must_include)
        assert all(group and all(isinstance(s, str) and s for s in group) for group in item.must_include_any)


def test_counts_per_type_meet_minimums(items: list[GoldItem]) -> None:
    counts = Counter(item.type for item in items)
    for kind, minimum in MINIMUMS.items():
        assert counts[kind] >= minimum, (kind, counts[kind])
    refusals = [item for item in items if item.type in ("unanswerable", "injection")]
    assert len(refusals) >= 12
    assert sum(1 for item in items if not item.answerable) >= 12
    assert counts["numeric"] >= 10 and counts["reason"] >= 10 and counts["fact"] >= 10


def test_answerable_items_have_expectations(items: list[GoldItem]) -> None:
    for item in items:
        if item.answerable:
            assert item.must_include or item.must_include_any, item.id
            assert item.sections, item.id
        else:
            assert item.type in ("unanswerable", "injection"), item.id
            assert not item.must_include and not item.must_include_any, item.id
            assert not item.sections, item.id
    assert all(not item.answerable for item in items if item.type == "unanswerable")


def test_calc_items_show_their_calculation(items: list[GoldItem]) -> None:
    for item in items:
        if item.type == "calc":
            assert " = " in item.reference, item.id


def test_multi_turn_items_carry_history(items: list[GoldItem]) -> None:
    for item in items:
        if item.type == "multi_turn":
            assert item.history, item.id
            assert item.history[0]["role"] == "user"
            assert {m["role"] for m in item.history} <= {"user", "assistant"}
    assert all(not item.history for item in items if item.type != "multi_turn")


def test_traditional_items_are_traditional(items: list[GoldItem]) -> None:
    from index.normalize import to_simplified

    for item in items:
        if item.type == "traditional":
            assert to_simplified(item.question) != item.question, item.id


def test_sections_exist_in_parsed_report(items: list[GoldItem], report: Report) -> None:
    ids = {section.id for section in report.sections}
    for item in items:
        missing = [s for s in item.sections if s not in ids]
        assert not missing, (item.id, missing)


def test_every_table_and_chapter_is_covered(items: list[GoldItem], report: Report) -> None:
    cited = {s for item in items for s in item.sections}

    def covered(section_id: str) -> bool:
        return any(s == section_id or s.startswith(section_id + ".") for s in cited)

    tables = [s.id for s in report.sections if s.kind == "project_table"]
    assert len(tables) == 12
    chapters = [s.id for s in report.sections if s.parent_id == "p2"]
    assert len(chapters) == 10
    for section_id in [*tables, *chapters, "p1.c1", "p1.c2", "p3"]:
        assert covered(section_id), section_id
    # every glossary entry of 第三部分 need not be asked, but most are
    glossary = [s.id for s in report.sections if s.parent_id == "p3"]
    assert sum(covered(s) for s in glossary) >= len(glossary) // 2


def test_each_table_is_asked_about_budget_and_leader(items: list[GoldItem]) -> None:
    per_table: dict[str, list[GoldItem]] = {}
    for item in items:
        for s in item.sections[:1]:
            per_table.setdefault(s, []).append(item)
    for n in range(1, 13):
        asked = per_table.get(f"p4.t{n:02d}", [])
        assert len(asked) >= 2, n


def test_must_include_strings_occur_in_report(items: list[GoldItem], report: Report) -> None:
    text = _squash(report.clean_text)
    for item in items:
        if not item.answerable or _derived(item):
            continue
        for needle in item.must_include:
            assert _squash(needle) in text, (item.id, needle)
        for group in item.must_include_any:
            assert any(_squash(n) in text for n in group), (item.id, group)


def test_must_include_strings_occur_in_gold_sections(items: list[GoldItem], report: Report) -> None:
    """The listed sections really hold the answer: each required string is in one of them."""
    for item in items:
        if not item.answerable or _derived(item):
            continue
        texts = _squash("".join(report.section(s).text for s in item.sections))
        for needle in item.must_include:
            assert _squash(needle) in texts, (item.id, needle, item.sections)


def test_load_gold_rejects_bad_files(tmp_path) -> None:
    good = {"id": "a", "question": "q", "type": "fact", "reference": "r", "must_include": ["x"], "sections": ["p1"]}
    cases = {
        "not json": "{",
        "bad type": json.dumps({**good, "type": "opinion"}),
        "bad role": json.dumps({**good, "history": [{"role": "system", "content": "x"}]}),
        "dup": json.dumps(good) + "\n" + json.dumps(good),
        "empty": "\n\n",
        "bad include": json.dumps({**good, "must_include": "x"}),
    }
    for name, content in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(GoldError):
            load_gold(path)
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (item,) = load_gold(path)
    assert item.answerable and item.must_include == ("x",) and item.history_list is None
