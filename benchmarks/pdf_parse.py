"""PDF input speed: parse time of a 60-page report PDF (goal ≤ 10 s on 2 cores), and the library comparison
behind the choice of pdfplumber (README "PDF input").

The 60-page PDF is put together from the project's test PDFs (the shipped report's 36 pages, the second
report's 18 and the first pages of the third) with pypdfium2, in a temporary folder.

    python benchmarks/pdf_parse.py [--runs 3]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    REPO / "corpus" / "data" / "2023_sichuan_big_data_center_final_accounts.pdf",
    REPO / "tests" / "fixtures" / "pdf" / "2022_chengdu_data_bureau_final_accounts.pdf",
    REPO / "tests" / "fixtures" / "pdf" / "2023_suining_data_center_final_accounts.pdf",
]
PAGES = 60
GOAL_S = 10.0


def sixty_pages(out: Path) -> Path:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for source in SOURCES:
        pdf = pdfium.PdfDocument(str(source))
        take = min(len(pdf), PAGES - len(merged))
        merged.import_pages(pdf, list(range(take)))
        pdf.close()
        if len(merged) >= PAGES:
            break
    merged.save(str(out))
    merged.close()
    return out


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare_libraries(path: Path, runs: int) -> None:
    """Text of every page with each library, and what each can give beyond text."""
    import pdfplumber
    import pypdfium2 as pdfium
    from pdfminer.high_level import extract_text

    def with_pdfium() -> str:
        pdf = pdfium.PdfDocument(str(path))
        text = "".join(pdf[k].get_textpage().get_text_range() for k in range(len(pdf)))
        pdf.close()
        return text

    def with_pdfminer() -> str:
        return extract_text(str(path))

    def with_pdfplumber() -> int:
        with pdfplumber.open(path) as pdf:
            return sum(len(p.find_tables()) for p in pdf.pages if p.rects or p.lines)

    print("\n库对比（同一份 60 页 PDF，取中位数）：")
    print(f"  pypdfium2  全文文字              {timed(with_pdfium, runs):6.2f} s   只有文字，没有表格单元格")
    print(f"  pdfminer   全文文字              {timed(with_pdfminer, runs):6.2f} s   有位置，没有表格单元格")
    seconds, tables = timed(with_pdfplumber, runs), with_pdfplumber()
    print(f"  pdfplumber 文字+位置+表格单元格   {seconds:6.2f} s   {tables} 张带线表格，含合并单元格")


def main() -> int:
    parser = argparse.ArgumentParser(description="PDF 解析速度基准")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from corpus import parse_report

    with tempfile.TemporaryDirectory() as folder:
        path = sixty_pages(Path(folder) / "sixty_pages.pdf")
        parse_report(path)  # warm-up: imports, font tables
        seconds = timed(lambda: parse_report(path), args.runs)
        report = parse_report(path)
        print(f"60 页 PDF 解析（parse_report，{args.runs} 次取中位数）：{seconds:.2f} s")
        print(f"  每页 {seconds / PAGES * 1000:.0f} ms；目标 ≤ {GOAL_S:.0f} s，用时为目标的 {seconds / GOAL_S:.0%}")
        counts = (len(report.sections), len(report.facts), len(report.schedule_facts), len(report.tables))
        print("  章节 {} 个，数据 {} 条，附表数据 {} 条，表格 {} 张".format(*counts))
        compare_libraries(path, args.runs)
    return 0 if seconds <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
