"""The Gradio staff app: chat with sources and number checks, the report audit, and a report browser."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.audit import audit_report
from assistant.service import Assistant
from corpus import Report, Settings
from ui.examples import example_questions
from ui.limits import RateLimiter, too_frequent_message
from ui.render import WORKING_TEXT, history_turns, md_text, stream_answer

log = logging.getLogger(__name__)

THEME = gr.themes.Default(primary_hue="blue", secondary_hue="slate")
CSS = """
.juesuan-title h1 { font-size: 1.35rem; margin: 0.2rem 0; }
.juesuan-note { color: var(--body-text-color-subdued); font-size: 0.9rem; }
"""
STREAM_PAUSE_S = 0.02  # the answer is ready at once; a short pause lets the reader see it arrive
AUDIT_COLUMNS = ["核对项", "算式", "报告值", "计算值", "差额", "结果", "章节"]


class EscapingChatInterface(gr.ChatInterface):
    """ChatInterface that shows the user's own message as plain text.

    Gradio renders chat messages as Markdown + sanitised HTML; a typed `<img onerror=…>` would be
    stripped, not shown. We escape user turns the same way as our own messages (`history_turns` undoes
    it). This overrides a private method of gradio 6.31 (pinned in pyproject).
    """

    def _message_as_message_dict(self, message: Any, role: Any) -> list[Any]:
        if role == "user" and isinstance(message, str):
            message = md_text(message)
        return super()._message_as_message_dict(message, role)


def chat_fn(assistant: Assistant, limiter: RateLimiter | None = None):
    """The ChatInterface callback: ask with the plain-text turns, then stream the answer and its panels.

    The chat is reachable by anyone who can reach the server (the browser, or `gradio_client` on `/chat`),
    so it shares the helpdesk API's per-client limiter: one budget per client whichever door it uses.
    Gradio fills `request` because ChatInterface keeps this function's signature.
    """

    def respond(
        message: str, history: list[dict[str, Any]], request: gr.Request | None = None
    ) -> Iterator[list[dict[str, Any]]]:
        wait = limiter.hit(request_client(request)) if limiter else 0.0
        if wait:
            yield [{"role": "assistant", "content": too_frequent_message(wait)}]
            return
        yield [{"role": "assistant", "content": WORKING_TEXT}]
        try:
            answer = assistant.ask(message, history_turns(history))
        except Exception:
            log.exception("ask failed")
            yield [{"role": "assistant", "content": "抱歉，处理这个问题时出错了，请稍后再试或换一种问法。"}]
            return
        for step in stream_answer(answer):
            yield step
            time.sleep(STREAM_PAUSE_S)

    return respond


def request_client(request: gr.Request | None) -> str:
    """The rate-limit key for a Gradio call: the peer address, as for the API."""
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"


def audit_rows(report: Report) -> tuple[list[list[str]], str]:
    """The audit as table rows plus a one-line summary."""
    items = sorted(audit_report(report), key=lambda item: item.ok)  # disagreements first
    rows = [
        [
            item.name,
            item.expression,
            str(item.expected),
            str(item.computed),
            str(item.difference),
            "✓ 一致" if item.ok else "✗ 不一致",
            _section_list(item.section_ids),
        ]
        for item in items
    ]
    bad = sum(1 for item in items if not item.ok)
    summary = f"共核对 {len(items)} 项，{len(items) - bad} 项一致，{bad} 项不一致。"
    return rows, summary


def _section_list(ids: list[str], shown: int = 3) -> str:
    if len(ids) <= shown:
        return "、".join(ids)
    return "、".join(ids[:shown]) + f" 等 {len(ids)} 节"


def section_view(report: Report, section_id: str | None) -> tuple[str, str]:
    """Heading path + page (escaped Markdown) and the text of the section with all its subsections.

    The subtree's text is one contiguous span of `Report.clean_text` (sections partition it in order),
    so a citation can be read in its full context, including the sentences around the quote.
    """
    if not section_id:
        return "请选择章节。", ""
    try:
        section = report.section(section_id)
    except KeyError:
        return "找不到这个章节。", ""
    subtree = [s for s in report.sections if s.id == section.id or s.id.startswith(section.id + ".")]
    end = max(s.end for s in subtree)
    page = f"第 {section.page} 页" if section.page else "页码未知"
    head = f"**{md_text(section.heading)}**\n\n章节 {md_text(section.id)} · {page}"
    children = [s for s in report.sections if s.parent_id == section.id]
    if children:
        names = "、".join(md_text(f"{s.number}{s.title}" if s.number else s.title) for s in children)
        head += f"\n\n下级章节（{len(children)}）：{names}"
    return head, report.clean_text[section.start : end]


def build_demo(assistant: Assistant, settings: Settings, limiter: RateLimiter | None = None) -> gr.Blocks:
    """The staff Blocks app. Theme and CSS are passed where it is mounted (Gradio 6).

    `limiter` caps chat questions per client; `create_app` passes the API's limiter.
    """
    report = assistant.report
    title = f"决算问答 · {report.title}" if report.title else "决算问答"
    with gr.Blocks(title=title, analytics_enabled=False) as demo:
        gr.Markdown(f"# {md_text(title)}", elem_classes=["juesuan-title"])
        with gr.Tab("问答"):
            chatbot = gr.Chatbot(
                label="对话",
                height="62vh",
                sanitize_html=True,
                render_markdown=True,
                allow_tags=False,
                latex_delimiters=[],
                placeholder="可以问报告里的金额、增减原因、项目绩效等。回答都附有原文出处，数字由计算器核验。",
                buttons=["copy"],
            )
            chat = EscapingChatInterface(
                chat_fn(assistant, limiter),
                chatbot=chatbot,
                textbox=gr.Textbox(
                    placeholder=f"输入问题（最多 {settings.max_question_chars} 字），回车发送",
                    max_length=settings.max_question_chars,
                    submit_btn="发送",
                    stop_btn="停止",
                    elem_id="question-box",
                ),
                examples=example_questions(report),
                examples_label="示例问题",
                cache_examples=False,
                api_name="chat",
                analytics_enabled=False,
                autofocus=True,
                fill_height=False,
                flagging_mode="never",
            )
            clear = gr.Button("清空对话", variant="secondary", size="sm")
            clear.click(
                lambda: ([], []), None, [chat.chatbot, chat.chatbot_state], queue=False, api_visibility="private"
            )
        with gr.Tab("报告核对"):
            rows, summary = audit_rows(report)
            gr.Markdown(
                "用报告自身的数字重算合计、差额和比例，核对报告内部是否一致。" + md_text(summary),
                elem_classes=["juesuan-note"],
            )
            gr.Dataframe(
                value=rows,
                headers=AUDIT_COLUMNS,
                datatype=["str"] * len(AUDIT_COLUMNS),
                interactive=False,
                wrap=True,
                column_widths=["22%", "30%", "10%", "10%", "8%", "8%", "12%"],
                max_height=640,
                label="核对结果",
            )
        with gr.Tab("报告浏览"):
            choices = [(f"{s.id} · {s.heading_path[-1]}", s.id) for s in report.sections]
            first = report.sections[0].id if report.sections else None
            picker = gr.Dropdown(
                choices=choices, value=first, label="章节（可输入章节编号或标题筛选）", filterable=True
            )
            head, text = section_view(report, first)
            heading = gr.Markdown(head)
            body = gr.Textbox(value=text, label="原文", lines=18, max_lines=40, interactive=False, buttons=["copy"])
            picker.change(
                lambda sid: section_view(report, sid),
                picker,
                [heading, body],
                queue=False,
                api_visibility="private",
            )
    demo.queue(default_concurrency_limit=settings.queue_concurrency)
    return demo
