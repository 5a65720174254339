"""Small HTTP courtesies: `HEAD` answered wherever `GET` is, and `/favicon.ico`.

FastAPI routes declared with `@get` answer `HEAD` with 405; monitors and link checkers send `HEAD`. The
middleware runs such a request as a `GET` and drops the body (headers, including Content-Length, stay), as
HTTP says a `HEAD` response must. Gradio's event streams are left alone (a `HEAD` there makes no sense).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FAVICON = Path(__file__).resolve().parent / "static" / "favicon.ico"


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD" or "/gradio_api/" in scope["path"]:
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def favicon_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/favicon.ico")
    def favicon() -> FileResponse:
        return FileResponse(FAVICON, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})

    return router


__all__ = ["FAVICON", "HeadAsGet", "favicon_router"]
