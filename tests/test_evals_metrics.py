"""Each metric on small hand-made answers, so a wrong metric fails here before it misreports a run."""

from __future__ import annotations

import pytest

from evals.gold import GoldItem
from evals.metrics import (
    ItemResult,
    citation_exact,
    citation_supported,
    compute_metrics,
    figures_in,
    first_rank,
    hit_at,
    includes_all,
    is_correct,
    is_refusal,
    normalize,
    reciprocal_rank,
)

CLEAN = "3.公务接待费支出 2.81 万元，完成预算 23.42%。主要原因是 2023 年疫情管控放开后，中心公务活动正常开展。"

RECEPTION = GoldItem(
    id="r",
    question="公务接待费增长原因？",
    type="reason",
    reference="疫情",
    must_include=("疫情", "111.28%"),
    sections=("p2.c7.s2.i3",),
)
UNANSWERABLE = GoldItem(
    id="u", question="2021年三公经费是多少？", type="unanswerable", reference="无", answerable=False
)


def answer(status: str = "answered", text: str = "", citations=(), numbers=()) -> dict:
    return {
        "status": status,
        "answer": text,
        "citations": list(citations),
        "checks": [],
        "numbers": list(numbers),
        "latency_ms": 1.0,
    }


def cite(section_id: str, quote: str) -> dict:
    return {"n": 1, "section_id": section_id, "heading": "", "page": None, "quote": quote}


def test_normalize_ignores_space_and_width() -> None:
    assert normalize("２.８１ 万元（含）") == normalize("2.81万元(含)") == "2.81万元(含)"


def test_includes_all_needs_every_string_and_one_per_group() -> None:
    assert includes_all("增长 111.28 %，原因是疫情管控放开", ["疫情", "111.28%"], [])
    assert not includes_all("原因是疫情管控放开", ["疫情", "111.28%"], [])
    assert includes_all("约 12 万元", [], [["12.00", "12万"]])
    assert not includes_all("约 13 万元", [], [["12.00", "12万"]])
    assert not includes_all("12万", [], [["12万"], ["餐费"]])


def test_accuracy_of_answerable_item() -> None:
    right = answer(text="公务接待费增长 111.28%，主要原因是疫情管控放开后公务活动正常开展。")
    assert is_correct(RECEPTION, right)
    assert not is_correct(RECEPTION, answer(text="公务接待费增长 111.28%。"))
    # the right words under a refusal status do not count
    assert not is_correct(RECEPTION, {**right, "status": "not_found"})


def test_refusal_needs_status_and_no_figure() -> None:
    clean = answer("not_found", "报告未提供2021年的三公经费数据。")
    assert is_refusal(clean, UNANSWERABLE.question) and is_correct(UNANSWERABLE, clean)
    assert is_correct(UNANSWERABLE, answer("rejected", "无法处理该请求。"))
    leaky = answer("not_found", "报告没有2021年的数据，2023年为 17.25 万元。")
    assert not is_refusal(leaky) and not is_correct(UNANSWERABLE, leaky)
    assert not is_correct(UNANSWERABLE, answer("answered", "报告没有给出。"))
    assert figures_in("见[1]，2021 年无数据") == []
    # A clarifying question back is a correct non-answer for an unanswerable item, and no answer for an answerable one.
    asked_back = answer("clarify", "请问您想了解哪一项的占比？可以这样问：三公经费占比是多少？")
    assert is_refusal(asked_back) and is_correct(UNANSWERABLE, asked_back) and not is_correct(RECEPTION, asked_back)
    assert figures_in("约 9.5 人次，占 57.96%") == ["9.5", "57.96%"]


def test_retrieval_rank_hit_and_mrr() -> None:
    gold = ["p2.c7.s2.i3"]
    assert first_rank(["p2.c1", "p2.c7.s2.i3", "p2.c7.s2.i3"], gold) == 2
    assert first_rank(["p2.c7", "p2.c7.s2"], gold) is None  # ancestors hold other text
    assert first_rank(["p4.t04", "p4.t10.x"], ["p4.t10"]) == 2  # descendants of a gold section count
    assert first_rank(["p4.t1"], ["p4.t10"]) is None  # a prefix is not an ancestor
    # a fixed-size chunk that starts in p2.c7 but runs on over most of the gold section counts, a sliver does not
    gold_span = [(1000, 1100)]
    assert first_rank(["p2.c7"], gold, [(900, 1200)], gold_span) == 1
    assert first_rank(["p2.c7"], gold, [(900, 1030)], gold_span) is None
    assert first_rank(["p2.c7", "p2.c7"], gold, [None, (1040, 1300)], gold_span) == 2
    assert hit_at(1, 1) and hit_at(2, 5) and not hit_at(2, 1) and not hit_at(None, 5)
    assert reciprocal_rank(4) == pytest.approx(0.25) and reciprocal_rank(None) == 0.0


def test_citation_exactness_and_support() -> None:
    assert citation_exact(cite("p2.c7.s2.i3", "公务接待费支出 2.81 万元"), CLEAN)
    assert not citation_exact(cite("p2.c7.s2.i3", "公务接待费支出2.81万元"), CLEAN)  # quotes are verbatim
    assert not citation_exact(cite("p2.c7.s2.i3", ""), CLEAN)
    assert citation_supported(cite("p2.c7.s2", "x"), ["p2.c7.s2.i3"])  # ancestor
    assert citation_supported(cite("p2.c7.s2.i3", "x"), ["p2.c7"])  # descendant
    assert not citation_supported(cite("p2.c7.s2.i2", "x"), ["p2.c7.s2.i3"])  # sibling


def test_compute_metrics_aggregates() -> None:
    results = [
        ItemResult(
            "full",
            RECEPTION,
            answer(
                text="增长 111.28%，原因是疫情。",
                citations=[cite("p2.c7.s2.i3", "主要原因是 2023 年疫情管控放开后"), cite("p2.c1", "编造的引文")],
                numbers=[{"text": "111.28%", "verified": True, "how": "fact"}],
            ),
            retrieved_sections=["p2.c1", "p2.c7.s2.i3"],
            latency_ms=100.0,
        ),
        ItemResult(
            "full",
            RECEPTION,
            answer("not_found", "未找到。"),
            retrieved_sections=["p2.c7.s2.i3"],
            latency_ms=300.0,
        ),
        ItemResult(
            "full",
            UNANSWERABLE,
            answer("not_found", "报告未提供。", numbers=[{"text": "5", "verified": False, "how": "none"}]),
            latency_ms=200.0,
        ),
    ]
    m = compute_metrics("full", results, CLEAN)
    assert m.items == 3 and m.accuracy == pytest.approx(0.6667)
    assert m.accuracy_by_type == {"reason": 0.5, "unanswerable": 1.0}
    assert m.refusal_correct == 1.0 and m.false_refusal == 0.5
    assert m.hit_at_1 == 0.5 and m.hit_at_5 == 1.0 and m.mrr == pytest.approx(0.75)
    assert m.citations == 2 and m.citation_exact == 0.5 and m.citation_support == 0.5
    assert m.numbers == 2 and m.numbers_verified == 0.5 and m.numbers_unverified == 1
    assert m.latency_p50_ms == 200.0 and m.errors == 0
