"""Build the cleaned text and the section tree of a report from its layout lines.

Headings follow the national template: 第X部分 → 一、 → （一） → 1. ; each 项目支出绩效自评表 becomes
its own section. Prose lines are joined into paragraphs (the PDF wrapped them at the page width);
table lines stay one per line, because joining table fragments would glue unrelated cells.
Hand-written: the template's numbering is the structure, and no library parses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.layout import Layout, Line
from corpus.records import Section

CN_NUM = "一二三四五六七八九十"
PART = re.compile(rf"^第([{CN_NUM}]+)部分\s*(.*)$")
CHAPTER = re.compile(rf"^([{CN_NUM}]+)、\s*(.+)$")
SUBSECTION = re.compile(rf"^[（(]([{CN_NUM}]+)[）)]\s*(.+)$")
ITEM = re.compile(r"^(\d{1,2})[.．](?!\d)\s*(\S.*)$")
TABLE_TITLE = re.compile(r"项目支出绩效自评表")
TABLE_NAME = re.compile(r"^项目名称\s*(.*)$")
PROJECT_CODE = re.compile(r"^([0-9A-Z]{10,})\s*[-－—]\s*(.+)$")
FIGURE = re.compile(r"^图\s*\d+\s*[:：]")
SENTENCE_END = re.compile(r"[。！？；;：:]$")
TITLE_CUT = re.compile(r"[:：，,。；;]")
TRAILING_AMOUNT = re.compile(r"\s*[\d.,]+\s*(万元|元|%|亿元)?\s*$")


def cn_to_int(numeral: str) -> int:
    """一 → 1, 十 → 10, 十三 → 13, 二十一 → 21 (enough for section numbering)."""
    digits = {c: i + 1 for i, c in enumerate(CN_NUM[:9])}
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits[numeral]


@dataclass
class _Node:
    id: str
    level: int
    kind: str
    number: str
    title: str
    heading_path: tuple[str, ...]
    parent_id: str | None
    start: int = 0
    segment: int = 0
    children: int = 0
    items: int = 0
    tables: int = 0


@dataclass
class _Builder:
    """Accumulates clean text with a char-by-char offset map back to the raw file."""

    text: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    length: int = 0

    def add_paragraph(self, lines: list[Line]) -> int:
        if self.length:
            self.text.append("\n")
            self.offsets.append(self.offsets[-1] + 1)
            self.length += 1
        start = self.length
        for line in lines:
            self.text.append(line.text)
            self.offsets.extend(range(line.raw_start, line.raw_start + len(line.text)))
            self.length += len(line.text)
        return start


def _item_title(text: str) -> str:
    cut = TITLE_CUT.search(text)
    title = text[: cut.start()] if cut else text[:40]
    title = TRAILING_AMOUNT.sub("", title).strip()
    return title[:60] or text[:20]


def build_sections(layout: Layout) -> tuple[str, list[int], list[Section]]:
    """Return (clean_text, offsets, sections) for the layout of one report."""
    builder = _Builder()
    nodes: list[_Node] = []
    stack: list[_Node] = []  # open ancestors, shallowest first
    lines = layout.lines
    paragraph: list[Line] = []
    in_tables = False
    pending_item: _Node | None = None  # item whose title is read from its first paragraph
    orphan_tables = [0]  # tables seen before any part

    def flush() -> None:
        nonlocal paragraph, pending_item
        if not paragraph:
            return
        start = builder.add_paragraph(paragraph)
        joined = "".join(line.text for line in paragraph)
        if pending_item is not None:
            pending_item.start = start
            body = ITEM.match(joined)
            pending_item.title = _item_title(body.group(2) if body else joined)
            parent_path = pending_item.heading_path
            pending_item.heading_path = (*parent_path, f"{pending_item.number}{pending_item.title}")
            pending_item = None
        paragraph = []

    def open_node(kind: str, level: int, number: str, title: str, line: Line) -> _Node:
        flush()
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        if kind == "part":
            node_id = f"p{cn_to_int(number[1:-2])}"
        elif kind == "chapter":
            node_id = f"{parent.id}.c{cn_to_int(number[:-1])}" if parent else f"c{cn_to_int(number[:-1])}"
        elif kind == "subsection":
            node_id = f"{parent.id}.s{cn_to_int(number[1:-1])}" if parent else f"s{cn_to_int(number[1:-1])}"
        elif kind == "item":
            node_id = f"{parent.id}.i{int(number.rstrip('.．'))}" if parent else f"i{number}"
        elif parent is not None:  # project_table
            parent.tables += 1
            node_id = f"{parent.id}.t{parent.tables:02d}"
        else:  # a table before any part (a damaged file): still a section, never a crash
            orphan_tables[0] += 1
            node_id = f"t{orphan_tables[0]:02d}"
        base_path = parent.heading_path if parent else ()
        if kind == "project_table":
            heading = title
        elif kind == "part":
            heading = f"{number} {title}".strip()
        else:
            heading = f"{number}{title}"
        node = _Node(
            node_id,
            level,
            kind,
            number,
            title,
            (*base_path, heading) if kind != "item" else base_path,
            parent.id if parent else None,
            builder.length + (1 if builder.length else 0),
            line.segment,
        )
        # avoid duplicate ids when a template repeats a number (keeps ids unique and stable)
        existing = {n.id for n in nodes}
        suffix = 2
        unique = node.id
        while unique in existing:
            unique = f"{node.id}_{suffix}"
            suffix += 1
        node.id = unique
        nodes.append(node)
        stack.append(node)
        return node

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        part = PART.match(text) if line.kind == "text" else None
        if part:
            number = f"第{part.group(1)}部分"
            open_node("part", 1, number, part.group(2).strip(), line)
            in_tables = False
            paragraph = [line]
            flush()
            i += 1
            continue
        if _starts_table(lines, i):
            title_line = line
            name_index = i if TABLE_NAME.match(text) else i + 1
            code, name = _project_code_name(lines[name_index].text)
            while stack and stack[-1].level > 1:
                stack.pop()
            open_node("project_table", 2, code, name, title_line)
            in_tables = True
            for j in range(i, name_index + 1):
                paragraph = [lines[j]]
                flush()
            i = name_index + 1
            continue
        if in_tables or line.kind == "table":
            flush()
            paragraph = [line]
            flush()
            i += 1
            continue
        chapter = CHAPTER.match(text)
        subsection = SUBSECTION.match(text)
        item = ITEM.match(text)
        if chapter and stack:
            open_node("chapter", 2, f"{chapter.group(1)}、", chapter.group(2).strip(), line)
            paragraph = [line]
            flush()
        elif subsection and stack:
            open_node("subsection", 3, f"（{subsection.group(1)}）", subsection.group(2).strip(), line)
            paragraph = [line]
            flush()
        elif item and stack:
            node = open_node("item", 4, f"{item.group(1)}.", "", line)
            pending_item = node
            paragraph = [line]
        elif FIGURE.match(text):
            flush()
            paragraph = [line]
            flush()
        else:
            paragraph.append(line)
            if SENTENCE_END.search(text):
                flush()
        i += 1
    flush()

    clean = "".join(builder.text)
    return clean, builder.offsets, _finish(nodes, clean, layout)


def _starts_table(lines: list[Line], i: int) -> bool:
    """A 自评表 starts at its title line (or a bare 项目名称 line) that is followed by 项目名称."""
    text = lines[i].text
    if TABLE_NAME.match(text):
        return i == 0 or not TABLE_TITLE.search(lines[i - 1].text)
    if TABLE_TITLE.search(text) and not PART.match(text):
        return i + 1 < len(lines) and bool(TABLE_NAME.match(lines[i + 1].text))
    return False


def _project_code_name(text: str) -> tuple[str, str]:
    rest = TABLE_NAME.match(text).group(1).strip()
    coded = PROJECT_CODE.match(rest)
    if coded:
        return coded.group(1), coded.group(2).strip()
    return "", rest


def _finish(nodes: list[_Node], clean: str, layout: Layout) -> list[Section]:
    sections: list[Section] = []
    ordered = sorted(nodes, key=lambda n: n.start)
    for k, node in enumerate(ordered):
        end = ordered[k + 1].start - 1 if k + 1 < len(ordered) else len(clean)
        end = max(end, node.start)
        text = clean[node.start : end]
        sections.append(
            Section(
                id=node.id,
                level=node.level,
                kind=node.kind,
                number=node.number,
                title=node.title,
                heading_path=node.heading_path,
                text=text,
                start=node.start,
                end=end,
                page=layout.segment_pages.get(node.segment),
                parent_id=node.parent_id,
            )
        )
    return sections
