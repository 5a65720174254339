"""The staff tab 「问题日志」: every question with its status, route, latency and feedback; filters (未找到,
点踩, by day, by channel); what the public asks most and what failed; CSV export.

Tables are escaped HTML (a card per row on a phone), like the audit.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from ui.question_log import CHANNELS, LOCAL_ZONE, RATINGS, STATUSES, Entry, Filters, QuestionLog, to_csv

EXPORT_DIR = Path(tempfile.gettempdir()) / "juesuan-exports"
ALL = ""
SHOWN = 300  # rows in the table; the CSV has them all (up to EXPORT_MAX)
EXPORT_MAX = 100_000
STATUS_CHOICES = [("全部状态", ALL), *((label, key) for key, label in STATUSES.items())]
FEEDBACK_CHOICES = [("全部反馈", ALL), ("点踩", "down"), ("点赞", "up"), ("有评论", "commented")]
CHANNEL_CHOICES = [("全部渠道", ALL), *((label, key) for key, label in CHANNELS.items())]


def table_html(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] = frozenset()) -> str:
    """An escaped table; `rows` hold plain text. Each cell carries its column name for the phone layout."""
    if not rows:
        return '<p class="juesuan-empty">暂无记录。</p>'
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{html.escape(head[i])}"{" class=num" if i in numeric else ""}>{html.escape(str(c))}</td>'
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    header = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    return f'<div class="juesuan-table"><table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>'


def entry_rows(entries: Sequence[Entry]) -> list[list[str]]:
    return [
        [
            e.local_time(),
            CHANNELS.get(e.channel, e.channel),
            e.question,
            STATUSES.get(e.status, e.status),
            e.route or "—",
            f"{e.latency_ms:.0f}" if e.latency_ms is not None else "—",
            RATINGS.get(e.feedback or "", "—"),
            e.comment or "",
        ]
        for e in entries
    ]


class LogView:
    def __init__(self, questions: QuestionLog) -> None:
        self.questions = questions

    def filters(self, status: str, feedback: str, day: str, channel: str) -> Filters:
        return Filters(status=status or None, feedback=feedback or None, day=day or None, channel=channel or None)

    def refresh(self, status: str = ALL, feedback: str = ALL, day: str = ALL, channel: str = ALL) -> tuple[Any, ...]:
        """summary, day choices, the log table, most asked, failed, and the CSV for the filtered rows."""
        chosen = self.filters(status, feedback, day, channel)
        entries = self.questions.entries(chosen, limit=EXPORT_MAX)
        counts = self.questions.counts(chosen)
        summary = (
            f"共 **{counts['total']}** 条 · 未找到 **{counts['not_found']}** 条 · 点踩 **{counts['down']}** 条"
            + ("（只显示最新的 300 条，导出包含全部）" if len(entries) > SHOWN else "")
        )
        head = ["时间", "渠道", "问题", "状态", "路线", "耗时(ms)", "反馈", "评论"]
        table = table_html(head, entry_rows(entries[:SHOWN]), numeric={5})
        top = self.questions.top_questions(limit=10)
        top_table = table_html(
            ["问题（公众）", "次数", "未答出或点踩"], [[q, str(n), str(b)] for q, n, b in top], {1, 2}
        )
        failed = self.questions.entries(Filters(failed=True), limit=20)
        failed_table = table_html(head, entry_rows(failed), numeric={5})
        days = [("全部日期", ALL), *((d, d) for d in self.questions.days())]
        return (
            summary,
            gr.Dropdown(choices=days, value=day if day in {v for _, v in days} else ALL),
            table,
            top_table,
            failed_table,
            gr.DownloadButton(value=self.export(entries)),
        )

    @staticmethod
    def export(entries: Sequence[Entry]) -> str:
        EXPORT_DIR.mkdir(parents=True, exist_ok=True)
        # A folder of its own per export: two exports in one second (another filter, another person) never write
        # into the file the other is serving; the file keeps its readable name.
        folder = Path(tempfile.mkdtemp(dir=EXPORT_DIR))
        path = folder / f"问题日志-{datetime.now(LOCAL_ZONE):%Y%m%d-%H%M%S}.csv"
        path.write_text(to_csv(entries), encoding="utf-8-sig")  # with a BOM: spreadsheet programs read UTF-8
        return str(path)


def log_tab(questions: QuestionLog, tab: gr.Tab) -> None:
    """The tab's layout and events (call inside `tab`); it refreshes whenever the tab is opened."""
    view = LogView(questions)
    gr.Markdown(
        "每个问题（工作人员、嵌入窗口和 API）的回答状态、路线、耗时和反馈。"
        "问题中的身份证号、电话号码已隐藏，不记录 IP 地址。",
        elem_classes=["juesuan-note"],
    )
    with gr.Row(elem_classes=["juesuan-filters"]):
        status = gr.Dropdown(STATUS_CHOICES, value=ALL, label="状态", elem_id="log-status", min_width=120)
        feedback = gr.Dropdown(FEEDBACK_CHOICES, value=ALL, label="反馈", elem_id="log-feedback", min_width=120)
        day = gr.Dropdown([("全部日期", ALL)], value=ALL, label="日期", elem_id="log-day", min_width=140)
        channel = gr.Dropdown(CHANNEL_CHOICES, value=ALL, label="渠道", elem_id="log-channel", min_width=120)
    with gr.Row():
        refresh = gr.Button("刷新", size="sm", variant="secondary", elem_id="log-refresh")
        export = gr.DownloadButton("导出 CSV", size="sm", variant="secondary", elem_id="log-export")
    summary = gr.Markdown(elem_id="log-summary")
    table = gr.HTML(elem_id="log-table")
    gr.Markdown("### 公众问得最多的问题")
    top = gr.HTML(elem_id="log-top")
    gr.Markdown("### 最近未答出或被点踩的问题")
    failed = gr.HTML(elem_id="log-failed")

    inputs = [status, feedback, day, channel]
    outputs = [summary, day, table, top, failed, export]
    private: dict[str, Any] = {"api_visibility": "private"}
    tab.select(view.refresh, inputs, outputs, **private)
    refresh.click(view.refresh, inputs, outputs, **private)
    for control in inputs:
        control.input(view.refresh, inputs, outputs, **private)


__all__ = ["LogView", "log_tab", "table_html"]
