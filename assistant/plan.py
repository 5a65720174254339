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
from assistant.intent import PROJECT_MEASURES, Query
from assistant.lookup import FactTable
from assistant.passages import (
    HEADING_NUMBER,
    HEADING_TAIL,
    STOPWORDS,
    Sentence,
    SentenceIndex,
    cn_number,
    cn_numeral,
    enumerated_items,
    longest_common,
)
from assistant.plan_projects import DEDUCT, FILLED_FIELD, FULL_MARKS, ProjectPlanner, row_vocabulary
from assistant.plan_text import BUDGET_WORD, GAP_WORD, display, show
from assistant.plan_text import one_line as _one_line
from assistant.question import fold
from assistant.records import Check
from assistant.residual import GENERIC, TIME_WORD
from corpus import Fact, Report

log = logging.getLogger(__name__)

REASON_LEAD = re.compile(r"^(决算数小于预算数的)?(主要变动原因|主要原因|变动原因|原因)(是|为|：|:)?")
COMPLEMENT = re.compile(r"没有|未|以外|之外|其余|剩下|除了")
RATIO_WORD = re.compile(r"几倍|多少倍|倍数|是.{0,16}的几|倍")
AVERAGE = re.compile(r"平均")
LONG_LIST = 5  # a 主要包括 list with this many 、 names many items; one of them alone is not the subject
MONEY = re.compile(r"钱|元|费用|花了|花费|支出|金额|开支|决算数")
# "平均每批次", "平均到每辆车", "分摊到每台", "每辆车一年", "人均": the unit an amount or count is divided by.
PER = re.compile(
    r"(?:(?:平均|分摊|均摊|摊)(?:到|下来|给)?每(?:一|个)?|每一?(?=[辆台]))(批次|人次|辆|台|个|人|次|名|位)|人均"
)
CHANGE_SUBJECT = re.compile(r"新增|增加|减少|退休|调入|调出|离职")
ASKS_COUNT = re.compile(r"(几|多少)(批次|人次|辆|台|个|人|次|名|位)")
# "一共多少", "加起来": a sum; with 除了/以外/其余 it is the sum of what is left (total − the parts named).
SUM_WORD = re.compile(r"加起来|加在一起|合计|合起来|一共|总共|总计|共计|之和|总和|相加|共(有)?多少")
# "第二项", "第3条": a position in a numbered list; "一共有几项": the list's length (never "多少项目").
ORDINAL = re.compile(r"第\s*([一二三四五六七八九十]+|\d+)\s*(项|条|点|个|方面)")
ENUM_COUNT = re.compile(r"(几|多少)(项|条|点|个方面|方面)(?!目)")
# An internal unit's name in the report's list (网站处, 数据资源部) and the bare unit words of a question.
UNIT_NAME = r"(?:处|部|科|室|办公室|中心|组)"
LISTED_UNIT = re.compile(rf"(?<=[、：:，,为和])([\u4e00-\u9fff]{{1,8}}?{UNIT_NAME})(?=[、，,。；;和及])")
UNIT_WORD = re.compile(r"(哪个|哪一个|哪些|什么|哪)?(处室|处|部门|科室|机构|单位|中心)")
# What introduces the contents or the use of a subject, best first.
UNIT_PRICE = re.compile(r"单价|价格|价钱|(每|一)(度|吨|升|公里|平方|平米|次)(?!数)")
USAGE_SPREAD = 2  # a usage word said of more subjects (by figure) than this is not distinctive
USAGE_RANK = ("主要用于", "用于", "主要包括", "具体包括", "包括", "是指", "指", "反映")
USAGE_CUE = re.compile(r"[:：]?(主要用于|用于|主要包括|具体包括|包括|是指|指|反映)")
# Another public body: a place name, then an organisation word at the end of the name.
ORG_NAME = re.compile(
    r"(?:[\u4e00-\u9fa5]{2,4}?(?:省|市|自治区|县)|国家|中央)[\u4e00-\u9fa5]{0,10}?"
    r"(?:局|厅|委员会|办公室|中心|公司|集团|大学|医院)(?=$|[^\u4e00-\u9fa5]|的|是|在|有|年|今|去|\d)"
)
NAMED_PROJECT = re.compile(r"([\u4e00-\u9fa5（）、]{4,})项目")
# What introduces the parts of a subject, best first: a list of contents before a breakdown of figures.
COMPOSED_RANK = ("主要包括", "具体包括", "包括", "主要用于", "用于", "其中")
COMPOSED = re.compile(r"(主要包括|具体包括|包括|主要用于|用于|其中)[：:]?")
SHARE_PART_MIN = 4  # the words of a part's name a question must use to name it
COMPOSED_PARTS = 4  # parts listed one sentence each after "其中"
COMPOSED_WINDOW = 24  # characters between the subject's name and the cue: its figure and a comma
# "都花哪了", "包括哪些", "由什么组成": the question asks what the subject is made of.
COMPOSITION = re.compile(
    r"包括(了)?(哪些|什么|啥)|包含(了)?(哪些|什么|啥)|主要包括|具体包括|由(哪些|什么)|(哪些|什么)(构成|组成)|构成|组成"
    r"|花(在|到)?(了)?哪|用(在|到)(了)?哪|用于(哪|什么)|钱都去哪|去哪(儿|里)?了|(主要|都)?用来(干|做)(什么|啥)"
)
# "公用经费1475.09万元，主要包括：": the subject of a list (with its figure) and the cue that opens the list.
LIST_LEAD = re.compile(r"([\u4e00-\u9fff“”]{2,12}?[\d.\s]*(?:万元|元)?)[，,]?(?:主要包括|具体包括|包括)[：:]?")
RARE_LEN = 3  # a question word this long, used by very few sentences, points at them
RARE_SENTENCES = 2
GENERIC_PROJECT = re.compile(r"多少|几|哪|各|所有|这些|那些|个|自评|绩效|全部|每")


class Planner(ProjectPlanner):
    def __init__(self, report: Report, table: FactTable, sentences: SentenceIndex) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.year = report.year
        self._leaders = {p.leader: p for p in report.projects if p.leader}
        self._row_vocab = row_vocabulary(report.projects)
        self._folded_cache = fold(report.clean_text)
        subjects = {f.subject for f in report.facts} | {f.parent for f in report.facts if f.parent}
        self._names = {s: self._printed(s) for s in subjects}  # built here: ask() only reads
        self._sentence_at = {s.span.start: n for n, s in enumerate(sentences.sentences)}

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

    # ------------------------------------------------------------------ gatekeeping
    def out_of_scope(self, q: Query, raw: str) -> Evidence | None:
        """Another year, another body, or a project the report has no table for."""
        for year in q.years:
            if year not in (self.year, self.year - 1) and not re.search(rf"{year}\s*年\s*\d+\s*月", raw):
                return self.not_found(q, "所问年度的数据：这份报告只说明本年度的决算，以及与上一年度的比较")
        # A project table states its own year's plan (年度目标): "计划" about a named project is not the future.
        future = r"明年|后年|下一年|下年度|今后|未来|将来" + ("" if q.projects else "|打算|计划")
        if re.search(future, q.text):
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
            if primary is None and q.measure == "占比":
                primary = self._share_of_part(subject, q)
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

    def _share_of_part(self, whole: str, q: Query) -> Fact | None:
        """ "财政拨款收入占总收入的比重": a share the report states of a part of `whole`, the part named by the
        question's other words (a tail of the part's name, 财政拨款收入 for 一般公共预算财政拨款收入)."""
        rest = q.rest
        best: tuple[int, Fact] | None = None
        for fact in self.report.facts:
            if fact.measure != "占比" or fact.parent != whole or fact.scope:
                continue
            name = fold(display(fact.subject))
            common = max((len(name) - i for i in range(len(name)) if name[i:] in rest), default=0)
            if common >= SHARE_PART_MIN and (best is None or common > best[0]):
                best = (common, fact)
        return best[1] if best else None

    # ------------------------------------------------------------------ composition
    def composition(self, q: Query) -> Evidence | None:
        """ "公用经费都花哪了", "人员经费包括哪些": the subject's amount and the report's own list of what it is
        made of ("公用经费1475.09万元，主要包括：办公费…"), quoted from the subject's name to the sentence end."""
        ev = Evidence("answered", "figure", q.text)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        for subject in subjects:
            spans = self._composition_spans(subject)
            if not spans:
                continue
            quoted = "".join(self.report.clean_text[s.start : s.end] for s in spans)
            primary = self._primary(subject, q.with_(measure="决算数"))
            if primary is not None and not re.search(r"\d", quoted):
                self.group_text([primary], ev)
            elif primary is not None:
                ev.facts.append(primary)
            for span in spans:
                ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
        return ev if ev.pieces else None

    def _composition_spans(self, subject: str) -> list[Span]:
        """Where the report lists a subject's parts: its name, then (within a clause or two) 主要包括 / 包括 /
        主要用于 / 其中. A list introduced by 其中 goes on in the next sentence when that one lists parts too."""
        text = self.report.clean_text
        names = sorted({fold(display(subject)), fold(self.name(subject))}, key=len, reverse=True)
        found: list[tuple[int, Span, int]] = []
        for n, sentence in enumerate(self.sentences.sentences):
            for name in names:
                at = sentence.folded.find(name)
                if at == -1 or len(name) < 2:
                    continue
                cue = COMPOSED.search(sentence.folded, at + len(name), at + len(name) + COMPOSED_WINDOW)
                if cue is None or "。" in sentence.folded[at : cue.start()]:
                    continue
                pattern = r"[\s“”\"]*".join(re.escape(c) for c in name)
                match = re.compile(pattern).search(text, sentence.span.start, sentence.span.end)
                if match is None:
                    continue
                rank = COMPOSED_RANK.index(cue.group(1)) if cue.group(1) in COMPOSED_RANK else len(COMPOSED_RANK)
                found.append((rank, Span(match.start(), sentence.span.end), n))
                break
        if not found:
            return []
        rank, span, n = min(found, key=lambda f: (f[0], f[1].start))
        spans = [span]
        if COMPOSED_RANK[rank : rank + 1] != ("其中",):
            return spans
        section = self.sentences.sentences[n].section_id
        for following in self.sentences.sentences[n + 1 : n + 1 + COMPOSED_PARTS]:
            if following.section_id != section or not re.search(r"主要包括|包括|主要用于", following.folded):
                break
            spans.append(following.span)
        return spans

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
        complement = self.complement(q)
        if complement is not None:
            return complement
        # A part is already inside its own total: adding the two would count it twice.
        parts = [f for f in facts if any(self._inside(f.subject, o.subject) for o in facts if o is not f)]
        if parts:
            ev = Evidence("answered", "derived", q.text)
            for fact in facts:
                self.group_text([fact], ev)
            wholes = "、".join(self.name(f.subject) for f in facts if f not in parts)
            inside = "、".join(self.name(f.subject) for f in parts)
            kept = [f for f in facts if f not in parts]
            if len(kept) < 2:
                ev.add(f"{inside}已包含在{wholes}之中，不能再相加：合计就是{wholes}本身。")
                return ev
            ev.add(f"{inside}已包含在{wholes}之中，不重复相加。")
            facts = kept
        else:
            ev = Evidence("answered", "derived", q.text)
            for fact in facts:
                self.group_text([fact], ev)
        comp = compute("sum", *facts)
        ev.add(f"合计 {comp.expression} = {comp.text} {facts[0].unit}。")
        ev.checks.append(comp.check)
        return ev

    def per_unit(self, q: Query) -> Evidence | None:
        """ "平均每批次多少人次": one count of a subject divided by another of the same subject; "公务用车运行维护费
        平均到每辆车多少": the subject's amount divided by the count the report states in that unit."""
        match = PER.search(q.text)
        if not match:
            return None
        per = match.group(1) or "人"
        asked = ASKS_COUNT.search(q.rest)
        wants_count = asked is not None and asked.group(2) != per
        # "公务用车的运行维护费": a name split by 的 is the longer subject (公务用车运行维护费), asked first.
        joined = [
            o
            for s in q.named
            for o in self.table.by_subject
            if o.startswith(s) and len(o) - len(s) >= 2 and o[len(s) :] in q.text
        ]
        for subject in dict.fromkeys(joined + list(q.named)):
            counts = self.table.find(subject, "数量") or self.table.related(subject, "数量")
            by_unit = {f.unit: f for f in counts}
            denominator = by_unit.get(per) or self._stated_count(per)
            if denominator is None or denominator.value == 0:
                continue
            numerators = [f for u, f in by_unit.items() if u != per]
            if not wants_count and (MONEY.search(q.text) or not numerators):
                found = self._amount_per(q, subject, denominator, per)
                if found is not None:
                    return found
                continue
            if not numerators:
                continue
            numerator = numerators[0]
            comp = compute("ratio", numerator, denominator)
            ev = Evidence("answered", "derived", q.text)
            self.group_text([denominator, numerator], ev)
            ev.add(f"平均每{per} = {comp.expression} = {format_number(comp.value)} {numerator.unit}。")
            ev.checks.append(comp.check)
            return ev
        if q.named:
            return self.not_found(q, f"可以用来平均的{per}数：报告没有写明与之对应的数量")
        return None

    def _stated_count(self, unit: str) -> Fact | None:
        """The one number of things in `unit` the report states as a total (车辆 4 辆 and 公务用车 4 辆 agree);
        None when it states none or several that differ, or only changes (新增 6 人、退休 10 人)."""
        found = [
            f
            for f in self.report.facts
            if f.measure == "数量" and f.unit == unit and not f.scope and not f.parent
            if not CHANGE_SUBJECT.search(f.subject)
        ]
        return found[0] if found and len({f.value for f in found}) == 1 else None

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

    # ------------------------------------------------------------------ complement sums
    def complement(self, q: Query) -> Evidence | None:
        """ "除了X，其他几类加起来": the total less the excluded parts (T − X), checked against the sum of the
        remaining siblings. Never T + X: a part is already inside its own total."""
        if not (COMPLEMENT.search(q.text) and SUM_WORD.search(q.text)):
            return None
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        plain = q.with_(measure="")
        values = {s: f for s in subjects if (f := self._value_fact(s, plain)) is not None}
        total = excluded = None
        for name in values:
            parts = {f.subject for f in self.table.children(name)}
            inside = [values[s] for s in values if s != name and s in parts]
            if inside and len(parts) >= 2:
                total, excluded = values[name], inside
                break
        if total is None and len(values) == 1:  # "除了X，其余加起来": X's own total is the whole
            only = next(iter(values.values()))
            parent = only.parent
            if parent and any(f.subject == only.subject for f in self.table.children(parent)):
                whole = self._value_fact(parent, plain)
                if whole is not None:
                    total, excluded = whole, [only]
        if total is None or excluded is None:
            return None
        ev = Evidence("answered", "derived", q.text)
        self.group_text([total], ev)
        for fact in excluded:
            self.group_text([fact], ev)
        expression = " − ".join(format_number(f.value) for f in [total, *excluded])
        remainder = round_report(evaluate(expression))
        left_out = "、".join(self.name(f.subject) for f in excluded)
        ev.add(
            f"除{left_out}以外，其余各项合计 = {self.name(total.subject)} − {left_out} = {expression} = "
            f"{format_number(remainder)} {total.unit}。"
        )
        ev.checks.append(Check(expression, format_number(remainder), True, [f.id for f in [total, *excluded]]))
        gone = {f.subject for f in excluded}
        siblings = [f for f in self.table.children(total.subject) if f.subject not in gone and f.unit == total.unit]
        if siblings:
            listed = "、".join(f"{self.name(f.subject)} {show(f)}" for f in siblings)
            ev.facts.extend(siblings)
            comp = compute("sum", *siblings)
            ev.checks.append(comp.check)
            if comp.value == remainder:
                agrees = "两种算法结果一致"
            else:
                gap = format_number(abs(comp.value - remainder))
                agrees = f"与上面的差额相差 {gap} {total.unit}，是报告各数四舍五入所致"
            ev.add(
                f"核对：其余各项为{listed}，逐项相加 {comp.expression} = {comp.text} {total.unit}，{agrees}。",
                *[self.span(f) for f in siblings],
            )
        return ev

    def _inside(self, part: str, whole: str, depth: int = 3) -> bool:
        """Is `part` one of the lines that make up `whole` (or of their lines)? A part is never added to it."""
        if depth == 0:
            return False
        children = {f.subject for f in self.table.children(whole)}
        return part in children or any(self._inside(part, c, depth - 1) for c in children)

    # ------------------------------------------------------------------ enumerated lists
    def enumerated(self, q: Query) -> Evidence | None:
        """ "主要职责一共有几项", "第二项职责是什么": the numbered list (一是…, （一）…, 1. …) of the section
        the question names, counted (with the count shown as a check) or read at one position."""
        nth = ORDINAL.search(q.text)
        count = ENUM_COUNT.search(q.text)
        if nth is None and count is None:
            return None
        best: tuple[tuple[int, float], str, list[Span]] | None = None
        for section in self.report.sections:
            if section.kind == "project_table":
                continue
            topic = fold(HEADING_NUMBER.sub("", section.title))
            topic = HEADING_TAIL.sub("", topic) or topic
            common = longest_common(topic, q.text)
            if len(common) < 2 or len(common) < len(topic) / 2 or common in STOPWORDS:
                continue
            items = enumerated_items(self.report, section.start, section.end)
            score = (len(common), len(common) / len(topic))
            if len(items) >= 2 and (best is None or score > best[0]):
                best = (score, HEADING_NUMBER.sub("", section.title).strip(), items)
        if best is None:
            return None
        _, title, items = best
        ev = Evidence("answered", "passages", q.text)
        if nth is not None:
            n = cn_number(nth.group(1))
            if not 1 <= n <= len(items):
                return self.not_found(q, f"《{title}》中所问的那一{nth.group(2)}（这一节列出的条目没有这么多）")
            item = items[n - 1]
            ev.add(f"《{title}》列出的第{cn_numeral(n)}{nth.group(2)}是：")
            ev.add(_one_line(self.report.clean_text[item.start : item.end]), item)
            return ev
        heads = [_one_line(self.report.clean_text[s.start : s.end])[:2] for s in items]
        expression = f"count({'、'.join(heads)})"
        ev.add(f"《{title}》逐条列出，共 {len(items)} {count.group(2) if count else '项'}：")
        for item in items:
            ev.add(_one_line(self.report.clean_text[item.start : item.end]), item)
        ev.checks.append(Check(expression, str(len(items)), True, []))
        return ev

    # ------------------------------------------------------------------ internal units
    def unit_by_word(self, q: Query) -> Evidence | None:
        """ "管政府网站的是哪个处": the report's list of internal units holds one whose name carries a word of the
        question (网站处, 数据资源部), or whose two-character abbreviated name is read from the question's words
        (政研处 ← 政策研究, 云管处 ← 管政务云). Several units may be asked at once; only names are listed, so the
        answer says each is matched by name."""
        listed: dict[str, Span] = {}
        prose = {s.id for s in self.report.sections if s.kind != "project_table"}
        for sentence in self.sentences.sentences:
            if sentence.section_id in prose:
                for match in LISTED_UNIT.finditer(sentence.folded):
                    listed.setdefault(match.group(1), sentence.span)
        text = UNIT_WORD.sub(lambda m: "□" * len(m.group(0)), fold(q.text))
        candidates = [c for unit in listed for c in _unit_matches(unit, text)]
        chosen: list[tuple[int, str, str]] = []
        used: set[int] = set()
        for score in sorted({c[0] for c in candidates}, reverse=True):
            level = [c for c in candidates if c[0] == score and not (c[3] & used)]
            for cand in level:
                rivals = [o for o in level if o[1] != cand[1] and o[3] & cand[3]]
                if not rivals and cand[1] not in [c[1] for c in chosen]:
                    chosen.append((min(cand[3]), cand[1], self._whole_words(fold(q.text), cand)))
            used |= {i for c in level for i in c[3]}
        if not chosen:
            return None
        chosen.sort()
        ev = Evidence("answered", "passages", q.text)
        if len(chosen) == 1 and chosen[0][2] in chosen[0][1]:  # a word of the name itself
            _, unit, word = chosen[0]
            ev.add(f"报告只列出了内设机构的名称，没有写各处室的具体分工；名称中带“{word}”的是{unit}：")
        else:
            pairs = "，".join(f"与“{word}”对应的是{unit}" for _, unit, word in chosen)
            ev.add(f"报告只列出了内设机构的名称，没有写各处室的具体分工；按名称对应，{pairs}：")
        for span in dict.fromkeys(listed[unit] for _, unit, _ in chosen):
            ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
        return ev

    def definitions(self, q: Query, subjects: Sequence[str]) -> Evidence | None:
        """ "基本支出跟项目支出啥区别": each subject's own definition sentence (…：指…), no amounts."""
        found: list[Span] = []
        for subject in subjects:
            defined = [span for rank, span, _ in self._usage_sentences(subject) if USAGE_RANK[rank] in ("是指", "指")]
            if not defined:
                return None
            found.append(defined[0])
        ev = Evidence("answered", "passages", q.text)
        ev.add("报告“名词解释”部分的说明：")
        for span in dict.fromkeys(found):
            ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
        return ev

    def list_item_only(self, q: Query, spans: Sequence[Span]) -> Evidence | None:
        """ "工会经费花了多少": the best sentence names it only as one item of a long 主要包括 list of another
        subject; that subject's figure is no answer, so the amount is refused (the list is said, without figures)."""
        if not spans or not MONEY.search(q.text):
            return None
        asked = fold(q.text)
        folded = fold(self.report.clean_text[spans[0].start : spans[0].end])
        cue = LIST_LEAD.search(folded)
        if cue is None:
            return None
        items = [i.strip(" 等。；;") for i in re.split(r"[、，,]|和(?=[\u4e00-\u9fff]{2,}$)", folded[cue.end() :])]
        if len(items) <= LONG_LIST:
            return None
        named = [i for i in items if len(i) >= 3 and i in asked]
        owner = re.sub(r"[\d.\s]+|万?元|[“”]", "", cue.group(1))
        if not named or not owner or owner in asked or any(f.subject in named for f in self.report.facts):
            return None
        log.info("%s is one item of %s's list; its amount is not stated", named, owner)
        what = f"“{'、'.join(named)}”的具体数额：报告只在{owner}的开支范围中列出了它，没有单独列出数字"
        return self.not_found(q, what)

    def rare_word(self, q: Query) -> list[Span]:
        """ "跟哪家电视台一起搞的": a distinctive word of the question (three characters or more) that only one or two
        sentences of the whole report use, tables included; those sentences, before any refusal."""
        best: tuple[int, int, list[Span]] | None = None
        for term in self.sentences.terms(q.text):
            if len(term) < RARE_LEN or term.isdigit() or not _informative(term):
                continue
            spans = [s.span for s in self.sentences.sentences if term in s.folded]
            if 0 < len(spans) <= RARE_SENTENCES and (best is None or (len(spans), -len(term)) < best[:2]):
                best = (len(spans), -len(term), spans)
        if best is not None:
            log.info("rare question word found in %d sentence(s)", best[0])
        return best[2] if best else []

    def _whole_words(self, text: str, cand: tuple[int, str, str, frozenset[int]]) -> str:
        """The question's words around an abbreviated match, whole (政策研究, not 政策研)."""
        if cand[0] == 3:
            return cand[2]
        lo, hi = min(cand[3]), max(cand[3]) + 1
        for term in self.sentences.terms(text):
            at = text.find(term)
            if len(term) >= 2 and at != -1 and at < hi and at + len(term) > lo:
                lo, hi = min(lo, at), max(hi, at + len(term))
        return text[lo:hi]

    # ------------------------------------------------------------------ a figure described in everyday words
    def by_usage(self, q: Query) -> Evidence | None:
        """ "公车加油、修车、过路费这些花了多少": the words are not a subject's name but occur in the sentence that
        says what one subject is used for or made of (主要用于…燃料费、维修费、过路过桥费). Exactly one subject
        (or several with the same figure) must hold the best match; its figure is answered with that sentence."""
        if UNIT_PRICE.search(q.text):  # "电费单价一度多少": a price, which no amount of a subject answers
            return None
        if not MONEY.search(q.text):  # only money is answered this way: "新增了多少人" is no amount of a subject
            return None
        named = [m.alias for m in q.matches]  # recognised names are not words of a usage sentence
        terms = [t for t in self.sentences.terms(q.text) if _informative(t) and not any(t in n for n in named)]
        if not terms:
            return None
        described: list[tuple[Fact, int, Span, str]] = []
        for subject in sorted({f.subject for f in self.report.facts if not f.scope and f.measure == "决算数"}):
            fact = self._value_fact(subject, q.with_(measure=""))
            if fact is not None and "元" in fact.unit:
                described.extend((fact, rank, span, said) for rank, span, said in self._usage_sentences(subject))
        # A word said of many subjects ("职工", "单位") tells none apart: only distinctive words count.
        spread = {t: len({d[0].value for d in described if _said_in(t, d[3])}) for t in terms}
        terms = [t for t in terms if 0 < spread[t] <= USAGE_SPREAD]
        scored: list[tuple[int, int, Fact, Span]] = []
        for fact, rank, span, said in described:
            # a breakdown with its own figures ("主要用于以下方面：…19644.36 万元") is not a usage
            if re.search(r"\d", said):
                continue
            hits = sum(1 for t in terms if _said_in(t, said))
            if hits and fact.subject in q.subjects:
                hits += 1  # the question names it too ("加油" is an alias of a subject)
            if hits:
                scored.append((hits, rank, fact, span))
        if not scored:
            return None
        top = max(s[0] for s in scored)
        winners = [s for s in scored if s[0] == top]
        if len({w[2].value for w in winners}) != 1:
            log.info("usage words %s fit several subjects: %s", terms, sorted({w[2].subject for w in winners}))
            return None
        hits, _, fact, span = min(winners, key=lambda w: (w[1], w[2].start))
        said = next(d[3] for d in described if d[0] is fact and d[2] == span)
        if said.count("、") >= LONG_LIST and self.list_item_only(q, [span]) is not None:
            return None  # the question names one whole item of the list ("物业管理费"): refused by the passages
        if hits < 2 and said.count("、") >= LONG_LIST:
            # "差旅费是多少": one item of a long 主要包括 list is not given on its own; the list's total is no answer
            log.info("usage word %s is one item of %s's long list; not answered with its total", terms, fact.subject)
            return None
        log.info("usage words %s describe %s", terms, fact.subject)
        ev = Evidence("answered", "figure", q.text)
        quoted = _one_line(self.report.clean_text[span.start : span.end])
        stated = self.span(fact)
        if stated is not None and stated.start < span.end and span.start < stated.end:
            ev.add(quoted, span)  # one sentence states the figure and what it covers
            ev.facts.append(fact)
            return ev
        self.group_text([fact], ev)
        ev.add(f"报告对这一项的说明：{quoted}", span)
        return ev

    def _usage_sentences(self, subject: str) -> list[tuple[int, Span, str]]:
        """The sentences that say what a subject is used for or made of: its name, then 主要用于/包括/是指/反映…
        within a clause; the text after the cue is what the subject covers."""
        names = sorted({fold(display(subject)), fold(self.name(subject))}, key=len, reverse=True)
        names = [n for n in names if len(n) >= 3]
        out: list[tuple[int, Span, str]] = []
        for sentence in self.sentences.sentences:
            for name in names:
                at = sentence.folded.find(name)
                if at == -1:
                    continue
                cue = USAGE_CUE.search(sentence.folded, at + len(name), at + len(name) + COMPOSED_WINDOW)
                following = self._next_sentence(sentence) if cue is None else None
                between = sentence.folded[at : cue.start()] if cue is not None else ""
                # Within the clause, or opening the very next one ("…14.44万元。主要用于…").
                if cue is not None and ("。" not in between or between.index("。") == len(between) - 1):
                    out.append((USAGE_RANK.index(cue.group(1)), sentence.span, sentence.folded[cue.end() :]))
                elif following is not None and USAGE_CUE.match(following.folded):
                    lead = USAGE_CUE.match(following.folded)
                    assert lead is not None
                    out.append((USAGE_RANK.index(lead.group(1)), following.span, following.folded[lead.end() :]))
                break
        return out

    def _next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence right after one, in the same section ("…支出14.44万元。主要用于…")."""
        at = self._sentence_at.get(sentence.span.start)
        if at is None or at + 1 >= len(self.sentences.sentences):
            return None
        following = self.sentences.sentences[at + 1]
        return following if following.section_id == sentence.section_id else None


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


UNIT_GAP = 3  # characters at most between the two characters of an abbreviated unit name read from a question


def _unit_matches(unit: str, text: str) -> list[tuple[int, str, str, frozenset[int]]]:
    """How a question names a listed unit: (score, unit, the question's word, its character positions).

    3: a shared word of two or more characters (网站 of 网站处); 2: a two-character stem's characters in order
    within a few characters (政研 in 政策研究); 1: the same in reverse order (云管 in 管政务云)."""
    stem = re.sub(rf"{UNIT_NAME}$", "", unit)
    common = longest_common(stem, text)
    if len(common) >= 2 and _informative(common) and not UNIT_WORD.fullmatch(common):
        at = text.find(common)
        return [(3, unit, common, frozenset(range(at, at + len(common))))]
    if len(stem) != 2:
        return []
    out: list[tuple[int, str, str, frozenset[int]]] = []
    for i, ch in enumerate(text):
        if ch != stem[0]:
            continue
        for j in range(max(0, i - UNIT_GAP - 1), min(len(text), i + UNIT_GAP + 2)):
            between = text[min(i, j) : max(i, j) + 1]
            if text[j] != stem[1] or j == i or not re.fullmatch(r"[\u4e00-\u9fff]+", between):
                continue
            out.append((2 if j > i else 1, unit, between, frozenset({i, j})))
    return out


def _informative(term: str) -> bool:
    """A question word that may name what a subject covers (not a filler, time or cue word)."""
    return len(term) >= 2 and term not in GENERIC and term not in STOPWORDS and not TIME_WORD.match(term)


def _said_in(term: str, text: str) -> bool:
    """The term, or a two-character piece of it that is itself informative (过路 of 过路费), is in the text."""
    if term in text:
        return True
    pieces = (term[i : i + 2] for i in range(len(term) - 1))
    return any(_informative(p) and not p.endswith(("费", "险", "款")) and p in text for p in pieces)


def _no_digits(text: str) -> str:
    text = re.sub(r"\d{4}\s*年度?", "", text)
    text = re.sub(r"\s*\d+(\.\d+)?\s*", "", text)
    return text.strip(" ：:，,")


__all__ = [
    "BUDGET_WORD", "COMPOSITION", "DEDUCT", "FILLED_FIELD", "FULL_MARKS", "GAP_WORD", "Computation", "Planner",
    "display", "show",
]
