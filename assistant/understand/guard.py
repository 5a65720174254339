"""The input guard, run before anything else: it rejects input no report question can be (empty, too long,
binary, markup) with a Chinese message, and strips injected instructions so that only the report question
inside them, if any, is answered."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


# Characters we keep inside a question; everything else of category C (control, format, unassigned,
# private use, surrogate) marks binary or smuggled content.
ALLOWED_CONTROL = {"\n", "\t", "\r"}


@dataclass(frozen=True)
class Guarded:
    """The outcome of the guard: a cleaned question, or a rejection message for the user."""

    ok: bool
    question: str
    message: str = ""
    injected: bool = False
    note: str = ""  # said to the user before the answer (e.g. that markup was ignored)


def guard(text: object, max_chars: int) -> Guarded:
    """Reject what cannot be a question; strip injected instructions from what can."""
    if not isinstance(text, str):
        return Guarded(False, "", "请输入文字形式的问题。")
    stripped = text.strip()
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


def _is_bad_char(char: str) -> bool:
    if char in ALLOWED_CONTROL:
        return False
    category = unicodedata.category(char)
    return category.startswith("C") or char == "\ufffd"
