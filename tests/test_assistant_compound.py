"""Compound questions: each ask of a question answered in turn (the shared subject and measure carried to the asks
that leave them out), an ask about what an earlier ask found, an ask the report cannot answer refused by itself,
citation markers in order of first use. On both reports of the template."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from assistant_support import DIGIT, MARKER, answered_with, ask

from assistant.service import Assistant
from assistant.understand.plan import Op


def amount(assistant: Assistant, subject: str) -> Decimal:
    facts = [f for f in assistant.report.facts if f.subject == subject and f.measure == "决算数" and not f.scope]
    return facts[0].value


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def first_use_order(text: str) -> list[int]:
    seen: list[int] = []
    for n in MARKER.findall(text):
        if int(n) not in seen:
            seen.append(int(n))
    return seen


def test_each_figure_and_its_share_of_a_named_whole(both_assistants: Assistant) -> None:
    """ "X和Y分别是多少？各占Z的比例是多少？" is four steps: two figures, then each one's share of Z."""
    a = both_assistants
    staff, office, basic = amount(a, "人员经费"), amount(a, "公用经费"), amount(a, "基本支出")
    question = "人员经费和公用经费分别是多少？各占基本支出的比例是多少？"
    answer = answered_with(a, question, str(staff), str(office), percent(staff, basic), percent(office, basic))
    plan = a.understand(question)
    assert len(plan.parts) == 2 and [s.op for s in plan.steps].count(Op.SHARE) == 2
    shares = {c.result for c in answer.checks if c.operation == "share"}
    assert shares >= {percent(staff, basic), percent(office, basic)}
    assert first_use_order(answer.answer) == sorted(first_use_order(answer.answer))


def test_a_ranking_then_a_property_of_what_it_found(both_assistants: Assistant) -> None:
    """The second ask is about the project the first ask found: its step reads the first step's result."""
    a = both_assistants
    smallest = min(a.report.projects, key=lambda p: p.adjusted_budget or Decimal(0))
    question = "调整后预算最少的项目是哪个？它的负责人是谁？"
    answered_with(a, question, smallest.name, smallest.leader)
    plan = a.understand(question)
    follow = plan.steps[-1]
    assert follow.targets[0].kind == "found" and follow.inputs == (0,) and follow.part == 1


def test_figure_change_and_reason_answered_in_order(both_assistants: Assistant) -> None:
    a = both_assistants
    fact = next(f for f in a.report.facts if f.subject == "公务接待费" and f.reason and not f.scope)
    answer = answered_with(a, "公务接待费是多少？比上年变化了多少？为什么？", str(amount(a, "公务接待费")))
    reason = re.sub(r"^.*?原因(是|为)?", "", fact.reason).strip("：:，。 ")[:8]
    assert reason in answer.answer
    assert answer.answer.index(str(amount(a, "公务接待费"))) < answer.answer.index(reason)


def test_an_ask_the_report_cannot_answer_is_refused_alone(both_assistants: Assistant) -> None:
    """The figure is answered; last year's completion rate (which no change gives) is refused by name, with no
    figure in that sentence."""
    a = both_assistants
    answer = answered_with(a, "三公经费是多少？上年的预算完成率是多少？", "关于“上年的预算完成率是多少”")
    refusal = answer.answer.split("关于“上年的预算完成率是多少”")[1]
    assert not DIGIT.search(refusal), refusal


def test_personal_data_in_one_ask_never_borrows_a_figure(both_assistants: Assistant) -> None:
    a = both_assistants
    leader = a.report.projects[0].leader
    answer = ask(a, f"{a.report.projects[0].name}的负责人是谁？{leader}一个月工资多少？")
    assert answer.status == "answered" and leader in answer.answer
    refusal = answer.answer.split("工资")[-1]
    assert "工资" in answer.answer and not DIGIT.search(refusal)


def test_asks_about_one_projects_text_are_read_together(assistant: Assistant) -> None:
    """Why a project does something and what it did are read from its table together, not split."""
    plan = assistant.understand("办公用房租赁项目为什么要租，租了以后干了什么？")
    assert not plan.parts
