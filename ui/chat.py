"""The staff chat tab: ask, read the cited answer, follow a suggested question, give 👍/👎, copy, export.

Built from plain Blocks parts (Chatbot, Textbox, Buttons) rather than ChatInterface, because the examples
must stay reachable after the first question and the suggested questions change after every answer.
"""

from __future__ import annotations

import logging
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr

from corpus import Settings
from ui.browse import cite_href
from ui.examples import example_questions
from ui.library_panel import report_panel
from ui.limits import RateLimiter, too_frequent_message
from ui.logged import LoggedAssistant
from ui.present import AnswerView, SourceView
from ui.question_log import LOCAL_ZONE
from ui.render import WORKING_TEXT, history_turns, md_text, stream_answer
from ui.views import Viewer

log = logging.getLogger(__name__)

STREAM_PAUSE_S = 0.02  # the answer is ready at once; a short pause lets the reader see it arrive
MAX_SUGGESTIONS = 3
ERROR_TEXT = "抱歉，处理这个问题时出错了，请稍后再试或换一种问法。"
EXPORT_DIR = Path(tempfile.gettempdir()) / "juesuan-exports"


def request_client(request: gr.Request | None) -> str:
    """The rate-limit key for a Gradio call: the peer address, as for the API."""
    client = getattr(request, "client", None)
    return getattr(client, "host", None) or "unknown"


@dataclass
class ChatParts:
    chatbot: gr.Chatbot
    textbox: gr.Textbox
    suggestions: list[gr.Button]
    transcript: gr.State
    export: gr.DownloadButton


class StaffChat:
    """The chat's behaviour, independent of the layout (the tests call it directly too)."""

    def __init__(self, assistant: LoggedAssistant, settings: Settings, limiter: RateLimiter | None = None) -> None:
        self.assistant = assistant
        self.settings = settings
        self.limiter = limiter
        self.report = assistant.report
        self.viewer = Viewer(self.report, assistant.trial, assistant.report_of)

    def href(self, source: SourceView) -> str:
        """The link that opens a source in 「报告浏览」; a library report's source names its report."""
        if source.report and source.report != getattr(self.assistant.assistant, "home_id", source.report):
            report = self.assistant.report_of(source.report)
            if report is not None:
                return cite_href(report, source).replace("#cite=", f"#cite={source.report}~", 1)
        return cite_href(self.report, source)

    def answer(
        self, message: str, history: list[Any] | None, report: str | None = None
    ) -> tuple[AnswerView, str | None]:
        answer, entry_id = self.assistant.ask_logged(message, history_turns(history), report or None)
        return self.viewer.view(answer.to_json(), message), entry_id

    def turn(
        self, message: str, history: list[Any] | None, request: gr.Request | None, report: str | None = None
    ) -> Iterator[Any]:
        """Yields ("messages", list) while streaming, then ("done", view, entry_id) or ("error", text)."""
        wait = self.limiter.hit(request_client(request)) if self.limiter else 0.0
        if wait:
            yield "error", too_frequent_message(wait)
            return
        yield "messages", [{"role": "assistant", "content": WORKING_TEXT}]
        try:
            view, entry_id = self.answer(message, history, report)
        except Exception:
            log.exception("ask failed")
            yield "error", ERROR_TEXT
            return
        for step in stream_answer(view, self.href, entry_id):
            yield "messages", step
            time.sleep(STREAM_PAUSE_S)
        yield "done", view, entry_id

    # ------------------------------------------------------------------ Gradio callbacks
    def respond(
        self,
        message: str,
        history: list[dict[str, Any]] | None,
        transcript: list[dict[str, str]] | None,
        report: str | None = None,
        request: gr.Request | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """chatbot, textbox, suggestion buttons…, transcript, export button."""
        message = (message or "").strip()
        history = list(history or [])
        transcript = list(transcript or [])
        hidden = [gr.Button(visible=False) for _ in range(MAX_SUGGESTIONS)]
        if not message:
            yield (history, gr.skip(), *[gr.skip()] * MAX_SUGGESTIONS, transcript, gr.skip())
            return
        asked = [*history, {"role": "user", "content": md_text(message)}]
        for kind, *rest in self.turn(message, history, request, report):
            if kind == "messages":
                yield ([*asked, *rest[0]], "", *hidden, transcript, gr.skip())
            elif kind == "error":
                notice = {"role": "assistant", "content": md_text(rest[0])}
                yield ([*asked, notice], "", *hidden, transcript, gr.skip())
            else:
                view, entry_id = rest
                transcript.append({"question": message, "answer": view.plain_text(), "id": entry_id or ""})
                shown = list(view.suggestions)[:MAX_SUGGESTIONS]
                buttons = [
                    gr.Button(value=shown[i], visible=True) if i < len(shown) else gr.Button(visible=False)
                    for i in range(MAX_SUGGESTIONS)
                ]
                yield (gr.skip(), gr.skip(), *buttons, transcript, gr.DownloadButton(value=self.export(transcript)))

    def api_chat(self, message: str, history: list[dict[str, Any]], request: gr.Request) -> list[dict[str, Any]]:
        """`/chat` for gradio_client: the finished assistant turn (answer, sources panel, check panel)."""
        last: list[dict[str, Any]] = []
        for kind, *rest in self.turn((message or "").strip(), history, request):
            if kind == "messages":
                last = rest[0]
            elif kind == "error":
                return [{"role": "assistant", "content": md_text(rest[0])}]
        return last

    def like(self, history: list[dict[str, Any]], data: gr.LikeData) -> tuple[Any, ...]:
        """Store 👍/👎 for the answer's log entry; after 👎 open the comment box."""
        entry_id = self._entry_at(history, data.index)
        if not entry_id:
            return gr.Group(visible=False), "", gr.Markdown("这条消息不是回答，无法评价。", visible=True)
        liked = data.liked
        rating = "up" if liked is True or liked == "Like" else "down" if liked is False or liked == "Dislike" else None
        stored = self.assistant.questions is not None and self.assistant.questions.feedback(entry_id, rating)
        if not stored:
            return gr.Group(visible=False), "", gr.Markdown("反馈没有保存成功，请稍后再试。", visible=True)
        if rating == "down":
            return gr.Group(visible=True), entry_id, gr.Markdown("已记录点踩。可以说说哪里不对（可选）：", visible=True)
        text = "已记录点赞，谢谢！" if rating == "up" else "已取消评价。"
        return gr.Group(visible=False), "", gr.Markdown(text, visible=True)

    def comment(self, entry_id: str, text: str) -> tuple[Any, ...]:
        if entry_id and text.strip() and self.assistant.questions is not None:
            self.assistant.questions.feedback(entry_id, "down", text)
            return gr.Group(visible=False), "", "", gr.Markdown("已收到补充说明，谢谢！", visible=True)
        return gr.skip(), gr.skip(), gr.skip(), gr.skip()

    @staticmethod
    def _entry_at(history: list[Any], index: Any) -> str:
        """The log id of the answer a 👍/👎 belongs to: Gradio reports a message group's first message (the
        answer, which carries the id); from a panel, walk back to its answer."""
        i = index[0] if isinstance(index, (list, tuple)) else index
        while isinstance(i, int) and 0 <= i < len(history or []):
            message = history[i] if isinstance(history[i], dict) else {}
            metadata = message.get("metadata") or {}
            if message.get("role") != "assistant":
                break
            if metadata.get("id"):
                return str(metadata["id"])
            if not metadata.get("title"):
                break
            i -= 1
        return ""

    def export(self, transcript: list[dict[str, str]]) -> str | None:
        """The conversation as a Markdown file (clean text, sources listed under each answer)."""
        if not transcript:
            return None
        now = datetime.now(LOCAL_ZONE)
        lines = [
            "# 决算问答 · 对话记录",
            "",
            f"报告：{self.report.title}",
            f"导出时间：{now:%Y-%m-%d %H:%M}（北京时间）",
            "",
        ]
        for turn in transcript:
            lines += [f"## 问：{turn['question']}", "", _quote_sources(turn["answer"]), "", "---", ""]
        EXPORT_DIR.mkdir(parents=True, exist_ok=True)
        path = EXPORT_DIR / f"决算问答对话-{now:%Y%m%d-%H%M%S}-{len(transcript)}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        return str(path)


def _quote_sources(plain: str) -> str:
    """In an export, each source's quote becomes a Markdown block quote."""
    return re.sub(r"^“(.*)”$", r"> \1", plain, flags=re.M)


def chat_tab(chat: StaffChat, settings: Settings) -> ChatParts:
    """The 问答 tab's layout and events (call inside a gr.Tab)."""
    picker = report_panel(chat.assistant, settings)
    chatbot = gr.Chatbot(
        label="对话",
        elem_id="staff-chat",
        height="60vh",
        sanitize_html=True,
        render_markdown=True,
        allow_tags=False,
        latex_delimiters=[],
        placeholder="可以问报告里的金额、增减原因、项目绩效等。回答都附有原文出处，数字由计算器核验。",
        buttons=[],  # Gradio's copy would copy Markdown; each answer has its own 「复制」 (clean text)
        feedback_options=("Like", "Dislike"),
        group_consecutive_messages=True,
    )
    with gr.Row(elem_classes=["juesuan-suggest"]):
        gr.Markdown("接着问：", elem_classes=["juesuan-suggest-label"])
        suggestions = [gr.Button(visible=False, size="sm", variant="secondary") for _ in range(MAX_SUGGESTIONS)]
    feedback_note = gr.Markdown(visible=False, elem_id="feedback-note")
    with gr.Group(visible=False, elem_id="feedback-comment") as comment_box:
        comment = gr.Textbox(label="补充说明（可选）", placeholder="例如：数字不对、没回答到点子上…", max_lines=4)
        comment_send = gr.Button("提交说明", size="sm")
    comment_target = gr.State("")
    textbox = gr.Textbox(
        placeholder=f"输入问题（最多 {settings.max_question_chars} 字），回车发送",
        max_length=settings.max_question_chars,
        submit_btn="发送",
        show_label=False,
        elem_id="question-box",
        autofocus=True,
    )
    with gr.Row(elem_classes=["juesuan-examples"]):
        gr.Markdown("示例问题：", elem_classes=["juesuan-suggest-label"])
        examples = [gr.Button(q, size="sm", variant="secondary") for q in example_questions(chat.report)]
    with gr.Row():
        new_chat = gr.Button("新对话", size="sm", variant="secondary", elem_id="new-chat", scale=0, min_width=100)
        export = gr.DownloadButton(
            "导出对话（Markdown）", size="sm", variant="secondary", elem_id="export-chat", scale=0, min_width=180
        )
    transcript = gr.State([])

    outputs = [chatbot, textbox, *suggestions, transcript, export]
    private: dict[str, Any] = {"api_visibility": "private"}
    textbox.submit(chat.respond, [textbox, chatbot, transcript, picker], outputs, **private)
    for button in [*suggestions, *examples]:
        button.click(chat.respond, [button, chatbot, transcript, picker], outputs, **private)
    chatbot.like(chat.like, [chatbot], [comment_box, comment_target, feedback_note], queue=False, **private)
    comment_send.click(
        chat.comment, [comment_target, comment], [comment_box, comment_target, comment, feedback_note], **private
    )

    def start_over() -> tuple[Any, ...]:
        hidden = [gr.Button(visible=False)] * MAX_SUGGESTIONS
        return [], [], *hidden, gr.DownloadButton(value=None), gr.Group(visible=False), gr.Markdown(visible=False)

    reset = [chatbot, transcript, *suggestions, export, comment_box, feedback_note]
    new_chat.click(start_over, None, reset, queue=False, **private)
    chatbot.clear(start_over, None, reset, queue=False, **private)  # Gradio's own 🗑 in the chat's corner
    gr.api(chat.api_chat, api_name="chat")
    return ChatParts(chatbot, textbox, suggestions, transcript, export)


__all__ = ["ChatParts", "StaffChat", "chat_tab", "request_client"]
