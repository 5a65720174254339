"""Scale out on existing engines: two `python -m ui` processes, each with its own data dir (as two machines would
have), share one Chroma server (`chroma run`), one PostgreSQL database (question log, feedback, library registry)
and one Redis (rate limits). One client's questions, sent to both in turn, spend one budget: the limit trips across
processes; every answer either process gave is in the one log, and feedback given through one process lands on
the answer the other gave."""

from __future__ import annotations

import httpx
import pytest
from index_support import seeded_settings
from server_support import chroma_server, ui_server
from service_support import postgres_server, redis_server
from sqlalchemy import create_engine, text

LIMIT = 5
QUESTIONS = [
    "三公经费是多少？",
    "公务接待费增长原因",
    "基本支出是多少？",
    "项目支出是多少？",
    "人员经费是多少？",
    "公用经费是多少？",
]

pytestmark = pytest.mark.slow


def test_two_processes_share_the_log_the_library_and_the_budget(tmp_path_factory: pytest.TempPathFactory) -> None:
    with (
        postgres_server() as db_url,
        redis_server() as redis_url,
        chroma_server(tmp_path_factory.mktemp("chroma-shared") / "store") as (chroma_port, _chroma),
    ):
        shared = {
            "JUESUAN_CHROMA_HOST": "127.0.0.1",
            "JUESUAN_CHROMA_PORT": str(chroma_port),
            "JUESUAN_DB_URL": db_url,
            "JUESUAN_RATE_STORAGE_URL": redis_url,
            "JUESUAN_RATE_LIMIT": str(LIMIT),
            "JUESUAN_RATE_WINDOW_S": "120",
        }
        dirs = [seeded_settings(tmp_path_factory, f"machine-{n}").data_dir for n in "ab"]
        logs = [d.parent / "ui.log" for d in dirs]
        with ui_server(dirs[0], logs[0], **shared) as first, ui_server(dirs[1], logs[1], **shared) as second:
            servers = [first, second]
            # The second process found the index the first built on the Chroma server and adopted it.
            assert "adopting it" in second.log_text()
            for served in servers:
                ready = httpx.get(served.base + "/api/ready", timeout=10).json()
                assert ready["components"]["search"]["status"] == "ok", ready
                assert ready["components"]["library"]["status"] == "ok", ready
            listed = [httpx.get(s.base + "/api/reports", timeout=10).json() for s in servers]
            assert listed[0] == listed[1] and len(listed[0]) == 1

            widget = httpx.post(first.base + "/api/widget/ask", json={"question": QUESTIONS[0]}, timeout=30)
            assert widget.status_code == 200
            entry_id = widget.json()["id"]
            codes = []
            for n, question in enumerate(QUESTIONS):
                response = httpx.post(servers[n % 2].base + "/api/ask", json={"question": question}, timeout=30)
                codes.append(response.status_code)
                if response.status_code == 429:
                    assert "提问太频繁" in response.json()["detail"] and response.headers["Retry-After"]
            # One budget of LIMIT across both processes: the widget's question and four more, then 429 from each.
            assert codes == [200, 200, 200, 200, 429, 429], codes
            feedback = httpx.post(second.base + "/api/feedback", json={"id": entry_id, "rating": "down"}, timeout=10)
            assert feedback.status_code == 204

        engine = create_engine(db_url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT channel, question, feedback FROM questions ORDER BY asked_at")).all()
            reports = conn.execute(text("SELECT id, body, year FROM library_reports")).all()
            facts = conn.execute(text("SELECT count(*) FROM library_facts")).scalar_one()
        engine.dispose()
        assert [(r.channel, r.question) for r in rows] == [
            ("widget", QUESTIONS[0]),
            *[("api", q) for q in QUESTIONS[:4]],
        ]
        assert rows[0].feedback == "down"  # given through the second process, on the first one's answer
        assert [tuple(r) for r in reports] == [
            ("2023_sichuan_big_data_center_final_accounts", "四川省大数据中心", 2023)
        ]
        assert facts > 300
