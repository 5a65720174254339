"""The answerers of every capability, built once per report around one shared toolkit."""

from __future__ import annotations

from typing import Any

from assistant.answer.across_projects import AcrossProjects
from assistant.answer.agreement import Agreement
from assistant.answer.audit_notes import AuditNotes
from assistant.answer.besides import Besides
from assistant.answer.by_value import ByValue
from assistant.answer.derived import Derived
from assistant.answer.figures import Figures
from assistant.answer.indicators import Indicators
from assistant.answer.lists import Lists
from assistant.answer.part_changes import PartChanges
from assistant.answer.parts import Parts
from assistant.answer.passages import Passages
from assistant.answer.per_unit import PerUnit
from assistant.answer.project_conditions import ProjectConditions
from assistant.answer.project_facts import ProjectFacts
from assistant.answer.project_text import ProjectText
from assistant.answer.projects import ProjectFields
from assistant.answer.reasons import Reasons
from assistant.answer.scope import Scope
from assistant.answer.section_items import SectionItems
from assistant.answer.staff_change import StaffChange
from assistant.answer.stated_twice import StatedTwice
from assistant.answer.text_against_row import TextAgainstRow
from assistant.answer.toolkit import Toolkit
from assistant.evidence.facts import FactTable
from assistant.evidence.sentences import SentenceIndex
from assistant.evidence.table_match import TableMatcher
from assistant.execute.aggregate import Aggregates
from assistant.execute.found_shares import FoundShares
from assistant.execute.shares import Shares
from assistant.understand.catalogue import Catalogue
from corpus import Report


class Answerers:
    """One object per capability, all sharing one toolkit (the report, its indexes and wording)."""

    def __init__(
        self,
        report: Report,
        catalogue: Catalogue,
        table: FactTable,
        sentences: SentenceIndex,
        index: Any,
        top_k: int,
        baseline: bool,
        table_match: TableMatcher | None = None,
    ) -> None:
        self.report = report
        self.table = table
        self.sentences = sentences
        self.baseline = baseline
        self.kit = kit = Toolkit(report, catalogue, table, sentences)
        self.scope = Scope(kit)
        self.figures = Figures(kit)
        self.derived = Derived(kit)
        self.agreement = Agreement(kit)  # "A 加 B 和 C 对得上吗"
        self.part_changes = PartChanges(kit)  # "各项的增减额合起来和总额的增减一致吗"
        self.text_against_row = TextAgainstRow(kit)  # "文字叙述与指标行的数是否一致"
        self.audit_notes = AuditNotes(report, kit.name, kit.span)  # the report audit runs once, here
        self.stated_twice = StatedTwice(kit, self.audit_notes)  # "一处写A、另一处写B，到底是哪个"
        self.per_units = PerUnit(kit)
        self.besides = Besides(kit)
        self.by_value = ByValue(kit)  # "15952.21万元对应哪个科目": what states a figure given
        self.reasons = Reasons(kit)
        self.staff = StaffChange(kit)  # "人是多了还是少了": joiners − leavers
        self.reasons.described_by = lambda q: self.figures.usage_subject(q, of_amount=True)
        self.reasons.usage_of = self.figures.usage_texts
        self.lists = Lists(kit)
        self.section_items = SectionItems(kit)  # the template's text sections asked in everyday words
        self.parts = Parts(kit)
        self.conditions = ProjectConditions(kit)
        self.rows = Indicators(kit)
        self.texts = ProjectText(kit, self.rows)
        self.fields = ProjectFields(kit, self.rows, self.texts)
        self.facts = ProjectFacts(kit, self.rows, self.fields)  # a project's own facts asked in everyday words
        self.across = AcrossProjects(kit)
        self.passages = Passages(kit, index, top_k, baseline)
        self.aggregates = Aggregates(kit)  # one aggregate over any catalogue collection
        self.member_shares = FoundShares(self.aggregates)  # a share of a collection's column total
        self.shares = Shares(kit)
        self.table_match = table_match  # rows and table sentences named in other words (None: lexical only)
