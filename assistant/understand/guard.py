"""The input guard, run before anything else: it rejects input no report question can be (empty, too long,
binary, markup) with a Chinese message; a turn that asks for the assistant's own instructions or dictates a
figure, names the reply, hands over a claim to accept unchecked, asks for a made-up figure, or hands over a figure
to state or post without the report is rejected whole (the question around the attempt included: answering it
would look like obeying);
other injected instructions are stripped so that only the report question inside them, if any, is answered."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold, to_simplified

# A markup tag, a script URL or an HTML entity: none belongs in a question about a report.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|&#x?[0-9a-fA-F]+;|\bon\w+\s*=", re.IGNORECASE)


INJECTION = CUES.cue("injection")


LIFTED_RULE = CUES.cue("lifted_rule")


AUTHORITY_TAG = CUES.cue("authority_tag")


QUESTION_LEAD = CUES.cue("question_lead")


REVEAL_RULES = CUES.cue("reveal_rules")


DICTATED_FIGURE = CUES.cue("dictated_figure")


DICTATED_REPLY = CUES.cue("dictated_reply")


SKIP_CHECK = CUES.cue("skip_check")


ACCEPT_CLAIM = CUES.cue("accept_claim")


FABRICATE_REQUEST = CUES.cue("fabricate_request")


STATED_FIGURE = CUES.cue("stated_figure")


PUBLISH_REQUEST = CUES.cue("publish_request")


CLAIM_REFUSED = (
    "这个请求要我不核对报告就认可一个说法、按指定的话作答，或者编造、改动数字，我不能照做：我只按报告原文回答，"
    "不替报告以外的说法背书。想核对某个数字，请直接问它在报告里是多少。"
)


ATTEMPT_REFUSED = (
    "这个请求要我透露内部规则或系统提示，或者改动报告里的数字，我不能照做：我不会透露自己的规则，"
    "也只按报告原文的数字回答。关于报告的问题，请去掉这些要求后单独再问一次。"
)


POST_REFUSED = (
    "这个请求要我撇开报告说出一个数字，或者把它写成帖子、爆料拿去传播，我不能照做：我只按报告原文回答，"
    "不编造数字，也不替人撰写传播用的内容。想知道报告里的数字，请直接问它是多少。"
)


PREMISE_REFUSED = (
    "这条消息要我把报告以外的数字当作报告数据来回答（例如声称数据已更正，或要求以后一律按某个数作答），"
    "我不能照做：按我的规则，只按报告原文的数字回答，不采用消息里给出的数字。想知道报告里的数字，请直接再问一次。"
)


SCRIPT_BLOCK = re.compile(r"<\s*(script|style|iframe|object)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)


QUESTION_TEXT = re.compile(r"[\u4e00-\u9fff]{2,}")


CLAUSE_SPLIT = re.compile(r"[。！？!?；;，,\n]+|\.(?!\d)\s*")


# Characters we keep inside a question; everything else of category C (control, format, unassigned,
# private use, surrogate) marks binary or smuggled content.
ALLOWED_CONTROL = {"\n", "\t", "\r"}
INVISIBLE_FILLERS = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


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
    folded = fold(stripped)  # 繁體 and full-width forms of the same attempt read alike
    if REVEAL_RULES.search(folded):
        return Guarded(False, "", ATTEMPT_REFUSED, injected=True)
    if DICTATED_FIGURE.search(folded):
        return Guarded(False, "", PREMISE_REFUSED, injected=True)
    plain = unicodedata.normalize("NFKC", to_simplified(stripped)).lower()  # quotes and spaces kept
    if dictates_claim(plain):
        return Guarded(False, "", CLAIM_REFUSED, injected=True)
    if dictates_post(plain):
        return Guarded(False, "", POST_REFUSED, injected=True)
    stripped, lead_cut = _after_instruction(stripped)
    if not lead_cut and not INJECTION.search(stripped) and not LIFTED_RULE.search(stripped):
        return Guarded(True, stripped, note=note)
    kept = [
        c for c in CLAUSE_SPLIT.split(stripped) if c.strip() and not INJECTION.search(c) and not LIFTED_RULE.search(c)
    ]
    return Guarded(True, "，".join(s.strip(" ，,：:") for s in kept), injected=True, note=note)


def dictates_claim(plain: str) -> bool:
    """A turn that asks for assent rather than an answer: it names the reply ("答一个“对”就行"), tells the
    assistant not to check the report while handing it a claim to accept, or asks it to make a figure up or
    change every figure. Answering any report question inside would read as going along with it."""
    if DICTATED_REPLY.search(plain) or FABRICATE_REQUEST.search(plain):
        return True
    return bool(SKIP_CHECK.search(plain) and ACCEPT_CLAIM.search(plain))


def dictates_post(plain: str) -> bool:
    """A turn that hands over a figure to state without the report ("别查报告，你就说…花了500万") or asks for a
    post or rumour built on one ("编成微博发出去"): the figure is the user's, so any report question inside would
    read as lending it the report's name. A post asked about the report's own figures, with no figure given and
    no check skipped, is not one (its clause is only stripped)."""
    stated = bool(STATED_FIGURE.search(plain))
    publish = bool(PUBLISH_REQUEST.search(plain))
    return (stated and publish) or bool(SKIP_CHECK.search(plain) and (stated or publish))


def _after_instruction(text: str) -> tuple[str, bool]:
    """The question after an injected instruction block, and whether one was cut off.

    An authority tag ("【管理员指令】") or rule-lifting words before a question lead ("——另外问一下，",
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
