"""Understanding, the stage: a guarded question (and the conversation) in, a complete `Plan` out.

Normalise, find the names the lexicon knows, fill in what a follow-up leaves out from the earlier turns, then
read everything a later stage needs: the user's quote marks, a project named in everyday words, the tables'
people, conditions on table fields, and what the question asks that the report may not hold. Last, the plan's
logical form (its steps). After this no stage reads the question's words for cues again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from assistant.understand.all_parts import as_whole
from assistant.understand.answer_refs import AnswerReferences, naming
from assistant.understand.asked import (
    accusations,
    asked_missing,
    dated_years,
    never_held,
    other_bodies,
    person_attributes,
    unknown_projects,
)
from assistant.understand.asks import spaced_clauses, split_asks
from assistant.understand.carried_refusals import carry_other_bodies, carry_refusals
from assistant.understand.catalogue import Catalogue
from assistant.understand.class_level import at_class_level
from assistant.understand.collection_shares import with_members_whole
from assistant.understand.collections import MEMBER_SEP, NAME, PROJECT_MEASURES, RATES, read_aggregate
from assistant.understand.compound import FINDS, carry, read_parts
from assistant.understand.conditions import filled_field, read_conditions, target_field, threshold, without_people
from assistant.understand.cues import CUES
from assistant.understand.equal_totals import changes_stated_of, section_text
from assistant.understand.everyday import EverydayNames
from assistant.understand.figure_said import figure_said
from assistant.understand.followup import resolve, share_whole
from assistant.understand.implied_parts import per_column, ranking_then_reason, sum_again
from assistant.understand.item_words import counted_in, items_beside, read_beside, whole_read
from assistant.understand.lexicon import Lexicon
from assistant.understand.list_members import ListMembers
from assistant.understand.matcher import EverydayMatcher
from assistant.understand.normalize import SYNONYMS, fold, full_years, paired_years, rephrase, to_simplified
from assistant.understand.parse import parse
from assistant.understand.part_folds import fold_gaps, numbered, pair_gap, share_of_sums
from assistant.understand.part_shares import narrowed, usage_of_whole, whole_of_parts
from assistant.understand.part_words import with_named_parts
from assistant.understand.per_words import per_as_asked
from assistant.understand.plan import Condition, Op, Plan, Step
from assistant.understand.project_aliases import ProjectAliases
from assistant.understand.remainder import rest_kept, with_remainder
from assistant.understand.row_owner import RowOwners
from assistant.understand.row_words import RowWords
from assistant.understand.said_before import against_said
from assistant.understand.said_twice import stated_twice
from assistant.understand.scoped_part import scoped_part, stated_amounts
from assistant.understand.section_asks import kept_unheld, read_section_ask, section_titles
from assistant.understand.spent_of import body_budget_spent, spent_as_spending
from assistant.understand.steps import steps_of
from assistant.understand.vague import vague_measure
from assistant.understand.verdicts import with_verdict
from corpus import Report

SUM_WORD = CUES.cue("sum_word")
TIME_UNITS = ("年", "月", "季度", "天", "日")  # "一个月工资": per time, not per thing counted
FOUND_REF = CUES.cue("found_ref")
PROJECTS = CUES.cue("collection_projects")
FOLLOWUP_PREV_YEAR = CUES.cue("followup_prev_year")
ENUMERATED = CUES.cue("enumerated_things")
TWO_JOINED = CUES.cue("two_joined")
STATED_CHANGE = CUES.cue("stated_change")
OWN_CELLS = ("problems", "improvements", "leader", "finance_leader")  # a table's cells a why never answers
# What a colloquial "how much in all" phrase becomes ("一共花了多少" → the grand total's name and 是多少).
TOTAL_PHRASES = tuple(
    dict.fromkeys(
        [t for k, t in sorted(SYNONYMS.items()) if SUM_WORD.search(k)]
        + [t for _, t in CUES.words("overview_phrasings") if t.endswith("合计是多少")]
    )
)
# The totals those phrases name ("本年支出合计"): a name read beside one of them is the name the user said.
TOTAL_NAMES = frozenset(t.removesuffix("是多少").removesuffix("有多少") for t in TOTAL_PHRASES)
# The user's own quote marks around a name (normalising drops them).
QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’']{2,40})[”\"」』’']")


class Understanding:
    """Reads questions about one report. Built once; `read` only reads what __init__ built."""

    def __init__(
        self, report: Report, lexicon: Lexicon, catalogue: Catalogue, matcher: EverydayMatcher | None = None
    ) -> None:
        self.report = report
        self.lexicon = lexicon
        self.row_owners = RowOwners(report, lexicon.normalize)
        self.catalogue = catalogue
        self.matcher = matcher  # everyday words the lexicon cannot find (None: the lexicon alone)
        self.everyday = EverydayNames(report)
        self.list_members = ListMembers(report, lexicon)  # "水电、差旅这些开销": the list that holds them
        self.shortened = ProjectAliases(report, said_as=lexicon.projects)  # project names as people shorten them
        self.row_words = RowWords(report)  # row names holding another project's name pieces
        self.folded_text = fold(report.clean_text)
        self.folded_sentences = tuple(self.folded_text.split("。"))
        # Where a held-or-not attribute would be written: each project's table, and the report outside them.
        self.table_texts = {p.name: fold(section_text(report, p.section_id)) for p in report.projects}
        tables = {p.section_id for p in report.projects}
        self.overview_text = fold("".join(s.text for s in report.sections if s.id not in tables))
        # The tables' people, longest first (a longer name wins a text match), then in report order.
        self.people = sorted((e.name for e in catalogue.members("people")), key=len, reverse=True)
        # How many members each collection has: a count the user states picks the collection ("9个项目里").
        self.sizes = {c: len(catalogue.members(c)) for c in catalogue.collections()}
        self.stated_shares = {(f.subject, f.parent) for f in report.facts if f.measure == "占比" and not f.scope}
        self.answered = AnswerReferences(report, lexicon, catalogue, self.people, self.parse)
        self.amounts = stated_amounts(report)
        self.changed_as = changes_stated_of(report)  # "本年支出合计比上年…": its change is the grand total's

    def read(self, question: str, history: object = None) -> Plan:
        """The complete plan of a question, with the conversation's earlier turns filled in; a question of
        several asks also gets one plan per ask (`parts`), each complete."""
        question = paired_years(question, self.report.year)  # "去年…今年…": 去年 is the year before
        plan = self.parse(question)
        plan = resolve(plan, history, self.parse, self.lexicon)
        if plan.previous is not None and FOLLOWUP_PREV_YEAR.search(plan.text) and self.report.year:
            plan = plan.with_(year=self.report.year - 1, years=(self.report.year - 1,))  # "那去年呢"
        plan = self.complete(plan, question)
        person = self.answered.person(plan, history)
        named = naming(question, person) if person else ""
        if named and len(split_asks(fold(named))) >= 2:  # "他还负责哪几个？这几个加起来多少？": read as named
            return self.read(named)
        if person:  # "她另外还管着哪几个项目": the person the previous answer named, not its project
            plan = plan.with_(people=(person,), projects=(), subjects=(), ambiguous=(), intent="project")
            plan = plan.with_(steps=steps_of(plan, self.report.year))
        ranked = self.answered.ranking(plan, history)
        if ranked is not None:  # "排第二的呢" after an answer naming the largest 类: the same ranking
            plan = ranked.with_(steps=steps_of(ranked, self.report.year))
        picked = self.answered.ranked_among(plan, history)
        if picked:  # "得分最少的那一个…" after a list of projects with their scores: that one project
            intent = "project" if plan.intent == "other" else plan.intent
            plan = plan.with_(projects=(picked,), operation="", intent=intent)
            plan = plan.with_(steps=steps_of(plan, self.report.year))
        members = self.answered.members(plan, history)
        if members:  # "这三个项目…加起来": only the projects the previous answer listed
            kept = Condition(NAME, "in", MEMBER_SEP.join(members), "上一回答列出的")
            plan = plan.with_(filters=(*plan.filters, kept))
            plan = plan.with_(steps=steps_of(plan, self.report.year))
        others = self.answered.other_projects(plan)
        if others:  # "另外两个项目的负责人呢": the same field of each project the last turn did not ask about
            parts = numbered(tuple(self.complete(plan.with_(projects=(name,)), question) for name in others))
            return plan.with_(parts=parts, steps=tuple(s for p in parts for s in p.steps))
        vague = vague_measure(plan, self.catalogue)
        if vague:  # "占比是多少？" with nothing named: ask back which one
            return plan.with_(status="clarify", steps=(Step(Op.CLARIFY, note=vague),))
        if plan.measures:  # several measures of one subject: the report's sentence about it states them together
            return plan
        checked = against_said(plan, plan.previous)
        if checked is not plan:  # "加起来跟你刚才说的数对得上吗": checked against the previous turn's figure
            plan = checked.with_(steps=steps_of(checked, self.report.year))
        if stated_twice(plan):
            return plan  # "X前后一致吗？两处分别写的多少": one answer says every place and the gap
        asks = split_asks(rephrase(fold(spaced_clauses(question))))  # an overview phrasing is one ask
        if len(asks) >= 2 and (pair_gap(plan) or (plan.section and self._one_section(plan, asks))):
            return plan  # "A和B哪个多？差多少" is one difference; asks about one text section are answered together
        context = self._found_before(plan)
        alone = (len(asks) < 2 or plan.joined_previous) and context is None  # "Y呢？两项合计": one ask
        ranked_reason = ranking_then_reason(plan, self.parse, self.complete, self.report.year) if alone else ()
        if ranked_reason:  # "花钱最多的那个科目为啥没花完": the ranking, then the reason of what it finds
            return plan.with_(parts=ranked_reason, steps=tuple(s for p in ranked_reason for s in p.steps))
        if alone:
            overall = body_budget_spent(plan, self.catalogue)  # "预算都用完了吗": the year's overall completion
            if overall is not plan:
                return overall.with_(steps=steps_of(overall, self.report.year))
            columns = per_column(plan, self.report.year)
            return plan.with_(parts=columns, steps=tuple(s for p in columns for s in p.steps)) if columns else plan
        own_total = plan.text != self.lexicon.normalize(full_years(question, self.report.year))
        read_ask = partial(self._read_ask, question=question) if own_total else self.parse
        beside = partial(read_beside, catalogue=self.catalogue)  # "吃饭花了多少？车费呢？"
        parts = read_parts(asks, context or plan.previous, read_ask, self.complete, context is not None, beside)
        parts = self._parts_of_next_whole(parts, asks, read_ask) if context is None else parts
        parts = tuple(self._against_said(p, plan.previous) for p in parts)
        if members:  # "这两个项目加起来多少？占全部项目的几成": the ask that points at them sums only them
            parts = tuple(self._only_members(p, members) for p in parts)
        if context is not None:  # the previous turn's aggregate runs again, unshown: this question is about its result
            parts = (context, *parts)
        parts = fold_gaps(tuple(c for p in parts for c in (per_column(p, self.report.year) or (p,))))
        if plan.quoted:  # an ask is read without the question's quote marks: the names quoted inside it stay quoted
            parts = tuple(p.with_(quoted=_quoted_in(plan.quoted, p.text) or p.quoted) for p in parts)
        parts = share_of_sums(carry_refusals(carry_other_bodies(parts)))
        if len(parts) == 1 and context is None:
            return parts[0].with_(previous=plan.previous)
        if not _compound(parts):
            return plan  # one project's table, or the report's sentences, answer every ask best read together
        parts = numbered(parts)
        return plan.with_(parts=parts, steps=tuple(s for p in parts for s in p.steps))

    def _parts_of_next_whole(
        self, parts: tuple[Plan, ...], asks: list[str], read: Callable[[str], Plan]
    ) -> tuple[Plan, ...]:
        """ "财政给了多少，占全部收入多少": an ask that names nothing, before a share of a whole named right after 占,
        is about the part of that whole its words name; the share is then that part's."""
        out = list(parts)
        for i in range(len(out) - 1):
            ask, share = out[i], out[i + 1]
            whole = share_whole(share)
            if ask.subjects or ask.projects or ask.ambiguous or ask.collection or ask.measure or not whole:
                continue
            named = self.complete(ask.with_(subjects=(whole,), intent="figure"), asks[i])
            if named.subjects in ((), (whole,)):
                continue  # its words name no part of that whole
            out[i] = named
            out[i + 1] = self.complete(carry(named, read(asks[i + 1]), i), asks[i + 1])
        return tuple(out)

    def _against_said(self, part: Plan, turn: Plan | None) -> Plan:
        checked = against_said(part, turn)
        return part if checked is part else checked.with_(steps=steps_of(checked, self.report.year))

    def _only_members(self, part: Plan, members: tuple[str, ...]) -> Plan:
        """An ask over the projects that points at those the previous answer listed: over them only."""
        if part.found >= 0 or not FOUND_REF.search(part.text):
            return part
        over = part.collection == "projects" and part.aggregate and not part.projects
        own = self.parse(part.question or part.text)
        summed = not (own.subjects or own.projects or own.collection) and SUM_WORD.search(part.text)
        if not (over or summed):
            return part
        kept = Condition(NAME, "in", MEMBER_SEP.join(members), "上一回答列出的")
        column = PROJECT_MEASURES.get(part.project_field, "") or part.attribute or "执行数"
        part = part.with_(
            filters=(*part.filters, kept),
            collection="projects",
            aggregate=part.aggregate or "sum",
            attribute=column if column not in RATES else "执行数",
            projects=(),
            subjects=(),
            intent="derived",
        )
        return part.with_(steps=steps_of(part, self.report.year))

    def _one_section(self, plan: Plan, asks: list[str]) -> bool:
        """Every ask reads the same text section, or names nothing but what that section states ("单价100万元
        以上设备有几台" beside the cars' uses: both are the assets section's)."""
        section_ids = {s.id for s in self.report.sections if s.title.strip() in section_titles(plan.section)}
        for ask in asks:
            part = self.complete(self.parse(ask), ask)
            if part.section == plan.section:
                continue
            named = [self.catalogue.entry("fact", s) for s in part.named]
            if part.projects or part.people or any(e is None or e.section_id not in section_ids for e in named):
                return False
            if not named and part.section:
                return False
        return True

    def _found_before(self, plan: Plan) -> Plan | None:
        """The previous turn's plan when it found something (a ranking's winner, a filter's members) and this
        question names nothing but asks about it ("它最后花了多少？"): its aggregate is run again, unshown."""
        previous = plan.previous
        if previous is None or not previous.collection or plan.rank:
            return None
        own = self.parse(plan.question or plan.text)
        summed = sum_again(previous, own, self.report.year)
        if summed is not None:  # "执行数占项目支出的比重": the total the last turn added up, of that whole
            return summed
        if previous.aggregate not in FINDS:
            return None
        if own.subjects or own.projects or own.ambiguous or own.collection or own.people:
            return None
        return self.complete(previous.with_(previous=None), previous.text).with_(status="context")

    def _read_ask(self, ask: str, question: str) -> Plan:
        """One ask of a question whose "一共花了多少" is the sum of its own names: never the grand total. The asks
        are split from the rephrased question, so what the user said is the whole question's own words."""
        plan = self.parse(ask)
        said = fold(question)
        if any(t in plan.text and t not in said for t in TOTAL_PHRASES):
            text = plan.text
            asked = "是多少" if len(plan.subjects) == 2 and plan.subjects[-1] in TOTAL_NAMES else "一共是多少"
            for target in TOTAL_PHRASES:  # one name: its own stated total; several: their sum
                text = text.replace(target, asked) if target not in said else text
            return parse(text, self.lexicon, self.report.year, self.sizes)
        return plan

    def parse(self, question: str) -> Plan:
        """One question read on its own: normalised, everyday words the lexicon cannot find read as the catalogue
        names they stand for (the matcher's one hook), then matched against the lexicon."""
        text = self._own_total(self.lexicon.normalize(full_years(question, self.report.year)), question)
        plan = self.row_words.without_row_words(self._parse_text(text))
        if plan.projects:  # "一体化平台和12345热线": a second project beside the one found, by its kept characters
            companion = self.shortened.companion(text, self.lexicon.find(text))
            if companion is not None:
                written = self.shortened.written[companion.project]
                return self._parse_text(text[: companion.start] + written + text[companion.end :])
            return plan
        if self.everyday.project_by_words(plan) is not None:
            return plan
        # No project found by its name's pieces or its words: one named by the characters kept ("标准委").
        shortened, hit = self.shortened.rewrite(text, self.lexicon.find(text))
        if hit is not None and hit.project:
            return self._parse_text(shortened)
        if hit is not None and hit.options:
            return plan.with_(everyday_options=(*plan.everyday_options, hit.options))
        return plan

    def _parse_text(self, text: str) -> Plan:
        """A normalised question read: everyday words read as the names they stand for, then the lexicon."""
        if self.matcher is None:
            return parse(text, self.lexicon, self.report.year, self.sizes)
        text, found = self.matcher.rewrite(text, self.lexicon.find(text))
        plan = parse(text, self.lexicon, self.report.year, self.sizes)
        read = tuple(f"{m.said}→{m.chosen.term}" for m in found if m.chosen is not None)
        options = tuple(m.options for m in found if m.ambiguous)
        return plan.with_(everyday=read, everyday_options=options) if read or options else plan

    def _own_total(self, text: str, question: str) -> str:
        """ "X一共花了多少": the colloquial "一共花了多少" names the report's grand total only when nothing else is
        named before it; after a name the user said it asks that name's own total (or the sum of the names)."""
        said = fold(question)
        for target in TOTAL_PHRASES:
            at = text.find(target)
            if at <= 0 or target in said:
                continue
            before = [m for m in self.lexicon.find(text[:at]) if m.end <= at]
            outside = "".join("　" if any(m.start <= i < m.end for m in before) else c for i, c in enumerate(text[:at]))
            # "这12个项目一共花了多少", "做自评的项目一共花了多少": the projects' own sum (项目 said outside any name)
            tables = PROJECTS.search(outside) and "项目" in outside and not any(m.kind == "project" for m in before)
            if (not before or tables) and PROJECTS.search(text[:at]):
                return text[:at] + "一共是多少" + text[at + len(target) :]
            if not before and TWO_JOINED.search(text[:at]) and not ENUMERATED.search(text[:at]):
                return text[:at] + "一共是多少" + text[at + len(target) :]  # "A和B一共花了多少": their sum
            if not before and ENUMERATED.search(text[:at]):  # "A、B、C这些一共花了多少": what they list, not the year
                return self.lexicon.normalize(full_years(question, self.report.year), rephrased=False)
            if before:  # several names: their sum; one name: its own stated total
                asked = "一共是多少" if len(before) >= 2 else "是多少"
                return text[:at] + asked + text[at + len(target) :]
        return text

    def complete(self, plan: Plan, question: str) -> Plan:
        plan = per_as_asked(plan.with_(question=question, quoted=tuple(QUOTED.findall(question))), question)
        plan = self.row_owners.correct(self.everyday.resolve(plan), question)
        plan = self.list_members.resolve(plan, self.report.year)
        text = plan.text
        conditions = read_conditions(text)
        scope_text = self.table_texts.get(plan.projects[0], "") if plan.projects else self.overview_text
        unheld = plan.unheld + asked_missing(plan, self.folded_text, scope_text)  # list items' own amounts
        per_thing = plan.per and plan.per not in TIME_UNITS and not any(fold(p) in text for p in self.people)
        lone = self.list_members.lone_item(plan) if per_thing else ""
        if lone and not any(u in lone for u in unheld):  # "每辆车的油费": a usage list's item, no amount stated
            unheld += (lone,)
        personal = person_attributes(plan, self.people)
        unheld += tuple(w for w in personal if not any(w in u or u in w for u in unheld))
        if plan.measure != "数量" and not plan.count_asked:  # "退休人员的经费" where no 离退休 项 is stated
            unheld += tuple(w for w in self.lexicon.absent_in(text, plan.matches) if w not in unheld)
        unheld += accusations(question, self.report.clean_text)  # "哪个负责人有贪污问题": a judgement it never makes
        # Read on the question as said too: the synonyms rewrite "客人" of "客人名单" to the template's term.
        asked_as_said = f"{text}。{fold(to_simplified(question))}"
        unheld += tuple(w for w in never_held(asked_as_said, scope_text) if w not in unheld)  # "那几辆车什么牌子的"
        scoped = without_people(text, self.people)
        if not plan.collection and len(plan.subjects) >= 2 and plan.operation in ("max", "min"):
            # "住房公积金和事业单位医疗哪个完成预算更高": the subjects named are the members compared
            measure = plan.measure if plan.measure not in ("", "数量") else "决算数"
            plan = plan.with_(collection="named", attribute=measure, aggregate=plan.operation)
        plan = scoped_part(plan, self.catalogue, self.amounts)  # "X中用于项目支出的": X less its own 基本支出
        plan = items_beside(plan, self.catalogue)  # "吃饭和坐车", "接待的车费": the hospitality's 交通费
        plan = whole_read(plan, self.catalogue)  # "工资占日常支出的百分之几": of 基本支出, which holds it
        plan = with_named_parts(plan, self.catalogue)  # "其中货物采购是多少": the part its word names
        narrow = narrowed(plan, self.catalogue)
        if narrow != plan.subjects:  # "接待客人吃饭": the part the total's words only lead up to
            plan = with_named_parts(plan.with_(subjects=narrow), self.catalogue)  # "…和坐车": its sibling too
        plan = spent_as_spending(plan, self.catalogue)  # "财政给的钱花掉了几成": that budget's spending
        plan = at_class_level(plan, self.catalogue)  # "哪个类最大": over the 类, not the total's 项
        plan = as_whole(plan, self.catalogue)  # "出国、用车、接待这几样一共": every part of 三公经费, i.e. it
        plan = with_members_whole(plan)  # "占12个项目执行数合计的比重": the whole is the column's total
        plan = with_remainder(plan)  # "没授予中小企业的合同金额": its total less it
        if not unheld:  # "利息有多少": 其他收入, as its definition says (not when a person's pay is asked)
            plan = counted_in(plan, self.folded_sentences)
        plan = usage_of_whole(plan, self.catalogue)  # "分别多少？用途是什么": their total's usage
        whole, parts = ("", ()) if plan.whole else whole_of_parts(plan, self.catalogue, self.stated_shares)
        if whole:  # "A、B各占X的多少": each part ÷ the whole, worked out
            plan = plan.with_(whole=whole, subjects=parts, intent="derived", ambiguous=())  # a container: not asked
        plan = plan.with_(
            people=tuple(p for p in self.people if fold(p) in text),
            conditions=tuple(conditions),
            condition_target=target_field(text, conditions),
            threshold=threshold(text),
            filled_field=filled_field(text),
            unheld=rest_kept(plan, unheld),  # "扣除B后剩下的X部分": X names A − B
            other_bodies=other_bodies(scoped, self.report.body, self.folded_text),
            unknown_projects=unknown_projects(scoped, self.folded_text),
            dated_years=dated_years(question),
            figure_said=plan.figure_said or figure_said(plan),
            text_without_people=scoped,
        )
        last_year = bool(self.report.year) and plan.year == self.report.year - 1
        if last_year and plan.measure.startswith("比上年") and STATED_CHANGE.search(text):
            plan = plan.with_(measure="")  # "比上年增长了6.44%，那上年的X是多少": the change is given, X is asked
        if plan.measure.startswith("比上年") and any(s in self.changed_as for s in plan.subjects):
            plan = plan.with_(subjects=tuple(dict.fromkeys(self.changed_as.get(s, s) for s in plan.subjects)))
        plan = self._rows_of_carried(plan)
        asked = read_section_ask(plan, self.report)
        if asked is not None:
            plan = plan.with_(section=asked.section, section_ops=asked.ops, unheld=kept_unheld(plan, asked))
        plan = with_verdict(plan)  # "用了一半预算没": the claim, and the rate it is about as the measure
        return plan.with_(steps=steps_of(plan, self.report.year))


    def _rows_of_carried(self, plan: Plan) -> Plan:
        """ "它的定性指标有几个" after a turn about one project: the aggregate over that table's rows, which the
        question alone (no project named) could not read."""
        named = any(m.kind == "project" for m in plan.matches)  # named here: parse read the aggregate already
        if len(plan.projects) != 1 or plan.collection or plan.parts or named:
            return plan
        found = read_aggregate(
            plan.text, plan.rest or plan.text, (), plan.projects, plan.operation, plan.rank, plan.measure,
            plan.project_field, "", self.sizes,
        )  # fmt: skip
        if not found.collection.startswith("indicators:"):
            return plan
        return plan.with_(
            collection=found.collection, attribute=found.attribute, aggregate=found.op, filters=found.filters,
            groups=found.groups, claim=found.claim,
        )  # fmt: skip


def _quoted_in(quoted: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The quoted names whose words an ask holds (compared folded and without spaces or punctuation)."""
    flat = re.sub(r"\W", "", fold(text))
    return tuple(q for q in quoted if re.sub(r"\W", "", fold(q)) in flat)


def _compound(parts: tuple[Plan, ...]) -> bool:
    """Asks worth executing one by one: one of them names a subject, a collection or a share's whole, or is about
    what an earlier one found, or they name different projects or ask one project's figures. Asks that name
    nothing are read together (the report's sentences answer them best that way)."""
    if any(p.subjects or p.ambiguous or p.collection or p.whole or p.found >= 0 for p in parts):
        return True
    if len({p.projects[:1] for p in parts if p.projects}) > 1:
        return True
    # One project's figures ("花了多少钱？用户数有多少？"): each ask answered in turn; its why and what
    # ("为什么要做…，具体干了什么") read together from its table's text. A why beside a cell of its own ("为什么
    # 被扣了分？后面怎么改？"): the reason, then that cell.
    if any(p.intent == "reason" for p in parts) and any(p.project_field in OWN_CELLS for p in parts):
        return any(p.projects for p in parts)
    return any(p.projects for p in parts) and any(figure for p in parts for _, figure in p.clauses)
