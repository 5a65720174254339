"""`python -m corpus`: look at what the parser makes of a report (summary, sections, facts).

Bad input (a missing file, a directory, binary or empty data, text that is not a 决算 report) is
answered with a Chinese message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from corpus.parse import parse_report
from corpus.reader import CorpusError
from corpus.records import Fact, Report
from corpus.settings import Settings, settings_or_exit

EXIT_BAD_INPUT = 2
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description="解析决算报告：概要、章节树、数据表。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name, text in (
        ("summary", "报告概要：标题、年度、章节树和每节的数据条数"),
        ("sections", "章节列表"),
        ("facts", "数据表（每个数字一条）"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("path", nargs="?", help="报告文件：文本或带文字层的 PDF（默认：JUESUAN_REPORT 或随附的报告）")
        if name != "summary":
            sub.add_argument("--json", action="store_true", help="输出一个 JSON 数组")
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings or settings_or_exit()
    path = Path(args.path) if args.path else settings.report
    try:
        report = parse_report(path)
    except CorpusError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"错误：无法读取报告文件 {path}（{exc.strerror or exc}）", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.command == "summary":
        output = summary(report)
    elif args.command == "sections":
        output = _json([s.to_json() for s in report.sections]) if args.json else _sections_table(report)
    else:
        facts = report.facts + report.schedule_facts
        output = _json([f.to_json() for f in facts]) if args.json else _facts_table(facts)
    try:
        sys.stdout.write(output + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        sys.stderr.close()
    return 0


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def summary(report: Report) -> str:
    own = Counter(f.section_id for f in report.facts)
    lines = [
        f"标题：{report.title}",
        f"年度：{report.year or '未知'}    单位：{report.body}    类型：{report.kind}",
        f"文件：{report.path}",
        f"章节：{len(report.sections)} 个    数据：{len(report.facts)} 条    绩效自评表：{len(report.projects)} 张",
    ]
    if report.source_format == "pdf":
        pages = sorted({p for t in report.tables for p in t.pages} | {s.page for s in report.sections if s.page})
        with_page = sum(1 for f in report.facts if f.page is not None)
        lines.append(
            f"格式：PDF    表格：{len(report.tables)} 张    附表数据：{len(report.schedule_facts)} 条    "
            f"数据带页码：{with_page}/{len(report.facts)}"
            + (f"    页码：第{pages[0]}–{pages[-1]}页" if pages else "")
        )
    for warning in report.warnings:
        lines.append(f"注意：{warning}")
    if report.issues:
        lines.append(f"表格核对：{len(report.issues)} 处数字未通过表内核对（未采用或已标注）：")
        lines.extend(f"  {i.section_id} {i.table}：{i.message}" for i in report.issues)
    lines += ["", "章节树（本节数据条数 / 含下级）："]
    for section in report.sections:
        subtree = sum(n for sid, n in own.items() if sid == section.id or sid.startswith(section.id + "."))
        page = f"  第{section.page}页" if section.page else ""
        label = section.heading_path[-1] if section.heading_path else section.title
        indent = "  " * (section.level - 1)
        lines.append(f"{indent}{section.id}  {label}{page}  [{own.get(section.id, 0)} / {subtree}]")
    return "\n".join(lines)


def _sections_table(report: Report) -> str:
    rows = []
    for s in report.sections:
        page = str(s.page) if s.page else "-"
        rows.append(f"{s.id}\t{s.kind}\t{page}\t{s.heading}")
    return "\n".join(rows)


def _facts_table(facts: list[Fact]) -> str:
    rows = []
    for f in facts:
        parent = f"（属于 {f.parent}）" if f.parent else ""
        page = f"\t第{f.page}页" if f.page is not None else ""
        rows.append(f"{f.id}\t{f.subject}\t{f.measure}\t{f.value} {f.unit}{parent}{page}")
    return "\n".join(rows)
