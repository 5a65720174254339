"""Planners: from a parsed question to the evidence of its answer (facts, quotes, calculations).

One planner per intent. Each keeps the report's own words (facts' quotes, stated reasons, table fields)
and adds only connective phrases; derived numbers come from the calculator with the formula shown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.calculator import CalculatorError, Computation, compute, evaluate, format_number, round_report
from assistant.citations import Span, locate, sentence_around
from assistant.compose import Evidence
from assistant.intent import COMPARE, PROJECT_MEASURES, Query
from assistant.lookup import FactTable
from assistant.passages import SentenceIndex
from assistant.question import fold
from assistant.records import Check
from assistant.residual import GENERIC
from corpus import Fact, IndicatorRow, ProjectTable, Report

log = logging.getLogger(__name__)

REASON_LEAD = re.compile(r"^(决算数小于预算数的)?(主要变动原因|主要原因|变动原因|原因)(是|为|：|:)?")
BUDGET_WORD = re.compile(r"预算数|预算是多少|预算多少|预算大约|预算约|预算为|的预算|预算$")
GAP_WORD = re.compile(r"没有执行|未执行|没执行|结余|剩余|还剩|还有多少")
COMPLEMENT = re.compile(r"没有|未|以外|之外|其余|剩下|除了")
RATIO_WORD = re.compile(r"几倍|多少倍|倍数|是.{0,16}的几|倍")
AVERAGE = re.compile(r"平均")
FULL_MARKS = re.compile(r"(没|未|不是|没有|不)(拿|得|获得|拿到|达到)?(到)?满分")
FILLED_FIELD = re.compile(
    r"(存在问题|存在的问题|改进措施)[^？?]{0,12}(不是|不为|没有?写|不写|并非|不填|没填)[^？?]{0,4}无"
    r"|(存在问题|存在的问题|改进措施)[^？?]{0,8}(写了|填了|有内容|不为空|非空|有写)"
)
FULL_SCORE = Decimal(100)  # the template's 绩效自评表 weights total 100 points
MONEY = re.compile(r"钱|元|费用|花了|花费|支出|金额|开支|决算数")
PER = re.compile(r"平均每(个)?(批次|人次|辆|个|人|台|次)")
DEDUCT = re.compile(
    r"扣分|失分|没达标|未达标|没有达标|未完成的指标|没完成的指标|哪个指标|指标没(有)?完成|指标未完成|哪些指标没"
)
# Another public body: a place name, then an organisation word at the end of the name.
ORG_NAME = re.compile(
    r"(?:[\u4e00-\u9fa5]{2,4}?(?:省|市|自治区|县)|国家|中央)[\u4e00-\u9fa5]{0,10}?"
    r"(?:局|厅|委员会|办公室|中心|公司|集团|大学|医院)(?=$|[^\u4e00-\u9fa5]|的|是|在|有|年|今|去|\d)"
)
NAMED_PROJECT = re.compile(r"([\u4e00-\u9fa5（）、]{4,})项目")
MAX_ROWS = 20  # indicator rows listed in one answer
ROW_MATCH = 0.6  # share of an indicator name's character pairs a question must contain to name that row
GENERIC_PROJECT = re.compile(r"多少|几|哪|各|所有|这些|那些|个|自评|绩效|全部|每")


def show(fact: Fact) -> str:
    """A fact's figure the way the report prints it, with its unit ("2.81 万元", "111.28%", "4辆")."""
    raw = fact.raw if re.fullmatch(r"[-−]?\d+(?:\.\d+)?%?", fact.raw or "") else format_number(abs(fact.value))
    raw = raw.lstrip("-−")
    if fact.unit == "%" or raw.endswith("%"):
        return raw if raw.endswith("%") else raw + "%"
    if fact.unit in ("万元", "元", "亿元"):
        return f"{raw} {fact.unit}"
    return raw if raw.endswith(fact.unit) else f"{raw}{fact.unit}"


def display(subject: str) -> str:
    """A subject as a reader says it: the 项 name of a 类/款/项 path, else the subject itself."""
    match = re.search(r"（款）(.+（项）)$", subject)
    return match.group(1) if match else subject


class Planner:
    def __init__(self, report: Report, table: FactTable, sentences: SentenceIndex) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.year = report.year
        self._leaders = {p.leader: p for p in report.projects if p.leader}
        self._folded_cache = fold(report.clean_text)
        subjects = {f.subject for f in report.facts} | {f.parent for f in report.facts if f.parent}
        self._names = {s: self._printed(s) for s in subjects}  # built here: ask() only reads

    def name(self, subject: str) -> str:
        """A subject as the report prints it: “三公”经费 keeps its quotes; a 类/款/项 path its 项 name."""
        return self._names.get(subject) or self._printed(subject)

    def _printed(self, subject: str) -> str:
        short = display(subject)
        pattern = "“?" + "[“”]?".join(re.escape(c) for c in short)
        forms = [m.group(0) for m in re.finditer(pattern, self.report.clean_text)]
        quoted = [f for f in forms if "“" in f and f.count("“") == f.count("”")]
        return quoted[0] if quoted else short

    # ------------------------------------------------------------------ helpers
    def span(self, fact: Fact) -> Span | None:
        found = locate(self.report, fact.quote, fact.start)
        if found is None:
            return None
        if found.end - found.start > 160 and fact.raw:
            at = self.report.clean_text.find(fact.raw, found.start, found.end)
            if at != -1:
                return sentence_around(self.report, at, at + len(fact.raw))
        return found

    def phrase(self, fact: Fact, with_subject: bool) -> str:
        name = self.name(fact.subject)
        measure = fact.measure
        value = show(fact)
        prior = f"{fact.year - 1 if fact.year else self.year - 1} 年度"
        if measure in ("决算数", "执行数"):
            verb = "支出" if name.endswith("费") else ("支出决算为" if name.endswith("（项）") else "")
            return f"{name}{verb} {value}" if with_subject else f"{verb or '为'} {value}"
        if measure == "预算完成率":
            return f"{name if with_subject else ''}完成预算 {value}"
        if measure == "比上年增减额":
            if fact.value == 0:
                return f"{name if with_subject else ''}与 {prior}持平"
            word = "增加" if fact.value > 0 else "减少"
            return f"{name if with_subject else ''}比 {prior}{word} {value}"
        if measure == "比上年增减率":
            word = "增长" if fact.value > 0 else "下降"
            return f"{name if with_subject else ''}{word} {value}"
        if measure == "占比":
            whole = self.name(fact.parent) if fact.parent else ""
            return f"{name if with_subject else ''}占{whole} {value}"
        if measure == "数量":
            return f"{name}共 {value}" if with_subject else value
        return f"{name if with_subject else ''}{measure} {value}"

    def group_text(self, facts: Sequence[Fact], ev: Evidence) -> None:
        """One sentence stating a subject's figures (决算数, 完成率, 增减, 占比), citing their quotes."""
        if not facts:
            return
        if any(not re.search(r"\d", f.raw) for f in facts):  # "无…支出": the report's own sentence says it best
            span = self.span(facts[0])
            if span is not None:
                ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
                ev.facts.extend(facts)
                return
        parts: list[str] = []
        counts = [f for f in facts if f.measure == "数量"]
        others = [f for f in facts if f.measure != "数量"]
        if counts:
            parts.append(self.count_clauses(counts))
        for fact in others:
            parts.append(self.phrase(fact, with_subject=not parts))
        spans = [self.span(f) for f in facts]
        ev.add("，".join(parts) + "。", *spans)
        ev.facts.extend(facts)

    def count_clauses(self, counts: Sequence[Fact]) -> str:
        """Counts read best in the report's own clause ("单位共有公务用车 4 辆", "组织对 12 个项目开展绩效自评")."""
        clauses: list[str] = []
        for fact in counts:
            found = locate(self.report, fact.quote, fact.start)
            clause = _clause(self.report.clean_text[found.start : found.end], fact.raw) if found else ""
            if not clause:
                return f"{self.name(counts[0].subject)}共 " + "、".join(show(f) for f in counts)
            if clause not in clauses:
                clauses.append(clause)
        return "，".join(CJK_DIGIT_GAP.sub("", c) for c in clauses)

    def reason_span(self, fact: Fact) -> tuple[str, Span | None]:
        reason = (fact.reason or "").strip()
        found = locate(self.report, reason, max(0, fact.start - 200))
        text = REASON_LEAD.sub("", reason).strip(" ：:，,。")
        if found is None:
            return text, None
        return text, sentence_around(self.report, found.start, found.end)

    def not_found(self, q: Query, what: str) -> Evidence:
        """報告中没有找到…, with the nearest sections by heading and never a figure."""
        ev = Evidence("not_found", "not_found", q.text)
        ev.add(f"报告中没有找到{_no_digits(what)}。")
        headings = []
        for section_id in self.sentences.near_sections(q.text):
            title = _no_digits(self.report.section(section_id).title)
            if title and title not in headings:
                headings.append(title)
        if headings:
            # 《…》, not “…”: headings such as “三公”经费… carry quotes of their own.
            ev.add("可以看看这些相关章节：" + "、".join(f"《{h}》" for h in headings) + "。")
        return ev

    def project(self, name: str) -> ProjectTable | None:
        return self.table.projects.get(name)

    # ------------------------------------------------------------------ gatekeeping
    def out_of_scope(self, q: Query, raw: str) -> Evidence | None:
        """Another year, another body, or a project the report has no table for."""
        for year in q.years:
            if year not in (self.year, self.year - 1) and not re.search(rf"{year}\s*年\s*\d+\s*月", raw):
                return self.not_found(q, "所问年度的数据：这份报告只说明本年度的决算，以及与上一年度的比较")
        if re.search(r"明年|后年|下一年|下年度|今后|未来|将来|打算|计划", q.text):
            return self.not_found(q, "今后年度的安排：这份报告只说明已经发生的决算情况")
        body = fold(self.report.body)
        for match in ORG_NAME.finditer(q.text):
            org = match.group(0)
            if org not in body and body not in org and org not in self._folded_text:
                return self.not_found(q, f"关于“{org}”的内容：这份报告是{self.report.body}的{self.report.kind}")
        if (not q.projects and q.project_field in PROJECT_MEASURES) or (not q.projects and q.project_field == "budget"):
            # A "…项目" phrase the report itself uses ("省级预算安排的信息化项目") is not an unknown project.
            named = [
                m
                for m in NAMED_PROJECT.findall(q.text)
                if not GENERIC_PROJECT.search(m) and m + "项目" not in self._folded_text
            ]
            if named and not q.subjects:
                return self.not_found(q, f"“{named[0]}”项目的绩效自评表")
        return None

    @property
    def _folded_text(self) -> str:
        return self._folded_cache

    # ------------------------------------------------------------------ figure
    def figure(self, q: Query) -> Evidence | None:
        ev = Evidence("answered", "figure", q.text)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        if q.year and q.year == self.year - 1 and not q.measure.startswith("比上年"):
            return self.prior_year(q)
        seen: set[str] = set()
        for subject in subjects:
            primary = self._primary(subject, q)
            if primary is None:
                continue
            group = [f for f in self.table.group(primary) if f.id not in seen]
            seen.update(f.id for f in group)
            self.group_text(group, ev)
        return ev if ev.pieces else None

    def _primary(self, subject: str, q: Query) -> Fact | None:
        measure = q.measure or "决算数"
        unit = q.unit_hint if measure == "数量" else ""
        facts = self.table.find(subject, measure, unit=unit)
        if not facts and measure == "数量" and unit:
            facts = self.table.find(subject, measure)
        if not facts:
            facts = self.table.related(subject, measure, unit)
        if not facts and not q.measure:
            facts = self.table.find(subject)
        if not facts and measure.startswith("比上年增减"):
            other = "比上年增减额" if measure.endswith("率") else "比上年增减率"
            facts = self.table.find(subject, other)
        return self.table.best(facts, subject)

    # ------------------------------------------------------------------ reason
    def reason(self, q: Query) -> Evidence | None:
        ev = Evidence("answered", "reason", q.text)
        if q.projects:
            return self.project_reason(q, self.project(q.projects[0]))
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        if not subjects:
            return self._all_shortfalls(q)
        for subject in subjects:
            fact = self._reason_fact(subject, q)
            if fact is None:
                continue
            group = self.table.group(fact)
            # Show the figures the reason explains: the change, or the budget shortfall, not both.
            about_budget = bool(re.search(r"小于预算|大于预算|完成预算", (fact.reason or "")[:20]))
            if about_budget or q.measure == "预算完成率":
                group = [f for f in group if not f.measure.startswith("比上年")]
            else:
                group = [f for f in group if f.measure != "预算完成率"]
            self.group_text(group, ev)
            text, span = self.reason_span(fact)
            lead = "主要原因：" if re.match(r"一是|一、|1[.、]", text) else "主要原因是"
            ev.add(f"{lead}{_space_before_digit(text)}。", span)
        return ev if ev.pieces else None

    def _reason_fact(self, subject: str, q: Query) -> Fact | None:
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

    def _all_shortfalls(self, q: Query) -> Evidence | None:
        """ "为什么没有完成预算" with no subject: every item below budget, with its stated reason."""
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
            text, span = self.reason_span(fact)
            ev.add(f"{self.name(fact.subject)}完成预算 {show(fact)}，主要原因是{text}；", self.span(fact), span)
            ev.facts.append(fact)
        ev.pieces[-1].text = ev.pieces[-1].text.rstrip("；") + "。"
        return ev

    # ------------------------------------------------------------------ derived
    def derived(self, q: Query) -> Evidence | None:
        if q.all_projects:
            return self.across_projects(q)
        if q.year and q.year == self.year - 1:
            return self.prior_year(q)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        op = q.operation
        if op in ("max", "min"):
            return self.extreme_children(q, subjects)
        if op == "share" and len(subjects) >= 2:
            return self.share(q, subjects[0], subjects[1])
        if op == "difference" and len(subjects) >= 2:
            return self.binary(q, "difference", subjects[0], subjects[1])
        if op == "sum" and len(subjects) >= 2:
            return self.sum_of(q, subjects)
        return None

    def _value_fact(self, subject: str, q: Query) -> Fact | None:
        measure = q.measure if q.measure in ("数量",) else "决算数"
        facts = self.table.find(subject, measure, unit=q.unit_hint if measure == "数量" else "")
        if not facts:
            facts = self.table.related(subject, measure)
        return self.table.best(facts, subject)

    def prior_year(self, q: Query) -> Evidence | None:
        ev = Evidence("answered", "derived", q.text)
        for subject in q.subjects or tuple(s for g in q.ambiguous for s in g):
            stated = self.table.find(subject, q.measure or "决算数", year=self.year - 1)
            if stated:
                self.group_text([stated[0]], ev)
                continue
            change = self.table.best(self.table.find(subject, "比上年增减额"), subject)
            if change is None:
                continue
            current = [f for f in self.table.group(change) if f.measure == "决算数"]
            value = current[0] if current else self.table.best(self.table.find(subject, "决算数"), subject)
            if value is None:
                continue
            try:
                comp = compute("prior_year", value, change)
            except CalculatorError:
                log.exception("prior_year failed")
                continue
            self.group_text([f for f in (value, change) if f], ev)
            unit = value.unit
            ev.add(
                f"据此推算：{self.year - 1} 年{self.name(subject)} = {comp.expression} = "
                f"{format_number(comp.value)} {unit}。"
            )
            ev.checks.append(comp.check)
        return ev if ev.pieces else None

    def budget_of(self, q: Query) -> Evidence | None:
        """决算数 ÷ 完成预算% = the budget the report implies (it never states budgets of items)."""
        ev = Evidence("answered", "derived", q.text)
        for subject in q.subjects or tuple(s for g in q.ambiguous for s in g):
            rate = self.table.best(self.table.find(subject, "预算完成率"), subject)
            if rate is None:
                rate = self.table.best(self.table.related(subject, "预算完成率"), subject)
            if rate is None or rate.value == 0:
                continue
            values = [f for f in self.table.group(rate) if f.measure == "决算数"]
            if not values:
                continue
            value = values[0]
            expression = f"{format_number(value.value)} ÷ {show(rate)}"
            budget = round_report(evaluate(expression))
            ev.facts.extend([value, rate])
            ev.add(f"{self.phrase(value, True)}，{self.phrase(rate, False)}。", self.span(value), self.span(rate))
            ev.add(f"据此推算，预算数约为 {expression} = {format_number(budget)} {value.unit}。")
            ev.checks.append(Check(expression, format_number(budget), True, [value.id, rate.id]))
            if GAP_WORD.search(q.text) or re.search(r"相差|差多少|差额", q.text):
                gap_expr = f"{format_number(budget)} − {format_number(value.value)}"
                gap = round_report(evaluate(gap_expr.replace("−", "-")))
                ev.add(f"预算数与决算数相差 {gap_expr} = {format_number(gap)} {value.unit}。")
                ev.checks.append(Check(gap_expr, format_number(gap), True, [value.id, rate.id]))
        return ev if ev.pieces else None

    def share(self, q: Query, part: str, whole: str) -> Evidence | None:
        a, b = self._value_fact(part, q), self._value_fact(whole, q)
        if a is None or b is None:
            return None
        a, b = (a, b) if abs(a.value) <= abs(b.value) else (b, a)
        stated = [f for f in self.table.find(a.subject, "占比") if f.parent == b.subject]
        ev = Evidence("answered", "derived", q.text)
        comp = compute("share", a, b)
        ev.checks.append(comp.check)
        if stated:  # the report states it: say so, and show the calculator agrees
            ev.add(f"{self.phrase(stated[0], True)}。", self.span(stated[0]))
            ev.facts.extend([stated[0], a, b])
            agrees = "一致" if comp.value == stated[0].value else "略有出入（报告为四舍五入后的数）"
            ev.add(f"（核算：{comp.expression} = {comp.text}，{agrees}）")
            return ev
        self.group_text([a], ev)
        self.group_text([b], ev)
        ev.add(f"{self.name(a.subject)}占{self.name(b.subject)}的比例 = {comp.expression} = {comp.text}。")
        return ev

    def binary(self, q: Query, kind: str, first: str, second: str) -> Evidence | None:
        a, b = self._value_fact(first, q), self._value_fact(second, q)
        if a is None or b is None:
            return None
        if kind == "difference" and a.value < b.value:  # "A 比 B 少多少" and "没有授予…的" both want a positive gap
            a, b = b, a
        comp = compute(kind, a, b)
        ev = Evidence("answered", "derived", q.text)
        self.group_text([a], ev)
        self.group_text([b], ev)
        if kind == "difference":
            names = f"{self.name(a.subject)} − {self.name(b.subject)}"
            ev.add(f"两者相差 {names} = {comp.expression} = {comp.text} {a.unit}。")
        else:
            ev.add(f"{self.name(a.subject)}是{self.name(b.subject)}的 {comp.expression} = {comp.text} 倍。")
        ev.checks.append(comp.check)
        return ev

    def sum_of(self, q: Query, subjects: list[str]) -> Evidence | None:
        facts = [f for f in (self._value_fact(s, q) for s in subjects) if f is not None]
        if len(facts) < 2:
            return None
        comp = compute("sum", *facts)
        ev = Evidence("answered", "derived", q.text)
        for fact in facts:
            self.group_text([fact], ev)
        ev.add(f"合计 {comp.expression} = {comp.text} {facts[0].unit}。")
        ev.checks.append(comp.check)
        return ev

    def per_unit(self, q: Query) -> Evidence | None:
        """ "平均每批次多少人次": one count of a subject divided by another of the same subject."""
        match = PER.search(q.text)
        if not match:
            return None
        per = match.group(2)
        for subject in q.named:
            counts = self.table.find(subject, "数量") or self.table.related(subject, "数量")
            by_unit = {f.unit: f for f in counts}
            denominator = by_unit.get(per)
            numerators = [f for u, f in by_unit.items() if u != per]
            if denominator is None or not numerators or denominator.value == 0:
                continue
            if MONEY.search(q.text):
                found = self._amount_per(q, subject, denominator, per)
                if found is not None:
                    return found
                continue
            numerator = numerators[0]
            comp = compute("ratio", numerator, denominator)
            ev = Evidence("answered", "derived", q.text)
            self.group_text([denominator, numerator], ev)
            ev.add(f"平均每{per} = {comp.expression} = {format_number(comp.value)} {numerator.unit}。")
            ev.checks.append(comp.check)
            return ev
        return None

    def _amount_per(self, q: Query, subject: str, count: Fact, per: str) -> Evidence | None:
        """ "平均每人次花了多少钱": the subject's amount ÷ the count (in 元 when asked), never count ÷ count."""
        amounts = [f for f in self.table.group(count) if f.measure == "决算数"]
        amount = amounts[0] if amounts else self.table.best(self.table.find(subject, "决算数"), subject)
        if amount is None:
            return None
        in_yuan = amount.unit == "万元" and re.search(r"(?<!万)元", q.text) is not None
        scale = " × 10000" if in_yuan else ""
        expression = f"{format_number(amount.value)}{scale} ÷ {format_number(count.value)}"
        exact = evaluate(expression)
        # A per-head cost in 万元 is often below 0.01: keep enough decimals to say something.
        places = 2 if in_yuan or abs(exact) >= 1 else 4
        result = round_report(exact, places)
        unit = "元" if in_yuan else amount.unit
        ev = Evidence("answered", "derived", q.text)
        self.group_text([amount], ev)
        self.group_text([count], ev)
        yuan_value = (amount.value * 10000).quantize(Decimal(1)) if in_yuan else amount.value
        shown = f"{format_number(amount.value)} 万元 = {format_number(yuan_value)} 元，" if in_yuan else ""
        ev.add(f"{shown}平均每{per} = {expression} = {format_number(result, places)} {unit}。")
        ev.checks.append(Check(expression, format_number(result, places), True, [amount.id, count.id]))
        if in_yuan:
            yuan = f"{format_number(amount.value)} × 10000"
            ev.checks.append(Check(yuan, format_number(yuan_value), True, [amount.id]))
        return ev

    def ratio(self, q: Query) -> Evidence | None:
        subjects = list(q.subjects)
        if len(subjects) < 2:
            return None
        return self.binary(q, "ratio", subjects[0], subjects[1])

    def extreme_children(self, q: Query, subjects: list[str]) -> Evidence | None:
        """ "三公经费中哪项最多": the largest/smallest part of a stated total."""
        for subject in subjects:
            parts = self.table.children(subject)
            if len(parts) < 2:
                continue
            comp = compute(q.operation, *parts)
            winners = [f for f in parts if f.value == comp.value]
            word = "最多" if q.operation == "max" else "最少"
            ev = Evidence("answered", "derived", q.text)
            names = "、".join(self.name(f.subject) for f in winners)
            ev.add(f"{self.name(subject)}的各项中，{word}的是{names}：")
            for fact in winners:
                self.group_text([fact], ev)
            ev.add(f"（比较 {comp.expression} = {comp.text}）")
            ev.checks.append(comp.check)
            return ev
        return None

    # ------------------------------------------------------------------ projects
    def _project_field(self, q: Query) -> str:
        field = q.project_field
        if field == "budget" and BUDGET_WORD.search(q.text) is None and "执行" in q.text:
            return "executed"
        return field

    def across_projects(self, q: Query) -> Evidence | None:
        """Highest/lowest/sum/average over every 绩效自评表 (执行率, 自评得分, 预算, 执行数)."""
        field = self._project_field(q) or "execution_rate"
        if field == "budget":
            field = "initial_budget" if "年初" in q.text else "adjusted_budget"
        measure = PROJECT_MEASURES.get(field)
        if measure is None:
            return None
        facts = []
        for project in self.report.projects:
            found = self.table.project_facts(project.name, measure)
            if found:
                facts.append(found[0])
        if len(facts) < 2:
            return None
        label = {"execution_rate": "预算执行率", "self_score": "自评得分", "initial_budget": "年初预算",
                 "adjusted_budget": "调整后预算", "executed": "预算执行数"}[field]  # fmt: skip
        ev = Evidence("answered", "derived", q.text)
        n = len(facts)
        if q.operation == "filter":
            return self._threshold(q, facts, label, ev)
        if q.operation == "avg":
            total = compute("sum", *facts)
            expression = f"({total.expression}) ÷ {n}"
            mean = round_report(evaluate(expression))
            ev.checks.append(_count_check(facts))
            ev.add(f"{n} 个绩效自评项目的{label}平均为 {expression} = {format_number(mean)}。", *self._spans(facts))
            ev.checks.extend([total.check, Check(expression, format_number(mean), True, [f.id for f in facts])])
            ev.facts.extend(facts)
            return ev
        if q.operation == "sum":
            comp = compute("sum", *facts)
            ev.checks.append(_count_check(facts))
            ev.add(f"{n} 个绩效自评项目的{label}合计 {comp.expression} = {comp.text} 万元。", *self._spans(facts))
            ev.checks.append(comp.check)
            ev.facts.extend(facts)
            return ev
        comp = compute(q.operation, *facts)
        winners = [f for f in facts if f.value == comp.value]
        word = "最高" if q.operation == "max" else "最低"
        if field in ("initial_budget", "adjusted_budget", "executed"):
            word = "最多" if q.operation == "max" else "最少"
        names = "、".join(f.scope for f in winners)
        ev.checks.append(_count_check(facts))
        ev.add(
            f"{n} 个绩效自评项目中，{label}{word}的是{names}，为 {show(winners[0])}。", *(self.span(f) for f in winners)
        )
        ev.add(f"（比较 {comp.expression} = {comp.text}）")
        ev.facts.extend(facts)
        ev.checks.append(comp.check)
        return ev

    def filter_projects(self, q: Query) -> Evidence | None:
        """ "没拿满分的是哪几个" / "存在问题不是写无的是哪个": the project tables that meet a condition, each cited."""
        projects = self.report.projects
        if not projects:
            return None
        ev = Evidence("answered", "list", q.text)
        ev.checks.append(_count_names(projects))
        if FULL_MARKS.search(q.text):
            scores = [(p, f) for p in projects for f in self.table.project_facts(p.name, "自评得分")[:1]]
            if not scores:
                return None
            picked = [(p, f) for p, f in scores if f.value < FULL_SCORE]
            if not picked:
                ev.add(f"{len(projects)} 个绩效自评项目的自评得分都是 {show(scores[0][1])}。", self.span(scores[0][1]))
                return ev
            ev.checks.append(_count_names([p for p, _ in picked]))
            ev.add(f"{len(projects)} 个绩效自评项目中，自评得分不是满分的有 {len(picked)} 个：")
            for i, (project, fact) in enumerate(picked):
                value = show(fact) + ("" if show(fact).endswith("分") else " 分")
                ev.add(f"{project.name}（自评得分 {value}）", self.span(fact))
                ev.add("；" if i < len(picked) - 1 else "。")
                ev.facts.append(fact)
            return ev
        match = FILLED_FIELD.search(q.text)
        if match is None:
            return None
        field = "problems" if "问题" in (match.group(1) or match.group(3)) else "improvements"
        label = "存在问题" if field == "problems" else "改进措施"
        filled = [p for p in projects if getattr(p, field).strip() not in ("", "无")]
        if not filled:
            ev.add(f"{len(projects)} 张绩效自评表的“{label}”一栏都填写为“无”。")
            ev.pieces[-1].cites = [s for s in [self._field_span(projects[0], label)] if s]
            return ev
        ev.checks.append(_count_names(filled))
        ev.add(f"{len(projects)} 张绩效自评表中，“{label}”一栏不是“无”的有 {len(filled)} 个项目：")
        for project in filled:
            value = getattr(project, field)
            ev.add(f"{project.name}：{_one_line(value).rstrip('。')}。", self._field_span(project, value))
        return ev

    def _threshold(self, q: Query, facts: list[Fact], label: str, ev: Evidence) -> Evidence | None:
        match = COMPARE.search(q.text)
        if match is None:
            return None
        word, limit = match.group(1), Decimal(match.group(2))
        above = word in ("高于", "超过", "大于", "多于")
        picked = [f for f in facts if (f.value > limit if above else f.value < limit)]
        ev.checks.append(_count_check(facts))
        ev.facts.extend(facts)
        n = len(facts)
        bound = match.group(2) + (match.group(3) or "")
        if not picked:
            ev.add(f"{n} 个绩效自评项目中，没有{label}{word} {bound} 的项目。")
            return ev
        ev.checks.append(Check(f"count({'、'.join(f.scope for f in picked)})", str(len(picked)), True, []))
        ev.add(f"{n} 个绩效自评项目中，{label}{word} {bound} 的有 {len(picked)} 个：")
        for i, fact in enumerate(picked):
            ev.add(f"{fact.scope}（{show(fact)}）", self.span(fact))
            ev.add("、" if i < len(picked) - 1 else "。")
        return ev

    def projects_of_person(self, q: Query) -> Evidence | None:
        """ "唐为之负责哪些项目": the tables that name a person as 项目负责人 or 财务负责人."""
        for person in {p.leader for p in self.report.projects} | {p.finance_leader for p in self.report.projects}:
            if person and fold(person) in q.text:
                ev = Evidence("answered", "project", q.text)
                led = [p for p in self.report.projects if p.leader == person]
                finance = [p for p in self.report.projects if p.finance_leader == person]
                if led:
                    ev.checks.append(_count_names(led))
                    ev.add(f"{person}是以下 {len(led)} 个项目的项目负责人：")
                    ev.add("、".join(p.name for p in led) + "。", *(self._signature(p) for p in led))
                if finance:
                    ev.checks.append(_count_names(finance))
                    ev.add(f"{person}是 {len(finance)} 个项目的财务负责人。", self._signature(finance[0]))
                return ev
        return None

    def _spans(self, facts: Sequence[Fact]) -> list[Span]:
        return list(dict.fromkeys(s for s in (self.span(f) for f in facts) if s is not None))

    def _signature(self, project: ProjectTable) -> Span | None:
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        at = text.find("项目负责人", section.start, section.end)
        if at == -1 and project.leader:
            # PDF extraction sometimes moves a table's last line into the next table: find it by its name.
            at = text.find(f"项目负责人：{project.leader}")
        if at == -1:
            return None
        section = self.report.section_at(at)
        end = text.find("\n", at, section.end)
        return Span(at, end if end != -1 else section.end)

    def _field_span(self, project: ProjectTable, value: str) -> Span | None:
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        value = value.strip()
        if not value:
            return None
        # A table cell wraps its text over lines ("存在\n问题"): match across them.
        found = _find_loose(text, value, section.start, section.end)
        if found is not None:
            return found
        first = value.split("\n")[0][:40]
        found = _find_loose(text, first, section.start, section.end)
        return sentence_around(self.report, found.start, found.end) if found is not None else None

    def project_answer(self, q: Query) -> Evidence | None:
        project = self.project(q.projects[0]) if q.projects else None
        if project is None:
            if q.project_field in ("leader", "finance_leader"):
                return self.leaders_overall(q)
            return None
        field = self._project_field(q)
        ev = Evidence("answered", "project", q.text)
        if DEDUCT.search(q.text):
            return self.deducted(q, project)
        if field in ("leader", "finance_leader"):
            span = self._signature(project)
            finance = f"，财务负责人是{project.finance_leader}" if project.finance_leader else ""
            if field == "finance_leader":
                ev.add(f"{project.name}的财务负责人是{project.finance_leader or '（未填写）'}。", span)
            else:
                ev.add(f"{project.name}的项目负责人是{project.leader or '（未填写）'}{finance}。", span)
            return ev
        if field in ("problems", "improvements", "conclusion", "goal"):
            label = {"problems": "存在问题", "improvements": "改进措施", "conclusion": "评价结论",
                     "goal": "年度目标完成情况"}[field]  # fmt: skip
            value = {"problems": project.problems, "improvements": project.improvements,
                     "conclusion": project.conclusion, "goal": project.goal_result or project.goal}[field]  # fmt: skip
            if not value.strip():
                return None
            if value.strip() == "无":
                ev.add(f"{project.name}绩效自评表的“{label}”一栏填写为“无”。", self._field_span(project, label))
                return ev
            ev.add(f"{project.name}的{label}：{_one_line(value)}", self._field_span(project, value))
            if not ev.pieces[-1].text.endswith("。"):
                ev.pieces[-1].text += "。"
            return ev
        if field == "indicators":
            return self.indicators(q, project)
        if field in PROJECT_MEASURES or field == "budget":
            return self.project_figures(q, project, field)
        return None

    def project_code(self, q: Query, project: ProjectTable) -> Evidence | None:
        """The project's code as printed in its 项目名称 line (code-name)."""
        if not project.code:
            return None
        section = self.report.section(project.section_id)
        at = self.report.clean_text.find(project.code, section.start, section.end)
        span = sentence_around(self.report, at, at + len(project.code)) if at != -1 else None
        ev = Evidence("answered", "project", q.text)
        ev.add(f"{project.name}绩效自评表上的项目编号是 {project.code}。", span)
        return ev

    def project_figures(self, q: Query, project: ProjectTable, field: str) -> Evidence | None:
        ev = Evidence("answered", "project_figures", q.text)
        facts = self.table.project_facts(project.name)
        by_measure = {f.measure: f for f in reversed(facts)}
        if field == "budget" or field in ("initial_budget", "adjusted_budget", "executed", "execution_rate"):
            wanted = ["年初预算", "调整后预算", "执行数", "执行率"]
            if field != "budget" and field != "execution_rate":
                first = PROJECT_MEASURES[field]
                wanted = [first] + [m for m in wanted if m != first]
        else:
            wanted = [PROJECT_MEASURES[field]]
        shown = [by_measure[m] for m in wanted if m in by_measure]
        if not shown:
            return None
        labels = {"年初预算": "年初预算", "调整后预算": "调整后预算数", "执行数": "预算执行数", "执行率": "预算执行率",
                  "自评得分": "自评得分"}  # fmt: skip
        parts = []
        for fact in shown:
            value = show(fact)
            if fact.measure == "自评得分" and not value.endswith("分"):
                value += " 分"
            parts.append(f"{labels.get(fact.measure, fact.measure)} {value}")
        spans = list(dict.fromkeys(s for s in (self.span(f) for f in shown) if s))
        ev.add(f"{project.name}：" + "，".join(parts) + "。", *spans)
        ev.facts.extend(shown)
        executed, adjusted = by_measure.get("执行数"), by_measure.get("调整后预算")
        if executed and adjusted and adjusted.value and "执行率" in [f.measure for f in shown]:
            comp = compute("execution_rate", executed, adjusted)
            ev.checks.append(comp.check)
            ev.add(f"（核算：预算执行率 = {comp.expression} = {comp.text}）")
        if executed and adjusted and GAP_WORD.search(q.text):
            comp = compute("difference", adjusted, executed)
            ev.checks.append(comp.check)
            ev.add(f"尚未执行的预算 = 调整后预算数 − 预算执行数 = {comp.expression} = {comp.text} 万元。")
        return ev

    def leaders_overall(self, q: Query) -> Evidence | None:
        field = q.project_field
        people: dict[str, list[ProjectTable]] = {}
        for project in self.report.projects:
            person = project.finance_leader if field == "finance_leader" else project.leader
            if person:
                people.setdefault(person, []).append(project)
        if not people:
            return None
        label = "财务负责人" if field == "finance_leader" else "项目负责人"
        ev = Evidence("answered", "project", q.text)
        total = len(self.report.projects)
        for person, projects in people.items():
            if len(projects) == total:
                ev.checks.append(_count_names(projects))
                ev.add(f"{total} 张绩效自评表的{label}都是{person}。", self._signature(projects[0]))
            else:
                ev.add(f"{person}：" + "、".join(p.name for p in projects) + "；", self._signature(projects[0]))
        return ev

    def indicators(self, q: Query, project: ProjectTable) -> Evidence | None:
        rows = list(project.indicators)
        if not rows:
            return None
        picked = self._matching_rows(q, rows) or rows
        ev = Evidence("answered", "project", q.text)
        if len(picked) == len(rows):
            ev.checks.append(Check(f"count({len(rows)} 项指标)", str(len(rows)), True, []))
        ev.add(f"{project.name}的绩效指标" + ("" if len(picked) < len(rows) else f"（共 {len(rows)} 项）") + "：")
        for row in picked[:MAX_ROWS]:
            ev.add(_indicator_line(row), self._row_span(row))
        facts = [f for f in self.table.project_facts(project.name) if f.measure in ("完成值", "指标值")]
        ev.facts.extend(facts)
        self._indicator_checks(picked, ev, facts)
        return ev

    def _indicator_checks(self, rows: list[IndicatorRow], ev: Evidence, facts: list[Fact]) -> None:
        if not re.search(r"比例|完成率|完成比例|百分", ev.question):
            return
        for row in rows[:1]:
            actual = _decimal(row.actual)
            target = _decimal(row.target)
            if actual is None or not target:
                continue
            comp = compute("share", actual, target)
            ids = [f.id for f in facts if row.name in f.subject]
            ev.checks.append(Check(comp.check.expression, comp.check.result, True, ids))
            ev.add(f"完成比例 = 完成值 ÷ 指标值 = {comp.expression} = {comp.text}。")

    def _matching_rows(self, q: Query, rows: list[IndicatorRow]) -> list[IndicatorRow]:
        # The project's own name says nothing about which of its rows is meant.
        terms = [t for t in self.sentences.terms((q.rest or q.text).replace("□", " ")) if len(t) >= 2]
        if not terms:
            return []
        scored = []
        for row in rows:
            name = fold(row.name + row.level2)
            hit = sum(len(t) for t in terms if t in name)
            if hit:
                scored.append((hit, row))
        if not scored:
            return []
        top = max(h for h, _ in scored)
        return [r for h, r in scored if h == top]

    def _row_span(self, row: IndicatorRow) -> Span | None:
        return locate(self.report, row.quote, row.start)

    def best_row(self, q: Query, project: ProjectTable) -> IndicatorRow | None:
        """The indicator row the question names, by shared character pairs with the question's rest.

        Character pairs, not words: "服务企业数量实际完成了多少" names 服务企业数量 whatever jieba makes of it."""
        rest = re.sub(r"[□\W_]", "", _without_longest_name(q, project.name))
        best: tuple[float, int, IndicatorRow] | None = None
        for row in project.indicators:
            name = re.sub(r"[\W_]", "", fold(row.name))
            pairs = {name[i : i + 2] for i in range(len(name) - 1)}
            if not pairs:
                continue
            hit = sum(1 for pair in pairs if pair in rest)
            ratio = hit / len(pairs)
            if hit >= 2 and ratio >= ROW_MATCH and (best is None or (ratio, hit) > best[:2]):
                best = (ratio, hit, row)
        if best is None:
            return None
        # The row must be most of what is asked: "交换节点？接入了多少省直部门？" asks more than one row.
        terms = [t for t in self.sentences.terms(rest) if t not in GENERIC and not t.isdigit()]
        name = fold(best[2].name)
        total = sum(len(t) for t in terms) or 1
        return best[2] if sum(len(t) for t in terms if t in name) / total >= ROW_MATCH else None

    def indicator_answer(self, q: Query, project: ProjectTable, row: IndicatorRow) -> Evidence:
        """One indicator row: its target and actual, and the ratio or gap the question asks for."""
        ev = Evidence("answered", "project", q.text)
        ev.add(f"{project.name}绩效自评表中，{_indicator_line(row)}。", self._row_span(row))
        ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        actual, target = _decimal(row.actual), _decimal(row.target)
        if actual is None or not target:
            return ev
        rest = q.rest or q.text
        if re.search(r"百分之|百分比|比例|完成率|%|几成", rest):
            over = re.search(r"超出|超过|超额|多出|高出|多了|超了", rest)
            kind = "growth_rate" if over else "share"
            comp = compute(kind, actual, target)
            label = "超出比例 = (完成值 − 指标值) ÷ 指标值" if over else "完成比例 = 完成值 ÷ 指标值"
            ev.add(f"{label} = {comp.expression} = {comp.text}。")
            ev.checks.append(comp.check)
        elif re.search(r"多出|超出|超过|相差|差多少|差了|多多少|少多少|差距|差额", rest):
            comp = compute("difference", actual, target)
            ev.add(f"完成值比指标值多 {comp.expression} = {comp.text}{row.unit}。")
            ev.checks.append(comp.check)
        return ev

    def deducted(self, q: Query, project: ProjectTable) -> Evidence | None:
        lost = [r for r in project.indicators if r.weight is not None and r.score is not None and r.score < r.weight]
        ev = Evidence("answered", "project", q.text)
        if not lost:
            scored = [r for r in project.indicators if r.score is not None]
            if not scored:
                return None
            ev.checks.append(Check(f"count({len(scored)} 项指标)", str(len(scored)), True, []))
            ev.add(f"{project.name}绩效自评表的 {len(scored)} 项绩效指标都得了满分，没有扣分的指标。")
            span = self._row_span(scored[-1])
            ev.pieces[-1].cites = [span] if span else []
            return ev
        ev.add(f"{project.name}扣分的指标：")
        for row in lost:
            reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
            ev.add(f"{_indicator_line(row)}{reason}。", self._row_span(row))
        return ev

    def project_reason(self, q: Query, project: ProjectTable | None) -> Evidence | None:
        if project is None:
            return None
        ev = Evidence("answered", "reason", q.text)
        rows = self._matching_rows(q, list(project.indicators))
        rows = [r for r in rows if r.shortfall_reason] or [r for r in project.indicators if r.shortfall_reason]
        named_row = bool(self._matching_rows(q, list(project.indicators)))
        facts = [f for f in self.table.project_facts(project.name) if f.reason]
        if facts and (not named_row or "执行" in q.text):
            fact = facts[0]
            text, span = self.reason_span(fact)
            ev.add(f"{project.name}{self.phrase(fact, False) if fact.measure != '执行率' else ''}", self.span(fact))
            ev.pieces[-1].text = f"{project.name}预算执行率 {show(fact)}。" if fact.measure == "执行率" else ""
            ev.add(f"原因：{text}。", span)
            ev.facts.append(fact)
            return ev
        if rows:
            for row in rows[:3]:
                reason = _one_line(row.shortfall_reason).rstrip("。")
                ev.add(f"{_indicator_line(row)}，未完成原因：{reason}。", self._row_span(row))
            return ev
        return self.project_passages(q, project, extra="原因")

    def project_passages(self, q: Query, project: ProjectTable, extra: str = "") -> Evidence | None:
        # Inside the project's own table its name says nothing: score on the rest of the question.
        text = (q.rest or q.text).replace("项目", " ") + extra
        found = self.sentences.best(text, section_ids={project.section_id})
        if not found:
            return None
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        for item in found:
            span = _whole_sentence(self.report.clean_text, item.sentence.span)
            text = _one_line(self.report.clean_text[span.start : span.end])
            ev.add(re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])", "", text), span)
        return ev

    def project_summary(self, q: Query, project: ProjectTable) -> Evidence | None:
        ev = self.project_figures(q, project, "budget")
        score = [f for f in self.table.project_facts(project.name, "自评得分")]
        if ev is None:
            return None
        if score:
            ev.add(f"自评得分 {show(score[0])}{'' if show(score[0]).endswith('分') else ' 分'}。", self.span(score[0]))
            ev.facts.append(score[0])
        return ev


def _whole_sentence(text: str, span: Span, limit: int = 160) -> Span:
    """A table window cut mid-sentence ("合同服务期是…8月26日" | "到2023年8月25日") runs on to its 。."""
    if text[span.start : span.end].rstrip().endswith(("。", "；", "！", "？")):
        return span
    stop = text.find("。", span.end, span.end + limit)
    return Span(span.start, stop + 1) if stop != -1 else span


def _without_longest_name(q: Query, name: str) -> str:
    """The question with only its longest mention of the project blanked (a second mention may be a row's words)."""
    mentions = [m for m in q.matches if m.kind == "project" and name in m.targets]
    if not mentions:
        return q.rest or q.text
    longest = max(mentions, key=lambda m: m.end - m.start)
    return q.text[: longest.start] + "□" * (longest.end - longest.start) + q.text[longest.end :]


def _count_check(facts: Sequence[Fact]) -> Check:
    """How many figures were compared: a count is a calculation too, and is shown as one."""
    return Check(f"count({len(facts)} 项)", str(len(facts)), True, [f.id for f in facts])


def _count_names(projects: Sequence[ProjectTable]) -> Check:
    return Check(f"count({'、'.join(p.name for p in projects)})", str(len(projects)), True, [])


def _indicator_line(row: IndicatorRow) -> str:
    comparator = "" if row.comparator in ("定性", "") else row.comparator
    actual = row.actual + (row.unit if row.actual and not row.actual.endswith(("%", row.unit or "\0")) else "")
    return f"{row.name}（指标值 {comparator}{row.target}{row.unit}，完成值 {actual}）"


def _space_before_digit(text: str) -> str:
    """The report sets figures off with a space ("主要原因是 2023 年…"); keep that when we join."""
    return f" {text}" if text[:1].isdigit() else text


CJK_DIGIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff（])")


def _clause(quote: str, raw: str) -> str:
    """The clause of a quote (between ，；。：) that holds a figure, or "" when the figure is not found."""
    if not raw or not re.search(r"\d", raw):
        return ""
    for clause in re.split(r"[，,；;。：:\n]", quote):
        if re.search(rf"(?<![\d.]){re.escape(raw)}(?![\d.])", clause):
            return clause.strip().removeprefix("其中").strip()
    return ""


def _find_loose(text: str, value: str, start: int, end: int) -> Span | None:
    """`value` in text[start:end], allowing the line breaks a table cell adds inside it ("存在\n问题")."""
    chars = [c for c in value if not c.isspace()]
    if not chars:
        return None
    match = re.compile(r"\s*".join(re.escape(c) for c in chars)).search(text, start, end)
    return Span(match.start(), match.end()) if match else None


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _no_digits(text: str) -> str:
    text = re.sub(r"\d{4}\s*年度?", "", text)
    text = re.sub(r"\s*\d+(\.\d+)?\s*", "", text)
    return text.strip(" ：:，,")


def _decimal(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None


__all__ = ["Computation", "Planner", "display", "show"]
