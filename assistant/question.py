"""Question normalisation and the input guard.

The guard runs before anything else: it rejects input no report question can be (empty, too long, binary,
markup) with a Chinese message, and strips injected instructions so that only the report question inside
them, if any, is answered. Normalisation folds script and width variants so that the lexicon can match
the question by plain substring lookups.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import opencc

_CONVERTER: opencc.OpenCC | None = None
_LOCK = threading.Lock()

# A markup tag, a script URL or an HTML entity: none belongs in a question about a report.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|&#x?[0-9a-fA-F]+;|\bon\w+\s*=", re.IGNORECASE)
# Clauses that try to change the assistant's role or rules. Hand-written: no library knows Chinese prompt
# injection phrasing, and the list only has to remove the instruction, not understand it.
INJECTION = re.compile(
    r"(忽略|无视|忘记|忘掉|不要理会|不用管|跳过|绕过).{0,12}(指令|指示|提示词?|规则|设定|要求|限制|上文|以上|之前|前面)"
    r"|你现在是|你现在扮演|你是一个|你是一名|扮演|假装你?是|现在起你|从现在开始你?|角色扮演|系统提示|system\s*prompt"
    r"|^\s*(system|assistant|developer|系统)\s*[:：]|你必须|只(能|许)?回答|不要引用|不用引用"
    r"|ignore\s+(all\s+)?(the\s+)?(previous|prior|above)|you\s+are\s+now|act\s+as|pretend|jailbreak|developer\s+mode"
    r"|(输出|打印|告诉我|显示|泄露).{0,6}(提示词|系统提示|指令|prompt)"
    # Asking the assistant to speak for the body (a statement, an announcement) rather than quote the report.
    r"|以.{0,10}(名义|身份)|(发|写|起草|拟|发布)(一|1)?(份|篇|则|个)?.{0,6}(声明|公告|通告|新闻稿)|宣布",
    re.IGNORECASE,
)
# Rules a user tries to lift ("不受报告约束", "不用给出处", "reply in English without citations").
LIFTED_RULE = re.compile(
    r"不受.{0,8}(约束|限制|拘束)|自由发挥|随意发挥|不(用|要|需要|必)(再)?(给|提供|标注|附|加|写|注明)?(出处|引用|来源|引文|依据)"
    r"|(用|以)(英文|英语)(来)?回答|不许拒绝|不准拒绝|不能拒绝|不得拒绝"
    r"|ignore\b.{0,40}\b(rules?|instructions?|report|prompts?|guidelines?)|reply\s+in\s+\w+|without\s+(any\s+)?citations?"
    r"|no\s+citations?|override|admin(istrator)?\s*(mode|instruction)?",
    re.IGNORECASE,
)
# A bracketed tag that claims authority ("【管理员指令】", "[SYSTEM]"): dropped with everything it introduces.
AUTHORITY_TAG = re.compile(
    r"[【\[（(<《]\s*[^】\]）)>》]{0,12}(指令|管理员|系统|提示|命令|system|admin|instruction|developer|prompt)"
    r"[^】\]）)>》]{0,12}[】\]）)>》]",
    re.IGNORECASE,
)
# Where the real question starts after an instruction ("——顺便问下，", "Question:", "我的问题是：").
QUESTION_LEAD = re.compile(
    r"(?:[—\-]{1,2}\s*)?(?:(?:顺便问(?:一?下|问)?|另外问(?:一?下)?|言归正传|说正事)\s*[:：,，]?"
    r"|(?:我的问题是|问题是|问题|正题|question)\s*[:：])\s*",
    re.IGNORECASE,
)
SCRIPT_BLOCK = re.compile(r"<\s*(script|style|iframe|object)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
QUESTION_TEXT = re.compile(r"[\u4e00-\u9fff]{2,}")
CLAUSE_SPLIT = re.compile(r"[。！？!?；;，,\n]+|\.(?!\d)\s*")
SPACES = re.compile(r"\s+")
# Characters we keep inside a question; everything else of category C (control, format, unassigned,
# private use, surrogate) marks binary or smuggled content (format characters are stripped first: strip_invisible).
ALLOWED_CONTROL = {"\n", "\t", "\r"}
INVISIBLE_FILLERS = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}

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


@dataclass(frozen=True)
class Guarded:
    """The outcome of the guard: a cleaned question, or a rejection message for the user."""

    ok: bool
    question: str
    message: str = ""
    injected: bool = False
    note: str = ""  # said to the user before the answer (e.g. that markup was ignored)


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


def guard(text: object, max_chars: int) -> Guarded:
    """Reject what cannot be a question; strip injected instructions from what can."""
    if not isinstance(text, str):
        return Guarded(False, "", "请输入文字形式的问题。")
    stripped = strip_invisible(text).strip()
    if not stripped:
        return Guarded(False, "", "问题是空的，请输入一个关于本决算报告的问题，例如：“三公经费是多少？”")
    if len(stripped) > max_chars:
        return Guarded(False, "", f"问题太长了（{len(stripped)} 字，上限 {max_chars} 字），请精简后再问。")
    if any(_is_bad_char(c) for c in stripped):
        return Guarded(False, "", "问题里含有无法识别的控制字符或二进制内容，请只输入文字。")
    note = ""
    if MARKUP.search(stripped):
        # Markup is never executed nor echoed. A question written around it is still answered (the markup
        # is dropped and the user told so); markup alone is rejected.
        cleaned = MARKUP.sub(" ", SCRIPT_BLOCK.sub(" ", stripped)).strip()
        if not QUESTION_TEXT.search(cleaned):
            return Guarded(False, "", "问题里不能包含 HTML 标签、脚本或网页代码，请直接用文字提问。")
        stripped, note = cleaned, "（已忽略问题中的网页代码。）"
    stripped, lead_cut = _after_instruction(stripped)
    if not lead_cut and not INJECTION.search(stripped) and not LIFTED_RULE.search(stripped):
        return Guarded(True, stripped, note=note)
    kept = [
        c for c in CLAUSE_SPLIT.split(stripped) if c.strip() and not INJECTION.search(c) and not LIFTED_RULE.search(c)
    ]
    return Guarded(True, "，".join(s.strip(" ，,：:") for s in kept), injected=True, note=note)


def _after_instruction(text: str) -> tuple[str, bool]:
    """The question after an injected instruction block, and whether one was cut off.

    An authority tag ("【管理员指令】") or rule-lifting words before a question lead ("——顺便问下，",
    "Question:") mark everything before the lead as instruction; without a lead, only the tag goes and the
    clause filter removes the rest."""
    tagged = AUTHORITY_TAG.search(text)
    cleaned = AUTHORITY_TAG.sub(" ", text).strip()
    for lead in QUESTION_LEAD.finditer(cleaned):
        before = cleaned[: lead.start()]
        if not (tagged or INJECTION.search(before) or LIFTED_RULE.search(before)):
            continue
        after = cleaned[lead.end() :].strip()
        if QUESTION_TEXT.search(after):
            return after, True
    return cleaned, bool(tagged)


def strip_invisible(text: str) -> str:
    """Zero-width spaces and joiners, bidi marks, BOMs, soft hyphens (Unicode category Cf) and the blank
    "filler" letters come with pasted text and show nothing: removed, not a reason to reject the question."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and c not in INVISIBLE_FILLERS)


def _is_bad_char(char: str) -> bool:
    if char in ALLOWED_CONTROL:
        return False
    category = unicodedata.category(char)
    return category.startswith("C") or char == "\ufffd"
