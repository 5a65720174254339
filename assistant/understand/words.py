"""Word lists shared by understanding and answering: stop words, generic words that name nothing in
particular, time words, and the character pairs and question words of everyday asking."""

from __future__ import annotations

import re

import jieba

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import (
    CHANGE,
    COMPARE,
    COUNT,
    DEFINE,
    DIFF,
    EXEC_RATE,
    FIGURE_CUE,
    LIST,
    MAX,
    MIN,
    PREV_YEAR,
    PROJECT_FIELDS,
    RATE_WORD,
    REASON,
    SHARE,
    SUM,
    THIS_YEAR,
)

STOPWORDS = frozenset(CUES.words("stopwords"))


# The lexicon's words that name no particular project (运维, 平台, 系统…) name nothing the evidence must cover.
# Scope words stay informative: "全省…收入" asks about the province, not the body.
GENERIC = frozenset(CUES.words("generic")) | (
    frozenset(CUES.words("generic_project_words")) - frozenset(CUES.words("scope_words"))
)


# The cues that say what kind of answer is wanted: a word that is one of them names nothing the answer must cover.
ASK_CUES = (CHANGE, COUNT, DEFINE, EXEC_RATE, FIGURE_CUE, LIST, PREV_YEAR, RATE_WORD, REASON, SHARE, SUM, THIS_YEAR)
ASK_CUES += (COMPARE, DIFF, MAX, MIN, CUES.cue("agree_asked"), CUES.cue("derive_word"))  # "推算一下"


TIME_WORD = CUES.cue("time_word")


def is_cue(word: str) -> bool:
    if any(p.fullmatch(word) or (p.search(word) and len(word) <= 3) for p in ASK_CUES):
        return True
    return any(p.fullmatch(word) for _, p in PROJECT_FIELDS)


def content_words(text: str) -> list[str]:
    """The words of a question beyond question words, fillers and cue words: what it names."""
    return [
        w
        for w in jieba.lcut(text)
        if len(w) >= 2 and w not in STOPWORDS and w not in GENERIC and not any(p.fullmatch(w) for p in ASK_CUES)
        and not any(p.fullmatch(w) for _, p in PROJECT_FIELDS)
    ]


def informative(term: str) -> bool:
    """A question word that may name what a subject covers (not a filler, time or cue word)."""
    return len(term) >= 2 and term not in GENERIC and term not in STOPWORDS and not TIME_WORD.match(term)


# ---------------------------------------------------------------------- indicator rows named by their words
# Bigrams that say "a figure is asked", not which row: they never pick a row on their own.
EVERYDAY_GRAMS = frozenset(CUES.words("everyday_grams"))


EVERYDAY_ASK = CUES.cue("everyday_ask")


def core(word: str) -> str:
    """A word without the everyday pairs and question words jieba may glue to it ("哪些项目" → "")."""
    for gram in EVERYDAY_GRAMS:
        word = word.replace(gram, "□")
    return EVERYDAY_ASK.sub("□", word)


def cjk(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def grams(text: str) -> list[str]:
    """Character bigrams inside runs of letters: never across punctuation, a blanked name or a figure."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fffA-Za-z]+", fold(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out
