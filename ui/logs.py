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

from ui.masking import mask_personal

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LONG_DIGITS = re.compile(r"(?<!\d)\d{15,}(?!\d)")  # bank cards and other long numbers: never a report figure
QUIET_AT_INFO = ("assistant",)  # loggers whose INFO lines quote questions


def mask(text: str) -> str:
    """The text with personal data replaced by labels: the question log's patterns (ui.masking: ID cards,
    phones, e-mail), and any run of 15+ digits; invisible characters are dropped first, so a zero-width space
    inside a number does not hide it."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return LONG_DIGITS.sub("[长数字]", mask_personal(text))


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
