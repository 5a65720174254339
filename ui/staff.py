"""The staff Blocks app: 问答 (chat), 报告浏览 (report browser), 报告核对 (audit), 问题日志 (question log).

A citation link in the chat opens 报告浏览 at the cited section with the quote highlighted: the page's script
(ui/static/staff/staff.js) puts the link's target in a hidden textbox and clicks a hidden button, whose
event selects the tab and renders the section. Theme, CSS, the script and Chinese labels are given where
the app is mounted (`mount_options`).
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from corpus import Settings
from ui.browse import audit_html, parse_target, section_choices, section_html
from ui.chat import StaffChat, chat_tab
from ui.limits import RateLimiter
from ui.log_tab import log_tab
from ui.logged import LoggedAssistant
from ui.question_log import QuestionLog
from ui.render import md_text

STATIC_DIR = Path(__file__).resolve().parent / "static"

STAFF_STATIC = "/staff/static"
THEME = gr.themes.Default(primary_hue="blue", secondary_hue="slate")
# Gradio's own labels in Chinese where its i18n offers a key (the zh-CN pack lacks the chat ones).
I18N = gr.I18n(
    **{
        locale: {
            "chatbot.copy_message": "复制",
            "chatbot.copied_message": "已复制",
            "chatbot.like": "有帮助",
            "chatbot.dislike": "没帮助",
            "chatbot.retry": "重试",
            "chatbot.undo": "撤销",
            "chatbot.edit": "编辑",
            "chatbot.clear": "清空对话",
            "chat.new_chat": "新对话",
            "chatbot.copy_conversation": "复制整个对话",
        }
        for locale in ("zh-CN", "zh", "zh-TW")
    }
)


def mount_options() -> dict[str, object]:
    """Keyword arguments for `gr.mount_gradio_app` that style and script the staff app."""
    return {
        "theme": THEME,
        "css_paths": [_static("staff.css")],
        "head": f'<script src="{STAFF_STATIC}/staff.js" defer></script>',
        "i18n": I18N,
    }


def _static(name: str) -> Path:
    return STATIC_DIR / "staff" / name


def build_demo(
    assistant: LoggedAssistant,
    settings: Settings,
    limiter: RateLimiter | None = None,
    questions: QuestionLog | None = None,
) -> gr.Blocks:
    """The staff app. `limiter` is the staff budget (not the public one); `questions` the question log."""
    report = assistant.report
    title = f"决算问答 · {report.title}" if report.title else "决算问答"
    chat = StaffChat(assistant, settings, limiter)
    with gr.Blocks(title=title, analytics_enabled=False) as demo:
        gr.Markdown(f"# {md_text(title)}", elem_classes=["juesuan-title"])
        with gr.Tabs(selected="chat", elem_id="staff-tabs") as tabs:
            with gr.Tab("问答", id="chat"):
                chat_tab(chat, settings)
            with gr.Tab("报告浏览", id="browse"):
                choices = section_choices(report)
                first = choices[0][1] if choices else None
                picker = gr.Dropdown(
                    choices=choices,
                    value=first,
                    label="章节（可输入标题筛选）",
                    filterable=True,
                    elem_id="section-picker",
                )
                body = gr.HTML(section_html(report, parse_target(first or "")), elem_id="section-view")
                picker.input(
                    lambda sid: section_html(report, parse_target(sid or "")), picker, body, api_visibility="private"
                )
            with gr.Tab("报告核对", id="audit"):
                table, summary = audit_html(report)
                gr.Markdown(
                    "用报告自身的数字重算合计、差额和比例，核对报告内部是否一致。" + md_text(summary),
                    elem_classes=["juesuan-note"],
                )
                gr.HTML(table, elem_id="audit-table")
            if questions is not None:
                with gr.Tab("问题日志", id="log") as log_tab_handle:
                    log_tab(questions, log_tab_handle)
        # The bridge from a citation link to the report browser (hidden; driven by staff.js).
        target = gr.Textbox(visible="hidden", elem_id="cite-target")
        go = gr.Button(visible="hidden", elem_id="cite-go")

        def open_cite(payload: str):
            parsed = parse_target(payload)
            other = assistant.report_of(parsed.report) if parsed and parsed.report else None
            if other is not None and other is not report:  # a source of another library report
                return gr.Tabs(selected="browse"), gr.skip(), section_html(other, parsed, other.title)
            section = parsed.section_id if parsed else None
            picked = gr.Dropdown(value=section) if section in {sid for _, sid in choices} else gr.skip()
            return gr.Tabs(selected="browse"), picked, section_html(report, parsed)

        go.click(open_cite, target, [tabs, picker, body], queue=False, api_visibility="private").then(
            None, js="() => window.juesuanShowHit && window.juesuanShowHit()"
        )
    demo.queue(default_concurrency_limit=settings.queue_concurrency)
    return demo


__all__ = ["THEME", "build_demo", "mount_options"]
