"""The staff chat's report picker and upload (staff side only: the public widget and API never upload).

The picker lists the library's reports (title, newest of a body last) with the home report selected; a question
is asked with the picked report selected (a question that names another body or year still chooses by itself).
An upload goes through `Library.add`: type and size checks, parse, the body/year/kind check, the duplicate check,
the index build and the registration, all or nothing; each refusal is shown in Chinese, never a traceback.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import gradio as gr

from corpus import Settings
from index.library import LibraryError
from ui.logged import LoggedAssistant
from ui.render import md_text

log = logging.getLogger(__name__)


def report_choices(assistant: LoggedAssistant) -> tuple[list[tuple[str, str]], str]:
    """(title, id) of every report to pick from, and the id picked at first (the home report)."""
    inner = assistant.assistant
    if not hasattr(inner, "entries"):
        report = inner.report
        return [(report.title or report.id, report.id)], report.id
    entries = sorted(inner.entries(), key=lambda e: (e.body, e.year, e.id))
    return [(f"{e.title}（{e.source_format.upper()}）", e.id) for e in entries], inner.home_id


class Uploader:
    """Adds an uploaded file to the library and refreshes the picker."""

    def __init__(self, assistant: LoggedAssistant, settings: Settings) -> None:
        self.assistant = assistant
        self.settings = settings

    def add(self, path: str | None) -> tuple[Any, str, Any]:
        """picker, status text, file box."""
        if not path:
            return gr.skip(), "请先选择要上传的报告文件（PDF 或 .txt）。", gr.skip()
        library = self.assistant.assistant.library
        started = time.perf_counter()
        try:
            result = library.add(Path(path))
        except LibraryError as exc:
            return gr.skip(), f"未加入报告库：{md_text(str(exc))}", None
        except Exception:  # a fault of ours: said plainly, logged in full
            log.exception("upload of %s failed", path)
            return gr.skip(), "未加入报告库：处理文件时出错，请稍后再试或联系管理员。", None
        self.assistant.assistant.refresh()
        choices, _ = report_choices(self.assistant)
        entry = result.entry
        if not result.added:
            text = f"这份报告已在库中：{md_text(entry.title)}，已选中。"
        else:
            seconds = time.perf_counter() - started
            done = f"{entry.facts} 条数据，用时 {seconds:.0f} 秒"
            text = f"已加入报告库：{md_text(entry.title)}（{done}），已选中，可以直接提问。"
        return gr.Dropdown(choices=choices, value=entry.id), text, None


def report_panel(assistant: LoggedAssistant, settings: Settings) -> gr.Dropdown:
    """The picker (and, for a library, the upload box) above the chat; returns the picker."""
    choices, picked = report_choices(assistant)
    library = hasattr(assistant.assistant, "library")
    with gr.Row(elem_classes=["juesuan-library"]):
        picker = gr.Dropdown(
            choices=choices,
            value=picked,
            label="报告（问题中写明单位或年度时，以问题为准）",
            elem_id="report-picker",
            filterable=True,
            interactive=library,
            scale=3,
        )
    if library:
        with gr.Accordion("上传报告到报告库", open=False, elem_id="report-upload"):
            upload = gr.File(
                label=f"PDF 或文本（.txt）格式的决算报告，不超过 {settings.max_upload_bytes // 1048576} MB",
                file_types=[".pdf", ".txt"],
                file_count="single",
                type="filepath",
                elem_id="upload-file",
            )
            go = gr.Button("加入报告库", size="sm", elem_id="upload-go")
            status = gr.Markdown(elem_id="upload-status")
        uploader = Uploader(assistant, settings)
        go.click(uploader.add, [upload], [picker, status, upload], api_visibility="private")
    return picker


__all__ = ["Uploader", "report_choices", "report_panel"]
