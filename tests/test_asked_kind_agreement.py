"""An ask answered only in its own kind: a length of time ("多久", "几分钟") by a figure in a time unit, a sum of
money by an amount; a rate row or a sentence of dates beside it is a neighbour's figure, so the ask is refused
with no number. On both reports."""

from __future__ import annotations

import pytest
from assistant_support import answered_with, refused_without_figure

from assistant.evidence.units import asked_units, states_asked_time


@pytest.mark.parametrize(
    "question",
    [
        "12345热线打进去一般几分钟有人接？",
        "打12345热线要排队多长时间？",
    ],
)
def test_a_wait_is_never_answered_with_a_rate(assistant, question):
    refused_without_figure(assistant, question)


def test_a_time_stated_in_hours_answers_how_long(assistant):
    answered_with(assistant, "天府健康通的问题平均多久能处理好？", "1.5小时")


def test_how_often_data_is_refreshed_is_not_answered_with_a_rate(fixture_assistant):
    refused_without_figure(fixture_assistant, "公共数据开放平台的数据多久更新一次？")


@pytest.mark.parametrize(
    "question",
    [
        "天府健康通的运维是哪家公司接的？合同签了多少钱？",
        "门户网站运维服务的合同签了多少钱",
    ],
)
def test_a_contract_amount_the_report_does_not_state_is_refused(assistant, question):
    answer = refused_without_figure(assistant, question)
    assert "合同" in answer


def test_units_read_a_length_of_time():
    assert "时长" in asked_units("平均要等多久")
    assert "时长" in asked_units("几个工作日能办完")
    assert "时长" not in asked_units("三公经费是多少") and "时长" not in asked_units("哪天签的合同")
    assert states_asked_time("多久能修好", "完成值 1.5小时")
    assert states_asked_time("多长时间", "服务期是2022年8月26日到2023年8月25日")
    assert not states_asked_time("多久能接通", "平均办结率（指标值 ≥90%，完成值 100%）")
    assert states_asked_time("办结率是多少", "平均办结率 100%")
