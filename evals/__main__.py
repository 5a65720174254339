"""`python -m evals run [--gold FILE] [--out DIR] [--config NAME] [--publish]`, `python -m evals snapshot [--out FILE]`,
`python -m evals diff OLD NEW`, `python -m evals calibrate [--write]`,
`python -m evals calibrate-tables [--write]`."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from corpus import CorpusError
from corpus.settings import settings_or_exit
from evals.calibrate import main_calibrate
from evals.calibrate_aliases import main_calibrate_aliases
from evals.calibrate_tables import main_calibrate_tables
from evals.gold import GOLD_PATH, GoldError, load_gold
from evals.runner import CONFIGS, publish, run
from evals.snapshot import main_diff, main_snapshot


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals", description="决算问答评测：用评测集检验助手的回答")
    commands = parser.add_subparsers(dest="command", required=True)
    runner = commands.add_parser("run", help="运行评测集，写出 answers.jsonl、metrics.json、report.md 和图表")
    runner.add_argument("--gold", type=Path, default=GOLD_PATH, help="评测集 JSONL（默认：内置评测集）")
    runner.add_argument("--out", type=Path, default=None, help="输出目录（默认：数据目录/evals/时间戳）")
    runner.add_argument("--config", choices=CONFIGS, default=None, help="只运行一个配置（默认 full 与 baseline 都跑）")
    runner.add_argument("--limit", type=int, default=0, help="只跑前 N 题（调试用）")
    runner.add_argument("--publish", action="store_true", help="把报告、指标和图表复制到 evals/results/latest/")
    runner.add_argument("--quiet", action="store_true", help="不显示进度条")
    runner.add_argument("--library", type=Path, default=None, help="报告库模式：这个文件夹里的报告与默认报告组成报告库")
    runner.add_argument("--report", default="", help="报告库模式：题目未指定 report 时选中的报告编号")
    snap = commands.add_parser("snapshot", help="保存评测集与留出集每题的回答（不读盲测集），供重构前后逐题比较")
    snap.add_argument("--out", type=Path, default=None, help="输出文件（默认：数据目录/snapshots/时间戳.jsonl）")
    snap.add_argument("--gold", type=Path, action="append", default=None, help="只用这些评测集（可重复）")
    diff = commands.add_parser("diff", help="比较两个快照：列出状态、文字、引文有变化的题目并计数")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    diff.add_argument("--routes", action="store_true", help="也列出只换了路由的题目")
    calibrate = commands.add_parser("calibrate", help="校准口语匹配器的权重与阈值，报告留出短语上的精确率与召回率")
    calibrate.add_argument("--write", action="store_true", help="把选出的参数写入 assistant/understand/matcher.toml")
    calibrate.add_argument("--show", action="store_true", help="逐条列出短语的匹配结果")
    aliases = commands.add_parser("calibrate-aliases", help="校准项目简称匹配的阈值，报告留出简称上的命中与误认")
    aliases.add_argument(
        "--write", action="store_true", help="把选出的参数写入 project_aliases.toml"
    )
    tables = commands.add_parser("calibrate-tables", help="校准绩效自评表换说法匹配的阈值")
    tables.add_argument("--write", action="store_true", help="把选出的参数写入 assistant/evidence/table_match.toml")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "calibrate-aliases":
        return main_calibrate_aliases(args.write)
    if args.command == "calibrate-tables":
        return main_calibrate_tables(args.write)
    if args.command == "calibrate":
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        return main_calibrate(args.write, args.show)
    if args.command == "diff":
        return main_diff(args.old, args.new, args.routes)
    if args.command == "snapshot":
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        settings = settings_or_exit()  # a bad setting: a Chinese message and exit 2, before any work
        out = args.out or settings.data_dir / "snapshots" / f"{datetime.now(UTC):%Y%m%d-%H%M%S}.jsonl"
        return main_snapshot(out, args.gold)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    settings = settings_or_exit()
    try:
        items = load_gold(args.gold)
    except GoldError as exc:
        print(f"评测集有误：{exc}", file=sys.stderr)
        return 2
    if args.limit > 0:
        items = items[: args.limit]
    configs = [args.config] if args.config else list(CONFIGS)
    try:
        outcome = run(
            items,
            settings,
            configs=configs,
            out_dir=args.out,
            gold_path=args.gold,
            progress=not args.quiet,
            library=args.library,
            default_report=args.report,
        )
    except CorpusError as exc:
        print(f"无法读取报告：{exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # LibraryModeError: a library folder that cannot be used
        print(f"报告库有误：{exc}", file=sys.stderr)
        return 2
    print(f"评测完成：{len(items)} 题，结果目录 {outcome.out_dir}")
    for name, m in outcome.metrics.items():
        print(
            f"  {name:<8} 准确率 {m.accuracy * 100:5.1f}%  正确拒答 {m.refusal_correct * 100:5.1f}%  "
            f"hit@5 {m.hit_at_5 * 100:5.1f}%  MRR {m.mrr:.3f}  引文逐字 {m.citation_exact * 100:5.1f}%  "
            f"p50 {m.latency_p50_ms:.0f} ms"
        )
    if args.publish:
        print(f"已发布到 {publish(outcome.out_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
