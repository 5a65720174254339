"""A claim about one figure asked yes or no ("用了一半预算没", "超过90%了吗", "翻倍了吗", "降了一半以上吗"):
read once into a typed `Claim` on the plan, so the answer can say the verdict (是/没有/不到/超过) with the worked
comparison from the calculator instead of leaving the reader to compare the figures.

The words (bounds, comparators, which rate they are about) are cues.toml's `claim_*` cues; here only the reading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.understand.cues import CUES
from assistant.understand.normalize import cn_number
from assistant.understand.plan import Claim, Plan

A_NOT_A = CUES.cue("claim_a_not_a")
BOUND = CUES.cue("claim_bound")
MULTIPLE = CUES.cue("claim_multiple")
TAIL = CUES.cue("claim_tail")
BELOW = CUES.cue("claim_below")
ABOVE = CUES.cue("claim_above")
HALF = CUES.words("claim_half")
CHANGE = CUES.cue("claim_change")
DOWN = CUES.cue("claim_down")
SHARE = CUES.cue("claim_share")
COMPLETION = CUES.cue("claim_completion")
YES_NO = CUES.cue("yes_no")
RATES = ("预算完成率", "比上年增减率", "占比")
PROJECT_RATE = "执行率"  # a project table's completion of its budget
HUNDRED = Decimal(100)


def with_verdict(plan: Plan) -> Plan:
    """The plan with the claim its yes/no question makes about one subject's rate, and that rate as its measure;
    of one project, the claim on its table's 执行率 (the only rate a project table states)."""
    if plan.collection or plan.all_projects or plan.claim or plan.parts:
        return plan
    share_of_two = len(plan.subjects) == 2 and plan.operation == "share"  # "A在B里的占比有没有到八成"
    if (len(plan.subjects) + len(plan.projects) != 1 and not share_of_two) or plan.ambiguous:
        return plan
    if plan.intent == "reason":  # "不到一半，是不是因为…": the shortfall is the premise, the reason is asked
        return plan
    rest = plan.rest or plan.text
    gap_only = plan.says("points") and not YES_NO.search(rest)  # "离100%还差几个百分点": the gap to a bound
    if not YES_NO.search(rest) and not A_NOT_A.search(rest) and not gap_only:  # "到没到三成？" asks yes or no too
        return plan
    claim = read_claim(rest)
    if claim is None:
        return plan
    claim = replace(claim, gap_only=gap_only)
    if plan.projects:
        if claim.measure not in ("", "预算完成率"):
            return plan
        return plan.with_(verdict=replace(claim, measure=PROJECT_RATE))
    measure = claim.measure or (plan.measure if plan.measure in RATES else "")
    return plan.with_(verdict=claim, measure=measure or plan.measure)


def read_claim(text: str) -> Claim | None:
    """The claim a question makes: a multiple of last year, else a bound with its comparator; None if neither.
    "有没有超过" asks whether it is above, never "没有超过": the A-not-A forms are blanked first."""
    text = A_NOT_A.sub(lambda m: "□" * len(m.group(0)), text)
    multiple = MULTIPLE.search(text)
    if multiple is not None:
        bound, label = _multiple(multiple)
        tail = TAIL.match(text, multiple.end())
        comparator = "<" if BELOW.search(text[max(0, multiple.start() - 4) : multiple.start()]) else ">="
        if tail and tail.group("tail") in ("以上", "多"):
            comparator = ">"
        said = text[multiple.start() : tail.end() if tail else multiple.end()]
        return Claim("比上年增减率", comparator, str(bound), label, said, "up")
    for found in BOUND.finditer(text):
        value = _bound(found)
        if value is None or (found.group("bound") == "半" and not found.group("cmp")):
            continue
        cmp, tail = found.group("cmp") or "", found.group("tail") or ""
        if (cmp and BELOW.fullmatch(cmp)) or tail == "以下":
            comparator = "<"
        elif (cmp and ABOVE.fullmatch(cmp)) or tail in ("以上", "多", "出头"):
            comparator = ">"
        else:
            comparator = ">="  # "用了一半预算没", "达到三成了吗": reached
        before = text[: found.start()]
        measure, direction = _measure(before + text[found.end() :], before)
        return Claim(measure, comparator, _plain(value), _label(found, value), found.group(0), direction)
    return None


def _multiple(found: re.Match[str]) -> tuple[Decimal, str]:
    """A multiple of last year as the growth rate it means: 翻倍/翻一番 100%, 翻两番 300%, 增加两倍 200%,
    是上年的三倍 200%."""
    if found.group("unit"):
        n = _count(found.group("flip") or "一")
        if found.group("unit") == "番":
            return Decimal(2**n - 1) * HUNDRED, f"翻{_cn(n)}番"
        return Decimal(n) * HUNDRED, f"{_cn(n)}倍"
    if found.group("more"):
        n = _count(found.group("more"))
        return Decimal(n) * HUNDRED, f"{_cn(n)}倍"
    n = _count(found.group("times"))
    return Decimal(n - 1) * HUNDRED, f"上年的{_cn(n)}倍"


def _bound(found: re.Match[str]) -> Decimal | None:
    """The bound in percent: 一半 50, 三分之一 33.33, 百分之九十 90, 95% 95, 三成 30."""
    if found.group("bound") in HALF:
        return Decimal(50)
    if found.group("den") or found.group("den2"):
        den = cn_number(found.group("den") or found.group("den2"))
        num = cn_number(found.group("num") or found.group("num2"))
        return (Decimal(num) * HUNDRED / Decimal(den)).quantize(Decimal("0.01")) if den and num < den else None
    if found.group("pct"):
        n = 100 if found.group("pct") == "百" else cn_number(found.group("pct"))
        return Decimal(n) if n else None
    if found.group("per"):
        return Decimal(found.group("per"))
    if found.group("tenth"):
        n = _count(found.group("tenth"))
        return Decimal(n * 10) if 0 < n < 10 else None
    return None


def _measure(around: str, before: str) -> tuple[str, str]:
    """Which rate the words around the bound name, and a change's direction; ("", "") when none does."""
    if CHANGE.search(around):
        return "比上年增减率", "down" if DOWN.search(around) else "up"
    if SHARE.search(before):
        return "占比", ""
    if COMPLETION.search(around):
        return "预算完成率", ""
    return "", ""


def _label(found: re.Match[str], value: Decimal) -> str:
    """The bound as people say it, without digits (a digit the report never states would read as a figure)."""
    if found.group("per"):
        return f"{_plain(value)}%"
    if found.group("tenth"):
        return f"{_cn(int(value) // 10)}成"
    if found.group("pct"):
        return f"{_plain(value)}%"
    if found.group("den2"):  # "3/4" said as 四分之三: no digit the report never states
        return f"{_cn(int(found.group('den2')))}分之{_cn(int(found.group('num2')))}".replace("两", "二")
    return "一半" if found.group("bound") in HALF else found.group("bound")


def _count(word: str) -> int:
    return cn_number(word.replace("两", "二"))


def _cn(n: int) -> str:
    return "两" if n == 2 else "一二三四五六七八九十"[n - 1] if 0 < n <= 10 else str(n)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
