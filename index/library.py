"""The report library: a folder of reports (PDF or text) served by one service, each identified by the body,
year and kind the report states about itself.

Members are the configured report (`JUESUAN_REPORT`, the home report: the shipped one by default, so the default
library is a library of one) and every `.pdf` / `.txt` file of the library folder (`JUESUAN_LIBRARY`, default
`<data dir>/library`). The registry and the library-wide fact store (`index/library_store.py`) say what each
member is without parsing it again; a member's search index is the ordinary per-report index (`index/service.py`).

Adding is atomic per report: the file is parsed and checked, its index built, then the file is moved into the
folder (one rename) and registered with its facts (one transaction). A failure at any step undoes the steps before
it, so a failed add leaves the library as it was. Adds and removals of one data dir take turns across processes
(`index/library.lock`); index builds keep their own lock (`index/build.lock`). A crash between the rename and the
registration leaves a file that the next `sync` registers (the build is already there: it costs nothing).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock
from sqlalchemy.exc import IntegrityError

from corpus.parse import parse_report
from corpus.reader import CorpusError
from corpus.records import Fact, Report
from corpus.settings import Settings
from index.library_store import LibraryEntry, LibraryStore
from index.records import BuildStats
from index.store import StoreError, acquire_build_lock, index_dir

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".txt")
KIND_CODES = {"单位决算": "unit", "部门决算": "dept"}
MEANINGFUL_LETTERS = 6  # a file name with this many ASCII letters names the report well enough to be its id
UNKNOWN_BODY = "本单位"  # what the parser says when the report names no body
PARSED_SCHEMA = "report-v1"  # bump when corpus records change shape: cached parses are then parsed again


class LibraryError(Exception):
    """A report that cannot join the library (or an id that is not in it); the message is for people (Chinese)."""


@dataclass(frozen=True)
class AddResult:
    entry: LibraryEntry
    added: bool  # False: this very file was in the library already (nothing changed)
    seconds: float
    build: BuildStats | None = None

    def summary(self) -> str:
        if not self.added:
            return f"已在库中：{self.entry.id}（{self.entry.title}），未做改动。"
        chunks = f"，索引 {self.build.chunks} 个分块" if self.build else ""
        return (
            f"已加入报告库：{self.entry.id}（{self.entry.title}），{self.entry.facts} 条数据{chunks}，"
            f"用时 {self.seconds:.1f} 秒。"
        )


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_id(report: Report, source: Path) -> str:
    """The id of an added report: its file name when that says something in ASCII (ids name Chroma collections
    and files: ASCII only), else year, kind and the body's name hashed (2022-unit-978b38e5)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", source.stem).strip("._-")[:60]
    if len(re.findall(r"[A-Za-z]", stem)) >= MEANINGFUL_LETTERS:
        return stem
    body = hashlib.sha1(report.body.encode("utf-8")).hexdigest()[:8]
    return f"{report.year}-{KIND_CODES.get(report.kind, 'unit')}-{body}"


def cited_facts(report: Report) -> list[tuple[Fact, str]]:
    """The report's facts whose quote is exactly its text at `start` (only those can be cited from the fact
    store without the report), each with the heading path of the section that holds the quote."""
    out = []
    for fact in report.facts:
        if fact.quote and report.clean_text[fact.start : fact.start + len(fact.quote)] == fact.quote:
            out.append((fact, report.section_at(fact.start).heading))
    return out


class Library:
    """The library of one service. Cheap to construct; every method is safe to call from several threads."""

    def __init__(self, settings: Settings, store: LibraryStore | None = None) -> None:
        self.settings = settings
        self.folder = Path(settings.library_dir)
        self.home = Path(settings.report).resolve()
        self.store = store or LibraryStore(settings.database_url("library.sqlite"))

    # ------------------------------------------------------------------ reading
    def entries(self) -> list[LibraryEntry]:
        return self.store.entries()

    def entry(self, report_id: str) -> LibraryEntry | None:
        return self.store.entry(report_id)

    def home_entry(self) -> LibraryEntry | None:
        """The registered entry of the configured report (None before the first sync)."""
        return next((e for e in self.entries() if self.path_of(e) == self.home), None)

    def path_of(self, entry: LibraryEntry) -> Path:
        path = Path(entry.file)
        return path if path.is_absolute() else (self.folder / path).resolve()

    def load(self, report_id: str) -> Report:
        """A member's parsed report: from the parse cache when the file is unchanged, else parsed (and cached)."""
        entry = self.entry(report_id)
        if entry is None:
            raise LibraryError(f"库中没有编号为 {report_id} 的报告。")
        cache = self._parsed_path(entry)
        if cache.is_file():
            try:
                with cache.open("rb") as handle:
                    report = pickle.load(handle)  # our own file under the data dir, written by _cache_parse
                if isinstance(report, Report) and report.id == entry.id:
                    return report
            except Exception as exc:  # a damaged cache is parsed again, never trusted
                log.warning("parse cache %s unreadable (%s); parsing the report again", cache, exc)
        path = self.path_of(entry)
        try:
            report = parse_report(path)
        except CorpusError as exc:
            raise LibraryError(f"无法读取库中的报告 {report_id}：{exc}") from None
        report.id = entry.id
        self._cache_parse(report, entry)
        return report

    # ------------------------------------------------------------------ changing
    def add(self, source: Path | str, build: bool = True) -> AddResult:
        """Add one report file (copied into the folder); refused with a LibraryError that says why."""
        started = time.perf_counter()
        source = Path(source)
        self._check_file(source)
        digest = file_hash(source)
        with self.locked():
            known = self.store.by_hash(digest)
            if known is not None:
                if self.path_of(known).is_file():
                    return AddResult(known, False, time.perf_counter() - started)
                self.store.delete(known.id)  # its file is gone: register it again below
            report = self._parse(source)
            self._check_identity(report)
            report.id = library_id(report, source)
            target = self.folder / f"{report.id}{source.suffix.lower()}"
            if self.store.entry(report.id) is not None or target.exists():  # the name is taken: the canonical id
                report.id = library_id(report, Path("report"))
                target = self.folder / f"{report.id}{source.suffix.lower()}"
            return self._register(report, source, target, digest, build, started)

    def register_file(self, path: Path, build: bool = True) -> AddResult:
        """Register a file that is already in the folder (or the home report) under its own id (its file name)."""
        started = time.perf_counter()
        path = Path(path).resolve()
        digest = file_hash(path)
        with self.locked():
            known = self.store.by_hash(digest)
            if known is not None and self.path_of(known) == path:
                return AddResult(known, False, time.perf_counter() - started)
            if known is not None and path == self.home and Path(known.file).is_absolute():
                # The home report, registered from another place (the service moved, another checkout): the same
                # content, so the same member, now read from here.
                log.info("library: the home report %s is now read from %s", known.id, path)
                self.store.move(known.id, str(path))
                return AddResult(replace(known, file=str(path)), False, time.perf_counter() - started)
            if known is not None:
                raise LibraryError(f"{path.name} 与库中的 {known.id}（{known.title}）是同一份文件，未重复加入。")
            report = self._parse(path)
            self._check_identity(report)
            taken = self.store.entry(report.id)
            if taken is not None and self.path_of(taken) != path:  # two files of one name in different places
                report.id = f"{report.id[:52]}-{digest[:6]}"
            return self._register(report, None, path, digest, build, started)

    def remove(self, report_id: str) -> LibraryEntry:
        """Drop a report: its registry row and facts, its index, its parse cache and its file in the folder."""
        with self.locked():
            entry = self.store.entry(report_id)
            if entry is None:
                raise LibraryError(f"库中没有编号为 {report_id} 的报告（可用 python -m index list 查看）。")
            path = self.path_of(entry)
            if path == self.home:
                raise LibraryError("这是服务的默认报告（JUESUAN_REPORT），不能从库中删除；请改用其他报告作为默认报告。")
            self.store.delete(report_id)
            drop_report_index(self.settings, report_id)
            with suppress(OSError):
                self._parsed_path(entry).unlink()
            if path.is_file() and path.parent == self.folder.resolve():
                path.unlink()
            log.info("removed %s (%s) from the library", report_id, entry.title)
            return entry

    def sync(self, build: bool = True) -> list[str]:
        """Register the home report and every report file of the folder not registered yet; forget rows whose
        file is gone. A file that cannot join is skipped with its reason (returned, and logged)."""
        problems: list[str] = []
        files = [self.home, *self.folder_files()]
        for path in files:
            try:
                self.register_file(path, build=build)
            except LibraryError as exc:
                problems.append(str(exc))
                log.warning("library: %s", exc)
        with self.locked():
            present = {p.resolve() for p in files}
            for entry in self.store.entries():
                if self.path_of(entry) not in present and not self.path_of(entry).is_file():
                    log.warning("library: %s (%s) has no file any more; unregistered", entry.id, entry.file)
                    self.store.delete(entry.id)
        return problems

    def folder_files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(
            p.resolve() for p in self.folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
        )

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One change of the library at a time per data dir, across processes (released by the OS if killed)."""
        path = index_dir(self.settings) / "library.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path), timeout=900)
        try:
            acquire_build_lock(lock)
        except StoreError as exc:
            raise LibraryError(str(exc)) from None
        try:
            yield
        finally:
            lock.release()

    # ------------------------------------------------------------------ steps of an add
    def _check_file(self, source: Path) -> None:
        if not source.is_file():
            raise LibraryError(f"找不到文件：{source}")
        if source.suffix.lower() not in SUFFIXES:
            kind = source.suffix or "无扩展名"
            raise LibraryError(f"只能加入 PDF 或文本（.txt）格式的决算报告，这个文件是“{kind}”：{source.name}")
        size = source.stat().st_size
        if size > self.settings.max_upload_bytes:
            cap = self.settings.max_upload_bytes / 1048576
            raise LibraryError(f"文件过大（{size / 1048576:.1f} MB），上限为 {cap:.0f} MB：{source.name}")
        if size == 0:
            raise LibraryError(f"文件是空的：{source.name}")

    def _parse(self, path: Path) -> Report:
        try:
            return parse_report(path)
        except CorpusError as exc:
            raise LibraryError(f"无法读取这份报告：{exc}") from None
        except Exception as exc:  # a parser failure on a strange file is the file's problem, said plainly
            log.exception("parsing %s failed", path)
            why = type(exc).__name__
            raise LibraryError(f"无法读取这份报告（{why}），请确认它是文字版的决算报告：{path.name}") from None

    def _check_identity(self, report: Report) -> None:
        if not report.year or not report.body or report.body == UNKNOWN_BODY:
            raise LibraryError(
                "无法从报告中读出单位名称和年度：封面或标题应写明“XXXX年度XX单位（部门）决算”。"
            )
        same = self.store.by_identity(report.body, report.year, report.kind)
        if same is not None and self.path_of(same).is_file():
            raise LibraryError(
                f"库中已有{same.title}（编号 {same.id}）。如需替换，请先删除它：python -m index remove {same.id}"
            )

    def _register(
        self, report: Report, source: Path | None, target: Path, digest: str, build: bool, started: float
    ) -> AddResult:
        """Build the index, move the file in (if it is not there yet), register it; undo everything on failure."""
        stats: BuildStats | None = None
        moved = False
        try:
            if build:
                from index.service import build_index  # imported late: listing the library loads no embedder

                stats = build_index(self.settings.with_(report=target), report)
            if source is not None:
                self.folder.mkdir(parents=True, exist_ok=True)
                staged = self.folder / f".{target.name}.{os.getpid()}.part"
                shutil.copyfile(source, staged)
                os.replace(staged, target)  # atomic: the folder holds the whole file or none of it
                moved = True
            report.path = str(target)
            file = str(target) if target == self.home else target.name
            try:
                entry = self.store.put(report, file, digest, cited_facts(report))
            except IntegrityError:
                # Another process (sharing the database, not this data dir's lock) registered it meanwhile: theirs
                # stands, and so does the index (the same collection on a shared Chroma server).
                known = self.store.by_hash(digest)
                if known is None:
                    raise
                return AddResult(known, False, time.perf_counter() - started)
            with suppress(OSError):
                self._cache_parse(report, entry)
        except BaseException:
            if moved:
                with suppress(OSError):
                    target.unlink()
            if source is not None:
                drop_report_index(self.settings, report.id)
            raise
        log.info("library: registered %s (%s)", entry.id, entry.title)
        return AddResult(entry, True, time.perf_counter() - started, stats)

    def _parsed_path(self, entry: LibraryEntry) -> Path:
        key = hashlib.sha256(f"{PARSED_SCHEMA}:{entry.content_hash}".encode()).hexdigest()[:16]
        return index_dir(self.settings) / "reports" / f"{entry.id}-{key}.pickle"

    def _cache_parse(self, report: Report, entry: LibraryEntry) -> None:
        path = self._parsed_path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with staged.open("wb") as handle:
            pickle.dump(report, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, path)


def drop_report_index(settings: Settings, report_id: str) -> None:
    """Drop every build of one report (each pipeline and embedder): collections, build dirs, manifests."""
    from index.service import _build_dir  # the build layout is the index service's
    from index.store import build_lock, drop_collection, get_client

    manifests = index_dir(settings) / "manifests"
    if not manifests.is_dir():
        return
    lock = build_lock(settings)
    acquire_build_lock(lock)
    try:
        for manifest in sorted(manifests.glob(f"{report_id}--*.json")):
            try:
                import json

                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            name = data.get("collection")
            if name:
                with suppress(Exception):
                    drop_collection(get_client(settings), name)
                shutil.rmtree(_build_dir(settings, name), ignore_errors=True)
            manifest.unlink(missing_ok=True)
    finally:
        lock.release()
