"""What a total holds besides a part the question sets aside ("财政拨款以外还有哪些收入"): the part's siblings in
its total's breakdown, each with its figures and, when asked what they are, the report's own definition."""

from __future__ import annotations

import re

from assistant.answer.toolkit import Answerer
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Fact

BESIDES = CUES.cue("besides")
BESIDES_ASK = re.compile("|".join(re.escape(w) for w in CUES.words("besides_ask")))
DEFINITION = CUES.cue("definition")
SUM_WORD = CUES.cue("sum_word")


class Besides(Answerer):
    """The rest of a breakdown once one part is set aside."""

    def asks(self, q: Plan) -> bool:
        """ "除了X，还有…": a part set aside and the rest asked; "除了X，其余加起来" is a sum (the complement)."""
        found = BESIDES.search(q.text)
        if found is None or SUM_WORD.search(q.text):
            return False
        # "其他用车" is a name the report uses, not an ask
        named = {i for m in q.matches for i in range(m.start, m.end)}
        asks = [m for m in BESIDES_ASK.finditer(q.text, found.start()) if m.start() not in named]
        return any(q.text[m.start() : m.end() + 2] not in self.kit.folded_text for m in asks)

    def besides(self, q: Plan) -> Evidence | None:
        found = BESIDES.search(q.text)
        if found is None:
            return None
        part = self._part(q, found.group("excluded"), found.start(), found.end())
        if part is None or not part.parent:
            return None
        total = self.kit.value_fact(part.parent, q.with_(measure=""))
        # The parts stated with it: a total may be broken down twice (基本/项目支出, and by source of funds).
        others = [f for f in self.table.children(part.parent) if f.subject != part.subject and f.unit == part.unit]
        siblings = [f for f in others if f.quote == part.quote]
        siblings = siblings or [f for f in others if f.section_id == part.section_id] or others
        ev = Evidence("answered", "besides", q.text)
        if not siblings:
            # The report lists no other part: the part is the whole total ("财政拨款收入占 100%").
            whole = [f for f in self.table.group(part) if f.measure == "占比" and f.value == 100]
            if total is None or not whole:
                return None
            ev.add(f"报告列出的{self.kit.name(total.subject)}中，除{self.kit.name(part.subject)}外没有其他来源：")
            self.kit.group_text(self.table.group(part), ev)
            return ev
        names = "、".join(self.kit.name(f.subject) for f in siblings)
        ev.add(f"除{self.kit.name(part.subject)}外，{self.kit.name(part.parent)}中还有{names}：")
        for fact in siblings:
            self.kit.group_text(self.table.group(fact), ev)
            self._definition(fact, ev)
        return ev

    def _part(self, q: Plan, phrase: str, start: int, end: int) -> Fact | None:
        """The part set aside: a name the question's phrase matched, else the one part whose name ends with it."""
        named = [t for m in q.matches if start <= m.start < end for t in m.targets]
        phrase = fold(phrase)
        candidates = named or [s for s in self.table.by_subject if fold(s).endswith(phrase)]
        candidates = candidates or [s for s in self.table.by_subject if phrase in fold(s)]
        facts = [f for s in candidates if (f := self.kit.value_fact(s, q.with_(measure=""))) is not None]
        with_parent = [f for f in facts if f.parent]
        if len(with_parent) > 1:  # "财政拨款以外还有哪些收入": the kind asked after it (收入) decides
            with_parent = [f for f in with_parent if fold(f.subject)[-2:] in q.text[end:]]
        return with_parent[0] if len(with_parent) == 1 else None

    def _definition(self, fact: Fact, ev: Evidence) -> None:
        """The report's own "X：指…" sentence for a part, when it has one."""
        name = self.kit.name(fact.subject)
        found = self.sentences.best(f"{name}是什么", prefer=DEFINITION, defines=(name,), limit=1)
        if found and re.search(rf"{re.escape(fold(name))}[：:]\s*(是指|指)", found[0].sentence.folded):
            span = found[0].sentence.span
            ev.add(self.report.clean_text[span.start : span.end].replace("\n", "").strip(), span)
