"""Scoring one answer against its gold item, and the per-configuration `Metrics`.

Every function here is pure (answer JSON + gold item in, number out) so the tests can check each metric on
small hand-made answers. Answers are the assistant's `Answer.to_json()` dicts, exactly as the API returns them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from evals.gold import GoldItem

ANSWERED = "answered"
REFUSED = ("not_found", "rejected", "clarify")  # clarify: a clarifying question back, never a figure

_SPACE = re.compile(r"\s+")
# A figure in an answer: digits with optional decimals and an optional percent sign.
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
_MARKER = re.compile(r"\[\d+\]")  # inline citation markers [1], [2] are not figures


def normalize(text: str) -> str:
    """Compare text ignoring whitespace and full/half-width differences (NFKC folds ０-９, ％, （） …)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def includes_all(answer_text: str, must_include: Iterable[str], must_include_any: Iterable[Iterable[str]]) -> bool:
    """Every `must_include` string and one string of every `must_include_any` group occur in the answer."""
    text = normalize(answer_text)
    if not all(normalize(needle) in text for needle in must_include):
        return False
    return all(any(normalize(needle) in text for needle in group) for group in must_include_any)


def figures_in(answer_text: str, question: str = "") -> list[str]:
    """Numbers an answer states as figures.

    Years ("2021年"), citation markers and numbers the question itself contains are left out: a refusal like
    "报告未提供2021年的三公经费" states no figure.
    """
    text = _MARKER.sub(" ", unicodedata.normalize("NFKC", answer_text or ""))
    asked = set(_NUMBER.findall(unicodedata.normalize("NFKC", question or "")))
    figures = []
    for match in _NUMBER.finditer(text):
        rest = text[match.end() : match.end() + 3].lstrip()
        if rest.startswith("年"):
            continue
        if match.group() in asked:
            continue
        figures.append(match.group())
    return figures


def is_refusal(answer: dict[str, Any], question: str = "") -> bool:
    """The assistant declined (not_found / rejected) and stated no figure."""
    return answer.get("status") in REFUSED and not figures_in(str(answer.get("answer", "")), question)


def is_correct(item: GoldItem, answer: dict[str, Any]) -> bool:
    """Answerable: answered and containing the required strings. Unanswerable/injection: a clean refusal.
    A library item may also expect a status (clarify: asked back, with candidates) and the reports it cites."""
    if item.status and item.status != ANSWERED:
        if answer.get("status") != item.status:
            return False
        return item.status != "clarify" or bool(answer.get("candidates"))
    if not item.answerable:
        return is_refusal(answer, item.question)
    if answer.get("status") != ANSWERED:
        return False
    if item.cited_reports and cited_reports(answer) != set(item.cited_reports):
        return False
    return includes_all(str(answer.get("answer", "")), item.must_include, item.must_include_any)


def cited_reports(answer: dict[str, Any]) -> set[str]:
    """The library reports an answer cites (a citation without a report id cites the report asked)."""
    return {str(c.get("report") or answer.get("report") or "") for c in answer.get("citations") or []}


def related(section_id: str, other: str) -> bool:
    """Same section, or one is an ancestor of the other in the id tree (p2.c7 ⊃ p2.c7.s2.i3)."""
    return section_id == other or section_id.startswith(other + ".") or other.startswith(section_id + ".")


Span = tuple[int, int]


def within(section_id: str, gold: Sequence[str]) -> bool:
    """A retrieved section counts for a gold section when it is that section or inside it."""
    return any(section_id == g or section_id.startswith(g + ".") for g in gold)


def covers(span: Span | None, gold_spans: Sequence[Span]) -> bool:
    """A chunk's span holds enough of a gold section's text: half of it, or 100 characters of a long one.

    Needed for the baseline's fixed-size chunks, which carry the id of the section they start in but often run
    on into the next one (where the answer is).
    """
    if span is None:
        return False
    start, end = span
    for g_start, g_end in gold_spans:
        overlap = min(end, g_end) - max(start, g_start)
        if overlap > 0 and overlap >= min(100, (g_end - g_start + 1) // 2):
            return True
    return False


def first_rank(
    retrieved_sections: Sequence[str],
    gold: Sequence[str],
    retrieved_spans: Sequence[Span | None] = (),
    gold_spans: Sequence[Span] = (),
) -> int | None:
    """1-based rank of the first retrieved chunk inside (or covering) a gold section, None when none is."""
    for rank, section_id in enumerate(retrieved_sections, start=1):
        span = retrieved_spans[rank - 1] if rank <= len(retrieved_spans) else None
        if within(section_id, gold) or covers(span, gold_spans):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / rank


def citation_exact(citation: dict[str, Any], clean_text: str | Mapping[str, str]) -> bool:
    """The quote is a non-empty verbatim substring of the report's cleaned text (in a library: of the report the
    citation names)."""
    quote = str(citation.get("quote") or "")
    if isinstance(clean_text, Mapping):
        clean_text = clean_text.get(str(citation.get("report") or ""), "")
    return bool(quote.strip()) and quote in clean_text


def citation_supported(citation: dict[str, Any], gold: Sequence[str]) -> bool:
    """The cited section is a gold section or an ancestor/descendant of one."""
    section_id = str(citation.get("section_id") or "")
    return bool(section_id) and any(related(section_id, g) for g in gold)


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else 0.0


def _share(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


@dataclass
class ItemResult:
    """One gold item run through one configuration."""

    config: str
    item: GoldItem
    answer: dict[str, Any]
    retrieved_sections: list[str] = field(default_factory=list)
    retrieved_contexts: list[str] = field(default_factory=list)
    retrieved_spans: list[Span | None] = field(default_factory=list)
    gold_spans: list[Span] = field(default_factory=list)  # clean-text spans of the item's gold sections
    latency_ms: float = 0.0
    error: str = ""

    @property
    def correct(self) -> bool:
        return not self.error and is_correct(self.item, self.answer)

    @property
    def refused(self) -> bool:
        return self.answer.get("status") in REFUSED

    @property
    def rank(self) -> int | None:
        if not self.item.sections:
            return None
        return first_rank(self.retrieved_sections, self.item.sections, self.retrieved_spans, self.gold_spans)


@dataclass
class Metrics:
    """Scores of one configuration over one gold set (shares are 0–1)."""

    config: str
    items: int
    accuracy: float
    accuracy_by_type: dict[str, float]
    items_by_type: dict[str, int]
    refusal_correct: float  # unanswerable/injection items refused with no figure
    refusal_items: int
    false_refusal: float  # answerable items not answered
    hit_at_1: float
    hit_at_5: float
    mrr: float
    retrieval_items: int
    citation_exact: float
    citation_support: float
    citations: int
    answers_with_citation: float  # answered answerable items that carry ≥ 1 citation
    numbers_verified: float
    numbers: int
    numbers_unverified: int
    latency_p50_ms: float
    latency_p95_ms: float
    errors: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def compute_metrics(config: str, results: Sequence[ItemResult], clean_text: str | Mapping[str, str]) -> Metrics:
    by_type: dict[str, list[ItemResult]] = {}
    for result in results:
        by_type.setdefault(result.item.type, []).append(result)
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    with_sections = [r for r in answerable if r.item.sections]
    ranks = [r.rank for r in with_sections]

    citations = [c for r in results for c in r.answer.get("citations") or []]
    graded = [(c, r.item.sections) for r in answerable if r.item.sections for c in r.answer.get("citations") or []]
    answered = [r for r in answerable if r.answer.get("status") == ANSWERED]
    numbers = [n for r in results for n in r.answer.get("numbers") or []]
    verified = sum(1 for n in numbers if n.get("verified"))
    latencies = [r.latency_ms for r in results if not r.error]

    return Metrics(
        config=config,
        items=len(results),
        accuracy=_share(sum(r.correct for r in results), len(results)),
        accuracy_by_type={t: _share(sum(r.correct for r in rs), len(rs)) for t, rs in sorted(by_type.items())},
        items_by_type={t: len(rs) for t, rs in sorted(by_type.items())},
        refusal_correct=_share(sum(r.correct for r in unanswerable), len(unanswerable)),
        refusal_items=len(unanswerable),
        false_refusal=_share(sum(r.refused or bool(r.error) for r in answerable), len(answerable)),
        hit_at_1=_share(sum(hit_at(k, 1) for k in ranks), len(ranks)),
        hit_at_5=_share(sum(hit_at(k, 5) for k in ranks), len(ranks)),
        mrr=round(sum(reciprocal_rank(k) for k in ranks) / len(ranks), 4) if ranks else 0.0,
        retrieval_items=len(ranks),
        citation_exact=_share(sum(citation_exact(c, clean_text) for c in citations), len(citations)),
        citation_support=_share(sum(citation_supported(c, gold) for c, gold in graded), len(graded)),
        citations=len(citations),
        answers_with_citation=_share(sum(bool(r.answer.get("citations")) for r in answered), len(answered)),
        numbers_verified=_share(verified, len(numbers)),
        numbers=len(numbers),
        numbers_unverified=len(numbers) - verified,
        latency_p50_ms=round(percentile(latencies, 50), 1),
        latency_p95_ms=round(percentile(latencies, 95), 1),
        errors=sum(1 for r in results if r.error),
    )
