"""The question log: every question asked (staff chat, widget, API) with its status, route/plan, latency and
the feedback people gave, stored through SQLAlchemy at a database URL.

The default is a SQLite file under the data dir (WAL mode, so the helpdesk's threads and a second process can
share it); setting `JUESUAN_DB_URL` to a PostgreSQL URL lets several processes share one log. What is stored
is what the team needs to learn which questions to support next, and no more: no IP address, no session or
cookie; ID-card, phone numbers and e-mail addresses are masked before a row is written; rows older than the
retention setting are deleted.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from corpus import Settings
from ui.masking import mask_personal

log = logging.getLogger(__name__)

LOCAL_ZONE = ZoneInfo("Asia/Shanghai")  # "by day" means the day in China, whatever the server's clock zone
CHANNELS = {"staff": "工作人员", "widget": "嵌入窗口", "api": "API"}
STATUSES = {"answered": "已回答", "not_found": "未找到", "rejected": "拒答", "clarify": "反问"}
RATINGS = {"up": "点赞", "down": "点踩"}
MAX_QUESTION = 2000
MAX_ANSWER = 4000
MAX_COMMENT = 500
PURGE_EVERY_S = 3600.0
_KEY_DROP = re.compile(r"[\s\W_]+")

metadata = MetaData()
questions = Table(
    "questions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("asked_at", DateTime(timezone=True), nullable=False, index=True),
    Column("day", String(10), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("question_key", String(200), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("route", String(80)),
    Column("plan", Text),
    Column("latency_ms", Float),
    Column("answer", Text),
    Column("citations", Integer, nullable=False, default=0),
    Column("feedback", String(8), index=True),
    Column("comment", Text),
    Column("feedback_at", DateTime(timezone=True)),
)


@dataclass(frozen=True)
class Entry:
    id: str
    asked_at: datetime
    day: str
    channel: str
    question: str
    status: str
    route: str | None
    plan: str | None
    latency_ms: float | None
    answer: str | None
    citations: int
    feedback: str | None
    comment: str | None

    def local_time(self) -> str:
        return _aware(self.asked_at).astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Filters:
    status: str | None = None  # answered | not_found | rejected
    feedback: str | None = None  # up | down | commented
    day: str | None = None  # YYYY-MM-DD (China time)
    channel: str | None = None  # staff | widget | api
    failed: bool = False  # not answered, or disliked


def question_key(question: str) -> str:
    """The same question typed differently ("三公经费是多少？" / "三公经费是多少") groups as one."""
    return _KEY_DROP.sub("", question).lower()[:200]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def default_url(settings: Settings) -> str:
    return settings.db_url or f"sqlite:///{settings.data_dir / 'questions.sqlite'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class QuestionLog:
    """Thread-safe (SQLAlchemy pools connections); every method is safe to call from request threads."""

    def __init__(
        self, url: str, retention_days: int = 180, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.url = url
        self.retention_days = retention_days
        self.clock = clock
        if url in ("sqlite://", "sqlite:///:memory:"):  # one in-memory database shared by every thread (tests)
            self.engine: Engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        self._purge_lock = threading.Lock()
        self._last_purge = 0.0
        self.purge()

    @classmethod
    def from_settings(cls, settings: Settings) -> QuestionLog:
        return cls(default_url(settings), settings.log_retention_days)

    # ------------------------------------------------------------------ writing
    def record(self, channel: str, question: str, answer: Mapping[str, Any]) -> str:
        """Store one question and its answer's outcome; returns the row id (a random, unguessable token)."""
        entry_id = secrets.token_hex(16)
        now = self.clock()
        masked = mask_personal(str(question))[:MAX_QUESTION]
        plan = answer.get("plan")
        row = {
            "id": entry_id,
            "asked_at": now,
            "day": now.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d"),
            "channel": channel if channel in CHANNELS else "api",
            "question": masked,
            "question_key": question_key(masked),
            "status": str(answer.get("status", "")),
            "route": str(answer["route"])[:80] if answer.get("route") else None,
            "plan": json.dumps(plan, ensure_ascii=False, sort_keys=True) if plan else None,
            "latency_ms": float(answer.get("latency_ms") or 0.0),
            "answer": mask_personal(str(answer.get("answer", "")))[:MAX_ANSWER],
            "citations": len(answer.get("citations") or []),
        }
        with self.engine.begin() as conn:
            conn.execute(questions.insert().values(**row))
        self._maybe_purge()
        return entry_id

    def feedback(self, entry_id: str, rating: str | None, comment: str | None = None) -> bool:
        """Set 👍/👎 (rating "up"/"down", or None to clear) and an optional comment; False if no such entry."""
        values: dict[str, Any] = {"feedback_at": self.clock()}
        if rating is not None or comment is None:
            values["feedback"] = rating if rating in RATINGS else None
        if comment is not None:
            values["comment"] = mask_personal(comment.strip())[:MAX_COMMENT] or None
        with self.engine.begin() as conn:
            result = conn.execute(update(questions).where(questions.c.id == str(entry_id)[:32]).values(**values))
        return bool(result.rowcount)

    def purge(self) -> int:
        """Delete entries older than the retention period (0 days = keep everything)."""
        self._last_purge = time.monotonic()
        if self.retention_days <= 0:
            return 0
        cutoff = self.clock() - timedelta(days=self.retention_days)
        with self.engine.begin() as conn:
            removed = conn.execute(delete(questions).where(questions.c.asked_at < cutoff)).rowcount
        if removed:
            log.info("question log: %d entries older than %d days deleted", removed, self.retention_days)
        return removed

    def _maybe_purge(self) -> None:
        if time.monotonic() - self._last_purge < PURGE_EVERY_S or not self._purge_lock.acquire(blocking=False):
            return
        try:
            self.purge()
        finally:
            self._purge_lock.release()

    # ------------------------------------------------------------------ reading
    def get(self, entry_id: str) -> Entry | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(questions).where(questions.c.id == entry_id)).mappings().first()
        return _entry(row) if row else None

    def entries(self, filters: Filters = Filters(), limit: int = 500) -> list[Entry]:
        """Newest first."""
        query = select(questions).order_by(questions.c.asked_at.desc(), questions.c.id).limit(limit)
        for condition in _conditions(filters):
            query = query.where(condition)
        with self.engine.connect() as conn:
            return [_entry(row) for row in conn.execute(query).mappings()]

    def days(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(questions.c.day).distinct().order_by(questions.c.day.desc())).scalars()
            return list(rows)

    def top_questions(
        self, channels: Sequence[str] = ("widget", "api"), limit: int = 10, failed_only: bool = False
    ) -> list[tuple[str, int, int]]:
        """(question as last asked, times asked, times not answered or disliked), most asked first."""
        failed = or_(questions.c.status != "answered", questions.c.feedback == "down")
        query = (
            select(
                questions.c.question_key,
                func.count().label("n"),
                func.sum(failed.cast(Integer)).label("bad"),
                func.max(questions.c.asked_at).label("last"),
            )
            .where(questions.c.channel.in_(list(channels)))
            .group_by(questions.c.question_key)
            .order_by(func.count().desc(), questions.c.question_key)
            .limit(limit)
        )
        if failed_only:
            query = query.where(failed)
        with self.engine.connect() as conn:
            groups = list(conn.execute(query))
            out = []
            for key, count, bad, _last in groups:
                text = conn.execute(
                    select(questions.c.question)
                    .where(questions.c.question_key == key)
                    .order_by(questions.c.asked_at.desc())
                    .limit(1)
                ).scalar_one()
                out.append((text, int(count), int(bad or 0)))
        return out

    def counts(self, filters: Filters = Filters()) -> dict[str, int]:
        """Totals for the log tab's header: all, not found, disliked."""
        query = select(
            func.count(),
            func.sum((questions.c.status == "not_found").cast(Integer)),
            func.sum((questions.c.feedback == "down").cast(Integer)),
        )
        for condition in _conditions(filters):
            query = query.where(condition)
        with self.engine.connect() as conn:
            total, not_found, down = conn.execute(query).one()
        return {"total": int(total or 0), "not_found": int(not_found or 0), "down": int(down or 0)}

    def dispose(self) -> None:
        self.engine.dispose()


CSV_COLUMNS = ["时间", "渠道", "问题", "状态", "路线", "耗时(ms)", "引文数", "反馈", "评论", "回答", "计划"]


def to_csv(entries: Sequence[Entry]) -> str:
    """CSV with a header in Chinese; the caller writes it with a BOM so spreadsheet programs read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            [
                e.local_time(),
                CHANNELS.get(e.channel, e.channel),
                _cell(e.question),
                STATUSES.get(e.status, e.status),
                e.route or "",
                f"{e.latency_ms:.1f}" if e.latency_ms is not None else "",
                e.citations,
                RATINGS.get(e.feedback or "", ""),
                _cell(e.comment or ""),
                _cell(e.answer or ""),
                e.plan or "",
            ]
        )
    return buffer.getvalue()


def _cell(text: str) -> str:
    """Spreadsheet programs run a cell that starts with = + - @ as a formula: prefix it with a quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _conditions(filters: Filters) -> list[Any]:
    out: list[Any] = []
    if filters.status:
        out.append(questions.c.status == filters.status)
    if filters.feedback == "commented":
        out.append(questions.c.comment.is_not(None))
    elif filters.feedback:
        out.append(questions.c.feedback == filters.feedback)
    if filters.day:
        out.append(questions.c.day == filters.day)
    if filters.channel:
        out.append(questions.c.channel == filters.channel)
    if filters.failed:
        out.append(or_(questions.c.status != "answered", questions.c.feedback == "down"))
    return out


def _entry(row: Mapping[str, Any]) -> Entry:
    fields = {k: row[k] for k in Entry.__dataclass_fields__}
    fields["asked_at"] = _aware(fields["asked_at"])
    fields["citations"] = int(fields["citations"] or 0)
    return Entry(**fields)


def entry_json(entry: Entry) -> dict[str, Any]:
    data = asdict(entry)
    data["asked_at"] = entry.asked_at.isoformat()
    return data


__all__ = [
    "CHANNELS",
    "RATINGS",
    "STATUSES",
    "Entry",
    "Filters",
    "QuestionLog",
    "default_url",
    "question_key",
    "to_csv",
]
