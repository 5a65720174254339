"""The vocabulary file (assistant/understand/cues.toml): two layers, loaded once, conflicts warned about."""

from __future__ import annotations

import json
import logging

import pytest

from assistant.understand.cues import CUES, CUES_FILE, VocabularyError, layered, load, read, vocabulary
from corpus import Report

SHIPPED_LAYER = "2023_sichuan_big_data_center_final_accounts"


def test_the_shipped_vocabulary_loads_without_a_conflict(report: Report, fixture_report: Report) -> None:
    assert CUES.warnings == ()
    for loaded in (report, fixture_report):
        assert vocabulary(loaded.id).warnings == ()
    assert CUES.cue("reason").search("公务接待费为什么增长")
    assert "的" in CUES.words("stopwords")


def test_no_word_of_one_report_is_in_the_template_layer(report: Report, fixture_report: Report) -> None:
    data = read(CUES_FILE.read_text(encoding="utf-8"))
    template = json.dumps(data["template"], ensure_ascii=False)
    for loaded in (report, fixture_report):
        place = loaded.body[:2]  # 四川, 成都
        assert place not in template, place
    for layer in data["report"].values():
        for word in layer.get("synonyms", {}):
            assert word not in data["template"]["synonyms"], word
    assert "健康码" not in template


def test_a_report_layer_adds_words_and_is_read_only_for_its_report(report: Report, fixture_report: Report) -> None:
    shipped, other = vocabulary(report.id), vocabulary(fixture_report.id)
    assert "四川" in shipped.words("generic_project_words") and "四川" not in other.words("generic_project_words")
    assert shipped.synonyms.get("健康码") == "天府健康通" and "健康码" not in other.synonyms
    assert set(CUES.words("name_prefixes")) < set(shipped.words("name_prefixes"))


SYNTHETIC = """
[template.cues]
max = ["最高", "最多"]
min = ["最低", "最多"]
reason = ["为什么", "为什么"]
[template.words]
exclusive = [["max", "min"]]
[template.synonyms]
"出国" = "因公出国（境）"
[template.colloquial]
"出国" = ["因公出国（境）费"]
[report.one.cues]
reason = ["原因"]
"""


def test_conflicts_and_overlaps_are_warned_about_at_load() -> None:
    warnings = layered(read(SYNTHETIC), "one").warnings
    text = "\n".join(warnings)
    assert "出国" in text and "因公出国（境）费" in text  # two tables map one word differently
    assert "max 与 min" in text and "最多" in text  # a word in two cues that must not overlap
    assert "reason" in text and "覆盖" in text  # a report word replacing the template's
    assert "重复" not in text  # the report's own reason list replaced the template's, duplicates and all
    assert any("重复" in w for w in layered(read(SYNTHETIC)).warnings)


def test_loading_a_file_logs_each_conflict(tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cues.toml"
    path.write_text(SYNTHETIC, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="assistant.understand.cues"):
        merged = load(path, "one")
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == len(merged.warnings) >= 3
    assert any("出国" in message for message in logged)


def test_a_pattern_may_use_another_cues_words() -> None:
    merged = layered(read('[template.cues]\nhow = ["多少", "几"]\nhow_many_cars = \'({how})辆\''))
    assert merged.cue("how_many_cars").fullmatch("几辆")
    with pytest.raises(VocabularyError):
        merged.cue("missing")
    with pytest.raises(VocabularyError):
        read("[template.cues\n")
