"""Project questions in colloquial words, round 2: budgets not fully executed, the self-evaluation as a whole,
a project named by everyday words, and a row the table does not hold (refused, with the rows it does list).

Shipped report and the 2022 成都 fixture (3 tables), real index and models.
"""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_text as answered
from assistant_support import ask

from assistant.service import Assistant


@pytest.mark.parametrize("question", ["有没有项目预算没执行完", "哪些项目的钱还没用完", "项目资金都花完了吗"])
def test_unspent_budgets_listed_with_rates(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "12 个绩效自评项目", "有 1 个", "四川省工程建设项目审批管理系统运维服务项目")
    assert "89.33%" in flat and "448.34 − 400.50 = 47.84" in flat
    assert "政务服务热线" not in flat  # a table at 100% is not listed
    checks = ask(assistant, question).checks
    assert any(c.expression == "400.50 ÷ 448.34 × 100%" and c.result == "89.33%" for c in checks)


def test_unspent_budgets_in_the_fixture(fixture_assistant: Assistant) -> None:
    flat = answered(fixture_assistant, "有哪些项目钱没花完", "3 个绩效自评项目", "城市运行数据中台建设项目", "87.73%")
    assert "公共数据开放平台运营服务" not in flat


@pytest.mark.parametrize("question", ["哪些项目没得满分", "有项目被扣分吗"])
def test_projects_without_full_marks(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "有 2 个", "99.91", "98.93")
    assert "办公用房租赁" not in flat


@pytest.mark.parametrize("question", ["项目绩效自评的结果如何", "自评打分情况怎么样"])
def test_self_evaluation_overview(assistant: Assistant, question: str) -> None:
    flat = answered(assistant, question, "12个项目开展了绩效自评", "12 张绩效自评表", "10 个项目自评得分为满分")
    assert "最低的是四川省工程建设项目审批管理系统运维服务项目，98.93 分" in flat
    answer = ask(assistant, question)
    assert any("开展绩效自评" in re.sub(r"\s", "", c.quote) for c in answer.citations)


def test_self_evaluation_overview_in_the_fixture(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "绩效自评得分总体怎么样", "3 张绩效自评表", "最低的是城市运行数据中台建设项目")


@pytest.mark.parametrize("question", ["租的那栋办公楼花了多少钱", "租房子一年的租金是多少", "办公楼租金花了多少"])
def test_project_named_by_everyday_words(assistant: Assistant, question: str) -> None:
    answered(assistant, question, "办公用房租赁", "预算执行数 768.12 万元")


def test_project_named_by_everyday_words_in_the_fixture(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "数据开放平台运营花了多少钱", "公共数据开放平台运营服务", "预算执行数 45.00 万元")


def test_the_reporting_body_names_no_project(assistant: Assistant) -> None:
    """ "数据中心" and the prose's own words ("本级", "设立") must not pick a project table by their characters."""
    answer = ask(assistant, "中心本级内部设立了多少个机构？")
    assert "绩效自评表" not in answer.answer


def test_row_the_table_lacks_is_refused_with_its_rows(assistant: Assistant) -> None:
    answer = ask(assistant, "12345热线一共接听了多少通来电")
    assert answer.status == "not_found", answer.answer
    for name in ("坐席数量", "服务群众人次", "网民留言回复率"):
        assert name in answer.answer


def test_row_named_by_shared_words(assistant: Assistant) -> None:
    answered(assistant, "12345热线服务了多少人次群众", "服务群众人次", "80.9869")
