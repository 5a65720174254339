"""Command line: build the index, search it, benchmark retrieval.

python -m index build [PATH ...]
python -m index verify [PATH]
python -m index add FILE [FILE ...]      # a report joins the library (JUESUAN_LIBRARY)
python -m index list [--json]
python -m index remove ID
python -m index search "问题" [--k 5] [--mode hybrid|dense|bm25] [--json]
python -m index bench [--questions FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from corpus.reader import CorpusError
from corpus.settings import Settings, settings_or_exit
from index.embedders import EmbedderError
from index.service import MAX_QUERY_CHARS, MODES, IndexError_
from index.store import StoreError

EXIT_DAMAGED = 1
EXIT_BAD_INPUT = 2


class _ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(prog="python -m index", description="决算问答：构建与检索报告索引")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_ChineseParser)
    build = sub.add_parser("build", help="解析、分块、向量化并写入索引")
    build.add_argument("paths", nargs="*", type=Path, help="报告文件（默认 JUESUAN_REPORT）")
    verify = sub.add_parser("verify", help="按清单和报告检查索引是否完好（只读）")
    verify.add_argument("path", nargs="?", type=Path, help="报告文件（默认 JUESUAN_REPORT）")
    add = sub.add_parser("add", help="把报告（PDF 或文本）加入报告库：解析、核对、建索引、登记")
    add.add_argument("files", nargs="+", type=Path, help="报告文件")
    listing = sub.add_parser("list", help="列出报告库中的报告")
    listing.add_argument("--json", action="store_true", help="输出 JSON 数组")
    remove = sub.add_parser("remove", help="从报告库删除一份报告（及其索引）")
    remove.add_argument("id", help="报告编号（见 python -m index list）")
    search = sub.add_parser("search", help="检索报告片段")
    search.add_argument("query")
    search.add_argument("--k", type=int, default=None, help="返回条数（默认 JUESUAN_TOP_K）")
    search.add_argument("--mode", choices=MODES, default="hybrid")
    search.add_argument("--json", action="store_true", help="输出 JSON 数组")
    bench = sub.add_parser("bench", help="检索基准：hit@1、hit@5、MRR、延迟")
    bench.add_argument(
        "--questions", type=Path, default=None, help="JSONL 题集（默认 benchmarks/retrieval_questions.jsonl）"
    )
    bench.add_argument("--json", action="store_true", help="同时输出 JSON 结果")
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr, format="%(levelname)s %(message)s"
    )
    for noisy in ("bm25s", "chromadb", "httpx", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = settings or settings_or_exit()
    try:
        if args.command == "build":
            return _build(settings, args.paths)
        if args.command == "verify":
            return _verify(settings, args.path or settings.report)
        if args.command in ("add", "list", "remove"):
            from index.library_cli import run_library_command

            return run_library_command(settings, args)
        if args.command == "search":
            return _search(settings, args.query, args.k or settings.top_k, args.mode, args.json)
        from index.bench import run_bench

        return run_bench(settings, args.questions, as_json=args.json)
    except (CorpusError, IndexError_, EmbedderError, StoreError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _build(settings: Settings, paths: list[Path]) -> int:
    from corpus.parse import load_report
    from index.service import build_index

    for path in paths or [settings.report]:
        stats = build_index(settings.with_(report=path), load_report(path))
        print(stats.summary())
    return 0


def _verify(settings: Settings, path: Path) -> int:
    """0 when the index is sound, 1 when it has problems (each printed; `index build` repairs them)."""
    from corpus.parse import load_report
    from index.verify import verify_index

    result = verify_index(settings.with_(report=path), load_report(path))
    print(result.summary())
    if not result.ok:
        print("修复：python -m index build（损坏的数据库会被移到 *.damaged-* 并重建）", file=sys.stderr)
    return 0 if result.ok else EXIT_DAMAGED


def _search(settings: Settings, query: str, k: int, mode: str, as_json: bool) -> int:
    if not query.strip():
        raise IndexError_("问题不能为空。")
    if len(query) > MAX_QUERY_CHARS:
        raise IndexError_(f"问题过长（{len(query)} 字），上限为 {MAX_QUERY_CHARS} 字。")
    if k < 1:
        raise IndexError_("--k 必须是正整数。")
    from index.service import open_index

    hits = open_index(settings).search(query, k=k, mode=mode)
    if as_json:
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("没有找到相关内容。")
    for rank, hit in enumerate(hits, start=1):
        print(f"{rank}. [{hit.chunk.section_id}] {hit.chunk.heading}  ({hit.source} {hit.score:.4f})")
        print("   " + hit.chunk.text.replace("\n", " ")[:200])
    return 0
