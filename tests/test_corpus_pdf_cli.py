"""PDF input from the command line as a user runs it: summaries and facts with pages, Chinese refusals with exit
code 2 for files that are not readable 决算 PDFs, the assistant citing pages, and the generator reproducing the
committed test PDFs byte for byte."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PDF_FIXTURES, SHIPPED_PDF, THIRD_PDF

from corpus import CorpusError, Report, Settings, parse_report
from corpus.settings import REPO_DIR

BAD = PDF_FIXTURES / "bad"


def run(
    module: str, *args: str, report: Path | None = None, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUESUAN_")}
    if report is not None:
        env["JUESUAN_REPORT"] = str(report)
    if data_dir is not None:
        env["JUESUAN_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=300
    )


def test_summary_of_a_pdf_shows_pages_and_table_checks() -> None:
    result = run("corpus", "summary", str(SHIPPED_PDF))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2023年度四川省大数据中心单位决算" in out and "格式：PDF" in out
    assert "p4.t10  四川省工程建设项目审批管理系统运维服务项目  第26页" in out
    assert "表格核对：1 处" in out and "数字四川创新大赛" in out


def test_facts_json_of_a_pdf_carry_pages(tmp_path: Path) -> None:
    result = run("corpus", "facts", "--json", report=THIRD_PDF)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts and all(isinstance(f["page"], int) for f in facts)
    origins = {f["origin"] for f in facts}
    assert origins == {"prose", "self_evaluation", "schedule"}


BAD_FILES = {
    "scanned.pdf": "扫描件",
    "encrypted.pdf": "已加密",
    "truncated.pdf": "已损坏或不完整",
    "not_a_pdf.pdf": "这不是 PDF 文件",
    "not_juesuan.pdf": "不是决算报告",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_pdfs_get_a_chinese_message_and_exit_code_2(name: str) -> None:
    result = run("corpus", "summary", str(BAD / name))
    assert result.returncode == 2
    assert BAD_FILES[name] in result.stderr
    assert "Traceback" not in result.stderr and not result.stdout
    with pytest.raises(CorpusError, match=BAD_FILES[name]):
        parse_report(BAD / name)


def test_scanned_pdf_says_ocr_is_not_supported() -> None:
    result = run("corpus", "facts", str(BAD / "scanned.pdf"))
    assert result.returncode == 2 and "不支持 OCR" in result.stderr


def test_index_build_refuses_a_bad_pdf(tmp_path: Path) -> None:
    result = run("index", "build", str(BAD / "encrypted.pdf"), data_dir=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "已加密" in result.stderr and "Traceback" not in result.stderr


def test_assistant_on_a_pdf_cites_the_page_that_holds_each_quote(pdf_report: Report, tmp_path: Path) -> None:
    """The real assistant (answering from the fact table; no index built here) on the shipped report's PDF."""
    from assistant.service import Assistant

    assistant = Assistant(Settings(data_dir=tmp_path, report=SHIPPED_PDF), pdf_report)
    for question, figure in (
        ("工程建设项目审批管理系统运维服务项目的预算执行数是多少", "400.50"),
        ("公务接待费支出多少", "2.81"),
        ("数字四川创新大赛自评得分", "100"),
    ):
        answer = assistant.ask(question)
        assert answer.status == "answered" and figure in answer.answer, (question, answer.answer)
        assert answer.citations
        for citation in answer.citations:
            section = pdf_report.section(citation.section_id)
            start = pdf_report.clean_text.find(citation.quote, section.start, section.end)
            assert start >= 0
            assert citation.page is not None and citation.page == pdf_report.page_at(start), citation


def test_generator_reproduces_the_committed_pdf(tmp_path: Path) -> None:
    """`make fixtures` regenerates the committed PDFs byte for byte (here the third report, the quickest)."""
    pytest.importorskip("weasyprint", reason="dev dependency: pip install -e '.[dev]'")
    sys.path.insert(0, str(REPO_DIR / "tests" / "pdfgen"))
    import make_pdfs

    figure = make_pdfs.figure_png(tmp_path / "figure.png")
    out = make_pdfs.write_pdf(make_pdfs.third_document(), tmp_path / "third.pdf", figure)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(THIRD_PDF.read_bytes()).hexdigest()
