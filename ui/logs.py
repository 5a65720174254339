"""Server logging: personal data masked in every line, and questions not written word for word at INFO.

Visitors type ID-card and phone numbers into questions ("查一下 110101199003074578 的报销"); a log is kept
longer and read by more people than the answer, so such patterns are masked in every record, whatever logger
wrote it (uvicorn's access log included: the server passes log_config=None so its records reach these
handlers). The assistant's INFO lines quote the question being answered; the server logs it from WARNING up.
"""

from __future__ import annotations

import logging
import re
import unicodedata

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Mainland ID cards (18 digits, the last may be X; the old 15-digit form), mobile numbers (with +86 and
# spaces or hyphens), landlines with an area code and a hyphen, e-mail addresses, and any other run of 15+
# digits (bank cards). Report figures never look like these: they are short or carry a decimal point.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?!\d)"
        ),
        "[身份证号]",
    ),
    (re.compile(r"(?<!\d)[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)"), "[身份证号]"),
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "[手机号]"),
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), "[电话号码]"),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"), "[邮箱]"),
    (re.compile(r"(?<!\d)\d{15,}(?!\d)"), "[长数字]"),
]
QUIET_AT_INFO = ("assistant",)  # loggers whose INFO lines quote questions


_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ＋－", "0123456789Xx+-")


def mask(text: str) -> str:
    """The text with personal-data patterns replaced; invisible characters and full-width digits are folded
    first, so "１３８\u200b1234 5678" is caught too."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_FULL_WIDTH)
    for pattern, label in PATTERNS:
        text = pattern.sub(label, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's message with personal-data patterns masked (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """Root handler with the mask; the assistant's question-quoting INFO lines are not written."""
    logging.basicConfig(level=level, format=FORMAT)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(PersonalDataFilter())
    if level >= logging.INFO:
        for name in QUIET_AT_INFO:
            logging.getLogger(name).setLevel(logging.WARNING)
