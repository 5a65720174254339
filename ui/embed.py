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

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from corpus import Report, Settings
from ui.examples import example_questions

STATIC_DIR = Path(__file__).resolve().parent / "static"


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


def embed_router(settings: Settings, report: Report) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    # Values go into HTML attributes, escaped; the script reads them with dataset + JSON.parse.
    widget = _page(
        "embed.html",
        title=html.escape(f"{report.body or '决算'}问答"),
        subtitle=html.escape(report.title),
        max_chars=str(int(settings.max_question_chars)),
        examples=html.escape(json.dumps(example_questions(report, limit=3), ensure_ascii=False), quote=True),
    )
    demo = _page("demo.html", body=html.escape(report.body or "本单位"))

    @router.get("/embed", response_class=HTMLResponse)
    def embed() -> HTMLResponse:
        return HTMLResponse(widget, headers={"Content-Security-Policy": _csp(settings, frame_src=False)})

    @router.get("/embed/demo", response_class=HTMLResponse)
    def embed_demo() -> HTMLResponse:
        return HTMLResponse(demo, headers={"Content-Security-Policy": _csp(settings, frame_src=True)})

    return router


def embed_static() -> StaticFiles:
    return StaticFiles(directory=STATIC_DIR)
