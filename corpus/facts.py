"""The fact table: one `Fact` per figure the report states, with its sentence, reason and parent total.

Narrative figures (第一部分–第三部分) are read here by the national template's sentence patterns; the
figures of the 绩效自评表 come from `corpus.projects.project_facts`. Nothing here knows one report's
values: every subject is either the template's fixed noun or the report's own words (list items, 项 paths).

How a paragraph is read (hand-written: the template's wording is the only spec there is):
1. *mentions*: a subject followed by its amount or count ("基本支出 4733.08 万元", "公务用车 4 辆");
2. for each amount, the figures that follow it up to the next mention or the reason belong to the same
   subject: 完成预算 x% (预算完成率), 增加/减少 x 万元 (比上年增减额), 增长/下降 x% (比上年增减率),
   占[…的] x% (占比, whose "…的" names the total it is a share of);
3. the reason ("主要原因是…", "决算数小于预算数的主要原因是…") is attached to the paragraph's facts, or to
   the previous paragraph's when the reason stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from corpus import projects
from corpus.facts_text import NUM, canonical, rx, sentence_span, signed, squeeze
from corpus.records import Fact, Report, Section

MONEY = "万元"
PERCENT = "%"
SKIP_PARTS = ("附件", "附表")  # parts that hold tables, not narrative figures

# Template vocabulary: the total each fixed item belongs to (when the sentence itself names none).
PARENTS = {
    "因公出国（境）费": "三公经费",
    "公务用车购置及运行维护费": "三公经费",
    "公务接待费": "三公经费",
    "公务用车购置费": "公务用车购置及运行维护费",
    "公务用车运行维护费": "公务用车购置及运行维护费",
    "国内公务接待费": "公务接待费",
    "外事接待费": "公务接待费",
    "国内公务接待餐费": "国内公务接待费",
    "国内公务接待交通费": "国内公务接待费",
    "国内公务接待住宿费": "国内公务接待费",
    "人员经费": "一般公共预算财政拨款基本支出",
    "公用经费": "一般公共预算财政拨款基本支出",
}
ITEM_PARENT = "一般公共预算支出"  # the 项 items of 五（三） are parts of this total
NOT_SUBJECTS = {"共计支出", "合计支出", "支出", "共计", "合计"}
RECEPTION_PARTS = ("餐费", "交通费", "住宿费")

REASON = rx(r"(?:决算数[大小]于预算数的)?主要(?:变动)?原因(?:是|为|[:：])?")
TRAILING_QIZHONG = rx(r"其中 [:：] $")
LIST_MARKER = rx(r"(?:其中|主要用于以下方面|具体内容包括) [:：]")
ITEM_PATH = re.compile(r"^\d{1,2}[.．]\s*(?P<path>\S.*?（项）)")

UNITS = r"万元|辆|个|台（套）|批次|人次|人"
CN = r"[\u4e00-\u9fff（）“”]"
AFTER_STOP = r"(?:^|(?<=[：:；;，,。、]))"
SANGONG_ITEM = rx(rf"{AFTER_STOP}(?:\d{{1,2}}[.．])? ?(?P<name>{CN}{{1,24}}?(?:费|支出|支出决算)) (?P<v>{NUM}) 万元")


@dataclass(frozen=True)
class Pattern:
    """A mention pattern: group `v` is the figure; the subject is fixed or read from group `name`."""

    regex: re.Pattern[str]
    subject: str = ""  # fixed subject, else canonical(group "name")
    unit: str = MONEY
    measure: str = "决算数"
    parent: str = ""
    scope: str = ""  # heading text the section must be under ("" = anywhere)


PATTERNS: tuple[Pattern, ...] = (
    Pattern(rx(rf"(?<!财政拨款)(?:收、? 支|收入、? 支出)总计(?:均为|各为|为) (?P<v>{NUM}) 万元"), "收支总计"),
    Pattern(rx(rf"财政拨款(?:收、? 支|收入、? 支出)总计(?:均为|各为|为) (?P<v>{NUM}) 万元"), "财政拨款收支总计"),
    Pattern(rx(rf"本年收入合计 (?P<v>{NUM}) 万元"), "本年收入合计"),
    Pattern(rx(rf"本年支出合计 (?P<v>{NUM}) 万元"), "本年支出合计"),
    Pattern(rx(rf"一般公共预算财政拨款支出 (?P<v>{NUM}) 万元"), "一般公共预算财政拨款支出"),
    Pattern(rx(rf"一般公共预算支出决算数?为 (?P<v>{NUM}) 万元"), "一般公共预算支出"),
    Pattern(rx(rf"一般公共预算财政拨款基本支出 (?P<v>{NUM}) 万元"), "一般公共预算财政拨款基本支出"),
    Pattern(rx(rf"(?P<name>人员经费|公用经费) (?P<v>{NUM}) 万元")),
    Pattern(rx(rf"“?三公”? ?经费财政拨款支出决算为 (?P<v>{NUM}) 万元"), "三公经费"),
    Pattern(rx(rf"机关运行经费支出 (?:决算为 )?(?P<v>{NUM}) 万元"), "机关运行经费"),
    Pattern(rx(rf"政府采购支出总额 (?P<v>{NUM}) 万元"), "政府采购支出总额"),
    Pattern(rx(rf"(?P<name>授予(?:中小|小微)企业合同金额) (?P<v>{NUM}) 万元")),
    # 三公 items: "2.公务用车购置及运行维护费支出 14.44 万元", "外事接待支出 0 万元", "餐费 2.12 万元"
    Pattern(SANGONG_ITEM, scope="三公"),
    # counts
    Pattern(rx(rf"(?:内部设立机构|内设机构|设立机构|设置机构) (?:共 )?(?P<v>{NUM}) 个"), "内设机构", "个", "数量"),
    Pattern(rx(rf"共有公务用车 (?P<v>{NUM}) 辆"), "公务用车", "辆", "数量"),
    Pattern(rx(rf"共有车辆 (?P<v>{NUM}) 辆"), "车辆", "辆", "数量"),
    Pattern(rx(rf"国内公务接待 (?P<v>{NUM}) 批次"), "国内公务接待", "批次", "数量"),
    Pattern(rx(rf"批次 [，,、] ?(?P<v>{NUM}) 人次"), "国内公务接待", "人次", "数量"),
    Pattern(rx(rf"(?P<v>{NUM}) 个项目开展了? ?(?:预算)?事前绩效评估"), "事前绩效评估", "个", "数量"),
    Pattern(rx(rf"(?P<v>{NUM}) 个项目编制了? ?绩效目标"), "绩效目标", "个", "数量"),
    Pattern(rx(rf"(?P<v>{NUM}) 个项目开展了? ?绩效监控"), "绩效监控", "个", "数量"),
    Pattern(rx(rf"(?P<v>{NUM}) 个项目开展了? ?绩效自评"), "绩效自评", "个", "数量"),
    Pattern(rx(rf"新增 (?P<v>{NUM}) 人(?!次)"), "新增人员", "人", "数量"),
    Pattern(rx(rf"退休 (?P<v>{NUM}) 人(?!次)"), "退休人员", "人", "数量"),
)
DEVICE = rx(rf"(?P<name>单价 ?{NUM} ?万元以上设备)(?:（不含车辆）)? (?P<v>{NUM}) 台（套）")
NONE_SPENT = re.compile(rf"无(?P<name>{CN}{{4,30}}?支出)(?=[。，,；;]|$)")
LIST_ITEM = rx(rf"(?:^|(?<=[：:；;、，,]))(?P<name>{CN}{{2,30}}?) (?P<v>{NUM}) (?P<u>{UNITS})")
RATE = rx(rf"(?:完成(?:年初|调整)?预算(?:的)?|为预算的|预算完成率为?) (?P<v>{NUM}) %")
AMOUNT_CHANGE = rx(rf"(?P<dir>增加|减少) (?P<v>{NUM}) 万元")
RATE_CHANGE = rx(rf"(?P<dir>增长|下降|降低|增加|减少) (?P<v>{NUM}) %")
SHARE = rx(rf"占(?:比为?)?(?P<of>[^\d，,。；;%]{{1,24}}?的)? (?P<v>{NUM}) %")


@dataclass
class _Hit:
    subject: str
    measure: str
    unit: str
    value: Decimal
    raw: str
    pos: int  # offset of `raw` in the paragraph
    anchor: int  # where the subject is named (start of the quote)
    parent: str = ""


def extract_facts(report: Report) -> list[Fact]:
    """Narrative facts of 第一部分–第三部分 plus the 绩效自评表 facts of `corpus.projects`."""
    facts = narrative_facts(report)
    facts.extend(projects.project_facts(report))
    return unique_ids(facts)


def narrative_facts(report: Report) -> list[Fact]:
    facts: list[Fact] = []
    skipped = {s.id for s in report.sections if s.kind == "part" and any(w in s.title for w in SKIP_PARTS)}
    for section in report.sections:
        root = section.id.split(".")[0]
        if root in skipped or section.kind == "project_table":
            continue
        facts.extend(_section_facts(report, section))
    return facts


def _section_facts(report: Report, section: Section) -> list[Fact]:
    facts: list[Fact] = []
    item_path = _item_path(section)
    heading = section.heading
    previous: list[Fact] = []
    offset = section.start
    for paragraph in section.text.split("\n"):
        start = offset
        offset += len(paragraph) + 1
        if not paragraph.strip():
            continue
        reason_match = REASON.search(paragraph)
        reason_at = reason_match.start() if reason_match else len(paragraph)
        reason = _reason_text(paragraph, reason_at) if reason_match else None
        hits = list(_paragraph_hits(paragraph, reason_at, heading, item_path))
        # the reason explains the figures before it, not counts quoted inside it ("新增 6 人")
        current = [_fact(report, section, paragraph, start, h, reason if h.pos < reason_at else None) for h in hits]
        if reason and not current and reason_at == 0 and previous:
            previous[:] = [f if f.reason else replace(f, reason=reason) for f in previous]
            facts[-len(previous) :] = previous
        if current:
            facts.extend(current)
            previous = current
    return facts


def _item_path(section: Section) -> str:
    """The 类/款/项 path of a 五（三） item section, else ""."""
    if section.kind != "item":
        return ""
    match = ITEM_PATH.match(squeeze(section.text))
    return match.group("path") if match else ""


def _reason_text(paragraph: str, at: int) -> str:
    reason = paragraph[at:].strip()
    return TRAILING_QIZHONG.sub("", reason).strip() or reason


def _paragraph_hits(paragraph: str, reason_at: int, heading: str, item_path: str) -> Iterator[_Hit]:
    mentions = _mentions(paragraph, heading, item_path)
    # figures that follow a money mention belong to it, up to the next mention or the reason
    stops = sorted({m.anchor for m in mentions} | {reason_at, len(paragraph)})
    for mention in mentions:
        if mention.unit != MONEY:
            yield mention
            continue
        end = next(s for s in stops if s > mention.pos)
        chained = list(_chained(paragraph, mention, mention.pos + len(mention.raw), end))
        share_of = next((h.parent for h in chained if h.measure == "占比" and h.parent), "")
        if share_of and not mention.parent:
            mention.parent = share_of  # "占政府采购支出总额的 57.96%" names the total
        yield mention
        yield from chained
    yield from _nothing_spent(paragraph, reason_at)


def _mentions(paragraph: str, heading: str, item_path: str) -> list[_Hit]:
    """Subjects with their amount or count, in text order, one per figure position."""
    found: dict[int, _Hit] = {}

    def add(hit: _Hit) -> None:
        if hit.pos not in found and hit.subject and hit.subject not in NOT_SUBJECTS:
            found[hit.pos] = hit

    for pattern in PATTERNS:
        if pattern.scope and pattern.scope not in heading:
            continue
        for match in pattern.regex.finditer(paragraph):
            subject = pattern.subject or _context_name(canonical(match.group("name")), paragraph)
            parent = pattern.parent or PARENTS.get(subject, "")
            add(_hit(match, subject, pattern.measure, pattern.unit, parent))
    for match in DEVICE.finditer(paragraph):
        add(_hit(match, squeeze(match.group("name")), "数量", "台（套）", ""))
    if item_path:
        for match in rx(rf"支出决算为 (?P<v>{NUM}) 万元").finditer(paragraph):
            add(_hit(match, item_path, "决算数", MONEY, ITEM_PARENT, anchor=0))
    for hit in _list_items(paragraph, found):
        add(hit)
    return [found[pos] for pos in sorted(found)]


def _list_items(paragraph: str, found: dict[int, _Hit]) -> Iterator[_Hit]:
    """Items of an enumeration after 其中：/主要用于以下方面：, children of the total named before it."""
    for marker in LIST_MARKER.finditer(paragraph):
        end = paragraph.find("。", marker.end())
        end = len(paragraph) if end == -1 else end
        region = paragraph[marker.end() : end]
        at = marker.start()
        heads = [h for pos, h in sorted(found.items()) if pos < at and _same_sentence(paragraph, pos, at)]
        for match in LIST_ITEM.finditer(region):
            unit = match.group("u")
            subject = _context_name(canonical(match.group("name")), paragraph)
            head = next((h for h in reversed(heads) if h.unit == unit), None)
            parent = head.subject if head else PARENTS.get(subject, "")
            measure = "决算数" if unit == MONEY else "数量"
            yield _hit(match, subject, measure, unit, parent, shift=marker.end())


def _same_sentence(paragraph: str, a: int, b: int) -> bool:
    return "。" not in paragraph[a:b]


def _context_name(subject: str, paragraph: str) -> str:
    """餐费/交通费 of a 国内公务接待 sentence are that reception's parts."""
    if subject in RECEPTION_PARTS and "国内公务接待" in paragraph:
        return "国内公务接待" + subject
    return subject


def _hit(
    match: re.Match[str], subject: str, measure: str, unit: str, parent: str, shift: int = 0, anchor: int | None = None
) -> _Hit:
    raw = match.group("v")
    pos = match.start("v") + shift
    start = match.start() + shift if anchor is None else anchor
    return _Hit(subject, measure, unit, Decimal(raw), raw, pos, start, parent)


def _chained(paragraph: str, mention: _Hit, start: int, end: int) -> Iterator[_Hit]:
    window = paragraph[start:end]
    subject, anchor = mention.subject, mention.anchor
    rate = RATE.search(window)
    if rate:
        yield _Hit(subject, "预算完成率", PERCENT, Decimal(rate["v"]), rate["v"], start + rate.start("v"), anchor)
    change = AMOUNT_CHANGE.search(window)
    if change:
        value = signed(change["v"], change["dir"])
        yield _Hit(subject, "比上年增减额", MONEY, value, change["v"], start + change.start("v"), anchor)
    ratio = RATE_CHANGE.search(window)
    if ratio:
        value = signed(ratio["v"], ratio["dir"])
        yield _Hit(subject, "比上年增减率", PERCENT, value, ratio["v"], start + ratio.start("v"), anchor)
    share = SHARE.search(window)
    if share:
        parent = canonical(share["of"][:-1]) if share["of"] else mention.parent
        yield _Hit(subject, "占比", PERCENT, Decimal(share["v"]), share["v"], start + share.start("v"), anchor, parent)


def _nothing_spent(paragraph: str, reason_at: int) -> Iterator[_Hit]:
    """ "无政府性基金预算财政拨款支出": a stated zero; `raw` is the word 无."""
    for match in NONE_SPENT.finditer(paragraph[:reason_at]):
        subject = canonical(match.group("name"))
        if len(subject) >= 4:
            yield _Hit(subject, "决算数", MONEY, Decimal(0), "无", match.start(), match.start())


def _fact(report: Report, section: Section, paragraph: str, start: int, hit: _Hit, reason: str | None) -> Fact:
    q_start, q_end = sentence_span(paragraph, min(hit.anchor, hit.pos), hit.pos + len(hit.raw))
    return Fact(
        id=f"{section.id}:{hit.subject}:{hit.measure}",
        subject=hit.subject,
        measure=hit.measure,
        value=hit.value,
        unit=hit.unit,
        year=report.year,
        section_id=section.id,
        quote=paragraph[q_start:q_end],
        raw=hit.raw,
        start=start + q_start,
        reason=reason,
        parent=hit.parent,
    )


def unique_ids(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, int] = {}
    unique: list[Fact] = []
    for fact in facts:
        count = seen.get(fact.id, 0) + 1
        seen[fact.id] = count
        unique.append(fact if count == 1 else replace(fact, id=f"{fact.id}#{count}"))
    return unique
