"""A part of a total named by a word of its own name ("其中货物采购是多少" after the procurement total,
"三公经费里出国花了多少"): a question word outside the names read, found in exactly one of the total's stated parts
and not in the total's own name, names that part. Several such words name several parts; a word found in more
than one part (支出, 政府) names none. A share asked keeps the total as the whole."""

from __future__ import annotations

import jieba

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.lexicon import Match
from assistant.understand.part_shares import ancestors
from assistant.understand.plan import Plan
from assistant.understand.words import is_cue

BLANK = "　"
JOINERS = tuple("和与及、跟")
ITEM_WORDS = CUES.table("list_item_words")  # "坐车" → 交通: an everyday word for an item of a breakdown


def with_named_parts(plan: Plan, catalogue: Catalogue) -> Plan:
    """`plan` about the parts its words name inside its one total; unchanged when it names none."""
    if not plan.subjects or plan.projects or plan.ambiguous or plan.collection or plan.whole:
        return plan
    total, members = plan.subjects[0], [e.name for e in catalogue.members(f"parts:{plan.subjects[0]}")]
    sibling = ""
    if len(plan.subjects) > 1:  # "接待费里吃饭和交通各占多少": a total named with some of its parts, one level down too
        holders = [s for s in plan.subjects if all(s in ancestors(catalogue, o) for o in plan.subjects if o != s)]
        if len(holders) != 1 or plan.measure != "占比":
            return plan
        total = holders[0]
        children = [e.name for e in catalogue.members(f"parts:{total}")]
        grandchildren = [e.name for c in children for e in catalogue.members(f"parts:{c}")]
        members = [m for m in children + grandchildren if m not in plan.subjects]
    elif len(members) < 2:  # "接待客人吃饭和坐车": one part named, another said in everyday words beside it
        sibling, total, members = total, *_parent_parts(total, catalogue)
    if len(members) < 2:
        return plan
    outside = _outside_names(plan)
    named: list[str] = [sibling] if sibling else []
    matches = list(plan.matches)
    for said in _words(outside):
        if sibling and said not in ITEM_WORDS and not (sum(said in m for m in members) == 1 and _beside(plan, said)):
            continue  # beside a named part an item's everyday word, or a word of one part's own name, names it
        word = ITEM_WORDS.get(said, said) if sibling else said
        hits = [m for m in members if (_says_item(word, m) if sibling else word in m)]
        if not hits and said in ITEM_WORDS and not sibling:  # "接待的饭钱": an item of a part of the total
            inner = [e.name for m in members for e in catalogue.members(f"parts:{m}")]
            hits = [m for m in inner if _says_item(ITEM_WORDS[said], m)]
        if len(hits) == 1 and word not in total and hits[0] not in named:
            named.append(hits[0])
            start = outside.find(said)  # the word read as the part's name, like a lexicon hit
            matches.append(Match(start, start + len(said), said, (hits[0],), "subject"))
    if len(named) <= bool(sibling):
        return plan
    if len(plan.subjects) > 1:
        return plan.with_(subjects=(*plan.subjects, *named), matches=tuple(sorted(matches, key=lambda m: m.start)))
    subjects = (total, *named) if plan.measure == "占比" else tuple(named)
    return plan.with_(subjects=subjects, matches=tuple(sorted(matches, key=lambda m: m.start)))


def _beside(plan: Plan, word: str) -> bool:
    """The word follows a name the plan read, right after it or across one joiner ("吃饭交通", "吃饭和交通")."""
    at = plan.text.find(word)
    return any(0 <= at - m.end <= 1 and plan.text[m.end : at] in ("", *JOINERS) for m in plan.matches)


def _says_item(core: str, name: str) -> bool:
    """A part's name says a list item's core ("交通" of 国内公务接待交通费), or its last character with 费 (用餐费 is
    the breakdown's 餐费)."""
    return core in name or (len(core) >= 2 and f"{core[-1]}费" in name)


def _parent_parts(part: str, catalogue: Catalogue) -> tuple[str, list[str]]:
    """The total a part belongs to and that total's parts ("", [] when it is no stated part of one total)."""
    entry = catalogue.entry("fact", part)
    parents = [c.removeprefix("parts:") for c in (entry.collections if entry else ()) if c.startswith("parts:")]
    if len(parents) != 1:
        return "", []
    return parents[0], [e.name for e in catalogue.members(f"parts:{parents[0]}")]


def _outside_names(plan: Plan) -> str:
    text = plan.text
    for match in plan.matches:
        text = text[: match.start] + BLANK * (match.end - match.start) + text[match.end :]
    return text


def _words(text: str) -> list[str]:
    """The question's words of two characters or more that are no cue word. Generic and stop words count here
    (服务, 项目): found in one part's name only, they tell a total's parts apart."""
    return [w for w in jieba.lcut(text) if len(w) >= 2 and not is_cue(w)]
