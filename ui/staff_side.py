"""Wiring of the staff side and the widget's extras into the app (kept out of app.py so both stay small):
the question log, the widget's ask/feedback endpoints, the staff sign-in, `/favicon.ico`, the staff static
files, and the staff app with its own rate budget.
"""

from __future__ import annotations

import logging

import gradio as gr
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.service import Assistant
from corpus import Settings
from ui.helpdesk import helpdesk_router
from ui.http_extras import favicon_router
from ui.limits import RateLimiter
from ui.logged import LoggedAssistant
from ui.question_log import QuestionLog, default_url
from ui.staff import STAFF_STATIC, STATIC_DIR, build_demo
from ui.staff_auth import staff_router

log = logging.getLogger(__name__)


def open_question_log(settings: Settings) -> QuestionLog | None:
    """The question log at `JUESUAN_DB_URL` (default: SQLite under the data dir). A database that cannot
    be opened costs the log, never the helpdesk: answers go on, and the error says what to fix."""
    url = default_url(settings)
    try:
        return QuestionLog(url, settings.log_retention_days)
    except Exception as exc:
        log.error("问题日志数据库无法打开（JUESUAN_DB_URL），本次运行不记录问题：%s", exc)
        return None


def add_widget_and_staff_routes(
    app: FastAPI, settings: Settings, assistant: Assistant, questions: QuestionLog | None, public: RateLimiter
) -> RateLimiter:
    """Routes beside the public API; returns the staff rate limiter (its own budget)."""
    feedback_limiter = RateLimiter(settings.rate_limit, settings.rate_window_s, settings.rate_storage_url, "feedback")
    app.include_router(
        helpdesk_router(settings, LoggedAssistant(assistant, questions, "widget"), public, feedback_limiter)
    )
    staff_limiter = RateLimiter(
        settings.staff_rate_limit, settings.staff_rate_window_s, settings.rate_storage_url, "staff"
    )
    app.include_router(staff_router(settings.staff_token, staff_limiter))
    app.include_router(favicon_router())
    app.mount(STAFF_STATIC, StaticFiles(directory=STATIC_DIR / "staff"), name="staff-static")
    return staff_limiter


def staff_demo(
    settings: Settings, assistant: Assistant, questions: QuestionLog | None, staff_limiter: RateLimiter
) -> gr.Blocks:
    return build_demo(LoggedAssistant(assistant, questions, "staff"), settings, staff_limiter, questions)


__all__ = ["add_widget_and_staff_routes", "open_question_log", "staff_demo"]
