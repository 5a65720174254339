"""An aggregate read from a question: which catalogue collection it ranges over, the value compared over the
members, the operation, and the conditions a member must meet (TAPAS-style: aggregation + conditions).

One reading for every collection: the project tables ("哪个项目花钱最多"), the 项级 items ("完成预算不到90%的项级
科目"), the 类 ("哪一类最多"), the parts of a named total ("三公经费中哪项最多"), one table's indicator rows
("哪个指标权重最高"). Which members a collection has is the catalogue's business; this only reads the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.understand.cues import CUES
from assistant.understand.normalize import cn_number
from assistant.understand.plan import Condition

INDICATORS = CUES.cue("collection_indicators")
BEYOND_TARGET = CUES.cue("beyond_target")
ITEMS = CUES.cue("collection_items")
ITEMS_SAID = CUES.cue("items_said")
CLASSES = CUES.cue("collection_classes")
SPENDING_AREAS = CUES.cue("collection_spending_areas")
COUNTED_CLASSES = CUES.cue("counted_classes")
FUNCTION_CLASSES = CUES.cue("function_classes")
ORDER = CUES.cue("order_asked")
ORDER_LOW = CUES.cue("order_low")
EVERY = CUES.cue("every_asked")
ALTERNATIVES = CUES.cue("alternatives")
ANY = CUES.cue("any_asked")
ITEM_WORD = CUES.cue("collection_item_word")
PROJECTS = CUES.cue("collection_projects")
STATED_MEMBERS = CUES.cue("stated_members")
PROJECTS_ONLY = CUES.cue("projects_only")
TABLES = CUES.cue("collection_tables")
MEMBER_COUNT = CUES.cue("member_count")
MEMBER_LIST = CUES.cue("member_list")
COMPARE = CUES.cue("compare")
ABOVE = CUES.cue("above")
EQUALS = CUES.cue("equals")
NO_INITIAL_BUDGET = CUES.cue("no_initial_budget")
LOST_POINTS = CUES.cue("lost_points")
SCORE_RANKED = CUES.cue("score_ranked")
COMPLEMENT = CUES.cue("complement")
SUM_WORD = CUES.cue("sum_word")
AGREE = CUES.cue("agree_asked")
TOP = CUES.cue("top")
EACH_MEMBER = CUES.cue("each_member")
DIFF = CUES.cue("diff")
ROW_POINTS = CUES.cue("row_score_word")
PERSON_ASKED = CUES.cue("person_asked")
SIGNS_TABLES = CUES.cue("signs_tables")
CHILDREN = CUES.cue("child_cue")
PEOPLE_FIELDS = ("", "leader", "finance_leader")
PEOPLE_COUNT = "负责的项目数"  # the value of a person: how many tables name them (execute.members)
NAME = "名称"  # a condition on the member itself ("除X以外"), not on one of its values
MEMBER_SEP = "|"  # NAME in A|B|C: only those members ("这三个项目" after an answer that listed them)
KIND = "性质"  # an indicator row's kind: 定性 (judged in words) or a comparator of a figure
QUALITATIVE = CUES.cue("qualitative")
INDICATOR_GROUP = CUES.cue("indicator_group")
INDICATOR_GROUPS = CUES.cue("indicator_groups")
LEVEL1 = CUES.words("indicator_top_levels")
LEVELS = re.compile(
    "|".join(sorted((re.escape(w) for w in (*LEVEL1, *CUES.words("indicator_sub_levels"))), key=len, reverse=True))
)
NO_GROUP = CUES.cue("no_group")
GOT_FULL_MARKS = CUES.cue("got_full_marks")
EACH_GROUP = CUES.cue("each_group")
GROUP = "类别"  # an indicator row's 一级/二级指标
GROUP_IN = "in"  # the rows under any of the groups A|B|C
GROUP_ABSENT = "absent"  # a table with no row under the group
QUANTITATIVE = CUES.cue("quantitative")
INDICATOR_FIELDS = CUES.field_cues("indicator")
FIELD_NAMES = CUES.field_cues("condition")  # the numeric project-table values, most specific first
FIELD_CHANGE = CUES.cue("field_change")
ADDED = CUES.cue("added_amount")
MONEY_RANKED = CUES.cue("money_superlative")
ADDED_COLUMN = "调整后预算−年初预算"  # the money added during the year
MINUS = "−"  # a column worked out as one value less another ("调整后预算−年初预算")
UNIT_FIELDS = {  # a bound's unit says which value it bounds when the question names none
    "projects": {"%": "执行率", "万元": "执行数", "万": "执行数", "分": "自评得分"},
    "facts": {"%": "预算完成率", "万元": "决算数", "万": "决算数"},
    "indicators": {"分": "得分"},
}
MONEY = ("决算数", "执行数", "年初预算", "调整后预算", "比上年增减额")
DEFAULT_ATTRIBUTE = {"projects": "执行率", "facts": "决算数", "indicators": "完成值"}  # what no word names
RATES = ("预算完成率", "占比", "比上年增减率", "执行率")
PROJECT_MEASURES = {
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "executed": "执行数",
    "execution_rate": "执行率",
    "self_score": "自评得分",
    "budget": "调整后预算",
}
EXTREMES = ("max", "min", "sum", "avg")
BUDGET_FIELDS = ("budget", "initial_budget", "adjusted_budget")  # a budget asked, which no part's 决算 adds up to


@dataclass(frozen=True)
class Aggregate:
    collection: str = ""
    attribute: str = ""
    op: str = ""  # max | min | nth | top | order | sum | avg | count | filter | all | any
    filters: tuple[Condition, ...] = ()
    places: int = 0  # top: how many of the first places
    groups: tuple[str, ...] = ()  # indicator rows aggregated group by group ("数量、质量、时效指标各合计")
    claim: str = ""  # a sum's value the question says and asks to check ("加总等于495.68吗" → "495.68")
    low_first: bool = False  # an order asked from the lowest ("从低到高")


def read_aggregate(
    text: str,
    rest: str,
    named: tuple[str, ...],
    projects: tuple[str, ...],
    operation: str,
    rank: int,
    measure: str,
    project_field: str,
    per: str,
    sizes: Mapping[str, int] | None = None,
) -> Aggregate:
    """The aggregate a question asks, or an empty one. `rest` is the question with the names blanked; `sizes`
    are the report's collection sizes (a stated count of members picks the collection that has that many)."""
    if len(projects) >= 2 and (operation in ("max", "min") or DIFF.search(rest)) and not per:
        # "A和B哪个花得多", "差多少": the projects named, compared on the value asked; both ends said, and their
        # difference when asked
        attribute = PROJECT_MEASURES.get(project_field, "") or ("自评得分" if SCORE_RANKED.search(rest) else "执行数")
        only = Condition(NAME, "in", MEMBER_SEP.join(projects), "、".join(projects))
        return Aggregate("projects", attribute, operation if operation in ("max", "min") else "max", (only,))
    people_asked = PERSON_ASKED.search(rest) and SIGNS_TABLES.search(rest) and not measure
    if people_asked and not projects and not named and operation in ("max", "min") and project_field in PEOPLE_FIELDS:
        field = "finance_leader" if project_field == "finance_leader" else "leader"  # "谁负责的项目最多"
        return Aggregate(f"people:{field}", PEOPLE_COUNT, operation)
    collection = _by_count(_collection(text, rest, named, projects), rest, named, sizes or {})
    if not projects and ITEM_WORD.search(rest) and _memberless(collection, sizes or {}):
        collection = "level:项"  # "花钱最多的那个科目": the 项级 items, when the words name no total with parts
    if not collection or (per and per not in ("个", "项")):
        return Aggregate()  # "平均每批次多少": an amount ÷ a stated count, not an average over members
    if collection == "projects" and not projects and operation in ("max", "min") and ALTERNATIVES.search(rest):
        return Aggregate()  # "大头是花在项目上，还是花在…上": a choice between two things, not the tables ranked
    kind = _kind(collection)
    if kind == "projects" and ROW_POINTS.search(rest):
        return Aggregate()  # "X的权重和得分": a weight is an indicator row's, never a table's
    filters = _filters(rest, kind)
    op = _operation(rest, operation, rank, per, bool(filters), collection == "indicators")  # every table's rows
    if not op and kind == "projects" and filters and ADDED.search(rest):
        op = "sum"  # "年初预算为0的项目追加了多少": the money added to the tables picked, together
    groups = _groups(rest)[1] if kind == "indicators" else ()
    groups = groups if len(groups) >= 2 and EACH_GROUP.search(rest) else ()
    if groups and op not in ("sum", "avg", "count"):  # "各占多少权重", "各有几个": each group's total or count
        scored = _attribute(rest, kind, measure, project_field, filters) in ("权重", "得分")
        op = "sum" if scored and not MEMBER_COUNT.search(rest) else "count"
    if not op and kind == "indicators" and collection != "indicators" and filters and AGREE.search(rest):
        op = "sum"  # "X的成本指标金额和项目执行数一致吗": a group of one table's rows checked by its total
    if not op:
        return Aggregate()
    if op == "sum" and sizes and collection.startswith("parts:") and _parts_size(collection, sizes) < 2:
        return Aggregate()  # "薪水这一块全年一共发了多少": the total of a thing without parts is its own figure
    if op == "sum" and collection.startswith("parts:") and project_field in BUDGET_FIELDS:
        return Aggregate()  # "X的预算一共多少": the budget X's stated rate implies, not its parts' spending added
    if op == "sum" and kind == "facts" and measure == "数量":
        return Aggregate()  # "总共来了多少客人": a count the report states, not a sum of amounts
    by_rows = any(c.field == GROUP for c in filters)  # "没有设置成本指标的项目": tables picked by their rows
    if kind == "projects" and project_field and project_field not in PROJECT_MEASURES and not by_rows:
        return Aggregate()  # a text field of the tables ("编了绩效目标", "负责人"): no value to aggregate
    attribute = _attribute(rest, kind, measure, project_field, filters)
    if kind == "indicators" and op not in ("count", "filter") and not filters and attribute == "完成值":
        return Aggregate()  # the largest 完成值 of rows of all kinds means nothing: which row is asked by its words
    if op == "sum" and attribute in RATES and not project_field and measure in ("", "数量") and kind == "projects":
        attribute = "执行数"  # "这12个项目一共花了多少": no column named, the amounts are what adds up
    if op == "sum" and attribute in RATES:
        return Aggregate()  # rates do not add up
    claim = ""
    if op == "sum" and AGREE.search(rest):  # "加起来等于495.68吗": the figure said is checked, not a member's bound
        claim = next((c.value for c in filters if c.comparator == "=" and not c.field), "")
        filters = tuple(c for c in filters if c.comparator != "=" or c.field)
    filters = tuple(_bound(c, attribute, kind) for c in filters)
    if collection.startswith("level:") and COMPLEMENT.search(rest):  # "除一般公共服务外其余四类": left out by name
        filters += tuple(Condition(NAME, "!=", name) for name in named)
    top = TOP.search(rest)
    places = cn_number((top.group(1) or top.group(2)).replace("两", "二")) if top and op == "top" else 0
    low = op == "order" and bool(ORDER_LOW.search(rest))
    return Aggregate(collection, attribute, op, filters, places, groups, claim, low)


def lines_below(rest: str, named: tuple[str, ...]) -> bool:
    """ "X下面的项目": the one total named, and 项目 said of the lines under it."""
    below = CHILDREN.search(rest)
    return len(named) == 1 and bool(below and PROJECTS.search(rest[below.end() : below.end() + 6]))


def read_claim(rest: str) -> str:
    """A sum the question says and asks to check ("加起来等于500万元吗" → "500"), else ""."""
    if not (AGREE.search(rest) and SUM_WORD.search(rest)):
        return ""
    equal = EQUALS.search(rest)
    return equal.group(1) if equal and not COMPARE.search(rest) else ""


def _collection(text: str, rest: str, named: tuple[str, ...], projects: tuple[str, ...]) -> str:
    if projects:
        return f"indicators:{projects[0]}" if len(projects) == 1 and _rows_said(rest) else ""
    tables = TABLES.search(text) or PROJECTS_ONLY.search(rest)
    if PROJECTS.search(rest) and not tables and ITEMS_SAID.search(rest):  # "完成预算不到90%的支出项目": the 项
        return "level:项"
    if not tables and lines_below(rest, named):
        return f"parts:{named[0]}"  # "X下面的项目": the lines under the total named, not the project tables
    if PROJECTS.search(rest.replace("具体项目", "")) or TABLES.search(text):  # "具体项目" says the 项 of a total
        if _groups(rest)[2]:  # "哪些项目没有设置成本指标": the tables, by the rows they lack
            return "projects"
        return "indicators" if _rows_said(rest) else "projects"
    if FUNCTION_CLASSES.search(rest) and len(named) <= 1:  # "一般公共预算支出按功能分类": its 类
        return "level:类"
    if len(named) == 1 and not COMPLEMENT.search(rest):
        return f"parts:{named[0]}"  # "三公经费中哪项最多"
    if named and not COMPLEMENT.search(rest):
        return ""  # "X和Y两项支出加起来": the subjects named, not a collection
    if ITEMS.search(rest):
        return "level:项"
    if CLASSES.search(rest):
        return "level:类"
    if not named and (SPENDING_AREAS.search(rest) or COUNTED_CLASSES.search(rest)) and not INDICATORS.search(rest):
        return "level:类"  # "钱的大头花在哪一块": where the money went, by function class
    return f"parts:{named[0]}" if len(named) == 1 else ""


def _rows_said(rest: str) -> bool:
    """The indicator rows are named: "指标" not as the target a row's result is compared with ("比指标多出几个")."""
    return INDICATORS.search(BEYOND_TARGET.sub("", rest)) is not None


def _memberless(collection: str, sizes: Mapping[str, int]) -> bool:
    """No collection read, or the parts of a total that has none ("项目支出科目": 项目支出 is not broken down)."""
    return not collection or (collection.startswith("parts:") and bool(sizes) and _parts_size(collection, sizes) < 2)


def parts_source(collection: str, listed: Callable[[str], bool]) -> str:
    """The collection that lists a total's parts ("parts:X支出"): its breakdown when the catalogue lists one
    (`listed`), else the 项 of its 类 ("items:X"). The planner and the executor both read parts this way."""
    if listed(collection):
        return collection
    return f"items:{collection.removeprefix('parts:').removesuffix('支出')}"


def _parts_size(collection: str, sizes: Mapping[str, int]) -> int:
    """How many parts a total has, read as the executor reads them."""
    return sizes.get(parts_source(collection, lambda key: sizes.get(key, 0) > 0), 0)


def _by_count(collection: str, rest: str, named: tuple[str, ...], sizes: Mapping[str, int]) -> str:
    """ "9个项目里…": the user counts the members; when the collection read from the words has another size and
    another collection of this report has that size, the count decides (the 项级 items are often
    called 项目 too). Words only the project tables have keep the projects."""
    stated = STATED_MEMBERS.search(rest)
    if not stated or not collection or not sizes or collection.startswith("indicators"):
        return collection
    if collection == "projects" and PROJECTS_ONLY.search(rest):
        return collection
    count = int(stated.group(1))
    if _size(collection, sizes) == count:
        return collection
    parts = [f"parts:{n}" for n in named]
    if len(named) == 1 and CHILDREN.search(rest) and _size(parts[0], sizes) == count:
        return parts[0]  # "X下面四个项目": the parts of the total named, whatever they are called
    candidates = ["projects", "level:项", "level:类", *parts]
    fitting = [c for c in candidates if c != collection and _size(c, sizes) == count]
    return fitting[0] if fitting else collection  # several of that size: the same members named two ways


def _size(collection: str, sizes: Mapping[str, int]) -> int:
    return _parts_size(collection, sizes) if collection.startswith("parts:") else sizes.get(collection, 0)


def _kind(collection: str) -> str:
    if collection == "projects":
        return "projects"
    if collection.startswith("indicators"):
        return "indicators"
    return "facts"


def _operation(rest: str, operation: str, rank: int, per: str, filtered: bool, rows: bool = False) -> str:
    if TOP.search(rest):  # "执行数最多的三个项目": the first places of a ranking
        return "top"
    if rank > 1 and operation in ("", "max", "min"):
        return "nth"
    if ORDER.search(rest) and operation not in EXTREMES:  # "从高到低怎么排": every member, in order
        return "order"
    if filtered and EVERY.search(rest):  # "都是满分吗": yes, or the members that are not
        return "all"
    if filtered and ANY.search(rest):  # "有没有设成本指标": yes with the members that are, or no
        return "any"
    counted = MEMBER_COUNT.search(rest)
    after = re.split(r"[，,。？?；;]", rest[counted.end() : counted.end() + 12])[0] if counted else ""
    if counted and SUM_WORD.search(after):  # "几项金额加起来是多少", "几个成本指标的金额加起来": a sum
        counted = None
    if (filtered or rows) and counted:  # "超过100万元的有几个"; "一共多少个指标"
        return "count"  # (a plain count of projects or lines is a figure the report states)
    if operation in EXTREMES:
        return operation
    if per in ("个", "项") and "平均" in rest:  # "12个项目平均每个执行了多少": the members' average
        return "avg"
    if SUM_WORD.search(rest):  # "项级支出的决算加起来是多少"
        return "sum"
    if filtered and (MEMBER_LIST.search(rest) or operation == "filter"):
        return "filter"
    if EACH_MEMBER.search(rest) and (operation == "" or filtered):  # "各项级支出的完成率分别是多少": every member
        return "filter"
    return ""


def _attribute(rest: str, kind: str, measure: str, project_field: str, filters: tuple[Condition, ...]) -> str:
    if kind == "projects" and ADDED.search(rest) and not project_field.endswith("_rate"):
        return ADDED_COLUMN  # "年中追加合计多少": each table's 调整后预算 less its 年初预算
    if kind == "projects" and FIELD_CHANGE.search(rest):
        fields = _fields_in_order(rest)
        if len(fields) >= 2:  # "调整后预算和年初预算相比变化最大": a column worked out from two
            return f"{fields[0]}{MINUS}{fields[1]}"
    if kind == "projects":
        named = PROJECT_MEASURES.get(project_field, "") or ("自评得分" if SCORE_RANKED.search(rest) else "")
        named = named or ("执行数" if MONEY_RANKED.search(rest) else "")  # "哪个项目最烧钱": the money spent
    elif kind == "indicators":
        named = next((name for name, pattern in INDICATOR_FIELDS if pattern.search(rest)), "")
    else:
        named = measure if measure not in ("", "数量") else ""
    if named:
        return named
    for condition in filters:  # "执行金额超过100万元的": the bound's field, or the field its unit says
        if condition.field in (NAME, KIND, GROUP):
            continue
        if condition.field:
            return condition.field
        by_unit = UNIT_FIELDS[kind].get(condition.unit)
        if by_unit:
            return by_unit
    return DEFAULT_ATTRIBUTE[kind]


def _fields_in_order(rest: str) -> list[str]:
    """The project-table values a question names, in the order it names them (each once)."""
    found: dict[str, int] = {}
    for field, pattern in FIELD_NAMES:
        for match in pattern.finditer(rest):
            earlier = field not in found or match.start() < found[field]
            if earlier and not any(a <= match.start() < b for a, b in _spans_of(rest, found, field)):
                found[field] = match.start()
    return sorted(found, key=lambda f: found[f])


def _spans_of(rest: str, found: dict[str, int], field: str) -> list[tuple[int, int]]:
    """Where the other fields already named sit (a vaguer name inside a specific one is not a second field)."""
    spans = []
    for other, at in found.items():
        if other != field:
            match = next((p.match(rest, at) for f, p in FIELD_NAMES if f == other and p.match(rest, at)), None)
            if match is not None:
                spans.append((match.start(), match.end()))
    return spans


def _filters(rest: str, kind: str) -> tuple[Condition, ...]:
    out: list[Condition] = []
    compared = COMPARE.search(rest)
    if compared and rest[max(0, compared.start() - 1) : compared.start()] == "不":
        compared = None  # "不低于70%" is a row's own wording (≥), never "below"
    if compared:
        comparator = ">" if ABOVE.fullmatch(compared.group(1)) else "<"
        out.append(Condition("", comparator, compared.group(2), compared.group(1), compared.group(3) or ""))
    equal = EQUALS.search(rest)
    if kind == "projects" and equal and NO_INITIAL_BUDGET.search(rest):
        equal = None  # "年初预算是0": the condition below, not a bound on the value compared
    if equal and not compared:  # "达到90%" is a floor, "是100%" an equality
        comparator = ">=" if "达到" in equal.group(0) else "="
        out.append(Condition("", comparator, equal.group(1), equal.group(0), equal.group(2) or ""))
    if kind == "projects" and NO_INITIAL_BUDGET.search(rest):
        out.append(Condition("年初预算", "=", "0", NO_INITIAL_BUDGET.search(rest).group(0)))  # type: ignore[union-attr]
    parent, groups, absent = _groups(rest)
    if kind == "indicators" and parent:  # "产出指标里，数量、质量…": the rows under the 一级指标 first
        out.append(Condition(GROUP, "contains", parent, f"{parent}指标"))
    if kind == "indicators" and groups:  # "满意度指标": the rows of that 一级/二级指标 (of any of several)
        comparator = "contains" if len(groups) == 1 else GROUP_IN
        out.append(Condition(GROUP, comparator, MEMBER_SEP.join(groups), "、".join(groups) + "指标"))
    if kind == "projects" and absent:  # "没有设置成本指标": the tables with no row of that group
        out.append(Condition(GROUP, GROUP_ABSENT, absent, f"没有{absent}指标"))
    if kind == "indicators" and absent and not groups and ANY.search(rest):  # "有没有设成本指标": the rows asked
        out.append(Condition(GROUP, "contains", absent, f"{absent}指标"))
    if kind == "indicators" and (QUALITATIVE.search(rest) or QUANTITATIVE.search(rest)):
        comparator = "=" if QUALITATIVE.search(rest) else "!="
        out.append(
            Condition(KIND, comparator, "定性", (QUALITATIVE.search(rest) or QUANTITATIVE.search(rest)).group(0))
        )  # type: ignore[union-attr]
    if LOST_POINTS.search(rest):
        said = LOST_POINTS.search(rest).group(0)  # type: ignore[union-attr]
        out.append(
            Condition("得分", "<", "权重", said) if kind == "indicators" else Condition("自评得分", "<", "100", said)
        )
    elif (full := GOT_FULL_MARKS.search(rest)) and (
        MEMBER_COUNT.search(rest) or MEMBER_LIST.search(rest) or EVERY.search(rest)
    ):
        # "自评满分的有几个", "哪些指标拿了满分": the members at full marks
        said = full.group(0)
        out.append(
            Condition("得分", "=", "权重", said) if kind == "indicators" else Condition("自评得分", "=", "100", said)
        )
    return tuple(out)


def _groups(rest: str) -> tuple[str, tuple[str, ...], str]:
    """The groups of indicator rows a question names: a 一级指标 that holds the others ("产出指标里的数量、质量、
    时效指标"), the groups asked (one, or several in a run that ends in 指标), and a group said to be missing
    ("没有设置成本指标")."""
    stems: list[str] = []
    absent = ""
    for run in INDICATOR_GROUPS.finditer(rest):
        said = [m.group() for m in LEVELS.finditer(run.group())]
        if not absent and said and NO_GROUP.search(rest[: run.start()]):
            absent = said[0]
            continue
        stems.extend(s for s in said if s not in stems)
    top = [s for s in stems if s in LEVEL1]
    if len(top) == 1 and len(stems) > 1 and stems[0] == top[0]:
        return top[0], tuple(stems[1:]), absent
    return "", tuple(stems), absent


def _bound(condition: Condition, attribute: str, kind: str) -> Condition:
    """A bound with no field of its own bounds the value its unit names, else the attribute compared."""
    if condition.field:
        return condition
    field = UNIT_FIELDS[kind].get(condition.unit) or attribute
    if condition.unit in ("万元", "万") and attribute in MONEY:
        field = attribute
    if condition.unit == "%" and attribute not in MONEY:
        field = attribute
    return Condition(field, condition.comparator, condition.value, condition.said, condition.unit)
