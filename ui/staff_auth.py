"""Optional sign-in for the staff UI (`/ui`): one shared token from `JUESUAN_STAFF_TOKEN`; off when empty.

The staff UI is a first-party page (never inside the public iframe), so a first-party cookie is fine here;
the public widget and API need no cookie at all. Signing in sets an HttpOnly, SameSite=Lax cookie holding
an expiry and an HMAC of it keyed by the token (changing the token signs everyone out); scripts and
`gradio_client` can send `Authorization: Bearer <token>` instead. Hand-written because the rule is this
small: Gradio's own `auth` needs its login page and cookies inside Gradio's app, and this gate must also
cover the routes around it.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import time
from http.cookies import SimpleCookie
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ui.limits import RateLimiter, too_frequent_message

COOKIE = "juesuan_staff"
SESSION_S = 12 * 3600
LOGIN_PATH = "/staff/login"
GATED = ("/ui", "/staff")
OPEN = (LOGIN_PATH, "/staff/static/", "/staff/logout")
MAX_FORM_BYTES = 4096
NEED_LOGIN = "需要登录：请先在 /staff/login 输入工作人员口令。"
LOGIN_PAGE = Path(__file__).resolve().parent / "static" / "staff" / "login.html"


def _sign(token: str, expires: int) -> str:
    return hmac.new(token.encode(), f"juesuan-staff:{expires}".encode(), hashlib.sha256).hexdigest()


def session_cookie(token: str, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + SESSION_S)
    return f"{expires}.{_sign(token, expires)}"


def valid_session(token: str, value: str, now: float | None = None) -> bool:
    expires_text, _, signature = value.partition(".")
    if not expires_text.isdigit() or int(expires_text) < (now if now is not None else time.time()):
        return False
    return hmac.compare_digest(signature, _sign(token, int(expires_text)))


def authorized(token: str, headers: dict[bytes, bytes]) -> bool:
    auth = headers.get(b"authorization", b"").decode("latin-1")
    if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        return True
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
    except Exception:
        return False
    morsel = cookie.get(COOKIE)
    return morsel is not None and valid_session(token, morsel.value)


def _gated(path: str) -> bool:
    if any(path == p.rstrip("/") or path.startswith(p) for p in OPEN):
        return False
    return any(path == p or path.startswith(p + "/") for p in GATED)


class StaffGate:
    """ASGI middleware: with a token set, `/ui` and `/staff` need a signed-in session (or the bearer token).
    A page request is sent to the sign-in page; anything else gets 401 with a Chinese message."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.token or scope["type"] not in ("http", "websocket") or not _gated(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        if authorized(self.token, headers):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        accepts_html = b"text/html" in headers.get(b"accept", b"")
        if scope.get("method") in ("GET", "HEAD") and accepts_html:
            target = scope["path"] + (
                "?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else ""
            )
            response: Response = RedirectResponse(f"{LOGIN_PATH}?next={quote(target)}", status_code=303)
        else:
            response = Response(
                json.dumps({"detail": NEED_LOGIN}, ensure_ascii=False),
                status_code=401,
                media_type="application/json",
                headers={"WWW-Authenticate": "Bearer"},
            )
        await response(scope, receive, send)


def _safe_next(target: str) -> str:
    """Only back into the staff UI (never an open redirect to another site)."""
    return target if target.startswith("/ui") and not target.startswith("//") else "/ui/"


def _page(message: str, target: str, status: int = 200) -> HTMLResponse:
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    body = Template(LOGIN_PAGE.read_text(encoding="utf-8")).substitute(error=error, target=html.escape(target))
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def staff_router(token: str, limiter: RateLimiter) -> APIRouter:
    """The sign-in page (`GET/POST /staff/login`) and sign-out (`/staff/logout`)."""
    router = APIRouter(include_in_schema=False)

    @router.api_route(LOGIN_PATH, methods=["GET", "HEAD"])
    def login_page(request: Request) -> Response:
        target = _safe_next(request.query_params.get("next", "/ui/"))
        if not token:
            return RedirectResponse(target, status_code=303)
        return _page("", target)

    @router.post(LOGIN_PATH)
    async def login(request: Request) -> Response:
        wait = limiter.hit("login:" + (request.client.host if request.client else "unknown"))
        if wait:
            return _page(too_frequent_message(wait), "/ui/", status=429)
        raw = await request.body()
        if len(raw) > MAX_FORM_BYTES:
            return _page("请求内容过大。", "/ui/", status=413)
        form = parse_qs(raw.decode("utf-8", "replace"))
        target = _safe_next((form.get("next") or ["/ui/"])[0])
        given = (form.get("token") or [""])[0].strip()
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            return _page("口令不正确，请重试。", target, status=401)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            session_cookie(token),
            max_age=SESSION_S,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )
        return response

    @router.get("/staff/logout")
    def logout() -> Response:
        response = RedirectResponse(LOGIN_PATH, status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    return router


__all__ = ["COOKIE", "StaffGate", "authorized", "session_cookie", "staff_router", "valid_session"]
