"""Keyword retrieval: BM25 (bm25s) over jieba tokens, with the report's own terms in jieba's dictionary.

Why not llama-index's BM25Retriever: its default regex tokenizer treats a run of Chinese characters as one token
(every Chinese score is 0) and its persist/reload path brings that tokenizer back. bm25s is what it wraps; used
directly, we control tokenisation at build and query time and keep the index in memory for fast searches.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import bm25s
import jieba
import numpy as np

from corpus.records import Report
from index.jieba_shared import overlay_tokenizer
from index.normalize import normalize_query

log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are debug chatter on stderr

_HAN_RUN = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")
_CN_NUM = "[一二三四五六七八九十]+"
_NUMBERING = re.compile(rf"^(第{_CN_NUM}部分|{_CN_NUM}、|[（(]{_CN_NUM}[)）]|\d+[.．、])")
_KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")
MIN_TERM, MAX_TERM = 3, 32
# Question filler and function words: rare in the report, so BM25 would give them a high IDF and rank
# chunks by an accidental 是/什么 rather than by the subject asked about.
STOPWORDS = frozenset(
    {
        "的",
        "了",
        "是",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "么",
        "嘛",
        "哦",
        "什么",
        "多少",
        "多少钱",
        "怎么",
        "怎么样",
        "怎样",
        "如何",
        "为什么",
        "为何",
        "哪些",
        "哪个",
        "哪里",
        "请问",
        "一下",
        "请",
        "告诉",
        "我",
        "我们",
        "你",
        "你们",
        "他们",
        "咱们",
        "有",
        "有没有",
        "没有",
        "和",
        "与",
        "及",
        "或",
        "在",
        "对",
        "把",
        "被",
        "给",
        "这",
        "那",
        "这个",
        "那个",
        "这些",
        "那些",
        "呗",
        "啥",
        "咋",
        "能",
        "可以",
        "想",
        "知道",
        "问",
        "问问",
        "帮",
        "查",
        "查查",
        "看看",
        "说说",
        "讲讲",
        "多",
        "几",
        "是否",
        "还",
    }
)


def report_terms(report: Report) -> list[str]:
    """Words worth keeping whole: section titles, fact subjects, project names, items of 三公经费 lists.

    Titles with punctuation are split into their Chinese runs (jieba never joins across punctuation anyway).
    """
    raw: list[str] = []
    for section in report.sections:
        raw.append(_NUMBERING.sub("", section.title))
    raw.extend(f.subject for f in report.facts)
    raw.extend(f.scope for f in report.facts if f.scope)
    raw.extend(f.parent for f in report.facts if f.parent)
    for project in report.projects:
        raw.append(project.name)
        raw.extend(row.name for row in project.indicators)
    terms: dict[str, None] = {}
    for phrase in raw:
        for run in _HAN_RUN.findall(normalize_query(phrase)):
            if MIN_TERM <= len(run) <= MAX_TERM and not run.isdigit():
                terms[run] = None
    return list(terms)


class ReportTokenizer:
    """jieba search-mode tokens, with a private dictionary (the report's terms) and longer sub-words.

    jieba's search mode only re-emits 2- and 3-character sub-words of a long word, so adding a long title such as
    一般公共预算财政拨款支出决算总体情况 would hide 财政拨款 from BM25. We also emit every dictionary word of 4+
    characters inside a longer token, so adding terms never removes a match.
    """

    def __init__(self, terms: list[str]) -> None:
        self.terms = list(terms)
        self._jieba = overlay_tokenizer()  # the process's one base dictionary, with this report's terms on top
        for term in self.terms:
            self._jieba.add_word(term)

    def knows(self, word: str) -> bool:
        return bool(self._jieba.FREQ.get(word))

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = []
        freq = self._jieba.FREQ
        for word in self._jieba.cut(normalize_query(text).lower(), HMM=True):
            if not _KEEP.search(word) or word in STOPWORDS:
                continue
            n = len(word)
            for size in range(2, n):
                for i in range(n - size + 1):
                    piece = word[i : i + size]
                    if freq.get(piece):
                        tokens.append(piece)
            tokens.append(word)
        return tokens


class KeywordIndex:
    """BM25 over the chunks' embed texts, kept in memory; saved and loaded as a directory."""

    def __init__(self, tokenizer: ReportTokenizer, bm25: bm25s.BM25, size: int) -> None:
        self.tokenizer = tokenizer
        self.bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: list[str], terms: list[str]) -> KeywordIndex:
        tokenizer = ReportTokenizer(terms)
        corpus = [tokenizer.tokenize(t) or ["∅"] for t in texts]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        return cls(tokenizer, bm25, len(texts))

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in self.tokenizer.tokenize(query) if t in self.bm25.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def top(self, query: str, k: int) -> list[tuple[int, float]]:
        scores = self.scores(query)
        if not scores.any():
            return []
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(best.tolist(), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in ranked if scores[i] > 0]

    def save(self, directory: Path) -> None:
        """Write to a temporary sibling and rename, so a reader never sees a half-written directory."""
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.bm25.save(str(tmp / "bm25"))
        (tmp / "userdict.txt").write_text("\n".join(self.tokenizer.terms) + "\n", encoding="utf-8")
        (tmp / "info.json").write_text(json.dumps({"size": self.size}), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        tmp.rename(directory)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        terms = [t for t in (directory / "userdict.txt").read_text(encoding="utf-8").split("\n") if t]
        size = int(json.loads((directory / "info.json").read_text(encoding="utf-8"))["size"])
        bm25 = bm25s.BM25.load(str(directory / "bm25"))
        return cls(ReportTokenizer(terms), bm25, size)
