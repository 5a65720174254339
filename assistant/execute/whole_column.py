"""Answers over a whole column: every member in order ("从高到低怎么排", with each part's share of the whole),
whether every member meets the conditions ("都是满分吗": yes, or the ones that do not), whether any does ("有没有设
成本指标"), and a part's share or amount said beside the value it was ranked by. Every figure is the calculator's
or the report's, every member cited."""

from __future__ import annotations

from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute, count
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.execute.column_words import LISTED, MONEY, Outcome, label, row_detail
from assistant.execute.members import Column, Columns, Member, spans_of
from assistant.understand.plan import Plan


class WholeColumn:
    """Orders, all/any verdicts and shares over one column of a collection."""

    def __init__(self, kit: Toolkit, columns: Columns) -> None:
        self.kit = kit
        self.columns = columns

    def order(self, ev: Evidence, column: Column, kept: list[Member], low: bool) -> Outcome | None:
        """ "从高到低怎么排": every member with a value, in order, with its share of the whole when the parts
        of a total are ranked by amount (the report's stated share, else the calculator's)."""
        ordered = sorted(kept, key=lambda m: m.value, reverse=not low)  # type: ignore[arg-type, return-value]
        if len(ordered) < 2:
            return None
        ev.checks.append(compute("min" if low else "max", *(m.operand for m in ordered)).check)
        high = not low
        order = (
            ("从多到少" if high else "从少到多") if column.attribute in MONEY else ("从高到低" if high else "从低到高")
        )
        shares = self.shares(column)
        stated = [s.fact.parent for s in shares.values() if s.fact is not None and s.check is None and s.fact.parent]
        whole = stated[0] if stated else column.collection.removeprefix("parts:") if shares else ""
        of_whole = f"（括号内为占{self.kit.name(whole)}的比例）" if shares and whole else ""
        ev.add(f"{column.label}按{label(column)}{order}排{of_whole}：")
        shown = ordered[:LISTED]
        for i, member in enumerate(shown):
            share = shares.get(member.name)
            tail = f"（{share.shown}）" if share is not None else ""
            tied = i < len(shown) - 1 and shown[i + 1].value == member.value
            sep = "。" if i == len(shown) - 1 else " ＝ " if tied else " ＞ " if high else " ＜ "
            spans = [member.span, share.span if share is not None else None]
            ev.add(f"{member.shown_name} {member.shown}{tail}{sep}", *[s for s in spans if s is not None])
            if share is not None:
                ev.checks.extend([share.check] if share.check is not None else [])
                ev.facts.extend([share.fact] if share.fact is not None and share.check is None else [])
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, ordered)

    def every(self, ev: Evidence, column: Column, members: list[Member], kept: list[Member], said: str) -> Outcome:
        """ "都是满分吗": yes when every member meets the conditions; else no, with how many do and, by name
        and value, the ones that do not."""
        others = [m for m in members if m not in kept]
        if not others:
            ev.checks.append(count([m.name for m in kept], "项").check)
            ev.add(f"是的，{column.label}全部{said}（共 {len(kept)} 个）。", *spans_of(kept))
            ev.facts.extend(m.fact for m in kept if m.fact is not None)
            return Outcome(ev, kept)
        ev.checks.append(count([m.name for m in others], "项").check)
        if kept:
            ev.checks.append(count([m.name for m in kept], "项").check)
            ev.add(f"不是。{column.label}中，{said}的有 {len(kept)} 个，其余 {len(others)} 个不是：")
        else:
            ev.add(f"不是。{column.label}中没有{said}的：")
        self.listed(ev, column, others)
        ev.facts.extend(m.fact for m in members if m.fact is not None)
        return Outcome(ev, others)

    def any_of(self, ev: Evidence, column: Column, members: list[Member], kept: list[Member], said: str) -> Outcome:
        """ "有没有设成本指标": yes with the members that meet the conditions, or no (a table's rows then say
        which groups they do have)."""
        if not kept:
            levels = [m.row.level1 for m in members if m.row is not None and m.row.level1]
            has = "、".join(dict.fromkeys(level.removesuffix("指标") for level in levels))
            tail = f"，只设有{has}指标" if has else ""
            ev.add(f"没有。{column.label}中没有{said}{tail}。", *spans_of(members[-1:]))
            return Outcome(ev, [])
        ev.checks.append(count([m.name for m in kept], "项").check)
        ev.add(f"有。{column.label}中，{said}有 {len(kept)} 个：")
        self.listed(ev, column, kept)
        ev.facts.extend(m.fact for m in kept if m.fact is not None)
        return Outcome(ev, kept)

    @staticmethod
    def listed(ev: Evidence, column: Column, members: list[Member]) -> None:
        """The first members said one by one, each with its row's detail or its value, in one sentence."""
        shown = members[:LISTED]
        for i, member in enumerate(shown):
            sep = "；" if i < len(shown) - 1 else "。"
            detail = row_detail(member) if member.row is not None else f"{label(column)} {member.shown}"
            ev.add(f"{member.shown_name}（{detail}）{sep}", member.span)

    def shares(self, column: Column) -> dict[str, Member]:
        """Each member's share of the whole its collection makes up, when the members are the parts of one
        total ranked by amount: the stated shares (all of one whole), else the calculator's for a total's parts."""
        if column.kind != "facts" or column.attribute not in MONEY or column.collection == "named":
            return {}
        shares = self.columns.column(column.collection, "占比", column.names)
        if shares is None:
            return {}
        members = {m.name: m for m in shares.members if m.value is not None}
        parents = {m.fact.parent for m in members.values() if m.fact is not None and m.check is None}
        return members if len(parents) <= 1 else {}

    def amount_said(self, ev: Evidence, member: Member) -> tuple[str, list]:
        """ "（19644.36 万元）": the amount of a part ranked by its share, as the report states it."""
        amount = self.kit.value_fact(member.name, Plan(""))
        if amount is None:
            return "", []
        ev.facts.append(amount)
        span = self.kit.span(amount)
        return f"（{show(amount)}）", [span] if span is not None else []

    def share_said(self, ev: Evidence, column: Column, member: Member) -> tuple[str, list]:
        """ "，占一般公共预算财政拨款支出的 94.97%": the winner's share of the whole, when the report states it
        (or the calculator works it out for a total's parts)."""
        share = self.shares(column).get(member.name)
        if share is None:
            return "", []
        whole = share.fact.parent if share.fact is not None and share.check is None else ""
        if share.check is not None:
            ev.checks.append(share.check)
            whole = column.collection.removeprefix("parts:") if column.collection.startswith("parts:") else ""
        elif share.fact is not None:
            ev.facts.append(share.fact)
        of = f"{self.kit.name(whole)}的 " if whole else " "
        return f"，占{of}{share.shown}", [share.span] if share.span is not None and share.check is None else []
