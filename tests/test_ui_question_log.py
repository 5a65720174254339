"""The question log (SQLite through SQLAlchemy, as deployed by default): what is stored, masked, filtered,
exported and forgotten."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect

from ui.masking import mask_personal
from ui.question_log import Filters, QuestionLog, question_key, to_csv

ANSWERED = {"status": "answered", "answer": "公务接待费支出 2.81 万元。[1]", "citations": [{"n": 1}], "latency_ms": 3.5}
NOT_FOUND = {"status": "not_found", "answer": "报告中没有找到与此相关的内容。", "citations": [], "latency_ms": 1.0}


@pytest.fixture
def clock():
    now = [datetime(2026, 11, 30, 1, 0, tzinfo=UTC)]
    return now


@pytest.fixture
def log(tmp_path, clock) -> QuestionLog:
    questions = QuestionLog(
        f"sqlite:///{tmp_path / 'log' / 'questions.sqlite'}", retention_days=30, clock=lambda: clock[0]
    )
    yield questions
    questions.dispose()


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("我的身份证号是11010519491231002X，能查到吗", "我的身份证号是[身份证号]，能查到吗", "11010519491231002X"),
        ("手机13812345678、138-1234-5678、+86 138 1234 5678", "手机[手机号]、[手机号]、[手机号]", "1234"),
        ("座机 028-86123456 或 (028)86123456", "座机 [电话号码] 或 [电话号码]", "86123456"),
        ("全角１３８１２３４５６７８", "全角[手机号]", "１３８"),
        ("回信到 a.b@example.gov.cn", "回信到 [电子邮箱]", "example"),
    ],
)
def test_personal_numbers_are_masked(text: str, kept: str, gone: str) -> None:
    masked = mask_personal(text)
    assert masked == kept and gone not in masked


def test_report_figures_are_not_mistaken_for_personal_numbers() -> None:
    text = "支出 20685.29 万元，12345 热线，2023 年，项目支出 15952.21 万元，编号 110105194912310021345"
    assert mask_personal(text) == text


def test_record_masks_and_stores_no_address(log: QuestionLog) -> None:
    entry_id = log.record("widget", "我的电话13812345678，三公经费是多少？", {**ANSWERED, "route": "figure"})
    entry = log.get(entry_id)
    assert entry is not None and "13812345678" not in entry.question and "[手机号]" in entry.question
    assert entry.status == "answered" and entry.route == "figure" and entry.latency_ms == 3.5 and entry.citations == 1
    assert len(entry_id) == 32  # random, unguessable: feedback is only possible for the one who asked
    columns = {c["name"] for c in inspect(log.engine).get_columns("questions")}
    assert not any(word in name for name in columns for word in ("ip", "addr", "client", "session", "cookie"))


def test_feedback_filters_and_days(log: QuestionLog, clock) -> None:
    first = log.record("widget", "三公经费是多少？", ANSWERED)
    clock[0] += timedelta(days=1)
    second = log.record("api", "三公经费是多少", NOT_FOUND)
    third = log.record("staff", "公务接待费增长原因", ANSWERED)
    assert log.feedback(second, "down", "没有回答我的问题，电话 028-86123456")
    assert log.feedback(third, "up")
    assert not log.feedback("0" * 32, "up")
    disliked = log.entries(Filters(feedback="down"))
    assert [e.id for e in disliked] == [second] and disliked[0].comment == "没有回答我的问题，电话 [电话号码]"
    assert [e.id for e in log.entries(Filters(status="not_found"))] == [second]
    assert [e.id for e in log.entries(Filters(failed=True))] == [second]
    assert log.days() == ["2026-12-01", "2026-11-30"]  # China time: 01:00 UTC is 09:00 in Beijing
    assert [e.id for e in log.entries(Filters(day="2026-11-30"))] == [first]
    assert [e.id for e in log.entries(Filters(channel="staff"))] == [third]
    assert log.counts() == {"total": 3, "not_found": 1, "down": 1}
    # The public's most asked: the two spellings are one question; the staff's is not the public's.
    assert question_key("三公经费是多少？") == question_key("三公经费是多少")
    assert log.top_questions() == [("三公经费是多少", 2, 1)]
    assert log.feedback(second, None) and log.get(second).feedback is None


def test_csv_export_is_readable_and_safe(log: QuestionLog) -> None:
    entry_id = log.record("widget", '=HYPERLINK("http://x")，三公经费', ANSWERED)
    log.feedback(entry_id, "down", "数字不对")
    text = to_csv(log.entries())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["时间", "渠道", "问题", "状态"]
    assert rows[1][1] == "嵌入窗口" and rows[1][3] == "已回答" and rows[1][7] == "点踩" and rows[1][8] == "数字不对"
    assert rows[1][2].startswith("'=")  # a spreadsheet would run a cell starting with "="


def test_retention_deletes_old_entries(log: QuestionLog, clock) -> None:
    old = log.record("widget", "旧问题", ANSWERED)
    clock[0] += timedelta(days=31)
    new = log.record("widget", "新问题", ANSWERED)
    assert log.purge() == 1
    assert log.get(old) is None and log.get(new) is not None


def test_two_processes_share_one_database(tmp_path) -> None:
    """Two log objects on one SQLite file (as two helpdesk processes would be) see each other's writes."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    one, two = QuestionLog(url), QuestionLog(url)
    entry_id = one.record("widget", "三公经费是多少？", ANSWERED)
    assert two.feedback(entry_id, "down")
    assert one.get(entry_id).feedback == "down"
    one.dispose()
    two.dispose()
