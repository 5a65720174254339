"""Residual terms: the words of a question that the chosen evidence does not speak to.

The fact router answers the figure of the subject it recognised; a question that asks about something else
on the way ("职工平均工资", "一等奖奖金", "全省…收入") must not get that figure. A question's informative
words are its jieba tokens minus stop words, cue words (what kind of answer is wanted) and the recognised
subject/project names; any that the evidence text does not contain are residual. Hand-written: the cue tables
are the intent parser's own, so this stays in step with what the parser understands.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import jieba

from assistant.evidence.sentences import SentenceIndex, body_forms
from assistant.evidence.spans import Span
from assistant.understand.cues import CUES
from assistant.understand.lexicon import PLACE
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import GENERIC, STOPWORDS, informative, is_cue

ASKED = CUES.cue("asked")
FIGURE_ASKED = CUES.cue("figure_asked")
BENEFICIARY = CUES.cue("beneficiary")
GAP_WORDS = CUES.cue("gap_word")
CLAIM_GAP = CUES.cue("claim_gap")
CLASSIFICATION = CUES.cue("classification_said")
ACTIVITIES = CUES.table("item_activities")  # "因公出国" → 考察, 访问 …: what is done with a recognised item
HOLDER = re.compile("|".join(re.escape(w) for w in sorted(CUES.words("holder"), key=len, reverse=True)))
ONE_MONEY = CUES.table("one_money_names")  # one money under the overview's and the detail's names


PROSE_LINE = 15  # a table line this long is running text, not a cell label


MAX_QUOTE = 300


CLAUSES = re.compile(r"[？?；;。！!]+")


DIGIT = re.compile(r"\d")


DATE = re.compile(r"\d{4}年(度)?|\d{1,2}月|\d{1,2}日")


PART_BREAK = re.compile(r"[；;。：:！？!?]")


COMMA = re.compile(r"[，,]")


MISSING_MIN = 3  # a word this long that the report never uses is something the report does not cover


LOOSE_COVERAGE = 0.5  # a loosely matched text must hold more than this share of the question's content words


@dataclass(frozen=True)
class Residual:
    terms: tuple[str, ...]  # informative words the evidence does not contain (folded)
    missing: tuple[str, ...]  # of those, the long ones (or the "什么X" asked) the whole report never uses


def residual_terms(
    q: Plan, evidence_text: str, report_text: str, body: str, sentences: SentenceIndex | None = None
) -> Residual:
    """The question's informative words not covered by the evidence, the subject or the project names."""
    covered = [False] * len(q.text)
    for match in q.matches:
        for i in range(match.start, min(match.end, len(covered))):
            covered[i] = True
    text = q.text
    for form in body_forms(body) + _places(body):
        for found in re.finditer(re.escape(form), text):
            for i in range(found.start(), found.end()):
                covered[i] = True
    claimed = [re.escape(q.verdict.said), CLAIM_GAP.pattern] if q.verdict is not None else []
    for found in re.finditer("|".join(claimed), text) if claimed else ():  # "高于90%", "差几个百分点": a verdict's
        for i in range(found.start(), found.end()):
            covered[i] = True
    for found in GAP_WORDS.finditer(text):  # "还有多少没支付": how a remainder is asked, not a thing named
        for i in range(found.start(), found.end()):
            covered[i] = True
    for found in CLASSIFICATION.finditer(text):  # "按功能分类": how the figures are grouped, not a thing named
        for i in range(found.start(), found.end()):
            covered[i] = True
    for found in BENEFICIARY.finditer(text):  # "给员工交的公积金": whose money, not what is asked
        for i in range(found.start(), found.end()):
            covered[i] = True
    for found in HOLDER.finditer(text):  # "职工医保", "退休的老同志": whose item a named item is
        before, after = found.start(), found.end()
        clause = re.match(r"[^，,。？?；;、和及与跟]*", text[after:])
        named_after = any(covered[after : after + clause.end()])
        named_before = (before >= 1 and covered[before - 1]) or (
            before >= 2 and text[before - 1] == "的" and covered[before - 2]
        )
        if named_after or named_before:
            for i in range(before, after):
                covered[i] = True
    evidence = fold(re.sub(r"\s", "", evidence_text))
    # The full names of what was recognised: "进修" is part of 进修及培训（款）培训支出（项） even if unmatched.
    named = q.subjects + q.projects + tuple(s for g in q.ambiguous for s in g)
    names = fold("".join(named + tuple(o for s in named for o in ONE_MONEY.get(s, ()))))
    activities = activity_words(q.subjects + tuple(s for g in q.ambiguous for s in g))
    out: list[str] = []
    for word, start, end in jieba.tokenize(text):
        if all(covered[start:end]) or len(word) < 2 or not re.search(r"[\u4e00-\u9fff]", word):
            continue
        if any(covered[start:end]):  # a name plus a word ("服务项目"): only the uncovered part can be residual
            rest = "".join(c for c, cov in zip(word, covered[start:end], strict=True) if not cov)
            if len(rest) < 2 or rest in STOPWORDS or rest in GENERIC or is_cue(rest):
                continue
        if word in STOPWORDS or word in GENERIC or is_cue(word) or (q.projects and _generic_pieces(word)):
            continue
        if word in evidence or word in names or word in out or word in activities:
            continue
        out.append(word)
    terms: list[str] = []
    missing: list[str] = []
    # A short everyday word the report never uses says nothing ("拿到单子"), unless it is what is asked ("什么品牌").
    asked = set(q.asked_what)
    # A word the report uses only inside a longer word of its own ("公费" of 办公费) is not a word it uses.
    used = report_words(report_text)
    widened = {t: _as_said(t, text, covered, report_text) for t in out if t not in used and t in report_text}
    widened = {t: run for t, run in widened.items() if run and not (run in STOPWORDS or run in GENERIC or is_cue(run))}
    out = [widened.get(t, t) for t in out]
    out = [t for t in out if t in used or len(t) >= MISSING_MIN or any(t in a for a in asked)]
    for term in out:
        if any(term in a for a in asked) and term not in report_text:
            missing.append(term)
            continue
        if term in used or term in widened.values():
            terms.append(term)
            continue
        parts = [p for p in jieba.lcut_for_search(term) if p != term and len(p) >= 2 and p in report_text]
        if sentences is not None and parts and _said_together(parts, sentences):
            # the report says it in other words; the pieces the evidence holds are covered ("物业" of 物业管理费)
            terms.extend(p for p in parts if p not in terms and p not in evidence)
        elif len(term) >= MISSING_MIN:
            missing.append(term)
        else:
            terms.append(term)
    return Residual(tuple(terms), tuple(missing))


def _generic_pieces(word: str) -> bool:
    """The word is made wholly of words that name nothing in particular ("系统维护" = 系统 + 维护)."""
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in GENERIC for start in range(max(0, end - 6), end - 1)):
            ends.add(end)
    return len(word) in ends and len(word) >= 4


def activity_words(subjects: Sequence[str]) -> frozenset[str]:
    """The words that say what is done with the recognised items ("考察" of 因公出国（境）费, "上课" of 培训支出):
    they describe the item the answer states, so they are not left out by it."""
    folded = [fold(s) for s in subjects]
    return frozenset(w for key, words in ACTIVITIES.items() if any(fold(key) in s for s in folded) for w in words)


def _as_said(word: str, text: str, covered: list[bool], report_text: str) -> str:
    """A question word the report has only inside its words, widened over the question's uncovered characters to
    the run the report says as whole words or pieces: jieba cuts "过路过桥这些" as 过/路过/桥, and 路过 alone
    straddles the report's 过路 + 过桥费, but 过路过桥 is what both say. "" when no such run exists."""
    at = text.find(word)
    if at < 0:
        return ""
    lo, hi = at, at + len(word)
    while lo > 0 and not covered[lo - 1] and "\u4e00" <= text[lo - 1] <= "\u9fff":
        lo -= 1
    while hi < len(text) and not covered[hi] and "\u4e00" <= text[hi] <= "\u9fff":
        hi += 1
    spans = sorted(
        ((start, end) for start in range(lo, at + 1) for end in range(at + len(word), hi + 1)),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    for start, end in spans:
        run = text[start:end]
        if run != word and run in report_text and _said_as_words(run, report_text):
            return run
    return ""


def _said_as_words(run: str, report_text: str) -> bool:
    """Whether the report says the run from a word's (or a piece's) start to a word's (or a piece's) end somewhere:
    过路过桥 of 过路 + 过桥费 (过桥 | 费) is; 公费 of 办公费 (办公 | 费) is not."""
    bounds = report_bounds(report_text)
    at = report_text.find(run)
    while at >= 0:
        if at in bounds and at + len(run) in bounds:
            return True
        at = report_text.find(run, at + 1)
    return False


def report_bounds(report_text: str) -> frozenset[int]:
    """The offsets where a word of the folded report, or a piece of one, starts or ends."""
    return _report_cut(report_text)[1]


def report_words(report_text: str) -> frozenset[str]:
    """The words a folded report uses: jieba's precise words, and the pieces those words are made of (人事 of 人事处,
    公司 of 分公司), never a run across two pieces (公费 of 办公费, made of 办公 + 费). Built once per report (the
    toolkit warms it)."""
    return _report_cut(report_text)[0]


@functools.lru_cache(maxsize=16)
def _report_cut(report_text: str) -> tuple[frozenset[str], frozenset[int]]:
    """One jieba pass over the report: its words with their pieces, and where each word and piece starts or ends.
    The pieces are jieba's own cut of the word with the whole word left out; hand-written because jieba offers no
    such cut."""
    words: set[str] = set()
    bounds: set[int] = set()
    pieces: dict[str, list[str]] = {}
    for word, start, end in jieba.tokenize(report_text):
        bounds.update((start, end))
        if len(word) == 2:
            words.add(word)
        if len(word) < 3:
            continue
        if word not in pieces:
            pieces[word] = _pieces(word)
            words.add(word)
            words.update(p for p in pieces[word] if len(p) >= 2)
        for offset in itertools.accumulate(len(p) for p in pieces[word]):
            bounds.add(start + offset)
    return frozenset(words), frozenset(bounds)


def _pieces(word: str) -> list[str]:
    """jieba's most likely cut of a word into shorter dictionary words (its DAG and frequencies, the whole word
    itself excluded)."""
    jieba.dt.check_initialized()
    freq, total = jieba.dt.FREQ, math.log(jieba.dt.total or 1)
    size = len(word)
    route: list[tuple[float, int]] = [(0.0, 0)] * (size + 1)
    for i in range(size - 1, -1, -1):
        options = []
        for j in range(i + 1, size + 1):
            piece = word[i:j]
            if j - i == size or (j - i > 1 and not freq.get(piece)):
                continue
            options.append((math.log(freq.get(piece) or 1) - total + route[j][0], j))
        route[i] = max(options)
    out, i = [], 0
    while i < size:
        j = route[i][1]
        out.append(word[i:j])
        i = j
    return out


def said_in(term: str, text: str) -> bool:
    """The term, or a two-character piece of it that is itself informative (过路 of 过路费), is in the text."""
    if term in text:
        return True
    pieces = (term[i : i + 2] for i in range(len(term) - 1))
    return any(informative(p) and not p.endswith(("费", "险", "款")) and p in text for p in pieces)


def covers_question(question: str, terms: Sequence[str], text: str, named: Sequence[str] = ()) -> bool:
    """Whether a loosely matched text (a subject's usage sentence, a passage) speaks to the question: more than half
    of the question's content characters (those of its content words; the names the question matched for this text
    count as held) lie in words the text holds. Counted by character so that overlapping words ("过路" and "路费" of
    过路费) weigh once. One shared word ("安排") never makes an amount the report names only as the reason for
    another figure's change ("平台扩容新增安排") the answer."""
    content = [False] * len(question)
    held = [False] * len(question)
    for word, holds in [(t, said_in(t, text)) for t in terms] + [(n, True) for n in named]:
        for found in re.finditer(re.escape(word), question) if word else ():
            for i in range(found.start(), found.end()):
                content[i] = True
                held[i] = held[i] or holds
    total = sum(content)
    return total > 0 and sum(held) > LOOSE_COVERAGE * total


def _said_together(parts: list[str], sentences: SentenceIndex) -> bool:
    return any(all(p in s.folded for p in parts) for s in sentences.sentences)


def _places(body: str) -> list[str]:
    """The body's place name (四川省 → 四川省, 四川, 省): it names the body, not what is asked."""
    match = PLACE.match(fold(body))
    return [match.group(0), match.group(1)] if match else []


def supporting_spans(
    q: Plan, residual: Residual, sentences: SentenceIndex, report_text: str, section_ids: set[str] | None = None
) -> list[Span]:
    """Report sentences (table lines inside a project) that contain the residual words, clause by clause.

    Every residual word of a clause that the report uses must be in the sentence; a figure question needs a
    figure next to the word. Words the report never uses cannot be required of any sentence. Inside a table a
    sentence is cut into windows of lines, so two neighbouring windows also count as one candidate."""

    anchors = [t for t in sentences.terms(q.text) if len(t) >= 2]
    candidates = _candidates(sentences, section_ids)
    picked: list[Span] = []
    for clause, clause_figure in q.clauses:
        needed = [t for t in residual.terms if t in clause and t in report_text]
        if not needed:
            continue
        best: tuple[float, Span] | None = None
        for span, folded, context in candidates:
            if not all(t in folded for t in needed):
                continue
            if clause_figure and not figure_near(folded, needed):
                continue
            score = sum(len(t) for t in anchors if t in folded or t in context) - (span.end - span.start) / 10000
            if best is None or score > best[0]:
                best = (score, span)
        if best is not None:
            span = _lines(sentences.report.clean_text, best[1], needed) if section_ids else best[1]
            if span not in picked:
                picked.append(span)
    return sorted(picked, key=lambda s: s.start)


def _candidates(sentences: SentenceIndex, section_ids: set[str] | None) -> list[tuple[Span, str, str]]:
    chosen = [s for s in sentences.sentences if section_ids is None or s.section_id in section_ids]
    out = [(s.span, s.folded, s.context) for s in chosen]
    if section_ids is not None:
        for a, b in itertools.pairwise(chosen):
            if a.section_id == b.section_id:
                out.append((Span(a.span.start, b.span.end), a.folded + b.folded, a.context))
    return out


def _lines(text: str, span: Span, terms: list[str]) -> Span:
    """Inside a table: from the line holding the first asked word (and the line before, when that is prose
    running into it) to the end of its sentence, so the quote is the lines that say it, not the cells around."""
    first = None
    for term in terms:
        pattern = r"\s*".join(re.escape(c) for c in term)
        match = re.compile(pattern).search(text, span.start, span.end)
        if match and (first is None or match.start() < first):
            first = match.start()
    if first is None:
        return span
    start = text.rfind("\n", 0, first) + 1
    start = max(start, text.rfind("。", start, first) + 1)
    before = text.rfind("\n", 0, max(start - 1, 0)) + 1
    previous = text[before : max(start - 1, before)].strip()
    at_sentence_start = text[start - 1 : start] == "。"
    if len(previous) >= PROSE_LINE and not previous.endswith(("。", "：", ":")) and not at_sentence_start:
        start = before
    stop = text.find("。", first, first + MAX_QUOTE)
    if stop == -1:
        line_end = text.find("\n", max(first, span.end - 1))
        stop = line_end if line_end != -1 else span.end
    else:
        stop += 1
    return Span(start, max(stop, start + 1))


AMOUNT = re.compile(r"\d+(?:\.\d+)?(?![\d.]|\s*[%％])")  # a number that is not a percentage


def figure_near(folded: str, terms: list[str], amount: bool = False) -> bool:
    """A figure in the clause of the word or the one right after it ("预算编制阶段，对7个项目"), not across a
    colon or a full stop ("3258万元，主要包括：基本工资"); dates state no figure ("2022年8月26日签订合同"). When an
    amount is asked, a percentage is none ("尾款未支付12.27%合同金额" states no 合同金额)."""
    undated = DATE.sub("", folded)
    figure = AMOUNT if amount else DIGIT
    for part in PART_BREAK.split(undated):
        clauses = COMMA.split(part)
        for i, clause in enumerate(clauses):
            if any(t in clause for t in terms) and any(figure.search(c) for c in clauses[i : i + 2]):
                return True
    return False
