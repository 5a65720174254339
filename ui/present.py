"""The answer as people read it, once, for every place it is shown (staff chat, widget, copy, export).

Input is the Answer JSON (a dict, as `/api/ask` returns it), so fields a later assistant adds (`plan`,
`route`) pass through untouched and the wording does not depend on which process made the answer. What
changes for people, and only here:
- citation markers are numbered in order of first use, and sources are listed in that order;
- the calculator's notation inside sentences reads as words (`min(…)`, `− (−0.32)` do not reach people);
- the report's own inconsistencies are a separate, calm note, never a failed check of the answer;
- the number check is one Chinese sentence that reads right for any count, without repeated figures,
  years, or the `100%` of a `× 100%`;
- internal ids (section and fact ids) stay in the JSON and out of every text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ui.formulas import Label, describe_check, humanize_text

MARKER = re.compile(r"\[(\d+)\]")
HEADING_SEP = " > "
PATH_SEP = " › "
YEAR = re.compile(r"(?:19|20)\d{2}")
# The assistant's audit note (assistant/consistency.py): "注意：报告中这一数字前后不一致：<stated>，而<rest>。[n]…"
AUDIT_NOTE = re.compile(
    r"注意：报告中(这一|相关)数字前后不一致：(?P<stated>[^，。]+?)，而(?P<rest>[^。]+)。(?P<marks>(?:\[\d+\])*)"
)
# The library's cross-check of two reports (assistant/library/across.py): "注意：两份报告的数字不一致：<what>。[n]"
CROSS_NOTE = re.compile(r"注意：两份报告的数字不一致：(?P<what>[^。]+)。(?P<marks>(?:\[\d+\])*)")
FAILED_CHECK = re.compile(r"^(?P<stated>[^=]+?)\s*=\s*(?P<other>.+)$")
HOW_WORDS = {"fact": "来自报告原文", "calculation": "由计算得出"}
CLARIFY_LIST = "可以这样问："  # where a clarifying answer's text lists its suggestions (assistant/answer/clarify.py)


@dataclass(frozen=True)
class SourceView:
    n: int
    path: tuple[str, ...]  # heading path, outermost first
    page: int | None
    quote: str
    section_id: str  # kept for links (the report browser); never printed
    report: str = ""  # the library report quoted (links open that report); never printed

    @property
    def heading(self) -> str:
        return PATH_SEP.join(self.path)

    def line(self) -> str:
        """「[1] 第二部分 … › 三、支出决算情况说明（第 12 页）」"""
        page = f"（第 {self.page} 页）" if self.page else ""
        return f"[{self.n}] {self.heading}{page}"


@dataclass(frozen=True)
class AnswerView:
    status: str
    text: str  # the answer's body, markers renumbered, formulas in words, the audit note moved to `notes`
    sources: tuple[SourceView, ...] = ()
    notes: tuple[str, ...] = ()  # the report's own inconsistencies
    number_summary: str = ""  # "" when the answer states no checked figure
    numbers_ok: bool = True
    unverified: tuple[str, ...] = ()
    formulas: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = field(default=())

    def plain_text(self) -> str:
        """Clean text for the clipboard and exports: the answer, its notes, then the sources listed below."""
        parts = [self.text.strip()]
        parts.extend(self.notes)
        if self.sources:
            lines = ["来源："]
            for source in self.sources:
                lines.append(source.line())
                lines.append(f"“{' '.join(source.quote.split())}”")
            parts.append("\n".join(lines))
        return "\n\n".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["sources"] = [{**asdict(s), "path": list(s.path), "heading": s.heading} for s in self.sources]
        data["plain"] = self.plain_text()
        return data


def present(
    answer: Mapping[str, Any],
    labels: Mapping[int, Sequence[Label]] | None = None,
    suggestions: Sequence[str] = (),
) -> AnswerView:
    """The view of one Answer JSON. `labels` maps a check's index to the names of its figures."""
    citations = [c for c in answer.get("citations") or [] if isinstance(c, Mapping)]
    text, sources = renumber(str(answer.get("answer", "")), citations)
    checks = [c for c in answer.get("checks") or [] if isinstance(c, Mapping)]
    text, notes = split_audit_note(text, checks)
    text = humanize_text(text)
    if answer.get("status") == "clarify" and suggestions:  # the suggestions are shown as buttons, not as text
        text = text.split(CLARIFY_LIST)[0].strip()
    numbers = [n for n in answer.get("numbers") or [] if isinstance(n, Mapping)]
    figures = checked_figures(numbers, str(answer.get("answer", "")))
    unverified = tuple(t for t, ok, _ in figures if not ok)
    return AnswerView(
        status=str(answer.get("status", "")),
        text=text,
        sources=sources,
        notes=notes,
        number_summary=number_summary(figures),
        numbers_ok=not unverified,
        unverified=unverified,
        formulas=formulas(checks, labels or {}),
        suggestions=tuple(suggestions),
    )


def renumber(text: str, citations: Sequence[Mapping[str, Any]]) -> tuple[str, tuple[SourceView, ...]]:
    """Markers in order of first use ([1] first), repeated adjacent markers merged; uncited sources last."""
    by_n = {int(c.get("n", 0)): c for c in citations}
    order: list[int] = []
    for match in MARKER.finditer(text):
        n = int(match.group(1))
        if n in by_n and n not in order:
            order.append(n)
    order.extend(n for n in by_n if n not in order)
    new = {old: i + 1 for i, old in enumerate(order)}

    def swap(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"[{new[n]}]" if n in new else match.group()

    text = MARKER.sub(swap, text)
    text = re.sub(r"(\[\d+\])\1+", r"\1", text)
    sources = tuple(
        SourceView(
            n=new[old],
            path=tuple(p.strip() for p in str(by_n[old].get("heading", "")).split(HEADING_SEP) if p.strip()),
            page=by_n[old].get("page") or None,
            quote=str(by_n[old].get("quote", "")),
            section_id=str(by_n[old].get("section_id", "")),
            report=str(by_n[old].get("report") or ""),
        )
        for old in order
    )
    return text, sources


def split_audit_note(text: str, checks: Sequence[Mapping[str, Any]]) -> tuple[str, tuple[str, ...]]:
    """Move the report's inconsistency out of the answer's body into a calm note that says which figure
    the answer uses. Built from the failed checks when the sentence is not there."""
    notes: list[str] = []

    def note(match: re.Match[str]) -> str:
        which = "该" if match.group(1) == "这一" else "相关"
        stated, rest = match.group("stated").strip(), match.group("rest").strip()
        notes.append(f"报告中{which}数字前后不一致：{stated}，而{rest}；本回答采用{stated}。{match.group('marks')}")
        return ""

    def cross(match: re.Match[str]) -> str:
        what = match.group("what").strip()
        notes.append(f"两份报告的数字不一致：{what}；本回答列出两份报告各自的数字，变化按两者相减。{match.group('marks')}")
        return ""

    body = CROSS_NOTE.sub(cross, AUDIT_NOTE.sub(note, text)).strip()
    if not notes:
        for check in checks:
            if check.get("ok", True):
                continue
            parts = FAILED_CHECK.match(str(check.get("expression", "")))
            if not parts:
                continue
            stated, other, result = parts.group("stated").strip(), parts.group("other").strip(), check.get("result")
            gap = _gap(stated, str(result))
            gap_text = f"，相差 {gap}" if gap else ""
            notes.append(
                f"报告中有数字前后不一致：报告列出 {stated}，而按 {other} 计算为 {result}{gap_text}；"
                f"本回答采用 {stated}。"
            )
    return body, tuple(notes)


def _gap(a: str, b: str) -> str:
    try:
        return format(abs(Decimal(a.rstrip("%")) - Decimal(b.rstrip("%"))), "f")
    except InvalidOperation:
        return ""


def checked_figures(numbers: Sequence[Mapping[str, Any]], text: str) -> list[tuple[str, bool, str]]:
    """(figure, verified, how) once per figure, in order; years and the 100% of "× 100%" are not figures."""
    seen: dict[str, tuple[bool, str]] = {}
    for number in numbers:
        figure = str(number.get("text", "")).strip()
        if not figure or _is_year(figure, text) or _is_rate_suffix(figure, text):
            continue
        ok = bool(number.get("verified"))
        how = str(number.get("how", ""))
        if figure in seen:
            was_ok, was_how = seen[figure]
            seen[figure] = (was_ok and ok, was_how if was_how == "fact" else how)
        else:
            seen[figure] = (ok, how)
    return [(figure, ok, how) for figure, (ok, how) in seen.items()]


def _is_year(figure: str, text: str) -> bool:
    return bool(YEAR.fullmatch(figure)) and re.search(re.escape(figure) + r"\s*年", text) is not None


def _is_rate_suffix(figure: str, text: str) -> bool:
    """ "100%" that appears only as the "× 100%" of a formula."""
    if figure != "100%":
        return False
    return text.count("100%") == len(re.findall(r"×\s*100%", text))


def number_summary(figures: Sequence[tuple[str, bool, str]]) -> str:
    """「数字核验：3 个数字均来自报告原文或计算」, and a sentence that reads right for one figure too."""
    if not figures:
        return ""
    bad = [f for f, ok, _ in figures if not ok]
    if bad:
        return f"数字核验：{len(bad)} 个数字未能在报告原文或计算中核实，已加粗标出，请以报告为准"
    hows = {HOW_WORDS.get(how, "来自报告原文或计算") for _, _, how in figures}
    where = hows.pop() if len(hows) == 1 else "来自报告原文或计算"
    if len(figures) == 1:
        return f"数字核验：这个数字{where}"
    return f"数字核验：{len(figures)} 个数字均{where}"


def formulas(checks: Sequence[Mapping[str, Any]], labels: Mapping[int, Sequence[Label]]) -> tuple[str, ...]:
    """Each derived figure's formula in words, once; the audit's own checks belong to the note instead."""
    failed = [c for c in checks if not c.get("ok", True)]
    lines: list[str] = []
    for i, check in enumerate(checks):
        if not check.get("ok", True) or _pairs_with(check, failed):
            continue
        line = describe_check(check, labels.get(i, ()))
        if line not in lines:
            lines.append(line)
    return tuple(lines)


def _pairs_with(check: Mapping[str, Any], failed: Sequence[Mapping[str, Any]]) -> bool:
    """The "computed − stated" gap the audit adds after each failed check."""
    for bad in failed:
        parts = FAILED_CHECK.match(str(bad.get("expression", "")))
        if not parts or list(bad.get("fact_ids") or []) != list(check.get("fact_ids") or []):
            continue
        if str(check.get("expression", "")).replace(" ", "") == f"{bad.get('result')}−{parts.group('stated')}".replace(
            " ", ""
        ):
            return True
    return False


__all__ = ["AnswerView", "SourceView", "number_summary", "present", "renumber", "split_audit_note"]
