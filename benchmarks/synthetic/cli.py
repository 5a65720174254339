"""Command line of the synthetic-report generator: arguments in, files out, a one-line summary printed."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.synthetic.bodies import SyntheticError
from benchmarks.synthetic.library import FORMATS, MANIFEST, generate_library
from benchmarks.synthetic.render_text import LAYOUTS, WIDTH

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"参数错误：{message}\n用法：{self.format_usage().strip()}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m benchmarks.synthetic",
        description="生成同一国家模板的合成决算报告（SYNTHETIC，仅用于测试和基准）。",
    )
    parser.add_argument("--count", type=int, required=True, help="报告份数")
    parser.add_argument("--out", type=Path, required=True, help="输出目录")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同文件）")
    parser.add_argument("--years-per-body", type=int, default=3, help="每个单位连续生成的年份数（1–6）")
    parser.add_argument("--format", choices=FORMATS, default="text", help="text、html 或 both")
    parser.add_argument("--width", type=int, default=WIDTH, help="正文每行的显示列数（文本格式）")
    parser.add_argument(
        "--table-layout",
        choices=LAYOUTS,
        default="rows",
        help="自评表的文本版式：rows 每行一个表格行；narrow 单元格按列宽断成多行（如 PDF 提取的窄列）",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    try:
        reports = generate_library(
            args.out, args.count, args.seed, args.years_per_body, args.format, args.width, args.table_layout
        )
    except SyntheticError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    elapsed = time.perf_counter() - started
    bodies = len({report.body.index for report in reports})
    years = sorted({report.year for report in reports})
    size = sum(report.path.stat().st_size for report in reports)
    print(
        f"已生成 {len(reports)} 份合成报告（{bodies} 个单位，{years[0]}–{years[-1]} 年，共 {size / 1e6:.1f} MB），"
        f"用时 {elapsed:.2f} 秒（每份 {elapsed / len(reports) * 1000:.1f} 毫秒）→ {args.out / MANIFEST}"
    )
    return 0
