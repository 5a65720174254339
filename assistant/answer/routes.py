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

from assistant.answer.registry import Route
from assistant.answer.route_answers import RouteAnswers, asks_figure, subjects
from assistant.evidence.records import Evidence
from assistant.execute.found_shares import overall_rate
from assistant.understand.collection_shares import is_collection
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.plan import Plan
from assistant.understand.said_twice import stated_twice
from corpus import ProjectTable

if TYPE_CHECKING:
    from assistant.answer.answerers import Answerers

# Fields that ask for a table cell's text, never an indicator row ("目标" may be an indicator's target: not here).
ROW_POINTS = CUES.cue("row_score_word")  # a weight is an indicator row's, never a table's
AGGREGATE_OPS = ("max", "min", "avg", "sum", "filter")

KIND_WORD = CUES.cue("kind_word")
WHICH_ITEM = CUES.cue("which_item")
STATED_MEASURES = ("比上年增减额", "比上年增减率", "预算完成率", "占比")  # figures a subject states, or not


class Routes(RouteAnswers):
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
            Route("stated_twice", self.asks_stated_twice, self.stated_twice),  # "一处写A、另一处写B，哪个对"
            Route("matched_figure", self.asks_matched_figure, self.matched_figure),  # "差额跟哪一项对得上"
            Route("by_value", self.asks_by_value, a.by_value.answer),  # "15952.21万元对应的是哪个科目"
            Route("staff_change", a.staff.asks, a.staff.net_change),  # "人是多了还是少了": joiners − leavers
            Route("share_of_sum", self.asks_share_of_sum, self.share_of_sum),  # "A和B加起来占X的比例"
            Route("share_of_members", self.asks_share_of_members, self.share_of_members),  # "占12个项目合计的比重"
            Route("share_of_whole", self.asks_share_of_whole, a.shares.shares),  # "在全年支出里占几成"
            Route("internal_unit", self.asks_unit, a.lists.unit_by_word),  # "管网站的是哪个处"
            Route("section_items", self.asks_section, a.section_items.answer),  # "日常都忙些啥", "设没设人事处"
            Route("numbered_list", self.names_no_collection, a.lists.enumerated),  # "主要职责有几项", "第二项职责"
            Route("tables_by_condition", self.always, a.conditions.projects),  # "唐为之负责的项目执行数合计"
            Route("projects_of_person", self.names_person, a.fields.projects_of_person),
            Route("indicator_reason", self.reason_of_nothing, self.indicator_reason),  # "证照归集为何没完成"
            Route("project_reason", self.project_reason_asked, self.project_reason, final=True),
            Route("reason", self.reason_asked, a.reasons.reason, final=True),
            Route("project_unknown", self.unknown_project, self.nothing_here, final=True),
            Route("besides", a.besides.asks, a.besides.besides),  # "除了X，还有什么收入": X's siblings
            Route("complement", self.names_subject, a.derived.complement),  # "除了X，其余加起来": T − X, never T + X
            Route("project_deductions", self.asks_deductions, self.project_deductions),  # "扣在哪几项，各得几分"
            Route("part_changes", self.asks_part_changes, self.part_changes),  # "各项增减合起来和总额的一致吗"
            Route("overall_rate", self.asks_overall_rate, self.overall_rate),  # "全部项目整体执行率": Σ ÷ Σ
            Route("aggregate", self.asks_aggregate, self.aggregate),  # any collection: "哪类最多", "有几个超过…"
            Route("project_code", self.asks_code, self.project_code, final=True),
            Route("project_per_unit", self.asks_project_per_unit, a.per_units.project_per_unit),  # "每平方米多少"
            Route("project_gap", self.asks_project_gap, self.project_gap),  # "还有多少没执行": 调整后 − 执行数
            Route("text_against_row", self.asks_text_against_row, self.text_against_row),  # "描述和指标一样吗"
            Route("project_facts", self.asks_project_fact, self.project_facts),  # "拿了啥奖", "哪天终验", "几期"
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
            Route("per_counted", self.asks_per_unit_only, a.per_units.per_counted),  # "单位的车每辆平均多少钱"
            Route("indicator_anywhere", self.names_no_subject, a.rows.indicator_anywhere),
            Route("passages_no_subject", self.names_no_subject, a.passages.passages, final=True),
            Route("parts", self.names_subject, a.parts.children),  # "X下面分成哪几个项"
            Route("extreme_rate", self.names_subject, a.parts.extreme_rate),  # "哪一项预算完成得最差"
            Route("composition", self.asks_composition, a.figures.composition),  # "公用经费都花哪了"
            Route("kinds", self.asks_kinds, self.kinds),  # "公务用车都是什么车": the kinds it is counted in
            Route("define", self.asks_definition, self.define, final=True),
            Route("definitions", self.asks_difference_of_terms, self.definitions),  # "X跟Y啥区别"
            Route("agreement", self.asks_agreement, self.agreement),  # "A 加 B 和 C 对得上吗"
            Route("share_of_two", self.asks_share_of_two, self.share_of_two),  # "X占Y的比例"
            Route("per_unit", self.asks_per_unit, a.per_units.per_unit, final=True),
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
            Route("project_other_words", self.about_project, self.project_other_words, tier="fallback"),
            Route("outside_projects", self.about_project, a.passages.outside_projects, tier="fallback"),
            Route("project_not_found", self.about_project, self.project_not_found, tier="fallback"),
            Route("measure_not_stated", self.asks_unstated_measure, self.measure_not_stated, tier="fallback"),
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

    def asks_by_value(self, q: Plan) -> bool:
        return bool(q.figure_said) and q.intent != "reason" and not q.projects

    def asks_share_of_sum(self, q: Plan) -> bool:
        return q.measure == "占比" and q.operation == "sum" and not q.projects and len(self.sum_and_whole(q)[0]) >= 2

    def asks_section(self, q: Plan) -> bool:
        """A text section asked; "除了X，还有别的收入吗" is the besides answer's (X's siblings, with their figures)."""
        return bool(q.section) and not (q.section == "existence" and self.a.besides.asks(q))

    def asks_share_of_members(self, q: Plan) -> bool:
        return is_collection(q.whole) and bool(q.subjects or q.projects)

    def asks_share_of_whole(self, q: Plan) -> bool:
        return bool(q.whole) and bool(q.subjects or q.projects or q.ambiguous)

    def asks_aggregate(self, q: Plan) -> bool:
        """An aggregate over a catalogue collection; tables picked by a person or a field condition are the
        condition route's (it reads them)."""
        by_condition = q.collection == "projects" and bool(q.people or q.conditions) and "−" not in q.attribute
        by_condition = by_condition and q.aggregate not in ("all", "any", "order")  # a verdict or an order: ours
        return bool(q.aggregate and q.collection) and not by_condition

    def asks_overall_rate(self, q: Plan) -> bool:
        """A rate of the project tables together ("自评项目整体的执行率"), naming no member: Σ执行数 ÷ Σ调整后预算,
        never an average of their rates nor the body's general budget's rate."""
        tables = q.collection == "projects" or q.says("all_projects_word") or q.says("project_word")
        # A subject that is only a count ("做了自评的这些项目": how many were self-evaluated) says which tables, not a
        # member of them.
        members = [s for s in q.subjects if any(f.measure != "数量" for f in self.a.table.find(s))]
        named = members or q.projects or q.people or q.filters or q.found >= 0
        return tables and not named and q.aggregate in ("", "sum", "avg") and bool(overall_rate(q))

    def overall_rate(self, q: Plan) -> Evidence | None:
        return self.a.member_shares.overall(q, overall_rate(q), ())

    def asks_unit(self, q: Plan) -> bool:
        return q.says("unit_question")

    def names_nothing(self, q: Plan) -> bool:
        return not q.matches and not (q.rank and q.operation in ("max", "min"))

    def names_no_collection(self, q: Plan) -> bool:
        """A section's numbered list, unless the words range over a collection ("完成率低于八成的是哪几个科目")."""
        return self.names_nothing(q) and not (q.aggregate and q.collection)

    def names_person(self, q: Plan) -> bool:
        return bool(q.people)

    def reason_asked(self, q: Plan) -> bool:
        return q.intent == "reason"

    def reason_of_nothing(self, q: Plan) -> bool:
        return self.reason_asked(q) and not (q.projects or q.subjects or q.ambiguous)

    def project_reason_asked(self, q: Plan) -> bool:
        return self.reason_asked(q) and bool(q.projects)

    def unknown_project(self, q: Plan) -> bool:
        return bool(q.projects) and q.intent != "reason" and self.table(q) is None

    def one_project(self, q: Plan) -> bool:
        return bool(q.projects) and q.intent != "reason" and self.table(q) is not None

    def asks_deductions(self, q: Plan) -> bool:
        """Where one project's table lost points: its own rows and budget part, never every table's rows."""
        ranked = q.aggregate in ("max", "min", "nth", "avg", "sum")  # "哪个指标权重最大": a ranking of the rows
        return self.one_project(q) and len(q.projects) == 1 and q.says("deduct") and not q.all_projects and not ranked

    def asks_project_fact(self, q: Plan) -> bool:
        """One project's own fact asked in everyday words (a date, an award, an outcome, a count in a unit), not
        the budget columns, the score or the points lost, which their answerers own."""
        ranked = bool(q.aggregate) or q.all_projects
        worked = q.asks("gap") or q.asks("ratio_asked")  # "比目标多出几个": a row's figures worked, the rows' own
        if not self.one_project(q) or q.says("deduct") or ranked or worked:
            return False
        if _quotes_a_row(q, self.table(q)):  # "“X”这一行表里有几处": the rows' answerer reads the quoted row
            return False
        if self.a.rows.counted_rows(q, self.table(q)):  # "办了多少件X": the one row counting it
            return False
        return self.a.facts.applies(q, self.table(q))

    def asks_code(self, q: Plan) -> bool:
        return self.one_project(q) and q.project_field == "code"

    def asks_figures_of_project(self, q: Plan) -> bool:
        return self.one_project(q) and len([f for f in q.fields if f in PROJECT_MEASURES]) >= 2

    def asks_project_per_unit(self, q: Plan) -> bool:
        return self.one_project(q) and bool(q.per) and q.intent != "reason"

    def asks_project_gap(self, q: Plan) -> bool:
        """A project's budget not spent is asked ("还有多少没用掉"), of no other field than its figures."""
        budget_fields = ("", "budget", "initial_budget", "adjusted_budget", "executed", "execution_rate")
        return self.one_project(q) and q.says("gap_word") and q.intent != "reason" and q.project_field in budget_fields

    def asks_project_field(self, q: Plan) -> bool:
        return self.one_project(q) and bool(q.project_field or q.says("deduct"))

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
        if ROW_POINTS.search(q.rest or q.text):  # "这个指标的权重和得分": a row's points, not the tables' scores
            return False
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
        """ "公务用车都是什么车(型)": the kinds it is counted in; "什么品牌" asks an attribute, not its kinds."""
        named = subjects(q)
        kinds = not q.asked_what or any(KIND_WORD.search(w) for w in q.asked_what)
        return kinds and self.asks_definition(q) and len(named) == 1 and bool(self.a.table.children(named[0], "数量"))

    def asks_difference_of_terms(self, q: Plan) -> bool:
        return len(subjects(q)) >= 2 and q.asks("difference_of") and not q.asks("number_cue")

    def asks_stated_twice(self, q: Plan) -> bool:
        """One figure checked against itself across the report ("前后一致吗", "两处写的不一样"), not two named."""
        return stated_twice(q) and len(subjects(q)) == 1

    def asks_agreement(self, q: Plan) -> bool:
        return len(subjects(q)) >= 2 and q.says("agree_asked") and not q.projects

    def asks_matched_figure(self, q: Plan) -> bool:
        """Two figures' difference matched to a third the question asks for ("差额跟哪一项收入对得上")."""
        which = WHICH_ITEM.search(q.rest or q.text) and q.says("agree_asked")
        differs = q.operation == "difference" or any(q.says(c) for c in ("gap", "difference_asked", "shortfall"))
        return bool(which) and differs and len(subjects(q)) == 2 and not q.projects

    def asks_text_against_row(self, q: Plan) -> bool:
        return len(q.projects) == 1 and q.says("agree_asked") and q.says("text_place")

    def asks_part_changes(self, q: Plan) -> bool:
        """A total's parts checked against it on last year's terms: their changes, or the prior years they give."""
        on_changes = q.measure == "比上年增减额" or self.last_year(q)
        return on_changes and q.says("agree_asked") and bool(subjects(q)) and not q.projects

    def asks_share_of_two(self, q: Plan) -> bool:
        # "X和Y各占多少比例": each one's share of their own total, not one of the other
        return len(subjects(q)) == 2 and q.says("share_ask") and not q.operation and not q.says("each")

    def asks_per_unit(self, q: Plan) -> bool:
        return self.names_subject(q) and bool(q.per)

    def asks_per_unit_only(self, q: Plan) -> bool:
        return bool(q.per) and not subjects(q) and not q.projects and not q.collection and q.intent != "reason"

    def asks_ratio(self, q: Plan) -> bool:
        return len(subjects(q)) >= 2 and q.asks("ratio_word")

    def asks_budget(self, q: Plan) -> bool:
        # "完成预算95.98%，倒推预算数": the rate is the means, the budget is asked
        by_rate = q.asks("derive_word") or q.says("stated_rate")
        # "从完成率反推出年初预算": 年初 names the budget the rate implies (a subject states no 年初 of its own)
        derived = by_rate and (q.asks("budget_word") or (q.asks("initial") and not q.projects))
        budget = (q.asks("budget_word") or q.asks("gap_word")) and (q.measure != "预算完成率" or derived)
        budget = budget or derived
        return self.names_subject(q) and (budget or q.asks("budget_and_actual"))

    def asks_each_part(self, q: Plan) -> bool:
        named = subjects(q)
        return len(named) == 1 and q.asks("each") and not q.measures and bool(self.a.table.children(named[0]))

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

    def asks_unstated_measure(self, q: Plan) -> bool:
        """A change, rate or share asked of a subject the report states no such figure for ("基本支出比上年增长了
        多少"): a refusal, never the subject's definition or a neighbour's figure."""
        named = subjects(q)
        if q.measure not in STATED_MEASURES or not named or q.projects or not (q.asks("number_cue") or q.elliptical):
            return False
        table = self.a.table
        return not any(table.find(s, q.measure) or table.related(s, q.measure) for s in named)

    def asks_figure_of_usage(self, q: Plan) -> bool:
        return q.asks("number_cue") and not q.projects

    def asks_no_figure(self, q: Plan) -> bool:
        return not q.asks("number_cue")


def _quotes_a_row(q: Plan, project: ProjectTable | None) -> bool:
    """A name the question quotes is (part of) one of the table's indicator rows."""
    if project is None or not q.quoted:
        return False
    flat = [re.sub(r"\W", "", fold(r.name)) for r in project.indicators]
    return any(len(n := re.sub(r"\W", "", fold(name))) >= 2 and any(n in f for f in flat) for name in q.quoted)
