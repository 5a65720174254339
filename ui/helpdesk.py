"""The widget's own endpoints, beside the public API and under its limits:

- `POST /api/widget/ask` – the answer for the widget: the Answer JSON, its view (markers in order, sources,
  number check, formulas in words, notes, suggested questions, the clean text to copy) and the id of its
  question-log entry (for 👍/👎). Same request body, length limit and rate budget as `/api/ask`.
- `POST /api/feedback` – 👍/👎 and an optional comment for an answer, by that id. The id is a random
  128-bit token known only to the browser that asked, so nobody can rate another person's answer.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from corpus import Settings
from ui.api import ERROR_MESSAGE, AskRequest, ErrorOut, client_key, unknown_choice
from ui.limits import RateLimiter, retry_after_header, too_frequent_message
from ui.logged import LoggedAssistant
from ui.question_log import MAX_COMMENT
from ui.views import Viewer

log = logging.getLogger(__name__)
NO_ENTRY = "找不到这条回答的记录（可能已过保存期限）。"


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=8, max_length=64, description="回答的记录编号（/api/widget/ask 返回的 id）")
    rating: Literal["up", "down"] | None = Field(description="up = 有帮助，down = 没帮助，null = 取消")
    comment: str | None = Field(default=None, max_length=MAX_COMMENT, description="补充说明（可选）")


def _limit(limiter: RateLimiter):
    def dependency(request: Request) -> None:
        wait = limiter.hit(client_key(request))
        if wait:
            raise HTTPException(
                429, detail=too_frequent_message(wait), headers={"Retry-After": retry_after_header(wait)}
            )

    return dependency


def helpdesk_router(
    settings: Settings, assistant: LoggedAssistant, limiter: RateLimiter, feedback_limiter: RateLimiter
) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["helpdesk"])
    viewer = Viewer(assistant.report, assistant.trial, assistant.report_of)

    @router.post("/widget/ask", include_in_schema=False, dependencies=[Depends(_limit(limiter))])
    def widget_ask(body: AskRequest) -> Any:
        if len(body.question) > settings.max_question_chars:
            return JSONResponse(
                status_code=422,
                content={"detail": f"问题太长了：最多 {settings.max_question_chars} 个字，请精简后再问。"},
            )
        unknown = unknown_choice(assistant, body)
        if unknown:
            return JSONResponse(status_code=422, content={"detail": unknown})
        try:
            history = [t.model_dump() for t in body.history]
            answer, entry_id = assistant.ask_logged(body.question, history, body.report, body.body)
            data = answer.to_json()
            view = viewer.view(data, body.question)
        except Exception:
            log.exception("widget ask failed")
            return JSONResponse(status_code=500, content={"detail": ERROR_MESSAGE})
        return JSONResponse({"id": entry_id, "answer": data, "view": view.to_json()})

    @router.post(
        "/feedback",
        summary="评价回答",
        description="对一条回答点赞或点踩，可附补充说明（身份证号、电话号码会被隐藏后保存）。",
        status_code=204,
        dependencies=[Depends(_limit(feedback_limiter))],
        responses={
            404: {"model": ErrorOut, "description": "找不到这条回答"},
            429: {"model": ErrorOut, "description": "请求过于频繁"},
            503: {"model": ErrorOut, "description": "问题日志暂时不可用"},
        },
    )
    def feedback(body: FeedbackIn) -> Response:
        questions = assistant.questions
        if questions is None:
            return JSONResponse(status_code=503, content={"detail": "反馈暂时无法保存，请稍后再试。"})
        if not questions.feedback(body.id, body.rating, body.comment):
            return JSONResponse(status_code=404, content={"detail": NO_ENTRY})
        return Response(status_code=204)

    return router


__all__ = ["FeedbackIn", "helpdesk_router"]
