"""The whole a share of parts is asked of, when the report states no such share: "X里A、B各占多少比例",
"A和B分别占X的比例", "服务那部分占几成" (of the total it is a stated part of). The calculator works each share
out (part ÷ whole); a share the report states of that whole is looked up as before."""

from __future__ import annotations

from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.followup import share_whole
from assistant.understand.plan import Plan

SPENT_ON = CUES.cue("spent_on")  # "主要用在哪": what a total was used for


def parents(catalogue: Catalogue, subject: str) -> list[str]:
    """The totals a subject is a stated part of."""
    entry = catalogue.entry("fact", subject)
    return [c.removeprefix("parts:") for c in entry.collections if c.startswith("parts:")] if entry else []


def ancestors(catalogue: Catalogue, subject: str, depth: int = 3) -> list[str]:
    out: list[str] = []
    frontier = [subject]
    for _ in range(depth):
        frontier = [p for s in frontier for p in parents(catalogue, s) if p not in out]
        out.extend(frontier)
    return out


def standing_for(catalogue: Catalogue, named: str, parts: tuple[str, ...]) -> str:
    """The total the parts are stated parts of that `named` stands for: itself when it holds them, else the one
    common ancestor whose name ends with it ("基本支出" said of 人员经费 and 公用经费 is the section's
    一般公共预算财政拨款基本支出, the total they are stated under); `named` unchanged when none or several."""
    if all(named in ancestors(catalogue, p) for p in parts):
        return named
    common = [a for a in ancestors(catalogue, parts[0]) if all(a in ancestors(catalogue, p) for p in parts[1:])]
    longer = [a for a in common if a != named and a.endswith(named)]
    return longer[0] if len(longer) == 1 else named


def _others(subjects: tuple[str, ...], subject: str) -> tuple[str, ...]:
    return tuple(s for s in subjects if s != subject)


def _holds(catalogue: Catalogue, whole: str, parts: tuple[str, ...]) -> bool:
    """`whole` is (or stands for) a total every one of `parts` belongs to."""
    total = standing_for(catalogue, whole, parts) if parts else ""
    return bool(total) and all(total in ancestors(catalogue, p) for p in parts)


def whole_of_parts(plan: Plan, catalogue: Catalogue, stated: set[tuple[str, str]]) -> tuple[str, tuple[str, ...]]:
    """(whole, parts) of a share of parts asked, or ("", ()) when the plan asks no such share."""
    if plan.measure != "占比" or plan.whole or plan.collection or plan.projects:
        return "", ()
    subjects = plan.subjects
    whole = share_whole(plan)
    if whole not in subjects:
        whole = ""
    if whole:  # "占接待总支出的": a name glued right after the whole's own words only says it is that total
        spans = {m.targets[0]: (m.start, m.end) for m in plan.matches if len(m.targets) == 1}
        end = spans.get(whole, (0, -1))[1]
        subjects = tuple(s for s in subjects if s == whole or spans.get(s, (-1, 0))[0] != end)
    if not whole:  # "接待费当中饭钱、车费分别占几成", "A、B在基本支出里分别占几成": the one name holding the rest
        holders = [s for s in subjects if len(subjects) >= 2 and _holds(catalogue, s, _others(subjects, s))]
        whole = holders[0] if len(holders) == 1 else ""
    parts = tuple(s for s in subjects if s != whole)
    if whole and parts:
        whole = standing_for(catalogue, whole, parts)
    if not whole and parts:
        shared = [p for p in parents(catalogue, parts[0]) if all(p in parents(catalogue, s) for s in parts[1:])]
        whole = shared[0] if len(shared) == 1 else ""  # "服务那部分占几成": of the total it is a part of
    if not whole or not parts or any(whole not in ancestors(catalogue, p) for p in parts):
        return "", ()
    # "国内公务接待中餐费和交通费…": a mention of several names is allowed only where it names the parts' container
    if any(not any(all(o in ancestors(catalogue, p) for p in parts) for o in group) for group in plan.ambiguous):
        return "", ()
    if all((p, whole) in stated for p in parts):
        return "", ()  # the report states each share: looked up as said
    return whole, parts


def narrowed(plan: Plan, catalogue: Catalogue, separators: str = "和与及、，,跟或") -> tuple[str, ...]:
    """ "接待客人吃饭花了多少": a total named right before one of its own parts only narrows it: the part is
    asked, not both (said with 和/、 between them, both are asked). The subjects unchanged otherwise."""
    if len(plan.subjects) < 2 or plan.measure == "占比" or plan.whole or plan.operation:
        return plan.subjects
    spans = {m.targets[0]: (m.start, m.end) for m in plan.matches if len(m.targets) == 1}
    dropped = set()
    for outer in plan.subjects:
        for inner in plan.subjects:
            if inner == outer or outer not in ancestors(catalogue, inner) or outer not in spans or inner not in spans:
                continue
            between = plan.text[spans[outer][1] : spans[inner][0]]
            if spans[outer][1] <= spans[inner][0] and not any(c in between for c in separators):
                dropped.add(outer)
    return tuple(s for s in plan.subjects if s not in dropped)


def usage_of_whole(plan: Plan, catalogue: Catalogue) -> Plan:
    """ "A、B、C分别多少？用途是什么": a usage ask that names nothing, carried from the parts just listed, asks what
    their total was used for (the 主要用于 sentence follows the total's breakdown), not each part's usage."""
    if not plan.elliptical or len(plan.subjects) < 2 or plan.whole:
        return plan
    if not (plan.says("composition") or (plan.intent == "define" and SPENT_ON.search(plan.text))):
        return plan
    common = [p for p in parents(catalogue, plan.subjects[0]) if all(p in parents(catalogue, s) for s in plan.subjects)]
    # "用在什么地方": the place word asks the usage, not an attribute the report must name
    return plan.with_(subjects=(common[0],), ambiguous=(), asked_what=()) if len(common) == 1 else plan
