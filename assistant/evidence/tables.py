"""The text of the 项目支出绩效自评表: each table's running sentences, and the spans of its cells (the signature
line with the 负责人, a text cell, an indicator row), so a table answer cites the lines that say it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence.spans import Span, locate, sentence_around
from assistant.evidence.spans import one_line as _one_line
from assistant.understand.cues import CUES
from assistant.understand.words import EVERYDAY_GRAMS, grams
from corpus import IndicatorRow, ProjectTable, Report

PROSE_SENTENCE = 200  # longer "sentences" of a table are its cells run together, not prose


LONG_CLAUSES = 4  # …unless they run on in comma clauses: then they are prose, read in windows


CLAUSE_WINDOW = 40  # characters of clauses per window of a long sentence


CELL_LABEL = CUES.cue("cell_label")


class ProjectTables:
    """Spans and sentences of the report's project tables."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def signature(self, project: ProjectTable) -> Span | None:
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        at = text.find("项目负责人", section.start, section.end)
        if at == -1 and project.leader:
            # PDF extraction sometimes moves a table's last line into the next table: find it by its name.
            at = text.find(f"项目负责人：{project.leader}")
        if at == -1:
            return None
        section = self.report.section_at(at)
        end = text.find("\n", at, section.end)
        return Span(at, end if end != -1 else section.end)

    def field_span(self, project: ProjectTable, value: str) -> Span | None:
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        value = value.strip()
        if not value:
            return None
        # A table cell wraps its text over lines ("存在\n问题"): match across them.
        found = _find_loose(text, value, section.start, section.end)
        if found is not None:
            return found
        first = value.split("\n")[0][:40]
        found = _find_loose(text, first, section.start, section.end)
        return sentence_around(self.report, found.start, found.end) if found is not None else None

    def row_span(self, row: IndicatorRow) -> Span | None:
        return locate(self.report, row.quote, row.start)

    def table_sentences(self, project: ProjectTable, windows: bool = False) -> list[tuple[Span, str]]:
        """The running-text sentences of a project's table (its goal cells and notes), with their spans; with
        `windows`, a long prose sentence is read in runs of its clauses too."""
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        out: list[tuple[Span, str]] = []
        start = section.start
        for match in re.finditer(r"[。；;！？]", text[section.start : section.end]):
            end = section.start + match.end()
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            one = _one_line(chunk)
            if 4 <= len(one) <= PROSE_SENTENCE:
                out.append((Span(start + lead, end), one))
            elif windows and one.count("，") >= LONG_CLAUSES:  # one long sentence of prose: read in clause windows
                out.extend(_clause_windows(text, start + lead, end))
            start = end
        return out


def whole_sentence(text: str, span: Span, limit: int = 160) -> Span:
    """A table window cut mid-sentence ("合同服务期是…8月26日" | "到2023年8月25日") runs on to its 。."""
    if text[span.start : span.end].rstrip().endswith(("。", "；", "！", "？")):
        return span
    stop = text.find("。", span.end, span.end + limit)
    return Span(span.start, stop + 1) if stop != -1 else span


def without_label(text: str, span: Span) -> Span:
    """A table sentence without the cell label printed before it ("2.项目实施内容及过程概述")."""
    match = CELL_LABEL.match(text, span.start, span.end)
    return Span(match.end(), span.end) if match and match.end() < span.end else span


def _clause_windows(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """A long prose sentence ("…，办公家具包含办公桌、书柜…，…搭乘公交车、地铁便利。") as runs of its comma
    clauses, so the clause that holds the question's words can be chosen without the whole cell."""
    out: list[tuple[Span, str]] = []
    begin = start
    for match in re.finditer(r"，", text[start:end]):
        stop = start + match.end()
        if len(_one_line(text[begin:stop])) >= CLAUSE_WINDOW:
            out.append((Span(begin, stop), _one_line(text[begin:stop])))
            begin = stop
            while begin < end and text[begin].isspace():
                begin += 1
    if begin < end:
        out.append((Span(begin, end), _one_line(text[begin:end])))
    return [(span, one) for span, one in out if len(one) >= 4]


def _find_loose(text: str, value: str, start: int, end: int) -> Span | None:
    """`value` in text[start:end], allowing the line breaks a table cell adds inside it ("存在\n问题")."""
    chars = [c for c in value if not c.isspace()]
    if not chars:
        return None
    match = re.compile(r"\s*".join(re.escape(c) for c in chars)).search(text, start, end)
    return Span(match.start(), match.end()) if match else None


def row_vocabulary(projects: Sequence[ProjectTable]) -> frozenset[str]:
    """Every bigram of every indicator name: the words a question can use to name a row."""
    return frozenset(g for p in projects for row in p.indicators for g in grams(row.name)) - EVERYDAY_GRAMS
