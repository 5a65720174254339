"""An ask about what an earlier ask found: a property of a ranking's winner, each project a filter kept, the
sum or average over the members found, the gap between two found, or the one a ranking picks among them. The
executor hands these asks here with the earlier answer's `Found` (members by name and collection)."""

from __future__ import annotations

import re

from assistant.answer.indicators import row_value_asked
from assistant.answer.router import Router
from assistant.answer.toolkit import Toolkit
from assistant.evidence.records import Evidence, Found
from assistant.execute.aggregate import LISTED, MONEY, Aggregates
from assistant.execute.found_rows import FoundRows
from assistant.understand.collections import PROJECT_MEASURES, RATES
from assistant.understand.cues import CUES
from assistant.understand.followup import merge
from assistant.understand.parse import project_fields
from assistant.understand.plan import Plan
from assistant.understand.words import content_words

SUM_WORD = CUES.cue("sum_word")
AVG = CUES.cue("avg")
LIST_ASK = CUES.cue("list")
SCORE_WORD = re.compile("分")  # "分低的那一个", "分最低的": ranked by the self-evaluation score


class FoundItems:
    """Answers an ask about the members an earlier ask found."""

    def __init__(self, kit: Toolkit, router: Router, aggregates: Aggregates, found_rows: FoundRows) -> None:
        self.kit = kit
        self.router = router
        self.aggregates = aggregates
        self.found_rows = found_rows

    def found(self, evidence: Evidence) -> Found | None:
        """What an answer found: the aggregate's members, else the one project its text names."""
        if evidence.status != "answered":
            return None
        if evidence.found is not None:
            return evidence.found
        text = "".join(p.text for p in evidence.pieces)
        named = [p.name for p in self.kit.report.projects if p.name in text]
        return Found("project", "projects", tuple(named)) if named else None

    def about_found(self, part: Plan, found: Found | None, attribute: str = "", said: str = "") -> Evidence:
        if found is None or not found.names:
            return self.kit.not_found(part, "上一问所指的对象")
        listed = LIST_ASK.search(part.text) and not part.project_field
        if found.kind == "project" and listed and _all_named(found, said):
            return Evidence("answered", "derived", part.text, route="said")  # "是哪几个": the earlier ask named them
        if len(found.names) > 1 and part.operation in ("min", "max") and not part.rank:
            found = self._extreme_of(part, found, attribute)
        if found.kind == "indicator" and len(found.names) > 1 and (SUM_WORD.search(part.text) or AVG.search(part.text)):
            return self._over_found(part, found, attribute)  # "权重加总是多少": the rows just found, added
        if found.kind == "indicator":
            return self.found_rows.about_rows(part, found)
        if found.kind == "project" and "−" in part.attribute:  # "追加了多少": a column worked out, of those found
            return self._over_found(part, found, attribute)
        several = len(found.names) > 1 or part.aggregate in ("sum", "avg")  # "这些项目…加起来": even one found
        if several and (SUM_WORD.search(part.text) or AVG.search(part.text)):
            return self._over_found(part, found, attribute)
        if len(found.names) == 2 and attribute and found.kind == "project" and _asks_gap(part):
            # "差多少" after "A和B哪个多": the two found, on the value compared, and their difference
            outcome = self.aggregates.run(part.text, found.collection, attribute, "range", only=found.names)
            if outcome is not None:
                del outcome.evidence.pieces[:-1]  # both values were said by the earlier ask: the gap only
                return outcome.evidence
        asks_more = part.project_field or part.measure or part.says("money") or part.intent == "reason"
        if not asks_more and not content_words(part.text):  # "多少", "变了多少": the value just said
            return Evidence("answered", "derived", part.text, route="said")
        if found.kind == "project" and len(found.names) > 1 and not (part.project_field or part.measure):
            return self.kit.not_found(part, "上一问所指的项目")  # "是哪几个": the list was the answer
        if found.kind == "project" and len(found.names) > 1:  # "每个的调整后预算": each one found
            return self._each_found(part, found)
        if found.kind == "fact" and len(found.names) > 1 and part.measure:  # "它们的完成率各是多少": each line found
            if part.measure == attribute:
                return Evidence("answered", "derived", part.text, route="said")  # the earlier ask listed them
            outcome = self.aggregates.run(part.text, found.collection, part.measure, "list", only=found.names)
            if outcome is not None:
                return outcome.evidence
        if found.kind == "project":
            context = Plan(found.names[0], projects=found.names[:1], intent="project")
        else:
            context = Plan(found.names[0], subjects=found.names[:1], intent="figure")
        asked = part.with_(found=-1, projects=(), subjects=(), ambiguous=(), all_projects=False)
        return self.router.answer(merge(context, asked).with_(steps=part.steps))

    def _each_found(self, part: Plan, found: Found) -> Evidence:
        """The field asked of every project an earlier ask found: one column of values, or each table's answer."""
        column = PROJECT_MEASURES.get(part.project_field, "")
        if column:
            outcome = self.aggregates.run(part.text, found.collection, column, "list", only=found.names)
            if outcome is not None:
                return outcome.evidence
        ev = Evidence("answered", "project", part.text, route="each_found")
        asked = part.with_(found=-1, projects=(), subjects=(), ambiguous=(), all_projects=False)
        for name in found.names[:LISTED]:
            context = Plan(name, projects=(name,), intent="project")
            answer = self.router.answer(merge(context, asked).with_(steps=part.steps))
            if answer.status == "answered":
                ev.pieces.extend(answer.pieces)
                ev.facts.extend(answer.facts)
                ev.checks.extend(answer.checks)
        return ev if ev.pieces else self.kit.not_found(part, "上一问所指的项目的这一项")

    def _extreme_of(self, part: Plan, found: Found, attribute: str) -> Found:
        """ "分低的那一个" after a list of several: the one member the ranking picks among those found, by the
        value the earlier ask compared (else the one this ask names); the list as it was when none or a tie."""
        scored = found.kind == "project" and SCORE_WORD.search(part.text)
        by = part.attribute or attribute or ("自评得分" if scored else "")
        if not by:
            return found
        outcome = self.aggregates.run(part.text, found.collection, by, part.operation, only=found.names)
        picked = outcome.evidence.found if outcome is not None else None
        if picked is None or len(picked.names) != 1:
            return found
        return Found(found.kind, found.collection, picked.names, found.owners)

    def _over_found(self, part: Plan, found: Found, earlier: str = "") -> Evidence:
        """ "这几项的决算加总是多少": the sum (or average) over the members just found, of the value asked (else the
        value the earlier ask compared, when it is an amount)."""
        field = PROJECT_MEASURES.get(part.project_field, "") if found.kind == "project" else part.measure
        compared = earlier
        earlier = earlier if earlier in MONEY else ""
        attribute = part.attribute or field or earlier or ("执行数" if found.kind == "project" else "决算数")
        if found.kind == "indicator":  # the rows' value the ask names (权重, 得分), else the one compared before
            row_values = ("权重", "得分", "完成值", "指标值")
            attribute = row_value_asked(part.text) or (compared if compared in row_values else "完成值")
        if attribute in RATES and not AVG.search(part.text):  # rates do not add up: "它们的决算合计" is amounts
            attribute = "执行数" if found.kind == "project" else "决算数"
        op = "avg" if AVG.search(part.text) else "sum"
        outcome = self.aggregates.run(part.text, found.collection, attribute, op, only=found.names)
        return outcome.evidence if outcome is not None else self.kit.not_found(part, "这几项的合计")


def _asks_gap(part: Plan) -> bool:
    """The ask is only for a difference ("差多少", "多出多少"): no field or measure of its own."""
    asked = ("diff", "gap", "difference_asked")  # its own words name no field (a carried one does not count)
    return not project_fields(part.question or part.text) and any(part.says(c) for c in asked)


def _all_named(found: Found, said: str) -> bool:
    """Every member found is named in what the earlier ask said."""
    return bool(said) and all(name in said for name in found.names)
