"""The unit a per-unit question divides by: the `per` cue's unit ("平均每辆" → 辆, "人均" → 人), or, when the
question says it with a noun ("平均一辆车", "每个来客", "平均1批"), the unit that noun is counted in (per_nouns in
cues.toml): an averaging word in the question and 每/一 before the noun. A bare 个/位/名 takes its noun's unit.
Also the count a question states itself ("按1.25亿用户算") and the noun right after the unit ("一家企业").
Hand-written patterns over the cue file's words: which noun follows a per word is this template's reading."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan

PER = CUES.cue("per")
AVERAGING = re.compile("|".join(map(re.escape, CUES.words("per_averaging"))))
GENERIC = tuple(CUES.words("per_generic"))
NOUNS: dict[str, str] = dict(CUES.table("per_nouns"))
_NOUN = "|".join(re.escape(n) for n in sorted(NOUNS, key=len, reverse=True))
NOUN_AFTER = re.compile(f"^(?:{_NOUN})")
PERSON = "|".join(w for w in GENERIC if w != "个")  # 位, 名: a person whatever noun follows
NOUN_COUNTED = re.compile(f"(?:每|(?<![0-9.第])[一1])(?:(?:个|{PERSON})?({_NOUN})|({PERSON}))")
CLAUSE = re.compile(r"[，,。？?；;！!]")


def per_unit(text: str, bare: str = "人") -> str:
    """The unit divided by, "" when the question asks no per-unit figure (`bare` for a bare 人均)."""
    match = PER.search(text)
    unit = next((g for g in match.groups() if g), "") if match else ""
    if match and unit in GENERIC:  # "每个来客": the guest is counted in 人次
        noun = NOUN_AFTER.match(text[match.end() :])
        return NOUNS[noun.group(0)] if noun else unit
    if match:
        return unit or bare  # a bare 人均
    if not AVERAGING.search(text):
        return ""
    for clause in CLAUSE.split(text):
        counted = NOUN_COUNTED.search(clause)
        if counted:
            return NOUNS[counted.group(1)] if counted.group(1) else counted.group(2)
    return ""


def per_as_asked(plan: Plan, question: str) -> Plan:
    """The unit read from the question as asked when normalising hid its noun ("每个来客" → 每个国内公务接待: the
    guest is still counted in 人次); the plan unchanged otherwise."""
    if plan.per and plan.per not in GENERIC:
        return plan
    asked = per_unit(fold(question))
    if not asked or asked in GENERIC or asked == plan.per:
        return plan
    return plan.with_(per=asked, operation="" if plan.operation == "avg" else plan.operation)


SCALES = {"万": Decimal(10000), "亿": Decimal(100000000)}
COUNT_SAID = re.compile(rf"(?<![每均\d.])(\d+(?:\.\d+)?)\s*(?:多|余)?(万|亿)?\s*(?:多|余)?(?:个|位|名)?({_NOUN})")


def count_said(text: str, units: list[str]) -> tuple[str, str, str] | None:
    """A count the question itself states in one of `units` ("按1.25亿用户算" → ("1.25", "亿", "用户")): the
    number as said, its scale word and its noun; None when it states none."""
    for match in COUNT_SAID.finditer(text):
        if NOUNS[match.group(3)] in units:
            return match.group(1), match.group(2) or "", match.group(3)
    return None


NOUN_AFTER_PER = re.compile(r"(?:每|(?<![0-9.第])[一1])(?:个|位|名|家|辆|台|份|张|期|批|项)?([\u4e00-\u9fff]{2,4})")


def noun_after_per(text: str) -> str:
    """The word right after the per word ("平均服务一家企业花多少" → 企业花多少 cut to 4 characters): what each unit
    is, to pick the indicator row that counts it."""
    if not AVERAGING.search(text) and not PER.search(text):
        return ""
    found = NOUN_AFTER_PER.search(text)
    return found.group(1) if found else ""
