"""What `python -m ui` checks before it serves: the report, then the index (verified, repaired or refused).

A server must not start without search and call itself ready, nor die with a traceback because a file is
missing: each failure here is a `StartupError` whose message (Chinese) tells the operator what to do, and
`python -m ui` exits with code 2.
"""

from __future__ import annotations

import logging

from assistant.library.service import LibraryAssistant
from assistant.service import Assistant
from corpus import CorpusError, Report, Settings, load_report
from index.library import Library
from index.service import build_index
from index.verify import verify_index

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The server cannot start as configured; the message is for the operator (Chinese)."""


def load(settings: Settings) -> Report:
    try:
        return load_report(settings.report)
    except CorpusError as exc:
        raise StartupError(f"无法读取报告：{exc}") from None
    except OSError as exc:
        raise StartupError(f"无法读取报告文件 {settings.report}（{exc.strerror or exc}）") from None


def ensure_index(settings: Settings, report: Report) -> None:
    """Verify the index; rebuild it when damaged, stale or missing (JUESUAN_REPAIR_INDEX), else refuse."""
    check = verify_index(settings, report)
    if check.ok:
        log.info("index verified: %s", check.collection)
        return
    log.warning("%s", check.summary())
    if not settings.repair_index:
        raise StartupError(
            check.summary() + "\n请先运行 python -m index build 修复索引（或设置 JUESUAN_REPAIR_INDEX=true）。"
        )
    log.warning("rebuilding the index before serving")
    try:
        build_index(settings, report)
    except Exception as exc:  # a store that cannot be reached or written: said plainly, not as a traceback
        log.debug("index rebuild failed", exc_info=True)
        raise StartupError(f"索引无法重建：{exc}") from None
    check = verify_index(settings, report)
    if not check.ok:
        raise StartupError("重建后索引仍有问题：\n" + check.summary())


def prepare(settings: Settings) -> LibraryAssistant:
    """The assistant the server will use, with a verified index, or a StartupError: the home report's assistant,
    in the report library (its folder's new reports are registered and indexed first; one that cannot join is
    logged and skipped, the service still starts)."""
    report = load(settings)
    ensure_index(settings, report)
    assistant = Assistant(settings, report=report)
    if assistant.index is None:
        raise StartupError("检索索引无法打开（详见上方日志），服务未启动。请检查数据目录与 Chroma 设置后重试。")
    try:
        library = Library(settings)
        for problem in library.sync():
            log.warning("报告库：%s", problem)
        return LibraryAssistant(settings, library, home=assistant)
    except Exception as exc:  # a registry database that cannot be reached: said plainly, not as a traceback
        log.debug("library start failed", exc_info=True)
        raise StartupError(f"报告库无法打开（JUESUAN_DB_URL / JUESUAN_LIBRARY）：{exc}") from None
