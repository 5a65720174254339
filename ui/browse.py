"""The report browser (read any section, a cited quote highlighted) and the report audit, as escaped HTML.

Both are plain HTML built here with every report string escaped (`html.escape`), shown in `gr.HTML`. A
citation link in the chat (`#cite=<section>@<start>-<end>`, offsets into `Report.clean_text`) opens the
section with exactly the quoted characters marked; the page's script scrolls the mark into view.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from assistant.audit import audit_report
from corpus import Report, Section
from ui.present import PATH_SEP, SourceView

CITE = re.compile(
    r"^(?:(?P<report>[A-Za-z0-9._-]{1,80})~)?(?P<section>[A-Za-z0-9._-]{1,80})(?:@(?P<start>\d{1,9})-(?P<end>\d{1,9}))?$"
)
HIT_ID = "cite-hit"


@dataclass(frozen=True)
class Target:
    section_id: str
    start: int | None = None
    end: int | None = None
    report: str = ""  # a library report other than the one browsed ("" = that one)


def section_label(section: Section) -> str:
    return PATH_SEP.join(section.heading_path) or section.title


def section_choices(report: Report) -> list[tuple[str, str]]:
    """(label people read, section id) for the picker: the heading path, never the internal id."""
    seen: dict[str, int] = {}
    out = []
    for s in report.sections:
        label = section_label(s)
        seen[label] = seen.get(label, 0) + 1
        out.append((label if seen[label] == 1 else f"{label}（{seen[label]}）", s.id))
    return out


def cite_href(report: Report, source: SourceView) -> str:
    """The link of a citation: its section and the quote's span in the report's text."""
    try:
        section = report.section(source.section_id)
    except KeyError:
        return "#cite="
    start = report.clean_text.find(source.quote, section.start) if source.quote else -1
    if start < 0 and source.quote:
        start = report.clean_text.find(source.quote)
    if start < 0:
        return f"#cite={section.id}"
    return f"#cite={section.id}@{start}-{start + len(source.quote)}"


def parse_target(payload: str) -> Target | None:
    match = CITE.match((payload or "").strip().removeprefix("#cite="))
    if not match:
        return None
    start, end, report = match.group("start"), match.group("end"), match.group("report") or ""
    if start is None or end is None:
        return Target(match.group("section"), report=report)
    return Target(match.group("section"), int(start), int(end), report)


def _subtree_end(report: Report, section: Section) -> int:
    return max(s.end for s in report.sections if s.id == section.id or s.id.startswith(section.id + "."))


def section_html(report: Report, target: Target | None, title: str = "") -> str:
    """The section with all its subsections as one block of text; the cited span marked when given. `title`
    names the report when it is not the one the browser shows (a source of another library report)."""
    if target is None:
        return '<p class="juesuan-empty">请选择章节。</p>'
    try:
        section = report.section(target.section_id)
    except KeyError:
        return '<p class="juesuan-empty">找不到这个章节。</p>'
    start, end = section.start, _subtree_end(report, section)
    hit = None
    if target.start is not None and target.end is not None and 0 <= target.start < target.end <= len(report.clean_text):
        if not start <= target.start < end:  # the quote lies outside: show the section that holds it
            section = report.section_at(target.start)
            start, end = section.start, _subtree_end(report, section)
        hit = (target.start, min(target.end, end))
    page = f" · 第 {section.page} 页" if section.page else ""
    parts = [
        '<div class="juesuan-section">',
        f'<div class="sec-report">{html.escape(title)}</div>' if title else "",
        f'<div class="sec-path">{html.escape(section_label(section))}{page}</div>',
    ]
    children = [s for s in report.sections if s.parent_id == section.id]
    if children:
        names = "、".join(html.escape(f"{s.number}{s.title}" if s.number else s.title) for s in children)
        parts.append(f'<div class="sec-children">下级章节（{len(children)}）：{names}</div>')
    text = report.clean_text
    if hit:
        body = (
            html.escape(text[start : hit[0]])
            + f'<mark id="{HIT_ID}">{html.escape(text[hit[0] : hit[1]])}</mark>'
            + html.escape(text[hit[1] : end])
        )
    else:
        body = html.escape(text[start:end])
    parts.append(f'<div class="sec-text">{body}</div></div>')
    return "".join(parts)


def audit_html(report: Report) -> tuple[str, str]:
    """The audit as a table (a card per row on a phone) plus a one-line summary; disagreements first."""
    items = sorted(audit_report(report), key=lambda item: item.ok)
    bad = sum(1 for item in items if not item.ok)
    summary = f"共核对 {len(items)} 项，{len(items) - bad} 项一致，{bad} 项不一致。"
    names = {
        s.id: (s.title if s.kind == "project_table" or not s.number else s.number + s.title) for s in report.sections
    }
    ids = re.compile("|".join(re.escape(i) for i in sorted(names, key=len, reverse=True)) or "$^")
    head = ["核对项", "算式", "报告值", "计算值", "差额", "结果", "章节"]
    rows = []
    for item in items:
        sections = "、".join(
            f'<a href="#cite={html.escape(sid)}">{html.escape(names.get(sid, sid))}</a>' for sid in item.section_ids[:3]
        )
        if len(item.section_ids) > 3:
            sections += f" 等 {len(item.section_ids)} 节"
        verdict = '<span class="ok">✓ 一致</span>' if item.ok else '<span class="bad">不一致</span>'
        cells = [
            html.escape(ids.sub(lambda m: names[m.group()], item.name)),  # the audit names sections by id
            html.escape(item.expression),
            html.escape(item.expected),
            html.escape(item.computed),
            html.escape(item.difference),
            verdict,
            sections,
        ]
        numeric = {2, 3, 4}
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-label="{head[i]}"{" class=num" if i in numeric else ""}>{cell}</td>'
                for i, cell in enumerate(cells)
            )
            + "</tr>"
        )
    table = (
        '<div class="juesuan-audit"><table><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
    return table, summary


__all__ = ["Target", "audit_html", "cite_href", "parse_target", "section_choices", "section_html"]
