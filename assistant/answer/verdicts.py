"""The verdict on a claim a question makes about one figure ("用了一半预算没", "翻倍了吗"): a post-processor
that puts 是/没有 with 超过/不到 in front of the answer's figures, and the worked comparison after them.

The rate compared is the stated fact of the claim's measure (cited when the answer did not cite it already); the
gap between it and the bound is a calculator `Check`, so every number the verdict shows is verified.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.answer.registry import Choice
from assistant.calculator import compute
from assistant.evidence.records import Evidence, Piece
from assistant.records import Check, Operand
from assistant.understand.plan import Claim, Plan
from corpus import Fact

if TYPE_CHECKING:
    from assistant.answer.answerers import Answerers

log = logging.getLogger(__name__)

RATES = ("预算完成率", "比上年增减率", "占比", "执行率")
WHAT = {"预算完成率": "完成预算", "占比": "所占比例", "执行率": "执行率"}


@dataclass
class Verdicts:
    a: Answerers
    name: str = "verdict"

    def process(self, plan: Plan, choice: Choice, evidence: Evidence) -> Evidence:
        claim = plan.verdict
        if claim is None or choice.tier != "answer" or evidence.status != "answered":
            return evidence
        named = (plan.subjects + plan.projects)[:1]
        fact = self._rate(named[0], claim, evidence) if named else None
        if fact is None:
            log.info("no rate of %s to judge the claim %r against", named, claim.said)
            return evidence
        if fact not in evidence.facts:  # the rate the claim is about, said and cited beside the answer's figures
            self.a.kit.group_text([fact], evidence)
        lead, worked, check = verdict(self.a.kit.name(fact.subject), fact, claim)
        if not claim.gap_only:
            evidence.pieces.insert(0, Piece(lead))
        if worked:
            evidence.add(worked)
        if check is not None:
            evidence.checks.append(check)
        evidence.route = f"{evidence.route}>{self.name}"
        return evidence

    def _rate(self, subject: str, claim: Claim, evidence: Evidence) -> Fact | None:
        """The subject's stated rate the claim is about: of its measure, else the one rate the answer cites."""
        kit = self.a.kit
        # The answer's own figures first: a subject named by a shorter word ("公务用车") is cited by its full name,
        # and a share of two named subjects is the part's.
        measures = (claim.measure,) if claim.measure else RATES
        cited = [f for f in evidence.facts if f.measure in measures]
        mine = [f for f in cited if subject in (f.subject, f.scope)] or cited
        if len({(f.scope, f.subject, f.measure) for f in mine}) == 1:
            return mine[0]
        if not claim.measure:
            return None
        stated = kit.table.find(subject, claim.measure) or [
            f for f in kit.table.project_facts(subject, claim.measure) if f.subject == subject
        ]  # a project's own row (总额), never an indicator row's figure
        return kit.table.best(stated, subject)


def verdict(name: str, fact: Fact, claim: Claim) -> tuple[str, str, Check | None]:
    """The verdict's lead ("没有，不到一半。"), the worked comparison and its check."""
    bound = Decimal(claim.bound)
    if claim.measure == "比上年增减率" and claim.direction == "down":
        if fact.value >= 0:  # "降了一半吗" of a figure that went up: no, and no comparison to work
            return f"没有，{name}比上年不降反增。", "", None
        value, what = -fact.value, "降幅"
    elif claim.measure == "比上年增减率":
        if fact.value <= 0:
            return f"没有，{name}比上年没有增长。", "", None
        value, what = fact.value, "增幅"
    else:
        value, what = fact.value, WHAT.get(fact.measure, "")
    held = {">": value > bound, ">=": value >= bound, "<": value < bound}[claim.comparator]
    relation = "超过" if value > bound else "正好是" if value == bound else "不到"
    yes = "是" if held else "不是" if claim.comparator == "<" else "没有"
    lead = f"{yes}，{what}{relation}{claim.label}。"
    if value == bound:
        return lead, "", None
    rate = Operand(format(value, "f"), f"{name} {fact.measure}", fact.id)
    limit = Operand(claim.bound, f"问题所说的{claim.label}")
    larger, smaller = (rate, limit) if value > bound else (limit, rate)
    gap = compute("difference", larger, smaller)
    limit_said = f" {claim.bound}% " if claim.label.endswith("%") else f"{claim.label}（{claim.bound}%）"
    word = "高" if value > bound else "低"
    worked = f"比较：{what} {rate.value}% 比{limit_said}{word} {gap.said} = {gap.text} 个百分点。"
    return lead, worked, gap.check
