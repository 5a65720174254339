"""One jieba base dictionary shared by every report's tokenizers (index/jieba_shared.py): each report's tokenizer
cuts exactly as a private jieba with the same words added, and a word one report adds never reaches another."""

from __future__ import annotations

import jieba
from conftest import FIXTURE_REPORT

from assistant.understand.matcher import report_coinages
from assistant.understand.normalize import fold
from corpus import Settings, load_report
from index.jieba_shared import base_tokenizer, overlay_tokenizer
from index.keyword import ReportTokenizer, report_terms


def _cuts(tokenizer: jieba.Tokenizer, text: str) -> tuple:
    return (
        tokenizer.lcut(text, HMM=True),
        tokenizer.lcut_for_search(text, HMM=False),
        list(tokenizer.tokenize(text, HMM=False)),
        list(tokenizer.tokenize(text, mode="search")),
    )


def test_a_shared_dictionary_cuts_as_a_private_one_on_two_reports() -> None:
    for path in (Settings().report, FIXTURE_REPORT):
        report = load_report(path)
        text = fold(report.clean_text)
        private = jieba.Tokenizer()
        private.initialize()
        shared = overlay_tokenizer()
        for tokenizer in (private, shared):
            for term in report_terms(report):
                tokenizer.add_word(term)
            coined = report_coinages(tokenizer, text)
            for word, freq in coined.items():
                tokenizer.add_word(word, freq)
        assert coined and shared.total == private.total
        assert _cuts(shared, text) == _cuts(private, text)


def test_words_of_one_report_stay_in_its_own_tokenizer() -> None:
    word = "临溪区数字底座运维"
    one, other = ReportTokenizer([word]), ReportTokenizer([])
    assert one.knows(word) and not other.knows(word)
    assert word not in base_tokenizer().FREQ
    assert word in one.tokenize(f"{word}的费用") and word not in other.tokenize(f"{word}的费用")
    assert base_tokenizer() is base_tokenizer()
