"""Pick the report sentences that answer a question best: for "other" questions and inside project tables.

Sentences are scored by how much of the question's content (its words minus question words) they contain.
Candidates are every sentence of the report, with a bonus for sentences of retrieved chunks; in the baseline
pipeline only retrieved chunks count. Hand-written scoring: over a few hundred sentences a term-coverage
score is exact, explainable and takes well under a millisecond.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import jieba

from assistant.evidence.spans import Span, sentences
from assistant.understand.cues import CUES
from assistant.understand.normalize import cn_numeral, fold
from assistant.understand.words import STOPWORDS
from corpus import Report

NUMBER_CUE = CUES.cue("number_cue")
PLACE_BODY = CUES.cue("place_body")
DIGIT = re.compile(r"\d")
CAPTION = re.compile(r"^图\s*\d+\s*[:：]")
MIN_COVERAGE = 0.65
MIN_FIGURE_COVERAGE = 0.75  # a question asking for a number needs a sentence that is clearly about it
# Words that say what kind of answer is wanted (a definition, a list), not what it is about.
ANSWER_KIND = CUES.words("answer_kind")
NEAR = 18  # characters between a question word and a figure for the figure to answer it
PHRASE_BONUS = 0.15
USAGE = CUES.cue("usage")
MAX_PHRASE_SENTENCES = 3  # a compound in more sentences than this is a common term, not a pointer
COUNTED = CUES.cue("counted")
CHANGE_WORD = CUES.cue("change_word")
CHANGE_REACH = 4  # characters before a count where a change word makes it a change
CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
STOP_CHARS = frozenset("".join(CUES.words("pair_stop_chars")))
HEADING_TAIL = CUES.cue("heading_tail")
MIN_TOPIC = 4
HEADING_NUMBER = re.compile(r"^[\s\d一二三四五六七八九十（）().、第部分章节]+")


@dataclass(frozen=True)
class Sentence:
    span: Span
    folded: str
    section_id: str
    context: str = ""


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    score: float
    coverage: float = 0.0  # the share of the question's words it holds, before any bonus


class SentenceIndex:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.sentences: list[Sentence] = []
        self.body_forms = body_forms(report.body)
        self._text = fold(report.clean_text)
        for section in report.sections:
            # The heading path is context: "指用于…延续性项目" is about the item its heading names.
            context = fold(" ".join(section.heading_path))
            for span in sentences(report, section.start, section.end, table=section.kind == "project_table"):
                line = report.clean_text[span.start : span.end]
                heading = (
                    span.start == section.start and len(fold(line)) <= len(fold(section.number + section.title)) + 2
                )
                if heading or CAPTION.match(line):
                    continue  # a heading or a figure caption says nothing by itself
                folded = fold(line)
                self.sentences.append(Sentence(span, folded, section.id, context))

    def terms(self, question: str) -> list[str]:
        """The question's content words (folded), longest first, without question words or the body's name."""
        for form in self.body_forms:
            question = question.replace(form, " ")
        for word in ANSWER_KIND:
            question = question.replace(word, " ")
        # In question order, then longest first: equally long words keep their order (never a set's).
        words = dict.fromkeys(w for w in self._words(question) if w.strip() and w not in STOPWORDS)
        words = [w for w in words if not re.fullmatch(r"[\W_□]+", w)]
        words = [w for w in words if len(w) >= 2 or w.isdigit() or _is_cjk_content(w)]
        return sorted(words, key=len, reverse=True)

    def _words(self, question: str) -> list[str]:
        """jieba's precise words; a long word the report never uses falls back to its parts (内设机构 → 机构).

        Search-mode fragments for every word would count one word several times (供应/应商/供应商)."""
        out: list[str] = []
        for word in jieba.lcut(question):
            if len(word) <= 2 or word in self._text:
                out.append(word)
                continue
            parts = [p for p in jieba.lcut_for_search(word) if p != word and len(p) >= 2]
            out.extend(parts or [word])
        return out

    def best(
        self,
        question: str,
        section_ids: set[str] | None = None,
        boosted: set[tuple[int, int]] | None = None,
        only_boosted: bool = False,
        limit: int = 3,
        drop: tuple[str, ...] = (),
        prefer: re.Pattern[str] | None = None,
        defines: tuple[str, ...] | None = None,
    ) -> list[Scored]:
        """The sentences that cover the question best, in report order; [] when none covers enough."""
        terms = [t for t in self.terms(question) if t not in drop and not any(t in d for d in drop)]
        if not terms:
            return []
        total = sum(_weight(t) for t in terms)
        wants_figure = bool(NUMBER_CUE.search(question))
        counted = COUNTED.search(question)  # "几辆", "多少人": only a sentence that counts in that unit answers
        if counted:  # the unit is what is counted in, not what is asked about ("一共有多少人" names nothing)
            terms = [t for t in terms if t != counted.group(2)]
            if not terms:
                return []
            total = sum(_weight(t) for t in terms)
        # "其他用车是做什么的": the question's own compound names the sentence it wants, above generic ones.
        phrases = self.phrases(question) if prefer is not None and USAGE.search(question) else []
        scored: list[Scored] = []
        for sentence in self.sentences:
            if section_ids is not None and sentence.section_id not in section_ids:
                continue
            in_hits = boosted is not None and _overlaps(sentence.span, boosted)
            if only_boosted and not in_hits:
                continue
            hit = [t for t in terms if t in sentence.folded or t in sentence.context]
            only_heading = all(t in sentence.context and t not in sentence.folded for t in hit)
            # A heading alone backs a sentence only when it covers the whole question ("主要职责是什么").
            if not hit or (only_heading and len(hit) < len(terms)):
                continue
            if counted and not states_count(self._digits_as_written(sentence), counted.group(2)):
                continue
            score = coverage = sum(_weight(t) for t in hit) / total
            if only_heading:
                score *= 0.9  # a sentence that says it outranks one whose heading says it
            if wants_figure and (score < MIN_FIGURE_COVERAGE or not _figure_near(sentence.folded, hit)):
                score *= 0.5
            if in_hits:
                score += 0.05
            if prefer is not None and prefer.search(sentence.folded):
                score += 0.1
            if any(p in sentence.folded for p in phrases):
                score += PHRASE_BONUS
            scored.append(Scored(sentence, score, coverage))
        if not scored:
            return []
        top = max(s.score for s in scored)
        if top < MIN_COVERAGE:
            return []
        if defines is not None and not phrases:  # "X是什么意思": the report's own "X：指…" is the answer, alone
            # The longest name defined anywhere is the subject: "项目支出：指…", not every "…支出（项）：指…".
            names = [fold(n) for n in defines] + [_named(question)] + [t for t in terms if len(t) >= 3]
            defined = [t for t in names if any(_defines(s.sentence.folded, t) for s in scored)]
            longest = max(defined, key=len, default="")
            defining = [s for s in scored if longest and _defines(s.sentence.folded, longest)]
            # ... when the question asks nothing beyond the name ("租车算不算进三公经费" asks more).
            if defining and all(t in longest for t in terms):
                scored = defining
                top = max(s.score for s in scored)
        # Equal scores (within float noise) keep report order, so no tie is decided by chance.
        ranked = sorted(scored, key=lambda s: (-round(s.score, 6), s.sentence.span.start))
        keep = [s for s in ranked if s.score >= max(MIN_COVERAGE, top * 0.85)][:limit]
        return sorted(keep, key=lambda s: s.sentence.span.start)

    def _digits_as_written(self, sentence: Sentence) -> str:
        """The sentence without spaces but with its figures as printed: folding reads 零人工 as 0人工."""
        return re.sub(r"\s", "", self.report.clean_text[sentence.span.start : sentence.span.end])

    def phrases(self, question: str) -> list[str]:
        """Distinctive compounds of the question: two adjacent content words that the report writes together
        in only a few sentences ("其他"+"用车"), so a sentence holding the compound is about exactly that."""
        for form in self.body_forms:
            question = question.replace(form, " ")
        words = jieba.lcut(question)
        out: list[str] = []
        for a, b in itertools.pairwise(words):
            joined = a + b
            if a in STOPWORDS or b in STOPWORDS or len(joined) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", joined):
                continue
            holders = sum(1 for s in self.sentences if joined in s.folded)
            if 0 < holders <= MAX_PHRASE_SENTENCES and joined not in out:
                out.append(joined)
        return out

    def near_sections(self, question: str, limit: int = 3) -> list[str]:
        """Sections whose sentences share the most words with the question (for "see also" in not_found)."""
        terms = self.terms(question)
        totals: dict[str, float] = {}
        for sentence in self.sentences:
            score = sum(_weight(t) for t in terms if t in sentence.folded)
            if score:
                totals[sentence.section_id] = max(totals.get(sentence.section_id, 0.0), score)
        if not totals:  # no whole word shared: the sections sharing most two-character pieces, then the first ones
            pairs = {question[i : i + 2] for i in range(len(question) - 1)}
            pairs = {p for p in pairs if CJK_PAIR.fullmatch(p) and not any(c in STOP_CHARS for c in p)}
            for sentence in self.sentences:
                score = sum(1.0 for p in pairs if p in sentence.folded or p in sentence.context)
                if score:
                    totals[sentence.section_id] = max(totals.get(sentence.section_id, 0.0), score)
        ranked = [s for s, _ in sorted(totals.items(), key=lambda kv: -kv[1])]
        if len(ranked) < limit:
            ranked += [s.section_id for s in self.sentences if s.section_id not in ranked]
        return list(dict.fromkeys(ranked))[:limit]

    def section_named(self, question: str, limit: int = 4) -> list[Span]:
        """The sentences of the section whose heading the question names ("国有资产有多少" → 国有资产占有使用
        情况): at least half of the heading's topic, four characters or more, said in the question."""
        for form in self.body_forms:
            question = question.replace(form, " ")
        best: tuple[float, str] | None = None
        for section in self.report.sections:
            if section.kind == "project_table":
                continue  # a project is named through the lexicon, with its own planners
            topic = HEADING_TAIL.sub("", fold(HEADING_NUMBER.sub("", section.title)))
            common = longest_common(topic, question)
            if len(common) < MIN_TOPIC or len(common) < len(topic) / 2 or common in STOPWORDS:
                continue
            score = len(common) + len(common) / len(topic)
            if best is None or score > best[0]:
                best = (score, section.id)
        if best is None:
            return []
        chosen = [s for s in self.sentences if s.section_id == best[1]]
        counted = COUNTED.search(question)
        if counted and not any(states_count(self._digits_as_written(s), counted.group(2)) for s in chosen):
            return []  # "主要职责有几项": a section that counts nothing in that unit does not answer it
        return [s.span for s in chosen][:limit]


def states_count(folded: str, unit: str) -> bool:
    """A figure counted in `unit` that is not a change ("共有车辆4辆" yes; "新增6人、退休10人" no: they say
    how a number changed, not what it is; "114人次" counts visits, not people)."""
    after = "" if unit.endswith("次") else "(?!次)"
    for match in re.finditer(rf"\d+(?:\.\d+)?[万亿]?{re.escape(unit)}{after}", folded):
        before = folded[max(0, match.start() - CHANGE_REACH) : match.start()]
        if not CHANGE_WORD.search(before):
            return True
    return False


def longest_common(a: str, b: str) -> str:
    """The longest run of characters shared by two short strings (a heading and a question)."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def body_forms(body: str) -> list[str]:
    """The reporting body's name and its short forms (四川省大数据中心 → 省大数据中心, 大数据中心)."""
    name = fold(body)
    forms = {name}
    match = PLACE_BODY.match(name)
    if match and len(match.group(2)) >= 2:
        forms.update({match.group(2), match.group(1) + match.group(2)})
    return sorted(forms, key=len, reverse=True)


def _weight(term: str) -> float:
    return float(len(term)) if not term.isdigit() else 2.0


def _is_cjk_content(word: str) -> bool:
    """A single content character (编 in 在编职工) still counts, so a question is not judged by half its words."""
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in STOPWORDS


def _named(question: str) -> str:
    """What a bare definition question names: the question without its answer-kind words ("X是什么意思" → X)."""
    for word in ANSWER_KIND:
        question = question.replace(word, " ")
    words = [w for w in jieba.lcut(fold(question)) if w.strip() and w not in STOPWORDS]
    return re.sub(r"[\W_]+", "", "".join(words))


def _defines(folded: str, term: str) -> bool:
    """The sentence is the template's definition of the term ("12.项目支出：指…", "X是指…")."""
    at = folded.find(term)
    while at >= 0:
        rest = folded[at + len(term) :]
        if re.match(r"([（(][^）)]{0,12}[）)])?\s*[：:]\s*(是)?指|是指", rest):
            return True
        at = folded.find(term, at + 1)
    return False


def _overlaps(span: Span, spans: set[tuple[int, int]]) -> bool:
    return any(s < span.end and span.start < e for s, e in spans)


def _figure_near(folded: str, hit: list[str]) -> bool:
    """A figure within a few characters of a question word: the sentence states a number about it."""
    for term in hit:
        if term.isdigit():
            continue
        for match in re.finditer(re.escape(term), folded):
            window = folded[max(0, match.start() - NEAR) : match.end() + NEAR]
            if DIGIT.search(window):
                return True
    return False


# ---------------------------------------------------------------- enumerated lists (一是…二是, （一）（二）, 1. 2.)
MAX_ITEMS = 30


# How a list item opens: "一是", "（一）", "1." / "1、" at a line or sentence start.
ITEM_MARKERS = (
    lambda n: re.compile(rf"(?<![一二三四五六七八九十第]){cn_numeral(n)}是(?!否)"),
    lambda n: re.compile(rf"[（(]{cn_numeral(n)}[）)]"),
    lambda n: re.compile(rf"(?:^|(?<=[\n。；;：:]))\s*{n}[.、．](?!\d)"),
)


def numbered_lists(report: Report) -> dict[str, list[str]]:
    """The numbered lists of the report's prose (主要职责 …), by section title, each item as printed on one line."""
    out: dict[str, list[str]] = {}
    for section in report.sections:
        if section.kind == "project_table":
            continue
        items = enumerated_items(report, section.start, section.end)
        if len(items) >= 2:
            out[section.title.strip()] = [re.sub(r"\s*\n\s*", "", report.clean_text[i.start : i.end]) for i in items]
    return out


def enumerated_items(report: Report, start: int, end: int) -> list[Span]:
    """The items of the longest numbered list in report[start:end], each from its marker to the next one (the
    last to its sentence end). Why: "主要职责有几项", "第二项是什么" are answered by the report's own numbering."""
    text = report.clean_text
    best: list[Span] = []
    for marker in ITEM_MARKERS:
        first = marker(1).search(text, start, end)
        while first is not None:
            starts = [first.start()]
            pos = first.end()
            while len(starts) < MAX_ITEMS:
                found = marker(len(starts) + 1).search(text, pos, end)
                if found is None:
                    break
                starts.append(found.start())
                pos = found.end()
            if len(starts) >= 2 and len(starts) > len(best):
                stop = text.find("。", starts[-1], end)
                last_end = stop + 1 if stop != -1 else end
                bounds = [*starts, last_end]
                best = [Span(*_trimmed(text, bounds[i], bounds[i + 1])) for i in range(len(starts))]
            first = marker(1).search(text, first.end(), end)
    return best


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
