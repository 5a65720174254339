"""Project planners: answers from the 项目支出绩效自评表 (budgets, scores, people, text cells, indicator rows).

A mixin of `Planner` (assistant/plan.py): it reads the same report, fact table and sentence index.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property

import jieba

from assistant.calculator import compute, evaluate, format_number, round_report
from assistant.citations import Span, locate, sentence_around
from assistant.compose import Evidence
from assistant.intent import COMPARE, GOAL_RESULT, PROJECT_MEASURES, PURPOSE, Query, project_fields
from assistant.lexicon import Match
from assistant.lookup import FactTable
from assistant.passages import SentenceIndex
from assistant.plan_text import BUDGET_WORD, GAP_WORD, show
from assistant.plan_text import one_line as _one_line
from assistant.question import fold
from assistant.records import Check
from assistant.residual import GENERIC, STOPWORDS
from corpus import Fact, IndicatorRow, ProjectTable, Report

log = logging.getLogger(__name__)

FULL_MARKS = re.compile(
    r"(没|未|不是|没有|不)(拿|得|获得|拿到|达到)?(到)?满分|(有|哪些|哪个|哪几个)[^，,。？?]{0,4}(扣分|扣了分|失分)"
)
FILLED_FIELD = re.compile(
    r"(存在问题|存在的问题|改进措施)[^？?]{0,12}(不是|不为|没有?写|不写|并非|不填|没填)[^？?]{0,4}无"
    r"|(存在问题|存在的问题|改进措施)[^？?]{0,8}(写了|填了|有内容|不为空|非空|有写)"
)
FULL_SCORE = Decimal(100)  # the template's 绩效自评表 weights total 100 points
DEDUCT = re.compile(
    r"扣分|失分|没达标|未达标|没有达标|未完成的指标|没完成的指标|哪个指标|指标没(有)?完成|指标未完成|哪些指标没"
)
# "有没有项目没完成预算", "哪些项目钱没花完", "项目预算都执行完了吗": tables whose budget was not fully executed.
UNSPENT = re.compile(
    r"(没|未)有?(全部)?(执行|花|用)(完|光|掉)|(执行|花|用)完了?(吗|没|么)|都(执行|花|用)完|(没|未)有?完成(年度)?预算"
    r"|预算(没|未)有?(完成|执行完|用完|花完)|有结余|剩(下|余)了?(钱|资金|预算)|执行率?(不到|没到|没有到|没达到|未达到)(百分之百|满)"
)
# "绩效自评的结果怎么样", "项目自评得分都怎么样": the self-evaluation as a whole.
SELF_EVAL = re.compile(
    r"自评[^，,。？?]{0,4}(结果|得分|分数|成绩|打分|评分)|自评[^，,。？?]{0,6}(怎么样|如何|咋样|好不好|情况)"
)
# A text cell asked by its field: (the label the table prints, the ProjectTable attribute).
TEXT_CELLS = {
    "problems": ("存在问题", "problems"),
    "improvements": ("改进措施", "improvements"),
    "conclusion": ("评价结论", "conclusion"),
    "goal": ("年度目标", "goal"),
    "goal_result": ("年度目标完成情况", "goal_result"),
}
MAX_ROWS = 20  # indicator rows listed in one answer
PROSE_PAIR = 2  # a character pair the report's prose uses more often than this is everyday, not a project's word
ROW_MATCH = 0.6  # share of an indicator name's character pairs a question must contain to name that row


class ProjectPlanner:
    """The project-table planners; `Planner` supplies the report, tables and the wording helpers
    (`span`, `phrase`, `reason_span`) these methods call."""

    report: Report
    table: FactTable
    sentences: SentenceIndex
    _row_vocab: frozenset[str]

    def project(self, name: str) -> ProjectTable | None:
        return self.table.projects.get(name)

    @cached_property
    def _prose_text(self) -> str:
        """The report's folded prose: every section but the project tables."""
        tables = {p.section_id for p in self.report.projects}
        return "。".join(fold(s.text) for s in self.report.sections if s.id not in tables and s.kind != "project_table")

    @cached_property
    def _project_marks(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Per project: the characters of its name that no other project name has, and the character pairs of its
        name and 年度目标 that no other table's name or goal has: what everyday words can share with it."""
        names = {p.name: set(_cjk(fold(p.name))) for p in self.report.projects}
        texts = {p.name: set(grams(p.name + "。" + p.goal + "。" + p.goal_result)) for p in self.report.projects}
        char_count = Counter(c for chars in names.values() for c in chars)
        gram_count = Counter(g for pairs in texts.values() for g in pairs)
        # The report's own prose says "中心", "本级", "公开" everywhere: such pairs single out no project.
        prose_count = Counter(grams(self._prose_text))
        return {
            name: (
                frozenset(c for c in names[name] if char_count[c] == 1),
                frozenset(
                    g
                    for g in texts[name]
                    if gram_count[g] == 1 and g not in EVERYDAY_GRAMS and prose_count[g] <= PROSE_PAIR
                ),
            )
            for name in names
        }

    def project_by_words(self, q: Query) -> tuple[ProjectTable, list[Match]] | None:
        """A project named in everyday words ("租的办公楼" for 办公用房租赁, "健康码" for 天府健康通): the one project
        whose own name characters, or the word pairs of its name and goal, the question's content words share.

        Returns the project and a match per word that names it, so later stages read those words as its name."""
        if not self.report.projects or (q.rank and q.operation in ("max", "min")):  # "第三名": a ranking's place
            return None
        body = fold(self.report.body)
        words = [
            (w, start, end)
            for w, start, end in jieba.tokenize(q.rest or q.text, HMM=False)
            if _cjk(w) == w
            and w not in GENERIC
            and w not in STOPWORDS
            and not EVERYDAY_ASK.fullmatch(w)
            and not set(grams(w)) <= EVERYDAY_GRAMS  # "项目", "绩效自评" name every table alike
            and w not in body  # the reporting body's own words ("数据中心") name none of its projects
        ]
        if not words:
            return None
        marks = self._project_marks
        # A word the report's prose itself uses ("办公费") is that prose's subject: its characters name no project.
        # Unless the question says it means a project ("共享平台那个运维项目").
        says_project = "项目" in (q.rest or q.text)
        own = "□".join(_core(w) for w, _, _ in words if len(w) == 1 or says_project or w not in self._prose_text)
        asked_chars, asked_grams = set(own) - {"□"}, set(grams("□".join(w for w, _, _ in words)))
        scored = []
        for project in self.report.projects:
            chars, pairs = marks[project.name]
            hit_chars, hit_grams = asked_chars & chars, asked_grams & pairs
            score = len(hit_chars) + len(hit_grams)
            # The name's own characters lead; words of its goal only back them up.
            if len(hit_chars) >= 2 or (hit_chars and hit_grams):
                scored.append((score, project, hit_chars))
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        if len(scored) > 1 and scored[1][0] * 2 > scored[0][0]:
            log.info("everyday words name several projects: %s", [(s, p.name) for s, p, _ in scored[:3]])
            return None
        _, project, hits = scored[0]
        if not any(set(w) & hits and not project_fields(w) for w, _, _ in words):
            return None
        # Only the words that share the name's characters stand for it: "抗震等级" after "办公楼" still asks a row.
        # A word that also asks a field ("租金", "费用") stays readable as that field.
        matches = [
            Match(start, end, w, (project.name,), "project")
            for w, start, end in words
            if set(w) & hits and not project_fields(w)
        ]
        log.info("everyday words %s name project %s", [m.alias for m in matches], project.name)
        return project, matches

    def other_year(self, q: Query, project: ProjectTable) -> bool:
        """A project figure asked for a year the table does not cover: a 绩效自评表 holds only the report's year,
        so "2022年…项目的预算" in a 2023 report has no answer (a neighbouring year's figure would be wrong).

        A year the table itself names (in its name, rows or goal cells) may be what its text is about."""
        years = [y for y in q.years if y != self.report.year]
        if not years or not self.report.year:
            return False
        own = fold(project.name + project.goal + project.goal_result + "".join(r.name for r in project.indicators))
        field = self._project_field(q)
        money = field in PROJECT_MEASURES or field in ("budget", "executed")
        return any(money or f"{y}" not in own for y in years)

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
            if field in ("initial_budget", "adjusted_budget", "executed"):
                self._share_of_total(q, comp.value, f"{label}合计", ev)
            return ev
        if q.rank > 1 and q.operation in ("max", "min"):
            return self._ranked(q, facts, label, field, ev)
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

    def _share_of_total(self, q: Query, value: Decimal, label: str, ev: Evidence) -> None:
        """ "加起来占项目支出的比例": the sum just worked out, divided by the total the question names."""
        if q.measure != "占比" or not q.subjects or (q.year and q.year != self.report.year):
            return
        found = (self.table.best(self.table.find(s, "决算数"), s) for s in q.subjects)
        total = next((f for f in found if f is not None and f.value), None)
        if total is None:
            return
        share = compute("share", value, total)
        said = f"占{self.name(total.subject)}（{show(total)}）的比例为 {share.expression} = {share.text}。"
        ev.add(said, self.span(total))
        ev.checks.append(share.check)
        ev.facts.append(total)
        log.info("sum %s taken as a share of %s", label, total.subject)

    def _ranked(self, q: Query, facts: list[Fact], label: str, field: str, ev: Evidence) -> Evidence | None:
        """ "第二个呢", "倒数第二": the project at that place when the tables are ordered by the measure."""
        if q.rank > len(facts):
            return None
        high = q.operation == "max"
        ordered = sorted(facts, key=lambda f: f.value, reverse=high)
        target = ordered[q.rank - 1]
        tied = [f for f in ordered if f.value == target.value]
        money = field in ("initial_budget", "adjusted_budget", "executed")
        word = ("多" if money else "高") if high else ("少" if money else "低")
        order = "从高到低" if high else "从低到高"
        names = "、".join(f.scope for f in tied)
        place = f"倒数第{_ordinal(q.rank)}（第{_ordinal(q.rank)}{word}）" if not high else f"第{_ordinal(q.rank)}{word}"
        ev.checks.append(_count_check(facts))
        ev.add(
            f"{len(facts)} 个绩效自评项目按{label}{order}排列，{place}的是{names}，为 {show(target)}。",
            *(self.span(f) for f in tied),
        )
        if len(tied) > 1:
            ev.add(f"（这 {len(tied)} 个项目{label}相同，并列。）")
        joined = (" ≥ " if high else " ≤ ").join(format_number(f.value) for f in ordered)
        ev.add(f"（{order}：{joined}）")
        ev.facts.extend(facts)
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

    def unspent_projects(self, q: Query) -> Evidence | None:
        """ "有没有项目没完成预算": the tables whose 预算执行率 is under 100% (执行数 below 调整后预算), each rate
        recomputed, or the statement that every table executed its budget in full."""
        rows = []
        for project in self.report.projects:
            rate = self.table.project_facts(project.name, "执行率")[:1]
            executed = self.table.project_facts(project.name, "执行数")[:1]
            adjusted = self.table.project_facts(project.name, "调整后预算")[:1]
            if rate:
                rows.append((project, rate[0], executed[0] if executed else None, adjusted[0] if adjusted else None))
        if not rows:
            return None
        ev = Evidence("answered", "list", q.text)
        n = len(rows)
        ev.checks.append(_count_check([r for _, r, _, _ in rows]))
        ev.facts.extend(r for _, r, _, _ in rows)
        short = [(p, r, e, a) for p, r, e, a in rows if r.value < FULL_SCORE or (e and a and e.value < a.value)]
        if not short:
            ev.add(f"{n} 个绩效自评项目的预算执行率都达到 100%，没有未执行完预算的项目。", self.span(rows[0][1]))
            ev.checks.append(Check(f"min({'、'.join(format_number(r.value) for _, r, _, _ in rows)})",
                                   format_number(min(r.value for _, r, _, _ in rows)), True, []))  # fmt: skip
            return ev
        ev.checks.append(_count_names([p for p, _, _, _ in short]))
        ev.add(f"{n} 个绩效自评项目中，预算没有执行完（预算执行率低于 100%）的有 {len(short)} 个：")
        for i, (project, rate, executed, adjusted) in enumerate(short):
            sep = "；" if i < len(short) - 1 else "。"
            if executed and adjusted and adjusted.value:
                comp = compute("execution_rate", executed, adjusted)
                left = compute("difference", adjusted, executed)
                ev.checks.extend([comp.check, left.check])
                ev.facts.extend([executed, adjusted])
                ev.add(
                    f"{project.name}，调整后预算数 {show(adjusted)}，预算执行数 {show(executed)}，"
                    f"预算执行率 {show(rate)}（核算 {comp.expression} = {comp.text}；"
                    f"未执行 {left.expression} = {left.text} 万元）{sep}",
                    *self._spans([adjusted, executed, rate]),
                )
            else:
                ev.add(f"{project.name}，预算执行率 {show(rate)}{sep}", self.span(rate))
        return ev

    def self_evaluation(self, q: Query) -> Evidence | None:
        """ "绩效自评的结果怎么样": how many tables, how many full marks, the lowest and highest score by name,
        with the report's own sentence on how many projects it evaluated."""
        scores = [(p, f) for p in self.report.projects for f in self.table.project_facts(p.name, "自评得分")[:1]]
        if not scores:
            return None
        facts = [f for _, f in scores]
        ev = Evidence("answered", "derived", q.text)
        n = len(scores)
        stated = [f for f in self.table.find("绩效自评", "数量") if not f.scope][:1]
        if stated:
            ev.add(f"报告写明，组织对 {show(stated[0])}项目开展了绩效自评", self.span(stated[0]))
            ev.add(f"，附有 {n} 张绩效自评表。")
            ev.facts.append(stated[0])
        else:
            ev.add(f"报告附有 {n} 张项目支出绩效自评表。")
        ev.checks.append(_count_check(facts))
        ev.facts.extend(facts)
        full = [p for p, f in scores if f.value >= FULL_SCORE]
        rest = [(p, f) for p, f in scores if f.value < FULL_SCORE]
        if not rest:
            ev.add(f"{n} 个项目的自评得分都是 {_score(facts[0])}。", self.span(facts[0]))
            return ev
        if full:
            ev.checks.append(_count_names(full))
            ev.add(f"其中 {len(full)} 个项目自评得分为满分 {format_number(FULL_SCORE)} 分；")
        ev.checks.append(_count_names([p for p, _ in rest]))
        ev.add(f"没有拿满分的 {len(rest)} 个：")
        for i, (project, fact) in enumerate(rest):
            ev.add(f"{project.name}（{_score(fact)}）", self.span(fact))
            ev.add("、" if i < len(rest) - 1 else "。")
        low, high = compute("min", *facts), compute("max", *facts)
        lowest = "、".join(p.name for p, f in scores if f.value == low.value)
        ev.add(f"最低的是{lowest}，{format_number(low.value)} 分；最高 {format_number(high.value)} 分"
               f"（比较 {low.expression} = {low.text}）。")  # fmt: skip
        ev.checks.extend([low.check, high.check])
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
        if field == "purpose":
            return self.project_purpose(q, project)
        if field == "effect":
            return self.project_effect(q, project)
        if field in TEXT_CELLS:
            label, attr = TEXT_CELLS[field]
            value = getattr(project, attr)
            if not value.strip() and field in ("goal", "goal_result"):  # a table that fills only one goal cell
                label, attr = TEXT_CELLS["goal_result" if field == "goal" else "goal"]
                value = getattr(project, attr)
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
        reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
        ev.add(f"{project.name}绩效自评表中，{_indicator_line(row)}{reason}。", self._row_span(row))
        ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        actual, target = _decimal(row.actual), _decimal(row.target)
        if actual is None or not target:
            return ev
        rest = _without_name(q.rest or q.text, row.name)  # "…解读的比例" names the row; it asks no ratio
        if re.search(r"百分之|百分比|比例|完成率|%|几成", rest):
            over = re.search(r"超出|超过|超额|多出|高出|多了|超了", rest)
            kind = "growth_rate" if over else "share"
            comp = compute(kind, actual, target)
            label = "超出比例 = (完成值 − 指标值) ÷ 指标值" if over else "完成比例 = 完成值 ÷ 指标值"
            ev.add(f"{label} = {comp.expression} = {comp.text}。")
            ev.checks.append(comp.check)
        elif GAP.search(rest):
            more = actual >= target
            places = max(2, *(-min(0, int(v.as_tuple().exponent)) for v in (actual, target)))  # type: ignore[arg-type]
            pair = (actual, target) if more else (target, actual)
            comp = compute("difference", *pair, places=places)
            names = "完成值 − 指标值" if more else "指标值 − 完成值"
            ev.add(f"完成值比指标值{'多' if more else '少'}：{names} = {comp.expression} = {comp.text}{row.unit}。")
            ev.checks.append(comp.check)
        return ev

    def asked_rows(self, q: Query, project: ProjectTable | None) -> tuple[list[tuple[ProjectTable, IndicatorRow]], str]:
        """The indicator rows a question names by their words, and the question's other clauses (other asks).

        A row is named by a clause when the clause's row-vocabulary bigrams are mostly the row name's: everyday
        words ("要求", "实际做到") carry no row words, so they neither help nor hurt. A quoted name wins outright.
        Without a project every table is searched, and the words must name the row almost entirely."""
        projects = [project] if project is not None else list(self.report.projects)
        text = _without_longest_name(q, project.name) if project is not None else q.text
        if not ROW_ASK.search(text) and not q.quoted:
            return [], text
        quoted = [
            (p, row)
            for p in projects
            for row in p.indicators
            for name in q.quoted
            if len(fold(name)) >= 2 and re.sub(r"\W", "", fold(name)) in re.sub(r"\W", "", fold(row.name))
        ]
        clauses = row_clauses(text)
        if quoted:
            used = {i for i, c in enumerate(clauses) if any(fold(n) in c for n in q.quoted)}
            return _distinct(quoted), "，".join(c for i, c in enumerate(clauses) if i not in used)
        vocab = self._row_vocab
        picked: list[tuple[ProjectTable, IndicatorRow]] = []
        used: set[int] = set()
        # The named project's own words ("办公" of 办公用房租赁) name the table, not one of its rows.
        named = set(grams(project.name)) if project is not None else set()
        for i, clause in enumerate(clauses):
            wanted = {g for g in grams(clause) if g in vocab}
            own_words = wanted - named or wanted  # what the clause asks beyond the project's name
            if len(wanted) < 2 and not (wanted and len(clauses) > 1):
                continue
            scored = []
            for p in projects:
                for row in p.indicators:
                    own = set(grams(row.name)) - EVERYDAY_GRAMS
                    hits = len(wanted & own)
                    if not own or not hits:
                        continue
                    asked, covered = len(own_words & own) / len(own_words), hits / len(own)
                    strong = hits >= 2 and asked >= 0.6 if project is not None else hits >= 3 and asked >= 0.8
                    if strong and (project is not None or covered >= 0.5):
                        scored.append(((hits, asked, _unit_asked(clause, row)), p, row))
            if not scored:
                continue
            # Equal counts: the row whose shared pairs are rarer among its table's rows.
            scored = [((*key, self._rarity(wanted, p, row)), p, row) for key, p, row in scored]
            top = max(key for key, _, _ in scored)
            if project is not None and self._prose_says_more(clause, project, [r for k, _, r in scored if k == top]):
                continue
            picked.extend([(p, row) for key, p, row in scored if key == top][:MAX_TIED])
            used.add(i)
        if not picked and project is not None and not q.quoted:
            loose = self.loose_rows(q, project, text)
            if loose:
                return [(project, row) for row in loose], ""
        return _distinct(picked), "，".join(c for i, c in enumerate(clauses) if i not in used)

    @staticmethod
    def _rarity(wanted: set[str], project: ProjectTable, row: IndicatorRow) -> float:
        """How rare, among the table's rows, the pairs a question shares with this row are."""
        names = [set(grams(r.name)) for r in project.indicators]
        return sum(1 / max(1, sum(g in n for n in names)) for g in wanted & set(grams(row.name)))

    def loose_rows(self, q: Query, project: ProjectTable, text: str) -> list[IndicatorRow]:
        """Rows named in everyday words ("多久能修好漏洞" for 漏洞修复时间, "咨询、投诉…答复" for 咨询申诉群众解答率):
        the question's pairs and characters, weighted by how few of the table's rows share them.

        Only when the question asks no table field, no clause names a row outright, and the table's own text does
        not say more about those words than the row (then the text answers)."""
        if project_fields(text) not in ([], ["indicators"]):
            return []
        # The project's own words ("工程审批…系统") name the table, not one of its rows.
        for gram in set(grams(project.name)) - EVERYDAY_GRAMS:
            text = text.replace(gram, "□□")
        text = LOOSE_STOP.sub("□", text)
        asked = set(grams(text)) - EVERYDAY_GRAMS
        chars = set(_cjk(text)) - STOP_CHARS
        rows = [r for r in project.indicators if len(r.name) <= LOOSE_NAME]
        if not asked or not rows:
            return []
        names = [(set(grams(r.name)) - EVERYDAY_GRAMS, set(_cjk(r.name))) for r in rows]
        pair_df = Counter(g for own, _ in names for g in own)
        char_df = Counter(c for _, own in names for c in own)
        scored: list[tuple[float, IndicatorRow]] = []
        for row, (own, own_chars) in zip(rows, names, strict=True):
            shared = asked & own
            if not shared:
                continue
            in_pairs = {c for g in shared for c in g}
            score = sum(1 / pair_df[g] for g in shared)
            score += sum(0.5 / char_df[c] for c in (chars & own_chars) - in_pairs)
            scored.append((score, row))
        if not scored:
            return []
        top = max(score for score, _ in scored)
        if top < LOOSE_MIN:
            return []
        best = [row for score, row in scored if score >= top - 1e-9][:MAX_TIED]
        if self._prose_says_more(text, project, best):
            log.info("table text says more than rows %s", [r.name for r in best])
            return []
        log.info("rows named loosely: %s (score %.2f)", [r.name for r in best], top)
        return best

    def _prose_says_more(self, clause: str, project: ProjectTable, rows: list[IndicatorRow]) -> bool:
        """A sentence of the table states a figure for more of the clause than the row does ("省直部门分报告" is a
        figure of the 完成情况 text, finer than the row "分报告"): the row is not what is asked.

        A sentence that only mentions the words ("召开标准评审会等方式") states nothing the row does not."""
        asked = set(grams(clause)) - EVERYDAY_GRAMS
        by_row = max(len(asked & set(grams(row.name))) for row in rows)
        by_prose = 0
        for _, text in self._table_sentences(project):
            shared = asked & set(grams(text))
            if len(shared) > by_prose and _figure_near(text, shared):
                by_prose = len(shared)
        return by_prose > by_row

    def table_lines(self, q: Query, project: ProjectTable) -> Evidence | None:
        """The table's own sentences that hold the question's distinctive words ("等保几级的年度检测" → "完成平台
        等保三级的年度检测"): what a table states outside its rows, before a question is refused.

        A figure question needs a figure next to those words."""
        text = _without_longest_name(q, project.name)
        for gram in set(grams(project.name)) - EVERYDAY_GRAMS:
            text = text.replace(gram, "□□")
        # The reporting body's words ("四川", "中心") are in every table's header: they single out no sentence.
        asked = set(grams(LOOSE_STOP.sub("□", text))) - EVERYDAY_GRAMS - set(grams(self.report.body))
        if len(asked) < 2:
            return None
        wants_figure = ROW_ASK.search(text) is not None and re.search(r"什么|哪些|怎么|如何|吗", text) is None
        scored = []
        whole = {span for span, _ in self._table_sentences(project)}
        for span, sentence in self._table_sentences(project, windows=True):
            shared = asked & set(grams(sentence))
            if TABLE_HEADER.search(sentence):
                continue
            if span not in whole and _runs(text, shared) < 2:
                continue  # a window of a long cell answers only for two separate words of the question
            said = [self.report.clean_text[s.start : s.end] for _, s in scored]
            if _one_line(self.report.clean_text[span.start : span.end]) in map(_one_line, said):
                continue  # the same words in the table's second column
            if len(shared) >= 2 and (not wants_figure or _figure_near(sentence, shared)):
                scored.append((len(shared), span))
        if not scored:
            return None
        best = max(hits for hits, _ in scored)
        chosen = [span for hits, span in scored if hits == best][:2]
        if LIST_ASK.search(text):
            chosen = self._continued(q, project, chosen)
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        for span in chosen:
            if self.report.clean_text[span.end - 1] != "，":  # a long sentence's clause window stays a window
                span = _whole_sentence(self.report.clean_text, span)
            span = _without_label(self.report.clean_text, span)
            said = _one_line(self.report.clean_text[span.start : span.end])
            ev.add(CJK_DIGIT_GAP.sub("", said.removesuffix("，") + ("。" if said.endswith("，") else "")), span)
        return ev

    def rows_answer(self, q: Query, rows: list[tuple[ProjectTable, IndicatorRow]]) -> Evidence:
        """Every row asked: its 指标值 and 完成值 (and 偏差原因); one row also gets the gap or ratio asked."""
        if len(rows) == 1:
            return self.indicator_answer(q, *rows[0])
        ev = Evidence("answered", "project", q.text)
        owners = list(dict.fromkeys(p.name for p, _ in rows))
        if len(owners) == 1:
            ev.add(f"{owners[0]}绩效自评表中：")
        for i, (project, row) in enumerate(rows[:MAX_ROWS]):
            owner = "" if len(owners) == 1 else f"{project.name}："
            reason = f"，未完成原因：{_one_line(row.shortfall_reason).rstrip('。')}" if row.shortfall_reason else ""
            sep = "；" if i < len(rows[:MAX_ROWS]) - 1 else "。"
            ev.add(f"{owner}{_indicator_line(row)}{reason}{sep}", self._row_span(row))
            ev.facts.extend(f for f in self.table.project_facts(project.name) if row.name in f.subject)
        return ev

    def project_purpose(self, q: Query, project: ProjectTable) -> Evidence | None:
        """Why a project is done: the table's sentences that share the question's words ("为什么要买短信通知服务"
        → its 年度目标 item on 消息通知), else the whole 年度目标 ("图的是什么", "依据是什么").

        When the question names something the table never mentions, nothing here answers it (None)."""
        goal = project.goal.strip() or project.goal_result.strip()
        if not goal:
            return None
        rest = PURPOSE_STOP.sub(" ", re.sub(PURPOSE, " ", _without_longest_name(q, project.name)))
        asked = {g for g in grams(rest) if g not in EVERYDAY_GRAMS}
        scored = [(len(asked & set(grams(text))), span) for span, text in self._table_sentences(project)]
        best = max((hits for hits, _ in scored), default=0)
        ev = Evidence("answered", "project", q.text)
        # The parsed 年度目标 cell reads cleaner than a table sentence (which may carry the table's header).
        in_goal = [g for g in re.findall(r"[^。；;]+[。；;]?", goal) if len(asked & set(grams(g))) >= max(best, 2)]
        if in_goal:
            ev.add(f"{project.name}的年度目标中写明：{_one_line(in_goal[0])}", self._field_span(project, in_goal[0]))
        elif best >= 2:
            chosen = [span for hits, span in scored if hits == best][:2]
            text = "".join(_one_line(self.report.clean_text[s.start : s.end]) for s in chosen)
            ev.add(f"据{project.name}绩效自评表：{CJK_DIGIT_GAP.sub('', text)}", *chosen)
        elif len(asked) >= 3:  # the question names something; the table does not say it
            return None
        else:
            ev.add(f"{project.name}的年度目标：{_one_line(goal)}", self._field_span(project, goal))
            # The 完成情况 may name the cause the goal leaves out ("按…疫情防控有关要求…以信息化手段支撑…").
            first = re.match(r"[^。；;]+[。；;]?", project.goal_result.strip())
            said = re.sub(r"\s", "", fold(goal))
            if first and PURPOSE_TEXT.search(first.group()) and re.sub(r"\s", "", fold(first.group())) not in said:
                if not ev.pieces[-1].text.endswith("。"):
                    ev.pieces[-1].text += "。"
                ev.add(f"完成情况中写明：{_one_line(first.group())}", self._field_span(project, first.group()))
        self._done_part(q, project, asked, ev)
        if not ev.pieces[-1].text.endswith("。"):
            ev.pieces[-1].text += "。"
        return ev

    def _done_part(self, q: Query, project: ProjectTable, asked: set[str], ev: Evidence) -> None:
        """ "为什么要做X，具体干了什么": the why comes from the goal; the what from the 完成情况 item on X."""
        if not re.search(GOAL_RESULT, q.rest or q.text):
            return
        cited = {span for piece in ev.pieces for span in piece.cites}
        said = re.sub(r"\s", "", "".join(piece.text for piece in ev.pieces))
        scored = [
            (len(asked & set(grams(text))), span, text)
            for span, text in self._table_sentences(project)
            if not TABLE_CELLS.search(text)
            and span not in cited
            and re.sub(r"\s", "", text) not in said
            and not any(span.start < c.end and c.start < span.end for c in cited if c)
        ]
        best = max((hits for hits, _, _ in scored), default=0)
        if best < 2:
            return
        span, text = next((span, text) for hits, span, text in scored if hits == best)
        if not ev.pieces[-1].text.endswith("。"):
            ev.pieces[-1].text += "。"
        ev.add(f"完成情况中写明：{CJK_DIGIT_GAP.sub('', text).rstrip('；;')}。", span)

    def project_effect(self, q: Query, project: ProjectTable) -> Evidence | None:
        """What a project achieved ("起到了什么作用", "有什么成效"): the table's sentences that say what it brought
        (评价结论, 完成情况: "为…提供了参考", "有效提升…"), then its 效益 rows. The 年度目标 is what was planned,
        not what came of it, and is left out."""
        goal = re.sub(r"\s", "", fold(project.goal))
        asked = set(grams(_without_longest_name(q, project.name))) - EVERYDAY_GRAMS
        scored = []
        for span, text in self._table_sentences(project):
            flat = re.sub(r"\s", "", fold(text)).rstrip("。；;")
            if flat[-GOAL_TAIL:] in goal or TABLE_CELLS.search(text):  # the plan (its cell may follow a header)
                continue
            cues = len(EFFECT_TEXT.findall(text))
            if cues:
                scored.append((cues + len(asked & set(grams(text))), span))
        rows = [r for r in project.indicators if "效益" in r.level1 + r.level2 and len(r.name) <= LOOSE_NAME]
        if not scored and not rows:
            return None
        ev = Evidence("answered", "project", q.text)
        if scored:
            best = max(hits for hits, _ in scored)
            chosen = [span for hits, span in scored if hits >= max(2, best - 1)][:2]
            chosen = chosen or [span for hits, span in scored if hits == best][:1]
            ev.add(f"据{project.name}绩效自评表：")
            for span in chosen:
                span = _without_label(self.report.clean_text, _whole_sentence(self.report.clean_text, span))
                ev.add(CJK_DIGIT_GAP.sub("", _one_line(self.report.clean_text[span.start : span.end])), span)
        if rows:
            ev.add("效益指标：" if scored else f"{project.name}绩效自评表的效益指标：")
            for i, row in enumerate(rows[:MAX_EFFECT_ROWS]):
                sep = "；" if i < len(rows[:MAX_EFFECT_ROWS]) - 1 else "。"
                ev.add(f"{_indicator_line(row)}{sep}", self._row_span(row))
            ev.facts.extend(f for f in self.table.project_facts(project.name) if any(r.name in f.subject for r in rows))
        return ev

    def _table_sentences(self, project: ProjectTable, windows: bool = False) -> list[tuple[Span, str]]:
        """The running-text sentences of a project's table (its goal cells and notes), with their spans; with
        `windows`, a long prose sentence is read in runs of its clauses too."""
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        out: list[tuple[Span, str]] = []
        start = section.start
        for match in re.finditer(r"[。；;！？]", text[section.start : section.end]):
            end = section.start + match.end()
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            one = _one_line(chunk)
            if 4 <= len(one) <= PROSE_SENTENCE:
                out.append((Span(start + lead, end), one))
            elif windows and one.count("，") >= LONG_CLAUSES:  # one long sentence of prose: read in clause windows
                out.extend(_clause_windows(text, start + lead, end))
            start = end
        return out

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
        """Why a figure fell short (a stated reason), or, when no shortfall is asked about, why the project is done."""
        if project is None:
            return None
        asked = self.asked_rows(q, project)[0]
        if not SHORTFALL.search(q.rest) and not any(row.shortfall_reason for _, row in asked):
            return self.project_purpose(q, project)
        if GAP.search(q.rest) and len(asked) == 1:  # "离目标差了多少？为什么没达到": the gap and the stated reason
            return self.indicator_answer(q, *asked[0])
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
        if LIST_ASK.search(q.rest or q.text) and not extra:
            # "配套的家具包括哪些": the table sentence carrying the question's own rare words and its list, before
            # the search's pick (which may be the table's general goal text).
            found = self.table_lines(q, project)
            if found is not None:
                return found
        # Inside the project's own table its name says nothing: score on the rest of the question.
        text = (q.rest or q.text).replace("项目", " ") + extra
        found = self.sentences.best(text, section_ids={project.section_id})
        if not found:
            return None
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        spans = [_whole_sentence(self.report.clean_text, item.sentence.span) for item in found]
        if LIST_ASK.search(q.rest or q.text):  # "还搞了哪些配套活动": the next sentence may carry the list on
            spans = self._continued(q, project, spans)
        for span in spans:
            text = _one_line(self.report.clean_text[span.start : span.end])
            ev.add(re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])", "", text), span)
        return ev

    def _continued(self, q: Query, project: ProjectTable, spans: list[Span]) -> list[Span]:
        """Each chosen sentence followed by the next sentence of its paragraph when that one shares a word of the
        question too ("开展了赛道配套活动…。开展青少年…实践活动、…开放日…等。")."""
        asked = set(grams(_without_longest_name(q, project.name))) - EVERYDAY_GRAMS
        sentences = self._table_sentences(project)
        out: list[Span] = []
        for span in spans:
            out.append(span)
            after = [(s, t) for s, t in sentences if s.start >= span.end and s.start - span.end <= 2]
            if not after or TABLE_CELLS.search(after[0][1]):
                continue
            following, text = after[0]
            if asked & set(grams(text)) and following not in out and following not in spans:
                out.append(following)
        return out

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


def _without_label(text: str, span: Span) -> Span:
    """A table sentence without the cell label printed before it ("2.项目实施内容及过程概述")."""
    match = CELL_LABEL.match(text, span.start, span.end)
    return Span(match.end(), span.end) if match and match.end() < span.end else span


def _without_longest_name(q: Query, name: str) -> str:
    """The question with only its longest mention of the project blanked (a second mention may be a row's words)."""
    mentions = [m for m in q.matches if m.kind == "project" and name in m.targets]
    if not mentions:
        return q.rest or q.text
    longest = max(mentions, key=lambda m: m.end - m.start)
    return q.text[: longest.start] + "□" * (longest.end - longest.start) + q.text[longest.end :]


def _score(fact: Fact) -> str:
    value = show(fact)
    return value if value.endswith("分") else value + " 分"


def _ordinal(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _runs(text: str, shared: set[str]) -> int:
    """How many non-overlapping places of the question the shared two-character grams take ("公交地铁": 2;
    "供应商": 1)."""
    starts = sorted(m.start() for gram in shared for m in re.finditer(re.escape(gram), text))
    count, free = 0, 0
    for start in starts:
        if start >= free:
            count, free = count + 1, start + 2
    return count


def _clause_windows(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """A long prose sentence ("…，办公家具包含办公桌、书柜…，…搭乘公交车、地铁便利。") as runs of its comma
    clauses, so the clause that holds the question's words can be chosen without the whole cell."""
    out: list[tuple[Span, str]] = []
    begin = start
    for match in re.finditer(r"，", text[start:end]):
        stop = start + match.end()
        if len(_one_line(text[begin:stop])) >= CLAUSE_WINDOW:
            out.append((Span(begin, stop), _one_line(text[begin:stop])))
            begin = stop
            while begin < end and text[begin].isspace():
                begin += 1
    if begin < end:
        out.append((Span(begin, end), _one_line(text[begin:end])))
    return [(span, one) for span, one in out if len(one) >= 4]


def _count_check(facts: Sequence[Fact]) -> Check:
    """How many figures were compared: a count is a calculation too, and is shown as one."""
    return Check(f"count({len(facts)} 项)", str(len(facts)), True, [f.id for f in facts])


def _count_names(projects: Sequence[ProjectTable]) -> Check:
    return Check(f"count({'、'.join(p.name for p in projects)})", str(len(projects)), True, [])


def _indicator_line(row: IndicatorRow) -> str:
    comparator = "" if row.comparator in ("定性", "") else row.comparator
    numeric = re.search(r"\d$", row.actual) is not None  # "未完成" takes no unit
    actual = row.actual + (row.unit if numeric and not row.actual.endswith(("%", row.unit or "\0")) else "")
    return f"{row.name}（指标值 {comparator}{row.target}{row.unit}，完成值 {actual}）"


def _find_loose(text: str, value: str, start: int, end: int) -> Span | None:
    """`value` in text[start:end], allowing the line breaks a table cell adds inside it ("存在\n问题")."""
    chars = [c for c in value if not c.isspace()]
    if not chars:
        return None
    match = re.compile(r"\s*".join(re.escape(c) for c in chars)).search(text, start, end)
    return Span(match.start(), match.end()) if match else None


def _decimal(text: str) -> Decimal | None:
    match = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return Decimal(match.group()) if match else None


# ---------------------------------------------------------------------- indicator rows named by their words
# Bigrams that say "a figure is asked", not which row: they never pick a row on their own.
EVERYDAY_GRAMS = frozenset(
    {"完成", "成值", "实际", "目标", "标值", "指标", "多少", "情况", "项目", "要求", "达到", "数量", "实现", "是否"}
    | {"一共", "总共", "绩效", "自评", "评表", "年度", "全年"}
)
ROW_CLAUSES = re.compile(r"[？?；;。！!，,、]|以及|还有|和|及|与")
# A question that asks for a row's figures or state (not a project's text cell).
ROW_ASK = re.compile(
    r"多少|几|比例|百分|完成值|指标值|目标值|完成|达到|做到|实现|达标|怎么样|如何|是否|有没有|什么水平"
    r"|多长|多久|多大|多远|多高|多快|多重|多宽|什么时候|何时|哪天|满意|吗"
)
# "比目标多出多少", "少用了多少分钟": the gap between a row's 完成值 and 指标值.
GAP = re.compile(
    r"多出|超出|超过|超了|相差|差多少|差了|还差|差距|差额|高出|低了|差几|多了|少了|(多|少)[^，,。？?多少]{0,6}(多少|几)"
    r"|比(目标|指标|计划|要求|预期)[^，,。？?]{0,4}(多|少|高|低)"
)
# Words of a why-question that name nothing in the table.
PURPOSE_STOP = re.compile(
    r"什么|哪些|哪个|哪方面|怎么|如何|为什么|为何|为啥|还要|需要|要做|要办|要搞|花钱|这笔钱|这个|这项|那个|项目"
    r"|当初|当时|起初|最初|原本|本来|为了|达到|实现|想要|主要|到底|究竟|[是的了吗呢啊要做办搞买]"
)
PROSE_SENTENCE = 200  # longer "sentences" of a table are its cells run together, not prose
LONG_CLAUSES = 4  # …unless they run on in comma clauses: then they are prose, read in windows
CLAUSE_WINDOW = 40  # characters of clauses per window of a long sentence
# A 完成情况 sentence that says what the work answered to ("按国家…有关要求", "为…提供支撑").
PURPOSE_TEXT = re.compile(r"^(按|按照|根据|依据|围绕|为了?)[^。；，,]{0,30}(要求|部署|需要|精神)")
LIST_ASK = re.compile(r"哪些|有什么|什么活动|都有|都做了|都搞了|包括")
TABLE_HEADER = re.compile(r"项目名称|主管部门|实施单位")  # a table's title block, not a sentence of it
GOAL_TAIL = 12  # a table sentence ending in this much of the 年度目标 is that goal
MAX_EFFECT_ROWS = 4  # 效益 rows listed with what a project achieved
# Words with which a table says what a project brought about.
EFFECT_TEXT = re.compile(
    r"为[^。；，,]{0,30}提供|提升|提高|促进|推动|助力|助推|支撑|增强|改善|方便|营造|有效|显著|受到|贡献|获[^。；]{0,6}批示"
)
TABLE_CELLS = re.compile(r"[≥≤＝＞＜]|权重|指标值|预算执行|年初预算|调整后")
MAX_TIED = 3  # rows named equally well: the first few are answered, not the whole table
LOOSE_NAME = 40  # longer "names" are a qualitative row's grading text (高：…中：…低：…), not a name to match
LOOSE_MIN = 1.0  # a loose match needs at least one pair that only its row has (or the like in rarer shares)
# Question words and everyday asks a loose match must not read as a row's words.
LOOSE_STOP = re.compile(
    r"多少|多长|多久|多大|多远|多高|什么|哪些|哪个|那个|这个|怎么|如何|是否|有没有|请问|一共|总共|实际|当初|要是|的话"
)
STOP_CHARS = frozenset("的了是有在吗呢吧啊和与及对把被给到就都也还要能会得个几多少那这其它该我你他们项目")
# A figure in a table's text: digits (not a "2." enumerator) or a Chinese numeral with a measure word.
TEXT_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+\s*[个次份项套期条级天年类名人场批张本]")
CELL_LABEL = re.compile(
    r"\s*\d+\s*[.、]\s*项\s*目(?:[^，。；\d]\s*){0,16}?(?:概\s*述|完\s*成\s*情\s*况)\s*"
    r"|\s*(?:合\s*计[\s\d.]*)?评\s*价\s*结\s*论\s*"
)
ENUMERATOR = re.compile(r"(?<!\d)\d{1,2}[.、](?=\D)")
CJK_DIGIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])")
QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’']{2,40})[”\"」』’']")
SHORTFALL = re.compile(
    r"没有?完成|未完成|没有?达到|未达到|没达标|未达标|不达标|低于|不到|不足|执行|扣分|失分|偏差|没花完|结余|剩|得分|分数"
    r"|满分|只有|只花|差"
)


# Question words that are no content (jieba keeps them whole).
EVERYDAY_ASK = re.compile(r"[多少几什么怎样哪个吗呢吧啊了的是有没一年月日]+|怎么样|为什么|请问")


def _core(word: str) -> str:
    """A word without the everyday pairs and question words jieba may glue to it ("哪些项目" → "")."""
    for gram in EVERYDAY_GRAMS:
        word = word.replace(gram, "□")
    return EVERYDAY_ASK.sub("□", word)


def _cjk(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def grams(text: str) -> list[str]:
    """Character bigrams inside runs of letters: never across punctuation, a blanked name or a figure."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fffA-Za-z]+", fold(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def row_vocabulary(projects: Sequence[ProjectTable]) -> frozenset[str]:
    """Every bigram of every indicator name: the words a question can use to name a row."""
    return frozenset(g for p in projects for row in p.indicators for g in grams(row.name)) - EVERYDAY_GRAMS


def row_clauses(text: str) -> list[str]:
    """The clauses of a question ("推广到了多少个市州、多少个行业部门" asks two rows)."""
    return [c for c in ROW_CLAUSES.split(text) if c.strip(" □")]


def _unit_asked(clause: str, row: IndicatorRow) -> bool:
    unit = row.unit.strip()
    return bool(unit) and re.search(rf"(多少|几)\s*{re.escape(unit)}", clause) is not None


def _figure_near(text: str, shared: set[str], window: int = 10) -> bool:
    """A figure stated within a few characters of one of the shared words."""
    if not shared:
        return False
    flat = ENUMERATOR.sub(lambda m: "□" * len(m.group()), fold(text))
    for gram in shared:
        for match in re.finditer(re.escape(gram), flat):
            if TEXT_FIGURE.search(flat[max(0, match.start() - window) : match.end() + window]):
                return True
    return False


def _same_row(a: IndicatorRow, b: IndicatorRow) -> bool:
    return (a.name, a.target, a.actual) == (b.name, b.target, b.actual)


def _distinct(rows: list[tuple[ProjectTable, IndicatorRow]]) -> list[tuple[ProjectTable, IndicatorRow]]:
    """Rows in order, a row printed twice in one table (under two 一级指标) once."""
    out: list[tuple[ProjectTable, IndicatorRow]] = []
    for project, row in rows:
        if not any(p is project and _same_row(r, row) for p, r in out):
            out.append((project, row))
    return out


def _without_name(text: str, name: str) -> str:
    """The question with the words it shares with a row name blanked, so a cue inside the name is not read."""
    for gram in set(grams(name)):
        text = text.replace(gram, "□□")
    return text
