"""Routing: which answerer answers a parsed question, and the retrieval fallback.

Order matters and is written out plainly: out-of-scope checks first (another year or body: not_found), then a
named person, a reason, a project, a question across all projects, figures and calculations on named subjects,
and last the best sentences of the report. A figure question that the fact table cannot answer never falls
back to a sentence with some other number in it unless that sentence covers the question.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.answer.across_projects import AcrossProjects
from assistant.answer.coverage import figure_near, residual_terms
from assistant.answer.derived import Derived
from assistant.answer.figures import Figures
from assistant.answer.indicators import Indicators
from assistant.answer.lists import Lists
from assistant.answer.parts import Parts
from assistant.answer.passages import Passages
from assistant.answer.project_conditions import ProjectConditions
from assistant.answer.project_text import ProjectText
from assistant.answer.projects import ProjectFields
from assistant.answer.reasons import Reasons
from assistant.answer.scope import Scope
from assistant.answer.toolkit import Toolkit
from assistant.compose.wording import display
from assistant.evidence.facts import FactTable
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import SentenceIndex
from assistant.evidence.spans import one_line as _one_line
from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.everyday import EverydayNames
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES, project_fields
from assistant.understand.plan import Plan
from corpus import Report

log = logging.getLogger(__name__)


# Evidence picked by a recognised subject or project (not by the question's words): checked for residual terms.
CHECKED_KINDS = ("figure", "project_figures")


# Fields that ask for a table cell's text, never an indicator row ("目标" may be an indicator's target: not here).
TEXT_FIELDS = ("problems", "improvements", "conclusion", "leader", "finance_leader")
LISTED_ROWS = 8  # indicator names a refusal suggests
LISTED_NAME = 20  # longer names are grading text (高：…中：…), not names to ask by
VAGUE_WORDS = CUES.words("vague_words")


class Router:
    """Picks the answerer for a parsed question."""

    def __init__(
        self,
        report: Report,
        catalogue: Catalogue,
        table: FactTable,
        sentences: SentenceIndex,
        index: Any,
        top_k: int,
        baseline: bool,
    ) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.kit = kit = Toolkit(report, catalogue, table, sentences)
        self.everyday = EverydayNames(report)
        self.scope = Scope(kit)
        self.figures = Figures(kit)
        self.derived = Derived(kit)
        self.reasons = Reasons(kit)
        self.lists = Lists(kit)
        self.parts = Parts(kit)
        self.conditions = ProjectConditions(kit)
        self.rows = Indicators(kit)
        self.texts = ProjectText(kit, self.rows)
        self.fields = ProjectFields(kit, self.rows, self.texts)
        self.across = AcrossProjects(kit)
        self.passages = Passages(kit, index, top_k, baseline)
        self.baseline = baseline

    def plan(self, q: Plan) -> Evidence:
        """The evidence for an answer, or a not_found with the closest sections."""
        if self.baseline:
            return self.passages.passages(q) or self.kit.not_found(q, "与这个问题直接相关的内容")
        scoped = self.scope.out_of_scope(q.with_(text=q.text_without_people))
        if scoped is not None:
            return scoped
        project = self.kit.project(q.projects[0]) if q.projects else None
        if project is not None and self.scope.other_year(q, project):
            log.info("project %s asked for another year: %s", project.name, q.years)
            what = f"“{project.name}”所问年度的数据：项目绩效自评表只记载本报告年度的预算执行和绩效情况"
            return self.kit.not_found(q, what)
        if q.unheld:  # "负责人的身份证号": what the report cannot hold is refused, never answered by a neighbour
            log.info("asked attributes %s not in the report: %r", q.unheld, q.text)
            return self.kit.not_found(q, f"“{'、'.join(q.unheld)}”：报告中没有这类信息")
        evidence = self._route(q)
        if evidence is not None and evidence.pieces:
            return self._check_residual(q, evidence)
        if q.projects and q.intent in ("project", "reason"):
            if project is not None:
                # The table's sentences that share the question's distinctive words, else its residual lines.
                lines = self.texts.table_lines(q, project) or self.passages.residual_lines(q, project.section_id)
                if lines is not None:
                    return lines
            outside = self.passages.outside_projects(q)  # a project named as an example ("12345热线归哪条职责")
            if outside is not None:
                return outside
            what = f"“{q.projects[0]}”绩效自评表中与这个问题相关的内容"
            asks_figure = q.asks("number_cue") or q.asks("indicator_cue")
            if project is not None and project.indicators and asks_figure:
                # A figure no row holds: the rows the table does list, so the question can be asked by them.
                # A refusal states no figure: only the names without one, and a handful of them.
                names = [n for n in dict.fromkeys(_one_line(r.name) for r in project.indicators) if _listable(n)]
                more = "等" if len(names) > LISTED_ROWS else ""
                if names:
                    listed = "；".join(names[:LISTED_ROWS]) + more
                    what += f"（该表列出的绩效指标有：{listed}。可以换用这些指标名称再问）"
            return self.kit.not_found(q, what)
        if q.asks("number_cue") and not q.projects:  # "工伤险、失业险交了多少": a subject's usage sentence
            described = self.figures.by_usage(q)
            if described is not None:
                return described
        fallback = self.passages.passages(q)
        if fallback is not None:
            return fallback
        named = self.sentences.section_named(q.text)  # "国有资产有多少": the section its heading names
        if named:
            return self.passages.sentences_evidence(q, named)
        # "哪家电视台": the one sentence anywhere that uses the word (a figure asked is never answered this way)
        rare = [] if q.asks("number_cue") else self.lists.rare_word(q)
        if rare:
            return self.passages.sentences_evidence(q, rare)
        return self.kit.not_found(q, "与这个问题直接相关的内容")

    def _check_residual(self, q: Plan, evidence: Evidence) -> Evidence:
        """A figure chosen by its subject answers only if the question asks nothing the figure does not cover.

        Otherwise the sentences that do cover the rest answer it, or, when the report nowhere says it, a
        not_found that names what is missing (never the nearest figure)."""
        if evidence.status != "answered" or evidence.kind not in CHECKED_KINDS:
            return evidence
        said = "".join(p.text for p in evidence.pieces)
        residual = residual_terms(q, said, self.kit.folded_text, self.report.body, self.sentences)
        if not residual.terms:
            return evidence
        log.info("residual terms %s for %r", residual.terms, q.text)
        if residual.missing:
            return self.kit.not_found(q, f"关于“{'、'.join(residual.missing)}”的内容")
        project = self.kit.project(q.projects[0]) if q.projects else None
        found = self.passages.residual_lines(q, project.section_id if project else None, residual)
        if found is not None:
            return found
        described = self.figures.by_usage(q) if q.asks("number_cue") else None
        if described is not None:  # "公车加油、过路费": words of the sentence saying what one subject covers
            return described
        names = "、".join(residual.terms)
        if q.asks("number_cue"):  # the report mentions it, but states no figure for it
            return self.kit.not_found(q, f"“{names}”的具体数额：报告提到了它，但没有单独列出数字")
        return self.kit.not_found(q, f"关于“{names}”的内容")

    def _route(self, q: Plan) -> Evidence | None:
        if q.says("unit_question"):  # "管网站的是哪个处": a unit whose listed name carries the word
            found = self.lists.unit_by_word(q)
            if found is not None:
                return found
        if not q.matches and not (q.rank and q.operation in ("max", "min")):  # "主要职责有几项", "第二项职责"
            found = self.lists.enumerated(q)
            if found is not None:
                return found
        grouped = self.conditions.projects(q)  # a measure over the tables a person or a condition picks
        if grouped is not None:
            return grouped
        person = self.fields.projects_of_person(q)
        if person is not None:
            return person
        if q.intent == "reason":
            if not q.projects and not q.subjects and not q.ambiguous:  # "归集电子证照数量为什么没达到"
                rows, _ = self.rows.asked_rows(q, None)
                if rows:
                    return self.rows.rows_answer(q, rows)
            if q.projects:
                return self.texts.project_reason(q, self.kit.project(q.projects[0]))
            return self.reasons.reason(q)
        if q.projects:
            return self._project(q)
        if q.says("full_marks") or q.says("filled_field"):
            found = self.across.filter_projects(q)
            if found is not None:
                return found
        # "哪些项目钱没花完" (budgets not fully executed), "绩效自评的结果怎么样" (the scores as a whole).
        found = None
        if q.says("unspent") and q.says("all_projects_word"):
            found = self.across.unspent_projects(q)
        elif q.says("self_eval") and q.operation not in ("max", "min", "avg", "sum", "filter"):
            found = self.across.self_evaluation(q)
        if found is not None:
            return found
        if q.all_projects:
            return self.across.across_projects(q)
        if q.project_field in ("leader", "finance_leader") and not q.says("unit_question"):
            return self.fields.project_answer(q)
        subjects = q.subjects or tuple(s for g in q.ambiguous for s in g)
        if not subjects:
            return self.rows.indicator_anywhere(q) or self.passages.passages(q)
        # "X下面分成哪几个项" (the lines that make up a total), "哪一项完成预算的比例最低" (their rates compared).
        found = self.derived.complement(q)  # "除了X，其余加起来": the total less X, never the total plus X
        if found is not None:
            return found
        parts = self.parts.children(q) or self.parts.extreme_rate(q)
        if parts is not None:
            return parts
        if q.says("composition"):  # "公用经费都花哪了": the amount and the report's list of what it holds
            found = self.figures.composition(q)
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
            return self.passages.passages(q.with_(text=text), define=True)
        if q.asks("difference_of") and len(subjects) >= 2 and not q.asks("number_cue"):
            found = self.figures.definitions(q, subjects)  # "X跟Y啥区别": what each is, from the report's definitions
            if found is not None:
                return found
        if q.says("share_ask") and len(subjects) == 2 and not q.operation:
            found = self.derived.share(q, subjects[0], subjects[1])  # "X占Y的比例": part ÷ whole, formula shown
            if found is not None:
                return found
        if q.per:
            return self.derived.per_unit(q)
        if q.asks("ratio_word") and len(subjects) >= 2:
            return self.derived.ratio(q)
        budget_cue = q.asks("budget_word") and q.measure != "预算完成率" and not q.asks("gap_word")
        if budget_cue or q.asks("budget_and_actual"):
            found = self.derived.budget_of(q)
            if found is not None:
                return found
        if q.asks("each") and len(subjects) == 1 and self.table.children(subjects[0]):
            found = self.lists.children(q, subjects)
            if found is not None:
                return found
        if q.year and q.year == self.report.year - 1 and not q.measure.startswith("比上年"):
            found = self.derived.prior_year(q)
            if found is None:
                names = "、".join(subjects)
                return self.kit.not_found(q, f"{names}上一年度的数据（报告没有写明，也没有可以推算的增减额）")
            return found
        if q.intent == "derived":
            found = self.derived.derived(q)
            if found is not None:
                return found
        if q.intent == "list":
            found = self.lists.children(q, subjects) or self.passages.passages(q, define=True)
            if found is not None:
                return found
        return self.figures.figure(q)

    def _project(self, q: Plan) -> Evidence | None:
        project = self.kit.project(q.projects[0])
        if project is None:
            return None
        if q.project_field == "code":
            return self.fields.project_code(q, project)
        asked = self.fields.asked(q, project)
        if asked is not None:
            return asked
        row = self.rows.best_row(q, project) if q.asks("number_cue") or q.asks("indicator_cue") else None
        if row is not None and not q.says("deduct") and q.project_field not in TEXT_FIELDS:
            return self.rows.indicator_answer(q, project, row)
        fields = project_fields(q.rest)
        if len([f for f in fields if f in PROJECT_MEASURES]) >= 2:
            return self.fields.several_fields(q, fields)
        if q.project_field or q.says("deduct"):
            found = self.fields.project_answer(q)
            if found is not None:
                return found
        leftover = [t for t in self.sentences.terms(q.rest.replace("□", " ")) if t not in VAGUE_WORDS]
        asks_figure = q.asks("number_cue") or q.asks("indicator_cue")
        if leftover and asks_figure and self.rows.names_a_row(leftover, project):
            found = self.rows.indicators(q, project)
            if found is not None:
                return found
        if leftover and q.asks("number_cue"):
            # A figure asked from the table's text: the lines must state a figure next to the words asked.
            found = self.texts.project_passages(q, project)
            said = "".join(piece.text for piece in found.pieces) if found else ""
            residual = residual_terms(q, "", self.kit.folded_text, self.report.body, self.sentences)
            if found and figure_near(fold(said), list(residual.terms) or leftover):
                return found
            return self.passages.residual_lines(q, project.section_id)
        if leftover:
            return self.texts.project_passages(q, project)
        return self.fields.project_summary(q, project)


def _listable(name: str) -> bool:
    """An indicator name a refusal can suggest: no digit (a refusal states no figure, and a name with its digits
    cut reads wrong) and short enough to type."""
    return not re.search(r"\d", name) and len(name) <= LISTED_NAME
