"""Figures the report states: a subject's figures with their sentence, a share of a part, what a subject
is made of (its 主要包括 list), a figure named by what it is used for, and two terms' definitions."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from assistant.answer.coverage import covers_question, said_in
from assistant.answer.list_items import LONG_LIST, list_item_only
from assistant.answer.toolkit import Answerer
from assistant.compose.wording import display, show
from assistant.evidence.records import Evidence, Piece
from assistant.evidence.sentences import (
    Sentence,
)
from assistant.evidence.spans import Span
from assistant.evidence.spans import one_line as _one_line
from assistant.execute.members import Columns
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import informative
from corpus import Fact

log = logging.getLogger(__name__)


USAGE_SPREAD = 2  # a usage word said of more subjects (by figure) than this is not distinctive


USAGE_RANK = CUES.words("usage_rank")


USAGE_CUE = CUES.cue("usage_cue")


# What introduces the parts of a subject, best first: a list of contents before a breakdown of figures.
COMPOSED_RANK = CUES.words("composed_rank")


COMPOSED = CUES.cue("composed")
LIST_GOES_ON = CUES.cue("list_goes_on")
EXISTENCE = CUES.cue("existence_ask")
NONE_WORD = re.compile(r"无|未|没有")
LISTED = CUES.cue("enumerated_things")  # "A、B、C这些": things asked together


SHARE_PART_MIN = 4  # the words of a part's name a question must use to name it


COMPOSED_PARTS = 4  # parts listed one sentence each after "其中"


COMPOSED_WINDOW = 24  # characters between the subject's name and the cue: its figure and a comma


class Figures(Answerer):
    """Stated figures, compositions, usages and definitions."""

    # ------------------------------------------------------------------ figure
    def figure(self, q: Plan) -> Evidence | None:
        ev = Evidence("answered", "figure", q.text)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        seen: set[str] = set()
        for subject in subjects:
            primary = self.kit.primary(subject, q)
            if primary is None and q.measure == "占比":
                primary = self._share_of_part(subject, q)
            if primary is None:
                continue
            group = [f for f in self.table.group(primary) if f.id not in seen]
            seen.update(f.id for f in group)
            usages = [u for u in self._usage_sentences(subject) if not re.search(r"\d", u[2])]
            if not (q.says("composition") and q.says("money") and usages):
                self.kit.group_text(group, ev)
                continue
            # Named by what it paid for: the report's own list too; one sentence when it states the figure as well.
            span = min(usages, key=lambda u: (u[0], u[1].start))[1]
            said = _one_line(self.report.clean_text[span.start : span.end])
            if primary.raw and primary.raw in said:
                ev.add(said, span)
                ev.facts.append(primary)
            else:
                self.kit.group_text(group, ev)
                ev.add(said, span)
        said_none = primary is not None and primary.value == 0 and "元" in primary.unit
        worded = any(NONE_WORD.search(p.text) for p in ev.pieces)  # "无预算，无支出": the report says it already
        plain = primary is not None and primary.measure == "决算数" and not worded  # "花了多少", said as a bare 0
        asked_none = said_none and (EXISTENCE.search(q.question or q.text) or plain)
        if ev.pieces and len(subjects) == 1 and asked_none:
            # "有没有出国花钱", "出国花了多少": the stated 0 says no, so say it first
            ev.pieces.insert(0, Piece("没有。"))
        return ev if ev.pieces else None

    def _share_of_part(self, whole: str, q: Plan) -> Fact | None:
        """ "财政拨款收入占总收入的比重": a share the report states of a part of `whole`, the part named by the
        question's other words (a tail of the part's name, 财政拨款收入 for 一般公共预算财政拨款收入)."""
        rest = q.rest
        best: tuple[int, Fact] | None = None
        for fact in self.report.facts:
            if fact.measure != "占比" or fact.parent != whole or fact.scope:
                continue
            name = fold(display(fact.subject))
            common = max((len(name) - i for i in range(len(name)) if name[i:] in rest), default=0)
            if common >= SHARE_PART_MIN and (best is None or common > best[0]):
                best = (common, fact)
        return best[1] if best else None

    # ------------------------------------------------------------------ composition
    def composition(self, q: Plan) -> Evidence | None:
        """ "公用经费都花哪了", "人员经费都含什么": the subject's amount and the report's own list of what it is
        made of ("公用经费1475.09万元，主要包括：办公费…"), quoted from the subject's name to the sentence end."""
        ev = Evidence("answered", "figure", q.text)
        subjects = list(q.subjects) or [s for group in q.ambiguous for s in group]
        for subject in subjects:
            spans = self._composition_spans(subject) or self._total_composition(subject)
            if not spans:
                if q.says("parts_asked"):  # no list of its contents, its kinds asked: its stated parts
                    self._parts_said(subject, ev, whole=True)
                continue
            quoted = "".join(self.report.clean_text[s.start : s.end] for s in spans)
            primary = self.kit.primary(subject, q.with_(measure="决算数"))
            if primary is not None and not re.search(r"\d", quoted):
                self.kit.group_text([primary], ev)
            elif primary is not None:
                ev.facts.append(primary)
            for span in spans:
                ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
            self._parts_said(subject, ev, whole=False)
        return ev if ev.pieces else None

    def _parts_said(self, subject: str, ev: Evidence, whole: bool) -> None:
        """What a total's stated parts come to: the parts that are not 0 (the money went there) and those that
        are 0, one sentence; with `whole`, the total's own figure first."""
        breakdown = set(Columns(self.kit).fact_names(f"parts:{subject}"))  # the parts that add up to it
        parts = [f for f in self.table.children(subject) if f.subject in breakdown]
        if len(parts) < 2:
            return
        if whole:
            primary = self.table.best(self.table.find(subject, "决算数"), subject)
            if primary is None:
                return
            self.kit.group_text([primary], ev)
        spent = [f for f in parts if f.value != 0]
        nothing = [f for f in parts if f.value == 0]
        said = "、".join(f"{self.kit.name(f.subject)} {show(f)}" for f in spent)
        if not nothing:
            ev.add(f"分项为：{said}。", *self.kit.spans(parts))
        elif not spent:
            ev.add(f"{'、'.join(self.kit.name(f.subject) for f in nothing)}均为 0。", *self.kit.spans(parts))
        else:
            zero = "、".join(self.kit.name(f.subject) for f in nothing)
            lead = "全部是" if len(spent) == 1 else "不为 0 的是"
            ev.add(f"{lead}{said}；{zero}{'均' if len(nothing) > 1 else ''}为 0。", *self.kit.spans(parts))
        ev.facts.extend(f for f in parts if f not in ev.facts)

    def _total_composition(self, subject: str) -> list[Span]:
        """ "政府采购服务主要买的啥": a part with no list of its own, inside its total's sentence that lists it, which
        goes on to say what the money went to ("…服务支出16064.69万元。主要用于信息化项目实施。")."""
        facts = [f for f in self.table.find(subject, "决算数") if f.parent and f.parent != subject]
        if not facts:
            return []
        name = fold(self.kit.name(subject))
        spans = self._composition_spans(facts[0].parent)
        text = self.report.clean_text
        return spans if any(name in fold(re.sub(r"\s", "", text[s.start : s.end])) for s in spans) else []

    def _composition_spans(self, subject: str) -> list[Span]:
        """Where the report lists a subject's parts: its name, then (within a clause or two) 主要包括 / 包括 /
        主要用于 / 其中. A list introduced by 其中 goes on in the next sentence when that one lists parts too."""
        text = self.report.clean_text
        names = sorted({fold(display(subject)), fold(self.kit.name(subject))}, key=len, reverse=True)
        found: list[tuple[int, Span, int]] = []
        for n, sentence in enumerate(self.sentences.sentences):
            for name in names:
                at = sentence.folded.find(name)
                if at == -1 or len(name) < 2:
                    continue
                cue = COMPOSED.search(sentence.folded, at + len(name), at + len(name) + COMPOSED_WINDOW)
                if cue is None or "。" in sentence.folded[at : cue.start()]:
                    continue
                pattern = r"[\s“”\"]*".join(re.escape(c) for c in name)
                match = re.compile(pattern).search(text, sentence.span.start, sentence.span.end)
                if match is None:
                    continue
                rank = COMPOSED_RANK.index(cue.group(1)) if cue.group(1) in COMPOSED_RANK else len(COMPOSED_RANK)
                found.append((rank, Span(match.start(), sentence.span.end), n))
                break
        if not found:
            return []
        rank, span, n = min(found, key=lambda f: (f[0], f[1].start))
        spans = [span]
        if COMPOSED_RANK[rank : rank + 1] != ("其中",):
            return spans
        section = self.sentences.sentences[n].section_id
        for following in self.sentences.sentences[n + 1 : n + 1 + COMPOSED_PARTS]:
            if following.section_id != section or not LIST_GOES_ON.search(following.folded):
                break
            spans.append(following.span)
        return spans

    # ------------------------------------------------------------------ a figure described in everyday words
    def usage_subject(self, q: Plan, of_amount: bool = False) -> tuple[Fact, Span] | None:
        """The one subject whose usage sentence holds the question's words (and that sentence), else None.
        `of_amount`: the ask is about an amount without saying money (a reason for a shortfall or a change)."""
        if q.says("unit_price"):  # "电费单价一度多少": a price, which no amount of a subject answers
            return None
        fees_listed = "费" in q.text and bool(LISTED.search(q.text))  # "油费、车险这些一年多少": money all the same
        if not (q.says("money") or of_amount or fees_listed):  # only money: "新增了多少人" is no amount
            return None
        named = [m.alias for m in q.matches]  # recognised names are not words of a usage sentence
        terms = [t for t in self.sentences.terms(q.text) if informative(t) and not any(t in n for n in named)]
        if not terms:
            return None
        content = list(terms)
        described: list[tuple[Fact, int, Span, str]] = []
        for subject in sorted({f.subject for f in self.report.facts if not f.scope and f.measure == "决算数"}):
            fact = self.kit.value_fact(subject, q.with_(measure=""))
            if fact is not None and "元" in fact.unit:
                described.extend((fact, rank, span, said) for rank, span, said in self._usage_sentences(subject))
        # A word said of many subjects ("职工", "单位") tells none apart: only distinctive words count.
        spread = {t: len({d[0].value for d in described if said_in(t, d[3])}) for t in terms}
        terms = [t for t in terms if 0 < spread[t] <= USAGE_SPREAD]
        scored: list[tuple[int, int, Fact, Span]] = []
        for fact, rank, span, said in described:
            # a breakdown with its own figures ("主要用于以下方面：…19644.36 万元") is not a usage
            if re.search(r"\d", said):
                continue
            hits = sum(1 for t in terms if said_in(t, said))
            if hits and fact.subject in q.subjects:
                hits += 1  # the question names it too ("加油" is an alias of a subject)
            if hits:
                scored.append((hits, rank, fact, span))
        if not scored:
            return None
        top = max(s[0] for s in scored)
        winners = [s for s in scored if s[0] == top]
        if len({w[2].value for w in winners}) != 1:
            # "单位正常运行那块": 正常 is said of 基本支出 and 事业运行 alike; 运行, a word of the question too
            # common to tell usages apart, is a word of one subject's own name.
            asked = [t for t in self.sentences.terms(q.text) if len(t) >= 2 and not any(t in n for n in named)]
            named_by = [w for w in winners if any(t in fold(self.kit.name(w[2].subject)) for t in asked)]
            if named_by and len({w[2].value for w in named_by}) == 1:
                winners = named_by
        if len({w[2].value for w in winners}) != 1:
            log.info("usage words %s fit several subjects: %s", terms, sorted({w[2].subject for w in winners}))
            return None
        hits, _, fact, span = min(winners, key=lambda w: (w[1], w[2].start))
        said = next(d[3] for d in described if d[0] is fact and d[2] == span)
        quoted = re.sub(r"\s", "", self.report.clean_text[span.start : span.end])
        sentence = fold(quoted) + fold(self.kit.name(fact.subject))
        # the names the question matched for this subject or the item that holds it ("车子" of 公务用车购置及运行维护费)
        holders = {fact.subject, fact.parent}
        own = [m.alias for m in q.matches if holders & set(m.targets) or fold(m.alias) in sentence]
        # "油费、保险、过路过桥这些": several items of the list the question's own subject covers, asked together
        together = fact.subject in q.subjects and bool(LISTED.search(q.text)) and hits >= 2
        if not together and not covers_question(q.text, content, sentence, own):
            # "平台扩容新增安排了多少": one shared word (安排) with 三公经费's definition; the rest is said elsewhere
            log.info("usage words %s cover too little of %s for %s", terms, content, fact.subject)
            return None
        if said.count("、") >= LONG_LIST and list_item_only(self.kit, q, [span]) is not None:
            return None  # the question names one whole item of the list ("物业管理费"): refused by the passages
        if hits < 2 and said.count("、") >= LONG_LIST:
            # "差旅费是多少": one item of a long 主要包括 list is not given on its own; the list's total is no answer
            log.info("usage word %s is one item of %s's long list; not answered with its total", terms, fact.subject)
            return None
        log.info("usage words %s describe %s", terms, fact.subject)
        return fact, span

    def by_usage(self, q: Plan) -> Evidence | None:
        """ "公车加油、修车、过路费这些花了多少": the words are not a subject's name but occur in the sentence that
        says what one subject is used for or made of (主要用于…燃料费、维修费、过路过桥费). Exactly one subject
        (or several with the same figure) must hold the best match; its figure is answered with that sentence."""
        found = self.usage_subject(q)
        if found is None:
            return None
        return self._usage_evidence(q, *found)

    def spent_on(self, q: Plan, subject: str) -> Evidence | None:
        """ "X的钱都用在哪里了": the sentence saying what X is used for (主要用于/用于, no figures of parts), with X's
        figure; None when the report says no such thing of X."""
        used = [
            (rank, span)
            for rank, span, said in self._usage_sentences(subject)
            if USAGE_RANK[rank] in ("主要用于", "用于") and not re.search(r"\d", said)
        ]
        fact = self.kit.value_fact(subject, q.with_(measure="")) if used else None
        if fact is None or "元" not in fact.unit:
            return None
        return self._usage_evidence(q, fact, min(used, key=lambda u: (u[0], u[1].start))[1])

    def _usage_evidence(self, q: Plan, fact: Fact, span: Span) -> Evidence:
        """A subject's figure with the sentence saying what it covers (one piece when that sentence states both)."""
        ev = Evidence("answered", "figure", q.text)
        quoted = _one_line(self.report.clean_text[span.start : span.end])
        stated = self.kit.span(fact)
        if stated is not None and stated.start < span.end and span.start < stated.end:
            ev.add(quoted, span)  # one sentence states the figure and what it covers
            ev.facts.append(fact)
            return ev
        self.kit.group_text([fact], ev)
        ev.add(f"报告对这一项的说明：{quoted}", span)
        return ev

    def usage_texts(self, subject: str) -> list[str]:
        """What the report says a subject is used for or made of (its definition, its 主要用于 sentence), folded."""
        return [said for _, _, said in self._usage_sentences(subject)]

    def _usage_sentences(self, subject: str) -> list[tuple[int, Span, str]]:
        """The sentences that say what a subject is used for or made of: its name, then 主要用于/包括/是指/反映…
        within a clause; the text after the cue is what the subject covers."""
        names = sorted({fold(display(subject)), fold(self.kit.name(subject))}, key=len, reverse=True)
        names = [n for n in names if len(n) >= 3]
        out: list[tuple[int, Span, str]] = []
        for sentence in self.sentences.sentences:
            for name in names:
                at = sentence.folded.find(name)
                if at == -1:
                    continue
                cue = USAGE_CUE.search(sentence.folded, at + len(name), at + len(name) + COMPOSED_WINDOW)
                following = self._next_sentence(sentence) if cue is None else None
                between = sentence.folded[at : cue.start()] if cue is not None else ""
                # Within the clause, or opening the very next one ("…14.44万元。主要用于…").
                if cue is not None and ("。" not in between or between.index("。") == len(between) - 1):
                    out.append((USAGE_RANK.index(cue.group(1)), sentence.span, sentence.folded[cue.end() :]))
                elif following is not None and USAGE_CUE.match(following.folded):
                    lead = USAGE_CUE.match(following.folded)
                    assert lead is not None
                    out.append((USAGE_RANK.index(lead.group(1)), following.span, following.folded[lead.end() :]))
                break
        return out

    def _next_sentence(self, sentence: Sentence) -> Sentence | None:
        """The sentence right after one, in the same section ("…支出14.44万元。主要用于…")."""
        at = self.kit.sentence_at.get(sentence.span.start)
        if at is None or at + 1 >= len(self.sentences.sentences):
            return None
        following = self.sentences.sentences[at + 1]
        return following if following.section_id == sentence.section_id else None

    def definitions(self, q: Plan, subjects: Sequence[str]) -> Evidence | None:
        """ "基本支出跟项目支出啥区别": each subject's own definition sentence (…：指…), no amounts."""
        found: list[Span] = []
        for subject in subjects:
            defined = [span for rank, span, _ in self._usage_sentences(subject) if USAGE_RANK[rank] in ("是指", "指")]
            if not defined:
                return None
            found.append(defined[0])
        ev = Evidence("answered", "passages", q.text)
        ev.add("报告“名词解释”部分的说明：")
        for span in dict.fromkeys(found):
            ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
        return ev


