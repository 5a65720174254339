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
    report: str | None = Field(
        default=None, max_length=80, description="选中的报告编号（见 GET /api/reports）；问题写明单位和年度时以问题为准"
    )
    body: str | None = Field(default=None, max_length=100, description="只回答这个单位的报告（嵌入窗口按单位固定时用）")


class CitationOut(BaseModel):
    n: int
    section_id: str
    heading: str
    page: int | None
    quote: str
    report: str = Field(default="", description="引文所在报告的编号（报告库）")


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

    status: Literal["answered", "not_found", "rejected", "clarify"] = Field(
        description="answered 已回答；not_found 报告中没有；rejected 不是有效问题；clarify 问题太笼统（或报告库中有多个"
        "单位而问题未指明），answer 是反问，suggestions 是可以直接问的具体问题，candidates 是可能的报告"
    )
    answer: str
    citations: list[CitationOut]
    checks: list[CheckOut]
    numbers: list[NumberOut]
    latency_ms: float
    route: str = Field(default="", description="回答所走的路径（答题器名称），如 figure、prior_year、not_found")
    plan: dict[str, Any] | None = Field(default=None, description="问题的结构化计划（步骤、对象、条件），见 README")
    suggestions: list[str] = Field(
        default_factory=list, description="status 为 clarify 时：可以直接问的具体问题（均已试答）"
    )
    report: str = Field(default="", description="回答所依据的报告编号（跨报告的回答为空，见各引文的 report）")
    candidates: list[dict[str, Any]] = Field(
        default_factory=list, description="报告库中 status 为 clarify 时：问题可能指的报告（每个单位一份）"
    )


class ReportOut(BaseModel):
    id: str
    body: str
    year: int
    kind: str
    title: str
    format: str
    home: bool = Field(description="是否为服务的默认报告")


class ErrorOut(BaseModel):
    detail: str


def client_key(request: Request) -> str:
    """The rate-limit key: the peer address. X-Forwarded-For is spoofable: it only replaces the peer address
    when the peer is listed in JUESUAN_TRUSTED_PROXIES (uvicorn's ProxyHeadersMiddleware in ui.app does that,
    the same for the API, the widget and the chat); otherwise nothing reads it."""
    return request.client.host if request.client else "unknown"


def report_list(assistant: Any) -> list[dict[str, Any]]:
    """The reports a question may be asked of: the library's, or the one report of a single-report assistant."""
    inner = getattr(assistant, "assistant", assistant)  # LoggedAssistant wraps the assistant
    if hasattr(inner, "entries"):
        home = getattr(inner, "home_id", "")
        return [{**e.to_json(), "home": e.id == home} for e in inner.entries()]
    report = inner.report
    return [
        {
            "id": report.id,
            "body": report.body,
            "year": report.year,
            "kind": report.kind,
            "title": report.title,
            "format": report.source_format,
            "home": True,
        }
    ]


def unknown_choice(assistant: Any, body: AskRequest) -> str:
    """A selected report or a pinned body the library does not hold, said in Chinese ("" when both are fine)."""
    if not body.report and not body.body:
        return ""
    listed = report_list(assistant)
    if body.report and body.report not in {r["id"] for r in listed}:
        return f"找不到编号为“{body.report}”的报告，可用的报告见 GET /api/reports。"
    if body.body and body.body not in {r["body"] for r in listed}:
        return f"报告库中没有“{body.body}”的报告，可用的报告见 GET /api/reports。"
    return ""


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
        unknown = unknown_choice(assistant, body)
        if unknown:
            return JSONResponse(status_code=422, content={"detail": unknown})
        try:
            answer = assistant.ask(body.question, history, report=body.report, body=body.body)
        except Exception:
            log.exception("ask failed")
            return JSONResponse(status_code=500, content={"detail": ERROR_MESSAGE})
        return JSONResponse(answer.to_json())

    @router.get(
        "/reports",
        response_model=list[ReportOut],
        summary="报告列表",
        description="报告库中的报告（单位、年度、类型），提问时可用 report 选中其中一份。",
    )
    def reports() -> list[dict[str, Any]]:
        return report_list(assistant)

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
