"""Figures of the 附表 (第五部分: 收入支出决算总表, 支出决算表 …) read from their cells as `Fact`s.

Each figure cell becomes a fact: subject = its row label (numbering and 其中 dropped, 科目编码 kept out),
measure = its column label, scope = the table's title, quote = the row label through the figure. Totals are
checked against their parts as they are read: a 合计 row against the rows of its level above it, a 合计
column against the other figure columns, 类 against its 款 and 款 against its 项 (by 科目编码).
"""

from __future__ import annotations

from corpus.records import Fact, Report, Table, TableCell, TableIssue
from corpus.selfeval_build import value
from corpus.table_checks import sum_agrees
from corpus.table_vocabulary import is_figure, normalize_label, strip_marks, vocabulary


def schedule_facts(report: Report) -> tuple[list[Fact], list[TableIssue]]:
    facts: list[Fact] = []
    issues: list[TableIssue] = []
    for table in report.tables:
        if table.kind != "schedule":
            continue
        own, own_issues = _table_facts(report, table)
        facts.extend(own)
        issues.extend(own_issues)
    return facts, issues


def _table_facts(report: Report, table: Table) -> tuple[list[Fact], list[TableIssue]]:
    vocab = vocabulary()["schedule"]
    label_cols = set(vocab["label_columns"])
    code_cols = set(vocab["code_columns"])
    flags: dict[int, str] = {}
    issues: list[TableIssue] = []
    # (subject, code, measure, row label cell, figure cell, side): a side-by-side table (收入 | 支出) has a
    # label column per side; each figure belongs to the label on its left.
    records: list[tuple[str, str, str, TableCell, TableCell, int]] = []
    for row in table.rows[1:]:
        subject, code, head, side = "", "", None, -1
        for cell in row:
            is_label = cell.label in label_cols or (not cell.label and not is_figure(cell.text))
            if is_label and (head is None or (records and records[-1][3] is head)):
                subject, code, head, side = "", "", cell, cell.col  # a new row label starts (or a new side)
            if cell.label in code_cols:
                code = cell.text.strip()
            elif is_label:
                subject = normalize_label(cell.text)
            elif is_figure(cell.text) and subject:
                records.append((subject, code, cell.label or "决算数", head or cell, cell, side))
    _check(table, [r[:5] for r in records], [r[5] for r in records], flags, issues)
    unit = vocab["unit"]
    facts = []
    for subject, code, measure, head, cell, _side in records:
        number = value(cell)
        if number is None:
            continue
        start = head.start if head.start <= cell.start else cell.start
        end = cell.start + len(cell.text)
        fid = f"{table.section_id}:{code or subject}:{measure}"
        facts.append(
            Fact(
                id=fid,
                subject=subject,
                measure=measure,
                value=number,
                unit=unit,
                year=report.year,
                section_id=table.section_id,
                quote=report.clean_text[start:end],
                raw=strip_marks(cell.text),
                start=start,
                scope=table.title,
                origin="schedule",
                issue=flags.get(id(cell), ""),
            )
        )
    return facts, issues


def _check(table: Table, records: list, sides: list[int], flags: dict[int, str], issues: list[TableIssue]) -> None:
    vocab = vocabulary()["schedule"]
    totals = set(vocab["total_rows"])
    by_measure: dict[tuple[str, int], list[tuple[str, str, TableCell]]] = {}
    for (subject, code, measure, _head, cell), side in zip(records, sides, strict=True):
        by_measure.setdefault((measure, side), []).append((subject, code, cell))

    def flag(what: str, total: TableCell, parts: list[TableCell]) -> None:
        values = [value(p) for p in parts]
        if value(total) is None or any(v is None for v in values) or sum_agrees(value(total), values):
            return
        message = f"{table.title}：{what} {total.text} 不等于各项之和（{' + '.join(p.text for p in parts)}）"
        flags[id(total)] = message
        issues.append(TableIssue(table.section_id, table.title, "合计", message + "。", (total.text,)))

    for (measure, _side), items in by_measure.items():
        coded = [(code, cell, subject) for subject, code, cell in items if code]
        for code, cell, subject in coded:  # 类 = Σ 款, 款 = Σ 项
            children = [c for k, c, _ in coded if k.startswith(code) and len(k) == len(code) + 2]
            if children:
                flag(f"{subject}（{measure}）", cell, children)
        tops = [cell for subject, code, cell in items if len(code) == 3]
        for subject, _code, cell in items:
            if subject == "合计" and tops:
                flag(f"合计（{measure}）", cell, tops)
        # uncoded: a 合计 row totals the plain rows above it (since the previous total)
        if not coded:
            run: list[TableCell] = []
            for subject, _code, cell in items:
                if subject in totals:
                    if run and subject != "总计":
                        flag(f"{subject}（{measure}）", cell, run)
                    run = []
                elif not subject.startswith("其中") and "其中" not in subject:
                    run.append(cell)
    # a 合计 column = the row's other figure columns
    total_cols = set(vocab["total_columns"])
    rows: dict[int, list[tuple[str, TableCell]]] = {}
    for _subject, _code, measure, head, cell in records:
        rows.setdefault(head.start, []).append((measure, cell))
    for cells in rows.values():
        totals_here = [c for m, c in cells if m in total_cols]
        parts = [c for m, c in cells if m not in total_cols]
        if len(totals_here) == 1 and len(parts) >= 2:
            flag("合计列", totals_here[0], parts)
