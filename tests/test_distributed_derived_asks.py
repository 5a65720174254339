"""Derived asks inside compound questions: an operation asked of several subjects is worked for each of them (the
prior year from the stated change, the budget from the completion rate, each indicator row's gap to its target),
a clause that only says how to work it out asks nothing of its own, and a later derived ask (a gap after a ratio,
"比Y多多少" after a share or a difference, a prior year after a change, a score's gap to full marks) gets its own
calculator step. On both reports of the template where the report holds the figures."""

from __future__ import annotations

from decimal import Decimal

from assistant_support import answered_text, ask, cents, figure

from assistant.service import Assistant


def ok_results(a: Assistant, question: str, operation: str, history: list[dict] | None = None) -> set[str]:
    answer = ask(a, question, history)
    assert answer.status == "answered", answer.answer
    assert all(n.verified for n in answer.numbers), [n.text for n in answer.numbers if not n.verified]
    return {c.result for c in answer.checks if c.operation == operation and c.ok}


def prior(a: Assistant, subject: str) -> str:
    return cents(figure(a, subject) - figure(a, subject, "比上年增减额"))


def test_the_prior_year_of_each_subject_after_a_method_clause(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "照报告里写的增减额往回推，上一年度公务接待费和三公经费分别是多少？"
    results = ok_results(a, question, "prior_year")
    assert {prior(a, "公务接待费"), prior(a, "三公经费")} <= results


def test_the_budget_of_each_subject_when_the_method_comes_first(both_assistants: Assistant) -> None:
    """ "拿完成率倒推一下" says how, not what: it is no ask of its own, and both subjects get a budget."""
    a = both_assistants
    question = "拿完成预算的比例倒推一下，公务接待费和公务用车购置及运行维护费的预算各多少？"
    answer = ask(a, question)
    assert "报告中没有找到" not in answer.answer, answer.answer
    budgets = {c.result for c in answer.checks if c.operation == "budget" and c.ok}
    for subject in ("公务接待费", "公务用车购置及运行维护费"):
        budget = figure(a, subject) / figure(a, subject, "预算完成率") * 100
        assert cents(budget) in budgets, (subject, answer.answer)


def test_a_part_that_makes_up_its_total_alone_uses_the_totals_change(both_assistants: Assistant) -> None:
    """No car was bought: the running costs are the whole 公务用车购置及运行维护费, whose change the report states."""
    a = both_assistants
    year = a.report.year - 1
    text = answered_text(a, f"{year}年的公务用车运行维护费是多少？", "公务用车购置及运行维护费")
    assert prior(a, "公务用车购置及运行维护费") in text
    rate = figure(a, "公务用车购置及运行维护费", "预算完成率")
    budgets = ok_results(a, "公务用车运行维护费的预算大概是多少？", "budget")
    assert cents(figure(a, "公务用车运行维护费") / rate * 100) in budgets


def test_a_gap_asked_after_a_ratio_of_two(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "公务用车购置及运行维护费相当于公务接待费的几倍？它们差多少？"
    gaps = ok_results(a, question, "difference")
    assert cents(figure(a, "公务用车购置及运行维护费") - figure(a, "公务接待费")) in gaps


def test_a_chain_of_comparisons_keeps_the_first_subject(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "基本支出多少？比项目支出少了多少？又比人员经费多了多少？"
    gaps = ok_results(a, question, "difference")
    basic = figure(a, "基本支出")
    assert {cents(figure(a, "项目支出") - basic), cents(basic - figure(a, "人员经费"))} <= gaps


def test_a_share_then_a_comparison_compares_the_shares_part(both_assistants: Assistant) -> None:
    a = both_assistants
    question = "项目支出占本年支出合计的比重是多少？比基本支出多多少？"
    gaps = ok_results(a, question, "difference")
    assert cents(figure(a, "项目支出") - figure(a, "基本支出")) in gaps


def test_a_stated_change_given_first_asks_the_prior_year(both_assistants: Assistant) -> None:
    a = both_assistants
    change = figure(a, "收支总计", "比上年增减额")
    said = f"{'增加' if change > 0 else '减少'}了{abs(change)}万元"
    question = f"听说{a.report.year}年收支总计比上年{said}，那{a.report.year - 1}年的收支总计是多少？"
    assert prior(a, "收支总计") in ok_results(a, question, "prior_year")


def test_a_follow_up_asking_the_change_then_the_prior_year(both_assistants: Assistant) -> None:
    a = both_assistants
    history = [
        {"role": "user", "content": "公务接待费花了多少钱？"},
        {"role": "assistant", "content": f"公务接待费 {figure(a, '公务接待费')} 万元。"},
    ]
    text = answered_text(a, "跟上一年比变了多少？上一年是多少？", history=history)
    assert str(abs(figure(a, "公务接待费", "比上年增减额"))) in text
    assert prior(a, "公务接待费") in ok_results(a, "跟上一年比变了多少？上一年是多少？", "prior_year", history)


def test_each_indicator_row_gets_its_own_gap(assistant: Assistant) -> None:
    a = assistant
    project = next(p for p in a.report.projects if "12345" in p.name)
    rows = {r.name: r for r in project.indicators}
    question = "12345热线平台的服务群众人次、好评数量各自比指标值高出多少？"
    gaps = ok_results(a, question, "difference")
    for name in ("服务群众人次", "好评数量"):
        row = rows[name]
        actual = Decimal(row.actual.rstrip("万次条"))
        target = Decimal(row.target.lstrip("＝≥").rstrip("万次条"))
        assert any(Decimal(g) == actual - target for g in gaps), (name, gaps)


def test_a_score_gap_to_full_marks(both_assistants: Assistant) -> None:
    a = both_assistants
    for project in (
        min(a.report.projects, key=lambda p: p.self_score),
        max(a.report.projects, key=lambda p: p.self_score),
    ):
        gaps = ok_results(a, f"{project.name}的自评总分距离满分还差多少？", "difference")
        assert any(Decimal(g) == 100 - project.self_score for g in gaps), (project.name, gaps)


def test_a_monthly_figure_after_a_yearly_one(both_assistants: Assistant) -> None:
    a = both_assistants
    monthly = ok_results(a, "公务接待费全年支出多少？折合每个月多少？", "ratio")
    assert cents(figure(a, "公务接待费") / 12) in monthly
    rent = next((p for p in a.report.projects if p.executed), None)
    assert rent is not None
    monthly = ok_results(a, f"{rent.name}一年执行了多少钱？按月算呢？", "ratio")
    assert cents(rent.executed / 12) in monthly
