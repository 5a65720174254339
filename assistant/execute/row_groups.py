"""Indicator rows by their 一级/二级指标: the groups a row sits under, an aggregate taken group by group ("数量、
质量、时效三类指标的权重各合计多少"), and project tables picked by a group of rows they have or lack, said with the
groups each one does have. Every figure is the calculator's; each group's rows are cited."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute, count, format_number
from assistant.evidence.records import Evidence
from assistant.execute.members import Column, Member, is_rate, spans_of, unit_of
from assistant.understand.collections import GROUP, GROUP_ABSENT
from assistant.understand.plan import Condition
from corpus import IndicatorRow

LISTED = 12  # rows named in one group


def in_group(row: IndicatorRow, group: str) -> bool:
    """The row sits under the 一级 or 二级指标 named by its words ("成本", "社会效益")."""
    return group in f"{row.level1}{row.level2}"


def group_name(members: Sequence[Member], group: str) -> str:
    """A group as its rows' table names it ("数量指标", "社会效益指标")."""
    for member in members:
        row = member.row
        if row is not None:
            return row.level2 if group in row.level2 else row.level1
    return f"{group}指标"


def grouped(
    ev: Evidence, column: Column, kept: list[Member], op: str, groups: Sequence[str], parent: str, label: str
) -> list[Member] | None:
    """The operation (sum, avg, count) group by group, then over the groups together; the rows it ran over, or
    None when the values do not add up (rates)."""
    valued = kept if op == "count" else [m for m in kept if m.value is not None]
    if not valued or (op != "count" and is_rate(column.attribute)):
        return None
    ev.add(f"{column.label}中{('，' + parent + '下') if parent else ''}：")
    results: list[Decimal] = []
    for i, group in enumerate(groups):
        members = [m for m in valued if m.row is not None and in_group(m.row, group)]
        name = group_name(members, group)
        sep = "；" if i < len(groups) - 1 else "。"
        ev.checks.append(count([m.name for m in members], "项").check)
        if not members:
            ev.add(f"{name} 0 项{sep}")
            results.append(Decimal(0))
            continue
        if op == "count":
            names = "、".join(m.shown_name for m in members[:LISTED])
            ev.add(f"{name} {len(members)} 项（{names}）{sep}", *spans_of(members))
            results.append(Decimal(len(members)))
            continue
        total = compute("sum", *(m.operand for m in members)) if len(members) > 1 else None
        unit = unit_of(members[0])
        if total is not None:
            ev.checks.append(total.check)
        value = total.value if total is not None else members[0].value
        figure = f"{total.said} = {total.text}" if total is not None else format_number(value)  # type: ignore[arg-type]
        if op == "avg" and total is not None:
            mean = compute("mean", *(m.operand for m in members), fixed=True)
            ev.checks.append(mean.check)
            figure = f"{total.text}{unit} ÷ {len(members)} = {mean.text}"
        word = ("平均" if op == "avg" else "合计") if total is not None else ""
        ev.add(f"{name} {len(members)} 项，{label}{word} {figure}{unit}{sep}", *spans_of(members))
        results.append(value)  # type: ignore[arg-type]
    if op == "avg" or len(groups) < 2:
        ev.facts.extend(m.fact for m in valued if m.fact is not None)
        return valued
    if op == "count":
        every = [m for m in valued if any(m.row is not None and in_group(m.row, g) for g in groups)]
        ev.checks.append(count([m.name for m in every], "项").check)
        ev.add(f"{len(groups)} 类共 {len(every)} 项。")
        return every
    whole = compute("sum", *results)
    ev.checks.append(whole.check)
    ev.add(f"{len(groups)} 类合计 {whole.said} = {whole.text}{unit_of(valued[0])}。")
    return valued


def with_groups(
    kit: Toolkit, ev: Evidence, found: Sequence[Member], op: str, filters: Sequence[Condition], label: str
) -> None:
    """Tables picked by the groups of rows they have or lack: each one said with the 一级指标 it does have (its
    execution rate says nothing here); none picked is said as every table having the group."""
    if not found and ev.pieces:
        group = next(c for c in filters if c.field == GROUP)
        has = "都设有" if group.comparator == GROUP_ABSENT else "都没有设"
        ev.pieces[-1].text = f"{label}{has}{group.value}指标。"
        return
    if op not in ("filter", "list", "count", ""):
        return
    for piece in ev.pieces:
        for member in found:
            project = kit.project(member.name)
            if project is None or not piece.text.startswith(f"{member.shown_name}（"):
                continue
            levels = "、".join(dict.fromkeys(r.level1.removesuffix("指标") for r in project.indicators))
            after = piece.text[len(member.shown_name) :]  # "（预算执行率 100.00%）；": the value replaced
            tail = after[after.index("）") + 1 :]
            piece.text = f"{member.shown_name}（只设有{levels}指标）{tail}"
            span = kit.tables.row_span(project.indicators[-1]) if project.indicators else None
            piece.cites = [span] if span is not None else piece.cites
