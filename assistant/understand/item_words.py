"""An everyday word that names both a template line and an item of a breakdown ("车费", "坐车": the 公务用车 line,
or the 交通费 of 国内公务接待) read by what it stands beside: next to another part of that breakdown ("吃饭和坐车",
"吃饭花了多少？车费呢？"), or right after the breakdown's own total ("接待的车费"), it names the item; anywhere
else ("出国、坐车、请客这几样"), or among two more lines of the same total ("请客、坐车、出国"), it keeps the
line. The item words are the cue file's `list_item_words`."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.part_shares import ancestors, parents
from assistant.understand.plan import Op, Plan

ITEM_WORDS = CUES.table("list_item_words")  # "车费" → 交通: an everyday word for an item of a breakdown
WHOLE_READINGS = CUES.table("whole_readings")  # "日常开支" → 基本支出: the total a line's everyday word also names
COLLOQUIAL = frozenset(CUES.table("colloquial"))
SEPARATORS = "和与及、，,跟或"


def says_item(core: str, name: str) -> bool:
    """A part's name says a list item's core ("交通" of 国内公务接待交通费), or its last character with 费 (用餐费 is
    the breakdown's 餐费)."""
    return core in name or (len(core) >= 2 and f"{core[-1]}费" in name)


def items_beside(plan: Plan, catalogue: Catalogue, near: Sequence[str] = ()) -> Plan:
    """`plan` with each line named by an item's everyday word read as that item, where a part of the item's
    breakdown is named beside it (in the plan, or `near`: what the ask before named), or the breakdown's total
    right before it; unchanged otherwise."""
    subjects, matches = list(plan.subjects), list(plan.matches)
    for i, match in enumerate(plan.matches):
        if match.kind != "subject" or match.alias not in COLLOQUIAL or match.alias not in ITEM_WORDS:
            continue
        if len(match.targets) != 1 or match.targets[0] not in subjects:
            continue
        if len(_lines_beside(match.targets[0], plan.subjects, catalogue)) >= 2:
            continue  # "请客、坐车、出国": among two more lines of its own total the word keeps the line
        core = ITEM_WORDS[match.alias]
        others = [s for s in plan.subjects if s != match.targets[0]] + [s for s in near if s not in plan.subjects]
        hits = _siblings(core, others, catalogue) or _inside(core, plan, match, catalogue)
        if len(hits) != 1 or hits[0] in subjects:
            continue
        subjects[subjects.index(match.targets[0])] = hits[0]
        matches[i] = match.__class__(match.start, match.end, match.alias, (hits[0],), match.kind)
    if subjects == list(plan.subjects):
        return plan
    return plan.with_(subjects=tuple(subjects), matches=tuple(matches))


def whole_read(plan: Plan, catalogue: Catalogue) -> Plan:
    """`plan` with a line's everyday word read as the total holding it where a share of that total's part is
    asked of it ("工资占日常支出的百分之几": 人员经费 of 基本支出, not of 公用经费); unchanged otherwise."""
    if plan.operation != "share" or len(plan.subjects) != 2:
        return plan
    subjects, matches = list(plan.subjects), list(plan.matches)
    for i, match in enumerate(plan.matches):
        total = WHOLE_READINGS.get(match.alias, "")
        if match.kind != "subject" or not total or len(match.targets) != 1 or match.targets[0] not in subjects:
            continue
        part = next(s for s in subjects if s != match.targets[0])
        holders = [a for a in ancestors(catalogue, part) if a.endswith(total)]  # 一般公共预算财政拨款基本支出 too
        if len(holders) != 1 or subjects.index(part) != 0:
            continue
        total = holders[0]
        subjects[subjects.index(match.targets[0])] = total
        matches[i] = match.__class__(match.start, match.end, match.alias, (total,), match.kind)
    if subjects == list(plan.subjects):
        return plan
    return plan.with_(subjects=tuple(subjects), matches=tuple(matches))


def _lines_beside(line: str, subjects: Sequence[str], catalogue: Catalogue) -> list[str]:
    """The other subjects that are parts of a total the line is a part of too (公务接待费 beside 公务用车…费)."""
    totals = set(parents(catalogue, line))
    return [s for s in subjects if s != line and totals & set(parents(catalogue, s))]


def _siblings(core: str, named: Sequence[str], catalogue: Catalogue) -> list[str]:
    """The one part saying the item, among the other parts of the totals the named parts belong to."""
    hits = {
        e.name
        for name in named
        for total in parents(catalogue, name)
        for e in catalogue.members(f"parts:{total}")
        if e.name != name and says_item(core, e.name)
    }
    return sorted(hits)


def _inside(core: str, plan: Plan, match: object, catalogue: Catalogue) -> list[str]:
    """The one part (or part of a part) saying the item, of a total named right before the word with nothing but
    的/里/中 between ("接待的车费", "接待费里的车费")."""
    before = [m for m in plan.matches if m.kind == "subject" and m.end <= match.start and len(m.targets) == 1]
    if not before:
        return []
    last = max(before, key=lambda m: m.end)
    between = plan.text[last.end : match.start]
    if len(between) > 2 or any(c in between for c in SEPARATORS):
        return []
    total = last.targets[0]
    hits = {
        e.name
        for part in [total, *(e.name for e in catalogue.members(f"parts:{total}"))]
        for e in catalogue.members(f"parts:{part}")
        if says_item(core, e.name) and total in ancestors(catalogue, e.name)
    }
    return sorted(hits)


def remaining_parts(named: Sequence[str], catalogue: Catalogue) -> tuple[str, ...]:
    """The parts of a total other than those named beside it ("除了财政拨款，还有多少": 本年收入合计 less 财政拨款 is
    its other parts); () when no one named total holds the rest."""
    totals = [t for t in named if all(t in ancestors(catalogue, o) for o in named if o != t)]
    if len(named) == 1:  # "除了财政拨款，还有多少": the one total the part is stated in
        totals = parents(catalogue, named[0])
    elif len(totals) != 1:
        return ()
    if len(totals) != 1:
        return ()
    return tuple(e.name for e in catalogue.members(f"parts:{totals[0]}") if e.name not in named)


def read_beside(part: Plan, previous: Plan, catalogue: Catalogue) -> Plan:
    """An ask read beside the one before: "吃饭花了多少？车费呢？" (an item's everyday word beside a part the ask
    before named is that part's sibling); "除了X还有多少？是哪些钱？" (what a total holds besides a part, asked
    what it is: the other parts)."""
    said = [m for m in part.matches if m.kind == "subject"]
    if not part.projects and said and all(m.alias in COLLOQUIAL for m in said):
        return items_beside(part, catalogue, near=previous.subjects)
    complement = any(step.op == Op.COMPLEMENT for step in previous.steps)
    if complement and part.intent == "define" and not (part.subjects or part.projects):
        rest = remaining_parts(previous.subjects, catalogue)
        return part.with_(subjects=rest) if rest else part
    return part


def counted_in(plan: Plan, sentences: Sequence[str]) -> Plan:
    """A figure asked by an everyday word the report uses only where it says what a term holds ("利息": only in
    "其他收入：指…主要是存款利息收入等"): the term's definition answers, with its figure (the word has none)."""
    if plan.intent != "figure" or plan.measure or plan.projects:
        return plan
    for match in plan.matches:
        if match.kind != "subject" or match.alias not in COLLOQUIAL or len(match.targets) != 1:
            continue
        holding = [s for s in sentences if match.alias in s]
        if holding and all(match.targets[0] in s for s in holding):
            return plan.with_(intent="define")
    return plan
