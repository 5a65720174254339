"""A compound question read ask by ask: each ask becomes a complete plan of its own (a part), reading what it
leaves out from the asks before it, the way a follow-up reads the turn before it.

"X和Y各是多少，各占多少比例" is two parts (the second carries X and Y); "哪个得分最低？负责人是谁？" is two parts,
the second about what the first finds (`found`); "排第二的呢？" after a ranking is the same ranking one place
further. The parts' steps are numbered in one sequence, so a step can use an earlier part's results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.understand.collection_shares import column_of, is_collection, members_whole
from assistant.understand.collections import ADDED, ADDED_COLUMN, DEFAULT_ATTRIBUTE
from assistant.understand.conditions import read_conditions
from assistant.understand.cues import CUES
from assistant.understand.figure_said import AGAINST_FOUND, FOUND_FIGURE, asks_worked_figure, checks_worked_figure
from assistant.understand.followup import merge, pointed_whole, share_whole
from assistant.understand.normalize import fold
from assistant.understand.parse import DIFF, _project_field
from assistant.understand.plan import Op, Plan, Step, Target

FOUND_REF = CUES.cue("found_ref")
SPENT_ON = CUES.cue("spent_on")  # "主要用在哪": what a total was used for
OVERALL_RATE = CUES.cue("overall_rate")  # "整体", "合起来": a rate of the members together
RATE_NAMES = tuple(sorted(CUES.table("rate_parts")))  # a table's rate that is a ratio of two of its columns
POINTS_BACK = CUES.cue("points_to_first")
WORKED = ("difference", "sum", "complement")  # operations whose result is one figure
MEMBER_COUNT = CUES.cue("member_count")
MEMBER_LIST = CUES.cue("member_list")
SUM_WORD = CUES.cue("sum_word")
OWN_COLLECTION = re.compile(f"{CUES.source('collection_projects')}|{CUES.source('collection_indicators')}")
FOUND_AMOUNT = CUES.cue("found_amount")
EACH = CUES.cue("each")
NAMED_MEASURES = ("占比", "预算完成率", "比上年增减额", "比上年增减率")  # carried to the next thing found
FINDS = ("max", "min", "nth", "top", "filter", "count")  # aggregates whose answer is a member (or several)
FINDING_OPS = (Op.FILTER, Op.COUNT, Op.MAX, Op.MIN, Op.NTH)
COLLOQUIAL = frozenset(CUES.table("colloquial"))  # everyday words for the template's items ("接待", "用车")


def read_parts(
    asks: Sequence[str],
    context: Plan | None,
    read: Callable[[str], Plan],
    complete: Callable[[Plan, str], Plan],
    context_is_part: bool = False,
    beside: Callable[[Plan, Plan], Plan] | None = None,
) -> tuple[Plan, ...]:
    """One complete plan per ask, each carrying what it leaves out from the one before (the first from the
    conversation; when `context_is_part`, the previous turn's plan runs again as the first part)."""
    shift = 1 if context_is_part else 0
    parts: list[Plan] = []
    previous = context
    row_turn = ""  # the previous turn's question, when it named the row the first ask's result is of
    for i, ask in enumerate(asks):
        part = read(ask)
        if previous is not None and parts and _each_of_project_asks(part, previous):
            # "指标值分别多少" after asks about a project's rows: every row asked so far, read together
            part = read("，".join(asks[: i + 1]))
        if previous is not None and not parts and _row_result_after(part, previous, ask):
            # "（上一问：某行的目标值）实际达到多少？": that row's result, read with the turn that named the row
            row_turn = previous.text
            part = read(f"{row_turn}，{ask}")
        if previous is not None and parts and _row_gap_of(part, previous):
            # "好评数量的目标和实际是多少？超出目标多少？": the gap of the row the ask before named
            part = read(f"{row_turn}，{asks[i - 1]}，{ask}" if row_turn else f"{asks[i - 1]}，{ask}")
        if parts and _overall_rate_of_tables(previous, part, ask):
            # "这些项目平均多少？合起来执行率呢": the rate of those tables together, not the body's general budget's
            part = read(f"{_scope_words(previous.collection)}{ask}")
        if parts and _same_collection(previous, part):
            # "满分的有几个？执行率100%的有几个？": the second count ranges over the collection the first named
            part = read(f"{_scope_words(previous.collection)}{ask}")
        if previous is not None and len(previous.projects) == 1 and (_colloquial_only(part) or not _names(part)):
            # "12345热线配了几个坐席？一年接待了多少群众？": inside a question about one project, an everyday word
            # the template also uses ("接待"), or an everyday ask of a row's measure naming nothing ("满意吗？服务了
            # 多少人"), asks about that project, read with its name
            again = read(f"{previous.projects[0]}{ask}")
            part = again if again.projects == previous.projects and _reads_row(again) else part
        if previous is not None and beside is not None:
            part = beside(part, previous)  # "吃饭花了多少？车费呢？": read beside what the ask before named
        part = carry(previous, part, i - 1 + shift)
        part = _people_compared(part, [context, *parts] if context is not None else parts)
        if parts and parts[-1].says("yuan") and not part.says("yuan"):  # "按元算，人均多少？每批多少？"
            part = part.with_(cues=(*part.cues, "yuan"))
        part = complete(part, ask)
        part = part if context_is_part else pointed_whole(part, context)  # "占这部分Y的比重": the Y just given
        parts.append(part)
        previous = part
    if len(parts) >= 2 and not _names(parts[0]) and parts[0].measure.startswith("比上年") and parts[1].subjects:
        # "较上年减了多少？上年合计又是多少？": the change asked first is of what the next ask names
        parts[0] = complete(merge(parts[1].with_(year=parts[0].year), read(asks[0])), asks[0])
    return tuple(parts)


def _people_compared(part: Plan, before: Sequence[Plan]) -> Plan:
    """ "是同一位负责人吗" after asks that named one project each: the people of every project named so far."""
    people = part.project_field in ("leader", "finance_leader")
    if not part.says("same_person") or not people or len(part.projects) >= 2:
        return part
    named = tuple(dict.fromkeys(p for plan in (*before, part) for p in plan.projects))
    if len(named) < 2:
        return part
    return part.with_(projects=named, collection="", aggregate="", attribute="", operation="", intent="project")


def _same_collection(previous: Plan | None, part: Plan) -> bool:
    """An ask that names nothing but counts or lists members by a condition of its own, after an ask over a
    collection of project tables or indicator rows: over the same collection."""
    if previous is None or not previous.collection.startswith(("projects", "indicators")) or _names(part):
        return False
    if OWN_COLLECTION.search(part.text):  # "年初预算为0的项目有几个": it says its collection itself
        return False
    if FOUND_REF.search(part.text):
        return False
    added = previous.aggregate in ("sum", "avg") and bool(part.project_field) and SUM_WORD.search(part.text)
    # "调整后预算合计多少，执行数合计多少": another column added up over the same members
    return bool(MEMBER_COUNT.search(part.text) or MEMBER_LIST.search(part.text) or added)


def _overall_rate_of_tables(previous: Plan | None, part: Plan, ask: str) -> bool:
    """An overall rate of a table column ("整体执行率") asked right after an ask over the project tables, naming
    nothing in its own words (a name only a rephrasing of the year's overall rate put in does not count)."""
    if previous is None or previous.collection != "projects" or not OVERALL_RATE.search(ask):
        return False
    said = fold(ask)
    own = [m for m in part.matches if m.alias in said]
    return not own and not part.projects and any(rate in said for rate in RATE_NAMES)


def _overall_rate_asked(plan: Plan) -> bool:
    """The ask is a rate of the members together ("总体的执行率"), naming no member of its own."""
    named = plan.subjects or plan.projects or plan.ambiguous or plan.people
    return not named and bool(OVERALL_RATE.search(plan.text)) and any(r in plan.text for r in RATE_NAMES)


def _scope_words(collection: str) -> str:
    """A collection as a question names it, to read an ask over it ("项目中", "X的指标中")."""
    kind, _, owner = collection.partition(":")
    if kind == "projects":
        return "项目中"
    return f"{owner}的指标中" if owner else "指标中"


def _colloquial_only(plan: Plan) -> bool:
    """The ask names no project, and every subject it names only by an everyday word of the template's items."""
    said = [m for m in plan.matches if m.kind == "subject"]
    return not plan.projects and bool(said) and all(m.alias in COLLOQUIAL for m in said)


def _reads_row(plan: Plan) -> bool:
    """Everyday words of the plan were read as something other than its subjects and projects: a row of its
    project's table ("多少人次" → 服务群众人次), which only the project's context names."""
    terms = [term for _, _, term in (e.partition("→") for e in plan.everyday)]
    return any(t and t not in plan.subjects and t not in plan.projects for t in terms)


def _names(plan: Plan) -> bool:
    return bool(plan.subjects or plan.projects or plan.ambiguous or plan.people or plan.collection)


def carry(previous: Plan | None, current: Plan, index: int) -> Plan:
    """`current` with what it leaves out of `previous`; `index` is `previous`'s place among the parts (-1 when
    it is the conversation's turn, whose found members are in its answer, not in this question)."""
    if previous is None:
        return current
    if index >= 0 and current.says("per_month") and not previous.says("per_month") and not _names_own(current):
        return current.with_(found=index, per="月", intent="derived")  # "一年多少？每月呢": that figure ÷ 12
    if index >= 0 and previous.collection == "projects" and _overall_rate_asked(current):
        return current  # "哪个最多？总体执行率呢": the tables together (found_shares.overall), not the one found
    rows_again = previous.collection.startswith("indicators") and current.collection == "projects"
    if index >= 0 and rows_again and current.aggregate in ("max", "min", "nth") and not current.project_field:
        # "谁最高" after an aggregate over indicator rows: the same rows, ranked
        return current.with_(collection=previous.collection, attribute=previous.attribute, filters=previous.filters)
    if index >= 0 and _other_extreme(previous, current):
        # "哪个分最高，哪个最低": the second extreme ranks by the measure the first named
        return current.with_(attribute=previous.attribute, project_field=previous.project_field)
    if previous.projects and not current.projects and _fields_named_as_subjects(current):
        # "执行数多少？绩效目标是什么？": 绩效目标 is the same project's table field here, not a subject of its own
        current = current.with_(subjects=(), ambiguous=(), intent="project" if current.intent != "reason" else "reason")
    if index >= 0 and _usage_of_listed(previous, current):  # "按类分别多少？用途是什么": their total's usage
        return current.with_(subjects=(previous.collection.removeprefix("parts:"),), intent="define", asked_what=())
    if index >= 0 and _shares_of_listed(previous, current):  # "X各部分多少？各占X几成": each part's share of X
        whole = current.whole or share_whole(current)
        return current.with_(subjects=(whole,), whole="", intent="list", collection="", aggregate="")
    members = members_whole(current) if index >= 0 and not _names_own(current) else ""
    if members:  # "在全部自评项目的调整后预算里占几成": what the ask before worked out ÷ the column's total
        column = column_of(current, members)
        return current.with_(found=index, whole=members, attribute=column, collection="", aggregate="")
    if index >= 0 and previous.aggregate in ("sum", "avg") and current.measure == "占比" and _one_whole(current):
        return current.with_(found=index)  # "占项目支出的比例": the total just worked out, of the whole named
    if index >= 0 and current.measure == "占比" and _share_of_remainder(previous, current):
        whole = share_whole(current)  # "占多少", "在采购总额里占几成": what is left, of the total (or the whole named)
        return current.with_(found=index, subjects=(whole,) if whole else (), year=current.year or previous.year)
    summed = previous.operation == "sum" and len(previous.named) >= 2
    if index >= 0 and summed and current.measure == "占比" and _one_whole(current) and _said_as_part(current):
        return current.with_(found=index)  # "A和B加起来多少？其中A占合计几成": A ÷ the sum just worked out
    whole = _share_whole(previous) if index >= 0 and current.measure == previous.measure == "占比" else ""
    if whole and _one_whole(current) and not current.whole and current.subjects[0] not in previous.subjects:
        return current.with_(subjects=(current.subjects[0], whole), year=current.year or previous.year)  # "B呢"
    if index >= 0 and previous.operation in WORKED and checks_worked_figure(current):  # "与某项收入对得上吗"
        return current.with_(found=index, figure_said=AGAINST_FOUND, intent="derived")
    if index >= 0 and previous.operation in WORKED and asks_worked_figure(current):  # "这个差额跟哪项一样"
        return current.with_(found=index, figure_said=FOUND_FIGURE, subjects=previous.subjects, intent="figure")
    if index >= 0 and _compares_back(previous, current):  # "X占Y的几成？它比Z多还是少，差多少": X − Z
        pair = (previous.subjects[0], current.subjects[0])
        return current.with_(subjects=pair, measure="", operation="difference", intent="derived", whole="")
    names = bool(current.subjects or current.projects or current.ambiguous or current.people or current.collection)
    names = names or bool(read_conditions(current.text) and OWN_COLLECTION.search(current.text))  # "年初预算为0的项目"
    refers = bool(FOUND_REF.search(current.text))
    if index >= 0 and (not names or (refers and not current.subjects and not current.projects)):
        if current.rank and previous.aggregate:
            return merge(previous, current)  # "排第二的呢": the same ranking, one place further
        source = index if _finds(previous) else previous.found
        if previous.aggregate in ("sum", "avg") and current.measure == "占比":
            source = index  # "占调整后预算总和的几成": the total just worked out, as a share
        if source >= 0:  # the measure asked of the first one found is asked of the next ("金额和占比"…"多少")
            measure = current.measure or (previous.measure if previous.measure in NAMED_MEASURES else "")
            if not current.measure and not current.project_field and FOUND_AMOUNT.search(current.text):
                measure = "决算数"  # "决算多少": the amount of what was found, whatever the ranking compared
            tables = previous.collection == "projects" or previous.says("project_word")
            added = ADDED.search(current.text) and tables and not current.project_field
            attribute = ADDED_COLUMN if added else current.attribute  # "年中追加合计多少" of the tables found
            return current.with_(found=source, year=current.year or previous.year, measure=measure, attribute=attribute)
    merged = merge(previous, current)
    if not names and current.says("sum_word") and not merged.operation and len(merged.named) >= 2:
        return merged.with_(operation="sum", intent="derived")  # "X、Y、Z这几样，一共多少": their sum
    two = len(merged.named) == 2 and merged.measure in ("", "决算数") and not merged.operation
    if not names and two and DIFF.search(current.text) and not current.aggregate:
        return merged.with_(operation="difference", intent="derived")  # "…是…的几倍？差额是多少": their gap
    return merged


def _usage_of_listed(previous: Plan, current: Plan) -> bool:
    """A usage ask naming nothing, right after a total's parts were listed: what the total was used for."""
    if current.subjects or current.projects or not previous.collection.startswith("parts:"):
        return False
    return current.says("composition") or (current.intent == "define" and bool(SPENT_ON.search(current.text)))


def _shares_of_listed(previous: Plan, current: Plan) -> bool:
    """ "各占X的多少" right after X's parts were listed: every part's share of X, not a share of what was found."""
    whole = current.whole or share_whole(current)
    if not whole or current.measure != "占比" or current.subjects not in ((), (whole,)) or not current.says("each"):
        return False
    return previous.collection == f"parts:{whole}" or previous.subjects == (whole,)


def _other_extreme(previous: Plan, current: Plan) -> bool:
    """A max or min over the same collection as the ask before, naming no measure of its own."""
    if {previous.aggregate, current.aggregate} != {"max", "min"}:
        return False
    kind = current.collection.split(":")[0]
    same = current.collection == previous.collection and kind in DEFAULT_ATTRIBUTE
    unnamed = not current.project_field and current.measure in ("", "数量") and not current.filters
    return same and unnamed and current.attribute == DEFAULT_ATTRIBUTE[kind] != previous.attribute


def _compares_back(previous: Plan, current: Plan) -> bool:
    """An ask that points back ("它", "其") at the first thing the ask before named and compares it with the one
    thing it names itself ("它跟基本支出比谁多，相差几何")."""
    if len(current.subjects) != 1 or current.projects or current.ambiguous or not previous.subjects:
        return False
    if previous.projects or current.subjects[0] == previous.subjects[0]:
        return False
    return bool(POINTS_BACK.search(current.text) and DIFF.search(current.text))


WHOLE_AFTER = tuple(CUES.words("share_whole_after"))


def _share_whole(plan: Plan) -> str:
    """The whole a share of two subjects is asked of: named right after 占, or right before 里/中
    ("三公经费里X占比多少")."""
    if len(plan.subjects) != 2 or plan.projects or plan.collection:
        return ""
    for match in plan.matches:
        after = plan.text[match.end : match.end + 6].lstrip("」』”\"'").removeprefix("经费")  # 「三公」经费里
        named = match.kind == "subject" and len(match.targets) == 1 and match.targets[0] in plan.subjects
        if named and (after.startswith(WHOLE_AFTER) or "占" in plan.text[max(0, match.start - 4) : match.start]):
            return match.targets[0]
    return ""


PART_AFTER = tuple(CUES.words("share_part_after"))


def _share_of_remainder(previous: Plan, current: Plan) -> bool:
    """A share asked right after the rest of a total was worked out ("不是给中小企业的部分有多少？占多少？"), naming
    no part of its own: the rest is the part, its total (or the whole named after 占) the whole."""
    worked = previous.operation == "complement" or (previous.operation == "difference" and previous.says("complement"))
    # "除去X以外剩下的合计多少": a sum said of what is left, answered as the complement (derived.complement)
    worked = worked or (previous.operation == "sum" and previous.says("complement") and previous.says("sum_word"))
    own = [s for s in current.subjects if s != share_whole(current)]
    return worked and not own and not (current.projects or current.ambiguous or current.collection)


def _said_as_part(plan: Plan) -> bool:
    """The one subject is said as a share's part ("X占…", "X所占"), not as its whole ("占X的", "在X中占")."""
    match = next((m for m in plan.matches if m.targets == plan.subjects), None)
    return match is not None and plan.text[match.end :].startswith(PART_AFTER) and share_whole(plan) == ""


def _names_own(plan: Plan) -> bool:
    """The ask names members of its own (a collection word alone names none)."""
    return bool(plan.subjects or plan.projects or plan.ambiguous or plan.people)


def _one_whole(plan: Plan) -> bool:
    return len(plan.subjects) == 1 and not (plan.projects or plan.ambiguous or plan.collection)


def _fields_named_as_subjects(plan: Plan) -> bool:
    """The ask asks a project-table field and every subject it names is that field's own word (绩效目标)."""
    named = plan.subjects + tuple(s for group in plan.ambiguous for s in group)
    return bool(plan.project_field and named) and all(_project_field(name) for name in named)


def _finds(plan: Plan) -> bool:
    """The plan's answer is a member or several: an aggregate that finds, or a filter over the project tables
    ("执行率不到100%的项目有哪些") whose members a later ask sums ("这些项目调整后预算一共多少")."""
    if plan.aggregate in FINDS:
        return True
    last = plan.steps[-1] if plan.steps else None
    return last is not None and last.op in FINDING_OPS and any(t.name == "projects" for t in last.targets)


TARGET_WORD = re.compile("目标|指标|计划|预期")
ROW_TARGET = CUES.cue("row_target_asked")
ROW_RESULT = CUES.cue("row_result_asked")


def _row_gap_of(part: Plan, previous: Plan) -> bool:
    """An ask of a gap to the target that names nothing, after an ask about one project's row."""
    names = part.subjects or part.projects or part.ambiguous or part.collection
    own_rate = previous.says("ratio_asked")  # "完成率是多少？还差多少？": the rate's ask answers the gap itself
    gap = part.says("gap") and bool(TARGET_WORD.search(part.text))
    return not names and gap and not own_rate and len(previous.projects) == 1


def _row_result_after(part: Plan, previous: Plan | None, ask: str) -> bool:
    """An ask of a result naming nothing, after a turn that asked one project's row target."""
    names = part.subjects or part.projects or part.ambiguous or part.collection
    one_row = previous is not None and len(previous.projects) == 1 and bool(ROW_TARGET.search(previous.text))
    return not names and one_row and bool(ROW_RESULT.search(ask))


def _each_of_project_asks(part: Plan, previous: Plan) -> bool:
    names = part.subjects or part.projects or part.ambiguous or part.collection
    return not names and bool(EACH.search(part.text)) and bool(previous.projects) and not previous.subjects


def found_steps(plan: Plan) -> tuple[Step, ...]:
    """The steps of an ask about what an earlier ask found: its property, reason or figure."""
    if plan.intent == "reason":
        return (Step(Op.REASON, (Target("found", ""),), inputs=(0,)),)
    if plan.per == "月":
        return (Step(Op.PER_UNIT, (Target("found", ""),), inputs=(0,), per="月"),)
    if is_collection(plan.whole):  # what was worked out ÷ the column's total over the collection
        column = Target("collection", plan.whole, plan.attribute)
        return (Step(Op.SUM, (column,)), Step(Op.SHARE, (Target("found", "", plan.attribute), column), inputs=(0,)))
    field = plan.project_field or plan.measure
    if plan.aggregate in ("sum", "avg"):
        op = Op.SUM if plan.aggregate == "sum" else Op.AVERAGE
        return (Step(op, (Target("found", "", plan.attribute or plan.measure or "决算数"),), inputs=(0,)),)
    if plan.measure == "占比" and len(plan.subjects) == 1 and _said_as_part(plan):
        # "其中X占这一类的比重": X is the part (said before 占), the total just worked out the whole
        part = Target("fact", plan.subjects[0], "决算数", plan.year)
        return (Step(Op.SHARE, (part, Target("found", "", "决算数")), inputs=(0,)),)
    if plan.measure == "占比":
        return (Step(Op.SHARE, (Target("found", "", "占比"),), inputs=(0,)),)
    return (Step(Op.LOOKUP, (Target("found", "", field),), inputs=(0,)),)
