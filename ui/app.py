"""One process, one ASGI app: the public helpdesk (JSON API, widget) with the Gradio staff chat mounted.

Paths: `/` → redirect to the staff chat at `/ui/`; `/api/ask`, `/api/health`, `/api/ready`; `/docs` (OpenAPI);
`/embed` (widget for an iframe), `/embed/demo` (a host page that embeds it), `/embed/static/*`;
`/api/widget/ask`, `/api/feedback` (the widget's answers and 👍/👎); `/staff/login` (when
`JUESUAN_STAFF_TOKEN` is set); `/favicon.ico`. `HEAD` is answered wherever `GET` is.
"""

from __future__ import annotations

import logging

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.library.service import get_library_assistant
from assistant.service import Assistant
from corpus import Settings
from ui.admission import ANSWER_PATHS, AnswerGate
from ui.api import admission_for, api_router
from ui.embed import embed_router, embed_static
from ui.http_extras import HeadAsGet
from ui.limits import BodySizeLimit, RateLimiter
from ui.logged import LoggedAssistant
from ui.question_log import QuestionLog
from ui.staff import mount_options
from ui.staff_auth import StaffGate
from ui.staff_side import add_widget_and_staff_routes, open_question_log, staff_demo

log = logging.getLogger(__name__)

UI_PATH = "/ui"
UPLOAD_PATH = UI_PATH + "/gradio_api/upload"  # the staff app's file upload (a report for the library)
UPLOAD_OVERHEAD = 64 * 1024  # multipart headers around the file
BAD_REQUEST_MESSAGE = '请求格式有误：请发送 JSON，例如 {"question": "公务接待费增长原因", "history": []}。'


class SecurityHeaders:
    """Adds nosniff everywhere and no-store on the API (answers are not for shared caches).

    A page that sets no Content-Security-Policy of its own (the staff app at /ui, /docs, …) may only be framed
    by this site; the widget's pages set their own, which lists the embedding sites."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith("/api")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"strict-origin-when-cross-origin"))
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", b"frame-ancestors 'self'"))
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                if is_api:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with a Chinese message; the field locations help API users, the raw input is not echoed."""
    errors = [
        {"loc": [str(part) for part in err.get("loc", ())], "type": str(err.get("type", ""))} for err in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": BAD_REQUEST_MESSAGE, "errors": errors})


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """FastAPI answers an undecodable body with an English 400; give it the same 422 as any bad body."""
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        return JSONResponse(status_code=422, content={"detail": BAD_REQUEST_MESSAGE})
    return await http_exception_handler(request, exc)


def create_app(settings: Settings, assistant: Assistant | None = None, questions: QuestionLog | None = None) -> FastAPI:
    """Build the whole app. `assistant` defaults to the process-wide one (which opens or builds the index);
    `questions` (the question log) to the database at `JUESUAN_DB_URL`."""
    assistant = assistant or get_library_assistant(settings)
    questions = questions if questions is not None else open_question_log(settings)
    # FastAPIOffline serves the Swagger/ReDoc assets from the package: /docs works without a CDN.
    app = FastAPIOffline(
        title="决算问答 API",
        description="回答关于单位决算报告的问题：每个回答附报告原文引文，数字由计算器核验。只读服务。",
        version="1.0",
        redoc_url=None,  # /docs is the one API page (served offline)
    )
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    limiter = RateLimiter(settings.rate_limit, settings.rate_window_s, settings.rate_storage_url, "public")
    admission = admission_for(settings)
    app.include_router(api_router(settings, LoggedAssistant(assistant, questions, "api"), limiter, admission))
    app.include_router(embed_router(settings, assistant.report, assistant))
    app.mount("/embed/static", embed_static(), name="embed-static")
    staff_limiter = add_widget_and_staff_routes(app, settings, assistant, questions, limiter)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(UI_PATH + "/")

    # Innermost first. The answer gate (load shedding for the two answer routes) reads a body the cap has
    # already bounded; the cap (every route, /ui included) runs before any route reads; security headers see
    # every response; forwarded addresses are believed only from JUESUAN_TRUSTED_PROXIES, before anything
    # keys on the client.
    app.add_middleware(AnswerGate, admission=admission, paths=ANSWER_PATHS)
    larger = {UI_PATH: settings.max_chat_body_bytes, UPLOAD_PATH: settings.max_upload_bytes + UPLOAD_OVERHEAD}
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, larger=larger)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(StaffGate, token=settings.staff_token)
    app.add_middleware(HeadAsGet)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))

    demo = staff_demo(settings, assistant, questions, staff_limiter)
    app = gr.mount_gradio_app(
        app,
        demo,
        path=UI_PATH,
        server_name=settings.host,
        server_port=settings.port,
        footer_links=[],
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        show_error=False,
        max_file_size=settings.max_upload_bytes,
        **mount_options(),
    )
    log.info("app ready: staff chat at %s/, API at /api/ask, widget at /embed", UI_PATH)
    return app
