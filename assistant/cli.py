"""`python -m assistant`: ask one question, chat in the terminal, or audit a report.

    python -m assistant ask "问题" [--history FILE] [--json]
    python -m assistant explain "问题" [--history FILE] [--json]
    python -m assistant chat
    python -m assistant audit [PATH]

Bad input (an empty or overlong question, an unreadable history file, a file that is not a report) is
answered with a Chinese message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assistant.compose.formulas import Label, describe_check
from assistant.records import Answer, Check
from corpus import CorpusError, Settings, load_report
from corpus.settings import settings_or_exit

EXIT_BAD_INPUT = 2
CONSTANTS = ("百分比", "项数", "条件", "万元折合元")  # operands that are no figure of the report
MAX_HISTORY_BYTES = 2 * 1024 * 1024
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a Chinese message and exit code 2 (argparse's own code, kept)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"错误：命令行参数不正确（{message}）", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m assistant", description="决算问答：带引用、每个数字都经过核验的回答。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", parser_class=_Parser)
    ask = commands.add_parser("ask", help="回答一个问题", description="回答一个关于决算报告的问题。")
    ask.add_argument("question", help="问题，例如：三公经费是多少？")
    ask.add_argument("--history", help="对话历史 JSON 文件（messages 格式：[{role, content}, …]）")
    ask.add_argument("--json", action="store_true", help="输出 JSON（status, answer, citations, checks, numbers）")
    explain = commands.add_parser(
        "explain",
        help="显示问题的结构化计划与回答路径",
        description="显示问题被理解成的计划（步骤、对象、条件）和回答它的路径。",
    )
    explain.add_argument("question", help="问题，例如：除了公务接待费，三公经费其余几项加起来多少？")
    explain.add_argument("--history", help="对话历史 JSON 文件（messages 格式：[{role, content}, …]）")
    explain.add_argument("--json", action="store_true", help="输出 JSON（plan, route）")
    commands.add_parser("chat", help="在终端里连续对话", description="在终端里连续对话（输入空行或 exit 退出）。")
    audit = commands.add_parser("audit", help="核算报告里的合计、占比、增减率", description="逐项核算报告数字。")
    audit.add_argument("path", nargs="?", help="报告文件（默认：JUESUAN_REPORT 或随附的报告）")
    return parser


def answer_json(answer: Answer) -> dict[str, Any]:
    """The JSON contract shared with the HTTP API."""
    return {
        "status": answer.status,
        "answer": answer.answer,
        "citations": [
            {
                "n": c.n,
                "section_id": c.section_id,
                "heading": c.heading,
                "page": c.page,
                "quote": c.quote,
                "report": c.report,
            }
            for c in answer.citations
        ],
        "checks": [
            {
                "expression": c.expression,
                "result": c.result,
                "ok": c.ok,
                "fact_ids": list(c.fact_ids),
                "operation": c.operation,
                "operands": [{"value": o.value, "label": o.label, "fact_id": o.fact_id} for o in c.operands],
            }
            for c in answer.checks
        ],
        "numbers": [{"text": n.text, "verified": n.verified, "how": n.how} for n in answer.numbers],
        "latency_ms": answer.latency_ms,
        "route": answer.route,
        "plan": answer.plan,
        "suggestions": list(answer.suggestions),
        "report": answer.report,
        "candidates": answer.candidates,
    }


def render(answer: Answer) -> str:
    """An answer for a terminal: the text, then the sources and the calculations."""
    lines = [answer.answer.split("可以这样问：")[0] if answer.suggestions else answer.answer]
    if answer.suggestions:
        lines.append("")
        lines.append("可以这样问：")
        lines += [f"  · {s}" for s in answer.suggestions]
    if answer.citations:
        lines.append("")
        lines.append("来源：")
        for c in answer.citations:
            page = f"，第 {c.page} 页" if c.page else ""
            quote = " ".join(c.quote.split())
            lines.append(f"[{c.n}] {c.heading}{page}：{quote}")
    shown = [c for c in answer.checks if c.ok]  # a failed comparison is the report's inconsistency, said in the text
    if shown:
        lines.append("")
        lines.append("计算：")
        for line in dict.fromkeys(describe_check(asdict(c), _labels(c)) for c in shown):
            lines.append(f"  {line}")
    return "\n".join(lines)


def _labels(check: Check) -> list[Label]:
    """The names of a check's figures, from its operands (constants such as 百分比 are no figure's name)."""
    out: list[Label] = []
    for operand in check.operands:
        if not operand.value or operand.label in CONSTANTS:
            continue
        try:
            value = abs(Decimal(operand.value))
        except InvalidOperation:
            continue
        out.append(Label(operand.label.removesuffix(" 决算数").strip(), value))
    return out


def read_history(path: str) -> list[dict[str, Any]]:
    """A messages-format history file; raises ValueError with a Chinese message."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ValueError(f"无法读取对话历史文件 {path}（{exc.strerror or exc}）") from exc
    if len(data) > MAX_HISTORY_BYTES:
        raise ValueError(f"对话历史文件过大（上限 {MAX_HISTORY_BYTES} 字节）：{path}")
    try:
        history = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"对话历史文件不是有效的 UTF-8 JSON：{path}") from exc
    if not isinstance(history, list) or not all(isinstance(m, dict) for m in history):
        raise ValueError('对话历史应为消息列表，例如 [{"role": "user", "content": "三公经费是多少？"}]')
    return history


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings or settings_or_exit()
    try:
        if args.command == "audit":
            return _audit(Path(args.path) if args.path else settings.report)
        history = read_history(args.history) if args.command in ("ask", "explain") and args.history else None
        from assistant.service import Assistant

        if args.command == "explain":
            return _explain(Assistant(settings), args.question, history, args.json)
        if args.command == "ask":
            assistant = Assistant(settings)
            answer = assistant.ask(args.question, history)
            if args.json:
                print(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
            else:
                print(render(answer))
            return EXIT_BAD_INPUT if answer.status == "rejected" else 0
        return _chat(Assistant(settings))
    except (CorpusError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"错误：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _explain(assistant: Any, question: str, history: list[dict[str, Any]] | None, as_json: bool) -> int:
    from assistant.explain import render_plan

    plan, route = assistant.explain(question, history)
    if plan is None:
        print("错误：问题是空的、过长或含有无法识别的内容。", file=sys.stderr)
        return EXIT_BAD_INPUT
    if as_json:
        print(json.dumps({"plan": plan.to_json(), "route": route}, ensure_ascii=False, indent=2))
    else:
        print(render_plan(plan, route))
    return 0


def _audit(path: Path) -> int:
    from assistant.audit import audit_report, render_audit_table

    report = load_report(path)
    print(render_audit_table(audit_report(report)))
    return 0


def _chat(assistant: Any) -> int:
    history: list[dict[str, str]] = []
    print(f"决算问答：{assistant.report.title}。输入问题后回车，空行或 exit 退出。")
    while True:
        try:
            question = input("问：").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question or question.lower() in ("exit", "quit", "退出"):
            return 0
        answer = assistant.ask(question, history)
        print("答：" + render(answer))
        print()
        if answer.status != "rejected":
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
