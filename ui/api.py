"""The public JSON API: `POST /api/ask` (the Answer JSON contract), `GET /api/health` (liveness: the process
answers) and `GET /api/ready` (readiness: report, facts and search, each ok | degraded | down, with reasons).

Read-only by construction: the routes only call `Assistant.ask` and read `Assistant.report`; nothing here
can build, change or reload the index.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.service import Assistant
from corpus import Settings
from ui.admission import Admission
from ui.limits import RateLimiter, retry_after_header, too_frequent_message
from ui.readiness import readiness

log = logging.getLogger(__name__)

MAX_HISTORY_TURNS = 20
ERROR_MESSAGE = "抱歉，服务暂时出错，请稍后再试。"


class Turn(BaseModel):
    """One earlier turn of the conversation, as plain text."""

    model_config = ConfigDict(extra="ignore")
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"question": "公务接待费增长原因", "history": []}]},
    )
    question: str = Field(description="用户的问题")
    history: list[Turn] = Field(
        default_factory=list, max_length=MAX_HISTORY_TURNS, description="此前的对话（最近的在最后），用于追问"
    )


class CitationOut(BaseModel):
    n: int
    section_id: str
    heading: str
    page: int | None
    quote: str


class OperandOut(BaseModel):
    value: str
    label: str
    fact_id: str


class CheckOut(BaseModel):
    expression: str
    result: str
    ok: bool
    fact_ids: list[str]
    operation: str = Field(default="", description="计算类型：sum、difference、share、count、mean 等")
    operands: list[OperandOut] = Field(default_factory=list, description="参与计算的数及其含义")


class NumberOut(BaseModel):
    text: str
    verified: bool
    how: str


class AnswerOut(BaseModel):
    """The Answer JSON contract (see assistant.records.Answer)."""

    status: Literal["answered", "not_found", "rejected"]
    answer: str
    citations: list[CitationOut]
    checks: list[CheckOut]
    numbers: list[NumberOut]
    latency_ms: float
    route: str = Field(default="", description="回答所走的路径（答题器名称），如 figure、prior_year、not_found")
    plan: dict[str, Any] | None = Field(default=None, description="问题的结构化计划（步骤、对象、条件），见 README")


class ErrorOut(BaseModel):
    detail: str


def client_key(request: Request) -> str:
    """The rate-limit key: the peer address. X-Forwarded-For is spoofable: it only replaces the peer address
    when the peer is listed in JUESUAN_TRUSTED_PROXIES (uvicorn's ProxyHeadersMiddleware in ui.app does that,
    the same for the API, the widget and the chat); otherwise nothing reads it."""
    return request.client.host if request.client else "unknown"


def admission_for(settings: Settings) -> Admission:
    return Admission(settings.max_in_flight, settings.long_in_flight, settings.embed_max_chars, settings.queue_wait_s)


def api_router(
    settings: Settings, assistant: Assistant, limiter: RateLimiter, admission: Admission | None = None
) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["helpdesk"])
    admission = admission or admission_for(settings)

    async def rate_limit(request: Request) -> None:  # async: never waits for a worker thread
        wait = limiter.hit(client_key(request))
        if wait:
            retry = retry_after_header(wait)
            raise HTTPException(
                status_code=429,
                detail=too_frequent_message(wait),
                headers={"Retry-After": retry},
            )

    @router.post(
        "/ask",
        response_model=AnswerOut,
        summary="提问",
        description="回答关于已加载决算报告的问题，附引文出处和数字核验结果。",
        dependencies=[Depends(rate_limit)],
        responses={
            413: {"model": ErrorOut, "description": "请求体过大"},
            422: {"model": ErrorOut, "description": "请求格式有误或问题过长"},
            429: {"model": ErrorOut, "description": "请求过于频繁（见 Retry-After）"},
            503: {"model": ErrorOut, "description": "服务繁忙，暂不排队（见 Retry-After）"},
        },
    )
    def ask(body: AskRequest) -> Any:
        # A sync route: FastAPI runs it in its thread pool; the shared Assistant is thread-safe. Load shedding
        # (503 + Retry-After) happens before, in ui.admission.AnswerGate, for this route and the widget's.
        if len(body.question) > settings.max_question_chars:
            return JSONResponse(
                status_code=422,
                content={"detail": f"问题太长了：最多 {settings.max_question_chars} 个字，请精简后再问。"},
            )
        history = [turn.model_dump() for turn in body.history]
        try:
            answer = assistant.ask(body.question, history)
        except Exception:
            log.exception("ask failed")
            return JSONResponse(status_code=500, content={"detail": ERROR_MESSAGE})
        return JSONResponse(answer.to_json())

    @router.get("/ready", summary="就绪检查", description="报告、数据表和检索各自的状态：ok、degraded 或 down。")
    def ready() -> JSONResponse:
        body = readiness(getattr(assistant, "assistant", assistant))  # the wrapped one: LoggedAssistant
        body["load"] = admission.snapshot()
        return JSONResponse(body, status_code=503 if body["status"] == "down" else 200)

    @router.get("/health", summary="存活检查", description="进程在运行并能应答（不检查依赖，见 /api/ready）。")
    def health() -> dict[str, Any]:
        report = assistant.report
        return {
            "status": "ok",
            "report": report.title,
            "year": report.year,
            "sections": len(report.sections),
            "facts": len(report.facts),
        }

    return router
