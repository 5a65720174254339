"""`python -m corpus` as a user runs it: output on both reports, exit code 2 and no traceback on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from corpus.settings import REPO_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "2022_chengdu_data_bureau_final_accounts.txt"


def run(*args: str, report: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
    if report is not None:
        env["JUESUAN_REPORT"] = str(report)
    return subprocess.run(
        [sys.executable, "-m", "corpus", *args],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_summary_of_the_default_report() -> None:
    result = run("summary")
    assert result.returncode == 0, result.stderr
    assert "2023年度四川省大数据中心单位决算" in result.stdout
    assert "p2.c7.s2.i3  3.公务接待费支出" in result.stdout
    assert "绩效自评表：12 张" in result.stdout


def test_summary_follows_juesuan_report() -> None:
    result = run("summary", report=FIXTURE)
    assert result.returncode == 0, result.stderr
    assert "2022年度成都市数据资源管理中心单位决算" in result.stdout
    assert "绩效自评表：3 张" in result.stdout


def test_sections_json() -> None:
    result = run("sections", str(FIXTURE), "--json")
    assert result.returncode == 0, result.stderr
    sections = json.loads(result.stdout)
    ids = [s["id"] for s in sections]
    assert ids[:3] == ["p1", "p1.c1", "p1.c2"]
    assert "p4.t03" in ids
    assert all(s["heading"] and isinstance(s["heading_path"], list) for s in sections)


def test_facts_json_has_decimal_strings() -> None:
    result = run("facts", "--json")
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert all(isinstance(f["value"], str) for f in facts)
    reception = [f for f in facts if f["subject"] == "公务接待费" and f["measure"] == "比上年增减率"]
    assert {Decimal(f["value"]) for f in reception} == {Decimal("111.28")}
    assert len({f["id"] for f in facts}) == len(facts)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bad")
    binary = root / "report.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 50)
    empty = root / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    prose = root / "novel.txt"
    prose.write_text("第一章 春天\n\n这是一段普通的小说文字，没有任何财务数据。\n", encoding="utf-8")
    return {"missing": root / "nope.txt", "binary": binary, "empty": empty, "prose": prose, "directory": root}


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "prose", "directory"])
@pytest.mark.parametrize("command", ["summary", "facts"])
def test_bad_input_exits_2_with_a_chinese_message(bad_inputs: dict[str, Path], kind: str, command: str) -> None:
    result = run(command, str(bad_inputs[kind]))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：")
    assert result.stdout == ""


def test_bad_default_report_exits_2(bad_inputs: dict[str, Path]) -> None:
    result = run("sections", "--json", report=bad_inputs["binary"])
    assert result.returncode == 2
    # the file starts with %PDF: it is read as a PDF, and refused as a damaged one
    assert "PDF 已损坏" in result.stderr and "Traceback" not in result.stderr
