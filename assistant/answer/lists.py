"""Lists the report numbers or names: a numbered list counted or read at one position (第二项职责), the
internal unit whose name carries a word of the question, the stated parts of a total, and the one or two
sentences that use a rare word of the question."""

from __future__ import annotations

import logging
import re

from assistant.answer.toolkit import Answerer
from assistant.calculator import count
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import (
    HEADING_NUMBER,
    HEADING_TAIL,
    enumerated_items,
    longest_common,
)
from assistant.evidence.spans import Span
from assistant.evidence.spans import one_line as _one_line
from assistant.understand.cues import CUES
from assistant.understand.lexicon import part_aliases
from assistant.understand.normalize import cn_numeral, fold
from assistant.understand.plan import Plan
from assistant.understand.words import STOPWORDS, informative

log = logging.getLogger(__name__)


ORDINAL = CUES.cue("ordinal")


ENUM_COUNT = CUES.cue("enum_count")


# An internal unit's name in the report's list (网站处, 数据资源部) and the bare unit words of a question.
UNIT_NAME = f"(?:{CUES.source('unit_name')})"


LISTED_UNIT = re.compile(rf"(?<=[、：:，,为和])([\u4e00-\u9fff]{{1,8}}?{UNIT_NAME})(?=[、，,。；;和及])")


UNIT_WORD = CUES.cue("unit_word")


RARE_LEN = 3  # a question word this long, used by very few sentences, points at them


RARE_SENTENCES = 2


class Lists(Answerer):
    """Numbered lists, internal units, parts of a total, rare words."""

    # ------------------------------------------------------------------ enumerated lists
    def enumerated(self, q: Plan) -> Evidence | None:
        """ "主要职责一共有几项", "第二项职责是什么": the numbered list (一是…, （一）…, 1. …) of the section
        the question names, counted (with the count shown as a check) or read at one position."""
        if not q.ordinal_word and not q.count_word:
            return None
        best: tuple[tuple[int, float], str, list[Span]] | None = None
        for section in self.report.sections:
            if section.kind == "project_table":
                continue
            topic = fold(HEADING_NUMBER.sub("", section.title))
            topic = HEADING_TAIL.sub("", topic) or topic
            common = longest_common(topic, q.text)
            if len(common) < 2 or len(common) < len(topic) / 2 or common in STOPWORDS:
                continue
            items = enumerated_items(self.report, section.start, section.end)
            score = (len(common), len(common) / len(topic))
            if len(items) >= 2 and (best is None or score > best[0]):
                best = (score, HEADING_NUMBER.sub("", section.title).strip(), items)
        if best is None:
            return None
        _, title, items = best
        ev = Evidence("answered", "passages", q.text)
        if q.ordinal_word:
            n = q.ordinal
            if not 1 <= n <= len(items):
                return self.kit.not_found(q, f"《{title}》中所问的那一{q.ordinal_word}（这一节列出的条目没有这么多）")
            item = items[n - 1]
            ev.add(f"《{title}》列出的第{cn_numeral(n)}{q.ordinal_word}是：")
            ev.add(_one_line(self.report.clean_text[item.start : item.end]), item)
            return ev
        heads = [_one_line(self.report.clean_text[s.start : s.end])[:2] for s in items]
        ev.add(f"《{title}》逐条列出，共 {len(items)} {q.count_word or '项'}：")
        for item in items:
            ev.add(_one_line(self.report.clean_text[item.start : item.end]), item)
        ev.checks.append(count(heads).check)
        return ev

    # ------------------------------------------------------------------ internal units
    def unit_by_word(self, q: Plan) -> Evidence | None:
        """ "管政府网站的是哪个处": the report's list of internal units holds one whose name carries a word of the
        question (网站处, 数据资源部), or whose two-character abbreviated name is read from the question's words
        (政研处 ← 政策研究, 云管处 ← 管政务云). Several units may be asked at once; only names are listed, so the
        answer says each is matched by name."""
        listed: dict[str, Span] = {}
        prose = {s.id for s in self.report.sections if s.kind != "project_table"}
        for sentence in self.sentences.sentences:
            if sentence.section_id in prose:
                for match in LISTED_UNIT.finditer(sentence.folded):
                    listed.setdefault(match.group(1), sentence.span)
        text = UNIT_WORD.sub(lambda m: "□" * len(m.group(0)), fold(q.text))
        candidates = [c for unit in listed for c in _unit_matches(unit, text)]
        chosen: list[tuple[int, str, str]] = []
        used: set[int] = set()
        for score in sorted({c[0] for c in candidates}, reverse=True):
            level = [c for c in candidates if c[0] == score and not (c[3] & used)]
            for cand in level:
                rivals = [o for o in level if o[1] != cand[1] and o[3] & cand[3]]
                if not rivals and cand[1] not in [c[1] for c in chosen]:
                    chosen.append((min(cand[3]), cand[1], self._whole_words(fold(q.text), cand)))
            used |= {i for c in level for i in c[3]}
        if not chosen:
            return None
        chosen.sort()
        ev = Evidence("answered", "passages", q.text)
        if len(chosen) == 1 and chosen[0][2] in chosen[0][1]:  # a word of the name itself
            _, unit, word = chosen[0]
            ev.add(f"报告只列出了内设机构的名称，没有写各处室的具体分工；名称中带“{word}”的是{unit}：")
        else:
            pairs = "，".join(f"与“{word}”对应的是{unit}" for _, unit, word in chosen)
            ev.add(f"报告只列出了内设机构的名称，没有写各处室的具体分工；按名称对应，{pairs}：")
        for span in dict.fromkeys(listed[unit] for _, unit, _ in chosen):
            ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
        return ev

    def _whole_words(self, text: str, cand: tuple[int, str, str, frozenset[int]]) -> str:
        """The question's words around an abbreviated match, whole (政策研究, not 政策研)."""
        if cand[0] == 3:
            return cand[2]
        lo, hi = min(cand[3]), max(cand[3]) + 1
        for term in self.sentences.terms(text):
            at = text.find(term)
            if len(term) >= 2 and at != -1 and at < hi and at + len(term) > lo:
                lo, hi = min(lo, at), max(hi, at + len(term))
        return text[lo:hi]

    def rare_word(self, q: Plan) -> list[Span]:
        """ "跟哪家电视台一起搞的": a distinctive word of the question (three characters or more) that only one or two
        sentences of the whole report use, tables included; those sentences, before any refusal."""
        best: tuple[int, int, list[Span]] | None = None
        for term in self.sentences.terms(q.text):
            if len(term) < RARE_LEN or term.isdigit() or not informative(term):
                continue
            spans = [s.span for s in self.sentences.sentences if term in s.folded]
            if 0 < len(spans) <= RARE_SENTENCES and (best is None or (len(spans), -len(term)) < best[:2]):
                best = (len(spans), -len(term), spans)
        if best is not None:
            log.info("rare question word found in %d sentence(s)", best[0])
        return best[2] if best else []

    def children(self, q: Plan, subjects: tuple[str, ...]) -> Evidence | None:
        ev = Evidence("answered", "list", q.text)
        for subject in subjects:
            parts = self.table.children(subject)
            named = [
                f for f in parts if any(a.removesuffix("支出") in q.text for a in part_aliases(f.subject, subject))
            ]
            parts = named or parts
            if not parts:
                continue
            ev.add(f"{subject}中：" if named else f"{subject}包括：")
            for i, fact in enumerate(parts):
                sep = "；" if i < len(parts) - 1 else "。"
                ev.add(f"{self.kit.phrase(fact, with_subject=True)}{sep}", self.kit.span(fact))
                ev.facts.append(fact)
        return ev if ev.pieces else None


UNIT_GAP = 3  # characters at most between the two characters of an abbreviated unit name read from a question


def _unit_matches(unit: str, text: str) -> list[tuple[int, str, str, frozenset[int]]]:
    """How a question names a listed unit: (score, unit, the question's word, its character positions).

    3: a shared word of two or more characters (网站 of 网站处); 2: a two-character stem's characters in order
    within a few characters (政研 in 政策研究); 1: the same in reverse order (云管 in 管政务云)."""
    stem = re.sub(rf"{UNIT_NAME}$", "", unit)
    common = longest_common(stem, text)
    if len(common) >= 2 and informative(common) and not UNIT_WORD.fullmatch(common):
        at = text.find(common)
        return [(3, unit, common, frozenset(range(at, at + len(common))))]
    if len(stem) != 2:
        return []
    out: list[tuple[int, str, str, frozenset[int]]] = []
    for i, ch in enumerate(text):
        if ch != stem[0]:
            continue
        for j in range(max(0, i - UNIT_GAP - 1), min(len(text), i + UNIT_GAP + 2)):
            between = text[min(i, j) : max(i, j) + 1]
            if text[j] != stem[1] or j == i or not re.fullmatch(r"[\u4e00-\u9fff]+", between):
                continue
            out.append((2 if j > i else 1, unit, between, frozenset({i, j})))
    return out
