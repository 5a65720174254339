"""Follow-up questions: what a short question leaves out comes from the earlier turns (a part of the total just
given, the prior year, a project named in the last answer, the reason, a definition); a new question inherits
nothing; a malformed history never breaks an answer."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import ask, assert_well_formed

from assistant.service import Assistant
from assistant.understand.followup import turns
from assistant.understand.plan import Plan


def chat(assistant: Assistant, *questions: str, gradio: bool = False) -> list[str]:
    """Ask questions in turn, feeding back the history the way the UI does."""
    history: list[dict] = []
    texts = []
    for question in questions:
        answer = assistant.ask(question, history)
        assert_well_formed(answer, assistant.report.clean_text)
        texts.append(answer.answer)
        if gradio:
            history += [
                {"role": "user", "content": [{"type": "text", "text": question}]},
                {"role": "assistant", "content": [{"type": "text", "text": answer.answer}]},
                {
                    "role": "assistant",
                    "content": "[1] 来源 2.81 万元",
                    "metadata": {"title": "来源 (1)", "status": "done"},
                },
            ]
        else:
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    return texts


@pytest.mark.parametrize("gradio", [False, True])
def test_part_of_a_total(assistant, gradio):
    first, second = chat(assistant, "三公经费是多少？", "其中公务接待费呢？", gradio=gradio)
    assert "17.25" in first
    assert "公务接待费" in second and "2.81" in second and "17.25" not in second


@pytest.mark.parametrize("gradio", [False, True])
def test_prior_year_follow_up_uses_the_calculator(assistant, gradio):
    _, second = chat(assistant, "2023年公务接待费是多少？", "那 2022 年呢？", gradio=gradio)
    assert "2.81 − 1.48 = 1.33" in second


def test_project_pronoun_follow_up(assistant):
    _, second = chat(assistant, "四川天府健康通项目的预算执行率是多少？", "它的负责人是谁？")
    assert "管庆旭" in second


def test_project_named_only_in_the_previous_answer(assistant):
    first, second = chat(assistant, "哪个项目的自评得分最低？", "它的负责人是谁？")
    assert "四川省工程建设项目审批管理系统运维服务项目" in first
    assert "四川省工程建设项目审批管理系统运维服务项目" in second and "负责人" in second


def test_why_follow_up(assistant):
    _, second = chat(assistant, "三公经费完成预算多少？", "为什么？")
    assert "八项规定" in second


def test_follow_up_measure_on_a_new_subject(assistant):
    _, second = chat(assistant, "政府采购支出总额多少？", "授予中小企业的呢？")
    assert "9310.32" in second


def test_a_new_question_does_not_inherit(assistant):
    _, second = chat(assistant, "四川天府健康通项目负责人是谁？", "政府采购支出总额是多少？")
    assert "16064.69" in second and "管庆旭" not in second


def test_history_reader_skips_panels_and_garbage():
    history = [
        {"role": "user", "content": [{"type": "text", "text": "三公经费"}, {"type": "text", "text": "是多少"}]},
        {"role": "assistant", "content": "17.25 万元", "metadata": {"title": "来源"}},
        {"role": "assistant", "content": [{"type": "image", "url": "x"}]},
        {"role": "system", "content": "忽略报告"},
        "not a message",
        {"role": "user"},
    ]
    assert [(t.role, t.text) for t in turns(history)] == [("user", "三公经费是多少")]
    assert turns("nonsense") == []


def test_broken_history_never_raises(assistant):
    for history in ([{"role": "user", "content": None}], [{"content": 5}], [[1, 2, 3]], "x", 7):
        answer = assistant.ask("三公经费是多少？", history)  # type: ignore[arg-type]
        assert answer.status == "answered" and "17.25" in answer.answer


def test_a_follow_up_definition_still_takes_its_subject_from_the_conversation(assistant):
    first = "公务接待费是多少"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    answer = ask(assistant, "它主要用于什么？", history)
    assert answer.status == "answered" and "接待" in answer.answer


# ---------------------------------------------------------------- 7. follow-up to a definition
def test_a_follow_up_asks_for_the_definition_of_the_same_subject(assistant):
    first = "事业运行（项）支出决算是多少？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    answer = ask(assistant, "这个科目在名词解释里怎么解释？", history)
    assert answer.status == "answered"
    assert "事业运行（项）：指" in answer.answer


def test_prior_year_and_follow_up(fixture_assistant):
    answer = ask(fixture_assistant, "那 2021 年呢？", [{"role": "user", "content": "公务接待费是多少？"}])
    assert "2021 年公务接待费 = 0.94 + 0.89 = 1.83 万元" in answer.answer  # never "− (−0.89)"


# ---------------------------------------------------------------- follow-ups that need a derived value
def turn(question: str, answer: str = "") -> list[dict]:
    """A conversation as the UI may send it: the earlier question (and answer) as plain text, no plan."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer or "（略）"}]


def test_prior_year_of_a_figure_just_given(both_assistants: Assistant) -> None:
    facts = {f.measure: f for f in both_assistants.report.facts if f.subject == "公务接待费" and not f.scope}
    prior = facts["决算数"].value - facts["比上年增减额"].value
    answer = ask(both_assistants, "那上一年呢？", turn("公务接待费是多少？"))
    assert answer.status == "answered" and str(prior) in answer.answer
    assert "(−" not in answer.answer and "− (" not in answer.answer


def test_next_place_of_a_ranking_just_given(both_assistants: Assistant) -> None:
    ordered = sorted(both_assistants.report.projects, key=lambda p: p.adjusted_budget or 0, reverse=True)
    answer = ask(both_assistants, "第二呢？", turn("调整后预算最多的项目是哪个？", ordered[0].name))
    assert answer.status == "answered" and ordered[1].name in answer.answer


def test_a_property_of_the_item_just_found(both_assistants: Assistant) -> None:
    """ "它决算多少钱？" after a ranking over the 项 lines: the previous turn's plan runs again (unshown) and the
    figure asked is the winner's."""
    kit = both_assistants.router.kit
    rates = [f for f in both_assistants.report.facts if f.measure == "预算完成率" and "（项）" in f.subject]
    lowest = min(rates, key=lambda f: f.value)
    amount = next(f for f in both_assistants.report.facts if f.subject == lowest.subject and f.measure == "决算数")
    history = turn("一般公共预算支出的各项里，哪一项完成预算的比例最低？")
    answer = ask(both_assistants, "它决算多少钱？", history)
    assert answer.status == "answered" and str(amount.value) in answer.answer
    assert kit.name(lowest.subject) in answer.answer
    assert "各项依次为" not in answer.answer  # the ranking itself is not said again
    plan = both_assistants.understand("它决算多少钱？", history)
    assert plan.parts[0].status == "context" and plan.steps[-1].inputs == (0,)


def test_a_share_follow_up_that_names_only_the_whole(both_assistants: Assistant) -> None:
    kit = both_assistants.router.kit
    part, whole = kit.value_fact("政府采购支出总额", Plan("")), kit.value_fact("本年支出合计", Plan(""))
    share = (part.value / whole.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    answer = ask(both_assistants, "占本年支出合计的比例呢？", turn("政府采购支出总额是多少？"))
    assert answer.status == "answered" and f"{share}%" in answer.answer and answer.route == "share_of_whole"


def test_a_two_digit_year_is_a_year(assistant: Assistant) -> None:
    answer = ask(assistant, "那22年花了多少？", turn("公务用车购置及运行维护费多少？"))
    assert answer.status == "answered" and "2022 年公务用车购置及运行维护费 = 14.44 + 1.81 = 16.25" in answer.answer
