"""Print a `Document` as HTML with ruled tables, for rendering to PDF (WeasyPrint, LibreOffice, chromium).

A4 pages with ``- N -`` footers from the first page after the cover, a SYNTHETIC notice in every page header,
the 绩效自评表 as a ruled table with merged 一级/二级 cells, and the 附表 with their figures (the text rendering
keeps only their titles, like the extraction of the real reports). The font is Debian's fonts-wqy-zenhei.
"""

from __future__ import annotations

import html

from benchmarks.synthetic.document import (
    Document,
    Figure,
    Heading,
    Indicator,
    Line,
    Paragraph,
    Schedule,
    SelfEvaluation,
)

FONT = '"WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif'
CSS = f"""
@page {{ size: A4; margin: 22mm 20mm;
  @top-center {{ content: "SYNTHETIC 合成测试数据（非真实报告）"; font-family: {FONT}; font-size: 8pt; color: #a00; }}
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {FONT}; font-size: 10.5pt; }} }}
@page cover {{ @bottom-center {{ content: none; }} }}
html {{ font-family: {FONT}; font-size: 12pt; line-height: 1.7; }}
.cover {{ page: cover; text-align: center; }}
.cover .marker {{ border: 2px solid #a00; color: #a00; padding: 4mm; font-size: 11pt; text-align: left; }}
.cover h1 {{ margin-top: 60mm; font-size: 22pt; font-weight: normal; line-height: 2.2; }}
.part {{ break-before: page; }}
h1, h2, h3 {{ font-weight: normal; }}
h1 {{ font-size: 16pt; text-align: center; }}
h2 {{ font-size: 13pt; }}
h3 {{ font-size: 12pt; }}
p {{ text-indent: 2em; margin: 0 0 2mm 0; }}
.figure {{ text-align: center; text-indent: 0; color: #444; }}
table {{ border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9pt; line-height: 1.35; }}
th, td {{ border: 0.6pt solid #000; padding: 1mm 1.2mm; vertical-align: middle; }}
th {{ font-weight: normal; background: #f2f2f2; }}
td.num {{ text-align: right; white-space: nowrap; }}
caption {{ font-size: 12pt; padding: 2mm 0; }}
.signature {{ text-indent: 0; }}
.note {{ text-indent: 0; font-size: 9pt; }}
"""
INDICATOR_HEAD = (
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析",
)  # fmt: skip


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(text: str, tag: str = "td", colspan: int = 1, rowspan: int = 1, numeric: bool = False) -> str:
    attrs = ""
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if numeric:
        attrs += ' class="num"'
    return f"<{tag}{attrs}>{esc(text)}</{tag}>"


def _spans(values: list[str]) -> list[int]:
    """Row spans of a merged column: the length of each run of equal values at its first row, else 0."""
    spans = [0] * len(values)
    k = 0
    while k < len(values):
        end = k
        while end + 1 < len(values) and values[end + 1] == values[k]:
            end += 1
        spans[k] = end - k + 1
        k = end + 1
    return spans


def _indicator_rows(rows: tuple[Indicator, ...]) -> list[str]:
    level1 = _spans([row.level1 for row in rows])
    level2 = _spans([f"{row.level1}/{row.level2}" for row in rows])
    out = []
    for k, row in enumerate(rows):
        cells = []
        if level1[k]:
            cells.append(_cell(row.level1, rowspan=level1[k]))
        if level2[k]:
            cells.append(_cell(row.level2, rowspan=level2[k]))
        cells += [
            _cell(row.name),
            _cell(row.comparator),
            _cell(row.target, numeric=True),
            _cell(row.unit),
            _cell(row.actual, numeric=True),
            _cell(row.weight, numeric=True),
            _cell(row.score, numeric=True),
            _cell(row.reason),
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def self_evaluation_html(table: SelfEvaluation) -> str:
    """An 11-column ruled table in the template's layout (label column + 10)."""
    rows = [
        "<tr>" + _cell("项目名称", "th") + _cell(table.code_name, colspan=10) + "</tr>",
        "<tr>"
        + _cell("主管部门", "th")
        + _cell(table.department, colspan=4)
        + _cell("实施单位（盖章）", "th", colspan=2)
        + _cell(table.implementer, colspan=4)
        + "</tr>",
        "<tr>"
        + _cell("项目基本情况", "th", rowspan=3)
        + _cell("1.项目年度目标完成情况", "th", rowspan=2)
        + _cell("项目年度目标", "th", colspan=4)
        + _cell("年度目标完成情况", "th", colspan=5)
        + "</tr>",
        "<tr>" + _cell(table.goal, colspan=4) + _cell(table.goal_result, colspan=5) + "</tr>",
        "<tr>" + _cell("2.项目实施内容及过程概述", "th") + _cell(table.content, colspan=9) + "</tr>",
    ]
    head = ["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]
    rows.append(
        "<tr>"
        + _cell("预算执行情况（10分）", "th", rowspan=len(table.budget) + 1)
        + "".join(_cell(h, "th") for h in head)
        + _cell("原因", "th", colspan=3)
        + "</tr>"
    )
    for k, row in enumerate(table.budget):
        cells = [_cell(row.label)] + [
            _cell(v, numeric=True) for v in (row.initial, row.adjusted, row.executed, row.rate, row.weight, row.score)
        ]
        if k == 0:
            cells.append(_cell(table.budget_reason, colspan=3, rowspan=len(table.budget)))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = INDICATOR_HEAD
    rows.append(
        "<tr>"
        + _cell("绩效指标（90分）", "th", rowspan=len(table.indicators) + 1)
        + "".join(_cell(h, "th") for h in head)
        + "</tr>"
    )
    rows += _indicator_rows(table.indicators)
    rows.append(
        "<tr>"
        + _cell("合计", "th", colspan=8)
        + _cell(table.weight_total, numeric=True)
        + _cell(table.score_total, numeric=True)
        + _cell("")
        + "</tr>"
    )
    for label, text in (("评价结论", table.conclusion), ("存在问题", table.problems), ("改进措施", table.improvements)):
        rows.append("<tr>" + _cell(label, "th") + _cell(text, colspan=10) + "</tr>")
    return (
        f'<table class="selfeval"><caption>{esc(table.title)}</caption>'
        + "".join(rows)
        + "</table>"
        + f'<p class="signature">项目负责人：{esc(table.leader)}　　财务负责人：{esc(table.finance_leader)}</p>'
    )


def schedule_html(schedule: Schedule) -> str:
    head = "<tr>" + "".join(_cell(h, "th") for h in schedule.header) + "</tr>"
    body = "".join(
        "<tr>" + "".join(_cell(v, numeric=k > 0 and v[:1].isdigit()) for k, v in enumerate(row)) + "</tr>"
        for row in schedule.rows
    )
    note = f'<p class="note">{esc(schedule.note)}</p>' if schedule.note else ""
    return (
        f"<h2>{esc(schedule.title)}</h2>"
        f'<table class="schedule"><caption>{esc(schedule.code)}　单位：万元</caption>{head}{body}</table>{note}'
    )


def render_html(doc: Document) -> str:
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{esc(doc.title)}（SYNTHETIC）</title>",
        '<meta name="generator" content="benchmarks.synthetic (SYNTHETIC test data)">',
        f"<style>{CSS}</style></head><body>",
        f'<section class="cover"><p class="marker">{esc(doc.cover.marker)}</p>'
        f"<h1>{esc(doc.cover.year_line)}<br>{esc(doc.cover.title_line)}</h1></section>",
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = f"h{block.level}"
            klass = ' class="part"' if block.level == 1 else ""
            parts.append(f"<{tag}{klass}>{esc(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{esc(block.text)}</p>")
        elif isinstance(block, Figure):
            parts.append(f'<p class="figure">{esc(block.caption)}</p>')
        elif isinstance(block, Line):
            parts.append(f'<p class="figure">{esc(block.text)}</p>')
        elif isinstance(block, SelfEvaluation):
            parts.append(self_evaluation_html(block))
        elif isinstance(block, Schedule):
            parts.append(schedule_html(block))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
