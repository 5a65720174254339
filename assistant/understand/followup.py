"""Follow-up resolution without an LLM: fill what a short question leaves out from the earlier turns.

History comes in the OpenAI/Gradio messages format. Gradio 6 sends `content` as a list of text parts and
adds assistant "panel" messages (with `metadata`, e.g. the sources panel): only real user/assistant text
turns count. Each earlier user question is parsed in turn; a question that names nothing new inherits
subject, project, measure and intent from the one before ("那公务用车呢？", "那 2022 年呢？",
"负责人是哪位？", "为什么？").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.understand.cues import CUES
from assistant.understand.derived_cues import pattern, words
from assistant.understand.lexicon import Lexicon
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import content_words

log = logging.getLogger(__name__)
MAX_TURNS = 12  # only the recent conversation matters, and it bounds the work per question
INSIDE_PREVIOUS = CUES.cue("inside_previous")
POINTS_AT = re.compile(f"(?:那|那么)?(?:{CUES.source('points_back')})")  # "它的…", "该项目…"
AMOUNT_RANK = CUES.cue("amount_rank")  # "在里面占几成": of what was just asked about
THAN_NAMED = words("than_named")
THAN_ASKED = pattern("than_asked")
RATIO_LEAD = words("ratio_lead")
THAN_IT = pattern("than_it")
ADDED_ASKED = pattern("added_asked")
ADDED_BEFORE = pattern("added_before")
ADDED_AFTER = pattern("added_after")
ADDED_PAIR = pattern("added_pair")
WHOLE_POINTED = pattern("whole_pointed")
LEFT_SIDE = 4  # "这", "那它", "这个数": a pronoun before 比, not a name of its own
CARRIED_CUES = ("money", "yuan")  # what an elliptical follow-up is still asked in (money, in 元)
YES_NO = CUES.cue("yes_no")  # "那年内添过车没有": asks of its own, not in the previous measure
ITEMS_NAMED = re.compile("项级|（项）|类级")  # the report's 项 or 类 named as such, not "哪项" of a total
COMPARED_WITH = re.compile(r"(?:比|较|与|跟|和)\d{4}年")  # "比2021年": the year a change is counted from
LEVEL_MARK = re.compile("（[类款项]）")  # a 类/款/项 path's level marks


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    text: str


def turns(history: object) -> list[Turn]:
    """The text turns of a messages-format history; anything malformed is skipped, never raised on."""
    if not isinstance(history, list):
        return []
    out: list[Turn] = []
    for message in history:
        if isinstance(message, (list, tuple)) and len(message) == 2:  # legacy [user, assistant] pairs
            for role, content in zip(("user", "assistant"), message, strict=True):
                text = _text(content)
                if text:
                    out.append(Turn(role, text))
            continue
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        if role not in ("user", "assistant") or message.get("metadata"):
            continue
        text = _text(message.get("content"))
        if text:
            out.append(Turn(role, text))
    return out[-MAX_TURNS:]


def _text(content: object) -> str:
    if isinstance(content, str):
        return content.strip()
    if isinstance(content, dict):
        return str(content.get("text") or "").strip() if content.get("type", "text") == "text" else ""
    if isinstance(content, list):
        return "".join(_text(part) for part in content).strip()
    return ""


def merge(previous: Plan | None, current: Plan) -> Plan:
    """Complete `current` with what it leaves out of `previous` (only when it reads as a follow-up)."""
    if previous is None:
        return current
    whole = share_whole(current)
    if whole and (previous.subjects or previous.projects) and set(current.subjects) <= {whole}:
        # "在全年支出里占几成": the share of what was just asked about, in the whole now named.
        said = next((m.alias for m in current.matches if m.targets == (whole,)), whole)
        narrower = [s for s in previous.subjects if s != whole and s.endswith(said)]
        if len(narrower) == 1:  # "X基本支出中，A和B各占基本支出的几成": the whole is the X just named
            whole = narrower[0]
        return current.with_(
            subjects=tuple(s for s in previous.subjects if s != whole),
            projects=previous.projects,
            ambiguous=previous.ambiguous,
            whole=whole,
            intent="derived",
            year=current.year or previous.year,
        )
    if _of_the_project_found(previous, current):
        # "它自评拿了几分": the self-evaluation of the one project just found, not every project's
        collection = _without(current.collection, current.subjects)
        current = current.with_(subjects=(), projects=previous.projects, all_projects=False, collection=collection)
    if current.collection == "indicators" and len(previous.projects) == 1 and POINTS_AT.match(current.text):
        # "它的成本指标…": the rows of the table just asked about, not every table's
        return current.with_(collection=f"indicators:{previous.projects[0]}", projects=previous.projects)
    shared = _share_of_previous_whole(previous, current)
    if shared is not None:
        return shared
    added = _added_to_previous(previous, current)
    if added is not None:
        return added
    compared = _compared_with_previous(previous, current)
    if compared is not None:
        return compared
    names_something = bool(current.subjects or current.projects or current.ambiguous or current.all_projects)
    of_previous = current.collection.startswith("level:") and not ITEMS_NAMED.search(current.text)
    if not names_something and of_previous and previous.collection.startswith(("level:", "parts:")):
        current = current.with_(collection=previous.collection)  # "哪几项…" after a ranking of those items
    elif not names_something and of_previous and len(previous.subjects) == 1:
        current = current.with_(collection=f"parts:{previous.subjects[0]}")  # "三项里哪项最多" after 三公经费
    if current.rank and previous.collection and not names_something and not current.collection:
        # "第二名呢": the same ranking over the same collection, one place further.
        by_amount = previous.attribute == "占比" and AMOUNT_RANK.search(current.text)  # "第二多的" ranks amounts
        return current.with_(
            collection=previous.collection,
            attribute="决算数" if by_amount else previous.attribute,
            filters=previous.filters,
            aggregate="nth",
            operation=current.operation or previous.operation or "max",
            intent=previous.intent,
            all_projects=previous.all_projects,
            subjects=previous.subjects,
            project_field=previous.project_field,
        )
    if names_something and (not current.elliptical or YES_NO.search(current.text)):
        return current
    changes: dict[str, object] = {}
    if not names_something:
        changes.update(
            subjects=previous.subjects,
            projects=previous.projects,
            ambiguous=previous.ambiguous,
            all_projects=previous.all_projects,
        )
    if not current.measure and not current.project_field:
        # "比上年少了多少？上一年多少？": a year asked of its own after a change asks that year's amount
        # ("比2021年少了多少？2021年是多少？": the year compared with, asked on its own, is that year's amount too)
        compared = bool(current.year) and f"{current.year}年" in "".join(COMPARED_WITH.findall(previous.text))
        other_year = current.year != previous.year or compared
        # "完成率呢？用减少额推上一年": a year worked back from the change asks that year's amount too
        worked_back = previous.measure.startswith("比上年") or current.asks("derive_word")
        year_asked = current.year and other_year and worked_back
        measure = "" if year_asked else previous.measure
        changes.update(measure=measure, unit_hint=current.unit_hint or previous.unit_hint)
        if names_something and not current.projects and previous.project_field and current.all_projects:
            changes["project_field"] = previous.project_field
        if not names_something:
            changes["project_field"] = previous.project_field
        changes["wants_rate"] = current.wants_rate or previous.wants_rate
    if not current.year and previous.year and previous.year != current.year and not names_something:
        changes["year"] = previous.year
    intent = current.intent
    if intent == "other":
        if changes.get("projects") or current.projects:
            intent = "project"
        elif current.year and previous.subjects and not current.subjects:
            intent = "figure"
        elif previous.intent in ("figure", "derived", "list", "project") and (names_something or changes):
            intent = previous.intent if previous.intent != "derived" or not names_something else "figure"
        elif names_something:
            intent = "figure"
    elif intent == "figure" and not current.measure and previous.intent == "list":
        intent = "figure"
    changes["intent"] = intent
    if not names_something and current.elliptical:  # "平均每人次呢" after "花了多少钱": still money
        kept = tuple(c for c in previous.cues if c in CARRIED_CUES)
        changes["cues"] = tuple(dict.fromkeys(current.cues + kept))
        changes["cues_in_rest"] = tuple(dict.fromkeys(current.cues_in_rest + kept))
    if (current.projects or changes.get("projects")) and current.project_field and intent != "reason":
        changes["intent"] = "project"
    if current.operation == "" and previous.operation in ("max", "min") and not names_something and not current.year:
        changes["operation"] = previous.operation
    if current.rank and previous.operation in ("max", "min") and not names_something and intent == "other":
        changes["intent"] = previous.intent  # "第三名是哪个": the same ranking, one place further
    return current.with_(**changes)


def _of_the_project_found(previous: Plan, current: Plan) -> bool:
    """ "它的…" after one project: the facet named (自评, 指标) is that project's, the word of every project's
    table read as the project's own."""
    if len(previous.projects) != 1 or current.projects or not POINTS_AT.match(current.text):
        return False
    every = CUES.cue("all_projects_word")  # 自评, 项目: the word of every project's tables
    return bool(current.subjects) and all(every.search(subject) for subject in current.subjects)


def _without(collection: str, names: tuple[str, ...]) -> str:
    """A collection that is not one of `names`' parts ("parts:绩效自评" goes with 绩效自评)."""
    return "" if collection.partition(":")[2] in names else collection


def _compared_with_previous(previous: Plan, current: Plan) -> Plan | None:
    """A comparison of what was just asked about with the one subject the question names ("这比Y多多少", "跟Y比
    差多少", "是Y的几倍"): the difference or ratio of the two, the earlier one first. None when the question
    names its own left side, or compares nothing."""
    if len(current.subjects) != 1 or current.projects or current.ambiguous or current.whole:
        return None
    named = current.subjects[0]
    left = [s for s in previous.subjects if s != named]
    if previous.operation in ("share", "difference") and len(previous.subjects) == 2 and named not in previous.subjects:
        left = left[:1]  # "A占B的比例多少？比Y多多少", "A比B少多少？比Y多多少": A, the side asked about, is compared
    if previous.projects or len(left) != 1 or len(previous.subjects) > 2:
        return None
    match = next((m for m in current.matches if m.targets == current.subjects), None)
    if match is None:
        return None
    before, after = current.text[: match.start], current.text[match.end :]
    it = THAN_IT.search(after)
    if it is not None and len(before) <= LEFT_SIDE:  # "Y是它的几倍", "Y比它多多少": Y first
        rest = after[it.end() :]
        if current.asks("ratio_word") or THAN_ASKED.search(rest):
            return current.with_(
                subjects=(named, left[0]),
                operation="" if current.asks("ratio_word") else "difference",
                intent="derived",
                measure="",
                year=current.year or previous.year,
            )
    if current.says("agree_asked") and len(before) <= LEFT_SIDE:  # "跟Y是不是一个数", "和Y对得上吗": checked
        return current.with_(
            subjects=(left[0], named), operation="", intent="derived", measure="", year=current.year or previous.year
        )
    than = before.endswith(THAN_NAMED) and bool(THAN_ASKED.search(after))
    added = before.endswith(THAN_NAMED) and bool(ADDED_ASKED.search(after))  # "和Y加起来多少": their sum
    ratio = before.endswith(RATIO_LEAD) and current.asks("ratio_word")
    side = (
        before.rstrip("".join(THAN_NAMED))
        if than
        else before.removesuffix(next((w for w in RATIO_LEAD if before.endswith(w)), ""))
    )
    added_cue = ADDED_BEFORE.search(before)
    added_now = bool(added_cue or ADDED_AFTER.search(after) or ADDED_PAIR.search(after))  # "再把Y加上", "Y呢？两项合计"
    side = before[: added_cue.start()] if added_cue else before
    if (added and len(before.rstrip("".join(THAN_NAMED))) <= LEFT_SIDE) or (added_now and len(side) <= LEFT_SIDE):
        return current.with_(
            subjects=(left[0], named),
            joined_previous=bool(ADDED_PAIR.search(after)),
            operation="sum",
            intent="derived",
            measure="",
            year=current.year or previous.year,
            collection="",
            aggregate="",
            attribute="",
        )
    if not (than or ratio) or len(side) > LEFT_SIDE:
        return None
    measure = current.measure if current.measure not in ("", "数量") else previous.measure
    return current.with_(
        subjects=(left[0], named),
        operation="difference" if than else "",
        intent="derived",
        measure=measure if measure in ("", "决算数", "预算完成率") else "",
        year=current.year or previous.year,
    )


def _added_to_previous(previous: Plan, current: Plan) -> Plan | None:
    """ "加上Y，和Z对得上吗", "再加上Y和Z，一共多少": what was just asked about comes first, the names said after
    加上 join it (one name alone is read by `_compared_with_previous`). None when the question adds nothing."""
    if len(current.subjects) < 2 or current.projects or current.ambiguous or previous.projects:
        return None
    left = [s for s in previous.subjects if s not in current.subjects]
    first = min((m for m in current.matches if m.kind == "subject"), key=lambda m: m.start, default=None)
    if len(previous.subjects) != 1 or len(left) != 1 or first is None:
        return None
    cue = ADDED_BEFORE.search(current.text[: first.start])
    if cue is None or cue.start() > LEFT_SIDE:
        return None
    return current.with_(subjects=(left[0], *current.subjects), intent="derived", year=current.year or previous.year)


def _share_of_previous_whole(previous: Plan, current: Plan) -> Plan | None:
    """A share asked of one name with no whole: "A占B的几成？C呢？" is C's share of the same B; "X在里面占几成"
    after B is X's share of B. None when neither holds."""
    if len(current.subjects) != 1 or current.projects or share_whole(current):
        return None
    if current.measure != "占比" and not current.elliptical:
        return None  # "C是多少" asks C's own figure; "C呢" asks the share again
    name = current.subjects[0]
    whole = ""
    of_same = previous.operation == "share" and len(previous.subjects) == 2
    if (current.measure or previous.measure) == "占比" and of_same:
        whole = previous.subjects[1]
    elif current.measure == "占比" and INSIDE_PREVIOUS.search(current.text) and len(previous.subjects) == 1:
        whole = previous.subjects[0]
    if not whole or name == whole:
        return None
    return current.with_(
        subjects=(name, whole), measure="占比", operation="share", intent="derived", year=current.year or previous.year
    )


def share_whole(plan: Plan) -> str:
    """The subject a share is asked of ("…占三公经费的比例", "在全年支出里占几成"): the one named right
    after 占; "" when the question names no whole."""
    if plan.measure != "占比":
        return ""
    for match in plan.matches:
        before = plan.text[max(0, match.start - 4) : match.start]
        if match.kind == "subject" and len(match.targets) == 1 and "占" in before:
            return match.targets[0]
    return ""


def pointed_whole(part: Plan, turn: Plan | None) -> Plan:
    """ "那A呢，占这部分Y的比重" inside a compound follow-up: the whole is the conversation's narrower Y just
    given, not a like-named bigger total (the part's own previous is only the ask before it)."""
    match = next((m for m in part.matches if part.whole and m.targets == (part.whole,)), None)
    if turn is None or match is None or not WHOLE_POINTED.search(part.text[: match.start]):
        return part
    narrower = [s for s in turn.subjects if s != part.whole and s.endswith(match.alias)]
    return part.with_(whole=narrower[0]) if len(narrower) == 1 else part


def resolve(
    question: Plan,
    history: object,
    parse: Callable[[str], Plan],
    lexicon: Lexicon,
) -> Plan:
    """Resolve `question` against the conversation: parse earlier user turns in order, carrying context."""
    context: Plan | None = None
    last_answer = ""
    for turn in turns(history):
        if turn.role == "assistant":
            last_answer = turn.text
            continue
        try:
            parsed = parse(turn.text)
        except Exception:  # a bad old turn must not break the current question
            log.exception("could not parse a history turn")
            continue
        if context is not None:
            parsed = _peer_named(context, parsed, lexicon)
        context = merge(context, parsed)
        context = _with_answer_project(context, last_answer, lexicon)
        last_answer = ""
    if context is not None and last_answer and not (question.rank and context.operation in ("max", "min")):
        # "第二个呢" after a ranking asks the next place of the same ranking, not about the winner just named.
        context = _with_answer_project(context, last_answer, lexicon)
    if context is not None:
        question = _peer_named(context, question, lexicon)
    resolved = merge(context, question)
    # The previous turn's plan travels with the follow-up (one level: its own history is already folded in).
    return resolved.with_(previous=context.with_(previous=None)) if context is not None else resolved


def _peer_named(previous: Plan, current: Plan, lexicon: Lexicon) -> Plan:
    """ "那X方面呢" after one 项: a word no alias holds that is part of exactly one other subject's name at the
    same level (项 for a 项) names that subject; the measure is then carried as for any "那X呢"."""
    named = current.subjects or current.projects or current.ambiguous or current.all_projects
    if named or not current.elliptical or len(previous.subjects) != 1 or previous.projects:
        return current
    level = LEVEL_MARK.findall(previous.subjects[0])[-1:]  # "（项）", or none for a subject outside the paths
    peers = sorted({t for targets in lexicon.subjects.values() for t in targets if t != previous.subjects[0]})
    peers = [p for p in peers if LEVEL_MARK.findall(p)[-1:] == level]
    found: set[str] | None = None
    for word in content_words(current.text):
        holding = {p for p in peers if word in _bare(p)}
        if holding:
            found = holding if found is None else found & holding
    if not found or len(found) != 1:
        return current
    peer = next(iter(found))
    log.info("follow-up word names the peer %s of %s", peer, previous.subjects[0])
    return current.with_(subjects=(peer,), intent="figure" if current.intent == "other" else current.intent)


def _bare(subject: str) -> str:
    """A subject's own name: its last path part (事业单位医疗 of …（款）事业单位医疗（项）), folded."""
    parts = LEVEL_MARK.split(subject)
    return fold(next((p for p in reversed(parts) if p.strip()), subject))


LISTING = ("filter", "count", "top")  # aggregates whose answer lists several members
SUGGESTED_SECTIONS = "可以看看这些相关章节"  # how a refusal (toolkit.not_found) starts its list of nearby sections


def _with_answer_project(context: Plan, answer: str, lexicon: Lexicon) -> Plan:
    """If the previous answer named exactly one project the question did not, later turns may mean it ("它")."""
    if context.projects or context.subjects or not answer:
        return context
    answer = answer.split(SUGGESTED_SECTIONS)[0]  # a refusal's suggested sections name nothing it answered
    named: list[str] = []
    items: list[str] = []
    for match in lexicon.find(fold(answer)):
        if match.kind == "project":
            named.extend(t for t in match.targets if t not in named)
        elif match.kind == "subject" and len(match.targets) == 1 and match.targets[0] not in items:
            items.append(match.targets[0])
    asked_figure = bool(context.measure) or context.asks("money")  # "完成率多少", "这块花了多少"
    if not named and len(items) == 1 and asked_figure and not (context.collection or context.aggregate):
        # "完成率多少" answered of one item: a later "那预算一共多少" asks of the item that answer found
        return context.with_(subjects=(items[0],))
    if not named:
        return context
    if len(named) > 1 and context.collection and context.aggregate in LISTING:
        return context  # "没拿满分的有哪些" found several: a later "低的那个" picks among them, never the first
    return context.with_(projects=(named[0],), all_projects=False)
