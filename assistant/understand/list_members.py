"""A subject named by what its own list says it holds ("水电、差旅这些开销" for 公用经费, whose report
sentence lists 办公费、水费、电费、差旅费…): the report's "X…万元，主要包括：a、b、c" lists, as aliases that count only
together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.cues import CUES
from assistant.understand.lexicon import Lexicon, Match
from assistant.understand.normalize import fold
from assistant.understand.parse import with_matches
from assistant.understand.plan import Plan
from corpus import Report

LIST_LEAD = CUES.cue("list_lead")
USAGE_LEAD = CUES.cue("usage_lead")
LIST_END = re.compile(r"等(?:支出|费用)?$")  # "…保险费等支出": the list ends at 等
ITEM_SEP = re.compile(r"[、，,；;]")
# A list item's generic tail: "差旅费" is said "差旅", "水费" is said "水".
ITEM_TAIL = re.compile(r"(费用|经费|支出|费)$")
ITEM_WORDS = CUES.table("list_item_words")  # "出差" → 差旅
# One member alone ("差旅费") is that item, which the report may not state: never its list's subject.
MIN_MEMBERS = 2
ENUMERATED = CUES.cue("enumerated_things")  # "A、B、C", "这些": items said as one list
SUMMED_BY = re.compile(r"[^，,。？?；;]{0,12}?(?:支出|开销|花销|费用|开支|经费|花费)")


@dataclass(frozen=True)
class MemberList:
    subject: str  # the catalogue subject the list belongs to
    cores: tuple[str, ...]  # its items without their generic tail
    usage: bool = False  # a 主要用于 list: what the amount paid for, quoted with it


def _cores(items: str, subject: str = "") -> tuple[str, ...]:
    cores = []
    for item in ITEM_SEP.split(LIST_END.sub("", items)):
        core = ITEM_TAIL.sub("", LIST_END.sub("", item.strip()))
        shared = next((n for n in range(len(core) - 1, 1, -1) if subject.startswith(core[:n])), 0)
        core = core[shared:]  # "公务用车燃料费" in 公务用车运行维护费's list is its 燃料
        if core.startswith("其他") or not core or core in cores:  # "其他商品和服务支出" names nothing
            continue
        cores.append(core)
    return tuple(cores)


LEVEL_ITEM = re.compile(r"（[类款项]）")


def _items_not_levels(matches: tuple[Match, ...], outside: list[Match]) -> tuple[Match, ...]:
    """Said among the items of a list whose owner is named ("公用经费里的差旅费、培训费"), a word that also names a
    类/款/项 (培训支出（项）) is the owner's item: a list of what the money bought never holds a functional item."""
    return tuple(
        m for m in matches
        if m.kind != "subject" or m in outside or not all(LEVEL_ITEM.search(t) for t in m.targets)
    )  # fmt: skip


class ListMembers:
    """The report's content lists, by the subject each belongs to."""

    def __init__(self, report: Report, lexicon: Lexicon) -> None:
        lists: list[MemberList] = []
        text = fold(report.clean_text)
        for lead in LIST_LEAD.finditer(text):
            named = fold(re.sub(r"[\d.\s]*(万元|元)?$", "", lead.group(1)))
            found = [m for m in lexicon.find(named) if m.kind == "subject" and len(m.targets) == 1]
            if not found or found[-1].end != len(named):
                continue
            end = text.find("。", lead.end())
            cores = _cores(re.sub(r"\s+", "", text[lead.end() : end if end != -1 else len(text)]))
            subject = found[-1].targets[0]
            if len(cores) >= MIN_MEMBERS and all(s.subject != subject for s in lists):
                lists.append(MemberList(subject, cores))
        self.parents = {f.subject: f.parent for f in report.facts if f.parent and not f.scope}
        spent = {f.subject for f in report.facts if f.measure == "决算数" and not f.scope}
        self.spent = frozenset(spent)
        for lead in USAGE_LEAD.finditer(text):
            named = fold(lead.group(1))
            # "国内公务接待支出 2.81 万元": of the names 国内公务接待 may mean, the one with an amount
            found = [m for m in lexicon.find(named) if m.kind == "subject" and len(set(m.targets) & spent) == 1]
            if not found or found[-1].end < len(named) - len("支出"):
                continue
            end = text.find("。", lead.end())
            subject = sorted(set(found[-1].targets) & spent)[0]
            cores = _cores(re.sub(r"\s+", "", text[lead.end() : end if end != -1 else len(text)]), fold(subject))
            if len(cores) >= MIN_MEMBERS and all(s.subject != subject for s in lists):
                lists.append(MemberList(subject, cores, usage=True))
        self.lists = tuple(lists)
        self.everyday = frozenset(fold(w) for w in lexicon.vocabulary.colloquial)  # words that are no report term

    def _hits(self, text: str, members: MemberList) -> list[tuple[int, int]]:
        """Where the question says the list's items: as the report writes them ("差旅", "电费") or in everyday
        words ("出差"); a bare one-character item ("水") only beside another ("水电"), since "电" is in "电子政务"."""
        singles = {c for c in members.cores if len(c) == 1}
        hits = []
        for core in members.cores:
            written = core + "费" if len(core) == 1 else core
            said = [written] + [w for w, c in sorted(ITEM_WORDS.items()) if c == core]
            word = next((w for w in said if w in text), "")
            if word:
                at = text.find(word)
                hits.append((at, at + len(word)))
                continue
            if len(core) > 1:
                continue
            for at in (i for i, ch in enumerate(text) if ch == core):
                others = singles - {core}
                if (at > 0 and text[at - 1] in others) or (at + 1 < len(text) and text[at + 1] in others):
                    hits.append((at, at + 1))
                    break
        return hits

    def resolve(self, plan: Plan, report_year: int) -> Plan:
        """A question that names ≥ 2 items of one list asks that list's subject. A name said among the items is
        one of them ("工资、社保这些"); one that only says whose list it is goes ("那几辆公车的油钱、修车钱":
        公务用车 of 公务用车运行维护费); any other name stays an ask of its own ("…和日常办公的钱各多少")."""
        if plan.projects or not self.lists:
            return plan
        found = []
        for members in self.lists:
            hits = self._hits(plan.text, members)
            if len(hits) >= MIN_MEMBERS:
                found.append((len(hits), members, hits))
        found.sort(key=lambda f: -f[0])
        if not found or (len(found) > 1 and found[1][0] == found[0][0]):
            return plan
        _, members, hits = found[0]
        start, end = min(h[0] for h in hits), max(h[1] for h in hits)
        outside = [m for m in plan.matches if m.kind == "subject" and (m.end <= start or m.start >= end)]
        if any(self._holds(t, members.subject) for m in outside for t in m.targets):
            plan = plan.with_(matches=_items_not_levels(plan.matches, outside))
        if any(m.alias not in self.everyday for m in plan.matches if m.kind == "subject" and m not in outside):
            return plan  # "基本养老保险缴费和职业年金缴费": items named in the report's own terms are asked each
        kept = [m for m in outside if not any(self._holds(t, members.subject) for t in m.targets)]
        inside = [m for m in plan.matches if m.kind == "subject" and m not in outside]
        own = [m for m in inside if any(t in self.spent and t != members.subject for t in m.targets)]
        if len(own) == len(inside) >= MIN_MEMBERS and not ENUMERATED.search(plan.text):
            return plan  # "医保跟年金哪个多": template items with amounts of their own, not said as a list
        if plan.intent == "reason" and len({t for m in inside for t in m.targets}) >= 2:
            return plan  # "社保、医保、公积金为啥都没用满": each item's own reason
        if plan.says("each") and not kept:
            # "差旅费跟会议费分别是多少": each item's own figure is asked, which the list does not give. When the
            # lexicon read the items only as the list's own subject ("工资" of 人员经费), the whole's figure would
            # answer for them (a neighbour's number): the items' own amounts are not held.
            # Named with their owner ("X里的a、b各花了多少"), items the lexicon reads as nothing are the same ask.
            # Items read as nothing beside an owner whose parts the report states ("接待的饭钱、车钱") may be those
            # parts, for the everyday-word matcher to name: not refused here.
            parted = not inside and any(p == members.subject and c in self.spent for c, p in self.parents.items())
            if {t for m in inside for t in m.targets} <= {members.subject} and (inside or outside) and not parted:
                items = "、".join(plan.text[a : b + 1 if plan.text[b : b + 1] == "费" else b] for a, b in sorted(hits))
                owner = "".join(plan.text[m.start : m.end] + "中" for m in outside[:1] if not inside)
                return plan.with_(unheld=(f"{owner}{items}各自的金额",))
            return plan
        # The names that only said whose list it is are part of the mention ("公车平时加油、保养、过桥这些")
        held = [m for m in outside if m not in kept]
        start, end = min([start, *(m.start for m in held)]), max([end, *(m.end for m in held)])
        # "水电、差旅这些日常琐碎的开销": the mention runs to the money word that sums the items up
        summed = SUMMED_BY.match(plan.text, end)
        end = summed.end() if summed else end
        match = Match(start, end, plan.text[start:end], (members.subject,), "subject")
        others = tuple(m for m in plan.matches if m.kind != "subject") + tuple(kept)
        read = with_matches(plan.with_(matches=others), [match], report_year)
        if read.collection == f"parts:{members.subject}":  # "水电、差旅这些一共多少": the items said are the whole
            operation = "" if read.operation == "sum" else read.operation
            read = read.with_(collection="", attribute="", aggregate="", operation=operation)
        if members.usage and not read.says("composition"):  # the amount with what it paid for
            read = read.with_(cues=(*read.cues, "composition"))
        return read

    def lone_item(self, plan: Plan) -> str:
        """ "每辆车的油费": the one item of a list said, beside a name of the list's own subject (公务用车 of
        公务用车运行维护费), as "<item>的金额" (the report lists it, states no amount for it); "" otherwise."""
        if plan.projects:
            return ""
        said = []
        for members in self.lists:
            hits = self._hits(plan.text, members)
            # an item the report states as a figure of its own ("餐费" of 国内公务接待) is read as that figure
            if any(m.start < h[1] and h[0] < m.end and members.subject not in m.targets for m in plan.matches
                   for h in hits):  # fmt: skip
                continue
            owner = [m for m in plan.matches if any(self._holds(t, members.subject) for t in m.targets)]
            if len(hits) == 1 and owner:
                start, end = hits[0]
                said.append(plan.text[start : end + 1 if plan.text[end : end + 1] == "费" else end])
        return f"{said[0]}的金额" if len(said) == 1 else ""

    def _holds(self, name: str, subject: str) -> bool:
        """`name` says whose list `subject`'s is: its stem is part of the subject's name (公务用车 of
        公务用车运行维护费, 公务接待费 of 国内公务接待费), or it is one of the subject's own parts said beside
        another item (餐费 beside 交通 of 国内公务接待费)."""
        stem = ITEM_TAIL.sub("", fold(name))
        own = len(stem) >= 2 and stem in fold(subject)
        return own or self.parents.get(name) == subject
