"""Write a library of synthetic reports to a folder: one text file (and optionally HTML) per report + a manifest.

File names start with ``SYNTHETIC_`` and say year, body and kind (``SYNTHETIC_2022_qinglan_education_dept.txt``),
so a synthetic report is never mistaken for a real one, even outside its folder. `manifest.json` lists every
report with the figures it states (the generator's ground truth), for tests and benchmarks.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.synthetic.bodies import Body, SyntheticError, plan_bodies
from benchmarks.synthetic.compose import BodyReports
from benchmarks.synthetic.render_html import render_html
from benchmarks.synthetic.render_text import LAYOUTS, WIDTH, render_text

log = logging.getLogger(__name__)

PREFIX = "SYNTHETIC_"
MANIFEST = "manifest.json"
FORMATS = ("text", "html", "both")
KIND_CODES = {"单位决算": "unit", "部门决算": "dept"}


@dataclass(frozen=True)
class GeneratedReport:
    path: Path
    html_path: Path | None
    body: Body
    year: int
    title: str
    summary: dict[str, Any]

    def to_json(self, root: Path) -> dict[str, Any]:
        return {
            "file": self.path.relative_to(root).as_posix(),
            "html": self.html_path.relative_to(root).as_posix() if self.html_path else None,
            "report_id": self.path.stem,
            "title": self.title,
            "body": self.body.name,
            "year": self.year,
            "kind": self.body.kind,
            "body_key": self.body.key,
            "body_index": self.body.index,
            "level": self.body.place.level,
            "agency": self.body.agency.key,
            **self.summary,
        }


def file_stem(body: Body, year: int) -> str:
    return f"{PREFIX}{year}_{body.key}_{KIND_CODES[body.kind]}"


def generate_library(
    out: str | Path,
    count: int,
    seed: int = 1,
    years_per_body: int = 3,
    fmt: str = "text",
    width: int = WIDTH,
    layout: str = "rows",
) -> list[GeneratedReport]:
    """Generate `count` reports into `out` (created if missing); the same arguments give the same bytes."""
    if fmt not in FORMATS:
        raise SyntheticError(f"输出格式应为 {'、'.join(FORMATS)} 之一，收到 {fmt}。")
    if layout not in LAYOUTS:
        raise SyntheticError(f"表格版式应为 {'、'.join(LAYOUTS)} 之一，收到 {layout}。")
    if width < 20:
        raise SyntheticError(f"行宽至少为 20 个显示列，收到 {width}。")
    root = Path(out)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SyntheticError(f"无法创建输出目录 {root}：{exc.strerror or exc}") from exc
    reports: list[GeneratedReport] = []
    bodies: dict[int, BodyReports] = {}
    for body, year in plan_bodies(seed, count, years_per_body):
        source = bodies.setdefault(body.index, BodyReports(body, seed))
        doc, stated = source.document(year)
        stem = file_stem(body, year)
        path = root / f"{stem}.txt"
        html_path = root / f"{stem}.html" if fmt in ("html", "both") else None
        if fmt in ("text", "both"):
            path.write_text(render_text(doc, width, layout), encoding="utf-8")
        else:
            path = root / f"{stem}.html"
        if html_path is not None:
            html_path.write_text(render_html(doc), encoding="utf-8")
        reports.append(GeneratedReport(path, html_path, body, year, doc.title, stated.summary()))
    manifest = {
        "synthetic": True,
        "notice": "SYNTHETIC 合成测试数据：单位、人员和数字均为虚构，不是真实的决算报告。",
        "generator": "benchmarks.synthetic",
        "seed": seed,
        "count": count,
        "years_per_body": years_per_body,
        "format": fmt,
        "table_layout": layout,
        "reports": [report.to_json(root) for report in reports],
    }
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %d synthetic reports to %s", len(reports), root)
    return reports
