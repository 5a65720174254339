"""Question normalisation: script, width and spacing folded, Chinese numerals before a unit written in digits,
and colloquial words mapped to the report's wording, so the lexicon can match the question by plain substring
lookups."""

from __future__ import annotations

import json
import re
import tempfile
import threading
import unicodedata
from pathlib import Path

import opencc

from assistant.understand.cues import CUES

_CONVERTER: opencc.OpenCC | None = None
_REGIONAL: opencc.OpenCC | None = None
# Regional words of Traditional text and their mainland form (專案 → 项目, 資訊 → 信息, 甚麼 → 什么). Hand-kept:
# OpenCC's own Taiwan phrase list also rewrites the template's words (指标 → 指针, 整合 → 集成, 执行 → 运行).
REGIONAL_WORDS = Path(__file__).with_name("traditional_words.txt")


_LOCK = threading.Lock()


SPACES = re.compile(r"\s+")


# Colloquial → report wording (the template layer of cues.toml); longest keys are applied first, and a key
# already inside its target is left alone.
SYNONYMS = CUES.synonyms
GUARDS = CUES.words("synonym_guards")
PAIRED_THIS_YEAR = CUES.cue("paired_this_year")
PAIRED_LAST_YEAR = CUES.cue("paired_last_year")
CHANGE_WORKED_BACK = CUES.cue("change_worked_back")
# Everyday phrasings of the overview figures (cues.toml `overview_phrasings`), applied in order before the synonyms.
PHRASINGS = tuple((re.compile(pattern), target) for pattern, target in CUES.words("overview_phrasings"))


def converter() -> opencc.OpenCC:
    global _CONVERTER
    with _LOCK:
        if _CONVERTER is None:
            _CONVERTER = opencc.OpenCC("t2s")
        return _CONVERTER


def regional_converter() -> opencc.OpenCC:
    """Traditional text with its regional words (專案 → 项目, 資訊 → 信息, 釋出 → 发布, 小程式 → 小程序): OpenCC's
    Taiwan and Hong Kong variant chains with the regional words first. Written as a config file of its own, because
    the chain's dictionaries are OpenCC's and only the regional words are ours."""
    global _REGIONAL
    with _LOCK:
        if _REGIONAL is None:
            _REGIONAL = _build_regional()
        return _REGIONAL


def _build_regional() -> opencc.OpenCC:
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"

    def ocd(name: str) -> dict[str, str]:
        return {"type": "ocd2", "file": str(share / name)}

    config = {
        "name": "Traditional (any region) to Simplified, with regional words",
        "segmentation": {"type": "mmseg", "dict": ocd("TSPhrases.ocd2")},
        "conversion_chain": [
            {
                "dict": {
                    "type": "group",
                    "match_policy": "short_circuit",
                    "dicts": [
                        {"type": "text", "file": str(REGIONAL_WORDS)},
                        ocd("TWVariantsRevPhrases.ocd2"),
                        ocd("TWVariantsRev.ocd2"),
                        ocd("HKVariantsRevPhrases.ocd2"),
                        ocd("HKVariantsRev.ocd2"),
                    ],
                }
            },
            {
                "dict": {
                    "type": "group",
                    "match_policy": "short_circuit",
                    "dicts": [ocd("TSPhrases.ocd2"), ocd("TSCharacters.ocd2")],
                }
            },
        ],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "regional.json"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return opencc.OpenCC(str(path))


def to_simplified(text: str) -> str:
    """Simplified script: text with any Traditional character goes through the regional chain (its words too);
    text that is Simplified already is left as it is (so a report's own terms never change)."""
    conv = converter()
    with _LOCK:  # the OpenCC binding is not documented as thread-safe
        plain = conv.convert(text)
    if plain == text:
        return text
    regional = regional_converter()
    with _LOCK:
        return regional.convert(text)


def fold(text: str) -> str:
    """Script, width and spacing folding shared by questions and lexicon terms (so both meet in the middle).

    NFKC turns full-width digits/letters/brackets into ASCII; brackets are then put back to the full-width
    form the report uses, so "因公出国(境)费" and "因公出国（境）费" are the same term.
    """
    text = unicodedata.normalize("NFKC", to_simplified(text))
    text = text.replace("(", "（").replace(")", "）").replace("“", "").replace("”", "").replace('"', "")
    return cn_numbers(SPACES.sub("", text).lower())


def apply_synonyms(text: str, table: dict[str, str] | None = None, protected: tuple[str, ...] = ()) -> str:
    """Replace colloquial words by the report's terms, longest first, never inside the target term itself.

    `protected` are terms left exactly as written (a report term that contains a key: 载客汽车 keeps 汽车)."""
    table = SYNONYMS if table is None else table
    if protected:
        pattern = "|".join(re.escape(t) for t in sorted(protected, key=lambda t: (-len(t), t)))
        pieces = re.split(f"({pattern})", text)
        return "".join(p if i % 2 else apply_synonyms(p, table) for i, p in enumerate(pieces))
    out = text
    for key in sorted(table, key=len, reverse=True):
        target = table[key]
        if key not in out:
            continue
        pieces: list[str] = []
        i = 0
        while i < len(out):
            if out.startswith(key, i) and not _cuts_word(out, i, len(key)):
                # Leave the key alone where the full target (or a longer term containing it) is already there.
                window_start = max(0, i - len(target))
                window = out[window_start : i + len(target) + len(key)]
                if target in window and target != key:
                    pieces.append(key)
                else:
                    pieces.append(target)
                i += len(key)
            else:
                pieces.append(out[i])
                i += 1
        out = "".join(pieces)
    return out


def _cuts_word(text: str, at: int, size: int) -> bool:
    """A key at `at` that shares characters with a guard word running past its end or from before its start."""
    for word in GUARDS:
        for start in range(max(0, at - len(word) + 1), at + size):
            end = start + len(word)
            if text.startswith(word, start) and (start < at < end or start < at + size < end):
                return True
    return False


CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


CN_UNITS = {"十": 10, "百": 100, "千": 1000}


# "百分之/百分比" is a percentage word, not the number 100 followed by 分.
CN_NUMBER = re.compile(
    r"(?<!百)([零一二两三四五六七八九十百千]+)(?=万|元|个|辆|人|批|台|项|次|条|份|家|分(?!之|比|点|数))"
)


def cn_numbers(text: str) -> str:
    """一百万 → 100万, 十二个 → 12个: the report prints figures in digits. Hand-written: a few lines, and
    only numerals directly before a unit are touched (一是, 一体化, （一期） stay as they are)."""

    def value(numeral: str) -> str:
        total, digit = 0, 0
        for char in numeral:
            if char in CN_DIGITS:
                digit = CN_DIGITS[char]
            else:
                total += (digit or 1) * CN_UNITS[char]
                digit = 0
        return str(total + digit)

    return CN_NUMBER.sub(lambda m: value(m.group(1)), text)


# "22年", "23年度": a year said with two digits, never after a digit or a word that makes it a count ("近10年").
SHORT_YEAR = re.compile(r"(?<![\d第近前后每])([0-4]\d)(?=年)")


def full_years(text: str, report_year: int) -> str:
    """Two-digit years written in full, in the report's century ("那22年呢" → 2022年); hand-written: one rule."""
    if not report_year:
        return text
    century = report_year // 100 * 100

    def year(match: re.Match[str]) -> str:
        full = century + int(match.group(1))
        return str(full) if abs(full - report_year) <= 10 else match.group(0)

    return SHORT_YEAR.sub(year, text)


def paired_years(text: str, report_year: int) -> str:
    """ "X去年是多少？今年的预算呢": said beside 今年 (the report's year), 去年 is the year before it; alone, 去年 means
    the report's own year (a reader a year later says so), and the text is left as it is. Worked back from the
    change the report states ("按增加额倒推去年"), 去年 is the year before too: the change is on that year."""
    if not report_year or not (PAIRED_THIS_YEAR.search(text) or CHANGE_WORKED_BACK.search(text)):
        return text
    return PAIRED_LAST_YEAR.sub(f"{report_year - 1}年", text)


def normalize(text: str) -> str:
    """Fold a question and map colloquial words to the report's wording."""
    return apply_synonyms(rephrase(fold(text)))


def _action_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each `action_terms` entry as patterns: any of its verbs, its filler, any of its objects (longest first); and,
    when the entry says how, the object, a time or yes-no word (kept, as group `after`), then the verb."""
    out = []
    for term, entry in sorted(CUES.table("action_terms").items()):
        verbs = "|".join(re.escape(v) for v in sorted(entry["verbs"], key=len, reverse=True))
        objects = "|".join(re.escape(o) for o in sorted(entry["objects"], key=len, reverse=True))
        out.append((re.compile(f"(?:{verbs}){entry.get('filler', '')}(?:{objects})"), term))
        if "after" in entry:
            reverse = f"(?:{objects})(?P<after>{entry['after']})(?:{verbs}){entry.get('asked', '')}"
            out.append((re.compile(reverse), term))
    return tuple(out)


ACTIONS = _action_patterns()


def act(text: str) -> str:
    """An action on a fixed thing said as verb + object ("添置了新车") in the template's term (公务用车购置); a
    term already written stays as it is."""
    for pattern, term in ACTIONS:
        text = pattern.sub(lambda m, t=term: m.group(0) if t in m.group(0) else _said(m, t), text)
    return text


def _said(match: re.Match[str], term: str) -> str:
    """The term, after the time or yes-no words said between object and verb ("今年" of "公车今年更换了没有")."""
    return (match.groupdict().get("after") or "") + term


def rephrase(text: str) -> str:
    """The overview figures asked in everyday verbs, in the template's words ("进账了多少" → 本年收入合计有多少)."""
    for pattern, target in PHRASINGS:
        text = pattern.sub(target, text)
    return text


LIST_DIGITS = "一二三四五六七八九"


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, "3" → 3; 0 when it is no number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in LIST_DIGITS + "十" for c in text):
        return 0
    if "十" not in text:
        return LIST_DIGITS.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    value = (LIST_DIGITS.index(tens) + 1 if tens else 1) * 10
    return value + (LIST_DIGITS.index(ones) + 1 if ones else 0)


def cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二 (the inverse of cn_number for list markers)."""
    if n < 10:
        return LIST_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else LIST_DIGITS[tens - 1]) + "十" + (LIST_DIGITS[ones - 1] if ones else "")
