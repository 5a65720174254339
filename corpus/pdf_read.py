"""Open a text PDF with pdfplumber and read each page into text lines and ruled-table cells with positions.

pdfplumber (on pdfminer.six) was chosen over pypdfium2 and plain pdfminer text because it gives both what a
决算 report needs: words with their positions (page, indent, footer) and the cells of ruled tables, merged
cells included. pypdfium2 reads text ~30× faster but has no table cells; see README "PDF input".
Refusals (not a PDF, encrypted, damaged, a scan without a text layer) raise `CorpusError` with a Chinese
message, never a library traceback.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.reader import MAX_REPORT_BYTES, CorpusError

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
FOOTER = re.compile(r"^\s*[-－—–]\s*(\d{1,4})\s*[-－—–]\s*$|^\s*第\s*(\d{1,4})\s*页(?:\s*共\s*\d+\s*页)?\s*$")
FOOTER_ZONE = 0.88  # a page number sits in the bottom 12% of the page
MIN_TABLE_CELLS = 4


@dataclass(frozen=True)
class TextLine:
    """A visual line of text outside any table."""

    text: str
    page: int  # physical page index (0-based)
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size of its first character


@dataclass(frozen=True)
class RawCell:
    """A table cell as drawn: its box and the text inside (wrapped lines kept as a list)."""

    x0: float
    x1: float
    top: float
    bottom: float
    lines: tuple[str, ...]
    page: int


@dataclass
class RawTable:
    cells: list[RawCell]
    page: int
    bbox: tuple[float, float, float, float]


@dataclass
class PdfPage:
    index: int  # 0-based
    number: int | None  # the printed page number (footer), if any
    width: float
    height: float
    blocks: list[TextLine | RawTable] = field(default_factory=list)  # in reading order (top to bottom)
    has_text: bool = True
    has_images: bool = False


@dataclass
class PdfContent:
    pages: list[PdfPage]
    outline: list[str]


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return False


def read_pdf(path: str | Path) -> PdfContent:
    """Every page of a text PDF as lines and tables; `CorpusError` for what cannot be read as one."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    path = Path(path)
    _check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException(original)
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise CorpusError(f"这份 PDF 已加密（需要密码才能打开），无法读取；请提供未加密的 PDF：{path}") from exc
        if isinstance(cause, (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError)) or (
            type(exc).__name__ == "PdfminerException"
        ):
            raise CorpusError(f"这份 PDF 已损坏或不完整，无法读取：{path}") from exc
        raise
    try:
        with pdf:
            pages = [_read_page(page, k) for k, page in enumerate(pdf.pages)]
            outline = _outline(pdf)
    except CorpusError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files: one message for the user
        log.debug("pdf read failed", exc_info=True)
        raise CorpusError(f"这份 PDF 已损坏或不完整，无法读取：{path}") from exc
    if not pages:
        raise CorpusError(f"这份 PDF 没有任何页面：{path}")
    if not any(page.has_text for page in pages):
        if any(page.has_images for page in pages):
            raise CorpusError(
                f"这份 PDF 是扫描件（页面只有图像，没有文字层），本系统不支持 OCR 识别；"
                f"请提供带文字层的 PDF（如从 Word/WPS 直接导出的文件）或文本格式的报告：{path}"
            )
        raise CorpusError(f"这份 PDF 里没有可读取的文字：{path}")
    return PdfContent(pages, outline)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise CorpusError(f"找不到报告文件：{path}")
    if not path.is_file():
        raise CorpusError(f"不是一个文件：{path}")
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise CorpusError(f"报告文件过大（{size} 字节），上限为 {MAX_REPORT_BYTES} 字节：{path}")
    if not is_pdf(path):
        raise CorpusError(f"这不是 PDF 文件（文件头没有 %PDF 标记），请检查文件是否完整：{path}")


def _outline(pdf: Any) -> list[str]:
    try:
        return [str(entry[1]).strip() for entry in pdf.doc.get_outlines() if entry[1]]
    except Exception:  # no outline or a broken one: the title is read from the text instead
        return []


def _read_page(page: Any, index: int) -> PdfPage:
    out = PdfPage(index, None, float(page.width), float(page.height))
    chars = page.chars
    out.has_text = any(not c["text"].isspace() for c in chars)
    out.has_images = bool(page.images)
    if not out.has_text:
        return out
    tables = _tables(page, index) if (page.rects or page.lines) else []
    if tables:
        tables[-1] = _take_overflow(page, tables[-1])
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    lines: list[TextLine] = []
    for line in outside.extract_text_lines(return_chars=True):
        text = line["text"].strip()
        if not text:
            continue
        size = float(line["chars"][0].get("size", 0)) if line.get("chars") else 0.0
        box = (float(line["x0"]), float(line["x1"]), float(line["top"]), float(line["bottom"]))
        item = TextLine(text, index, *box, size)
        footer = FOOTER.match(text)
        if footer and item.top > out.height * FOOTER_ZONE:
            out.number = int(footer.group(1) or footer.group(2))
            continue
        lines.append(item)
    blocks: list[TextLine | RawTable] = [*lines, *tables]
    blocks.sort(key=lambda b: b.top if isinstance(b, TextLine) else b.bbox[1])
    out.blocks = blocks
    return out


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _take_overflow(page: Any, table: RawTable) -> RawTable:
    """Text a cell could not fit above a page break, printed under the table's last row.

    When everything below the page's last table is in the table's own type size and sits in the columns of
    its bottom row, that text belongs to those cells: it is added to them, and the table's box is grown over
    it so it is not read again as prose (a signature line under a table is in the body's larger type).
    """
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = table.bbox
    inside = [c["size"] for c in page.chars if top <= c["top"] < bottom and x0 <= c["x0"] <= x1]
    if not inside:
        return table
    window = bottom + 3 * max(inside) + 6  # an overflow runs a line or two past the table, a footer is further
    below = [c for c in page.chars if bottom - 0.5 <= c["top"] < window and not c["text"].isspace()]
    if not below:
        return table
    tall = [c for c in table.cells if abs(c.bottom - bottom) < 1.5]
    after = [c for c in page.chars if c["top"] >= window and c["top"] < float(page.height) * FOOTER_ZONE]
    if not tall or after or max(c["size"] for c in below) > max(inside) + 0.1:
        return table  # text in the body's larger type: a line under the table, not a cell's overflow

    def owner(char: dict[str, Any]) -> RawCell | None:
        cx = (char["x0"] + char["x1"]) / 2
        return next((c for c in tall if c.x0 <= cx <= c.x1), None)

    if any(owner(c) is None for c in below):
        return table
    extra: dict[int, list[dict[str, Any]]] = {}
    for char in below:
        extra.setdefault(id(owner(char)), []).append(char)
    cells = []
    for cell in table.cells:
        chars = extra.get(id(cell))
        if chars:
            more = tuple(line.strip() for line in extract_text(chars).split("\n") if line.strip())
            cell = RawCell(cell.x0, cell.x1, cell.top, cell.bottom, cell.lines + more, cell.page)
        cells.append(cell)
    grown = (x0, top, x1, max(c["bottom"] for c in below) + 0.5)
    return RawTable(cells, table.page, grown)


def _settings(page: Any) -> dict[str, Any]:
    """Close tables that a page break cuts open: a merged cell that runs on to the next page has its side
    rules drawn down to the page's last row but no bottom rule (and the next page's part no top rule)."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return {}
    return {"explicit_horizontal_lines": [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]}


def _tables(page: Any, index: int) -> list[RawTable]:
    """Ruled tables of a page: each drawn cell with the text lines inside it."""
    from pdfplumber.utils import extract_text

    found = page.find_tables(_settings(page))
    out: list[RawTable] = []
    for table in found:
        boxes = [cell for cell in table.cells if cell is not None]
        if len(boxes) < MIN_TABLE_CELLS:
            continue
        x0, top, x1, bottom = table.bbox
        chars = [c for c in page.chars if _inside(c, [(x0, top, x1, bottom)])]
        by_cell: dict[int, list[dict[str, Any]]] = {k: [] for k in range(len(boxes))}
        for char in chars:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            for k, (bx0, btop, bx1, bbottom) in enumerate(boxes):
                if bx0 <= cx <= bx1 and btop <= cy <= bbottom:
                    by_cell[k].append(char)
                    break
        cells = []
        for k, (bx0, btop, bx1, bbottom) in enumerate(boxes):
            text = extract_text(by_cell[k]) if by_cell[k] else ""
            lines = tuple(line.strip() for line in text.split("\n") if line.strip())
            cells.append(RawCell(float(bx0), float(bx1), float(btop), float(bbottom), lines, index))
        if not any(cell.lines for cell in cells):
            continue  # a drawn frame (a figure's border), not a table
        out.append(RawTable(cells, index, tuple(float(v) for v in table.bbox)))
    return out
