"""Personal data typed into questions is masked in every log line; report figures are left alone."""

from __future__ import annotations

import logging

from ui.logs import PersonalDataFilter, mask


def test_identity_and_phone_numbers_are_masked_figures_are_not() -> None:
    text = (
        "身份证110101199003074578、11010119900307457X、旧号110101900307457，手机13812345678、138-1234-5678、"
        "+86 139 1234 5678、１３８１２３４５６７８、138\u200b12345678，座机028-85123456，邮箱 a.b@example.gov.cn，"
        "卡号6222020200112233445；公务接待费 2.81 万元，增长 111.28%，2023 年，12345 热线，20685.29"
    )
    masked = mask(text)
    for secret in (
        "110101199003074578",
        "11010119900307457X",
        "110101900307457",
        "13812345678",
        "1234-5678",
        "1234 5678",
        "１３８",
        "85123456",
        "a.b@example",
        "6222020200112233445",
    ):
        assert secret not in masked, secret
    assert masked.count("[身份证号]") == 3 and masked.count("[手机号]") == 5
    for figure in ("2.81 万元", "111.28%", "2023 年", "12345 热线", "20685.29"):
        assert figure in masked, figure


def test_the_filter_rewrites_the_record_message() -> None:
    record = logging.LogRecord(
        "assistant.route", logging.ERROR, __file__, 1, "ask failed for %r", ("手机13812345678",), None
    )
    assert PersonalDataFilter().filter(record)
    assert record.getMessage() == "ask failed for '手机[手机号]'"
