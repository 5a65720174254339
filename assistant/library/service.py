"""The assistant of a report library: one service, many bodies and years.

`LibraryAssistant.ask(question, history, report=None, body=None)` chooses the report(s) a question is about
(choose.py), then either asks that report's own `Assistant` (every guarantee of one report holds: exact quotes,
verified numbers), or answers across reports from the library-wide fact store (across.py), or asks back which
body is meant (status `clarify`, with the candidates). It offers what the UI reads of an `Assistant` (`report`,
`index`, `ask`), so the UI serves a library and a single report alike.

Reports are loaded lazily: the home report (JUESUAN_REPORT) stays loaded, the others are kept in an LRU of
`JUESUAN_LIBRARY_CACHE` assistants; a question across reports loads none of them beyond the one that reads it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import replace

from assistant.library.across import AcrossReports
from assistant.library.choose import Choice, Chooser
from assistant.pipeline import INTERNAL_ERROR, NOT_A_QUESTION, Assistant
from assistant.records import Answer
from assistant.understand.guard import guard
from assistant.understand.normalize import fold
from corpus import Report, Settings
from index.library import Library, LibraryError
from index.library_store import LibraryEntry

log = logging.getLogger(__name__)

REFRESH_S = 2.0  # how stale the list of reports may be (another process may add one)
LISTED = 10  # candidates named in a clarify answer
PASSING_CACHE = 1  # reports loaded only to read a question across reports or to try a suggestion
SUGGESTED, SUGGESTED_TRIES = 3, 5  # questions offered back (each tried first), among this many candidates
NOTHING_TO_COMPARE = (
    "报告库中没有找到可以比较的数字：跨年度、跨单位的比较只支持各报告都写明的同一项数字（如三公经费、公务接待费）。"
)


class LibraryAssistant:
    """Thread-safe: `ask` reads the library and a lock-guarded cache of per-report assistants."""

    def __init__(self, settings: Settings, library: Library | None = None, home: Assistant | None = None) -> None:
        self.settings = settings
        self.library = library or Library(settings)
        self.home = home or Assistant(settings)
        self.library.register_file(self.library.home, build=False)  # the home report is always a member
        self.home_id = (self.library.home_entry() or _missing(self.home.report)).id
        self.cache_size = int(settings.library_cache)
        self._assistants: OrderedDict[str, Assistant] = OrderedDict()
        self._passing: OrderedDict[str, Assistant] = OrderedDict()  # reports loaded for a passing use
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._entries: tuple[LibraryEntry, ...] = ()
        self._chooser: Chooser | None = None
        self._checked = 0.0
        self.across = AcrossReports(self.library.store)

    # ------------------------------------------------------------------ what the UI reads
    @property
    def report(self) -> Report:
        return self.home.report

    @property
    def index(self) -> object | None:
        return self.home.index

    def entries(self) -> tuple[LibraryEntry, ...]:
        """The library's reports (re-read at most every REFRESH_S seconds)."""
        now = time.monotonic()
        if now - self._checked > REFRESH_S or self._chooser is None:
            entries = tuple(self.library.entries())
            with self._lock:
                if entries != self._entries or self._chooser is None:
                    self._entries = entries
                    self._chooser = Chooser(entries)
                    gone = [rid for rid in self._assistants if rid not in {e.id for e in entries}]
                    gone += [rid for rid in self._passing if rid not in {e.id for e in entries}]
                    for rid in gone:  # a removed report is dropped from the cache
                        self._assistants.pop(rid, None)
                        self._passing.pop(rid, None)
                self._checked = now
        return self._entries

    def refresh(self) -> None:
        """Re-read the library now (after an upload)."""
        self._checked = 0.0
        self.entries()

    def entry(self, report_id: str) -> LibraryEntry | None:
        return next((e for e in self.entries() if e.id == report_id), None)

    def assistant_for(self, report_id: str, keep: bool = True) -> Assistant:
        """The assistant of one report: loaded on first use, kept in an LRU (the home report always).

        keep=False is a passing use (the vocabulary that reads a question across reports, a fallback, a suggestion
        tried): such a report is held in a small cache of its own, so a scan over other reports never pushes out the
        reports people ask about (two queues, as scan-resistant caches keep them). Asked about directly later, it
        moves to the main cache."""
        if report_id == self.home_id:
            return self.home
        with self._lock:
            found = self._cached(report_id, keep)
            if found is not None:
                return found
            loading = self._loading.setdefault(report_id, threading.Lock())
        with loading:  # one load per report, however many questions arrive for it at once
            with self._lock:
                found = self._cached(report_id, keep)
                if found is not None:
                    return found
            entry = self.entry(report_id)
            if entry is None:
                raise LibraryError(f"库中没有编号为 {report_id} 的报告。")
            started = time.perf_counter()
            report = self.library.load(report_id)
            assistant = Assistant(self.settings.with_(report=self.library.path_of(entry)), report=report)
            log.info("library: loaded %s in %.2f s", report_id, time.perf_counter() - started)
            with self._lock:
                self._store(report_id, assistant, keep)
            return assistant

    def _cached(self, report_id: str, keep: bool) -> Assistant | None:
        """A loaded assistant, promoted as the use asks (call with the lock held)."""
        if report_id in self._assistants:
            if keep:
                self._assistants.move_to_end(report_id)
            return self._assistants[report_id]
        if report_id in self._passing:
            assistant = self._passing[report_id]
            if keep:
                del self._passing[report_id]
                self._store(report_id, assistant, keep=True)
            else:
                self._passing.move_to_end(report_id)
            return assistant
        return None

    def _store(self, report_id: str, assistant: Assistant, keep: bool) -> None:
        cache, size = (self._assistants, self.cache_size) if keep else (self._passing, PASSING_CACHE)
        cache[report_id] = assistant
        while len(cache) > size:
            evicted, _ = cache.popitem(last=False)
            log.info("library: %s left the cache", evicted)

    # ------------------------------------------------------------------ asking
    def ask(
        self, question: str, history: list[dict] | None = None, report: str | None = None, body: str | None = None
    ) -> Answer:
        started = time.perf_counter()
        try:
            answer = self._ask(question, history, report, body)
        except Exception:  # the contract: never a traceback for user input
            log.exception("library ask failed")
            answer = Answer("not_found", INTERNAL_ERROR)
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def choose(
        self, question: str, history: list[dict] | None = None, report: str | None = None, body: str | None = None
    ) -> Choice:
        self.entries()
        assert self._chooser is not None
        known = None
        if report and self.entry(report) is not None:  # names the selected report uses are its own, not bodies
            text = self.assistant_for(report).understanding.folded_text
            known = lambda name: fold(name) in text  # noqa: E731
        return self._chooser.choose(question, report, body, history, known)

    def _ask(self, question: str, history: list[dict] | None, report: str | None, body: str | None) -> Answer:
        entries = self.entries()
        if len(entries) <= 1 and body is None:  # a library of one: exactly the single-report assistant
            return _tagged(self.home.ask(question, history), self.home_id)
        guarded = guard(question, self.settings.max_question_chars)
        if not guarded.ok:
            return Answer("rejected", guarded.message, route="guard")
        if not guarded.question.strip():
            return Answer("not_found", NOT_A_QUESTION, route="guard")
        choice = self.choose(question, history, report, body)
        log.info("library choice %s (%s): %s", choice.mode, choice.reason, [e.id for e in choice.reports])
        if choice.mode == "clarify":
            return self._clarify(choice, guarded.question)
        if choice.mode == "single":
            entry = choice.reports[0]
            answer = _tagged(self.assistant_for(entry.id).ask(choice.question, history), entry.id)
            if answer.status == "not_found" and choice.missing:  # say which years the library does hold
                years = "、".join(f"{y}年" for y in choice.held)
                answer.answer += f"报告库中{choice.body}的决算报告有：{years}。"
            return answer
        reader = self.assistant_for(self._reader(choice, report).id, keep=False)
        plan = reader.understand(guarded.question, history)
        titles = {e.id: e.title for e in entries}
        if choice.mode == "years":
            found = self.across.over_years(plan, choice, titles)
            if found is None:  # nothing the years share: the newest report answers on its own
                newest = choice.reports[-1]
                return _tagged(self.assistant_for(newest.id, keep=False).ask(choice.question, history), newest.id)
            return found
        found = self.across.over_bodies(plan, choice, titles)
        if found is None and report and self.entry(report) is not None:  # no figure to compare: the selected report
            return _tagged(self.assistant_for(report).ask(question, history), report)
        return found or Answer("not_found", NOTHING_TO_COMPARE, route="library_bodies", plan=plan.to_json())

    def _reader(self, choice: Choice, selected: str | None) -> LibraryEntry:
        """The report whose vocabulary reads a question across reports: the selected one if it takes part, else the
        home report if it does, else the newest one already loaded, else the newest one."""
        ids = [e.id for e in choice.reports]
        for rid in (selected, self.home_id):
            if rid in ids:
                return choice.reports[ids.index(rid)]
        newest_first = sorted(choice.reports, key=lambda e: (e.year, e.id), reverse=True)
        with self._lock:  # a report already loaded reads as well as any (the template's words), without a load
            loaded = [e for e in newest_first if e.id in self._assistants or e.id in self._passing]
        if loaded:
            return loaded[0]
        chosen = self.entry(selected) if selected else None
        if chosen is not None and chosen.body == choice.body:  # the body's selected report (loaded by `choose`)
            return chosen  # reads its other years' question in the body's own words ("近两年" from its first year)
        return newest_first[0]

    def _clarify(self, choice: Choice, question: str) -> Answer:
        shown = choice.candidates[:LISTED]
        names = "；".join(f"{e.body}（{e.year}年度{e.kind}）" for e in shown)
        more = f"等 {len(choice.candidates)} 个单位" if len(choice.candidates) > LISTED else ""
        text = (
            f"报告库中有多个单位的报告，请问您问的是哪个单位？可选：{names}{more}。"
            "也可以在问题中写明单位名称（和年度），或先在页面上选择报告。"
        )
        return Answer(
            "clarify",
            text,
            route="library_clarify",
            suggestions=self._suggestions(choice, question),
            candidates=[e.to_json() for e in choice.candidates],
        )

    def _suggestions(self, choice: Choice, question: str) -> list[str]:
        """The question asked of the first candidates by name, each tried first: only those answered are offered."""
        out: list[str] = []
        for entry in choice.candidates[:SUGGESTED_TRIES]:
            if len(out) >= SUGGESTED:
                break
            named = question.replace(choice.mention, entry.body, 1) if choice.mention else f"{entry.body}的{question}"
            try:
                if self.assistant_for(entry.id, keep=False).ask(named).status == "answered":
                    out.append(named)
            except Exception:  # a suggestion never costs the answer
                log.warning("suggestion %r could not be tried", named, exc_info=True)
        return out


def _tagged(answer: Answer, report_id: str) -> Answer:
    """An answer of one report, marked with the report it comes from (and each citation too)."""
    answer.report = report_id
    answer.citations = [replace(c, report=report_id) for c in answer.citations]
    return answer


def _missing(report: Report) -> LibraryEntry:
    raise LibraryError(f"默认报告 {report.title} 未能登记到报告库。")


_singleton: LibraryAssistant | None = None
_singleton_lock = threading.Lock()


def get_library_assistant(settings: Settings | None = None) -> LibraryAssistant:
    """The process-wide library assistant, built on first use (thread-safe)."""
    global _singleton
    if _singleton is None:
        with _singleton_lock:
            if _singleton is None:
                _singleton = LibraryAssistant(settings or Settings.from_env())
    return _singleton


__all__ = ["LibraryAssistant", "get_library_assistant"]
