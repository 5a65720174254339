"""The answer snapshots a refactoring is checked with: what `evals diff` counts as a change."""

from __future__ import annotations

from evals.snapshot import compare, render_diff, snapshot_sets, summary


def record(answer: str, status: str = "answered", route: str = "figure", correct: bool = True) -> dict:
    return {
        "id": "q1",
        "set": "gold",
        "status": status,
        "answer": answer,
        "citations": [{"section_id": "p1", "quote": "原文"}],
        "route": route,
        "correct": correct,
        "unverified": [],
        "inexact_quotes": 0,
    }


def test_renumbered_markers_are_a_text_change_but_not_a_change_of_what_is_said() -> None:
    changes = compare([record("甲[2]，乙[1]。")], [record("甲[1]，乙[2]。")])
    assert [c.kinds for c in changes] == [("text",)]
    assert "text_beyond_markers 0" in render_diff(changes)


def test_status_text_route_and_correctness_changes_are_each_counted() -> None:
    old = [record("公务接待费 2.81 万元。[1]")]
    new = [record("报告中没有找到。", status="not_found", route="not_found", correct=False)]
    (change,) = compare(old, new)
    assert set(change.kinds) == {"status", "text", "text_beyond_markers", "route", "correct"}
    shown = render_diff([change], show_routes=True)
    assert "status answered → not_found" in shown and "route figure → not_found" in shown


def test_snapshots_cover_gold_and_holdouts_never_a_blind_set() -> None:
    names = [p.name for p in snapshot_sets()]
    assert names[0] == "gold.jsonl" and any(n.startswith("holdout") for n in names)
    assert not any(n.startswith("blind") for n in names)


def test_summary_gives_accuracy_per_set_and_the_two_kept_figures() -> None:
    figures = summary([record("甲"), {**record("乙", correct=False), "id": "q2", "unverified": ["9.99"]}])
    assert figures["gold"] == "50.0% (1/2)"
    assert figures["unverified numbers"] == "1"
