"""The pipeline as a whole: the JSON contract, the baseline configuration, one assistant per process, concurrent
answers, and the gold set's accuracy with no unchecked number."""

from __future__ import annotations

import json

from assistant_support import ANSWER_KEYS, CITATION_KEYS, ask, assert_well_formed

from assistant.cli import answer_json
from assistant.service import Assistant, get_assistant
from corpus import Settings


def test_json_contract(assistant):
    data = answer_json(ask(assistant, "2022年公务接待费是多少"))
    assert set(data) == ANSWER_KEYS
    assert data["suggestions"] == []
    assert data["route"] == "prior_year" and data["plan"]["steps"][-1]["op"] == "prior_year"
    assert set(data["citations"][0]) == CITATION_KEYS
    assert set(data["checks"][0]) == {"expression", "result", "ok", "fact_ids", "operation", "operands"}
    assert data["checks"][0]["operation"] == "prior_year"
    assert [o["value"] for o in data["checks"][0]["operands"]] == ["2.81", "1.48"]
    assert set(data["numbers"][0]) == {"text", "verified", "how"}
    assert data["latency_ms"] > 0
    json.dumps(data, ensure_ascii=False)


def test_baseline_pipeline_answers_from_retrieved_chunks_only(assistant):
    baseline = Assistant(assistant.settings.with_(pipeline="baseline"), assistant.report, index=assistant.index)
    answer = baseline.ask("2022年公务接待费是多少")
    assert_well_formed(answer, assistant.report.clean_text)
    assert not answer.checks  # no fact lookup, no calculator
    assert "1.33" not in answer.answer


def test_get_assistant_is_one_instance(tmp_path_factory):
    from index_support import built_settings

    first = get_assistant(built_settings(tmp_path_factory))
    assert get_assistant() is first
    assert isinstance(first.settings, Settings)


def test_concurrent_asks_are_consistent(assistant):
    from concurrent.futures import ThreadPoolExecutor

    questions = ["三公经费是多少", "2022年公务接待费是多少", "天府健康通负责人是谁", "中心本级内设机构有哪些？"] * 5
    expected = {q: assistant.ask(q).answer for q in set(questions)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(assistant.ask, questions))
    assert [a.answer for a in answers] == [expected[q] for q in questions]


def test_gold_set_accuracy_and_no_unchecked_number(assistant):
    """The yardstick: every gold item through ask(); well-formed answers, and accuracy well above the bar."""
    from evals.gold import load_gold
    from evals.metrics import is_correct

    items = load_gold()
    correct = 0
    for item in items:
        answer = assistant.ask(item.question, item.history_list)
        assert_well_formed(answer, assistant.report.clean_text)
        correct += is_correct(item, answer.to_json())
    assert correct / len(items) >= 0.9, f"{correct}/{len(items)}"
