"""Question normalisation: script, width and spacing folded, Chinese numerals before a unit written in digits,
and colloquial words mapped to the report's wording, so the lexicon can match the question by plain substring
lookups."""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc

_CONVERTER: opencc.OpenCC | None = None


_LOCK = threading.Lock()


SPACES = re.compile(r"\s+")


# Colloquial → report wording. Kept small and by hand: each entry is a word people say for a term the
# national template uses. Longest keys are applied first; a key already inside its target is left alone.
SYNONYMS: dict[str, str] = {
    "收、支": "收支",
    "为啥": "为什么",
    "咋回事": "为什么",
    "怎么回事": "为什么",
    "为何": "为什么",
    "咋": "为什么",
    "花了多少钱": "决算数是多少",
    "花了多少": "决算数是多少",
    "用了多少钱": "决算数是多少",
    "用了多少": "决算数是多少",
    "花费多少": "决算数是多少",
    "花掉多少": "决算数是多少",
    "支出了多少": "决算数是多少",
    "开支了多少": "决算数是多少",
    "交了多少钱": "决算数是多少",
    "交了多少": "决算数是多少",
    "缴了多少钱": "决算数是多少",
    "缴了多少": "决算数是多少",
    "付了多少钱": "决算数是多少",
    "付了多少": "决算数是多少",
    "花了几个钱": "决算数是多少",
    "多少钱": "决算数是多少",
    "开支": "支出",
    "开销": "支出",
    "花销": "支出",
    "请客吃饭": "餐费",
    "吃饭": "餐费",
    "三公": "三公经费",
    "公务用车费": "公务用车购置及运行维护费",
    "用车费": "公务用车购置及运行维护费",
    "买新车": "公务用车购置",
    "买车": "公务用车购置",
    "购车": "公务用车购置",
    "租办公室": "办公用房租赁",
    "房租": "办公用房租赁",
    "租房": "办公用房租赁",
    "健康码": "天府健康通",
    "一共花了多少钱": "本年支出合计是多少",
    "总共花了多少钱": "本年支出合计是多少",
    "一共花了多少": "本年支出合计是多少",
    "财政给的": "财政拨款收入",
    "招待费": "公务接待费",
    "接待费": "公务接待费",
    "公车": "公务用车",
    "几辆车": "几辆公务用车",
    "多少辆车": "多少辆公务用车",
    "出国费": "因公出国（境）费",
    "出国经费": "因公出国（境）费",
    "出国": "因公出国（境）",
    "三公费用": "三公经费",
    "三公开支": "三公经费",
    "热线": "12345政务服务热线",
    "总收入": "本年收入合计",
    "总支出": "本年支出合计",
    "总预算": "调整后预算",
    "负责人是谁": "项目负责人是谁",
    "谁负责": "项目负责人是谁",
    "采购": "政府采购",
    "小微企业": "授予小微企业合同金额",
    "中小企业": "授予中小企业合同金额",
    "打分": "自评得分",
    "评分": "自评得分",
    "得了多少分": "自评得分是多少",
    "得分": "自评得分",
    "几分": "自评得分",
}


def converter() -> opencc.OpenCC:
    global _CONVERTER
    with _LOCK:
        if _CONVERTER is None:
            _CONVERTER = opencc.OpenCC("t2s")
        return _CONVERTER


def fold(text: str) -> str:
    """Script, width and spacing folding shared by questions and lexicon terms (so both meet in the middle).

    NFKC turns full-width digits/letters/brackets into ASCII; brackets are then put back to the full-width
    form the report uses, so "因公出国(境)费" and "因公出国（境）费" are the same term.
    """
    conv = converter()
    with _LOCK:  # the OpenCC binding is not documented as thread-safe
        text = conv.convert(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("(", "（").replace(")", "）").replace("“", "").replace("”", "").replace('"', "")
    return cn_numbers(SPACES.sub("", text).lower())


def apply_synonyms(text: str, table: dict[str, str] | None = None, protected: tuple[str, ...] = ()) -> str:
    """Replace colloquial words by the report's terms, longest first, never inside the target term itself.

    `protected` are terms left exactly as written (a report term that contains a key: 载客汽车 keeps 汽车)."""
    table = SYNONYMS if table is None else table
    if protected:
        pattern = "|".join(re.escape(t) for t in sorted(protected, key=len, reverse=True))
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
            if out.startswith(key, i):
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


def normalize(text: str) -> str:
    """Fold a question and map colloquial words to the report's wording."""
    return apply_synonyms(fold(text))
