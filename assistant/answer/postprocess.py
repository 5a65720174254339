"""Post-processors: small checks that run after the router's choice, in a fixed order, each able to amend or
replace the evidence (in the manner of llama-index's node post-processors).

1. `ListItemOnly`: a passage that names the asked thing only as one item of another subject's long 主要包括 list
   states no amount of its own: the amount is refused, never answered with the list owner's total.
2. `Coverage`: a figure chosen by its subject answers only if the question asks nothing the figure does not cover;
   otherwise the sentences that cover the rest answer, or a refusal names what is missing.
3. `ConsistencyNotes`: a figure the report contradicts elsewhere gets a note saying so (the report audit).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from assistant.answer.audit_notes import AuditNotes
from assistant.answer.coverage import report_words, residual_terms
from assistant.answer.list_items import list_item_only
from assistant.answer.registry import Choice
from assistant.compose.wording import display
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import EVERYDAY_GRAMS, grams

if TYPE_CHECKING:
    from assistant.answer.answerers import Answerers

log = logging.getLogger(__name__)

# Evidence picked by a recognised subject or project (not by the question's words): checked for residual terms.
CHECKED_KINDS = ("figure", "project_figures")
STATED_MONEY = CUES.cue("stated_money")
OWN_NAME = re.compile(r"支出|经费|费用|费|（[类款项]）")  # what every amount's name says


class PostProcessor(Protocol):
    name: str

    def process(self, plan: Plan, choice: Choice, evidence: Evidence) -> Evidence: ...


@dataclass
class ListItemOnly:
    a: Answerers
    name: str = "list_item"

    def process(self, plan: Plan, choice: Choice, evidence: Evidence) -> Evidence:
        if not evidence.searched or evidence.status != "answered":
            return evidence
        # The plan the passages were searched with (a definition search reads the subject's name in front).
        searched = plan if evidence.question == plan.text else plan.with_(text=evidence.question)
        spans = [span for piece in evidence.pieces for span in piece.cites]
        refused = list_item_only(self.a.kit, searched, spans)
        if refused is None:
            return evidence
        refused.route = evidence.route
        return refused


@dataclass
class Coverage:
    a: Answerers
    name: str = "coverage"

    def process(self, plan: Plan, choice: Choice, evidence: Evidence) -> Evidence:
        if choice.tier != "answer" or evidence.status != "answered" or evidence.kind not in CHECKED_KINDS:
            return evidence
        covered = self.check(plan, evidence)
        if covered is not evidence and covered.status == "answered" and plan.says("money"):
            # "X里A、B各花了多少": lines that only list A and B among X's items state no amount for them
            listed = [span for piece in covered.pieces for span in piece.cites]
            covered = list_item_only(self.a.kit, plan, listed, owner_named=True) or covered
        if covered is not evidence:
            covered.route = f"{evidence.route}>{self.name}"
        return covered

    def check(self, q: Plan, evidence: Evidence) -> Evidence:
        """The sentences that cover the question's residual words, or a refusal naming them."""
        a = self.a
        # A figure is stated under its section's title, which scopes it: "财政拨款" is said of 人员经费 by its
        # section "一般公共预算财政拨款基本支出决算情况说明", not by its own sentence.
        titles = dict.fromkeys(a.report.section_at(c.start).title for p in evidence.pieces for c in p.cites)
        said = "".join(p.text for p in evidence.pieces) + "".join(titles)
        residual = residual_terms(q, said, a.kit.folded_text, a.report.body, a.sentences)
        asked_missing = [m for m in residual.missing if any(m in a for a in q.asked_what)]  # "什么型号": never said
        # "平均工资": a word the report never uses, made of the name recognised and a word of the report's own (平均),
        # asks another figure; made of the name and an everyday word ("员工工资") it asks the same one.
        words = report_words(a.kit.folded_text)
        qualified = [
            w
            for w in residual.missing
            for m in q.matches
            if m.alias in w and m.alias != w and w.replace(m.alias, "", 1) in words
        ]
        if not residual.terms and not asked_missing and not qualified:
            return evidence
        log.info("residual terms %s for %r", residual.terms, q.text)
        if residual.missing:
            return a.kit.not_found(q, f"关于“{'、'.join(residual.missing)}”的内容")
        project = a.kit.project(q.projects[0]) if q.projects else None
        found = a.passages.residual_lines(q, project.section_id if project else None, residual)
        if found is not None and project is None and not self._speaks_of(q, found):
            # "领导出国考察": 领导 is said only of the cars; those lines are a neighbour's, not the subject asked.
            log.info("residual lines speak of none of %s: not answered with them", q.subjects)
            found = None
        if found is not None and q.asks("money") and q.asks("number_cue") and not STATED_MONEY.search(fold(
            "".join(p.text for p in found.pieces))):
            log.info("residual lines state no sum of money for %r: not answered with them", q.text)
            found = None  # "那份合同签了几万块": the contract's dates are a neighbour's figures, not its amount
        if found is not None:
            return found
        described = a.figures.by_usage(q) if q.asks("number_cue") else None
        if described is not None and not self._speaks_of(q, described):
            described = None  # another subject's figure, found by a word the question says of the one it names
        if described is not None:  # "公车加油、过路费": words of the sentence saying what one subject covers
            return described
        names = "、".join(residual.terms)
        if q.asks("number_cue"):  # the report mentions it, but states no figure for it
            return a.kit.not_found(q, f"“{names}”的具体数额：报告提到了它，但没有单独列出数字")
        return a.kit.not_found(q, f"关于“{names}”的内容")

    def _speaks_of(self, q: Plan, found: Evidence) -> bool:
        """Whether lines found for the residual words speak of a subject the question names: they share a character
        pair of its own name (用车 of 公务用车购置及运行维护费 in "领导干部用车1辆"; 因公出国（境）费 has none in a
        line about cars). With no subject named, any lines do."""
        if not q.subjects:
            return True
        said = set(grams(fold("".join(p.text for p in found.pieces))))
        for subject in q.subjects:
            own = set(grams(OWN_NAME.sub("", fold(display(subject))))) - EVERYDAY_GRAMS
            if own & said:
                return True
        return False


@dataclass
class ConsistencyNotes:
    notes: AuditNotes
    baseline: bool
    name: str = "consistency"

    def process(self, plan: Plan, choice: Choice, evidence: Evidence) -> Evidence:
        if evidence.status == "answered" and not self.baseline and not evidence.audited:
            self.notes.annotate(evidence)
        return evidence
