"""The runner's files, and one end-to-end run of `python -m evals run` on a 5-item subset with the real assistant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from index_support import seeded_settings

from corpus import Settings, load_report
from evals.__main__ import main
from evals.gold import GOLD_PATH, load_gold
from evals.metrics import ItemResult, compute_metrics, first_rank, is_correct
from evals.report import write_outputs
from evals.runner import publish

SUBSET = ("p2c7s2i3-amount", "p2c7s2i3-reason", "calc-reception-2022", "mt-health-leader", "un-sanggong-2021")
RAGAS = ("user_input", "retrieved_contexts", "response", "reference")
PNG = b"\x89PNG\r\n\x1a\n"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_write_outputs_lists_failures_and_draws_chart(tmp_path: Path) -> None:
    items = {item.id: item for item in load_gold()}
    clean = load_report(Settings().report).clean_text
    right = ItemResult(
        "full",
        items["p2c7s2i3-amount"],
        {"status": "answered", "answer": "公务接待费支出 2.81 万元。", "citations": [], "numbers": []},
        retrieved_sections=["p2.c7.s2.i3"],
        retrieved_contexts=["3.公务接待费支出 2.81 万元"],
    )
    wrong = ItemResult(
        "baseline",
        items["un-sanggong-2021"],
        {"status": "answered", "answer": "2021 年三公经费为 17.25 万元。", "citations": [], "numbers": []},
    )
    metrics = {"full": compute_metrics("full", [right], clean), "baseline": compute_metrics("baseline", [wrong], clean)}
    write_outputs(tmp_path, metrics, {"full": [right], "baseline": [wrong]}, meta={"gold": "subset"})

    lines = _lines(tmp_path / "answers.jsonl")
    assert [(x["config"], x["id"], x["correct"]) for x in lines] == [
        ("full", "p2c7s2i3-amount", True),
        ("baseline", "un-sanggong-2021", False),
    ]
    assert all(key in lines[0] for key in RAGAS) and lines[0]["retrieved_contexts"] == right.retrieved_contexts
    assert lines[0]["answer"]["answer"] == right.answer["answer"] and lines[0]["rank"] == 1
    saved = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert saved["configs"]["full"]["accuracy"] == 1.0 and saved["configs"]["baseline"]["accuracy"] == 0.0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    failures = report.split("## 未通过的题目")
    assert "un-sanggong-2021" in failures[2] and "17.25" in failures[2]
    assert "p2c7s2i3-amount" not in failures[1]
    assert (tmp_path / "chart.png").read_bytes().startswith(PNG)


def test_publish_refreshes_only_the_readme_block(tmp_path: Path) -> None:
    items = {item.id: item for item in load_gold()}
    clean = load_report(Settings().report).clean_text
    result = ItemResult(
        "full",
        items["p2c7s2i3-amount"],
        {"status": "answered", "answer": "公务接待费支出 2.81 万元。", "citations": [], "numbers": []},
        retrieved_sections=["p2.c7.s2.i3"],
    )
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    write_outputs(run_dir, {"full": compute_metrics("full", [result], clean)}, {"full": [result]}, meta={"gold": "g"})
    readme = tmp_path / "README.md"
    readme.write_text("# T\n\nbefore\n\n<!-- RESULTS -->\nold figures 12.3%\n<!-- /RESULTS -->\n\nafter\n", "utf-8")

    dest = publish(run_dir, tmp_path / "evals" / "results" / "latest", readme=readme)

    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# T\n\nbefore\n\n<!-- RESULTS -->") and text.endswith("<!-- /RESULTS -->\n\nafter\n")
    assert "old figures" not in text and "### 总体指标" in text and "### 按题型的准确率" in text
    assert "| 答案准确率 | 100.0% |" in text and "## 未通过的题目" not in text
    assert "![按题型的准确率](evals/results/latest/chart.png)" in text
    assert (dest / "chart.png").read_bytes().startswith(PNG)
    publish(run_dir, dest, readme=readme)
    assert readme.read_text(encoding="utf-8") == text  # idempotent


def test_cli_rejects_a_bad_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["run", "--gold", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "评测集有误" in capsys.readouterr().err


@pytest.mark.slow
def test_end_to_end_on_a_subset(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_id = {item.id: line for item, line in zip(load_gold(), GOLD_PATH.read_text("utf-8").splitlines(), strict=True)}
    gold = tmp_path / "subset.jsonl"
    gold.write_text("\n".join(by_id[i] for i in SUBSET) + "\n", encoding="utf-8")
    # a fresh data dir seeded with the session's embedding cache: the run builds both pipelines' stores itself
    monkeypatch.setenv("JUESUAN_DATA_DIR", str(seeded_settings(tmp_path_factory, "evals-e2e").data_dir))
    out = tmp_path / "out"

    assert main(["run", "--gold", str(gold), "--out", str(out), "--quiet"]) == 0

    lines = _lines(out / "answers.jsonl")
    assert [(x["config"], x["id"]) for x in lines] == [(c, i) for c in ("full", "baseline") for i in SUBSET]
    report = load_report(Settings().report)
    items = {item.id: item for item in load_gold(gold)}
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["configs"]
    for line in lines:
        assert all(key in line for key in RAGAS), line["id"]
        answer = line["answer"]
        assert answer["status"] in ("answered", "not_found", "rejected"), (line["id"], answer)
        assert line["response"] == answer["answer"] and line["error"] == ""
        # the stored verdict and retrieval rank agree with the metric functions applied to the stored answer
        assert line["correct"] == is_correct(items[line["id"]], answer)
        if line["gold_sections"]:
            assert line["retrieved_sections"] and len(line["retrieved_contexts"]) == len(line["retrieved_sections"])
        for citation in answer["citations"]:
            assert citation["quote"] in report.clean_text, citation
    for name in ("full", "baseline"):
        config_lines = [x for x in lines if x["config"] == name]
        assert metrics[name]["items"] == len(SUBSET)
        assert metrics[name]["accuracy"] == pytest.approx(sum(x["correct"] for x in config_lines) / len(SUBSET), 1e-3)
        assert metrics[name]["latency_p50_ms"] > 0
    # the structure-aware pipeline finds the 公务接待费 section for the plain questions
    full = {x["id"]: x for x in lines if x["config"] == "full"}
    for item_id in ("p2c7s2i3-amount", "p2c7s2i3-reason"):
        assert first_rank(full[item_id]["retrieved_sections"], full[item_id]["gold_sections"]) is not None
    assert metrics["full"]["citation_exact"] == 1.0
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# 决算问答评测报告")
    assert (out / "chart.png").read_bytes().startswith(PNG)
