"""Turn the reading of one 绩效自评表 (from PDF cells or from the text) into a `ProjectTable` and its facts,
checking its figures against each other first (`corpus.table_checks`).

A reading holds cells (`TableCell`: text + offset in the clean text); where the cells came from does not
matter here. `labelled` says whether each figure's column label was read (PDF) or only its position (text):
an unlabelled figure that fails a check may be re-read in another column order; a labelled one is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from corpus.records import Fact, IndicatorRow, ProjectTable, Report, TableCell, TableIssue
from corpus.table_checks import rate_agrees, reread_budget, score_agrees, sum_agrees
from corpus.table_vocabulary import strip_marks

MONEY = "万元"
AMOUNTS = ("年初预算", "调整后预算", "执行数")
BUDGET_MEASURES = (*AMOUNTS, "执行率")
STATED_SCORE = re.compile(r"自\s*评[^\d。；;]{0,10}?(\d+(?:\.\d+)?)\s*分")
BUDGET_SUBJECT = "预算执行情况"


@dataclass
class BudgetCell:
    cell: TableCell
    row_label: TableCell | None = None


@dataclass
class Reading:
    section_id: str
    code: str = ""
    name: str = ""
    labelled: bool = False
    department: str = ""
    implementer: str = ""
    goal: str = ""
    goal_result: str = ""
    content: str = ""
    conclusion: str = ""
    problems: str = ""
    improvements: str = ""
    leader: str = ""
    finance_leader: str = ""
    budget_reason: str = ""
    budget: dict[str, BudgetCell] = field(default_factory=dict)  # measure -> cell (总额 row)
    budget_row: TableCell | None = None
    funds: dict[str, dict[str, BudgetCell]] = field(default_factory=dict)  # 财政资金 … -> measure -> cell
    indicators: list[tuple[str, str, dict[str, TableCell]]] = field(default_factory=list)
    weight_total: TableCell | None = None
    score_total: TableCell | None = None
    total_row: TableCell | None = None
    conclusion_cell: TableCell | None = None
    stated_score: TableCell | None = None  # "自评…N分" in the conclusion (text path)
    budget_span: tuple[int, int] | None = None  # text path: the 总额 row's span, quoted for every budget figure
    indicator_spans: list[tuple[int, int]] = field(default_factory=list)  # text path: each row's span
    fact_cells: list[dict[str, TableCell]] = field(default_factory=list)  # text path: 指标值/完成值 as printed
    percent: set[int] = field(default_factory=set)  # id() of figure cells that are percentages without a % sign
    stated_span: tuple[int, int] | None = None  # text path: the "自评…N分" phrase quoted for a stated score


def value(cell: TableCell | None) -> Decimal | None:
    if cell is None or not cell.text:
        return None
    text = strip_marks(cell.text).rstrip("%％").replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class _Builder:
    def __init__(self, report: Report, reading: Reading) -> None:
        self.report = report
        self.r = reading
        self.issues: list[TableIssue] = []
        self.flags: dict[int, str] = {}  # id(cell) -> why the figure is doubtful

    def issue(self, check: str, message: str, *cells: TableCell | None) -> None:
        figures = tuple(c.text for c in cells if c is not None)
        self.issues.append(TableIssue(self.r.section_id, self.r.name, check, message, figures))

    # ------------------------------------------------------------------------------------------ gate

    def check_budget(self) -> None:
        b = self.r.budget
        cells = {m: b[m].cell for m in BUDGET_MEASURES if m in b and value(b[m].cell) is not None}
        if not all(m in cells for m in ("执行数", "调整后预算", "执行率")):
            return
        executed, adjusted, rate = (value(cells[m]) for m in ("执行数", "调整后预算", "执行率"))
        if rate_agrees(executed, adjusted, rate):
            return
        amounts = [m for m in AMOUNTS if m in cells]
        if not self.r.labelled and len(amounts) == 3:
            order = reread_budget([value(cells[m]) for m in AMOUNTS], rate)
            if order is not None:
                moved = {measure: b[AMOUNTS[k]] for measure, k in zip(AMOUNTS, order, strict=True)}
                b.update(moved)
                self.issue(
                    "改读",
                    f"预算执行率 {cells['执行率'].text} 与按版式位置读出的执行数、调整后预算数不符，"
                    f"已按执行率改读各列（年初预算 {moved['年初预算'].cell.text}、调整后预算数 "
                    f"{moved['调整后预算'].cell.text}、预算执行数 {moved['执行数'].cell.text}）。",
                    *(cells[m] for m in BUDGET_MEASURES),
                )
                return
        for measure in ("执行数", "调整后预算", "执行率"):
            b.pop(measure, None)
        self.issue(
            "执行率",
            f"预算执行率 {cells['执行率'].text} 不等于预算执行数 {cells['执行数'].text} ÷ 调整后预算数 "
            f"{cells['调整后预算'].text}，这三个数字未采用。",
            cells["执行数"],
            cells["调整后预算"],
            cells["执行率"],
        )

    def check_score(self, what: str, weight: TableCell | None, score: TableCell | None) -> tuple[
        TableCell | None, TableCell | None
    ]:
        w, s = value(weight), value(score)
        if w is None or s is None or score_agrees(s, w):
            return weight, score
        if not self.r.labelled and score_agrees(w, s):
            message = f"{what}的得分 {score.text} 大于权重 {weight.text}，已按得分≤权重改读两列。"
            self.issue("改读", message, weight, score)
            return score, weight
        self.issue("得分≤权重", f"{what}的得分 {score.text} 大于其权重 {weight.text}，该得分未采用。", weight, score)
        return weight, None

    def check_sum(self, what: str, total: TableCell | None, parts: list[TableCell | None]) -> None:
        t = value(total)
        values = [value(p) for p in parts]
        if t is None or not parts or any(v is None for v in values):
            return
        if not sum_agrees(t, values):
            shown = " + ".join(p.text for p in parts if p is not None)
            message = f"{what} {total.text} 不等于各项之和（{shown}）"
            self.flags[id(total)] = message
            self.issue("合计", message + "。", total, *parts)

    # ------------------------------------------------------------------------------------------ facts

    def fact(self, fid: str, measure: str, cell: TableCell, unit: str, subject: str = "", parent: str = "",
             span: tuple[int, int] | None = None) -> Fact | None:  # fmt: skip
        number = value(cell)
        if number is None:
            return None
        raw = strip_marks(cell.text) if cell.text.endswith(("※", "*", "＊")) else cell.text
        start, end = span or (cell.start, cell.start + len(cell.text))
        return Fact(
            id=fid,
            subject=subject or self.r.name,
            measure=measure,
            value=number,
            unit=unit,
            year=self.report.year,
            section_id=self.r.section_id,
            quote=self.report.clean_text[start:end],
            raw=raw,
            start=start,
            scope=self.r.name,
            parent=parent,
            origin="self_evaluation",
            issue=self.flags.get(id(cell), ""),
        )

    def span(self, label: TableCell | None, cell: TableCell) -> tuple[int, int]:
        """The quote of a figure: its row label through the figure (the cell alone without a label)."""
        start = label.start if label is not None and label.start <= cell.start else cell.start
        return start, cell.start + len(cell.text)


def build_project(report: Report, reading: Reading) -> tuple[ProjectTable, list[Fact], list[TableIssue]]:
    bld = _Builder(report, reading)
    r = reading
    sid = r.section_id
    bld.check_budget()
    budget_weight = r.budget.get("权重")
    budget_score = r.budget.get("得分")
    weight_cell, score_cell = bld.check_score(
        "预算执行情况", budget_weight.cell if budget_weight else None, budget_score.cell if budget_score else None
    )
    rows: list[tuple[IndicatorRow, dict[str, TableCell]]] = []
    for n, (level1, level2, fields) in enumerate(r.indicators):
        name = fields["name"]
        weight, score = bld.check_score(f"指标“{name.text}”", fields.get("weight"), fields.get("score"))
        cells = [c for c in fields.values() if c is not None and c.text]
        if r.indicator_spans:
            first, last = r.indicator_spans[n]
        else:
            first = min(c.start for c in cells)
            last = max(c.start + len(c.text) for c in cells)
        row = IndicatorRow(
            level1=level1,
            level2=level2,
            name=name.text,
            comparator=_text(fields.get("comparator")),
            target=_text(fields.get("target")),
            unit=_text(fields.get("unit")).replace(" ", ""),
            actual=_text(fields.get("actual")),
            weight=value(weight),
            score=value(score),
            shortfall_reason=_text(fields.get("reason")),
            quote=report.clean_text[first:last],
            start=first,
            page=report.page_at(first),
        )
        rows.append((row, {**fields, "weight": weight, "score": score}))
    # totals: 合计 = the budget row's + every indicator's weight / score
    indicator_weights = [f.get("weight") for _, f in rows]
    indicator_scores = [f.get("score") for _, f in rows]
    if weight_cell is not None:
        bld.check_sum("权重合计", r.weight_total, [weight_cell, *indicator_weights])
    if score_cell is not None:
        bld.check_sum("总分", r.score_total, [score_cell, *indicator_scores])
    for measure in AMOUNTS:
        parts = [cells[measure].cell for cells in r.funds.values() if measure in cells]
        if measure in r.budget and parts:
            bld.check_sum(f"总额的{measure}", r.budget[measure].cell, parts)

    facts: list[Fact] = []
    label = r.budget_row
    for measure in BUDGET_MEASURES:
        if measure in r.budget:
            cell = r.budget[measure].cell
            span = r.budget_span if r.budget_span else bld.span(label, cell)
            unit = "%" if measure == "执行率" else MONEY
            facts.append(bld.fact(f"{sid}:{measure}", measure, cell, unit, span=span))
    score_src = r.score_total if value(r.score_total) is not None else r.stated_score
    self_score = value(score_src)
    if score_src is not None and self_score is not None:
        if score_src is r.stated_score and r.stated_span:
            span = r.stated_span
        elif score_src is r.score_total and r.total_row is not None and not r.budget_span:
            span = bld.span(r.total_row, score_src)
        elif score_src is r.score_total and r.total_row is not None:
            span = (r.total_row.start, score_src.start + len(score_src.text))
        else:
            span = (score_src.start, score_src.start + len(score_src.text))
        facts.append(bld.fact(f"{sid}:自评得分", "自评得分", score_src, "分", span=span))
    if r.labelled:  # every other figure of the table, where its column label says what it is
        for measure, cell in (("权重", weight_cell), ("得分", score_cell)):
            if cell is not None:
                facts.append(bld.fact(f"{sid}:预算执行:{measure}", measure, cell, "分", BUDGET_SUBJECT,
                                      span=bld.span(label, cell)))  # fmt: skip
        if r.weight_total is not None:
            facts.append(bld.fact(f"{sid}:权重合计", "权重合计", r.weight_total, "分",
                                  span=bld.span(r.total_row, r.weight_total)))  # fmt: skip
        for fund, cells in r.funds.items():
            for measure in BUDGET_MEASURES:
                if measure in cells:
                    cell = cells[measure]
                    unit = "%" if measure == "执行率" else MONEY
                    facts.append(bld.fact(f"{sid}:{fund}:{measure}", measure, cell.cell, unit, fund, r.name,
                                          span=bld.span(cell.row_label, cell.cell)))  # fmt: skip
    for n, (row, fields) in enumerate(rows, start=1):
        measures = [("指标值", "target"), ("完成值", "actual")]
        if r.labelled:
            measures += [("权重", "weight"), ("得分", "score")]
        for measure, key in measures:
            cell = r.fact_cells[n - 1].get(key) if r.fact_cells and key in ("target", "actual") else fields.get(key)
            if cell is None or value(cell) is None:
                continue  # worded (定性) values are rows, not figures
            percent = cell.text.rstrip().endswith(("%", "％")) or id(cell) in r.percent
            unit = "分" if key in ("weight", "score") else ("%" if percent else row.unit)
            span = (row.start, row.start + len(row.quote)) if r.indicator_spans else bld.span(fields["name"], cell)
            facts.append(bld.fact(f"{sid}:ind{n:02d}:{measure}", measure, cell, unit, row.name, span=span))
    section = report.section(sid)
    table = ProjectTable(
        section_id=sid,
        code=r.code,
        name=r.name,
        department=r.department,
        implementer=r.implementer,
        initial_budget=value(r.budget["年初预算"].cell) if "年初预算" in r.budget else None,
        adjusted_budget=value(r.budget["调整后预算"].cell) if "调整后预算" in r.budget else None,
        executed=value(r.budget["执行数"].cell) if "执行数" in r.budget else None,
        execution_rate=value(r.budget["执行率"].cell) if "执行率" in r.budget else None,
        self_score=self_score,
        leader=r.leader,
        finance_leader=r.finance_leader,
        goal=r.goal,
        goal_result=r.goal_result,
        problems=r.problems,
        improvements=r.improvements,
        conclusion=r.conclusion,
        indicators=tuple(row for row, _ in rows),
        page=section.page,
        budget_weight=value(weight_cell),
        budget_score=_adding_up(None if id(r.score_total) in bld.flags else value(score_cell), self_score, rows),
    )
    if r.labelled and table.self_score is None and r.conclusion_cell is not None:
        stated = STATED_SCORE.search(r.conclusion)
        if stated:
            table = _with_score(table, Decimal(stated.group(1)))
    return table, [f for f in facts if f is not None], bld.issues


def _with_score(table: ProjectTable, score: Decimal) -> ProjectTable:
    from dataclasses import replace

    return replace(table, self_score=score)


def _text(cell: TableCell | None) -> str:
    return cell.text if cell is not None else ""


def _adding_up(budget_score: Decimal | None, total: Decimal | None, rows: list) -> Decimal | None:
    """The budget part's printed score, kept only when it and the indicators' scores add up to the table's total
    (a cell read from the wrong line would otherwise pass for the score)."""
    scores = [row.score for row, _ in rows]
    if budget_score is None or total is None or any(s is None for s in scores):
        return None
    return budget_score if sum(scores, budget_score) == total else None
