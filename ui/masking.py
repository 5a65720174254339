"""Mask personal numbers in text before it is stored: ID-card numbers, mobile and landline phone numbers, and
e-mail addresses. Citizens type them into a helpdesk ("我的身份证号是…，能查吗？"); the question log keeps the
question, never the number. Hand-written: the patterns are the national formats (GB 11643 ID numbers,
11-digit mobile numbers, area code + local number).
"""

from __future__ import annotations

import re

_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {ord("Ｘ"): ord("X"), ord("ｘ"): ord("x")}
_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z.])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"
_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_NOT_DIGIT_BEFORE + r"[1-9]\d{5}" + _DATE8 + r"\d{3}[\dXx]" + _NOT_DIGIT_AFTER), "[身份证号]"),
    (re.compile(_NOT_DIGIT_BEFORE + r"[1-9]\d{5}" + _DATE6 + r"\d{3}" + _NOT_DIGIT_AFTER), "[身份证号]"),
    (re.compile(_NOT_DIGIT_BEFORE + r"(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}" + _NOT_DIGIT_AFTER), "[手机号]"),
    (re.compile(_NOT_DIGIT_BEFORE + r"(?:\(0\d{2,3}\)|0\d{2,3})[-\s]?[2-9]\d{6,7}" + _NOT_DIGIT_AFTER), "[电话号码]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[电子邮箱]"),
)


def mask_personal(text: str) -> str:
    """`text` with every ID-card number, phone number and e-mail address replaced by a label."""
    text = text.translate(_FULL_WIDTH)
    for pattern, label in PATTERNS:
        text = pattern.sub(label, text)
    return text


__all__ = ["mask_personal"]
