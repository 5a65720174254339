"""Questions about the report's text sections asked in everyday words: what the body does (主要职责), its
internal units (机构设置), its cars and equipment (国有资产占有使用情况), what a term of the 名词解释 means, and
whether some kinds of money exist at all ("政府性基金的支出有吗").

The sections are the national template's (their titles and the words that ask about them are data, in
text_sections.toml); what is asked of one is one of a closed set of operations over its items: list them, count
them, read the n-th, say whether one is among them, break a count down, define a term, say whether each item
asked exists. The plan records the section (`Plan.section`) and the operations (`Plan.section_ops`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Report

SECTIONS_FILE = Path(__file__).with_name("text_sections.toml")
NUMBER = re.compile(r"[\d.]+|^[一二三四五六七八九十]+、")
QUOTES = re.compile(r"[“”\"'‘’「」]")
ITEM_LEVEL = re.compile(r"（款）(.+?)（项）$")
GAP = 2  # characters at most between two characters of an everyday mention of a stated item ("政府基金")


@cache
def vocabulary() -> dict[str, Any]:
    with SECTIONS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@cache
def cue(*path: str) -> re.Pattern[str]:
    node: Any = vocabulary()
    for key in path:
        node = node[key]
    return re.compile(node)


def role(name: str) -> dict[str, Any]:
    return vocabulary()["roles"][name]


@dataclass(frozen=True)
class SectionAsk:
    section: str  # duties | units | assets | glossary | existence
    ops: tuple[str, ...]  # list | count | nth | member | by_use | by_kind | define | exists


def term_of(title: str) -> str:
    """A 名词解释 entry's term as a question would say it ("“三公”经费" → 三公经费)."""
    return QUOTES.sub("", fold(NUMBER.sub("", title).strip()))


def terms_named(report: Report, text: str) -> list[tuple[str, str]]:
    """(term, section id) of the 名词解释 entries a question names, the longest first; an entry's 项 is a name
    only when the question says it asks the glossary ("名词解释中事业运行的含义")."""
    glossary = vocabulary()["glossary"]
    parts = {s.id for s in report.sections if s.title.strip() == glossary["part"]}
    says_glossary = bool(cue("glossary", "says_glossary").search(text))
    found: list[tuple[str, str]] = []
    for section in report.sections:
        if section.parent_id not in parts:
            continue
        term = term_of(section.title)
        level = ITEM_LEVEL.search(term)
        names = [term] + ([level.group(1)] if level and says_glossary else [])
        for name in names:
            if len(name) >= 2 and name in text:
                found.append((name, section.id))
                break
    return sorted(found, key=lambda f: -len(f[0]))


def absence_statements(report: Report) -> list[tuple[str, int, int]]:
    """(what is absent, start, end) for every prose sentence saying a kind of money is absent ("无…支出")."""
    pattern = cue("existence", "absent")
    text = report.clean_text
    prose = [s for s in report.sections if s.kind != "project_table"]
    out: list[tuple[str, int, int]] = []
    for section in prose:
        for match in pattern.finditer(text, section.start, section.end):
            item = match.group(1)
            if not any(item == o[0] for o in out):
                out.append((item, match.start(), match.end()))
    return out


def core(item: str) -> str:
    """An absent item without the template's filler words ("政府性基金预算财政拨款支出" → 政府基金)."""
    return cue("existence", "filler").sub("", item) or item


def mentions(text: str, item: str) -> bool:
    """The question mentions the item: its core's characters in order, each within a couple of the last."""
    word = core(item)
    if len(word) < 2:
        return False
    pos = text.find(word[0])
    while pos != -1:
        at, ok = pos, True
        for ch in word[1:]:
            nxt = text.find(ch, at + 1, at + 2 + GAP)
            if nxt == -1:
                ok = False
                break
            at = nxt
        if ok:
            return True
        pos = text.find(word[0], pos + 1)
    return False


def income_kinds_named(text: str) -> list[str]:
    """The template's income kinds the question names ("有没有事业收入")."""
    return [k for k in vocabulary()["existence"]["income_kinds"] if k in text]


def _cars_asked(plan: Plan, text: str) -> SectionAsk | None:
    """The cars asked by use or by kind, named in the question or carried from the ask before it ("做什么用"
    after an ask about the cars); None when the cars are not asked so, or their money is."""
    assets = role("assets")
    text = f"{text}。{fold(plan.question)}"  # as said too: "是干嘛的" is rewritten as the duties' words
    counted = plan.measure == "数量"  # "公务车一共几辆": the cars counted, whichever car money the word named
    carried = plan.elliptical and any(
        re.search(assets["vehicle"], s) and (counted or not re.search(assets["money"], s)) for s in plan.subjects
    )
    if not (carried or re.search(assets["vehicle"], text)) or re.search(assets["money"], text):
        return None
    use = bool(re.search(assets["by_use"], text))
    kind = bool(re.search(assets["by_kind"], text))
    if not (use or kind) and re.search(assets["split"], text):
        use = kind = True
    ops = tuple(op for op, on in (("by_use", use), ("by_kind", kind)) if on)
    return SectionAsk("assets", ops) if ops else None


def read_section_ask(plan: Plan, report: Report) -> SectionAsk | None:
    """The section a question asks about in everyday words and what it asks of it; None when it names a project,
    a person of the tables, or asks nothing of the template's text sections."""
    text = plan.text
    if plan.projects or plan.people:
        return None
    existence = vocabulary()["existence"]
    if cue("existence", "asks").search(text):
        absent = [a for a, _, _ in absence_statements(report) if mentions(text, a)]
        other = re.search(existence["other_income"], text)
        if absent or income_kinds_named(text) or other:
            return SectionAsk("existence", ("exists",))
    glossary = vocabulary()["glossary"]
    if plan.intent == "reason":
        return None
    defines = cue("glossary", "asks").search(text) and not re.search(glossary["figure"], text)
    if defines and terms_named(report, text):
        return SectionAsk("glossary", ("define",))
    cars = _cars_asked(plan, text)
    if cars is not None:  # "公务用车都用来干嘛的": the cars' uses, not the body's duties ("干嘛的")
        return cars
    named = bool(plan.subjects) and not plan.elliptical  # "运行维护费都是干嘛的": that figure's use, not duties
    if cue("roles", "duties", "asks").search(text) and not named:
        last = bool(cue("roles", "duties", "last").search(text))
        ops = tuple(op for op, on in (("count", plan.count_word), ("nth", plan.ordinal), ("last", last)) if on)
        return SectionAsk("duties", ops or ("list",))
    units = role("units")
    listed = [u for u in listed_units(report) if fold(u) in text]
    if listed and re.search(units["member"], text):  # "有没有财务审计部": a listed unit's own name
        return SectionAsk("units", ("member",))
    by_duty = bool(duty_stems(text)) and bool(re.search(units["unit_word"], text))
    if by_duty or cue("roles", "units", "asks").search(text):
        ops = []
        if plan.says("count") or re.search(r"(几|多少)个", text):
            ops.append("count")
        if re.search(units["member"], text) and (_unit_words(text) or duty_stems(text)):
            ops.append("member")
        if not ops or re.search(r"哪|什么|叫|名称|名字|都有", text):
            ops.append("list")
        return SectionAsk("units", tuple(dict.fromkeys(ops)))
    assets = role("assets")
    counted = re.search(assets["equipment"], text) and re.search(assets["equipment_count"], text)
    if counted and not re.search(assets["money"], text):
        return SectionAsk("assets", ("counted",))
    return None


def _unit_words(text: str) -> list[str]:
    """Words of the question shaped like a unit's name ("财务处", "人事部"), not the bare unit words."""
    suffix = role("units")["suffix"]
    bare = {"部门", "处室", "科室", "机构", "内设机构", "中心"}
    found = re.findall(rf"[\u4e00-\u9fff]{{1,5}}?(?:{suffix})", text)
    return [w for w in found if w not in bare and not w.endswith(("部门", "处室", "科室"))]


def section_titles(section: str) -> tuple[str, ...]:
    """The report section titles a section ask reads (the income section for the existence of income kinds)."""
    if section in vocabulary()["roles"]:
        return (role(section)["title"],)
    if section == "existence":
        return (vocabulary()["existence"]["income_title"],)
    return ()


def listed_units(report: Report) -> list[str]:
    """The internal units the 机构设置 section lists by name, in its order ([] when it lists none)."""
    title = role("units")["title"]
    for section in report.sections:
        if section.kind != "project_table" and NUMBER.sub("", section.title).strip() == title:
            return unit_names(report.clean_text[section.start : section.end])
    return []


def unit_names(text: str) -> list[str]:
    """The names after the list's colon, split at 、 and the last 和 (when both sides are names)."""
    suffix = role("units")["suffix"]
    colon = max(text.find("："), text.find(":"))
    if colon == -1:
        return []
    tail = re.split(r"[。；]", text[colon + 1 :])[0]
    names: list[str] = []
    for piece in tail.split("、"):
        both = re.fullmatch(rf"(.+?(?:{suffix}))[和及](.+?(?:{suffix}))", piece.strip())
        names.extend([both.group(1), both.group(2)] if both else [piece.strip()])
    names = [n for n in names if n]
    return names if len(names) >= 2 and all(re.search(rf"(?:{suffix})$", n) for n in names) else []


def kept_unheld(plan: Plan, asked: SectionAsk) -> tuple[str, ...]:
    """What the report cannot hold, less the everyday words of the equipment the section counts ("贵重机器")."""
    if "counted" not in asked.ops:
        return plan.unheld
    equipment = re.compile(role("assets")["equipment"])
    return tuple(w for w in plan.unheld if not equipment.search(w))


def duty_stems(text: str) -> list[tuple[str, str]]:
    """(everyday words, the word a unit's name carries for them) the question uses ("管钱" → 财务)."""
    table = role("units").get("duty_words", {})
    return [(said, stem) for said, stem in sorted(table.items(), key=lambda kv: -len(kv[0])) if said in text]
