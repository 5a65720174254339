"""The library's registry and its library-wide fact store, through SQLAlchemy at one database URL.

`library_reports` holds one row per report (id, body, year, kind, title, file, content hash, counts);
`library_facts` holds every figure of every report with its exact quote, heading and page, so questions across
years and bodies are answered from one indexed table instead of loading every report. A report's row and its
facts are written in one transaction: a reader sees a report with all its facts, or not at all.

The default is a SQLite file under the data dir (WAL mode, shared by the processes of one machine); with
`JUESUAN_DB_URL` set (e.g. PostgreSQL) it is the same database as the question log, shared by every process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from corpus.records import Fact, Report

log = logging.getLogger(__name__)

metadata = MetaData()
reports = Table(
    "library_reports",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("body", String(200), nullable=False, index=True),
    Column("year", Integer, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("file", Text, nullable=False),  # a name inside the library folder, or an absolute path (home report)
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source_format", String(10), nullable=False),
    Column("facts", Integer, nullable=False, default=0),
    Column("sections", Integer, nullable=False, default=0),
    Column("added_at", DateTime(timezone=True), nullable=False),
)
facts = Table(
    "library_facts",
    metadata,
    Column("report_id", String(80), nullable=False),
    Column("fact_id", String(200), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("measure", String(60), nullable=False),
    Column("value", String(40), nullable=False),  # Decimal as text: exact, on every database
    Column("unit", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("scope", String(200), nullable=False),
    Column("parent", String(200), nullable=False),
    Column("section_id", String(80), nullable=False),
    Column("heading", Text, nullable=False),
    Column("page", Integer),
    Column("quote", Text, nullable=False),  # an exact substring of the report's clean text at `start`
    Column("raw", String(60), nullable=False),
    Column("start", Integer, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("issue", Text, nullable=False),
    Index("ix_library_facts_subject", "subject", "measure"),
    Index("ix_library_facts_report", "report_id"),
)


@dataclass(frozen=True)
class LibraryEntry:
    """One report of the library as the registry knows it (no parsing needed to list or choose it)."""

    id: str
    body: str
    year: int
    kind: str
    title: str
    file: str
    content_hash: str
    source_format: str
    facts: int
    sections: int
    added_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "body": self.body,
            "year": self.year,
            "kind": self.kind,
            "title": self.title,
            "format": self.source_format,
            "facts": self.facts,
            "added_at": self.added_at.isoformat(),
        }


@dataclass(frozen=True)
class StoredFact:
    """A fact of some report of the library, with where it is cited from (heading and page of its quote)."""

    report_id: str
    fact: Fact
    heading: str


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url in ("sqlite://", "sqlite:///:memory:"):  # one in-memory database shared by every thread (tests)
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class LibraryStore:
    """Thread-safe (SQLAlchemy pools connections); safe for several processes on one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            metadata.create_all(self.engine)
        except DBAPIError:  # two processes creating the tables at once: the other one's are there now
            log.info("library tables were created by another process; checking again")
            metadata.create_all(self.engine)

    # ------------------------------------------------------------------ reports
    def entries(self) -> list[LibraryEntry]:
        """Every report, ordered by body, then year (newest last), then id: a stable order for people."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(reports).order_by(reports.c.body, reports.c.year, reports.c.id)).all()
        return [_entry(row) for row in rows]

    def entry(self, report_id: str) -> LibraryEntry | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
        return _entry(row) if row else None

    def by_hash(self, content_hash: str) -> LibraryEntry | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.content_hash == content_hash)).first()
        return _entry(row) if row else None

    def by_identity(self, body: str, year: int, kind: str) -> LibraryEntry | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(reports).where(reports.c.body == body, reports.c.year == year, reports.c.kind == kind)
            ).first()
        return _entry(row) if row else None

    def put(self, report: Report, file: str, content_hash: str, cited: Sequence[tuple[Fact, str]]) -> LibraryEntry:
        """Register a report with its facts (each with the heading its quote is cited under), in one transaction;
        a row of the same id is replaced. `content_hash` is the file's sha256 (the duplicate check)."""
        row = {
            "id": report.id,
            "body": report.body,
            "year": report.year,
            "kind": report.kind,
            "title": report.title,
            "file": file,
            "content_hash": content_hash,
            "source_format": report.source_format,
            "facts": len(cited),
            "sections": len(report.sections),
            "added_at": datetime.now(UTC),
        }
        fact_rows = [_fact_row(report.id, fact, heading) for fact, heading in cited]
        with self.engine.begin() as conn:
            conn.execute(delete(facts).where(facts.c.report_id == report.id))
            conn.execute(delete(reports).where(reports.c.id == report.id))
            conn.execute(reports.insert().values(**row))
            for begin in range(0, len(fact_rows), 500):
                conn.execute(facts.insert(), fact_rows[begin : begin + 500])
        return _entry(row)

    def move(self, report_id: str, file: str) -> None:
        """The report's file is now here (the same content: its facts stay)."""
        with self.engine.begin() as conn:
            conn.execute(reports.update().where(reports.c.id == report_id).values(file=file))

    def delete(self, report_id: str) -> bool:
        with self.engine.begin() as conn:
            conn.execute(delete(facts).where(facts.c.report_id == report_id))
            result = conn.execute(delete(reports).where(reports.c.id == report_id))
        return bool(result.rowcount)

    # ------------------------------------------------------------------ facts across reports
    def facts_of(
        self, subjects: Iterable[str], measures: Iterable[str], report_ids: Iterable[str] | None = None
    ) -> list[StoredFact]:
        """The facts of these subjects and measures, in these reports (every report when None), in report order
        of the text (report id, then offset): one indexed query, whatever the size of the library."""
        query = select(facts).where(facts.c.subject.in_(list(subjects)), facts.c.measure.in_(list(measures)))
        if report_ids is not None:
            query = query.where(facts.c.report_id.in_(list(report_ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(facts.c.report_id, facts.c.start, facts.c.fact_id)).all()
        return [_stored(row) for row in rows]

    def close(self) -> None:
        self.engine.dispose()


def _entry(row: Any) -> LibraryEntry:
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    added = data["added_at"]
    if added.tzinfo is None:  # SQLite hands back naive UTC
        added = added.replace(tzinfo=UTC)
    return LibraryEntry(
        id=data["id"],
        body=data["body"],
        year=int(data["year"]),
        kind=data["kind"],
        title=data["title"],
        file=data["file"],
        content_hash=data["content_hash"],
        source_format=data["source_format"],
        facts=int(data["facts"] or 0),
        sections=int(data["sections"] or 0),
        added_at=added,
    )


def _fact_row(report_id: str, fact: Fact, heading: str) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "fact_id": fact.id,
        "subject": fact.subject[:200],
        "measure": fact.measure[:60],
        "value": format(fact.value, "f"),
        "unit": fact.unit[:20],
        "year": fact.year,
        "scope": fact.scope[:200],
        "parent": fact.parent[:200],
        "section_id": fact.section_id,
        "heading": heading,
        "page": fact.page,
        "quote": fact.quote,
        "raw": fact.raw[:60],
        "start": fact.start,
        "origin": fact.origin,
        "issue": fact.issue,
    }


def _stored(row: Any) -> StoredFact:
    data = row._mapping
    fact = Fact(
        id=data["fact_id"],
        subject=data["subject"],
        measure=data["measure"],
        value=Decimal(data["value"]),
        unit=data["unit"],
        year=int(data["year"]),
        section_id=data["section_id"],
        quote=data["quote"],
        raw=data["raw"],
        start=int(data["start"]),
        scope=data["scope"],
        parent=data["parent"],
        page=data["page"],
        origin=data["origin"],
        issue=data["issue"],
    )
    return StoredFact(data["report_id"], fact, data["heading"])
