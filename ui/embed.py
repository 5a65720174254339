"""The embeddable helpdesk widget (`/embed`), its demo host page (`/embed/demo`) and their static files.

The pages are plain HTML + one small script; every report or user string is put on the page with
`textContent`. Content-Security-Policy forbids inline script and decides who may frame the widget
(`frame-ancestors`: this site plus `settings.cors_origins`).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from corpus import Report, Settings
from ui.examples import example_questions

STATIC_DIR = Path(__file__).resolve().parent / "static"
UNKNOWN_BODY = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>决算问答</title>'
    "<p>报告库中没有“{body}”的报告，请检查嵌入地址中的单位名称。</p></html>"
)


def _csp(settings: Settings, *, frame_src: bool) -> str:
    ancestors = " ".join(["'self'", *settings.cors_origins])
    parts = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {ancestors}",
    ]
    if frame_src:
        parts.append("frame-src 'self'")
    return "; ".join(parts)


def _page(name: str, **values: str) -> str:
    return Template((STATIC_DIR / name).read_text(encoding="utf-8")).substitute(values)


def widget_page(settings: Settings, report: Report, pinned: str = "") -> str:
    """The widget's page for a report (the newest of its body when pinned to one); values go into HTML attributes,
    escaped, and the script reads them with dataset + JSON.parse."""
    return _page(
        "embed.html",
        title=html.escape(f"{report.body or '决算'}问答"),
        subtitle=html.escape(report.title),
        max_chars=str(int(settings.max_question_chars)),
        examples=html.escape(json.dumps(example_questions(report, limit=3), ensure_ascii=False), quote=True),
        body=html.escape(pinned, quote=True),
    )


def embed_router(settings: Settings, report: Report, library: Any = None) -> APIRouter:
    """`library` (a library assistant) lets a widget be pinned to one body: /embed?body=四川省大数据中心."""
    router = APIRouter(include_in_schema=False)
    widget = widget_page(settings, report)
    demo = _page("demo.html", body=html.escape(report.body or "本单位"))
    pinned: dict[str, str] = {}

    def pinned_page(body: str) -> str | None:
        if body not in pinned:
            entries = [e for e in library.entries() if e.body == body] if hasattr(library, "entries") else []
            if not entries:
                return None
            newest = max(entries, key=lambda e: (e.year, e.id))
            pinned[body] = widget_page(settings, library.assistant_for(newest.id).report, body)
        return pinned[body]

    @router.get("/embed", response_class=HTMLResponse)
    def embed(body: str | None = Query(default=None, max_length=100)) -> HTMLResponse:
        headers = {"Content-Security-Policy": _csp(settings, frame_src=False)}
        if not body:
            return HTMLResponse(widget, headers=headers)
        page = pinned_page(body)
        if page is None:
            return HTMLResponse(UNKNOWN_BODY.format(body=html.escape(body)), status_code=404, headers=headers)
        return HTMLResponse(page, headers=headers)

    @router.get("/embed/demo", response_class=HTMLResponse)
    def embed_demo() -> HTMLResponse:
        return HTMLResponse(demo, headers={"Content-Security-Policy": _csp(settings, frame_src=True)})

    return router


def embed_static() -> StaticFiles:
    return StaticFiles(directory=STATIC_DIR)
