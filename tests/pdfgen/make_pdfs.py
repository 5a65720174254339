"""`make fixtures`: render the project's test PDFs from its fixture reports (SYNTHETIC TEST DATA).

No real 决算 PDF can be downloaded here, so the PDFs the PDF reader is tested on are made the way offices
make them: HTML with ruled tables printed by WeasyPrint, the Debian CJK font wqy-zenhei embedded with a
ToUnicode map, "- N -" footers, a cover and a contents page. Outputs (committed; this script regenerates them):

- corpus/data/2023_sichuan_big_data_center_final_accounts.pdf   the shipped report, with its 附表 filled in
- tests/fixtures/pdf/2022_chengdu_data_bureau_final_accounts.pdf the second report of the template
- tests/fixtures/pdf/2023_suining_data_center_final_accounts.pdf a third report in another table layout
- tests/fixtures/pdf/bad/*.pdf   a scan (pages as images), an encrypted PDF, a truncated PDF, a non-PDF named
                                 .pdf, and a PDF that is not a 决算 report

Run with `python tests/pdfgen/make_pdfs.py [--out DIR]`.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(HERE), str(REPO)]

from from_text import document_from_text  # noqa: E402
from layout_html import render  # noqa: E402
from model import Document  # noqa: E402
from third_report import third_document  # noqa: E402

log = logging.getLogger("make_pdfs")
SHIPPED_TXT = REPO / "corpus" / "data" / "2023_sichuan_big_data_center_final_accounts.txt"
CHENGDU_TXT = REPO / "tests" / "fixtures" / "2022_chengdu_data_bureau_final_accounts.txt"
NOTE = (
    "测试用排版（合成测试数据）：本PDF由项目的测试生成器 tests/pdfgen 按随附报告文本排版生成，"
    "正文与自评表照录原文；附表中标“※”的数字为正文未载明、按正文数字推得或补足的合成数据。"
)
FIXED_DATE = "2024-06-30T00:00:00+08:00"  # metadata dates fixed so a rebuild gives the same file


def write_pdf(doc: Document, out: Path, figure: Path) -> Path:
    import base64

    from weasyprint import HTML

    png = base64.b64encode(figure.read_bytes()).decode("ascii")
    html = render(doc, f"data:image/png;base64,{png}")  # inline: the output does not depend on a file path
    html = html.replace(
        "<meta charset=\"utf-8\">",
        f'<meta charset="utf-8"><meta name="dcterms.created" content="{FIXED_DATE}">'
        f'<meta name="dcterms.modified" content="{FIXED_DATE}"><meta name="generator" content="tests/pdfgen">',
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=str(HERE)).write_pdf(out, pdf_identifier=b"juesuan-test-pdf", uncompressed_pdf=False)
    log.info("wrote %s (%d KB)", out, out.stat().st_size // 1024)
    return out


def figure_png(path: Path) -> Path:
    """A small bar chart standing in for the report's 图 N (an image, as in the real documents)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (420, 180), "white")
    draw = ImageDraw.Draw(image)
    for k, height in enumerate((120, 90, 140, 60)):
        draw.rectangle((40 + k * 95, 160 - height, 100 + k * 95, 160), fill=(70 + 40 * k, 110, 170))
    draw.line((30, 160, 400, 160), fill="black", width=2)
    image.save(path, optimize=True)
    return path


def scanned_pdf(source: Path, out: Path, pages: int = 2) -> Path:
    """Pages of a real PDF turned into images only: what a scanner gives (no text layer)."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    pdf = pdfium.PdfDocument(str(source))
    images = []
    for k in range(2, 2 + pages):
        image = pdf[k].render(scale=1.2).to_pil().convert("L").filter(ImageFilter.GaussianBlur(0.6))
        images.append(image.rotate(0.4, fillcolor=255))
    pdf.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=100)
    return out


def bad_files(source: Path, folder: Path, figure: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    folder.mkdir(parents=True, exist_ok=True)
    scanned_pdf(source, folder / "scanned.pdf")
    writer = PdfWriter()
    for page in PdfReader(source).pages[2:4]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with (folder / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    (folder / "truncated.pdf").write_bytes(source.read_bytes()[:4096])
    (folder / "not_a_pdf.pdf").write_text("这不是PDF文件，只是改了扩展名的文本。\n", encoding="utf-8")
    notice = (
        "<meta charset='utf-8'><style>html{font-family:'WenQuanYi Zen Hei';font-size:12pt}</style>"
        "<h2>关于召开2024年度数据工作会议的通知</h2><p>各处室：经研究，定于6月18日召开年度数据工作会议，"
        "请各处室负责同志准时参加。会议材料请于6月14日前报送办公室。</p><p>特此通知。</p>"
    )
    buffer = io.BytesIO()
    HTML(string=notice).write_pdf(buffer, pdf_identifier=b"juesuan-test-pdf")
    (folder / "not_juesuan.pdf").write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成测试用 PDF（合成测试数据）")
    parser.add_argument("--out", type=Path, default=REPO, help="仓库根目录（默认：本仓库）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    root: Path = args.out
    fixtures = root / "tests" / "fixtures" / "pdf"
    fixtures.mkdir(parents=True, exist_ok=True)
    figure = figure_png(fixtures / ".figure.png")
    try:
        shipped = document_from_text(SHIPPED_TXT)
        shipped.synthetic_note = NOTE
        write_pdf(shipped, root / "corpus" / "data" / "2023_sichuan_big_data_center_final_accounts.pdf", figure)
        chengdu = document_from_text(CHENGDU_TXT)
        chengdu.synthetic_note = NOTE
        chengdu_pdf = write_pdf(chengdu, fixtures / "2022_chengdu_data_bureau_final_accounts.pdf", figure)
        write_pdf(third_document(), fixtures / "2023_suining_data_center_final_accounts.pdf", figure)
        bad_files(chengdu_pdf, fixtures / "bad", figure)
    finally:
        figure.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
