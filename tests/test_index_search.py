"""Searching a real built index: hybrid, dense and BM25 on real questions, the jieba dictionary, the CLI."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from index_support import built_settings

from corpus import load_report
from index.cli import main
from index.keyword import report_terms
from index.normalize import normalize_query
from index.service import IndexError_, open_index


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return built_settings(tmp_path_factory)


@pytest.fixture(scope="module")
def index(settings):
    return open_index(settings)


@pytest.fixture(scope="module")
def report(settings):
    return load_report(settings.report)


@pytest.mark.parametrize(
    ("question", "section_id"),
    [
        ("公务接待费增长原因", "p2.c7.s2.i3"),
        ("公務接待費增長原因是什麼", "p2.c7.s2.i3"),
        ("ＴＯＰ　三公经费　财政拨款支出决算总体情况", "p2.c7.s1"),
        ("四川天府健康通驻场运维到岗率", "p4.t05"),
        ("政府采购服务支出多少", "p2.c10.s2"),
        ("中心内部设立了几个机构", "p1.c2"),
    ],
)
def test_hybrid_finds_the_right_section_first(index, question, section_id):
    hits = index.search(question, k=5)
    assert hits and hits[0].source == "hybrid"
    assert hits[0].chunk.section_id == section_id, [h.chunk.section_id for h in hits]


def test_modes_return_ranked_hits_from_their_source(index):
    for mode in ("dense", "bm25", "hybrid"):
        hits = index.search("公务用车运行维护费主要用途", k=4, mode=mode)
        assert len(hits) == 4
        assert {h.source for h in hits} == {mode}
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        assert hits[0].chunk.section_id == "p2.c7.s2.i2"


def test_indicator_rows_are_retrievable_as_their_own_chunks(index):
    hits = index.search("归集电子证照数量指标完成值和未完成原因", k=5)
    assert any(h.chunk.kind == "indicator" and h.chunk.section_id == "p4.t08" for h in hits)


def test_bm25_scores_chinese_above_zero(index):
    scores = index.keyword.scores("公务接待费")
    assert scores.max() > 0
    best = index.chunks[int(scores.argmax())]
    assert "公务接待" in best.embed_text
    assert index.keyword.scores("量子引力弦论").max() == 0


def test_jieba_dictionary_knows_the_reports_terms(index, report):
    tokenizer = index.keyword.tokenizer
    terms = report_terms(report)
    for project in report.projects:
        name = normalize_query(project.name).replace(" ", "")
        whole = [t for t in terms if t in name and len(t) >= 4]
        assert whole, project.name
        assert all(tokenizer.knows(t) for t in whole)
    for subject in {f.subject for f in report.facts if 3 <= len(f.subject) <= 20 and f.subject.isalpha()}:
        assert tokenizer.knows(normalize_query(subject)), subject
    assert "四川天府健康通" in tokenizer.tokenize("四川天府健康通的预算执行率")
    # adding long terms must not hide the words inside them
    assert {"财政拨款", "一般公共预算财政拨款支出决算总体情况"} <= set(
        tokenizer.tokenize("一般公共预算财政拨款支出决算总体情况")
    )


def test_empty_query_and_bad_mode_are_refused_in_chinese(index):
    with pytest.raises(IndexError_, match="不能为空"):
        index.search("   ")
    with pytest.raises(IndexError_, match="问题过长"):
        index.search("三公经费" * 1000)
    assert index.search("<script>alert(1)</script> 公务接待费 '; DROP TABLE x; --", k=1)[0].chunk.section_id
    with pytest.raises(IndexError_, match="未知的检索方式"):
        index.search("三公经费", mode="magic")


def test_concurrent_readers_get_the_same_answers(index):
    questions = ["公务接待费增长原因", "政府采购支出总额", "天府健康通预算执行率", "三公经费支出决算"] * 4
    expected = {q: [h.chunk.id for h in index.search(q, k=5)] for q in set(questions)}
    index.clear_cache()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda q: (q, [h.chunk.id for h in index.search(q, k=5)]), questions))
    assert all(ids == expected[q] for q, ids in got)


def test_cli_search_json(settings, capsys):
    code = main(["search", "公務接待費增長原因", "--k", "3", "--json"], settings=settings)
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3
    assert {"text", "section_id", "heading", "score"} <= rows[0].keys()
    assert rows[0]["section_id"] == "p2.c7.s2.i3"


def test_cli_bad_input_exits_2_with_chinese(settings, tmp_path, capsys):
    assert main(["search", "  "], settings=settings) == 2
    assert "问题不能为空" in capsys.readouterr().err
    missing = settings.with_(report=tmp_path / "nope.txt")
    assert main(["search", "三公经费"], settings=missing) == 2
    assert "找不到报告文件" in capsys.readouterr().err
    assert main(["build", str(tmp_path / "nope.txt")], settings=settings) == 2
    assert "找不到报告文件" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["search", "三公经费", "--mode", "magic"], settings=settings)
    assert exc.value.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_dense_scores_are_cosine_similarities_of_stored_vectors(index):
    import numpy as np

    assert index.collection.configuration_json["hnsw"]["space"] == "cosine"
    hit = index.search("公务接待费增长原因", k=1, mode="dense")[0]
    query = np.array(index.embedder.get_query_embedding(normalize_query("公务接待费增长原因")))
    stored = np.array(index.collection.get(ids=[hit.chunk.id], include=["embeddings"])["embeddings"][0])
    assert abs(hit.score - float(query @ stored)) < 1e-4


def test_dense_search_is_exact_over_one_report(index):
    """HNSW is approximate and its graph is rebuilt on load: a breadth of at least the collection's size makes the
    dense hits the exact nearest chunks, the same in every process."""
    import numpy as np

    assert index.collection.configuration_json["hnsw"]["ef_search"] >= index.collection.count()
    query = normalize_query("项目支出是什么意思")
    stored = index.collection.get(include=["embeddings"])
    vectors = np.asarray(stored["embeddings"], dtype=np.float32)
    scores = vectors @ np.asarray(index.embedder.get_query_embedding(query), dtype=np.float32)
    exact = [stored["ids"][i] for i in np.argsort(-scores, kind="stable")[:20]]
    assert [h.chunk.id for h in index.search(query, k=20, mode="dense")] == exact
