"""Everyday words for the template's fixed items: a subject named by the items its own list holds, the glossary's
inner terms, "什么概念" as a definition ask, the duties section asked with "这个…", totals said "花出去"."""

from __future__ import annotations

import pytest
from assistant_support import ask


def _ask(assistant, question: str) -> str:
    """The answer's text, after the contract every answer owes its reader is checked (quotes, numbers)."""
    return ask(assistant, question).answer


@pytest.mark.parametrize(
    ("question", "shipped", "second"),
    [
        ("交电费、开会、出差这类零零碎碎的花费总共多少钱", "1475.09", "382.77"),
        ("打印复印和保洁物业这些开支一共多少", "1475.09", "382.77"),
    ],
)
def test_items_of_a_list_name_its_subject(assistant, fixture_assistant, question, shipped, second):
    a, b = _ask(assistant, question), _ask(fixture_assistant, question)
    assert "公用经费" in a and shipped in a
    assert "公用经费" in b and second in b


def test_one_item_alone_is_not_its_list(assistant):
    answer = _ask(assistant, "差旅费花了多少")
    assert "1475.09" not in answer  # the report states no figure for travel alone: never the whole list's
    # each item's own figure is asked: not read as the list's subject
    assert "公用经费" not in assistant.understanding.read("水费和电费各自花了多少").subjects


def test_keeping_the_body_running_versus_projects_shares(assistant):
    answer = _ask(assistant, "养人养机构的钱跟做项目的钱分别占多大比例")
    assert "22.88%" in answer and "77.12%" in answer


def test_all_from_the_budget(assistant, fixture_assistant):
    assert "100%" in _ask(assistant, "单位的钱是不是全部都是财政给的")
    assert "97.18%" in _ask(fixture_assistant, "单位的钱是不是全部都是财政给的")


@pytest.mark.parametrize("question", ["项目支出是个啥概念", "基本支出啥意思"])
def test_concept_asks_get_the_glossary(both_assistants, question):
    answer = _ask(both_assistants, question)
    assert "：指" in answer or ("指" in answer and "名词解释" in answer)
    assert "万元" not in answer


def test_a_term_inside_a_glossary_entry(assistant):
    answer = _ask(assistant, "名词解释中公务接待费反映的是哪些支出")
    assert "各类公务接待" in answer
    assert "因公出国" not in answer  # the 三公 entry's own first sentence is not what was asked


def test_self_evaluation_count(assistant):
    assert "12个项目" in _ask(assistant, "做自评的有几个项目").replace(" ", "")
    assert "12" in _ask(assistant, "搞自评的项目有多少个")


def test_spent_out_total(both_assistants):
    answer = _ask(both_assistants, "讲白了，这单位一年总共花出去多少钱")
    assert "本年支出合计" in answer


def test_duties_asked_of_this_body_is_no_clarify(fixture_assistant):
    result = fixture_assistant.ask("这个单位具体负责哪些系统平台的建设运维")
    assert result.status != "clarify"
    assert "共享交换平台" in result.answer
