"""The routes, in order: which answerer answers which plan.

Order matters and is written out plainly (`Routes.all`): refusals of what the report cannot hold first (another
year or body, a project figure of another year, personal data); then internal units and numbered lists, the
project tables a person or a condition picks, reasons, one project's table, questions across all projects,
derived figures over the subjects named, and the stated figure; last the report's best sentences and a refusal
naming the closest sections. A figure question no answerer can answer never falls back to a sentence with some
other number in it unless that sentence covers the question.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer.coverage import figure_near, residual_terms
from assistant.answer.registry import Route
from assistant.compose.wording import display
from assistant.evidence.records import Evidence
from assistant.evidence.spans import one_line as _one_line
from assistant.understand.cues import CUES
from assistant.understand.followup import share_whole
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.plan import Plan
from corpus import ProjectTable

if TYPE_CHECKING:
    from assistant.answer.answerers import Answerers

# Fields that ask for a table cell's text, never an indicator row ("目标" may be an indicator's target: not here).
TEXT_FIELDS = ("problems", "improvements", "conclusion", "leader", "finance_leader")
AGGREGATE_OPS = ("max", "min", "avg", "sum", "filter")
LISTED_ROWS = 8  # indicator names a refusal suggests
LISTED_NAME = 20  # longer names are grading text (高：…中：…), not names to ask by
VAGUE_WORDS = CUES.words("vague_words")
NOT_FOUND = "与这个问题直接相关的内容"
RATE_NAMES = {"预算完成率": "预算完成率", "占比": "占比", "比上年增减率": "增减率", "数量": "数量"}


def subjects(q: Plan) -> tuple[str, ...]:
    """The subjects named, an ambiguous mention's candidates included."""
    return q.subjects or tuple(s for g in q.ambiguous for s in g)


def asks_figure(q: Plan) -> bool:
    return q.asks("number_cue") or q.asks("indicator_cue")


class Routes:
    """The predicates and small compositions of the route table; the answering itself is the answerers'."""

    def __init__(self, a: Answerers) -> None:
        self.a = a
        self.year = a.report.year

    def all(self) -> list[Route]:
        a = self.a
        return [
            # ---- scope: what the report cannot hold is refused, never answered by a neighbour
            Route("baseline", self.baseline, a.passages.passages, tier="scope"),
            Route("baseline_not_found", self.baseline, self.nothing, tier="scope"),
            Route("out_of_scope", self.always, self.out_of_scope, tier="scope"),
            Route("project_other_year", self.names_project, self.project_other_year, tier="scope"),
            Route("not_held", self.asks_unheld, self.not_held, tier="scope"),
            # ---- answers
            Route("share_of_whole", self.asks_share_of_whole, a.shares.shares),  # "占全年总支出的比例呢"
            Route("internal_unit", self.asks_unit, a.lists.unit_by_word),  # "管网站的是哪个处"
            Route("numbered_list", self.names_nothing, a.lists.enumerated),  # "主要职责有几项", "第二项职责"
            Route("tables_by_condition", self.always, a.conditions.projects),  # "唐为之负责的项目执行数合计"
            Route("projects_of_person", self.names_person, a.fields.projects_of_person),
            Route("indicator_reason", self.reason_of_nothing, self.indicator_reason),  # "归集电子证照为什么没达到"
            Route("project_reason", self.project_reason_asked, self.project_reason, final=True),
            Route("reason", self.reason_asked, a.reasons.reason, final=True),
            Route("project_unknown", self.unknown_project, self.nothing_here, final=True),
            Route("complement", self.names_subject, a.derived.complement),  # "除了X，其余加起来": T − X, never T + X
            Route("aggregate", self.asks_aggregate, self.aggregate),  # any collection: "哪类最多", "有几个超过…"
            Route("project_code", self.asks_code, self.project_code, final=True),
            Route("project_asked", self.one_project, self.project_asked),
            Route("project_indicator", self.one_project, self.project_indicator),
            Route("project_fields", self.asks_figures_of_project, self.project_fields, final=True),
            Route("project_field", self.asks_project_field, a.fields.project_answer),
            Route("project_indicators", self.names_project_row, self.project_indicators),
            Route("project_text_figure", self.asks_project_text_figure, self.project_text_figure, final=True),
            Route("project_text", self.asks_project_text, self.project_text, final=True),
            Route("project_summary", self.one_project, self.project_summary, final=True),
            Route("filter_projects", self.filters_projects, a.across.filter_projects),  # "没拿满分的是哪几个"
            Route("unspent_projects", self.asks_unspent, a.across.unspent_projects),  # "哪些项目钱没花完"
            Route("self_evaluation", self.asks_self_evaluation, a.across.self_evaluation),
            Route("across_projects", self.across_projects, a.across.across_projects, final=True),
            Route("leaders", self.asks_leaders, a.fields.project_answer, final=True),
            Route("indicator_anywhere", self.names_no_subject, a.rows.indicator_anywhere),
            Route("passages_no_subject", self.names_no_subject, a.passages.passages, final=True),
            Route("parts", self.names_subject, a.parts.children),  # "X下面分成哪几个项"
            Route("extreme_rate", self.names_subject, a.parts.extreme_rate),  # "哪一项完成预算的比例最低"
            Route("composition", self.asks_composition, a.figures.composition),  # "公用经费都花哪了"
            Route("kinds", self.asks_kinds, self.kinds),  # "公务用车都是什么车": the kinds it is counted in
            Route("define", self.asks_definition, self.define, final=True),
            Route("definitions", self.asks_difference_of_terms, self.definitions),  # "X跟Y啥区别"
            Route("share_of_two", self.asks_share_of_two, self.share_of_two),  # "X占Y的比例"
            Route("per_unit", self.asks_per_unit, a.derived.per_unit, final=True),
            Route("ratio", self.asks_ratio, a.derived.ratio, final=True),
            Route("budget", self.asks_budget, a.derived.budget_of),
            Route("each_part", self.asks_each_part, self.each_part),
            Route("prior_year", self.asks_prior_year, self.prior_year, final=True),
            Route("change_prior_year", self.asks_change_prior_year, a.derived.prior_year),
            Route("extreme_part", self.asks_extreme_part, self.extreme_part),  # "三公经费中哪项最多"
            Route("share", self.derives("share"), self.share_of_two),
            Route("difference", self.derives("difference"), self.difference),
            Route("sum", self.derives("sum"), self.sum),
            Route("list_parts", self.asks_list, self.each_part),
            Route("list_passages", self.asks_list, self.definition_passages),
            Route("figure", self.names_subject, a.figures.figure, final=True),
            # ---- fallbacks: the report's own sentences, else a refusal naming the closest sections
            Route("project_lines", self.about_project, self.project_lines, tier="fallback"),
            Route("outside_projects", self.about_project, a.passages.outside_projects, tier="fallback"),
            Route("project_not_found", self.about_project, self.project_not_found, tier="fallback"),
            Route("usage", self.asks_figure_of_usage, a.figures.by_usage, tier="fallback"),  # "工伤险、失业险交了多少"
            Route("passages", self.always, a.passages.passages, tier="fallback"),
            Route("section", self.always, self.section, tier="fallback"),  # "国有资产有多少"
            Route("rare_word", self.asks_no_figure, self.rare_word, tier="fallback"),  # "哪家电视台"
            Route("not_found", self.always, self.nothing, tier="fallback"),
        ]

    # ------------------------------------------------------------------ predicates
    def always(self, q: Plan) -> bool:
        return True

    def baseline(self, q: Plan) -> bool:
        return self.a.baseline

    def names_project(self, q: Plan) -> bool:
        return bool(q.projects)

    def asks_unheld(self, q: Plan) -> bool:
        return bool(q.unheld)

    def asks_share_of_whole(self, q: Plan) -> bool:
        return bool(q.whole) and bool(q.subjects or q.projects or q.ambiguous)

    def asks_aggregate(self, q: Plan) -> bool:
        """An aggregate over a catalogue collection; tables picked by a person or a field condition are the
        condition route's (it reads them)."""
        by_condition = q.collection == "projects" and bool(q.people or q.conditions)
        return bool(q.aggregate and q.collection) and not by_condition

    def asks_unit(self, q: Plan) -> bool:
        return q.says("unit_question")

    def names_nothing(self, q: Plan) -> bool:
        return not q.matches and not (q.rank and q.operation in ("max", "min"))

    def names_person(self, q: Plan) -> bool:
        return bool(q.people)

    def reason_asked(self, q: Plan) -> bool:
        return q.intent == "reason"

    def reason_of_nothing(self, q: Plan) -> bool:
        return self.reason_asked(q) and not (q.projects or q.subjects or q.ambiguous)

    def project_reason_asked(self, q: Plan) -> bool:
        return self.reason_asked(q) and bool(q.projects)

    def table(self, q: Plan) -> ProjectTable | None:
        return self.a.kit.project(q.projects[0]) if q.projects else None

    def unknown_project(self, q: Plan) -> bool:
        return bool(q.projects) and q.intent != "reason" and self.table(q) is None

    def one_project(self, q: Plan) -> bool:
        return bool(q.projects) and q.intent != "reason" and self.table(q) is not None

    def asks_code(self, q: Plan) -> bool:
        return self.one_project(q) and q.project_field == "code"

    def asks_figures_of_project(self, q: Plan) -> bool:
        return self.one_project(q) and len([f for f in q.fields if f in PROJECT_MEASURES]) >= 2

    def asks_project_field(self, q: Plan) -> bool:
        return self.one_project(q) and bool(q.project_field or q.says("deduct"))

    def leftover(self, q: Plan) -> list[str]:
        """The words of a project question beyond the project's name and vague words."""
        return [t for t in self.a.sentences.terms(q.rest.replace("□", " ")) if t not in VAGUE_WORDS]

    def names_project_row(self, q: Plan) -> bool:
        if not (self.one_project(q) and asks_figure(q)):
            return False
        leftover = self.leftover(q)
        return bool(leftover) and self.a.rows.names_a_row(leftover, self.table(q))

    def asks_project_text_figure(self, q: Plan) -> bool:
        return self.one_project(q) and bool(self.leftover(q)) and q.asks("number_cue")

    def asks_project_text(self, q: Plan) -> bool:
        return self.one_project(q) and bool(self.leftover(q))

    def filters_projects(self, q: Plan) -> bool:
        return q.says("full_marks") or q.says("filled_field")

    def asks_unspent(self, q: Plan) -> bool:
        return q.says("unspent") and q.says("all_projects_word")

    def asks_self_evaluation(self, q: Plan) -> bool:
        return not self.asks_unspent(q) and q.says("self_eval") and q.operation not in AGGREGATE_OPS

    def across_projects(self, q: Plan) -> bool:
        return q.all_projects

    def asks_leaders(self, q: Plan) -> bool:
        return q.project_field in ("leader", "finance_leader") and not q.says("unit_question")

    def names_subject(self, q: Plan) -> bool:
        return bool(subjects(q))

    def names_no_subject(self, q: Plan) -> bool:
        return not subjects(q)

    def asks_composition(self, q: Plan) -> bool:
        return self.names_subject(q) and q.says("composition")

    def asks_definition(self, q: Plan) -> bool:
        return self.names_subject(q) and q.intent == "define"

    def asks_kinds(self, q: Plan) -> bool:
        named = subjects(q)
        return self.asks_definition(q) and len(named) == 1 and bool(self.a.table.children(named[0], "数量"))

    def asks_difference_of_terms(self, q: Plan) -> bool:
        return len(subjects(q)) >= 2 and q.asks("difference_of") and not q.asks("number_cue")

    def asks_share_of_two(self, q: Plan) -> bool:
        return len(subjects(q)) == 2 and q.says("share_ask") and not q.operation

    def asks_per_unit(self, q: Plan) -> bool:
        return self.names_subject(q) and bool(q.per)

    def asks_ratio(self, q: Plan) -> bool:
        return len(subjects(q)) >= 2 and q.asks("ratio_word")

    def asks_budget(self, q: Plan) -> bool:
        budget = q.asks("budget_word") and q.measure != "预算完成率"
        return self.names_subject(q) and (budget or q.asks("budget_and_actual"))

    def asks_each_part(self, q: Plan) -> bool:
        named = subjects(q)
        return len(named) == 1 and q.asks("each") and bool(self.a.table.children(named[0]))

    def last_year(self, q: Plan) -> bool:
        return bool(q.year) and q.year == self.year - 1

    def asks_prior_year(self, q: Plan) -> bool:
        return self.names_subject(q) and self.last_year(q) and not q.measure.startswith("比上年")

    def derived(self, q: Plan) -> bool:
        return self.names_subject(q) and q.intent == "derived"

    def asks_change_prior_year(self, q: Plan) -> bool:
        return self.derived(q) and self.last_year(q)

    def asks_extreme_part(self, q: Plan) -> bool:
        return self.derived(q) and not self.last_year(q) and q.operation in ("max", "min")

    def derives(self, operation: str):
        return lambda q: (
            self.derived(q) and not self.last_year(q) and q.operation == operation and len(subjects(q)) >= 2
        )

    def asks_list(self, q: Plan) -> bool:
        return self.names_subject(q) and q.intent == "list"

    def about_project(self, q: Plan) -> bool:
        return bool(q.projects) and q.intent in ("project", "reason")

    def asks_figure_of_usage(self, q: Plan) -> bool:
        return q.asks("number_cue") and not q.projects

    def asks_no_figure(self, q: Plan) -> bool:
        return not q.asks("number_cue")

    # ------------------------------------------------------------------ answers composed here
    def nothing(self, q: Plan) -> Evidence:
        return self.a.kit.not_found(q, NOT_FOUND)

    def nothing_here(self, q: Plan) -> None:
        return None

    def aggregate(self, q: Plan) -> Evidence | None:
        low = q.operation == "min"
        shared = q.measure == "占比" and q.subjects and q.aggregate == "sum"
        whole = (share_whole(q) or q.subjects[-1]) if shared else ""
        found = self.a.aggregates.run(
            q.text, q.collection, q.attribute, q.aggregate, q.filters, q.rank, lowest_first=low, share_of=whole
        )
        return found.evidence if found is not None else None

    def out_of_scope(self, q: Plan) -> Evidence | None:
        # The tables' people and conditions pick tables: they name no body or project the report lacks.
        return self.a.scope.out_of_scope(q.with_(text=q.text_without_people))

    def project_other_year(self, q: Plan) -> Evidence | None:
        project = self.table(q)
        if project is None or not self.a.scope.other_year(q, project):
            return None
        what = f"“{project.name}”所问年度的数据：项目绩效自评表只记载本报告年度的预算执行和绩效情况"
        return self.a.kit.not_found(q, what)

    def not_held(self, q: Plan) -> Evidence:  # "负责人的身份证号"
        return self.a.kit.not_found(q, f"“{'、'.join(q.unheld)}”：报告中没有这类信息")

    def indicator_reason(self, q: Plan) -> Evidence | None:
        rows, _ = self.a.rows.asked_rows(q, None)
        return self.a.rows.rows_answer(q, rows) if rows else None

    def project_reason(self, q: Plan) -> Evidence | None:
        return self.a.texts.project_reason(q, self.table(q))

    def project_code(self, q: Plan) -> Evidence | None:
        return self.a.fields.project_code(q, self.table(q))  # type: ignore[arg-type]

    def project_asked(self, q: Plan) -> Evidence | None:
        return self.a.fields.asked(q, self.table(q))  # type: ignore[arg-type]

    def project_indicator(self, q: Plan) -> Evidence | None:
        project = self.table(q)
        row = self.a.rows.best_row(q, project) if asks_figure(q) else None  # type: ignore[arg-type]
        if row is None or q.says("deduct") or q.project_field in TEXT_FIELDS:
            return None
        return self.a.rows.indicator_answer(q, project, row)  # type: ignore[arg-type]

    def project_fields(self, q: Plan) -> Evidence | None:
        return self.a.fields.several_fields(q, list(q.fields))

    def project_indicators(self, q: Plan) -> Evidence | None:
        return self.a.rows.indicators(q, self.table(q))  # type: ignore[arg-type]

    def project_text_figure(self, q: Plan) -> Evidence | None:
        """A figure asked from the table's text: the lines must state a figure next to the words asked."""
        a, project = self.a, self.table(q)
        assert project is not None
        found = a.texts.project_passages(q, project)
        said = "".join(piece.text for piece in found.pieces) if found else ""
        residual = residual_terms(q, "", a.kit.folded_text, a.report.body, a.sentences)
        if found and figure_near(fold(said), list(residual.terms) or self.leftover(q)):
            return found
        return a.passages.residual_lines(q, project.section_id)

    def project_text(self, q: Plan) -> Evidence | None:
        return self.a.texts.project_passages(q, self.table(q))  # type: ignore[arg-type]

    def project_summary(self, q: Plan) -> Evidence | None:
        return self.a.fields.project_summary(q, self.table(q))  # type: ignore[arg-type]

    def define(self, q: Plan) -> Evidence | None:
        """A follow-up ("这个科目怎么定义") names its subject only through the conversation: its name leads the
        search. A subject matched by an alias in this very question ("其他用车") is named already: its full name
        would only pull the sentences toward it and away from the question's own words."""
        named = subjects(q)
        matched = {t for m in q.matches for t in m.targets}
        unnamed = [display(s) for s in named if display(s).removesuffix("（项）") not in q.text and s not in matched]
        text = "".join(unnamed) + q.text if len(unnamed) == len(named) else q.text
        return self.a.passages.passages(q.with_(text=text), define=True)

    def kinds(self, q: Plan) -> Evidence | None:
        """The kinds a subject is counted in ("公务用车 4 辆：轿车 3 辆、载客汽车 1 辆"), in the report's clause."""
        subject = subjects(q)[0]
        parts = self.a.table.children(subject, "数量")
        ev = Evidence("answered", "list", q.text)
        ev.add(f"{self.a.kit.name(subject)}按类型分：")
        self.a.kit.group_text(parts, ev)
        return ev

    def definitions(self, q: Plan) -> Evidence | None:
        return self.a.figures.definitions(q, subjects(q))

    def share_of_two(self, q: Plan) -> Evidence | None:
        named = subjects(q)
        return self.a.derived.share(q, named[0], named[1])

    def difference(self, q: Plan) -> Evidence | None:
        named = subjects(q)
        return self.a.derived.binary(q, "difference", named[0], named[1])

    def sum(self, q: Plan) -> Evidence | None:
        return self.a.derived.sum_of(q, list(subjects(q)))

    def each_part(self, q: Plan) -> Evidence | None:
        return self.a.lists.children(q, subjects(q))

    def prior_year(self, q: Plan) -> Evidence:
        found = self.a.derived.prior_year(q)
        if found is None:
            names = "、".join(self.a.kit.name(s) for s in subjects(q))
            if q.measure not in ("", "决算数", "比上年增减额"):  # a rate of last year: no change states it
                what = f"{names}上一年度的{RATE_NAMES.get(q.measure, q.measure)}（报告只写了本年度的，也无从推算）"
                return self.a.kit.not_found(q, what)
            return self.a.kit.not_found(q, f"{names}上一年度的数据（报告没有写明，也没有可以推算的增减额）")
        return found

    def extreme_part(self, q: Plan) -> Evidence | None:
        return self.a.derived.extreme_children(q, list(subjects(q)))

    def definition_passages(self, q: Plan) -> Evidence | None:
        return self.a.passages.passages(q, define=True)

    def project_lines(self, q: Plan) -> Evidence | None:
        """The table's sentences that share the question's distinctive words, else its residual lines."""
        project = self.table(q)
        if project is None:
            return None
        return self.a.texts.table_lines(q, project) or self.a.passages.residual_lines(q, project.section_id)

    def project_not_found(self, q: Plan) -> Evidence:
        project = self.table(q)
        what = f"“{q.projects[0]}”绩效自评表中与这个问题相关的内容"
        if project is not None and project.indicators and asks_figure(q):
            # A figure no row holds: the rows the table does list, so the question can be asked by them.
            # A refusal states no figure: only the names without one, and a handful of them.
            names = [n for n in dict.fromkeys(_one_line(r.name) for r in project.indicators) if _listable(n)]
            more = "等" if len(names) > LISTED_ROWS else ""
            if names:
                listed = "；".join(names[:LISTED_ROWS]) + more
                what += f"（该表列出的绩效指标有：{listed}。可以换用这些指标名称再问）"
        return self.a.kit.not_found(q, what)

    def section(self, q: Plan) -> Evidence | None:
        named = self.a.sentences.section_named(q.text)
        return self.a.passages.sentences_evidence(q, named) if named else None

    def rare_word(self, q: Plan) -> Evidence | None:
        spans = self.a.lists.rare_word(q)
        return self.a.passages.sentences_evidence(q, spans) if spans else None


def _listable(name: str) -> bool:
    """An indicator name a refusal can suggest: no digit (a refusal states no figure, and a name with its digits
    cut reads wrong) and short enough to type."""
    return not re.search(r"\d", name) and len(name) <= LISTED_NAME
