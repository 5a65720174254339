"""Steps across reports, answered from the library-wide fact store (no report is loaded for them):

- over years: one body's figure in each of its reports, the change between consecutive years computed by the
  calculator, and each later report's own stated change (比上年增减额) cross-checked against the two reports'
  figures: agreement is said, a disagreement is shown as a note (like the report audit's);
- over bodies: one figure of every body for one year, the largest / smallest or the list, by the calculator.

Every figure is cited to its own report and page with the exact quote the fact store keeps (a quote checked against
its report's text when the report joined the library). Every derived number is a calculator `Check`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from assistant.calculator import compute, contradiction, count, format_number
from assistant.library.choose import Choice
from assistant.records import Answer, Check, Citation, Operand
from assistant.understand.plan import Op, Plan, Step, Target
from assistant.verify.answer import quote_fact
from assistant.verify.numbers import mark_unverified, verify_numbers
from corpus.records import Fact
from index.library_store import LibraryEntry, LibraryStore, StoredFact

log = logging.getLogger(__name__)

AMOUNT = "决算数"
CHANGE = "比上年增减额"
RATE = "比上年增减率"
PER_REPORT_MEASURES = ("预算完成率", "占比")  # a rate each report states: shown per year, never subtracted
MAX_SUBJECTS = 3
LISTED = 10  # bodies named in a ranking (all are compared)


@dataclass
class Sources:
    """Citation markers over several reports, numbered in order of first use; a quote cited twice keeps its n."""

    titles: dict[str, str]
    cited: list[tuple[StoredFact, Citation]]

    def cite(self, stored: StoredFact) -> str:
        fact = stored.fact
        for known, citation in self.cited:
            same = known.report_id == stored.report_id and known.fact.start == fact.start
            if same and known.fact.quote == fact.quote:
                return f"[{citation.n}]"
        n = len(self.cited) + 1
        heading = " > ".join(p for p in (self.titles.get(stored.report_id, ""), stored.heading) if p)
        citation = Citation(n, fact.section_id, heading, fact.page, fact.quote, report=stored.report_id)
        self.cited.append((stored, citation))
        return f"[{n}]"

    @property
    def citations(self) -> list[Citation]:
        return [c for _, c in self.cited]


def _own(stored: StoredFact) -> Fact:
    """The fact with an id that names its report (ids are per report: the same id recurs across reports)."""
    return replace(stored.fact, id=f"{stored.report_id}/{stored.fact.id}")


def _named(stored: StoredFact, name: str) -> Operand:
    """A figure as a calculator operand named for people ("2022年 三公经费", "遂宁市大数据发展中心 公务接待费")."""
    return Operand(format(stored.fact.value, "f"), name, f"{stored.report_id}/{stored.fact.id}")


def _shown(fact: Fact) -> str:
    return format_number(abs(fact.value)) if fact.unit != "%" else format_number(abs(fact.value)) + "%"


class AcrossReports:
    def __init__(self, store: LibraryStore) -> None:
        self.store = store

    # ------------------------------------------------------------------ lookups
    def figures(
        self, subjects: Sequence[str], measures: Sequence[str], reports: Sequence[LibraryEntry]
    ) -> dict[tuple[str, str, str], StoredFact]:
        """(report id, subject, measure) → the report's own figure: report-wide (no project scope), of the report's
        year, sound (no table issue), the first the report states."""
        years = {e.id: e.year for e in reports}
        found: dict[tuple[str, str, str], StoredFact] = {}
        for stored in self.store.facts_of(subjects, measures, [e.id for e in reports]):
            fact = stored.fact
            if fact.scope or fact.issue or fact.year != years.get(stored.report_id):
                continue
            found.setdefault((stored.report_id, fact.subject, fact.measure), stored)
        return found

    # ------------------------------------------------------------------ over years
    def over_years(self, plan: Plan, choice: Choice, titles: dict[str, str]) -> Answer | None:
        subjects = _subjects(plan)
        if not subjects or not asks_figure(plan):
            return None
        reports = list(choice.reports)
        measure = plan.measure if plan.measure in PER_REPORT_MEASURES else AMOUNT
        found = self.figures(subjects, [measure, CHANGE, RATE], reports)
        if not any((e.id, s, measure) in found for e in reports for s in subjects):
            return None
        sources = Sources(titles, [])
        checks: list[Check] = []
        facts: list[Fact] = []
        parts: list[str] = []
        notes: list[str] = []
        steps: list[Step] = []
        for subject in subjects:
            series = [(e, found.get((e.id, subject, measure))) for e in reports]
            shown = []
            step_of: dict[str, int] = {}
            for entry, stored in series:
                step_of[entry.id] = len(steps)
                steps.append(Step(Op.LOOKUP, (Target("fact", subject, measure, entry.year, report=entry.id),)))
                if stored is None:
                    shown.append(f"{entry.year}年报告中没有找到")
                    continue
                facts.append(_own(stored))
                figure = f"{_shown(stored.fact)} {_unit(stored.fact)}".rstrip()
                shown.append(f"{entry.year}年 {figure}{sources.cite(stored)}")
            parts.append(f"{choice.body}{subject}（{measure}）：" + "，".join(shown) + "。")
            if measure != AMOUNT:
                continue
            changes = []
            for (old_entry, old), (new_entry, new) in pairwise(series):
                if old is None or new is None or old.fact.unit != new.fact.unit:
                    continue
                said, extra, note = self._change(old_entry, old, new_entry, new, found, sources)
                changes.append(said)
                checks.extend(extra)
                facts.extend(_own(s) for s in (found.get((new_entry.id, subject, k)) for k in (CHANGE, RATE)) if s)
                if note:
                    notes.append(note)
                steps.append(Step(Op.CHANGE, inputs=(step_of[old_entry.id], step_of[new_entry.id])))
            if changes:
                parts.append("；".join(changes) + "。")
        text = "".join(parts) + "".join(notes)
        return self._answer(text, sources, checks, facts, plan.with_(steps=tuple(steps)), "library_years")

    def _change(
        self,
        old_entry: LibraryEntry,
        old: StoredFact,
        new_entry: LibraryEntry,
        new: StoredFact,
        found: dict[tuple[str, str, str], StoredFact],
        sources: Sources,
    ) -> tuple[str, list[Check], str]:
        """The change between two reports' figures, and what the later report says about it."""
        a, b = _own(new), _own(old)
        subject = new.fact.subject
        named_a, named_b = _named(new, f"{new_entry.year}年{subject}"), _named(old, f"{old_entry.year}年{subject}")
        diff = compute("difference", named_a, named_b)
        checks = [diff.check]
        word = "增加" if diff.value > 0 else "减少" if diff.value < 0 else "持平"
        said = f"{new_entry.year}年比{old_entry.year}年{word}"
        if diff.value:
            said += f" {format_number(abs(diff.value))} {_unit(new.fact)}".rstrip()
            if b.value:
                rate = compute("growth_rate", named_a, named_b)
                checks.append(rate.check)
                said += f"（{'增长' if rate.value > 0 else '下降'} {format_number(abs(rate.value))}%）"
        note = ""
        stated = found.get((new_entry.id, new.fact.subject, CHANGE))
        if stated is not None and new_entry.year - old_entry.year == 1:
            marker = sources.cite(stated)
            if stated.fact.value == diff.value:
                said += f"，与{new_entry.year}年报告所述一致{marker}"
            else:
                told = f"{'增加' if stated.fact.value > 0 else '减少'} {format_number(abs(stated.fact.value))}"
                expression = f"{format_number(a.value)} − {format_number(b.value)}"
                shown = format_number(diff.value)
                checks += contradiction(_own(stated), format_number(stated.fact.value), expression, shown, [a, b])
                note = (
                    f"注意：两份报告的数字不一致：{new_entry.year}年报告称{new.fact.subject}比上年{told} "
                    f"{_unit(new.fact)}，而{old_entry.year}年、{new_entry.year}年报告的决算数之差为 "
                    f"{format_number(diff.value)} {_unit(new.fact)}。{marker}"
                )
        return said, checks, note

    # ------------------------------------------------------------------ over bodies
    def over_bodies(self, plan: Plan, choice: Choice, titles: dict[str, str]) -> Answer | None:
        subjects = _subjects(plan)[:1]
        if not subjects or not asks_figure(plan):
            return None
        subject = subjects[0]
        measure = plan.measure or AMOUNT
        found = self.figures([subject], [measure], choice.reports)
        rows = [(e, found[(e.id, subject, measure)]) for e in choice.reports if (e.id, subject, measure) in found]
        units = {s.fact.unit for _, s in rows}
        if len(rows) < 2 or len(units) != 1:
            return None
        op = plan.operation if plan.operation in ("max", "min") else ""
        ranked = sorted(rows, key=lambda r: (-r[1].fact.value if op != "min" else r[1].fact.value, r[0].body))
        sources = Sources(titles, [])
        facts = [_own(s) for _, s in rows]
        checks = [count([e.body for e, _ in rows], "个单位").check]
        unit = _unit(rows[0][1].fact)
        head = f"{choice.year}年度库中 {len(rows)} 个单位的{subject}（{measure}）"
        listed = "；".join(f"{e.body} {_shown(s.fact)} {unit}{sources.cite(s)}" for e, s in ranked[:LISTED])
        more = ""
        if len(rows) > LISTED:  # the bodies not named are counted by the calculator too
            rest = count([e.body for e, _ in ranked[LISTED:]], "个单位")
            checks.append(rest.check)
            more = f"（另有 {rest.check.result} 个单位未列出）"
        if op:
            extreme = compute(op, *(_named(s, f"{e.body}{subject}") for e, s in rows))
            checks.append(extreme.check)
            top = [(e, s) for e, s in ranked if s.fact.value == extreme.value]
            word = "最高" if op == "max" else "最低"
            names = "、".join(e.body for e, _ in top)
            text = f"{head}中，{word}的是{names}，为 {extreme.text} {unit}。依次为：{listed}{more}。"
        else:
            text = f"{head}，从高到低：{listed}{more}。"
        targets = tuple(Target("fact", subject, measure, e.year, report=e.id) for e, _ in rows)
        steps = (Step(Op.MAX if op == "max" else Op.MIN if op == "min" else Op.LIST, targets),)
        return self._answer(text, sources, checks, facts, plan.with_(steps=steps), "library_bodies")

    # ------------------------------------------------------------------ the answer
    def _answer(
        self, text: str, sources: Sources, checks: list[Check], facts: list[Fact], plan: Plan, route: str
    ) -> Answer:
        citations = sources.citations
        backed = facts + [f for c in citations if (f := quote_fact(c.quote, c.n))]
        numbers = verify_numbers(text, backed, checks)
        if any(not n.verified for n in numbers):
            bad = [n.text for n in numbers if not n.verified]
            log.warning("unverified numbers in an answer across reports: %s", bad)
            text = mark_unverified(text, numbers)
        answer = Answer("answered", text, citations, checks, numbers, route=route)
        answer.plan = plan.to_json()
        return answer


def asks_figure(plan: Plan) -> bool:
    """A question across reports compares figures: one that asks what a term means or why ("按照哪些部门的规定")
    is a question about one report, whatever "哪些部门" it says."""
    return (
        plan.intent in ("figure", "derived")
        or plan.operation in ("max", "min")
        or bool(plan.measure)
        or (plan.says("number_cue"))
    )


def _subjects(plan: Plan) -> list[str]:
    named = list(plan.subjects) + [group[0] for group in plan.ambiguous if group[0] not in plan.subjects]
    return named[:MAX_SUBJECTS]


def _unit(fact: Fact) -> str:
    return "" if fact.unit == "%" else fact.unit
