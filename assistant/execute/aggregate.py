"""One generic aggregate over any catalogue collection (TAPAS-style: an operation over a column, after its
conditions): max, min, n-th, sum, average, count and filter, over the project tables, the 项级 items, the 类, the
parts of a total, or a table's indicator rows. Every figure comes from the calculator, every member is cited,
and the members it finds are handed on, so a later ask can ask about them ("负责人是谁", "原因是什么").
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from assistant.answer.toolkit import Toolkit
from assistant.calculator import CalculatorError, compute, count, format_number
from assistant.calculator.checks import filtered
from assistant.compose.wording import show
from assistant.evidence.records import Evidence, Found
from assistant.execute.column_words import (
    COMPARATOR_WORDS,
    LABELS,
    LISTED,
    MONEY,
    RATE_FORMULAS,
    Outcome,
    label,
    row_detail,
    row_tail,
    superlative,
    tied_rows,
)
from assistant.execute.members import Column, Columns, Member, is_rate, spans_of, unit_of
from assistant.execute.row_groups import grouped, in_group, with_groups
from assistant.execute.whole_column import WholeColumn
from assistant.understand.collections import GROUP, GROUP_ABSENT, GROUP_IN, KIND, MEMBER_SEP, NAME
from assistant.understand.plan import Condition, Plan

log = logging.getLogger(__name__)



class Aggregates:
    """Runs an aggregate step over a catalogue collection."""

    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self.columns = Columns(kit)
        self.whole = WholeColumn(kit, self.columns)

    def run(
        self,
        question: str,
        collection: str,
        attribute: str,
        op: str,
        filters: Sequence[Condition] = (),
        rank: int = 0,
        only: Sequence[str] = (),
        lowest_first: bool = False,
        share_of: str = "",
        groups: Sequence[str] = (),
    ) -> Outcome | None:
        """The aggregate's answer, or None when the collection has no such values (another answerer may try)."""
        column = self.columns.column(collection, attribute, only)
        if column is None or len(column.members) < (1 if only else 2):
            return None
        members = [m for m in column.members if not only or m.name in only]
        ev = Evidence("answered", "derived", question)
        ev.checks.append(count(list(column.names or [m.name for m in column.members]), "项").check)
        if column.tables:  # "3 张绩效自评表的 22 项绩效指标": both numbers are counts
            ev.checks.append(count(list(column.tables), "张").check)
        ev.checks.extend(m.check for m in column.members if m.check is not None)
        kept, said = self._filtered(column, members, filters, ev)
        if kept is None:
            return None
        if column.kind == "projects" and any(c.field == NAME and c.comparator == "in" for c in filters) and kept:
            # "A和B哪个花得多": the projects named, not the whole collection
            ev.checks.append(count([m.name for m in kept], "个").check)
            column = replace(column, label=f"所问的 {len(kept)} 个项目")
        try:
            if groups and op in ("sum", "avg", "count"):
                parent = next((c.said for c in filters if c.field == GROUP and c.comparator == "contains"), "")
                rows = grouped(ev, column, kept, op, groups, parent, label(column))
                outcome = Outcome(ev, rows) if rows is not None else None
            elif op == "all":
                outcome = self.whole.every(ev, column, members, kept, said)
            elif op == "any":
                outcome = self.whole.any_of(ev, column, members, kept, said)
            else:
                outcome = self._operate(ev, column, kept, op, said, rank, lowest_first)
            if outcome is not None and column.kind == "projects" and any(c.field == GROUP for c in filters):
                with_groups(self.kit, outcome.evidence, outcome.found, op, filters, column.label)  # by their rows
        except CalculatorError:
            log.exception("aggregate %s over %s failed", op, collection)
            return None
        if outcome is not None and op == "sum" and share_of:
            self._share_of(outcome, share_of)
        if outcome is not None and outcome.found and outcome.found[0].kind == "person":
            # "谁负责的项目最多？是哪几个？财务负责人是谁": what a later ask is about is the tables they sign
            field = collection.partition(":")[2]
            people = {m.name for m in outcome.found}
            signed = tuple(p.name for p in self.kit.report.projects if getattr(p, field, "").strip() in people)
            ev.found = Found("project", "projects", signed, signed)
        elif outcome is not None and outcome.found:
            members = outcome.found
            kind = members[0].kind
            ev.found = Found(kind, collection, tuple(m.name for m in members), tuple(m.owner for m in members))
        return outcome

    def _operate(
        self, ev: Evidence, column: Column, kept: list[Member], op: str, said: str, rank: int, low: bool
    ) -> Outcome | None:
        if op in ("max", "min", "nth", "top", "order", "sum", "avg"):
            kept = [m for m in kept if m.value is not None]  # rows judged in words are never compared
        if op in ("max", "min"):
            return self._extreme(ev, column, kept, op, said)
        if op in ("extremes", "range"):
            return self._extremes(ev, column, kept, said, gap=op == "range")
        if op == "nth":
            return self._nth(ev, column, kept, rank or 2, low)
        if op == "top":
            return self._top(ev, column, kept, rank or 3, low)
        if op == "order":
            return self.whole.order(ev, column, kept, low)
        if op in ("sum", "avg"):
            return self._total(ev, column, kept, op, said)
        return self._listed(ev, column, kept, said)

    def _share_of(self, outcome: Outcome, whole_name: str) -> None:
        """ "加起来占项目支出的比例": the sum just worked out, as a share of the total the question names."""
        ev = outcome.evidence
        whole = self.kit.value_fact(whole_name, Plan(""))
        total = next((c for c in reversed(ev.checks) if c.operation == "sum"), None)
        if whole is None or not whole.value or total is None:
            return
        comp = compute("share", Decimal(total.result), whole)
        ev.checks.append(comp.check)
        ev.facts.append(whole)
        ev.add(
            f"占{self.kit.name(whole.subject)}（{show(whole)}）的比例为 {comp.said} = {comp.text}。",
            self.kit.span(whole),
        )

    # ------------------------------------------------------------------ conditions
    def _filtered(
        self, column: Column, members: list[Member], filters: Sequence[Condition], ev: Evidence
    ) -> tuple[list[Member] | None, str]:
        """The members that meet every condition, and the conditions in words ("预算执行数超过 100 万元")."""
        kept = members
        words: list[str] = []
        for condition in filters:
            bound = _number(condition.value)
            if condition.field == NAME and condition.comparator == "in":  # "这三个项目": only those named
                kept = [m for m in kept if m.name in condition.value.split(MEMBER_SEP)]
                continue
            if condition.field == NAME:  # "除一般公共服务外": a member left out by name
                if any(m.name == condition.value for m in kept):
                    kept = [m for m in kept if m.name != condition.value]
                    words.append(f"除{self.kit.name(condition.value)}以外")
                continue
            if condition.field == GROUP and column.kind == "projects":  # "没有设置成本指标": by the rows it lacks
                lacking = condition.comparator == GROUP_ABSENT
                kept = [m for m in kept if self._has_group(m.name, condition.value) != lacking]
                words.append(condition.said)
                continue
            if condition.field == GROUP:  # "满意度指标": the rows under that 一级/二级指标 (or under any of several)
                groups = condition.value.split(MEMBER_SEP) if condition.comparator == GROUP_IN else [condition.value]
                kept = [m for m in kept if m.row is not None and any(in_group(m.row, g) for g in groups)]
                words.append(condition.said)
                continue
            if condition.field == KIND:  # "定性指标": rows judged in words
                kept = [m for m in kept if m.row is not None and _holds_text(m.row.comparator, condition)]
                words.append(condition.said or condition.value)
                continue
            values = self._values(column, condition.field or column.attribute)
            other = self._values(column, condition.value) if bound is None else {}
            if not values or (bound is None and not other):
                return None, ""
            if bound is not None:
                valued = {n: m for n, m in values.items() if m.value is not None}
                compared = [valued[m.name].operand for m in kept if m.name in valued]
                ev.checks.append(filtered(condition.field, condition.comparator, bound, compared).check)
                kept = [
                    m for m in kept if m.name in valued and _holds(valued[m.name].value, condition.comparator, bound)
                ]
                unit = condition.unit if condition.unit not in ("万",) else "万元"
                shown = f"{format_number(bound)}{' ' if unit == '万元' else ''}{unit}"
            else:  # a field compared with another field of the same member ("得分 < 权重")
                kept = [
                    m
                    for m in kept
                    if m.name in values
                    and m.name in other
                    and _holds(values[m.name].value, condition.comparator, other[m.name].value)
                ]  # fmt: skip  (_holds is False for a value that is no number)
                shown = LABELS.get(condition.value, condition.value)
            label = LABELS.get(condition.field, condition.field)
            words.append(f"{label}{COMPARATOR_WORDS.get(condition.comparator, condition.comparator)}{shown}")
        return kept, "、".join(words)

    def _has_group(self, project_name: str, group: str) -> bool:
        project = self.kit.project(project_name)
        return project is not None and any(in_group(r, group) for r in project.indicators)

    def _values(self, column: Column, attribute: str) -> dict[str, Member]:
        if attribute == column.attribute:
            return {m.name: m for m in column.members}
        other = self.columns.column(column.collection, attribute, column.names)
        return {m.name: m for m in other.members} if other is not None else {}

    # ------------------------------------------------------------------ operations
    def _extreme(self, ev: Evidence, column: Column, kept: list[Member], op: str, said: str) -> Outcome:
        if not kept:
            return self._none(ev, column, said)
        comp = compute(op, *(m.operand for m in kept))
        ev.checks.append(comp.check)
        winners = [m for m in kept if m.value == comp.value]
        word = superlative(column.attribute, op)
        scope = f"{column.label}中{('，' + said + '的') if said else ''}"
        names = "、".join(m.shown_name for m in winners[:LISTED])
        tied = ""
        if len(winners) > 1:
            ev.checks.append(count([m.name for m in winners], "项").check)
            tied = f"（{len(winners)} 个并列）"
        said_row, each = row_tail(winners[0]), ""
        if len(winners) > 1 and column.kind == "indicators":  # rows tied: each by name, group and its own detail
            names, said_row = tied_rows(winners)
            each = "均为 "
        share = self.whole.share_said(ev, column, winners[0]) if len(winners) == 1 else ("", [])
        if column.kind == "facts" and column.attribute == "占比" and len(winners) == 1:
            share = self.whole.amount_said(ev, winners[0])  # "占比最大的是哪一块": its amount too
        ev.add(
            f"{scope}，{label(column)}{word}的是{names}{tied}，{each}{winners[0].shown}{share[0]}{said_row}。",
            *spans_of(winners),
            *share[1],
        )
        if column.kind == "facts" and 2 < len(kept) <= LISTED:  # a handful of lines: each one's value shown
            formula = f"{RATE_FORMULAS[column.attribute]}；" if column.attribute in RATE_FORMULAS else ""
            listed = "、".join(f"{m.shown_name} {m.shown}" for m in kept)
            ev.add(f"（{formula}各项依次为：{listed}）", *spans_of([m for m in kept if m not in winners]))
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, winners)

    def _extremes(self, ev: Evidence, column: Column, kept: list[Member], said: str, gap: bool) -> Outcome:
        """ "最多和最少的各是哪个": both ends of the column in one answer, and their difference when asked."""
        high = self._extreme(ev, column, kept, "max", said)
        if not high.found:
            return high
        listed = len(ev.pieces)
        low = self._extreme(ev, column, kept, "min", said)
        del ev.pieces[listed + 1 :]  # the values listed once, after the first end
        found = high.found + [m for m in low.found if m not in high.found]
        if gap and low.found:
            top, bottom = high.found[0], low.found[0]
            comp = compute("difference", top.operand, bottom.operand)
            ev.checks.append(comp.check)
            ev.add(f"两者相差 {comp.said} = {comp.text}{unit_of(top)}。")
        return Outcome(ev, found)

    def _nth(self, ev: Evidence, column: Column, kept: list[Member], rank: int, low: bool) -> Outcome | None:
        high = not low
        ordered = sorted(kept, key=lambda m: m.value, reverse=high)
        if rank > len(ordered):
            return None
        target = ordered[rank - 1]
        tied = [m for m in ordered if m.value == target.value]
        first = [m for m in ordered if m.value == ordered[0].value]
        word = superlative(column.attribute, "max" if high else "min")[-1]
        order = (
            ("从多到少" if high else "从少到多") if column.attribute in MONEY else ("从高到低" if high else "从低到高")
        )
        names = "、".join(m.shown_name for m in tied[:LISTED])
        top = "、".join(m.shown_name for m in first[:LISTED])
        ev.checks.append(compute("max" if high else "min", *(m.operand for m in kept)).check)
        ev.add(
            f"{column.label}按{label(column)}{order}排，第{_ordinal(rank)}{word}的是{names}，{target.shown}"
            f"{row_tail(target)}（{'排第一' if high else '最' + word}的是{top}，{first[0].shown}）。",
            *spans_of(tied),
            *spans_of(first),
        )
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, tied)

    def _top(self, ev: Evidence, column: Column, kept: list[Member], places: int, low: bool) -> Outcome | None:
        """ "执行数最多的三个项目": the first places, in order, with their values."""
        ordered = sorted(kept, key=lambda m: m.value, reverse=not low)  # type: ignore[arg-type, return-value]
        if places >= len(ordered):
            return None
        first = ordered[:places]
        ev.checks.append(compute("min" if not low else "max", *(m.operand for m in first)).check)
        ev.checks.append(count([m.name for m in first], "项").check)
        word = superlative(column.attribute, "min" if low else "max")
        ev.add(f"{column.label}中，{label(column)}{word}的 {places} 个依次是：")
        for i, member in enumerate(first):
            sep = "；" if i < len(first) - 1 else "。"
            ev.add(f"{member.shown_name}（{member.shown}）{sep}", member.span)
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, first)

    def _total(self, ev: Evidence, column: Column, kept: list[Member], op: str, said: str) -> Outcome | None:
        if not kept:
            return self._none(ev, column, said)
        if op == "sum" and is_rate(column.attribute):
            return None  # a sum of rates is no figure: never shown (their average may be asked)
        unit = unit_of(kept[0])
        if column.kind == "indicators" and column.attribute in ("完成值", "指标值"):
            units = {m.row.unit.strip() for m in kept if m.row is not None}
            if len(units) > 1 and not units <= {"万元", "万"}:
                return None  # rows counted in different units ("个", "%") do not add up
            unit = " 万元" if units and units <= {"万元", "万"} else unit
        total = compute("sum", *(m.operand for m in kept))
        ev.checks.append(total.check)
        scope = column.label
        if len(kept) < len(column.members) and not said:  # "它们的合计": the members an earlier ask found
            ev.checks.append(count([m.name for m in kept], "项").check)
            scope = f"这 {len(kept)} 个项目" if column.kind == "projects" else f"这 {len(kept)} 项"
            scope = kept[0].shown_name if len(kept) == 1 else scope
        if said:
            ev.checks.append(count([m.name for m in kept], "项").check)
            names = "、".join(m.shown_name for m in kept[:LISTED])
            scope = f"{column.label}中{said}的 {len(kept)} 个（{names}）"
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        if op == "sum" and len(kept) == 1:  # one member found: its value, no one-term sum
            ev.add(f"{scope}的{label(column)}为 {total.text}{unit}。", *spans_of(kept))
            return Outcome(ev, kept)
        if op == "sum":
            ev.add(f"{scope}的{label(column)}合计 {total.said} = {total.text}{unit}。", *spans_of(kept))
            return Outcome(ev, kept)
        mean = compute("mean", *(m.operand for m in kept), fixed=True)
        ev.checks.append(mean.check)
        ev.add(
            f"{scope}的{label(column)}平均为 {total.text}{unit} ÷ {len(kept)} = {mean.text}{unit}"
            f"（{total.said} = {total.text}）。",
            *spans_of(kept),
        )
        return Outcome(ev, kept)

    def _listed(self, ev: Evidence, column: Column, kept: list[Member], said: str) -> Outcome:
        if not kept:
            return self._none(ev, column, said)
        if not said and column.tables:  # "一共列了多少个指标": how many each table lists, not every row
            return self._per_table(ev, column, kept)
        if not said:  # "各项级支出的完成率分别是多少": every member's value, in report order
            scope = column.label
            if len(kept) < len(column.members):  # "每个的调整后预算": the members an earlier ask found
                ev.checks.append(count([m.name for m in kept], "项").check)
                scope = f"这 {len(kept)} 个项目" if column.kind == "projects" else f"这 {len(kept)} 项"
                owners = {m.owner for m in kept}
                if column.kind == "indicators" and len(owners) == 1:  # "X的这 2 项指标"
                    scope = f"{owners.pop()}的这 {len(kept)} 项指标"
            ev.add(f"{scope}的{label(column)}分别为：")
            for i, member in enumerate(kept[:LISTED]):
                sep = "；" if i < min(len(kept), LISTED) - 1 else "。"
                ev.add(f"{member.shown_name} {member.shown}{sep}", member.span)
            ev.facts.extend(m.fact for m in kept if m.fact is not None)
            return Outcome(ev, kept)
        ev.checks.append(count([m.name for m in kept], "项").check)
        what = f"{said}的" if said else ""
        ev.add(f"{column.label}中，{what}有 {len(kept)} 个：")
        for i, member in enumerate(kept[:LISTED]):
            sep = "；" if i < min(len(kept), LISTED) - 1 else "。"
            detail = row_detail(member) if member.row is not None else f"{label(column)} {member.shown}"
            detail = member.shown if "−" in column.attribute else detail  # its two values and the change
            ev.add(f"{member.shown_name}（{detail}）{sep}", member.span)
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, kept)

    def _per_table(self, ev: Evidence, column: Column, kept: list[Member]) -> Outcome:
        owners = list(dict.fromkeys(m.owner for m in kept))
        parts = []
        for owner in owners:
            rows = [m for m in kept if m.owner == owner]
            ev.checks.append(count([m.name for m in rows], "项").check)
            parts.append(f"{owner} {len(rows)} 项")
        spans = [next(m.span for m in kept if m.owner == o and m.span is not None) for o in owners]
        ev.add(f"{column.label.split('的')[0]}共列出 {len(kept)} 项绩效指标：{'、'.join(parts)}。", *spans)
        return Outcome(ev, kept)

    def _none(self, ev: Evidence, column: Column, said: str) -> Outcome:
        """No member meets the conditions: said plainly, citing the values compared."""
        ev.add(f"{column.label}中，没有{said}的。", *spans_of(list(column.members)))
        return Outcome(ev, [])


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _holds(value: Decimal | None, comparator: str, bound: Decimal | None) -> bool:
    if value is None or bound is None:
        return False
    held = {"=": value == bound, "!=": value != bound, "<": value < bound, ">": value > bound, ">=": value >= bound}
    return held.get(comparator, False)


def _holds_text(value: str, condition: Condition) -> bool:
    return (value == condition.value) == (condition.comparator == "=")


def _ordinal(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


__all__ = ["LABELS", "LISTED", "MONEY", "Aggregates", "Outcome", "is_rate"]
