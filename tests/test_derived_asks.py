"""Derived values asked across the asks of a question or a conversation: the operation chosen from the ask (a
share of a collection's column total, the rest of a total outside a named part, a ratio or difference whose other
side an earlier ask named, the unspent part of a budget worked back, a budget of every part of a total), the level
of a ranking kept, and each step worked out by the calculator. On both reports of the template where it applies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from assistant_support import answered_with, ask, cents, figure, stated

from assistant.service import Assistant


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{cents(part / whole * 100)}%"


def ok_checks(answer, operation: str) -> set[str]:
    return {c.result for c in answer.checks if c.operation == operation and c.ok}


def executed_total(a: Assistant) -> Decimal:
    return sum((p.executed for p in a.report.projects if p.executed is not None), Decimal(0))


def test_one_project_as_a_share_of_every_projects_column_total(both_assistants: Assistant) -> None:
    a = both_assistants
    biggest = max(a.report.projects, key=lambda p: p.executed or 0)
    total = executed_total(a)
    question = f"{biggest.name}的执行数占全部自评项目执行数合计的几成？"
    answer = answered_with(a, question, str(biggest.executed), cents(total), percent(biggest.executed, total))
    assert percent(biggest.executed, total) in ok_checks(answer, "share")


def test_a_figure_then_its_share_of_the_column_total(both_assistants: Assistant) -> None:
    """The second ask names no project: it is about the figure the first ask gave."""
    a = both_assistants
    smallest = min((p for p in a.report.projects if p.executed), key=lambda p: p.executed)
    total = executed_total(a)
    question = f"{smallest.name}执行了多少？占所有项目执行数加起来的比例是多少？"
    answer = answered_with(a, question, str(smallest.executed), percent(smallest.executed, total))
    assert percent(smallest.executed, total) in ok_checks(answer, "share")


def test_two_projects_from_the_last_answer_summed_then_their_share(assistant: Assistant) -> None:
    a = assistant
    two = sorted(a.report.projects, key=lambda p: p.adjusted_budget or 0)[:2]
    history = [
        {"role": "user", "content": "调整后预算最少的两个项目是哪两个？"},
        {"role": "assistant", "content": "、".join(p.name for p in two) + "。"},
    ]
    both = sum((p.adjusted_budget for p in two), Decimal(0))
    total = sum((p.adjusted_budget for p in a.report.projects if p.adjusted_budget is not None), Decimal(0))
    answer = ask(a, "这两个加起来调整后预算多少？占全部项目调整后预算合计的比重？", history)
    assert answer.status == "answered"
    assert cents(both) in answer.answer and percent(both, total) in answer.answer
    assert percent(both, total) in ok_checks(answer, "share")


def test_the_rest_of_a_total_outside_the_part_named(both_assistants: Assistant) -> None:
    """ "没授予中小企业的" is the total less that part, never the part's own figure or share."""
    a = both_assistants
    total, part = figure(a, "政府采购支出总额"), figure(a, "授予中小企业合同金额")
    for question in ("政府采购合同里没有授予中小企业的金额有多少？", "采购合同中不属于中小企业的那部分是多少钱？"):
        answer = answered_with(a, question, cents(total - part))
        assert cents(total - part) in ok_checks(answer, "difference")
        assert "核对" not in answer.answer  # the lines under the total split it two ways: no false check


def test_the_rest_asked_after_another_ask(both_assistants: Assistant) -> None:
    a = both_assistants
    total, part = figure(a, "政府采购支出总额"), figure(a, "授予中小企业合同金额")
    question = "政府采购支出总额是多少？非中小企业拿到的合同金额是多少？"
    answer = answered_with(a, question, str(total), cents(total - part))
    assert "占本年支出合计" not in answer.answer


def test_a_ratio_after_a_difference_takes_both_sides(both_assistants: Assistant) -> None:
    a = both_assistants
    staff, office = figure(a, "人员经费"), figure(a, "公用经费")
    answer = answered_with(a, "人员经费比公用经费多多少？相当于公用经费的多少倍？", cents(staff - office))
    assert cents(staff / office) in ok_checks(answer, "ratio")


def test_a_ratio_asked_of_it_after_a_figure(both_assistants: Assistant) -> None:
    a = both_assistants
    projects, basic = figure(a, "项目支出"), figure(a, "基本支出")
    answer = answered_with(a, "基本支出多少？项目支出是它的几倍？", str(basic))
    assert cents(projects / basic) in ok_checks(answer, "ratio")


@pytest.mark.parametrize("follow_up", ["这比公用经费多多少？", "它跟公用经费比，差多少？"])
def test_a_follow_up_compares_the_last_subject_with_a_new_one(both_assistants: Assistant, follow_up: str) -> None:
    a = both_assistants
    staff, office = figure(a, "人员经费"), figure(a, "公用经费")
    history = [{"role": "user", "content": "人员经费花了多少？"}, {"role": "assistant", "content": f"{staff}万元。"}]
    answer = ask(a, follow_up, history)
    assert answer.status == "answered" and cents(staff - office) in ok_checks(answer, "difference")


def test_a_budget_worked_back_then_what_was_left(both_assistants: Assistant) -> None:
    a = both_assistants
    spent, rate = figure(a, "公务接待费"), figure(a, "公务接待费", "预算完成率")
    budget = Decimal(cents(spent / rate * 100))
    question = "公务接待费根据完成率倒推预算大约多少？还有多少没用掉？"
    answered_with(a, question, cents(budget), cents(budget - spent))


def test_every_part_of_a_total_asked_for_what_is_left(both_assistants: Assistant) -> None:
    """出国、用车、接待 are every part of 三公经费: its own completion rate gives the budget left."""
    a = both_assistants
    spent, rate = figure(a, "三公经费"), figure(a, "三公经费", "预算完成率")
    budget = Decimal(cents(spent / rate * 100))
    answered_with(a, "因公出国、公务用车、公务接待这几样的预算最后还剩多少没用？", cents(budget - spent))


def test_a_ranking_of_classes_stays_with_the_classes(assistant: Assistant) -> None:
    a = assistant
    classes = [e.name for e in a.understanding.catalogue.members("level:类")]
    ranked = sorted(classes, key=lambda s: figure(a, s), reverse=True)
    answer = answered_with(a, "一般公共预算拨款支出按类看，哪一类最多？", ranked[0])
    history = [
        {"role": "user", "content": "一般公共预算拨款支出按类看，哪一类最多？"},
        {"role": "assistant", "content": answer.answer},
    ]
    second = ask(a, "排第二的类是哪个？金额多少？", history)
    assert second.status == "answered" and ranked[1] in second.answer and str(figure(a, ranked[1])) in second.answer
    assert "（项）" not in second.answer.split("。")[0]


def test_three_classes_by_their_bare_names_all_added(assistant: Assistant) -> None:
    a = assistant
    names = ("教育支出", "卫生健康支出", "住房保障支出")
    total = sum((figure(a, n) for n in names), Decimal(0))
    answer = answered_with(a, "教育、卫生健康、住房保障这三类合起来是多少？", cents(total))
    assert cents(total) in ok_checks(answer, "sum")


def test_money_used_as_a_percentage_is_the_execution_rate(both_assistants: Assistant) -> None:
    a = both_assistants
    project = max(a.report.projects, key=lambda p: p.adjusted_budget or 0)
    answer = answered_with(a, f"{project.name}的预算花掉了百分之几？负责人是谁？", project.leader)
    assert f"{project.execution_rate}%" in answer.answer or f"{cents(project.execution_rate)}%" in answer.answer


def test_a_space_between_two_asks_separates_them(both_assistants: Assistant) -> None:
    a = both_assistants
    spent, whole = figure(a, "项目支出"), figure(a, "本年支出合计")
    answered_with(a, "项目支出有多少 在总支出里占几成", str(spent), percent(spent, whole))


def test_several_subjects_said_unspent_then_their_reasons(assistant: Assistant) -> None:
    """ "X、Y这几项都没花完" states a premise about the subjects named: their figures, then each one's reason; never
    a difference of two of them, never the project tables."""
    a = assistant
    names = ("培训支出", "住房公积金")
    answer = ask(a, "培训支出、住房公积金这两项都没花完，背后的原因是什么？")
    assert answer.status == "answered" and "上一问所指" not in answer.answer
    assert not ok_checks(answer, "difference")
    assert answer.answer.count("主要原因") >= len(names) or answer.answer.count("原因") >= len(names)


def _share_stated(a: Assistant, subject: str) -> Decimal:
    return next(f.value for f in a.report.facts if f.subject == subject and f.measure == "占比" and not f.scope)


@pytest.mark.parametrize("where", ["支出结构里", "财政拨款支出决算结构中"])
def test_the_structure_names_where_two_classes_stand_not_a_subject(both_assistants: Assistant, where: str) -> None:
    """"结构里，X和Y各多少、各占多少": both classes' amounts and shares, never a refusal of a subject 结构."""
    a = both_assistants
    question = f"一般公共预算{where}，住房保障支出和教育支出分别是多少，占比分别多少？"
    housing, schooling = figure(a, "住房保障支出"), figure(a, "教育支出")
    answer = answered_with(a, question, cents(housing), cents(schooling))
    for subject in ("住房保障支出", "教育支出"):
        assert f"{cents(_share_stated(a, subject))}%" in answer.answer, answer.answer
    assert "结构”" not in answer.answer


def test_a_share_after_a_projects_remainder_is_the_remainders_share(both_assistants: Assistant) -> None:
    """"还剩多少没花，占调整后预算百分之几": the remainder, then its share of the adjusted budget."""
    a = both_assistants
    short = [p for p in a.report.projects if p.adjusted_budget and p.executed is not None]
    project = min((p for p in short if p.executed < p.adjusted_budget), key=lambda p: p.executed / p.adjusted_budget)
    left = project.adjusted_budget - project.executed
    question = f"{project.name}还剩多少预算没有用掉，这部分占调整后预算百分之几？"
    answer = answered_with(a, question, cents(left), percent(left, project.adjusted_budget))
    assert percent(left, project.adjusted_budget) in ok_checks(answer, "share")


def test_two_per_unit_averages_of_one_figure_are_both_worked_out(both_assistants: Assistant) -> None:
    """"平均每批、每人次": the reception money over its batches and over its persons."""
    a = both_assistants
    money = figure(a, "公务接待费") * 10000
    answer = ask(a, "招待客人的钱摊到每批次和每人次，各是多少元？")
    assert answer.status == "answered", answer.answer
    for unit in ("批次", "人次"):
        count = stated(a.report, "国内公务接待", "数量", unit=unit).value
        assert f"平均每{unit} = " in answer.answer and f"{cents(money / count)} 元" in answer.answer, answer.answer
