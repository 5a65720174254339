"""Costly questions cannot starve cheap ones: the text sent to the embedder and BM25 is capped, at most
`long_in_flight` long questions are answered at once, and past capacity requests are shed early with
503 + Retry-After (Chinese) instead of queueing into multi-second waits."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from index_support import built_settings

from ui.admission import Admission, Overloaded
from ui.app import create_app

CHARS = "数据中心网络安全运维平台建设情况说明工作人员培训会议信息化系统升级改造服务外包合同管理档案资料"


def _unique(n: int, rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(n))


def test_the_embedder_and_bm25_get_capped_text(tmp_path_factory: pytest.TempPathFactory, assistant) -> None:
    index = assistant.index
    seen: list[int] = []
    real = index.embedder.get_query_embedding
    scored: list[int] = []
    real_top = index.keyword.top

    class Spy:
        def get_query_embedding(self, text: str):
            seen.append(len(text))
            return real(text)

    embedder, index.embedder = index.embedder, Spy()
    index.keyword.top = lambda text, k: (scored.append(len(text)), real_top(text, k))[1]
    try:
        started = time.perf_counter()
        hits = index.search("公务接待费增长原因" + _unique(480, random.Random(3)), k=3)
        seconds = time.perf_counter() - started
    finally:
        index.embedder = embedder
        del index.keyword.top
    assert hits and seen == [assistant.settings.embed_max_chars] and scored == [assistant.settings.bm25_max_chars]
    assert seconds < 1.0, seconds  # uncapped, embedding 490 characters alone took ~1.1 s of CPU


@pytest.mark.slow
def test_a_burst_of_long_questions_is_shed_while_short_ones_stay_fast(
    tmp_path_factory: pytest.TempPathFactory, assistant
) -> None:
    settings = built_settings(tmp_path_factory).with_(rate_limit=0, max_in_flight=2, long_in_flight=1, queue_wait_s=0.3)
    rng = random.Random(11)
    with TestClient(create_app(settings, assistant)) as client:

        def ask(question: str, path: str = "/api/ask") -> tuple[httpx.Response, float]:
            started = time.perf_counter()
            response = client.post(path, json={"question": question})
            return response, time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=12) as pool:  # the burst comes through both doors: API and widget
            long_ones = [pool.submit(ask, _unique(480, rng), ("/api/ask", "/api/widget/ask")[i % 2]) for i in range(8)]
            time.sleep(0.05)
            short = [ask("本年收入合计是多少")[1] for _ in range(10)]
            results = [f.result(timeout=120) for f in long_ones]
    codes = [r.status_code for r, _ in results]
    assert set(codes) <= {200, 503} and codes.count(503) >= 4, codes
    for response, seconds in results:
        if response.status_code == 503:
            assert response.headers["retry-after"] == "1" and "服务繁忙" in response.json()["detail"]
            assert seconds < 2.0, seconds  # refused early, not after a long wait
    assert statistics.median(short) < 0.5 and max(short) < 2.0, short


def test_admission_waits_briefly_then_sheds_and_gives_slots_back() -> None:
    async def scenario() -> None:
        gate = Admission(slots=2, long_slots=1, long_chars=10, max_wait_s=0.2, max_queue=2)
        release = asyncio.Event()

        async def hold(question: str) -> str:
            try:
                async with gate.slot(question):
                    await release.wait()
                return "ok"
            except Overloaded as exc:
                return str(exc)

        first = asyncio.create_task(hold("长" * 20))
        await asyncio.sleep(0.01)
        assert await hold("长" * 20) == "服务繁忙，请 1 秒后再试。"  # the one long slot is taken
        second = asyncio.create_task(hold("短"))  # a short question still gets the other slot
        await asyncio.sleep(0.01)
        assert gate.snapshot()["in_flight"] == 2
        waiting = [asyncio.create_task(hold("短")) for _ in range(3)]  # two wait, the third is shed at once
        await asyncio.sleep(0.01)
        assert gate.snapshot()["waiting"] == 2
        release.set()
        results = await asyncio.gather(first, second, *waiting)
        assert results.count("ok") == 4 and gate.snapshot()["in_flight"] == 0
        cancelled = asyncio.create_task(hold("短"))
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.gather(cancelled, return_exceptions=True)
        assert gate.snapshot() == {"in_flight": 0, "long_in_flight": 0, "waiting": 0, "shed": 2}

    asyncio.run(scenario())


def test_while_the_event_loop_runs_late_questions_are_refused_before_they_are_read() -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from ui.admission import AnswerGate

    async def answer(request):
        return PlainTextResponse("answered")

    gate = Admission(slots=4, long_slots=1, long_chars=64, max_wait_s=0.25)
    app = Starlette(routes=[Route("/api/ask", answer, methods=["POST"])])
    shedder = AnswerGate(app, gate)
    shedder.lag.ensure_running = lambda: None  # the test sets the lag itself
    with TestClient(shedder) as client:
        assert client.post("/api/ask", content=b"{}").text == "answered"
        shedder.lag.lag_s = 0.4  # what the monitor sees when the loop is 400 ms behind
        late = client.post("/api/ask", content=b"{}")
        assert late.status_code == 503 and late.headers["retry-after"] == "1"
        assert late.json()["detail"] == "服务繁忙，请 1 秒后再试。" and gate.snapshot()["shed"] == 1
        shedder.lag.lag_s = 0.0
        assert client.post("/api/ask", content=b"{}").text == "answered"


def test_the_loop_lag_monitor_sees_a_loop_that_keeps_running_late() -> None:
    from ui.admission import LoopLag

    async def scenario() -> float:
        lag = LoopLag(period_s=0.01)
        lag.ensure_running()
        await asyncio.sleep(0.05)
        time.sleep(0.3)  # one stall: not overload
        await asyncio.sleep(0.03)
        single = lag.lag_s
        for _ in range(3):  # the loop keeps running late: overload
            time.sleep(0.3)
            await asyncio.sleep(0)
            await asyncio.sleep(0.001)
        return single, lag.lag_s

    single, sustained = asyncio.run(scenario())
    assert single < 0.1 and sustained > 0.2, (single, sustained)
