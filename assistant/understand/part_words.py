"""A part of a total named by a word of its own name ("其中货物采购是多少" after the procurement total,
"三公经费里出国花了多少"): a question word outside the names read, found in exactly one of the total's stated parts
and not in the total's own name, names that part. Several such words name several parts; a word found in more
than one part (支出, 政府) names none. A share asked keeps the total as the whole."""

from __future__ import annotations

import jieba

from assistant.understand.catalogue import Catalogue
from assistant.understand.lexicon import Match
from assistant.understand.part_shares import ancestors
from assistant.understand.plan import Plan
from assistant.understand.words import is_cue

BLANK = "　"


def with_named_parts(plan: Plan, catalogue: Catalogue) -> Plan:
    """`plan` about the parts its words name inside its one total; unchanged when it names none."""
    if not plan.subjects or plan.projects or plan.ambiguous or plan.collection or plan.whole:
        return plan
    total, members = plan.subjects[0], [e.name for e in catalogue.members(f"parts:{plan.subjects[0]}")]
    if len(plan.subjects) > 1:  # "接待费里吃饭和交通各占多少": a total named with some of its parts, one level down too
        holders = [s for s in plan.subjects if all(s in ancestors(catalogue, o) for o in plan.subjects if o != s)]
        if len(holders) != 1 or plan.measure != "占比":
            return plan
        total = holders[0]
        children = [e.name for e in catalogue.members(f"parts:{total}")]
        grandchildren = [e.name for c in children for e in catalogue.members(f"parts:{c}")]
        members = [m for m in children + grandchildren if m not in plan.subjects]
    if len(members) < 2:
        return plan
    outside = _outside_names(plan)
    named: list[str] = []
    matches = list(plan.matches)
    for word in _words(outside):
        hits = [m for m in members if word in m]
        if len(hits) == 1 and word not in total and hits[0] not in named:
            named.append(hits[0])
            start = outside.find(word)  # the word read as the part's name, like a lexicon hit
            matches.append(Match(start, start + len(word), word, (hits[0],), "subject"))
    if not named:
        return plan
    if len(plan.subjects) > 1:
        return plan.with_(subjects=(*plan.subjects, *named), matches=tuple(sorted(matches, key=lambda m: m.start)))
    subjects = (total, *named) if plan.measure == "占比" else tuple(named)
    return plan.with_(subjects=subjects, matches=tuple(sorted(matches, key=lambda m: m.start)))


def _outside_names(plan: Plan) -> str:
    text = plan.text
    for match in plan.matches:
        text = text[: match.start] + BLANK * (match.end - match.start) + text[match.end :]
    return text


def _words(text: str) -> list[str]:
    """The question's words of two characters or more that are no cue word. Generic and stop words count here
    (服务, 项目): found in one part's name only, they tell a total's parts apart."""
    return [w for w in jieba.lcut(text) if len(w) >= 2 and not is_cue(w)]
