"""Render the document model as the HTML a government office would print: A4, 仿宋-sized body text,
ruled tables with merged cells, a cover and a contents page, and "- N -" page footers.

Two table styles: "standard" (the national template's column order) and "variant" (another column order,
other column labels, narrow figure columns whose figures wrap inside their cell).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from model import (
    BudgetRow,
    Document,
    Figure,
    Heading,
    Indicator,
    Line,
    PageBreak,
    Paragraph,
    Schedule,
    SelfEvaluation,
)

FONT = '"WenQuanYi Zen Hei"'
CSS = f"""
@page {{ size: A4; margin: 25mm 22mm 22mm 22mm;
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {FONT}; font-size: 10.5pt; }} }}
@page cover {{ @bottom-center {{ content: none; }} }}
@page contents {{ @bottom-center {{ content: none; }} }}
html {{ font-family: {FONT}; font-size: 12pt; line-height: 1.75; }}
.cover {{ page: cover; text-align: center; padding-top: 70mm; font-size: 22pt; line-height: 2.2; }}
.contents {{ page: contents; break-before: page; }}
.contents h2 {{ text-align: center; font-size: 16pt; font-weight: normal; margin: 0 0 8mm 0; }}
.contents a {{ display: block; color: black; text-decoration: none; }}
.contents a::after {{ content: leader('.') target-counter(attr(href), page); }}
h1 {{ font-size: 16pt; font-weight: normal; text-align: center; margin: 0 0 6mm 0; break-before: page; }}
h2, h3 {{ font-size: 12pt; font-weight: normal; margin: 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.line {{ text-indent: 0; margin: 3mm 0 1mm 0; }}
p.center {{ text-align: center; }}
p.note {{ font-size: 9pt; text-indent: 0; }}
p.cover-note {{ margin-top: 90mm; line-height: 1.5; text-align: left; }}
.figure {{ text-align: center; margin: 2mm 0; }}
.figure img {{ width: 70mm; }}
.figure p {{ text-indent: 0; text-align: center; font-size: 10.5pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.35; margin: 0; }}
td, th {{ border: 0.6pt solid #000; padding: 1.5pt 2.5pt; vertical-align: top; font-weight: normal; }}
td.n {{ text-align: right; }}
td.wrap {{ word-break: break-all; }}
tr {{ break-inside: avoid; }}
tbody.keep {{ break-inside: avoid; }}
.schedule-title {{ text-align: center; font-size: 14pt; margin: 2mm 0 0 0; text-indent: 0; }}
.schedule-unit {{ text-align: right; font-size: 9pt; text-indent: 0; }}
"""

STANDARD = {
    "budget": ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"),
    "budget_fields": ("initial", "adjusted", "executed", "rate", "weight", "score"),
    "indicator": ("三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"),
    "indicator_fields": ("name", "comparator", "target", "unit", "actual", "weight", "score"),
    "total": "合计",
}
VARIANT = {
    "budget": ("全年执行数", "年初预算数", "全年预算数", "执行率", "得分", "分值"),
    "budget_fields": ("executed", "initial", "adjusted", "rate", "score", "weight"),
    "indicator": ("三级指标", "指标性质", "实际完成值", "年度指标值", "计量单位", "得分", "分值"),
    "indicator_fields": ("name", "comparator", "actual", "target", "unit", "score", "weight"),
    "total": "总分",
}


def e(text: str) -> str:
    return html.escape(text or "")


def td(text: str = "", colspan: int = 1, rowspan: int = 1, cls: str = "") -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    attrs += f' class="{cls}"' if cls else ""
    return f"<td{attrs}>{e(text)}</td>"


def render(doc: Document, figure_src: str) -> str:
    body: list[str] = [
        f'<div class="cover"><div>{doc.year}年度</div><div>{e(doc.body)}{e(doc.kind)}</div>'
        + (f'<p class="note cover-note">{e(doc.synthetic_note)}</p>' if doc.synthetic_note else "")
        + "</div>",
        _contents(doc),
    ]
    anchor = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                anchor += 1
                body.append(f'<h1 id="part{anchor}">{e(block.text)}</h1>')
            else:
                body.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{e(block.text)}</p>")
        elif isinstance(block, Figure):
            body.append(f'<div class="figure"><img src="{figure_src}"><p>{e(block.caption)}</p></div>')
        elif isinstance(block, Line):
            cls = "line center" if block.align == "center" else "line"
            body.append(f'<p class="{cls}">{e(block.text)}</p>')
        elif isinstance(block, SelfEvaluation):
            body.append(_self_evaluation(block, VARIANT if doc.style == "variant" else STANDARD, doc.style))
        elif isinstance(block, Schedule):
            body.append(_schedule(block, doc.style))
        elif isinstance(block, PageBreak):
            pass  # every part starts a page (h1)
    head = f'<meta charset="utf-8"><title>{e(doc.title)}</title><style>{CSS}</style>'
    return f"<!DOCTYPE html><html lang='zh-CN'><head>{head}</head><body>{''.join(body)}</body></html>"


def _contents(doc: Document) -> str:
    parts = [b for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    links = "".join(f'<a href="#part{k}">{e(h.text)}</a>' for k, h in enumerate(parts, start=1))
    return f'<div class="contents"><h2>目　录</h2>{links}</div>'


def _self_evaluation(t: SelfEvaluation, layout: dict, style: str) -> str:
    fig = "n wrap" if style == "variant" else "n"
    rows: list[str] = ['<tbody class="keep">']
    rows.append("<tr>" + td("项目名称", 2) + td(t.code_name, 9) + "</tr>")
    rows.append(
        "<tr>" + td("主管部门", 2) + td(t.department, 4) + td("实施单位（盖章）", 2) + td(t.implementer, 3) + "</tr>"
    )
    rows.append(
        "<tr>" + td("项目基本情况", rowspan=3) + td("1.项目年度目标完成情况", rowspan=2) + td("项目年度目标", 4)
        + td("年度目标完成情况", 5) + "</tr>"
    )
    rows.append("<tr>" + td(t.goal, 4) + td(t.goal_result, 5) + "</tr>")
    rows.append("<tr>" + td("2.项目实施内容及过程概述") + td(t.content, 9) + "</tr>")
    rows.append('</tbody><tbody class="keep">')
    budget: tuple[BudgetRow, ...] = t.budget
    rows.append(
        "<tr>" + td("预算执行情况（10分）", rowspan=len(budget) + 1) + td("年度预算数（万元）")
        + "".join(td(label) for label in layout["budget"]) + td("原因", 3) + "</tr>"
    )
    for k, row in enumerate(budget):
        label = f"其中：{row.label}" if k == 1 else row.label
        cells = "".join(td(getattr(row, name), cls=fig) for name in layout["budget_fields"])
        reason = td(t.budget_reason, 3, rowspan=len(budget)) if k == 0 else ""
        rows.append("<tr>" + td(label) + cells + reason + "</tr>")
    rows.append("</tbody><tbody>")
    groups = _groups(t.indicators)
    rows.append(
        "<tr>" + td("绩效指标（90分）", rowspan=len(t.indicators) + 1) + td("一级指标") + td("二级指标")
        + "".join(td(label) for label in layout["indicator"]) + td("未完成原因分析") + "</tr>"
    )
    for k, ind in enumerate(t.indicators):
        cells = ""
        if k in groups["level1"]:
            cells += td(ind.level1, rowspan=groups["level1"][k])
        if k in groups["level2"]:
            cells += td(ind.level2, rowspan=groups["level2"][k])
        for name in layout["indicator_fields"]:
            value = getattr(ind, name)
            cells += td(value, cls=fig if name in ("target", "actual", "weight", "score") else "")
        rows.append("<tr>" + cells + td(ind.reason) + "</tr>")
    if style == "variant":
        rows.append("<tr>" + td(layout["total"], 8) + td(t.score_total, cls=fig) + td(t.weight_total, cls=fig)
                    + td("") + "</tr>")  # fmt: skip
    else:
        rows.append("<tr>" + td(layout["total"], 8) + td(t.weight_total, cls=fig) + td(t.score_total, cls=fig)
                    + td("") + "</tr>")  # fmt: skip
    for label, value in (("评价结论", t.conclusion), ("存在问题", t.problems), ("改进措施", t.improvements)):
        rows.append("<tr>" + td(label, 2) + td(value, 9) + "</tr>")
    rows.append("</tbody>")
    widths = "".join(f'<col style="width:{w}%">' for w in _widths(style))
    return f"<table>{widths}{''.join(rows)}</table>"


def _widths(style: str) -> Iterable[int]:
    if style == "variant":
        return (7, 9, 8, 22, 7, 7, 7, 7, 6, 6, 14)
    return (7, 9, 9, 20, 8, 9, 7, 8, 6, 6, 11)


def _groups(indicators: tuple[Indicator, ...]) -> dict[str, dict[int, int]]:
    """Row spans of the merged 一级/二级 cells: {first row: rows covered}."""
    out: dict[str, dict[int, int]] = {"level1": {}, "level2": {}}
    for level in ("level1", "level2"):
        start = 0
        for k in range(1, len(indicators) + 1):
            if k == len(indicators) or _key(indicators[k], level) != _key(indicators[start], level):
                out[level][start] = k - start
                start = k
    return out


def _key(indicator: Indicator, level: str) -> tuple[str, ...]:
    return (indicator.level1, indicator.level2) if level == "level2" else (indicator.level1,)


def _schedule(s: Schedule, style: str) -> str:
    numeric = ["n wrap" if style == "variant" else "n"] * len(s.header)
    head_cells = "".join(f"<th>{e(h)}</th>" for h in s.header)
    head = f"<thead><tr>{head_cells}</tr></thead>" if s.repeat_header else f"<tr>{head_cells}</tr>"
    rows = []
    for row in s.rows:
        cells = []
        for k, cell in enumerate(row):
            text = cell.text + ("※" if cell.synthetic else "")
            is_number = bool(cell.text) and cell.text.replace(".", "").replace("-", "").isdigit() and k > 0
            cells.append(td(text, cls=numeric[k] if is_number and not _is_code(s, k) else ""))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    note = f'<p class="note">{e(s.note)}</p>' if s.note else ""
    synthetic = any(cell.synthetic for row in s.rows for cell in row)
    mark = '<p class="note">※ 测试用合成数据：正文未载明，按正文数字推得或补足。</p>' if synthetic else ""
    return (
        f'<p class="schedule-title">{e(s.title)}</p><p class="schedule-unit">{e(s.code)}　金额单位：万元</p>'
        f"<table>{head}{''.join(rows)}</table>{note}{mark}"
    )


def _is_code(s: Schedule, k: int) -> bool:
    return s.header[k] == "科目编码"
