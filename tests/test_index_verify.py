"""A damaged data dir is found (`python -m index verify`), and repaired by the server's start (`ui.startup`),
never served silently without search; where it cannot be repaired, `python -m ui` exits 2 in Chinese."""

from __future__ import annotations

import pytest
from index_support import corrupt, damaged_part
from server_support import copy_of_built, env_for, free_port, run_cli

from corpus import Settings, load_report
from index.cli import main as index_cli
from index.service import open_index
from ui.startup import ensure_index

pytestmark = pytest.mark.slow

FOUND = {
    "chroma": "Chroma 数据库",
    "chunks": "chunks.jsonl",
    "bm25": "bm25/",
    "cache": "向量缓存",
}


@pytest.mark.parametrize("part", list(FOUND))
def test_verify_finds_each_damaged_part_and_the_server_start_repairs_it(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], part: str
) -> None:
    data_dir = copy_of_built(tmp_path_factory, f"verify-{part}")
    settings = Settings(data_dir=data_dir)
    corrupt(damaged_part(data_dir, part))

    assert index_cli(["verify"], settings) == 1
    out = capsys.readouterr().out
    assert "索引有 1 处问题" in out and FOUND[part] in out, out

    report = load_report(settings.report)
    ensure_index(settings, report)  # what `python -m ui` does before serving
    assert index_cli(["verify"], settings) == 0, capsys.readouterr().out
    assert "索引完好" in capsys.readouterr().out
    hits = open_index(settings, report).search("公務接待費增長原因", k=1)
    assert hits[0].chunk.section_id == "p2.c7.s2.i3"
    if part == "chroma":  # a damaged database is kept for inspection, not deleted
        assert list(data_dir.glob("chroma.damaged-*/chroma.sqlite3"))
    if part == "cache":
        assert list((data_dir / "index").glob("embeddings.sqlite.damaged-*"))


def test_ui_refuses_to_start_on_a_damaged_index_when_repair_is_off(tmp_path_factory: pytest.TempPathFactory) -> None:
    data_dir = copy_of_built(tmp_path_factory, "verify-norepair")
    corrupt(damaged_part(data_dir, "chunks"))
    result = run_cli(["-m", "ui"], env_for(data_dir, JUESUAN_REPAIR_INDEX="false", JUESUAN_PORT=str(free_port())))
    assert result.returncode == 2, result.stderr[-3000:]
    assert "索引有 1 处问题" in result.stderr and "python -m index build" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_ui_exits_2_when_the_chroma_server_cannot_be_reached(tmp_path_factory: pytest.TempPathFactory) -> None:
    data_dir = copy_of_built(tmp_path_factory, "verify-nochroma")
    env = env_for(data_dir, JUESUAN_CHROMA_HOST="127.0.0.1", JUESUAN_CHROMA_PORT=str(free_port()))
    result = run_cli(["-m", "ui"], {**env, "JUESUAN_PORT": str(free_port()), "JUESUAN_CHROMA_TIMEOUT_S": "1"})
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Chroma" in result.stderr and "Traceback" not in result.stderr + result.stdout
