"""The unit a question asks a count in ("多少条", "几期"), a date ("哪天") or a length of time ("多久"), and
whether a project table's row or sentence states a figure in that unit: a table answers "多少条热线" with
"共计43条", never with a rate in %."""

from __future__ import annotations

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold

ASKED_UNIT = CUES.cue("asked_unit")
STATED_UNIT = CUES.cue("stated_unit")
ASKED_DATE = CUES.cue("asked_date")
STATED_DATE = CUES.cue("stated_date")
ASKED_DURATION = CUES.cue("asked_duration")
STATED_DURATION = CUES.cue("stated_duration")
DATE = "日期"
DURATION = "时长"  # any length of time: a wait asked is answered in 分钟, 小时 or 天 alike


def asked_units(question: str) -> set[str]:
    """The units the question asks counts in, and 日期 when it asks a date."""
    text = fold(question)
    units = {m.group(1) for m in ASKED_UNIT.finditer(text)}
    if ASKED_DATE.search(text):
        units.add(DATE)
    if ASKED_DURATION.search(text):
        units.add(DURATION)
    return units


def stated_units(text: str, row_unit: str = "") -> set[str]:
    """The units a sentence states figures in (a row: its 度量单位), and 日期 when it states a date."""
    flat = fold(text)
    units = {m.group(1) for m in STATED_UNIT.finditer(flat)}
    unit = fold(row_unit).strip().lstrip("万亿千百")
    if unit:
        units.add(unit)
    if STATED_DATE.search(flat):
        units.add(DATE)
    if STATED_DURATION.search(flat) or STATED_DURATION.search(unit):
        units.add(DURATION)
    return units


def agrees(asked: set[str], stated: set[str]) -> bool:
    """The candidate states a figure in a unit the question asks (a count of 人次 is a count of 人 too)."""
    return any(a == s or (len(a) == 1 and s.startswith(a)) for a in asked for s in stated)


def contradicts(asked: set[str], row_unit: str, row_name: str = "") -> bool:
    """A row stated in another unit than the count asked ("多少条" of a row in %): it cannot answer the count.
    A row whose name says the unit asked ("不少于5条赛道", counted in 项) still can."""
    unit = fold(row_unit).strip().lstrip("万亿千百")
    counts = asked - {DATE}
    if not counts or not unit or agrees(counts, {unit} | ({DURATION} if STATED_DURATION.search(unit) else set())):
        return False
    return not any(c in fold(row_name) for c in counts)


def states_asked_time(question: str, text: str, row_unit: str = "") -> bool:
    """A length of time asked ("排队要等多长时间") is answered only by text stating one (a figure in 分钟/小时/天,
    a period from one date to another); any other question by any text."""
    return DURATION not in asked_units(question) or DURATION in stated_units(text, row_unit)
