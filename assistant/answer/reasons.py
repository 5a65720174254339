"""Reasons the report states for a figure (a change, a budget shortfall), quoted after the figures they
explain."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable

from assistant.answer.coverage import said_in
from assistant.answer.toolkit import Answerer
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import content_words, informative
from corpus import Fact

log = logging.getLogger(__name__)

BUDGET_REASON = CUES.cue("budget_reason")
ENUMERATION_LEAD = CUES.cue("enumeration_lead")
DIGIT = re.compile(r"\d")
WHOLE_MONEY = CUES.cue("whole_money")
THING_SUFFIX = CUES.cue("thing_suffix")
YEAR_TOTALS = tuple(dict.fromkeys(CUES.table("equal_totals").values()))  # the year's grand total(s)
FULL_BUDGET = 100  # 预算完成率 (%) of an item that spent its whole budget
SHARED_REASON_MIN = 8  # characters two items' stated reasons must share to be one reason


class Reasons(Answerer):
    """Stated reasons."""

    # The subject a question describes by the words of its stated use (set by the registry: Figures.usage_subject).
    described_by: Callable[[Plan], tuple[Fact, Span] | None] | None = None
    # What the report says a subject is used for (its definition), folded (set by the registry: Figures.usage_texts).
    usage_of: Callable[[str], list[str]] | None = None

    # ------------------------------------------------------------------ reason
    def reason(self, q: Plan) -> Evidence | None:
        ev = Evidence("answered", "reason", q.text)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        described = self.described_by(q) if not subjects and self.described_by else None
        if described is not None:  # "工伤失业保险这些…为什么": the one item whose stated use holds those words
            subjects = [described[0].subject]
        if not subjects and (carrier := self._described_reason(q)):
            subjects = [carrier]  # "信用平台运维那些项目的钱为啥没付出去": the 项 whose stated reason names them
        if not subjects and q.measure.startswith("比上年") and not self._names_unknown(q):
            # "钱怎么比上一年少了" with nothing named: the year's total, whose change the report explains
            subjects = [s for s in YEAR_TOTALS if any(f.reason for f in self.table.find(s, "比上年增减额"))][:1]
        if not subjects:
            return self._all_shortfalls(q)
        stated: list[tuple[str, str, Span | None]] = []  # each subject's name, reason and its sentence
        for subject in subjects:
            fact = self._reason_fact(subject, q)
            grand = "" if fact is not None else self.table.equal_total(subject)
            if grand:  # the template states the change and its reason of the grand total only
                fact = self._reason_fact(grand, q)
                if fact is not None:
                    ev.add(f"报告没有单独说明{self.kit.name(subject)}的变动，它与{self.kit.name(grand)}金额相同，"
                           f"{self.kit.name(grand)}的变动及原因如下。")
            if fact is None:
                twin = self._same_money(subject, q)
                if twin is not None:  # "项目支出那一大块为什么没花完": the 项 that holds the same money explains it
                    fact, own = twin
                    name, twin_name = self.kit.name(subject), self.kit.name(fact.subject)
                    ev.add(f"报告没有单独说明{name}的这一原因；{name} {show(own)}，与{twin_name}金额相同，"
                           f"报告对{twin_name}的说明如下。", self.kit.span(own))  # fmt: skip
                    ev.facts.append(own)
            spent = any(f.value >= FULL_BUDGET for f in self.table.find(subject, "预算完成率"))
            if fact is None and not spent and (carrier := self._described_reason(q, besides=subject)):
                # "维持日常运转的那笔钱为啥没花满": 基本支出 states no reason; the 项 defined by that use does
                fact = self._reason_fact(carrier, q)
                ev.add(f"报告没有单独说明{self.kit.name(subject)}的这一原因；按问题说的用途，对应的是"
                       f"{self.kit.name(carrier)}，报告对它的说明如下。")  # fmt: skip
            if fact is None:
                self._nothing_unspent(subject, q, ev)
                continue
            group = self.table.group(fact)
            # Show the figures the reason explains: the change, or the budget shortfall, not both.
            about_budget = bool(BUDGET_REASON.search((fact.reason or "")[:20]))
            change_asked = q.measure.startswith("比上年") and any(f.measure.startswith("比上年") for f in group)
            if (about_budget or q.measure == "预算完成率") and not change_asked:
                group = [f for f in group if not f.measure.startswith("比上年")]
            elif not about_budget:
                group = [f for f in group if f.measure != "预算完成率"]
            self.kit.group_text(group, ev)
            if change_asked and q.says("which_changed"):  # "哪些多了哪些少了": each part's stated change first
                self._parts_changed(fact.subject, ev)
            text, span = self.kit.reason_span(fact)
            lead = "主要原因：" if ENUMERATION_LEAD.match(text) else "主要原因是"
            if about_budget and change_asked:  # "三公经费怎么少了": the report explains only the budget shortfall
                lead = f"报告没有单独说明比上年变动的原因；对决算数小于预算数，{lead}"
            elif q.measure == "预算完成率" and not about_budget and any(
                f.measure.startswith("比上年") for f in self.table.group(fact)
            ):
                # "接待费预算怎么只用了两成": the report explains only the change on last year
                self.kit.group_text([f for f in self.table.group(fact) if f.measure.startswith("比上年")], ev)
                lead = f"报告没有单独说明未完成预算的原因；对比上年的变动，{lead}"
            ev.add(f"{lead}{_space_before_digit(text)}。", span)
            stated.append((self.kit.name(fact.subject), text, span))
        if len(stated) >= 2:
            self._shared_reason(stated, ev)
        return ev if ev.pieces else None

    def _parts_changed(self, subject: str, ev: Evidence) -> None:
        """The stated change on last year of each part of a total, increases and decreases as the report says them."""
        changes = [
            f for part in self.catalogue.members(f"parts:{subject}")
            for f in self.table.find(part.name, "比上年增减额")[:1] if not f.scope
        ]  # fmt: skip
        if not changes:
            return
        ev.add("其中各部分比上年的变化：")
        for fact in changes:
            self.kit.group_text([f for f in self.table.group(fact) if f.measure.startswith("比上年")], ev)

    def _described_reason(self, q: Plan, besides: str = "") -> str:
        """The one item with a stated reason for an unspent budget whose own words (its name, its definition, the
        reason itself) hold a word of the question that no other such item's words hold: the item named by what it
        pays for. "" when the question asks no budget shortfall, or its words fit none or several items."""
        if q.measure != "预算完成率":
            return ""
        carriers = {
            f.subject: f for f in sorted(self.report.facts, key=lambda f: f.start)
            if f.measure == "预算完成率" and f.reason and not f.scope and f.subject != besides
        }  # fmt: skip
        usage = self.usage_of or (lambda _: [])
        described = {s: fold(self.kit.name(s)) + fold(f.reason) + "".join(usage(s)) for s, f in carriers.items()}
        terms = [t for t in self.sentences.terms(q.text) if informative(t) and not DIGIT.search(t)]
        distinctive = [t for t in terms if sum(said_in(t, text) for text in described.values()) == 1]
        hits = {s: sum(said_in(t, text) for t in distinctive) for s, text in described.items()}
        top = max(hits.values(), default=0)
        winners = [s for s, n in hits.items() if n == top]
        if not top or len(winners) != 1:
            return ""
        log.info("reason carrier %s named by the words %s", winners[0], distinctive)
        return winners[0]

    def _names_unknown(self, q: Plan) -> bool:
        """The question names a thing the lexicon did not find but the report's text uses ("会议费", "人数"): a
        figure of its own, never the year's total."""
        words = [w for w in content_words(q.text) if not DIGIT.search(w) and not WHOLE_MONEY.fullmatch(w)]
        return any(w in self.kit.folded_text or THING_SUFFIX.search(w) for w in words)

    def _same_money(self, subject: str, q: Plan) -> tuple[Fact, Fact] | None:
        """The one other item the report states the same amount of, with a stated reason of the kind asked: the
        same money booked under another heading (all project spending under one 项), whose reason is the
        subject's. None when no single such item exists."""
        own = [f for f in self.table.find(subject, "决算数") if not f.scope and "元" in f.unit]
        if not own or not own[0].value:
            return None
        twins = {
            f.subject
            for f in self.report.facts
            if f.measure == "决算数" and not f.scope and f.subject != subject and f.value == own[0].value
        }
        stated = [f for s in sorted(twins) for f in self.table.find(s) if f.reason and _of_kind(f, q.measure)]
        if len({f.subject for f in stated}) != 1:
            return None
        best = self.table.best(stated, stated[0].subject)
        return (best, own[0]) if best is not None else None

    def _nothing_unspent(self, subject: str, q: Plan, ev: Evidence) -> None:
        """ "养老保险缴费怎么还剩着钱" of an item that spent its whole budget: its figures, and that nothing is left."""
        if q.measure != "预算完成率":
            return
        rates = [f for f in self.table.find(subject, "预算完成率") if f.value >= FULL_BUDGET]
        if not rates:
            return
        self.kit.group_text([f for f in self.table.group(rates[0]) if not f.measure.startswith("比上年")], ev)
        ev.add(f"{self.kit.name(subject)}已完成全部预算，没有未执行的部分，报告也就没有说明原因。")

    def _shared_reason(self, stated: list[tuple[str, str, Span | None]], ev: Evidence) -> None:
        """ "这几项都有结余，是同一个原因吗": when the report gives the items one reason (the same sentence, or the
        same words up to each item's own name), say so once, in the report's words."""
        texts = [re.sub(r"\s", "", text) for _, text, _ in stated]
        common = os.path.commonprefix(texts)  # noqa: RUF071 - the common start of sentences, not of paths
        if len(common) < SHARED_REASON_MIN:
            return
        names = "、".join(dict.fromkeys(name for name, _, _ in stated))
        spans = [span for _, _, span in stated[:1] if span is not None]
        if all(t == texts[0] for t in texts):
            ev.add(f"{names}的原因是同一句说明：{_space_before_digit(texts[0])}。", *spans)
        else:
            ev.add(f"{names}说明的原因相同，都是“{common}…”。", *spans)

    def _reason_fact(self, subject: str, q: Plan) -> Fact | None:
        candidates = [f for f in self.table.find(subject) if f.reason]
        if not candidates:
            candidates = [f for f in self.table.related(subject, q.measure or "预算完成率") if f.reason]
        if not candidates:
            candidates = [f for m in ("比上年增减额", "预算完成率") for f in self.table.related(subject, m) if f.reason]
        if not candidates:
            return None
        wanted = q.measure
        if not wanted:
            return self.table.best(candidates, subject)
        if wanted.startswith("比上年"):
            prefer = [f for f in candidates if f.measure.startswith("比上年")]
        elif wanted == "预算完成率":
            prefer = [f for f in candidates if f.measure == "预算完成率"]
        else:
            prefer = [f for f in candidates if f.measure.startswith("比上年")] or candidates
        return self.table.best(prefer or candidates, subject)

    def _all_shortfalls(self, q: Plan) -> Evidence | None:
        """ "为啥预算没用完" with no subject: every item below budget, with its stated reason."""
        if q.measure != "预算完成率":
            return None
        facts = [
            f for f in self.report.facts if f.measure == "预算完成率" and f.reason and not f.scope and f.value < 100
        ]
        if not facts:
            return None
        ev = Evidence("answered", "reason", q.text)
        ev.add("报告对未完成预算的支出逐项说明了原因：")
        for fact in sorted(facts, key=lambda f: f.start):
            text, span = self.kit.reason_span(fact)
            ev.add(f"{self.kit.name(fact.subject)}完成预算 {show(fact)}，主要原因是{text}；", self.kit.span(fact), span)
            ev.facts.append(fact)
        ev.pieces[-1].text = ev.pieces[-1].text.rstrip("；") + "。"
        return ev


def _of_kind(fact: Fact, measure: str) -> bool:
    """A stated reason of the kind asked: a change's for a change, a budget shortfall's for a completion rate."""
    if measure.startswith("比上年"):
        return fact.measure.startswith("比上年")
    return fact.measure == measure if measure == "预算完成率" else True


def _space_before_digit(text: str) -> str:
    """The report sets figures off with a space ("主要原因是 2023 年…"); keep that when we join."""
    return f" {text}" if text[:1].isdigit() else text
