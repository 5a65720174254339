"""Library mode of the eval runner: a gold set asked of a report library instead of one report.

`python -m evals run --library DIR --gold evals/gold_library.jsonl [--report ID]` puts the library together in its
own data dir (`<data dir>/evals/library`: its own registry, indexes and copy of the reports, so the user's library
is never touched): the home report (`JUESUAN_REPORT`), every report file of DIR, and the files DIR/library.toml
lists (`extra = ["tests/fixtures/…"]`, relative to the repository). Each item is asked with its `report` as the
selected report (else `--report`, else none), through `LibraryAssistant` as the UI and the API ask. Quotes are
checked against the text of the report each citation names.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from corpus import Settings
from evals.gold import GoldItem
from evals.metrics import ItemResult

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
LIST_FILE = "library.toml"
SUFFIXES = (".txt", ".pdf")


class LibraryModeError(ValueError):
    """The library folder cannot be used; the message is for the person running the evals (Chinese)."""


def library_settings(base: Settings, folder: Path) -> Settings:
    """Settings of the eval library: its own data dir under the base one, the reports copied into its folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LibraryModeError(f"找不到报告库文件夹：{folder}")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    listed = folder / LIST_FILE
    if listed.is_file():
        extra = tomllib.loads(listed.read_text(encoding="utf-8")).get("extra", [])
        files += [REPO / name for name in extra]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise LibraryModeError(f"{listed} 列出的文件不存在：{'、'.join(missing)}")
    data_dir = Path(base.data_dir) / "evals" / "library"
    target = data_dir / "library"
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.name for p in files}
    for old in target.iterdir():  # a report no longer listed leaves the eval library
        if old.is_file() and old.name not in wanted:
            old.unlink()
    for path in files:
        copy = target / path.name
        if not copy.is_file() or copy.read_bytes() != path.read_bytes():
            shutil.copyfile(path, copy)
    cache = data_dir / "index" / "embeddings.sqlite"
    seed = Path(base.data_dir) / "index" / "embeddings.sqlite"
    if not cache.exists() and seed.is_file():  # vectors of the home report are computed once, not twice
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, cache)
    return base.with_(data_dir=data_dir, library=target, db_url="")


def library_texts(settings: Settings) -> dict[str, str]:
    """Each library report's clean text by id (for the exact-quote metric)."""
    from index.library import Library

    library = Library(settings)
    return {entry.id: library.load(entry.id).clean_text for entry in library.entries()}


def run_library_config(
    name: str,
    settings: Settings,
    items: Sequence[GoldItem],
    *,
    default_report: str = "",
    progress: bool = True,
) -> list[ItemResult]:
    """Sync the library (building what is missing), then ask every item the way the UI asks."""
    from assistant.library.service import LibraryAssistant
    from index.library import Library

    library = Library(settings)
    problems = library.sync()
    for problem in problems:
        log.warning("报告库：%s", problem)
    assistant = LibraryAssistant(settings, library)
    log.info("报告库：%d 份报告", len(assistant.entries()))
    results: list[ItemResult] = []
    for item in tqdm(items, desc=name, unit="题", file=sys.stderr, disable=not progress):
        started = time.perf_counter()
        error = ""
        try:
            answer = assistant.ask(item.question, item.history_list, report=item.report or default_report or None)
            data = answer.to_json()
        except Exception as exc:  # a crash on one question is a finding, not a reason to stop
            log.exception("题目 %s 出错", item.id)
            error = f"{type(exc).__name__}: {exc}"
            data = {"status": "error", "answer": error, "citations": [], "checks": [], "numbers": []}
        results.append(
            ItemResult(
                config=name,
                item=item,
                answer=data,
                latency_ms=round((time.perf_counter() - started) * 1000, 1),
                error=error,
            )
        )
    return results
