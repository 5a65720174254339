"""Answers about the template's text sections asked in everyday words (understand/section_asks.py reads them):
the duties listed, counted or read at one place; the internal units listed, counted, or one looked for; the
cars broken down by use and by type, with the other things the assets section counts; a 名词解释 term's
definition; and, for each kind of money asked, whether the report says there is none.

Every piece quotes the report's own sentence; counts are the calculator's."""

from __future__ import annotations

import re

from assistant.answer.toolkit import CJK_DIGIT_GAP, Answerer
from assistant.calculator import count
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import HEADING_NUMBER, enumerated_items, longest_common
from assistant.evidence.spans import Span, sentence_around
from assistant.evidence.spans import one_line as _one_line
from assistant.understand import section_asks as asks
from assistant.understand.normalize import cn_numeral, fold
from assistant.understand.plan import Plan
from assistant.understand.project_aliases import common_in_order
from assistant.understand.words import STOPWORDS, informative
from corpus import Fact, Section

USAGE_AFTER = re.compile(r"[^。\n]{0,6}。?\s*主要用于")  # "…14.44 万元。主要用于…": what the amount pays for
MAX_USAGE = 200  # a usage sentence longer than this is not one sentence
MEMBER_USE = re.compile(r"(?<!公务)(?<!公)用车")  # "其他用车", "领导干部用车": one kind of car, not the cars

# A glossary entry's clauses, and one that opens with a term of its own ("公务用车购置及运行费反映…").
INNER_CLAUSE = re.compile(r"[^。；;：:]+[。；;]?")
INNER_LEAD = re.compile(r"\s*([\u4e00-\u9fff（）()“”\s]{2,24}?)(?:反映|是指)")
SPECIFIC_ITEMS = 3  # a question word used by this many items or fewer points at them


class SectionItems(Answerer):
    """One answerer per template text section; `answer` picks by `Plan.section`."""

    def answer(self, q: Plan) -> Evidence | None:
        handler = {
            "duties": self.duties,
            "units": self.units,
            "assets": self.assets,
            "glossary": self.glossary,
            "existence": self.existence,
        }.get(q.section)
        return handler(q) if handler else None

    # ------------------------------------------------------------------ helpers
    def _section(self, title: str) -> Section | None:
        for section in self.report.sections:
            if section.kind != "project_table" and HEADING_NUMBER.sub("", section.title).strip() == title:
                return section
        return None

    def _text(self, span: Span) -> str:
        return CJK_DIGIT_GAP.sub("", _one_line(self.report.clean_text[span.start : span.end]))

    def _first_sentence(self, span: Span) -> Span:
        """The item's first sentence ("一是…。"): a summary that still quotes the report word for word."""
        text = self.report.clean_text
        stops = [i for i in (text.find(c, span.start, span.end) for c in "。") if i != -1]
        return Span(span.start, min(stops) + 1) if stops else span

    def _body(self, section: Section) -> Span:
        """The section's text after its heading line."""
        text = self.report.clean_text
        start = text.find("\n", section.start, section.end)
        start = section.start if start == -1 else start + 1
        while start < section.end and text[start].isspace():
            start += 1
        end = section.end
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    # ------------------------------------------------------------------ duties
    def duties(self, q: Plan) -> Evidence | None:
        title = asks.role("duties")["title"]
        section = self._section(title)
        if section is None:
            return None
        items = enumerated_items(self.report, section.start, section.end)
        ev = Evidence("answered", "list", q.text)
        if len(items) < 2:  # duties written as prose: the section's own sentences
            body = self._body(section)
            ev.add(f"《{title}》写明：")
            ev.add(self._text(body), body)
            return ev
        word = q.count_word or q.ordinal_word or "条"
        whole = Span(items[0].start, items[-1].end)
        if "count" in q.section_ops:
            heads = [self._text(s)[:2] for s in items]
            ev.add(f"《{title}》逐条列出，共 {len(items)} {word}。", whole)
            ev.checks.append(count(heads).check)
        if "nth" in q.section_ops or "last" in q.section_ops:
            n = q.ordinal if "nth" in q.section_ops else len(items)
            if not 1 <= n <= len(items):
                return self.kit.not_found(q, f"《{title}》中所问的那一{word}（这一节列出的条目没有这么多）")
            lead = "" if ev.pieces else f"《{title}》列出的"
            ev.add(f"{lead}第{cn_numeral(n)}{word}是：")
            ev.add(self._text(items[n - 1]), items[n - 1])
            return ev
        if "count" in q.section_ops:  # the count, and the items it counts
            ev.pieces[-1].text = ev.pieces[-1].text.removesuffix("。") + "："
            ev.pieces[-1].cites.clear()
            for item in items:
                ev.add(self._text(item), item)
            return ev
        if self._specific(q, items):
            return None  # "在数据安全方面承担什么职责": the one item the question's own words point at
        ev.add(f"《{title}》列出 {len(items)} {word}，每{word}的要点是：")
        ev.checks.append(count([self._text(s)[:2] for s in items]).check)
        for item in items:
            first = self._first_sentence(item)
            ev.add(self._text(first), first)
        return ev

    def _specific(self, q: Plan, items: list[Span]) -> bool:
        """The question has a word of its own that only a few items use ("安全", "人工智能"): it asks about
        those, not for the whole list. The body's own name and the words that asked for duties do not count."""
        text = fold(q.text)
        asked = asks.cue("roles", "duties", "asks")
        blank = asked.sub(lambda m: "□" * len(m.group(0)), text)
        body = fold(self.report.body or "")
        folded = [fold(self._text(s)) for s in items]
        for term in self.sentences.terms(blank):
            if len(term) < 2 or "□" in term or term in body or not informative(term):
                continue
            used = sum(term in item for item in folded)
            if 0 < used <= SPECIFIC_ITEMS:
                return True
        return False

    # ------------------------------------------------------------------ internal units
    def units(self, q: Plan) -> Evidence | None:
        title = asks.role("units")["title"]
        section = self._section(title)
        if section is None:
            return None
        body = self._body(section)
        listed = asks.unit_names(self.report.clean_text[body.start : body.end])
        if not listed:
            return None
        sentence = sentence_around(self.report, body.start + 1)
        ev = Evidence("answered", "list", q.text)
        if "member" in q.section_ops:
            text = fold(q.text)
            named = [u for u in listed if fold(u) in text]
            by_duty = [(said, [u for u in listed if stem in u]) for said, stem in asks.duty_stems(text)]
            by_duty = [(said, units) for said, units in by_duty if units] or _by_kept_characters(text, listed)
            if named:
                ev.add(f"有。报告列出的内设机构中有{'、'.join(named)}：")
            elif by_duty:
                pairs = "，".join(f"“{said}”按名称对应{'、'.join(units)}" for said, units in by_duty)
                ev.add(f"有：{pairs}（报告只列出了内设机构的名称，没有写各处室的具体分工）：")
            else:
                asked = _asked_unit(text)
                duty = re.search(asks.role("units")["duty_said"], text)
                what = f"名为“{asked}”" if asked else f"名称与“{duty.group(1)}”对应" if duty else "名为所问的机构"
                ev.add(f"报告列出的内设机构中没有{what}的机构（报告只列出名称，没有写各处室的分工），列出的是：")
            ev.add(self._text(sentence), sentence)
            ev.checks.append(count(listed).check)
            return ev
        ev.add(self._text(sentence), sentence)
        ev.checks.append(count(listed).check)
        return ev

    # ------------------------------------------------------------------ cars and equipment
    def assets(self, q: Plan) -> Evidence | None:
        """The counted things that have breakdowns: by use (members named "…用车") and by type; the other
        things the assets section counts that the question names ("单价100万元以上设备")."""
        rules = asks.role("assets")
        section = self._section(rules["title"])
        use_member = re.compile(rules["use_member"])
        vehicle = re.compile(rules["vehicle"])
        breakdowns: dict[str, tuple[Fact, list[Fact]]] = {}
        for total in self.report.facts:
            if total.measure != "数量" or total.parent or total.scope or not vehicle.search(total.subject):
                continue
            parts = self.table.children(total.subject, "数量")
            if len(parts) < 2:
                continue
            kind = "by_use" if all(use_member.search(p.subject) for p in parts) else "by_kind"
            breakdowns.setdefault(kind, (total, parts))
        ev = Evidence("answered", "list", q.text)
        named = self._counted_named(q, section) if section is not None else []
        if not named and "counted" in q.section_ops and section is not None:  # "贵重机器有几台": all it counts
            named = self._counted_named(q, section, every=True)
        for subject in named:
            stated = self.table.find(subject, "数量")[:1]
            self.kit.group_text(stated, ev)
        labels = {"by_use": "按用途分", "by_kind": "按车型分"}
        # the other breakdown too when the question names its total ("公务用车按用途分": 公务用车 is counted by type)
        shown = [op for op, (total, _) in breakdowns.items() if op in q.section_ops or total.subject in q.named]
        for op in ("by_use", "by_kind"):
            if op in shown:
                total, parts = breakdowns[op]
                span = sentence_around(self.report, total.start)
                if len(shown) > 1:
                    ev.add(f"{labels[op]}：")
                ev.add(self._text(span), span)
                ev.facts.extend([total, *parts])
        if "by_use" in shown and not MEMBER_USE.search(fold(q.text)):
            # what the cars are used for (not one kind of them: "其他用车"): what their running cost pays for
            self._car_usage(vehicle, ev)
        for subject in self._amounts_named(q):  # an amount asked beside the cars ("买新车没有": 公务用车购置费)
            stated = self.table.find(subject, "决算数")[:1]
            if stated and not any(f.measure == "数量" for f in self.table.by_subject.get(subject, [])):
                self.kit.group_text(stated, ev)
        missing = [labels[op] for op in q.section_ops if op in labels and op not in breakdowns]
        if missing and ev.pieces:
            ev.add(f"报告没有写明车辆{'、'.join(missing)}的数量。")
        return ev if ev.facts else None

    def _car_usage(self, vehicle: re.Pattern[str], ev: Evidence) -> None:
        """The first car amount whose sentence goes on "主要用于…" (公务用车运行维护费…万元。主要用于工作调研…): that
        sentence, quoted with its figure. Hand-written: a look just past the figure's quote."""
        text = self.report.clean_text
        for fact in self.report.facts:
            if fact.measure != "决算数" or fact.scope or not vehicle.search(fact.subject):
                continue
            after = fact.start + len(fact.quote)
            lead = USAGE_AFTER.match(text, after)
            stop = text.find("。", lead.end()) if lead else -1
            if lead is None or stop == -1 or stop - after > MAX_USAGE:
                continue
            span = Span(fact.start, stop + 1)
            ev.add(f"车辆运行的开支：{self._text(span)}", span)
            ev.facts.append(fact)
            return

    @staticmethod
    def _amounts_named(q: Plan) -> list[str]:
        """Subjects the question names by more than the cars' own words ("公务用车购置", not "用车")."""
        only_cars = re.compile(asks.role("assets")["vehicle_words"])
        said = [m for m in q.matches if len(only_cars.sub("", m.alias)) >= 2]
        return list(dict.fromkeys(t for m in said for t in m.targets))

    def _counted_named(self, q: Plan, section: Section, every: bool = False) -> list[str]:
        """The things other than cars the section counts that the question names, by name or by a word of two
        characters or more of it ("设备")."""
        vehicle = re.compile(asks.role("assets")["vehicle"])
        text = fold(q.text)
        out: list[str] = []
        for fact in self.report.facts:
            inside = section.start <= fact.start < section.end
            if not inside or fact.measure != "数量" or fact.parent or vehicle.search(fact.subject):
                continue
            common = longest_common(fold(fact.subject), text)
            named = every or fact.subject in q.named or (len(common) >= 2 and common not in STOPWORDS)
            if named and fact.subject not in out:
                out.append(fact.subject)
        return out

    # ------------------------------------------------------------------ glossary
    def glossary(self, q: Plan) -> Evidence | None:
        named = asks.terms_named(self.report, fold(q.text))
        if not named:
            return None
        ev = Evidence("answered", "definition", q.text)
        said: list[str] = []
        for term, section_id in named:  # every term named, each once ("基本支出和项目支出分别指什么")
            if any(term in other for other in said):
                continue
            said.append(term)
            if not self._define_inner(fold(q.text), term, section_id, ev):
                self._define(term, section_id, ev)
        return ev

    def _define_inner(self, text: str, term: str, section_id: str, ev: Evidence) -> bool:
        """A term an entry defines after its own ("“三公”经费：指…。公务用车购置及运行费反映…；公务接待费反映…"),
        asked by name: that clause, not the entry's first sentence."""
        section = next(s for s in self.report.sections if s.id == section_id)
        report = self.report.clean_text
        found = False
        for clause in INNER_CLAUSE.finditer(report, section.start, section.end):
            lead = INNER_LEAD.match(clause.group(0))
            name = fold(re.sub(r"\s", "", lead.group(1))) if lead else ""
            if len(name) >= 2 and name != term and name in text:
                ev.add(f"名词解释中，{name}：")
                ev.add(self._text(Span(clause.start(), clause.end())), Span(clause.start(), clause.end()))
                found = True
        return found

    def _define(self, term: str, section_id: str, ev: Evidence, lead: str = "名词解释中，") -> None:
        section = next(s for s in self.report.sections if s.id == section_id)
        first = self._first_sentence(self._span_after_term(section))
        printed = HEADING_NUMBER.sub("", section.title).strip()  # the report's own spelling (“三公”经费)
        ev.add(f"{lead}{printed if asks.term_of(printed) == term else term}：")
        ev.add(self._text(first), first)

    def _span_after_term(self, section: Section) -> Span:
        """The definition after "12.项目支出：" (the term and its number are the heading, not the answer)."""
        text = self.report.clean_text
        colon = min((i for i in (text.find(c, section.start, section.end) for c in "：:") if i != -1), default=-1)
        start = colon + 1 if colon != -1 else section.start
        end = section.end
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end)

    # ------------------------------------------------------------------ existence
    def existence(self, q: Plan) -> Evidence | None:
        text = fold(q.text)
        ev = Evidence("answered", "list", q.text)
        for item, start, _ in asks.absence_statements(self.report):
            if asks.mentions(text, item):
                span = sentence_around(self.report, start)
                ev.add(f"{item}：没有。")
                ev.add(self._text(span), span)
        self._income(q, text, ev)
        return ev if ev.pieces else None

    def _income(self, q: Plan, text: str, ev: Evidence) -> None:
        """Income kinds asked: the income section's parts say which there are (a kind it does not list is none)."""
        rules = asks.vocabulary()["existence"]
        kinds = asks.income_kinds_named(text)
        other = re.search(rules["other_income"], text)
        if not kinds and not other:
            return
        grant = re.compile(rules["grant"])
        if other:  # "财政给的以外还有其他进账吗": the grants are the given, not asked
            kinds = [k for k in kinds if not grant.search(k)]
        section = self._section(rules["income_title"])
        if section is None:
            return
        parts = [
            f
            for f in self.report.facts
            if section.start <= f.start < section.end and f.parent and f.measure == "决算数" and not f.scope
        ]
        if not parts:
            return
        span = sentence_around(self.report, parts[0].start)
        stated = [p.subject for p in parts]
        others = [s for s in stated if not grant.search(s)]
        if other:  # "别的收入" is read as 其他收入 too: the income besides the grants is asked
            kinds = [k for k in kinds if k not in others and not any(k in o for o in others)]
            if others:
                ev.add(f"有。除财政拨款外，本年收入还有{'、'.join(others)}：")
            else:
                ev.add("没有别的收入：本年收入全部是财政拨款收入。")
        for kind in kinds:
            held = [s for s in stated if s.endswith(kind)]
            if held:
                ev.add(f"{kind}：有，见{'、'.join(held)}。")
            else:
                ev.add(f"{kind}：没有，本年收入中没有列出{kind}。")
        ev.add(self._text(span), span)
        ev.facts.extend(parts)
        defined = dict(asks.terms_named(self.report, "、".join(others)))
        for subject in others if other else ():  # what that income is, in the glossary's words
            if subject in defined:
                self._define(subject, defined[subject], ev, lead="其中，")


def _asked_unit(text: str) -> str:
    """A unit's name the question asks about that the list lacks ("有没有单设审计处" → 审计处)."""
    suffix = asks.role("units")["suffix"]
    found = re.findall(rf"[\u4e00-\u9fff]{{2}}(?:{suffix})", text)
    found = [w for w in found if not re.match(r"哪|什么|几|多少|个", w) and "的" not in w]  # "管审计的处室": no name
    return found[-1] if found else ""


def _by_kept_characters(text: str, listed: list[str]) -> list[tuple[str, list[str]]]:
    """ "专门管网络安全的部门": the one unit whose name, without its suffix, keeps the most characters of what it
    looks after, in order (安全处 for 网络安全; 网络安全部 on another report); [] when none or several tie."""
    said = re.search(asks.role("units")["duty_said"], text)
    if said is None:
        return []
    suffix = re.compile(f"(?:{asks.role('units')['suffix']})$")
    kept = [(len(common_in_order(said.group(1), suffix.sub("", fold(u)))), u) for u in listed]
    kept.sort(key=lambda k: -k[0])
    if not kept or kept[0][0] < 2 or (len(kept) > 1 and kept[1][0] == kept[0][0]):
        return []
    return [(said.group(1), [kept[0][1]])]
