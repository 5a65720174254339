"""One report library per test session, with real indexes: the shipped report (home), the 2022 成都 fixture (text),
the 2023 遂宁 fixture (PDF) and three years of one SYNTHETIC body (evals/library_reports: 青岚市临溪区大数据发展中心
2021–2023, marked synthetic). Built once (its embedding cache seeded with the session's vectors of the shipped
report), then shared by the library tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_REPORT, THIRD_PDF
from index_support import seeded_settings

from corpus import Settings
from index.library import Library

REPO = Path(__file__).resolve().parent.parent
SYNTHETIC = REPO / "evals" / "library_reports"
LINXI = [SYNTHETIC / f"SYNTHETIC_{year}_qinglan-linxi_bigdata_unit.txt" for year in (2021, 2022, 2023)]
HOME = "2023_sichuan_big_data_center_final_accounts"
CHENGDU = "2022_chengdu_data_bureau_final_accounts"
SUINING = "2023_suining_data_center_final_accounts_pdf"
LINXI_IDS = [p.stem for p in LINXI]

_BUILT: dict[str, Settings] = {}


def library_settings(factory: pytest.TempPathFactory) -> Settings:
    """Settings of the session's library (synced: every member registered and indexed)."""
    if "library" not in _BUILT:
        settings = seeded_settings(factory, "library")
        folder = settings.data_dir / "library"
        folder.mkdir()
        for path in [FIXTURE_REPORT, THIRD_PDF, *LINXI]:
            shutil.copyfile(path, folder / path.name)
        settings = settings.with_(library=folder)
        problems = Library(settings).sync()
        assert problems == [], problems
        _BUILT["library"] = settings
    return _BUILT["library"]
