"""Question → intent + subjects + measure + year: a lookup in the lexicon and a few cue-word tables.

Intents: figure (a stated number), reason (a stated reason), derived (the calculator works it out),
list (several items), project (a project's table), other (retrieval). Hand-written cue tables: the
template's vocabulary is small and fixed, and a rule that misfires is easy to see and fix.
"""

from __future__ import annotations

import re

from assistant.understand.lexicon import Lexicon, Match
from assistant.understand.plan import Plan

REASON = re.compile(r"为什么|原因|缘故|怎么会|why|理由")
LIST = re.compile(r"哪些|哪几|有什么|都有|包括|分别|列出|列举|明细|构成|组成")
# "执行率低于 100%的项目": a threshold over every project table.
COMPARE = re.compile(
    r"(低于|少于|不到|未达到|没达到|没有达到|小于|不足|高于|超过|大于|多于)\s*(\d+(?:\.\d+)?)\s*(%|分|万元|万)?"
)
SUM = re.compile(r"合计|总共|一共|加起来|加在一起|之和|总和|总计|共计")
DIFF = re.compile(r"相差|差多少|差额|差距|多多少|少多少|高多少|低多少|多出|少了多少|差了多少")
MAX = re.compile(r"最高|最多|最大|最贵|最好|排名第一|第一名|最靠前")
MIN = re.compile(r"最低|最少|最小|最差|最便宜|垫底|倒数第一|最靠后")
# "第二个呢", "排第三的", "倒数第二": a position in a ranking ("第三方", "第二项职责" are not: no rank word follows).
RANK = re.compile(r"(倒数)?第\s*([二三四五六七八九十]|[2-9]|1[0-9])\s*(?=个|名|位|多|高|大|少|低|小|呢|的|是|$|[？?])")
RANK_DIGITS = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Judgements about people the report never makes: asked for, they are refused, never answered with names.
ACCUSATION = re.compile(
    r"贪污|腐败|受贿|行贿|索贿|违纪|违法|犯罪|挪用|侵占|渎职|失职|舞弊|徇私|以权谋私|中饱私囊|利益输送|吃回扣|回扣"
    r"|问题人员|有问题的人|违规违纪|不正之风|作风问题|经济问题"
)
SHARE = re.compile(r"占比|占.{0,14}(比例|比重|百分之|多少|几成|份额)|比重|百分比|所占")
RATE_WORD = re.compile(r"率|幅度|百分之|百分比|%|幅")
CHANGE = re.compile(r"增减|变化|变动|比上年|较上年|同比|增长|下降|减少|增加|上升|降低|增幅|降幅|多了|少了|涨|降")
EXEC_RATE = re.compile(
    r"执行率|执行进度|完成率|完成预算|完成情况|完成了多少|预算完成|没有?完成|未完成|没花完|小于预算|少于预算|达到\d+%|没达到|未达到"
    r"|超支|超预算|超出预算|超过预算|预算够不够|钱够不够|够不够用|够用吗|花超了|用超了"
)
COUNT = re.compile(
    r"几辆|多少辆|几个|多少个|几批|多少批|批次|人次|多少人|几人|几台|多少台|数量|几次|多少次|几项|多少项"
)
FIGURE_CUE = re.compile(r"多少|几|是多少|金额|数额|数字|决算数|规模|支出了|花了|用了|有多大|多大|多高|怎样|如何|情况")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
# "去年" in a question about a report published the following year means the report's own year.
PREV_YEAR = re.compile(r"上年|上一年|前一年|上年度|上一年度")
THIS_YEAR = re.compile(r"今年|本年|当年|本年度|去年")
DEFINE = re.compile(
    r"是什么|指什么|是指|含义|什么意思|意思是|反映什么|反映的是|用于什么|用途|用于哪|包括哪些|包括什么|包含哪些|主要包括|都包括"
    r"|定义|解释|名词|花在|用在|花到哪|用到哪|钱都用|算不算|算在|包不包括|含不含|是否包括|是否包含|哪些保险|干什么用|做什么用|^什么是|^啥是|^何为|^何谓|什么叫|^请?解释一下"
)
FOLLOW_UP = re.compile(
    r"^(那|那么|其中|还有|另外|再|它|它的|其|该|这个|那个|这一|呢)|呢[？?]?$|^[？?]*$|它|该项目|这个项目"
)
PROJECT_CUE = re.compile(r"项目")

GOAL_RESULT = (
    r"目标完成情况|实际完成情况|完成情况是|实际完成了?(什么|哪些)|完成了(什么|哪些)|做到了(什么|哪些)|做了(什么|哪些)"
    r"|干了(什么|哪些)|实际做了|取得了?(什么|哪些)"
)
EFFECT = (
    r"作用|成效|效益(?!指标)|好处|有什么用|有啥用|带来了?(什么|哪些|啥)|起到了?(什么|哪些|啥)|产生了?(什么|哪些|啥)"
    r"|(什么|哪些|啥)(效果|影响)|效果(怎么样|如何|好不好)"
)
# Why a project exists ("为什么要做", "图的是什么", "依据是什么"): answered from its 年度目标.
PURPOSE = (
    r"为什么要|为啥要|为何要|为什么还要|为什么需要|(?<!项)目的|意义|图的是什么|图什么|为了什么|依据|初衷|用意|出发点"
)
# Project-table fields by cue; order matters (more specific first).
PROJECT_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("code", re.compile(r"项目编号|项目代码|项目编码|编号|代码|编码")),
    ("finance_leader", re.compile(r"财务负责人|财务")),
    ("leader", re.compile(r"负责人|谁负责|负责的是谁|牵头人|联系人|谁管|管的")),
    ("problems", re.compile(r"存在问题|存在的问题|什么问题|哪些问题|问题|不足")),
    ("improvements", re.compile(r"改进措施|改进|整改|措施|下一步")),
    # What the project achieved for others ("起到了什么作用"): its 效益 rows and the text that says so.
    ("effect", re.compile(EFFECT)),
    # The table's two goal cells: what was planned (年度目标) and what was done (年度目标完成情况).
    ("goal_result", re.compile(GOAL_RESULT)),
    ("purpose", re.compile(PURPOSE)),
    ("indicators", re.compile(r"指标|绩效目标|完成值|指标值|目标值")),
    ("conclusion", re.compile(r"评价结论|结论|评价")),
    ("goal", re.compile(r"目标(?![^，,。？?]{0,4}(多少|几))|干什么|内容|做什么|计划|预期|打算|哪方面|哪些方面")),
    ("self_score", re.compile(r"自评得分|得分|分数|几分|总分|多少分|自评了?多少")),
    ("execution_rate", re.compile(r"执行率|执行进度|完成率|执行情况|执行得怎么样")),
    ("executed", re.compile(r"执行数|执行了多少|实际支出|花了|支出|决算数|多少钱|租金|房租|费用|花费|开销|花销")),
    ("adjusted_budget", re.compile(r"调整后预算|调整后")),
    ("initial_budget", re.compile(r"年初预算|年初")),
    ("budget", re.compile(r"预算")),
]
# The numeric project fields, with the measure name their facts carry.
PROJECT_MEASURES = {
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "executed": "执行数",
    "execution_rate": "执行率",
    "self_score": "自评得分",
}


def parse(text: str, lexicon: Lexicon, report_year: int) -> Plan:
    """Parse one normalised question (no conversation context)."""
    return _from_matches(text, lexicon.find(text), report_year)


def with_matches(q: Plan, extra: list[Match], report_year: int) -> Plan:
    """The question read again with more names recognised (a project named in everyday words): its rest,
    field and intent follow; the quotes and years it already had stay."""
    taken = [m for m in q.matches if all(m.end <= e.start or m.start >= e.end for e in extra)]
    again = _from_matches(q.text, sorted(taken + extra, key=lambda m: m.start), report_year)
    return again.with_(quoted=q.quoted, year=q.year or again.year, years=q.years or again.years)


def _from_matches(text: str, matches: list[Match], report_year: int) -> Plan:
    ranked = RANK.search(text)
    if ranked is not None:  # "第三名" is a place in a ranking, never a name's fragment ("第三方…")
        matches = [m for m in matches if m.end <= ranked.start() or m.start >= ranked.end()]
    subjects: list[str] = []
    ambiguous: list[tuple[str, ...]] = []
    projects: list[str] = []
    for match in matches:
        if match.kind == "project":
            projects.extend(t for t in match.targets if t not in projects)
        elif len(match.targets) == 1:
            if match.targets[0] not in subjects:
                subjects.append(match.targets[0])
        else:
            ambiguous.append(match.targets)
    years = _years(text, report_year)
    year = years[0] if years else 0
    rest = _without_matches(text, matches)
    measure, unit_hint = _measure(rest)
    wants_rate = bool(RATE_WORD.search(rest))
    operation = _operation(rest, subjects, ambiguous, measure)
    rank, operation = _rank(rest, operation)
    all_projects = (
        bool(PROJECT_CUE.search(rest)) and not projects and operation in ("max", "min", "sum", "avg", "filter")
    )
    # Project fields are read with only project names blanked: "绩效目标" is a subject and a table field.
    project_field = _project_field(_without_matches(text, [m for m in matches if m.kind == "project"]))
    intent = _intent(rest, subjects, ambiguous, projects, operation, all_projects, year, report_year)
    elliptical = bool(FOLLOW_UP.search(text)) or (not subjects and not projects and len(text) <= 12)
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
        rank=rank,
        matches=tuple(matches),
    )


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
    if tail in ("少", "低", "小"):
        return rank, "min"
    if tail in ("多", "高", "大") or "排" in rest[: match.start()]:
        return rank, operation or "max"
    return rank, operation


def accusations(text: str, report_text: str) -> tuple[str, ...]:
    """Judgements about wrongdoing ("贪污", "违纪") a question asks the report to make, and the report never
    states: refused outright, so a list of names is never read as an accusation."""
    return tuple(dict.fromkeys(m.group(0) for m in ACCUSATION.finditer(text) if m.group(0) not in report_text))


def _years(text: str, report_year: int) -> list[int]:
    years = [int(m.group(1)) for m in YEAR.finditer(text)]
    if report_year and PREV_YEAR.search(text):
        years.append(report_year - 1)
    if report_year and THIS_YEAR.search(text):
        years.append(report_year)
    return years


def _without_matches(text: str, matches: list[Match]) -> str:
    """The question with the subject names blanked, so cue words inside names (预算 in 一般公共预算) don't count."""
    chars = list(text)
    for match in matches:
        for i in range(match.start, match.end):
            chars[i] = "□"
    return "".join(chars)


def _measure(rest: str) -> tuple[str, str]:
    unit = ""
    for cue in ("批次", "人次", "辆", "台", "人", "个"):
        if cue in rest and COUNT.search(rest):
            unit = cue
            break
    if SHARE.search(rest):
        return "占比", unit
    if EXEC_RATE.search(rest):
        return "预算完成率", unit
    if CHANGE.search(rest):
        return ("比上年增减率" if RATE_WORD.search(rest) else "比上年增减额"), unit
    if COUNT.search(rest):
        return "数量", unit
    return "", unit


def _operation(rest: str, subjects: list[str], ambiguous: list[tuple[str, ...]], measure: str) -> str:
    named = len(subjects) + len(ambiguous)
    if re.search(r"平均", rest) and not re.search(r"平均每", rest):
        return "avg"
    if COMPARE.search(rest) and PROJECT_CUE.search(rest):
        return "filter"
    if MAX.search(rest):
        return "max"
    if MIN.search(rest):
        return "min"
    if DIFF.search(rest) and named >= 2:
        return "difference"
    each = re.search(r"各|分别|每", rest)
    if SUM.search(rest) and not each and (named >= 2 or PROJECT_CUE.search(rest)):
        return "sum"
    if named >= 2 and measure == "占比" and not re.search(r"各|分别", rest):
        return "share"
    if named >= 2 and re.search(r"没有|未|以外|之外|其余|剩下|除了", rest):
        return "difference"
    return ""


def project_fields(rest: str) -> list[str]:
    """Every project field a question asks, one per clause ("自评几分？预算执行率多少？"), in order."""
    out: list[str] = []
    for clause in re.split(r"[？?；;。！!，,、]|和|以及|及|与", rest):
        field = _project_field(clause)
        if field and field not in out:
            out.append(field)
    return out


def _project_field(rest: str) -> str:
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
    if REASON.search(rest):
        return "reason"
    if operation:
        return "derived"
    if subjects and report_year and year == report_year - 1:
        return "derived"
    if DEFINE.search(rest):
        return "define"
    if LIST.search(rest) and (ambiguous or subjects):
        return "list"
    if subjects or ambiguous:
        return "figure"
    return "other"
