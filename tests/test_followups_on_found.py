"""Follow-ups that ask a derived value or a property of what the previous turn found: the budget worked back
from the completion rate the last answer gave, the self-evaluation of the one project just named ("它的绩效自评"),
and the completion ratio of the one indicator row the last answer found."""

from __future__ import annotations

from assistant_support import ask

from assistant.service import Assistant


def after(assistant: Assistant, question: str, said: str, follow_up: str) -> str:
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": said}]
    answer = ask(assistant, follow_up, history)
    assert answer.status == "answered", answer.answer
    return answer.answer


def test_budget_worked_back_from_the_rate_the_last_answer_gave(assistant: Assistant) -> None:
    text = after(
        assistant,
        "预算完成得怎么样",
        "一般公共预算支出决算20685.29万元，完成预算95.98%。",
        "照这样算预算数是多少",
    )
    assert "21551.67" in text and "20685.29 ÷ 95.98%" in text


def test_budget_and_unspent_of_a_total_stated_under_its_overall_name(fixture_assistant: Assistant) -> None:
    text = after(
        fixture_assistant,
        "一般公共预算财政拨款支出有多少",
        "一般公共预算财政拨款支出8398.46万元，完成预算93.47%。",
        "那原来的预算大约多少？剩下多少没用掉？",
    )
    assert "8985.19" in text and "586.73" in text
    assert "一般公共预算支出" in text  # says whose rate the budget is worked from


def test_its_self_evaluation_is_the_project_just_named(fixture_assistant: Assistant) -> None:
    text = after(
        fixture_assistant,
        "城市运行数据中台建设项目花了多少钱",
        "执行251.35万元。",
        "它的绩效自评扣分主要扣在哪",
    )
    assert "97.5" in text and "系统终验通过率" in text
    assert "公共数据开放平台" not in text  # not every project's self-evaluation


def test_completion_ratio_of_the_row_the_last_answer_found(assistant: Assistant) -> None:
    text = after(
        assistant,
        "四川一体化政务服务平台运维服务项目有哪个指标没达到目标",
        "归集电子证照数量没有达到目标。",
        "完成了百分之多少",
    )
    assert "95.63%" in text and "归集电子证照数量" in text
    assert "207.80" not in text  # the row's ratio, not the project's budget execution


def test_the_table_rate_still_means_the_project_money(assistant: Assistant) -> None:
    text = after(
        assistant,
        "四川一体化政务服务平台运维服务项目有哪个指标没达到目标",
        "归集电子证照数量没有达到目标。",
        "预算执行率是多少",
    )
    assert "100" in text and "403566013 ÷ 422000000" not in text
