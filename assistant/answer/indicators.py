"""Indicator rows of the 绩效自评表: named by their words (a quote, shared character pairs, or everyday words
weighted by rarity), answered with 指标值 and 完成值, and the ratio or gap asked; the rows that lost points."""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from assistant.answer.deductions import FULL_MARKS, deductions
from assistant.answer.row_finder import RowFinder
from assistant.calculator import compute, count
from assistant.calculator.checks import formula
from assistant.compose.wording import show
from assistant.evidence.records import Evidence, Found
from assistant.evidence.spans import one_line as _one_line
from assistant.records import Operand
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_FIELDS
from assistant.understand.plan import Plan
from assistant.understand.words import GENERIC, STOPWORDS, grams, is_cue
from corpus import Fact, IndicatorRow, ProjectTable

log = logging.getLogger(__name__)


MAX_ROWS = 20  # indicator rows listed in one answer


GAP = CUES.cue("gap")
SHARE_ASK = CUES.cue("share")  # "占项目执行数的多少", "占执行数几成"
OWN_SHARE = CUES.cue("share_ask")  # "占了多少比例" with no whole named: a money row's share of its project's money


RATIO_ASKED = CUES.cue("ratio_asked")
ROW_RATIO_ASKED = CUES.cue("row_ratio_asked")
OVER_WORD = CUES.cue("over_word")
SCORE_ASKED = CUES.cue("score_asked")
ROW_VALUES = CUES.field_cues("indicator")
CLAUSE_CUT = re.compile(r"[，,。？?；;！!、]|还有|以及|并且")
BUDGET_FIELDS = {"executed": "执行数", "adjusted_budget": "调整后预算", "initial_budget": "年初预算"}


class Indicators(RowFinder):
    """Indicator rows named, read and compared."""

    def indicators(self, q: Plan, project: ProjectTable) -> Evidence | None:
        rows = list(project.indicators)
        if not rows:
            return None
        picked = self.matching_rows(q, rows) or rows
        ev = Evidence("answered", "project", q.text)
        if len(picked) == len(rows):
            ev.checks.append(count([r.name for r in rows], "项指标").check)
        ev.add(f"{project.name}的绩效指标" + ("" if len(picked) < len(rows) else f"（共 {len(rows)} 项）") + "：")
        scored = len(picked) < len(rows) and bool(SCORE_ASKED.search(q.text))  # "那一项得了几分": its points too
        for row in picked[:MAX_ROWS]:
            ev.add(indicator_line(row, scored), self.tables.row_span(row))
        facts = [f for f in self.table.project_facts(project.name) if f.measure in ("完成值", "指标值")]
        ev.facts.extend(facts)
        self._indicator_checks(q, picked, ev, facts)
        return ev

    def _indicator_checks(self, q: Plan, rows: list[IndicatorRow], ev: Evidence, facts: list[Fact]) -> None:
        if not q.says("ratio_asked"):
            return
        for row in rows[:1]:
            actual = _decimal(row.actual)
            target = _decimal(row.target)
            if actual is None or not target:
                continue
            stated = {f.measure: f.id for f in facts if row.name in f.subject}
            comp = compute(
                "share",
                Operand(format(actual, "f"), f"{row.name} 完成值", stated.get("完成值", "")),
                Operand(format(target, "f"), f"{row.name} 指标值", stated.get("指标值", "")),
            )
            ev.checks.append(comp.check)
            ev.add(f"完成比例 = 完成值 ÷ 指标值 = {comp.said} = {comp.text}。")

    def indicator_answer(self, q: Plan, project: ProjectTable, row: IndicatorRow) -> Evidence:
        """One indicator row: its target and actual, and the ratio or gap the question asks for."""
        ev = Evidence("answered", "project", q.text)
        ev.found = Found("indicator", f"indicators:{project.name}", (row.name,), (project.name,))
        reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
        ev.add(f"{project.name}绩效自评表中，{indicator_line(row)}{reason}。", self.tables.row_span(row))
        ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        scored = row.weight is not None and row.score is not None
        if scored and (SCORE_ASKED.search(q.text) or q.says("deduct")):  # "实际得了几分", "为什么扣分"
            lost = ""
            if row.score < row.weight:  # type: ignore[operator]
                diff = compute("difference", Operand(format(row.weight, "f"), f"{row.name} 权重"),
                               Operand(format(row.score, "f"), f"{row.name} 得分"))  # fmt: skip
                ev.checks.append(diff.check)
                lost = f"，扣 {diff.text} 分（{diff.said} = {diff.text}）"
            ev.add(f"该指标权重 {row.weight} 分，得分 {row.score} 分{lost}。", self.tables.row_span(row))
        if self._with_budget_figure(q, project, row, ev):
            return ev
        self._worked(q, row, ev)
        return ev

    def _worked(self, q: Plan, row: IndicatorRow, ev: Evidence, named: bool = False) -> None:
        """The ratio or gap asked of one row's 完成值 and 指标值 (`named`: the row's name leads the sentence, when
        several rows are worked one after another)."""
        actual, target = _decimal(row.actual), _decimal(row.target)
        if actual is None or not target:
            return
        rest = _without_name(q.rest or q.text, row.name)  # "…解读的比例" names the row; it asks no ratio
        lead = row.name if named else ""
        ratio_asked = bool(ROW_RATIO_ASKED.search(rest))
        if ratio_asked:
            over = OVER_WORD.search(rest)
            kind = "growth_rate" if over else "share"
            comp = compute(kind, actual, target)
            label = "超出比例 = (完成值 − 指标值) ÷ 指标值" if over else "完成比例 = 完成值 ÷ 指标值"
            ev.add(f"{lead}{label} = {comp.said} = {comp.text}。")
            ev.checks.append(comp.check)
        # The gap too when a clause of its own asks it ("完成了百分之多少？差了多少张"); a clause asking the ratio
        # may use a gap word for it ("超出比例"), so that clause does not count.
        gap_clauses = [c for c in CLAUSE_CUT.split(rest) if GAP.search(c) and not ROW_RATIO_ASKED.search(c)]
        if gap_clauses if ratio_asked else GAP.search(rest):
            more = actual >= target
            places = max(2, *(-min(0, int(v.as_tuple().exponent)) for v in (actual, target)))  # type: ignore[arg-type]
            pair = (actual, target) if more else (target, actual)
            comp = compute("difference", *pair, places=places)
            names = "完成值 − 指标值" if more else "指标值 − 完成值"
            ev.add(f"{lead}完成值比指标值{'多' if more else '少'}：{names} = {comp.said} = {comp.text}{row.unit}。")
            ev.checks.append(comp.check)

    def _with_budget_figure(self, q: Plan, project: ProjectTable, row: IndicatorRow, ev: Evidence) -> bool:
        """A row worked with the table's own money ("按执行数算这笔费用多少": a share row × 执行数; "比执行数高出
        多少": a row in 万元 less 执行数). True when such a step was added. Read in the question's own words: its
        normalised form may turn a row's "总预算" into a field name."""
        name = re.sub(r"\s", "", fold(row.name))
        rest = _without_name(fold(q.question or q.text), name)
        fields = [
            field
            for field, pattern in PROJECT_FIELDS
            if field in BUDGET_FIELDS and any(m.group() not in name for m in pattern.finditer(rest))
        ]
        actual = _decimal(row.actual)
        money_row = row.unit.strip() in ("万元", "万")
        if not fields and money_row and OWN_SHARE.search(rest):  # "这笔成本占了多少比例": of its project's money
            fields = ["executed"]
        if not fields or actual is None:
            return False
        facts = self.table.project_facts(project.name, BUDGET_FIELDS[fields[0]])
        if not facts:
            return False
        money = facts[0]
        label = {"执行数": "预算执行数", "调整后预算": "调整后预算数", "年初预算": "年初预算"}[money.measure]
        if row.actual.endswith("%") or row.unit.strip() in ("%", "％"):
            comp = formula(f"{show(money).removesuffix(' 万元').removesuffix('万元')} × {actual}%", money,
                           Operand(format(actual, "f"), f"{row.name} 完成值"))  # fmt: skip
            ev.add(f"按{label}算：{label} × {row.name} = {comp.said} = {comp.text} 万元。", self.kit.span(money))
        elif row.unit.strip() in ("万元", "万") and SHARE_ASK.search(rest):  # "占项目执行数的多少"
            comp = compute("share", Operand(format(actual, "f"), f"{row.name} 完成值"), money)
            ev.add(f"{row.name}占{label}（{show(money)}）的比例 = {row.name} ÷ {label} = {comp.said} = {comp.text}。",
                   self.kit.span(money))  # fmt: skip
        elif row.unit.strip() in ("万元", "万") and (GAP.search(rest) or OVER_WORD.search(rest)):
            more = actual >= money.value
            pair = (Operand(format(actual, "f"), f"{row.name} 完成值"), money)
            comp = compute("difference", *(pair if more else pair[::-1]))
            names = f"{row.name} − {label}" if more else f"{label} − {row.name}"
            ev.add(f"{row.name}比{label}{'高' if more else '低'}：{names} = {comp.said} = {comp.text} 万元。",
                   self.kit.span(money))  # fmt: skip
        else:
            return False
        ev.checks.append(comp.check)
        ev.facts.append(money)
        return True

    def rows_answer(self, q: Plan, rows: list[tuple[ProjectTable, IndicatorRow]]) -> Evidence:
        """Every row asked: its 指标值 and 完成值 (and 偏差原因); one row also gets the gap or ratio asked."""
        if len(rows) == 1:
            return self.indicator_answer(q, *rows[0])
        ev = Evidence("answered", "project", q.text)
        owners = list(dict.fromkeys(p.name for p, _ in rows))
        if len(owners) == 1:
            ev.add(f"{owners[0]}绩效自评表中：")
        names = [(p.name, r.name) for p, r in rows]
        repeated = {key for key in names if names.count(key) > 1}
        for key in sorted(repeated, key=names.index):  # "这个指标表里有几处": one name under several groups
            ev.checks.append(count([r.level2 or r.level1 for p, r in rows if (p.name, r.name) == key], "次").check)
            ev.add(f"“{key[1]}”在表中出现 {names.count(key)} 次：")
        scored = bool(SCORE_ASKED.search(q.text)) or bool(repeated)  # "权重各是多少": each row's weight and score
        for i, (project, row) in enumerate(rows[:MAX_ROWS]):
            owner = "" if len(owners) == 1 else f"{project.name}："
            reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
            sep = "；" if i < len(rows[:MAX_ROWS]) - 1 else "。"
            level = f"{row.level2 or row.level1}下的" if (project.name, row.name) in repeated else ""
            ev.add(f"{owner}{level}{indicator_line(row, scored)}{reason}{sep}", self.tables.row_span(row))
            ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        collection = f"indicators:{owners[0]}" if len(owners) == 1 else "indicators"
        ev.found = Found("indicator", collection, tuple(r.name for _, r in rows), tuple(p.name for p, _ in rows))
        if q.says("sum_word"):  # "这两项服务费加起来多少": the rows' values added, when they share a unit
            self._sum_of_rows(rows, ev, row_value_asked(q.text))
        elif len(rows) == 2 and q.says("share_ask"):  # "A占B的比例": the first row's 完成值 over the second's
            self._share_of_rows(rows, ev)
        elif q.says("each"):  # "A和B分别超出目标多少": the gap or ratio asked, worked for every row
            for _, row in rows[:MAX_ROWS]:
                self._worked(q, row, ev, named=True)
        else:  # "A比目标多了多少？B超出目标百分之几？": each row's own clause says what is worked for it
            for _, row in rows[:MAX_ROWS]:
                clause = _clause_of(q.text, row.name)
                if clause:
                    self._worked(q.with_(text=clause, rest=clause), row, ev, named=True)
        return ev

    def _share_of_rows(self, rows: list[tuple[ProjectTable, IndicatorRow]], ev: Evidence) -> None:
        (_, part), (_, whole) = rows
        a, b = _decimal(part.actual), _decimal(whole.actual)
        scale = {_scale(part.unit), _scale(whole.unit)}
        if a is None or not b or len(scale) != 1:  # "万条" over "万次" compares; "条" over "万次" does not
            return
        comp = compute(
            "share", Operand(format(a, "f"), f"{part.name} 完成值"), Operand(format(b, "f"), f"{whole.name} 完成值")
        )
        ev.checks.append(comp.check)
        ev.add(f"{part.name}占{whole.name}的比例 = {comp.said} = {comp.text}。")

    def _sum_of_rows(self, rows: list[tuple[ProjectTable, IndicatorRow]], ev: Evidence, value: str) -> None:
        """The rows' 完成值 (or their 权重, 得分 when asked) added."""
        if value in ("权重", "得分"):
            scores = [(row, row.weight if value == "权重" else row.score) for _, row in rows]
            units = {"分"}
        else:
            value = "完成值"
            scores = [(row, _decimal(row.actual)) for _, row in rows]
            units = {row.unit.replace("万元", "万") for row, _ in scores}
        if len(scores) < 2 or len(units) != 1 or any(v is None for _, v in scores):
            return
        operands = [Operand(format(v, "f"), f"{row.name} {value}") for row, v in scores if v is not None]
        total = compute("sum", *operands)
        ev.checks.append(total.check)
        unit = units.pop()
        unit = " 分" if unit == "分" else "万元" if unit == "万" else unit
        ev.add(f"合计（{value}）{total.said} = {total.text}{unit}。")

    def deducted(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """Every part of the table below its weight (the rows and the 预算执行情况 part), with the points lost."""
        scores = self.table.project_facts(project.name, "自评得分")
        found = deductions(self.kit, project, scores[0] if scores else None)
        lost = [r for r in project.indicators if r.weight is not None and r.score is not None and r.score < r.weight]
        if found is not None:
            found.question = q.text
            found.found = _rows_found(project, lost)
            return found
        ev = Evidence("answered", "project", q.text)
        if not lost:
            scored = [r for r in project.indicators if r.score is not None]
            if not scored:
                return None
            ev.checks.append(count([r.name for r in scored], "项指标").check)
            if scores and found is None:  # the total's gap to full marks, when asked ("比满分差几分")
                gap = compute("difference", Operand(format(FULL_MARKS, "f"), "满分"), scores[0])
                ev.checks.append(gap.check)
                ev.facts.append(scores[0])
                ev.add(f"{project.name}自评得分 {show(scores[0])}，与满分相差 {gap.said} = {gap.text} 分。",
                       self.kit.span(scores[0]))  # fmt: skip
            ev.add(f"{project.name}绩效自评表的 {len(scored)} 项绩效指标都得了满分，没有扣分的指标。")
            span = self.tables.row_span(scored[-1])
            ev.pieces[-1].cites = [span] if span else []
            return ev
        ev.add(f"{project.name}扣分的指标：")
        ev.found = _rows_found(project, lost)
        for row in lost:
            reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
            ev.add(f"{indicator_line(row)}{reason}。", self.tables.row_span(row))
        return ev

    def indicator_anywhere(self, q: Plan) -> Evidence | None:
        """An indicator named without its project ("证照归集数量完成了几成")."""
        rows, _ = self.asked_rows(q, None)
        if rows:
            return self.rows_answer(q, rows)
        # A row is named by its own words: what is asked of it (权重, 得分, 指标) and pointing words do not count.
        terms = [
            t
            for t in self.sentences.terms(q.text)
            if not t.isdigit() and not is_cue(t) and not row_value_asked(t) and t not in STOPWORDS and t not in GENERIC
        ]
        total = sum(len(t) for t in terms) or 1
        # Without a word about indicators the question must name the row almost word for word.
        needed = 0.6 if q.says("indicator_cue") else 0.9
        best = None
        for project in self.report.projects:
            for row in project.indicators:
                score = sum(len(t) for t in terms if t in fold(row.name))
                if score >= 4 and score / total >= needed and (best is None or score > best[0]):
                    best = (score, project)
        if best is None:
            return None
        return self.indicators(q.with_(projects=(best[1].name,)), best[1])


def indicator_line(row: IndicatorRow, scored: bool = False) -> str:
    """A row as an answer says it: its target and result, and its weight and score when `scored`."""
    comparator = "" if row.comparator in ("定性", "") else row.comparator
    numeric = re.search(r"\d$", row.actual) is not None  # "未完成" takes no unit
    actual = row.actual + (row.unit if numeric and not row.actual.endswith(("%", row.unit or "\0")) else "")
    points = ""
    if scored and row.weight is not None and row.score is not None:
        points = f"，权重 {row.weight} 分，得分 {row.score} 分"
    return f"{row.name}（指标值 {comparator}{row.target}{row.unit}，完成值 {actual}{points}）"


def row_value_asked(text: str) -> str:
    """The indicator-row value a question names ("权重加总是多少" → 权重), else "" (the rows' results)."""
    return next((name for name, pattern in ROW_VALUES if pattern.search(text)), "")


def _scale(unit: str) -> str:
    """The multiplier a unit carries ("万条" → 万): two figures compare only at the same scale."""
    return unit.strip()[:1] if unit.strip()[:1] in ("万", "亿", "千", "百") else ""


def _decimal(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None


def _without_name(text: str, name: str) -> str:
    """The question with the words it shares with a row name blanked, so a cue inside the name is not read."""
    for gram in dict.fromkeys(grams(name)):  # in name order: overlapping pairs blank the same way every run
        text = text.replace(gram, "□□")
    return text


def _rows_found(project: ProjectTable, rows: list[IndicatorRow]) -> Found | None:
    """The indicator rows an answer found (a later turn may ask about them: "完成率是多少")."""
    if not rows:
        return None
    return Found("indicator", f"indicators:{project.name}", tuple(r.name for r in rows), (project.name,) * len(rows))


def _clause_of(text: str, name: str) -> str:
    """The one clause of a question that shares the most word pairs with a row's name ("" when none does)."""
    own = set(grams(re.sub(r"\s", "", fold(name))))
    scored = [(len(own & set(grams(c))), c) for c in CLAUSE_CUT.split(text)]
    best = max((n for n, _ in scored), default=0)
    named = [c for n, c in scored if n == best]
    return named[0] if best >= 2 and len(named) == 1 else ""
