"""Parse a report file into a `Report`: metadata, cleaned text, sections, projects and facts."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from corpus.facts import narrative_facts, unique_ids
from corpus.layout import page_starts, read_layout
from corpus.pdf_read import is_pdf
from corpus.projects import read_projects
from corpus.reader import CorpusError, content_hash, read_report_text
from corpus.records import Report
from corpus.sections import build_sections

TITLE = re.compile(r"^(\d{4})\s*年度?\s*(\S+?)(单位决算|部门决算)$")
YEAR_IN_HEADING = re.compile(r"(\d{4})\s*年度\s*(单位|部门)决算情况说明")
BODY_IN_TEXT = re.compile(
    r"(?:实施单位|预算单位|部门名称|单位名称)\s*[（(]?\s*(?:盖章)?\s*[）)]?\s*[:：]?\s*"
    r"(\S{3,30}?(?:中心|局|厅|委员会|委|办公室|院|所|站|馆|会|部|处|校|学院|大学))"
)
MIN_PARTS = 2


def parse_report(path: str | Path) -> Report:
    """Parse one report file. Raises `CorpusError` (a Chinese message) for anything that is not one."""
    path = Path(path)
    if is_pdf(path):
        from corpus.parse_pdf import parse_pdf  # pdfplumber is imported only for PDF input

        return parse_pdf(path, _report_id(path), _metadata)
    if path.suffix.lower() == ".pdf" and path.is_file():
        raise CorpusError(f"这不是 PDF 文件（扩展名是 .pdf，但文件头没有 %PDF 标记），文件可能已损坏或被改名：{path}")
    raw = read_report_text(path)
    layout = read_layout(raw)
    clean, offsets, sections = build_sections(layout)
    parts = [s for s in sections if s.kind == "part"]
    if len(parts) < MIN_PARTS or "决算" not in raw:
        raise CorpusError(f"这份文件看起来不是决算报告（没有找到“第一部分”“第二部分”这类章节和“决算”字样）：{path}")
    year, body, kind = _metadata(raw, layout.outline, clean)
    report = Report(
        id=_report_id(path),
        path=str(path),
        title=f"{year}年度{body}{kind}" if year else f"{body}{kind}",
        body=body,
        kind=kind,
        year=year,
        content_hash=content_hash(raw),
        raw_text=raw,
        clean_text=clean,
        offsets=offsets,
        sections=sections,
        page_starts=page_starts(layout),
    )
    projects, table_facts, issues = read_projects(report)
    report.projects = projects
    facts = unique_ids(narrative_facts(report) + table_facts)
    report.facts = [replace(f, page=report.page_at(f.start)) for f in facts]
    report.issues = issues
    return report


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int) -> Report:
    return parse_report(path)


def load_report(path: str | Path) -> Report:
    """Parse with a cache keyed by the file's identity, so several stages in one process parse once."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise CorpusError(f"找不到报告文件：{path}") from exc
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


def _report_id(path: Path) -> str:
    """A Chroma-safe id from the file name: [A-Za-z0-9._-], 3..60 characters."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.stem).strip("._-")
    if len(stem) < 3:
        import hashlib

        stem = "report_" + hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:8]
    return stem[:60]


def _metadata(raw: str, outline: list[str], clean: str) -> tuple[int, str, str]:
    """Year, body and kind from the bookmark outline, else from the text itself."""
    kind = "部门决算" if "部门决算情况说明" in clean else "单位决算"
    year = 0
    body = ""
    joined_outline = "".join(outline[:3])
    outline = [*outline, "".join(outline[:2])]
    first_lines = clean.split("\n")[:5]
    joined_lines = ["".join(first_lines[:n]) for n in (2, 3)]  # a cover prints year and title on two lines
    for candidate in [joined_outline, *outline[:5], *first_lines, *joined_lines]:
        match = TITLE.match(candidate.replace(" ", ""))
        if match:
            year, body, kind = int(match.group(1)), match.group(2), match.group(3)
            break
    if not year:
        heading = YEAR_IN_HEADING.search(clean)
        if heading:
            year = int(heading.group(1))
    if not body:
        found = BODY_IN_TEXT.search(clean)
        body = found.group(1) if found else "本单位"
    return year, body, kind
