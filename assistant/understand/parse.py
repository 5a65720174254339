"""Question → intent + subjects + measure + year: a lookup in the lexicon and a few cue-word tables.

Intents: figure (a stated number), reason (a stated reason), derived (the calculator works it out),
list (several items), project (a project's table), other (retrieval). Hand-written cue tables: the
template's vocabulary is small and fixed, and a rule that misfires is easy to see and fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.understand.collections import lines_below, read_aggregate, read_claim
from assistant.understand.cue_reader import cues_in
from assistant.understand.cues import CUES
from assistant.understand.lexicon import Lexicon, Match
from assistant.understand.normalize import cn_number
from assistant.understand.per_words import per_unit
from assistant.understand.plan import Plan

REASON = CUES.cue("reason")
WHICH_CHANGED = CUES.cue("which_changed")
STAFF_NET = tuple(CUES.words("staff_net"))
PAIR_CONTAINER = CUES.cue("pair_container")
AHEAD_BY = CUES.cue("ahead_by")
PAIR_WORD = re.compile(r"^[^，,。？?]{0,3}(?:比|和|跟|与|同)$")
LIST = CUES.cue("list")
COMPARE = CUES.cue("compare")
POINTS = CUES.cue("points")
RATES = ("预算完成率", "比上年增减率", "占比")  # rates two of which are apart by percentage points
SUM = CUES.cue("sum")
DIFF = CUES.cue("diff")
MAX = CUES.cue("max")
MIN = CUES.cue("min")
WHICH_MORE = CUES.cue("which_more")
WHICH_LESS = CUES.cue("which_less")
RANK = CUES.cue("rank")
RANK_DIGITS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
SHARE = CUES.cue("share")
RATE_WORD = CUES.cue("rate_word")
BY_MEANS = CUES.cue("by_means")
CHANGE = CUES.cue("change")
EXEC_RATE = CUES.cue("exec_rate")
COUNT = CUES.cue("count")
FIGURE_CUE = CUES.cue("figure_cue")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d|\.\d)\s*年?")  # 2071.29 is an amount, not a year
PREV_YEAR = CUES.cue("prev_year")
COMPARED_YEAR = CUES.cue("compared_year")
THIS_YEAR = CUES.cue("this_year")
DEFINE = CUES.cue("define")
FOLLOW_UP = CUES.cue("follow_up")
PROJECT_CUE = CUES.cue("project_cue")
AVG = CUES.cue("avg")
AVG_PER = CUES.cue("avg_per")
EACH = CUES.cue("each")
EACH_OR_EVERY = CUES.cue("each_or_every")
COMPLEMENT = CUES.cue("complement")
UNSPENT = CUES.cue("unspent")
CLAUSE_BREAK = CUES.cue("clause_break")
RANKED = CUES.cue("ranked")
# "第二项", "第3条": a position in a numbered list; "一共有几项": the list's length (never "多少项目").
ORDINAL = CUES.cue("ordinal")
ENUM_COUNT = CUES.cue("enum_count")
# "平均每批次", "人均": the unit an amount or count is divided by; "几辆": a count asked in a unit.
ASKS_COUNT = CUES.cue("asks_count")
POINTING_FEW = CUES.cue("pointing_few")
FIGURE_ASKED = CUES.cue("figure_asked")
ASKED = CUES.cue("asked")
CLAUSES = re.compile(r"[？?；;。！!]+")
DERIVE = CUES.cue("derive_word")
STATED_CHANGE = CUES.cue("stated_change")
MEASURES_LISTED = [(name, re.compile(source)) for name, source in CUES.table("measures_listed").items()]

GOAL_RESULT = CUES.source("goal_result")
PURPOSE = CUES.source("purpose")
# Project-table fields by cue; order matters (more specific first).
PROJECT_FIELDS = CUES.field_cues("project")
# The numeric project fields, with the measure name their facts carry.
PROJECT_MEASURES = {
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "executed": "执行数",
    "execution_rate": "执行率",
    "self_score": "自评得分",
}
BEYOND_TARGET = CUES.cue("beyond_target")


def parse(text: str, lexicon: Lexicon, report_year: int, sizes: Mapping[str, int] | None = None) -> Plan:
    """Parse one normalised question (no conversation context); `sizes` are the report's collection sizes."""
    return _staff_change(_from_matches(text, lexicon.find(text), report_year, sizes), lexicon)


def _staff_change(plan: Plan, lexicon: Lexicon) -> Plan:
    """ "人是多了还是少了" naming nothing: the difference of the two staff counts the report states (who joined,
    who retired), when it states both."""
    # "新增了几人、退休了几人，净变化多少": the two counts named themselves are the pair, not another subject
    named = [s for s in plan.subjects if s not in STAFF_NET] or plan.projects or plan.ambiguous
    if named or not plan.says("staff_change") or not all(s in lexicon.subjects for s in STAFF_NET):
        return plan
    return plan.with_(subjects=STAFF_NET, intent="derived", operation="difference", measure="数量")


def with_matches(q: Plan, extra: list[Match], report_year: int) -> Plan:
    """The question read again with more names recognised (a project named in everyday words): its rest,
    field and intent follow; the quotes and years it already had stay."""
    taken = [m for m in q.matches if all(m.end <= e.start or m.start >= e.end for e in extra)]
    again = _from_matches(q.text, sorted(taken + extra, key=lambda m: m.start), report_year)
    return again.with_(quoted=q.quoted, year=q.year or again.year, years=q.years or again.years)


def _from_matches(text: str, matches: list[Match], report_year: int, sizes: Mapping[str, int] | None = None) -> Plan:
    ranked = RANK.search(text)
    if ranked is not None:  # "第三名" is a place in a ranking, never a name's fragment ("第三方…")
        matches = [m for m in matches if m.end <= ranked.start() or m.start >= ranked.end()]
    subjects: list[str] = []
    ambiguous: list[tuple[str, ...]] = []
    projects: list[str] = []
    scope = _pair_scope(text, matches)
    for match in matches:
        if match is scope:
            continue
        if match.kind == "project":
            projects.extend(t for t in match.targets if t not in projects)
        elif len(match.targets) == 1:
            if match.targets[0] not in subjects:
                subjects.append(match.targets[0])
        else:
            ambiguous.append(match.targets)
    years = _years(text, report_year)
    year = years[0] if years else 0
    if report_year - 1 in years and DERIVE.search(text[text.find(str(report_year - 1)) - 8 :]):
        year = report_year - 1  # "…增加了523万元，据此推算2021年是多少": the year worked out is asked
    elif (given := STATED_CHANGE.search(text)) and report_year - 1 in years:
        # "说2023年X减少了0.91万元，那2022年X是多少": the change is given first, the prior year is asked after it
        year = report_year - 1 if text.rfind(str(report_year - 1)) > given.end() else year
    rest = _without_matches(text, matches)
    # "根据各自降幅反推…合计": the figure a calculation goes by is not the measure asked, nor is its 各 "each"
    by_asked = BY_MEANS.sub(lambda m: "□" * len(m.group(0)), rest)
    # "那几辆车的油钱": pointing at the few things named, not asking how many
    measure, unit_hint = _measure(POINTING_FEW.sub(lambda m: "□" * len(m.group(0)), by_asked))
    listed = measures_listed(by_asked) if _lists_measures(text, rest, subjects, ambiguous, projects) else ()
    if len(listed) >= 2:  # several measures of the one subject named: each is read, none is "the" measure
        measure = ""
    wants_rate = bool(RATE_WORD.search(by_asked))
    operation = _operation(by_asked, subjects, ambiguous, measure) if len(listed) < 2 else ""
    if not operation and len(projects) >= 2 and len(listed) < 2:  # "A和B两个项目哪个花得多"
        operation = _which_ahead(by_asked)
    rank, operation = _rank(rest, operation)
    all_projects = (
        bool(PROJECT_CUE.search(rest)) and not projects and operation in ("max", "min", "sum", "avg", "filter")
    )
    if all_projects and lines_below(rest, tuple(subjects)):
        all_projects = False  # "X下面的项目加起来": the lines under X, not the project tables
    # Project fields are read with only project names blanked: "绩效目标" is a subject and a table field.
    project_field = _project_field(_without_matches(text, [m for m in matches if m.kind == "project"]))
    intent = _intent(rest, subjects, ambiguous, projects, operation, all_projects, year, report_year)
    if len(listed) >= 2 and intent in ("list", "derived", "other"):
        intent = "figure"
    elliptical = bool(FOLLOW_UP.search(text)) or (not subjects and not projects and len(text) <= 12)
    ordinal, counted = ORDINAL.search(text), ENUM_COUNT.search(text)
    per, asked = per_unit(text), ASKS_COUNT.search(rest)
    named = tuple(subjects) + tuple(s for group in ambiguous for s in group if s not in subjects)
    aggregate = read_aggregate(
        text, rest, named, tuple(projects), operation, rank, measure, project_field, per_unit(text, ""), sizes
    )
    if len(listed) >= 2:
        aggregate = replace(aggregate, collection="", attribute="", op="", filters=(), claim="")
    operation = "min" if aggregate.low_first else operation  # "从低到高排": the order starts at the lowest
    if aggregate.collection.startswith(("level:", "parts:")) and all_projects and not projects:
        all_projects = False  # "9个项目里…" counted as the 项级 items: not a question about the tables
        intent = "derived" if intent == "project" else intent
    return Plan(
        text=text,
        rest=rest,
        intent=intent,
        subjects=tuple(subjects),
        projects=tuple(projects),
        ambiguous=tuple(ambiguous),
        measure=measure,
        unit_hint=unit_hint,
        project_field=project_field,
        operation=operation,
        year=year,
        years=tuple(years),
        wants_rate=wants_rate,
        elliptical=elliptical,
        all_projects=all_projects,
        matches=tuple(matches),
        fields=tuple(project_fields(rest)),
        measures=listed if len(listed) >= 2 else (),
        cues=cues_in(text, [m.start for m in matches]),
        cues_in_rest=cues_in(rest, [m.start for m in matches]),
        ordinal=cn_number(ordinal.group(1)) if ordinal else 0,
        ordinal_word=ordinal.group(2) if ordinal else "",
        count_word=counted.group(2) if counted else "",
        per=per,
        count_asked=asked.group(2) if asked else "",
        clauses=tuple((c, bool(FIGURE_ASKED.search(c))) for c in CLAUSES.split(text)),
        asked_what=tuple(m.group(1) for m in ASKED.finditer(text)),
        rank=aggregate.places or rank,
        collection=aggregate.collection,
        attribute=aggregate.attribute,
        aggregate=aggregate.op,
        filters=aggregate.filters,
        groups=aggregate.groups,
        claim=aggregate.claim or (read_claim(rest) if len(named) >= 2 else ""),
    )


def _lists_measures(
    text: str, rest: str, subjects: list[str], ambiguous: list[tuple[str, ...]], projects: list[str]
) -> bool:
    """One sentence about one subject that may list several of its measures (no reason, no ranking asked)."""
    sentences = [c for c in CLAUSES.split(text) if c.strip()]
    one_subject = len(subjects) + len(ambiguous) == 1 and not projects
    asks_more = REASON.search(rest) or MAX.search(rest) or MIN.search(rest) or DERIVE.search(rest)
    return one_subject and len(sentences) == 1 and not asks_more


def measures_listed(rest: str) -> tuple[str, ...]:
    """The measures a question names, in the order it names them (each once)."""
    found = sorted((m.start(), name) for name, pattern in MEASURES_LISTED if (m := pattern.search(rest)))
    return tuple(dict.fromkeys(name for _, name in found))


def _rank(rest: str, operation: str) -> tuple[int, str]:
    """The ranking position a question asks ("第二多", "倒数第三"), and the direction it implies: 倒数 counts
    from the lowest; a bare "第二个呢" keeps the operation empty so the conversation's max/min decides."""
    match = RANK.search(rest)
    if match is None or operation not in ("", "max", "min"):
        return 0, operation
    word = match.group(2)
    rank = RANK_DIGITS.get(word) or int(word)
    tail = rest[match.end() : match.end() + 1]
    if match.group(1):
        return rank, "min"
    if tail in CUES.words("rank_low"):
        return rank, "min"
    if tail in CUES.words("rank_high") or RANKED.search(rest[: match.start()]):
        return rank, operation or "max"
    return rank, operation


def _years(text: str, report_year: int) -> list[int]:
    years = [int(m.group(1)) for m in YEAR.finditer(text)]
    if report_year and PREV_YEAR.search(COMPARED_YEAR.sub("", text)):
        years.append(report_year - 1)
    if report_year and THIS_YEAR.search(text):
        years.append(report_year)
    return years


def _pair_scope(text: str, matches: list[Match]) -> Match | None:
    """ "X里A比B多出多少": the name said first, followed by a container word, before a pair compared with 比;
    it is where both sit, not a third subject."""
    named = [m for m in matches if m.kind != "project" and len(m.targets) == 1]
    if len(named) != 3 or named[0] is not matches[0]:
        return None
    first, a, b = named
    if not PAIR_CONTAINER.match(text[first.end : a.start]) or not PAIR_WORD.search(text[a.end : b.start]):
        return None
    # Only a pair compared: "X中A和B各多少？各占X的几成" keeps X, the whole its shares are of.
    compared = text[a.end : b.start].rstrip().endswith("比") or DIFF.search(text[b.end :]) or AHEAD_BY.search(text)
    return first if compared else None


def _without_matches(text: str, matches: list[Match]) -> str:
    """The question with the subject names blanked, so cue words inside names (预算 in 一般公共预算) don't count."""
    chars = list(text)
    for match in matches:
        for i in range(match.start, match.end):
            chars[i] = "□"
    return "".join(chars)


def _measure(rest: str) -> tuple[str, str]:
    unit = ""
    for cue in CUES.words("count_units"):
        if cue in rest and COUNT.search(rest):
            unit = cue
            break
    if SHARE.search(rest):
        return "占比", unit
    if EXEC_RATE.search(rest):
        return "预算完成率", unit
    if CHANGE.search(rest) or COMPARED_YEAR.search(rest):  # "和上一年比变化大不大": the change on last year
        return ("比上年增减率" if RATE_WORD.search(rest) else "比上年增减额"), unit
    if COUNT.search(rest):
        return "数量", unit
    return "", unit


def _operation(rest: str, subjects: list[str], ambiguous: list[tuple[str, ...]], measure: str) -> str:
    named = len(subjects) + len(ambiguous)
    if AVG.search(rest) and not AVG_PER.search(rest) and not per_unit(rest, "人"):  # "一个人平均": per unit
        return "avg"
    if COMPARE.search(rest) and PROJECT_CUE.search(rest):
        return "filter"
    ahead = MAX.search(rest) or MIN.search(rest) or _which_ahead(rest)
    if named == 2 and ahead and (DIFF.search(rest) or AHEAD_BY.search(rest)):
        return "difference"  # "A和B哪个多，差多少": the gap is asked; the answer says which is ahead
    if MAX.search(rest):
        return "max"
    if MIN.search(rest):
        return "min"
    if named >= 2 and POINTS.search(rest) and measure in RATES:  # "完成率比…低几个百分点": the rates' gap
        return "difference"
    if named >= 2 and (ahead := _which_ahead(rest)):  # "A和B哪个花钱多": the one ahead of the things named
        return ahead
    if DIFF.search(rest) and named >= 2:
        return "difference"
    each = EACH_OR_EVERY.search(rest)
    if SUM.search(rest) and not each and (named >= 2 or PROJECT_CUE.search(rest)):
        return "sum"
    if named >= 2 and measure == "占比" and not EACH.search(rest):
        return "share"
    if named >= 2 and COMPLEMENT.search(UNSPENT.sub("", rest)):  # "都没花完" negates a verb: no complement
        return "difference"
    return ""


def _which_ahead(rest: str) -> str:
    """ "哪个多" (max) or "哪个少" (min) with words between, of things the question names; else ""."""
    if WHICH_MORE.search(rest):
        return "max"
    return "min" if WHICH_LESS.search(rest) else ""


def project_fields(rest: str) -> list[str]:
    """Every project field a question asks, one per clause ("得分多少？执行率呢？"), in order."""
    out: list[str] = []
    for clause in CLAUSE_BREAK.split(rest):
        field = _project_field(clause)
        if field and field not in out:
            out.append(field)
    return out


def _project_field(rest: str) -> str:
    rest = BEYOND_TARGET.sub("", rest)  # "比指标多出几个": the row's target, not the table's indicators field
    for name, pattern in PROJECT_FIELDS:
        if pattern.search(rest):
            return name
    return ""


def _intent(
    rest: str,
    subjects: list[str],
    ambiguous: list[tuple[str, ...]],
    projects: list[str],
    operation: str,
    all_projects: bool,
    year: int,
    report_year: int,
) -> str:
    if projects or all_projects:
        if REASON.search(rest):
            return "reason"
        return "derived" if operation in ("max", "min", "sum") and all_projects else "project"
    if REASON.search(rest) or WHICH_CHANGED.search(rest):  # "哪些多了哪些少了": the stated reason of a change
        return "reason"
    if operation:
        return "derived"
    if subjects and report_year and year == report_year - 1:
        return "derived"
    each_of_several = EACH.search(rest) and len(subjects) + len(ambiguous) >= 2  # "X和Y分别是多少": each figure
    if DEFINE.search(rest) and not (each_of_several and FIGURE_ASKED.search(rest)):  # "花在X还是Y上，各多少"
        return "define"
    if LIST.search(rest) and (ambiguous or subjects) and not each_of_several:
        return "list"
    if subjects or ambiguous:
        return "figure"
    return "other"
