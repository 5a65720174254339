"""Split a `Report` into chunks.

Pipeline "full": chunks never cross a section boundary. Prose sections are cut at sentence ends into pieces of a
few hundred characters with a one-sentence overlap; project tables (one visual line per line) are cut at their
labelled blocks (项目名称 / 预算执行 / 绩效指标 / 评价结论 / 存在问题 / 负责人 …); every indicator row of a 绩效自评表,
every project's headline figures and every fact group (facts of one subject in one section) become a short
natural-language chunk of their own. The heading path is prepended to the embedded text.

Pipeline "baseline": fixed windows over the whole cleaned text, no heading, no fact chunks (the evals' control).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from decimal import Decimal

from corpus.records import Fact, IndicatorRow, ProjectTable, Report, Section
from index.records import Chunk

PIPELINES = ("full", "baseline")
TEXT_MAX = 300  # characters: a few sentences of Chinese prose, well under e5's 512 tokens with the heading
OVERLAP_MAX = 80  # the previous sentence is repeated only when it is short
TABLE_MAX = 360
BASELINE_SIZE = 300

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」）)]*|\n")
_CLAUSE_END = re.compile(r"[，、,：:]")
# Labels that open a meaningful block of a 绩效自评表 in the national template (first characters of a line:
# the PDF breaks vertical labels such as 项目基\n本情况, so prefixes are matched).
_TABLE_BLOCK = re.compile(
    r"^(部门预算项目支出绩效自评表|项目名称|主管部门|实施单位|项目基|项目年度目标|1\.项|2\.项|预算执|年度|资金|"
    r"绩效指|一级|产出|效益|满意|成本|合计|评价|存在|改进|项目负责人)"
)
# Blocks that always start a new chunk: the table's main parts.
_TABLE_PART = re.compile(r"^(2\.项|预算执|绩效指|评价)")
TABLE_MIN = 80  # a smaller table block (a title, a header row) is merged into its neighbour
_ASCII_BREAK = re.compile(r"(?<=[0-9A-Za-z%.])\n(?=[0-9A-Za-z])")
_NEWLINES = re.compile(r"\s*\n\s*")


def make_chunks(report: Report, pipeline: str = "full") -> list[Chunk]:
    if pipeline not in PIPELINES:
        raise ValueError(f"未知的流水线：{pipeline}（可选 full、baseline）")
    if pipeline == "baseline":
        return _baseline_chunks(report)
    chunks: list[Chunk] = []
    parents = {s.parent_id for s in report.sections if s.parent_id}
    # A 附表 read from a PDF restates the narrative's figures row by row (its figures are Report.schedule_facts):
    # only the words above the table are chunked, so its rows never crowd the prose out of a search.
    schedules = {t.section_id: t.start for t in report.tables if t.kind == "schedule"}
    for section in report.sections:
        if section.kind == "project_table":
            chunks.extend(_table_chunks(report, section))
        elif section.id in schedules:
            chunks.extend(_text_chunks(report, section, end=schedules[section.id]))
        elif not (section.id in parents and _heading_only(section)):
            # a parent whose text is only its heading adds nothing its children's heading paths lack
            chunks.extend(_text_chunks(report, section))
    for project in report.projects:
        chunks.extend(_project_chunks(report, project))
    # Facts read from a 绩效自评表 restate its summary and indicator rows, which already have chunks of their own;
    # repeating them would only crowd the top-k with near-duplicates.
    tabled = {p.section_id for p in report.projects}
    chunks.extend(_fact_chunks(report, [f for f in report.facts if f.section_id not in tabled]))
    return chunks


def join_lines(text: str) -> str:
    """Undo the PDF's visual line breaks: CJK lines join directly, figures keep a space between them."""
    return _NEWLINES.sub("", _ASCII_BREAK.sub(" ", text))


def _heading_only(section: Section) -> bool:
    return "\n" not in section.text.strip()


def _meta(report: Report, section: Section, start: int, end: int, kind: str, **extra: object) -> dict[str, object]:
    meta: dict[str, object] = {
        "report_id": report.id,
        "section_id": section.id,
        "heading": section.heading,
        "page": _page(report, section, start),
        "start": start,
        "end": end,
        "kind": kind,
        "pipeline": "full",
    }
    meta.update(extra)
    return meta


def _page(report: Report, section: Section, start: int) -> int:
    """The page that holds the chunk's start (PDF input tells every page), else its section's, else -1."""
    page = report.page_at(start)
    page = page if page is not None else section.page
    return page if page is not None else -1


def _embed_text(section: Section, body: str) -> str:
    return f"{section.heading}\n{body}"


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:  # a sentence longer than the limit is cut at clause marks, else hard
        while e - s > TEXT_MAX:
            cut = max((m.end() for m in _CLAUSE_END.finditer(text, s, s + TEXT_MAX)), default=s + TEXT_MAX)
            if cut <= s + TEXT_MAX // 3:
                cut = s + TEXT_MAX
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _group(
    spans: list[tuple[int, int]], limit: int, overlap: bool, breaks: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Greedy packing of consecutive spans into windows of at most `limit` characters (a span starting at
    one of `breaks` always opens a new window)."""
    groups: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    for span in spans:
        if current and (span[1] - current[0][0] > limit or span[0] in breaks):
            groups.append((current[0][0], current[-1][1]))
            last = current[-1]
            keep = overlap and last[1] - last[0] <= OVERLAP_MAX and span[1] - last[0] <= limit
            current = [last] if keep else []
        current.append(span)
    if current:
        groups.append((current[0][0], current[-1][1]))
    return groups


def _merge_small(groups: list[tuple[int, int]], keep: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Merge a block under TABLE_MIN into the next one (or the previous one at the end, unless it opens a part
    of the table listed in `keep`, such as a short 评价结论)."""
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for s, e in groups:
        if pending is not None:
            s, pending = pending[0], None
        if e - s < TABLE_MIN:
            pending = (s, e)
            continue
        out.append((s, e))
    if pending is not None:
        if out and pending[0] not in keep:
            out[-1] = (out[-1][0], pending[1])
        else:
            out.append(pending)
    return out


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _text_chunks(report: Report, section: Section, end: int | None = None) -> list[Chunk]:
    chunks = []
    text = section.text if end is None else section.text[: max(0, end - section.start)]
    for n, (s, e) in enumerate(_group(_sentence_spans(text), TEXT_MAX, overlap=True)):
        s, e = _strip_span(section.text, s, e)
        if s >= e:
            continue
        body = section.text[s:e]
        start, end = section.start + s, section.start + e
        chunks.append(
            Chunk(
                id=f"{report.id}:{section.id}:text:{n}",
                section_id=section.id,
                text=body,
                embed_text=_embed_text(section, body),
                metadata=_meta(report, section, start, end, "text"),
            )
        )
    return chunks


def _table_chunks(report: Report, section: Section) -> list[Chunk]:
    text = section.text
    blocks: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            if not blocks or _TABLE_BLOCK.match(line.strip()):
                blocks.append((pos, end))
            else:
                blocks[-1] = (blocks[-1][0], end)
        pos = end + 1
    pieces: list[tuple[int, int]] = []
    for s, e in blocks:  # a block over the limit is cut at line ends
        while e - s > TABLE_MAX:
            cut = text.rfind("\n", s, s + TABLE_MAX)
            cut = cut if cut > s else s + TABLE_MAX
            pieces.append((s, cut))
            s = cut + 1 if text[cut : cut + 1] == "\n" else cut
        pieces.append((s, e))
    chunks = []
    breaks = frozenset(s for s, _ in pieces if _TABLE_PART.match(text[s:e].strip()))
    for n, (s, e) in enumerate(_merge_small(_group(pieces, TABLE_MAX, overlap=False, breaks=breaks), breaks)):
        s, e = _strip_span(text, s, e)
        if s >= e:
            continue
        body = text[s:e]
        chunks.append(
            Chunk(
                id=f"{report.id}:{section.id}:text:{n}",
                section_id=section.id,
                text=body,
                embed_text=_embed_text(section, join_lines(body)),
                metadata=_meta(report, section, section.start + s, section.start + e, "text"),
            )
        )
    return chunks


def _num(value: Decimal | None, suffix: str = "") -> str:
    return "未填" if value is None else f"{value}{suffix}"


def _project_chunks(report: Report, project: ProjectTable) -> list[Chunk]:
    try:
        section = report.section(project.section_id)
    except KeyError:
        return []
    summary = (
        f"{project.name}（项目编码 {project.code}）：主管部门{project.department}，实施单位{project.implementer}；"
        f"年初预算{_num(project.initial_budget, '万元')}，调整后预算{_num(project.adjusted_budget, '万元')}，"
        f"预算执行数{_num(project.executed, '万元')}，预算执行率{_num(project.execution_rate, '%')}；"
        f"自评得分{_num(project.self_score, '分')}；项目负责人{project.leader or '未填'}，"
        f"财务负责人{project.finance_leader or '未填'}。"
    )
    chunks = [
        Chunk(
            id=f"{report.id}:{section.id}:fact:project",
            section_id=section.id,
            text=summary,
            embed_text=_embed_text(section, summary),
            metadata=_meta(report, section, section.start, section.end, "fact", subject=project.name),
        )
    ]
    for n, row in enumerate(project.indicators):
        text = _indicator_text(project, row)
        chunks.append(
            Chunk(
                id=f"{report.id}:{section.id}:indicator:{n}",
                section_id=section.id,
                text=text,
                embed_text=_embed_text(section, text),
                metadata=_meta(
                    report,
                    section,
                    row.start,
                    row.start + len(row.quote),
                    "indicator",
                    subject=project.name,
                    indicator=row.name,
                ),
            )
        )
    return chunks


def _indicator_text(project: ProjectTable, row: IndicatorRow) -> str:
    path = "-".join(p for p in (row.level1, row.level2, row.name) if p)
    comparator = "" if row.comparator in ("定性", "") else row.comparator
    text = (
        f"{project.name} 绩效指标 {path}：指标值{comparator}{row.target}{row.unit}，"
        f"完成值{row.actual}{row.unit if row.actual not in ('', '好', '是', '否') else ''}，"
        f"权重{_num(row.weight)}，得分{_num(row.score)}"
    )
    if row.shortfall_reason:
        text += f"；未完成原因：{row.shortfall_reason}"
    return text + "。"


def _fact_phrase(fact: Fact, with_year: bool) -> str:
    figure = fact.raw if fact.unit and fact.raw.endswith(fact.unit) else f"{fact.raw}{fact.unit}"
    if fact.value < 0 and not fact.raw.lstrip().startswith(("-", "−")):
        figure = "-" + figure  # a printed 减少 0.91 is stored as -0.91: keep the direction in the sentence
    year = f"{fact.year}年" if with_year and fact.year else ""
    return f"{year}{fact.measure}{figure}"


def _fact_chunks(report: Report, facts: list[Fact]) -> list[Chunk]:
    groups: OrderedDict[tuple[str, str, str], list[Fact]] = OrderedDict()
    for fact in facts:
        groups.setdefault((fact.section_id, fact.scope, fact.subject), []).append(fact)
    chunks = []
    counters: dict[str, int] = {}
    for (section_id, scope, subject), group in groups.items():
        try:
            section = report.section(section_id)
        except KeyError:
            continue
        years = {f.year for f in group}
        one_year = len(years) == 1 and group[0].year
        phrases = list(OrderedDict.fromkeys(_fact_phrase(f, not one_year) for f in group))
        reasons = list(OrderedDict.fromkeys(f.reason for f in group if f.reason))
        name = f"{scope} {subject}" if scope else subject
        if one_year:
            name += f"（{group[0].year}年）"
        text = f"{name}：{'，'.join(phrases)}。"
        if reasons:
            text += f"原因：{'；'.join(reasons)}"
        start = min(f.start for f in group)
        end = max(f.start + len(f.quote) for f in group)
        n = counters[section_id] = counters.get(section_id, -1) + 1
        chunks.append(
            Chunk(
                id=f"{report.id}:{section_id}:fact:{n}",
                section_id=section_id,
                text=text,
                embed_text=_embed_text(section, text),
                metadata=_meta(report, section, start, end, "fact", subject=subject),
            )
        )
    return chunks


def _baseline_chunks(report: Report) -> list[Chunk]:
    text = report.clean_text
    chunks = []
    for n, start in enumerate(range(0, len(text), BASELINE_SIZE)):
        end = min(start + BASELINE_SIZE, len(text))
        body = text[start:end]
        if not body.strip():
            continue
        section = max(report.sections, key=lambda s: min(s.end, end) - max(s.start, start))
        meta = _meta(report, section, start, end, "text")
        meta["pipeline"] = "baseline"
        chunks.append(
            Chunk(id=f"{report.id}:baseline:{n}", section_id=section.id, text=body, embed_text=body, metadata=meta)
        )
    return chunks
