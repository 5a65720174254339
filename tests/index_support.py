"""Shared, expensive fixtures for the index tests: one real build per test session.

Builds in other data dirs reuse its embedding cache (a closed sqlite file), so they only write Chroma and BM25.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus import Settings, load_report
from index.service import build_index

_BUILT: dict[str, Path] = {}


def built_settings(factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data dir holds a complete index of the shipped report (built once per session)."""
    if "full" not in _BUILT:
        data_dir = factory.mktemp("index-built")
        settings = Settings(data_dir=data_dir)
        build_index(settings, load_report(settings.report))
        _BUILT["full"] = data_dir
    return Settings(data_dir=_BUILT["full"])


def seeded_settings(factory: pytest.TempPathFactory, name: str) -> Settings:
    """A fresh, empty index dir that already knows the session's vectors."""
    source = built_settings(factory).data_dir / "index" / "embeddings.sqlite"
    data_dir = factory.mktemp(name)
    (data_dir / "index").mkdir(parents=True)
    shutil.copy2(source, data_dir / "index" / "embeddings.sqlite")
    return Settings(data_dir=data_dir)


def corrupt(path: Path, size: int = 8192) -> None:
    """Random bytes over a stretch a third of the way into a file (what a bad disk or a torn copy leaves)."""
    import os

    length = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(length // 3)
        handle.write(os.urandom(min(size, max(1, length // 3))))


def damaged_part(data_dir: Path, part: str) -> Path:
    """The file of a built data dir that holds `part`: chroma | chunks | bm25 | cache."""
    build = next((data_dir / "index" / "builds").iterdir())
    return {
        "chroma": data_dir / "chroma" / "chroma.sqlite3",
        "chunks": build / "chunks.jsonl",
        "bm25": sorted((build / "bm25").rglob("*.npy"))[0],
        "cache": data_dir / "index" / "embeddings.sqlite",
    }[part]
