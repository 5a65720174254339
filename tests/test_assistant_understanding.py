"""Classes of questions people ask in their own words, on both reports: a difference of two stated figures
(what is left, what was not spent), a cost per unit whose count the report states, the later asks of a compound
question about one project, follow-ups whose subject only the previous answer names, a count and a property of
what was counted in one question, and subjectless vague questions (asked back, never answered with a figure).

Expected figures are worked out here from the report's own facts, so each test holds on any report that states
them; every figure an answer shows must come from a cited fact or an `ok` calculator check."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import answered_verified, ask

from assistant.calculator import format_number
from assistant.service import Assistant
from corpus import Fact, Report


def fact(report: Report, subject: str, measure: str = "决算数", unit: str = "") -> Fact:
    found = [f for f in report.facts if f.subject == subject and f.measure == measure and not f.scope]
    found = [f for f in found if not unit or f.unit == unit]
    assert found, f"{subject} {measure} not stated"
    return found[0]


def two(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


answered = answered_verified


def turn(question: str, reply: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": reply}]


# ---------------------------------------------------------------- 1. differences of stated figures
def test_a_total_less_the_part_said_not_to_be_in_it(both_assistants: Assistant) -> None:
    report = both_assistants.report
    total, part = fact(report, "政府采购支出总额"), fact(report, "授予中小企业合同金额")
    answer = answered(both_assistants, "政府采购的合同里，不是给中小企业的那部分有多少钱？")
    result = two(total.value - part.value)
    assert f"{two(total.value)} − {two(part.value)} = {result}" in answer.answer
    assert any(c.result == result and c.ok for c in answer.checks)


def test_a_gap_asked_after_a_budget_worked_out_is_budget_less_spending(both_assistants: Assistant) -> None:
    report = both_assistants.report
    subject = "住房保障支出（类）住房改革支出（款）住房公积金（项）"
    spent, rate = fact(report, subject), fact(report, subject, "预算完成率")
    budget = (spent.value / rate.value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    answer = answered(both_assistants, "住房公积金的预算按完成比例推回去是多少？和决算相差多少？")
    assert f"{two(budget)} − {two(spent.value)} = {two(budget - spent.value)}" in answer.answer
    assert answer.answer.count("据此推算") == 1  # one ask, not the 决算 looked up a second time


def test_a_project_budget_cut_and_what_was_not_executed(fixture_assistant: Assistant) -> None:
    project = next(p for p in fixture_assistant.report.projects if p.initial_budget != p.adjusted_budget)
    assert project.initial_budget is not None and project.adjusted_budget is not None
    assert project.executed is not None
    answer = answered(fixture_assistant, f"{project.name}调整后预算比年初少了多少？还有多少没执行？")
    cut = project.initial_budget - project.adjusted_budget
    assert f"= {two(project.initial_budget)} − {two(project.adjusted_budget)} = {two(cut)}" in answer.answer
    assert f"= {two(project.adjusted_budget)} − {two(project.executed)}" in answer.answer
    assert answer.answer.count("预算执行率 =") == 1  # the table's figures said once


# ---------------------------------------------------------------- 2. cost per unit
@pytest.mark.parametrize("question", ["国内公务接待人均花了多少元？", "算下来接待一个人平均要花多少元"])
def test_per_person_cost_divides_by_the_person_times_stated(both_assistants: Assistant, question: str) -> None:
    report = both_assistants.report
    amount, count = fact(report, "国内公务接待费"), fact(report, "国内公务接待", "数量", "人次")
    answer = answered(both_assistants, question)
    assert f"÷ {count.value}" in answer.answer and "每人次" in answer.answer
    per_yuan = two(amount.value * 10000 / count.value)
    assert per_yuan in answer.answer or two(amount.value / count.value) in answer.answer


def test_per_batch_ask_after_a_per_person_ask_keeps_yuan(both_assistants: Assistant) -> None:
    report = both_assistants.report
    amount, batches = fact(report, "国内公务接待费"), fact(report, "国内公务接待", "数量", "批次")
    answer = answered(both_assistants, "国内公务接待换算成元，平均每人多少？平均每批多少？")
    assert f"÷ {batches.value} = {two(amount.value * 10000 / batches.value)} 元" in answer.answer


def test_a_project_spending_per_square_metre_its_rows_state(assistant: Assistant) -> None:
    project = next(p for p in assistant.report.projects if any(r.unit == "平方米" for r in p.indicators))
    area = next(r for r in project.indicators if r.unit == "平方米")
    answer = answered(assistant, f"{project.name}的钱摊到每平方米是多少元？")
    assert f"÷ {area.actual}" in answer.answer and "每平方米" in answer.answer


# ---------------------------------------------------------------- 3. compound asks of one project
def test_a_row_figure_then_the_project_leader(both_assistants: Assistant) -> None:
    project = both_assistants.report.projects[0]
    row = project.indicators[0]
    answer = answered(both_assistants, f"{project.name}的{row.name}完成了多少？项目负责人是谁？")
    assert row.actual in answer.answer
    assert project.leader in answer.answer
    assert answer.answer.index(row.actual) < answer.answer.index(project.leader)


def test_this_rows_score_is_the_rows_own(assistant: Assistant) -> None:
    project, row = next(
        (p, r) for p in assistant.report.projects for r in p.indicators if r.score is not None and r.score < r.weight
    )
    answer = answered(assistant, f"{project.name}的{row.name}完成值是多少？这项打了几分？")
    assert f"得分 {row.score} 分" in answer.answer
    assert str(project.self_score) not in answer.answer.split("得分")[-1]


def test_a_spending_figure_then_why_it_fell_short(both_assistants: Assistant) -> None:
    subject = "教育（类）进修及培训（款）培训支出（项）"
    rate = fact(both_assistants.report, subject, "预算完成率")
    answer = answered(both_assistants, "培训支出完成预算多少，差在哪？")
    assert f"{two(rate.value)}%" in answer.answer and "原因" in answer.answer


# ---------------------------------------------------------------- 4. follow-ups on the previous answer
def test_last_year_after_a_total_asked_in_everyday_words(both_assistants: Assistant) -> None:
    report = both_assistants.report
    now, change = fact(report, "三公经费"), fact(report, "三公经费", "比上年增减额")
    history = turn("三公经费总共用了多少？", f"“三公”经费支出{now.value}万元。")
    answer = answered(both_assistants, "那去年呢", history)
    assert f"{report.year - 1} 年“三公”经费 =" in answer.answer
    assert two(now.value - change.value) in answer.answer
    assert "本年支出合计" not in answer.answer


def test_a_person_named_only_in_the_answer(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    project = projects[0]
    led = [p.name for p in projects if p.leader == project.leader]
    reply = f"项目负责人是{project.leader}，财务负责人是{project.finance_leader}。"
    history = turn(f"{project.name}的负责人是谁？", reply)
    answer = answered(both_assistants, "她另外还管着哪几个项目？", history)
    assert f"{project.leader}是以下 {len(led)} 个项目的项目负责人" in answer.answer


def test_the_other_projects_after_one(fixture_assistant: Assistant) -> None:
    first, *others = fixture_assistant.report.projects
    history = turn(f"{first.name}是谁负责的？", f"项目负责人是{first.leader}。")
    answer = answered(fixture_assistant, "其他几个项目的负责人呢？", history)
    assert all(p.leader in answer.answer for p in others)
    assert first.name not in answer.answer


# ---------------------------------------------------------------- 5. a count and a property of what was counted
def test_a_rankings_winner_as_a_share_of_the_column_total(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    top = max(projects, key=lambda p: p.executed or 0)
    total = sum((p.executed or Decimal(0)) for p in projects)
    answer = answered(both_assistants, "哪个项目执行数最多？占全部项目执行数合计的百分比是多少？")
    share = (top.executed / total * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert top.name in answer.answer and f"{share}%" in answer.answer


def test_a_collections_overall_rate_is_a_ratio_of_sums(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    spent = sum((p.executed or Decimal(0)) for p in projects)
    budget = sum((p.adjusted_budget or Decimal(0)) for p in projects)
    answer = answered(both_assistants, "所有自评项目调整后预算一共多少？整体执行率是多少？")
    rate = (spent / budget * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"{two(spent)} ÷ {two(budget)} × 100% = {rate}%" in answer.answer


def test_the_projects_own_total_never_the_reports(both_assistants: Assistant) -> None:
    projects = both_assistants.report.projects
    answer = answered(both_assistants, f"做了自评的这{len(projects)}个项目实际一共花了多少？")
    assert two(sum((p.executed or Decimal(0)) for p in projects)) in answer.answer
    assert "本年支出合计" not in answer.answer


# ---------------------------------------------------------------- 6. subjectless vague questions
@pytest.mark.parametrize("question", ["完成了没有", "到底达标了吗？"])
def test_a_subjectless_completion_question_is_asked_back(both_assistants: Assistant, question: str) -> None:
    answer = ask(both_assistants, question)
    assert answer.status == "clarify"
    assert 2 <= len(answer.suggestions) <= 4
    assert not any(ch.isdigit() for ch in answer.answer.split("可以这样问")[0])


def test_the_next_place_after_an_answer_that_named_the_largest_class(both_assistants: Assistant) -> None:
    report = both_assistants.report
    classes = [e.name for e in both_assistants.catalogue.members("level:类")]
    ranked = sorted(classes, key=lambda name: fact(report, name).value, reverse=True)
    first = fact(report, ranked[0])
    history = turn("钱大部分用在哪一类？", f"主要是{first.subject}{first.value}万元。")
    answer = answered(both_assistants, "第二多的呢", history)
    assert f"第二多的是{both_assistants.router.kit.name(ranked[1])}" in answer.answer


def test_a_prior_year_from_the_change_the_question_itself_cites(both_assistants: Assistant) -> None:
    report = both_assistants.report
    now, change = fact(report, "收支总计"), fact(report, "收支总计", "比上年增减额")
    answer = answered(both_assistants, f"收支总计比上年有变化，据此推算{report.year - 1}年度收支总计是多少？")
    assert f"{report.year - 1} 年收支总计 =" in answer.answer and two(now.value - change.value) in answer.answer


def test_a_share_of_the_whole_said_short_for_the_total_just_named(both_assistants: Assistant) -> None:
    report = both_assistants.report
    whole, staff = fact(report, "一般公共预算财政拨款基本支出"), fact(report, "人员经费")
    question = "一般公共预算财政拨款基本支出里，人员经费、公用经费分别是多少？分别占基本支出百分之多少？"
    answer = answered(both_assistants, question)
    share = (staff.value / whole.value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"{format_number(staff.value)} ÷ {format_number(whole.value)} × 100% = {share}%" in answer.answer


def test_a_percentage_bound_on_a_budget_filters_the_execution_rate(both_assistants: Assistant) -> None:
    # "预算…低于 N%": a percentage bounds each project's execution rate, never its budget amount; the bound is the
    # question's own number, shown by the filter's calculation (never unverified).
    rates = [p.execution_rate for p in both_assistants.report.projects if p.execution_rate is not None]
    bound = sorted(rates)[len(rates) // 2] + Decimal("0.5")
    expected = sum(1 for r in rates if r < bound)
    answer = answered(both_assistants, f"有几个项目的预算完成比例低于{format_number(bound)}%？")
    assert "执行率" in answer.answer
    assert f"有 {expected} 个" in answer.answer
