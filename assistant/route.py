"""Routing: which planner answers a parsed question, and the retrieval fallback.

Order matters and is written out plainly: out-of-scope checks first (another year or body: not_found), then a
named person, a reason, a project, a question across all projects, figures and calculations on named subjects,
and last the best sentences of the report. A figure question that the fact table cannot answer never falls
back to a sentence with some other number in it unless that sentence covers the question.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from assistant.citations import Span
from assistant.compose import Evidence
from assistant.intent import PROJECT_MEASURES, Query, accusations, project_fields, with_matches
from assistant.lexicon import part_aliases
from assistant.lookup import FactTable
from assistant.passages import NUMBER_CUE, SentenceIndex
from assistant.plan import (
    BUDGET_WORD,
    COMPOSITION,
    DEDUCT,
    FILLED_FIELD,
    FULL_MARKS,
    GAP_WORD,
    PER,
    RATIO_WORD,
    Planner,
    display,
)
from assistant.plan_aggregate import Aggregator
from assistant.plan_projects import QUOTED, SELF_EVAL, UNSPENT
from assistant.plan_text import one_line as _one_line
from assistant.question import fold
from assistant.residual import (
    Residual,
    asked_missing,
    figure_near,
    person_attributes,
    residual_terms,
    supporting_spans,
)
from corpus import ProjectTable, Report

log = logging.getLogger(__name__)

INDICATOR_CUE = re.compile(r"指标|完成值|指标值|完成比例|完成率|达标|目标值")
CJK_DIGIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])")
DEFINITION = re.compile(r"(^|[:：])指|是指|反映|包括|用于")
# Evidence picked by a recognised subject or project (not by the question's words): checked for residual terms.
CHECKED_KINDS = ("figure", "project_figures")
# "哪个处负责财务": an internal unit is asked for, not a project table's 负责人.
UNIT_QUESTION = re.compile(
    r"(哪个|哪一个|哪些|什么|哪)(处室|处|部门|科室|机构|单位)|(处室|部门|科室)(分别|各自)?(叫|是)(什么|哪)"
)
# "X占Y的比例是多少", "占Y百分之几": a share of two named figures; "X和Y有什么区别": their definitions.
SHARE_ASK = re.compile(r"占.{0,30}?(比例|比重|百分之几|百分比|多大比)")
DIFFERENCE_OF = re.compile(r"区别|差别|不同之处|有何不同|有什么不同|啥不同")
# Fields that ask for a table cell's text, never an indicator row ("目标" may be an indicator's target: not here).
TEXT_FIELDS = ("problems", "improvements", "conclusion", "leader", "finance_leader")
ALL_PROJECTS_WORD = re.compile(r"项目|自评")
BUDGET_AND_ACTUAL = re.compile(r"预算数?(和|与)决算数?|决算数?(和|与)预算数?")
LISTED_ROWS = 8  # indicator names a refusal suggests
LISTED_NAME = 20  # longer names are grading text (高：…中：…), not names to ask by


class Router:
    def __init__(
        self, report: Report, table: FactTable, sentences: SentenceIndex, index: Any, top_k: int, baseline: bool
    ) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.planner = Planner(report, table, sentences)
        self.aggregate = Aggregator(self.planner)
        self.index = index
        self.top_k = top_k
        self.baseline = baseline
        self._search_lock = threading.Lock()

    def plan(self, q: Query, raw: str) -> Evidence:
        """The evidence for an answer, or a not_found with the closest sections."""
        if self.baseline:
            return self.passages(q) or self.planner.not_found(q, "与这个问题直接相关的内容")
        q = q.with_(quoted=tuple(QUOTED.findall(raw)))  # the user's quote marks, which normalising drops
        q = self._everyday_project(q)
        scoped = self.planner.out_of_scope(q.with_(text=self.aggregate.without_people(q.text)), raw)
        if scoped is not None:
            return scoped
        project = self.planner.project(q.projects[0]) if q.projects else None
        if project is not None and self.planner.other_year(q, project):
            log.info("project %s asked for another year: %s", project.name, q.years)
            what = f"“{project.name}”所问年度的数据：项目绩效自评表只记载本报告年度的预算执行和绩效情况"
            return self.planner.not_found(q, what)
        unknown = asked_missing(q, self.planner._folded_text)
        personal = person_attributes(q, self.aggregate.people)
        unknown += tuple(w for w in personal if not any(w in u or u in w for u in unknown))
        unknown += accusations(raw, self.report.clean_text)  # "哪个负责人有贪污问题": a judgement it never makes
        if unknown:  # "负责人的身份证号": what the report cannot hold is refused, never answered by a neighbour
            log.info("asked attributes %s not in the report: %r", unknown, q.text)
            return self.planner.not_found(q, f"“{'、'.join(unknown)}”：报告中没有这类信息")
        evidence = self._route(q)
        if evidence is not None and evidence.pieces:
            return self._check_residual(q, evidence)
        if q.projects and q.intent in ("project", "reason"):
            if project is not None:
                # The table's sentences that share the question's distinctive words, else its residual lines.
                lines = self.planner.table_lines(q, project) or self._residual_lines(q, project.section_id)
                if lines is not None:
                    return lines
            outside = self._outside_projects(q)  # a project named as an example ("12345热线归哪条职责")
            if outside is not None:
                return outside
            what = f"“{q.projects[0]}”绩效自评表中与这个问题相关的内容"
            asks_figure = NUMBER_CUE.search(q.rest) or INDICATOR_CUE.search(q.rest)
            if project is not None and project.indicators and asks_figure:
                # A figure no row holds: the rows the table does list, so the question can be asked by them.
                # A refusal states no figure: only the names without one, and a handful of them.
                names = [n for n in dict.fromkeys(_one_line(r.name) for r in project.indicators) if _listable(n)]
                more = "等" if len(names) > LISTED_ROWS else ""
                if names:
                    listed = "；".join(names[:LISTED_ROWS]) + more
                    what += f"（该表列出的绩效指标有：{listed}。可以换用这些指标名称再问）"
            return self.planner.not_found(q, what)
        if NUMBER_CUE.search(q.rest) and not q.projects:  # "工伤险、失业险交了多少": a subject's usage sentence
            described = self.planner.by_usage(q)
            if described is not None:
                return described
        fallback = self.passages(q)
        if fallback is not None:
            return fallback
        named = self.sentences.section_named(q.text)  # "国有资产有多少": the section its heading names
        if named:
            return self._sentences_evidence(q, named)
        # "哪家电视台": the one sentence anywhere that uses the word (a figure asked is never answered this way)
        rare = [] if NUMBER_CUE.search(q.rest) else self.planner.rare_word(q)
        if rare:
            return self._sentences_evidence(q, rare)
        return self.planner.not_found(q, "与这个问题直接相关的内容")

    def _everyday_project(self, q: Query) -> Query:
        """A project named in everyday words ("租的办公楼" for a 办公用房租赁 table) is read as named, before any
        refusal looks for words the report lacks. A project taken from the conversation is left alone."""
        if q.subjects or q.ambiguous or (q.projects and not any(m.kind == "project" for m in q.matches)):
            return q
        found = self.planner.project_by_words(q)
        if found is None:
            return q
        project, matches = found
        if q.projects:  # the words name the same project again ("办公用房租赁的办公楼"): read them as its name
            return q.with_(matches=q.matches + tuple(matches)) if project.name in q.projects else q
        return with_matches(q, matches, self.report.year)

    def _check_residual(self, q: Query, evidence: Evidence) -> Evidence:
        """A figure chosen by its subject answers only if the question asks nothing the figure does not cover.

        Otherwise the sentences that do cover the rest answer it, or, when the report nowhere says it, a
        not_found that names what is missing (never the nearest figure)."""
        if evidence.status != "answered" or evidence.kind not in CHECKED_KINDS:
            return evidence
        said = "".join(p.text for p in evidence.pieces)
        residual = residual_terms(q, said, self.planner._folded_text, self.report.body, self.sentences)
        if not residual.terms:
            return evidence
        log.info("residual terms %s for %r", residual.terms, q.text)
        if residual.missing:
            return self.planner.not_found(q, f"关于“{'、'.join(residual.missing)}”的内容")
        project = self.planner.project(q.projects[0]) if q.projects else None
        found = self._residual_lines(q, project.section_id if project else None, residual)
        if found is not None:
            return found
        described = self.planner.by_usage(q) if NUMBER_CUE.search(q.rest) else None
        if described is not None:  # "公车加油、过路费": words of the sentence saying what one subject covers
            return described
        names = "、".join(residual.terms)
        if NUMBER_CUE.search(q.rest):  # the report mentions it, but states no figure for it
            return self.planner.not_found(q, f"“{names}”的具体数额：报告提到了它，但没有单独列出数字")
        return self.planner.not_found(q, f"关于“{names}”的内容")

    def _residual_lines(self, q: Query, section_id: str | None, residual: Residual | None = None) -> Evidence | None:
        """The report sentences (a project's table lines) that hold the question's residual words."""
        if residual is None:
            residual = residual_terms(q, "", self.planner._folded_text, self.report.body, self.sentences)
        if not residual.terms:
            return None
        sections = {section_id} if section_id else None
        spans = supporting_spans(q, residual, self.sentences, self.planner._folded_text, sections)
        if not spans:
            return None
        return self._sentences_evidence(q, spans, f"据{q.projects[0]}绩效自评表：" if section_id else "")

    def _outside_projects(self, q: Query) -> Evidence | None:
        """The report's prose (not a project table) that covers a question naming a project in passing."""
        tables = {p.section_id for p in self.report.projects}
        prose = {s.id for s in self.report.sections if s.id not in tables and s.kind != "project_table"}
        found = self.sentences.best(q.text, section_ids=prose)
        if not found:
            return None
        return self._sentences_evidence(q, [item.sentence.span for item in found])

    def _route(self, q: Query) -> Evidence | None:
        p = self.planner
        if UNIT_QUESTION.search(q.text):  # "管网站的是哪个处": a unit whose listed name carries the word
            found = p.unit_by_word(q)
            if found is not None:
                return found
        if not q.matches and not (q.rank and q.operation in ("max", "min")):  # "主要职责有几项", "第二项职责"
            found = p.enumerated(q)
            if found is not None:
                return found
        grouped = self.aggregate.projects(q)  # a measure over the tables a person or a condition picks
        if grouped is not None:
            return grouped
        person = p.projects_of_person(q)
        if person is not None:
            return person
        if q.intent == "reason":
            if not q.projects and not q.subjects and not q.ambiguous:  # "归集电子证照数量为什么没达到"
                rows, _ = p.asked_rows(q, None)
                if rows:
                    return p.rows_answer(q, rows)
            return p.reason(q)
        if q.projects:
            return self._project(q)
        if FULL_MARKS.search(q.text) or FILLED_FIELD.search(q.text):
            found = p.filter_projects(q)
            if found is not None:
                return found
        # "哪些项目钱没花完" (budgets not fully executed), "绩效自评的结果怎么样" (the scores as a whole).
        found = None
        if UNSPENT.search(q.text) and ALL_PROJECTS_WORD.search(q.text):
            found = p.unspent_projects(q)
        elif SELF_EVAL.search(q.text) and q.operation not in ("max", "min", "avg", "sum", "filter"):
            found = p.self_evaluation(q)
        if found is not None:
            return found
        if q.all_projects:
            return p.across_projects(q)
        if q.project_field in ("leader", "finance_leader") and not UNIT_QUESTION.search(q.text):
            return p.project_answer(q)
        subjects = q.subjects or tuple(s for g in q.ambiguous for s in g)
        if not subjects:
            return self._indicator_anywhere(q) or self.passages(q)
        # "X下面分成哪几个项" (the lines that make up a total), "哪一项完成预算的比例最低" (their rates compared).
        found = p.complement(q)  # "除了X，其余加起来": the total less X, never the total plus X
        if found is not None:
            return found
        parts = self.aggregate.children(q) or self.aggregate.extreme_rate(q)
        if parts is not None:
            return parts
        if COMPOSITION.search(q.text):  # "公用经费都花哪了": the amount and the report's list of what it holds
            found = p.composition(q)
            if found is not None:
                return found
        if q.intent == "define":
            # A follow-up ("这个科目怎么定义") names its subject only through the conversation.
            # A subject matched by an alias in this very question ("其他用车") is named: its full name would only
            # pull the sentences toward it and away from the question's own words.
            matched = {t for m in q.matches for t in m.targets}
            unnamed = [
                display(s) for s in subjects if display(s).removesuffix("（项）") not in q.text and s not in matched
            ]
            text = "".join(unnamed) + q.text if len(unnamed) == len(subjects) else q.text
            return self.passages(q.with_(text=text), define=True)
        if DIFFERENCE_OF.search(q.rest) and len(subjects) >= 2 and not NUMBER_CUE.search(q.rest):
            found = p.definitions(q, subjects)  # "X跟Y啥区别": what each is, from the report's definitions
            if found is not None:
                return found
        if SHARE_ASK.search(q.text) and len(subjects) == 2 and not q.operation:
            found = p.share(q, subjects[0], subjects[1])  # "X占Y的比例": part ÷ whole, formula shown
            if found is not None:
                return found
        if PER.search(q.text):
            return p.per_unit(q)
        if RATIO_WORD.search(q.rest) and len(subjects) >= 2:
            return p.ratio(q)
        budget_cue = BUDGET_WORD.search(q.rest) and q.measure != "预算完成率" and not GAP_WORD.search(q.rest)
        if budget_cue or BUDGET_AND_ACTUAL.search(q.rest):
            found = p.budget_of(q)
            if found is not None:
                return found
        if re.search(r"各|分别", q.rest) and len(subjects) == 1 and self.table.children(subjects[0]):
            found = self._children(q, subjects)
            if found is not None:
                return found
        if q.year and q.year == self.report.year - 1 and not q.measure.startswith("比上年"):
            found = p.prior_year(q)
            if found is None:
                names = "、".join(subjects)
                return p.not_found(q, f"{names}上一年度的数据（报告没有写明，也没有可以推算的增减额）")
            return found
        if q.intent == "derived":
            found = p.derived(q)
            if found is not None:
                return found
        if q.intent == "list":
            found = self._children(q, subjects) or self.passages(q, define=True)
            if found is not None:
                return found
        return p.figure(q)

    def _project(self, q: Query) -> Evidence | None:
        p = self.planner
        project = p.project(q.projects[0])
        if project is None:
            return None
        if q.project_field == "code":
            return p.project_code(q, project)
        asked = self._asked(q, project)
        if asked is not None:
            return asked
        row = p.best_row(q, project) if NUMBER_CUE.search(q.rest) or INDICATOR_CUE.search(q.rest) else None
        if row is not None and not DEDUCT.search(q.text) and q.project_field not in TEXT_FIELDS:
            return p.indicator_answer(q, project, row)
        fields = project_fields(q.rest)
        if len([f for f in fields if f in PROJECT_MEASURES]) >= 2:
            return self._several_fields(q, fields)
        if q.project_field or DEDUCT.search(q.text):
            found = p.project_answer(q)
            if found is not None:
                return found
        leftover = [t for t in self.sentences.terms(q.rest.replace("□", " ")) if t not in ("情况", "怎么样")]
        asks_figure = NUMBER_CUE.search(q.rest) or INDICATOR_CUE.search(q.rest)
        if leftover and asks_figure and self._names_a_row(leftover, project):
            found = p.indicators(q, project)
            if found is not None:
                return found
        if leftover and NUMBER_CUE.search(q.rest):
            # A figure asked from the table's text: the lines must state a figure next to the words asked.
            found = p.project_passages(q, project)
            said = "".join(piece.text for piece in found.pieces) if found else ""
            residual = residual_terms(q, "", self.planner._folded_text, self.report.body, self.sentences)
            if found and figure_near(fold(said), list(residual.terms) or leftover):
                return found
            return self._residual_lines(q, project.section_id)
        if leftover:
            return p.project_passages(q, project)
        return p.project_summary(q, project)

    def _asked(self, q: Query, project: ProjectTable) -> Evidence | None:
        """Indicator rows named by their words and table fields named by their cues, every one answered.

        "抗震等级是几级" names a row; "推广到了多少个市州、多少个行业部门" two; "自评多少分，负责人是谁" two fields."""
        if DEDUCT.search(q.text):
            return None
        rows, rest = self.planner.asked_rows(q, project)
        fields = [f for f in project_fields(rest) if not (rows and f == "indicators")]
        if rows:
            found = self.planner.rows_answer(q, rows)
            return self._several_fields(q, fields, found) if fields else found
        if len(fields) >= 2:
            return self._several_fields(q, fields)
        return None

    def _several_fields(self, q: Query, fields: list[str], first: Evidence | None = None) -> Evidence | None:
        """ "自评几分？预算执行率多少？": every field asked, in the order asked (after `first`, when given)."""
        merged = Evidence("answered", "project", q.text)
        shown: set[str] = set()
        for field in ([""] if first is not None else []) + fields:
            part = first if field == "" else self.planner.project_answer(q.with_(project_field=field))
            if part is None:
                continue
            for piece in part.pieces:
                if piece.text not in shown:
                    shown.add(piece.text)
                    merged.pieces.append(piece)
            merged.facts.extend(part.facts)
            merged.checks.extend(part.checks)
        return merged if merged.pieces else None

    @staticmethod
    def _names_a_row(terms: list[str], project: object) -> bool:
        """The rest of a project question is mostly an indicator's short name ("等保测评费是多少")."""
        total = sum(len(t) for t in terms if not t.isdigit()) or 1
        for row in getattr(project, "indicators", ()):
            name = re.sub(r"\s", "", fold(row.name))
            score = sum(len(t) for t in terms if not t.isdigit() and t in name)
            if score >= 2 and score / total >= 0.6 and score / len(name) >= 0.5:
                return True
        return False

    def _children(self, q: Query, subjects: tuple[str, ...]) -> Evidence | None:
        ev = Evidence("answered", "list", q.text)
        for subject in subjects:
            parts = self.table.children(subject)
            named = [
                f for f in parts if any(a.removesuffix("支出") in q.text for a in part_aliases(f.subject, subject))
            ]
            parts = named or parts
            if not parts:
                continue
            ev.add(f"{subject}中：" if named else f"{subject}包括：")
            for i, fact in enumerate(parts):
                sep = "；" if i < len(parts) - 1 else "。"
                ev.add(f"{self.planner.phrase(fact, with_subject=True)}{sep}", self.planner.span(fact))
                ev.facts.append(fact)
        return ev if ev.pieces else None

    def _indicator_anywhere(self, q: Query) -> Evidence | None:
        """An indicator named without its project ("归集电子证照数量的完成比例")."""
        rows, _ = self.planner.asked_rows(q, None)
        if rows:
            return self.planner.rows_answer(q, rows)
        terms = [t for t in self.sentences.terms(q.text) if not t.isdigit()]
        total = sum(len(t) for t in terms) or 1
        # Without a word about indicators the question must name the row almost word for word.
        needed = 0.6 if INDICATOR_CUE.search(q.text) else 0.9
        best = None
        for project in self.report.projects:
            for row in project.indicators:
                score = sum(len(t) for t in terms if t in fold(row.name))
                if score >= 4 and score / total >= needed and (best is None or score > best[0]):
                    best = (score, project)
        if best is None:
            return None
        return self.planner.indicators(q.with_(projects=(best[1].name,)), best[1])

    def passages(self, q: Query, define: bool = False) -> Evidence | None:
        """The best sentences from the retrieved chunks (and, in the full pipeline, the whole report)."""
        spans = self._retrieved_spans(q.text)
        prefer = DEFINITION if define else None
        found = self.sentences.best(q.text, boosted=spans, only_boosted=self.baseline, prefer=prefer)
        if not found:
            return None
        spans = [item.sentence.span for item in found]
        # "工会经费花了多少": one item of another subject's long list states no amount of its own
        return self.planner.list_item_only(q, spans) or self._sentences_evidence(q, spans)

    def _sentences_evidence(self, q: Query, spans: list[Span], lead: str = "") -> Evidence:
        """Report sentences as an answer, each cited: the PDF's stray spaces and line breaks go, the citation
        keeps the exact text."""
        ev = Evidence("answered", "passages", q.text)
        if lead:
            ev.add(lead)
        for span in spans:
            text = CJK_DIGIT_GAP.sub("", re.sub(r"\s*\n\s*", "", self.report.clean_text[span.start : span.end]))
            ev.add(text if text.endswith(("。", "！", "？", "；")) else text + "。", span)
        return ev

    def _retrieved_spans(self, text: str) -> set[tuple[int, int]]:
        if self.index is None:
            return set()
        try:
            with self._search_lock:
                hits = self.index.search(text, k=max(self.top_k, 5))
        except Exception:
            log.exception("search failed")
            return set()
        spans = set()
        for hit in hits:
            meta = hit.chunk.metadata
            start, end = meta.get("start"), meta.get("end")
            if isinstance(start, int) and isinstance(end, int) and end > start:
                spans.add((start, end))
        return spans


def _listable(name: str) -> bool:
    """An indicator name a refusal can suggest: no digit (a refusal states no figure, and a name with its digits
    cut reads wrong) and short enough to type."""
    return not re.search(r"\d", name) and len(name) <= LISTED_NAME
