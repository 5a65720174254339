"""The report's overview figures asked in everyday words, on both reports: the year's income and spending totals
asked with a verb (the report's own year written in), where the income comes from and with what shares, where
the money went (the largest 类 and its share), the basic and project spending's shares, the year's overall budget
rate, last year's total from the stated change, and the reasons the report gives for a change or a shortfall.

Expected figures are worked out here from the report's own facts, so each test holds on any report of the
template that states them; every number an answer shows must be a cited fact or an `ok` calculator check."""

from __future__ import annotations

from decimal import Decimal

from assistant_support import answered_verified, ask

from assistant.calculator import format_number
from assistant.service import Assistant
from corpus import Fact, Report


def fact(report: Report, subject: str, measure: str = "决算数") -> Fact:
    found = [f for f in report.facts if f.subject == subject and f.measure == measure and not f.scope]
    assert found, f"{subject} {measure} not stated"
    return found[0]


answered = answered_verified


def shown(value: Decimal) -> str:
    return format_number(value)


# ---------------------------------------------------------------- A. totals asked with a verb
def test_income_total_asked_with_a_verb_and_the_reports_own_year(both_assistants: Assistant) -> None:
    report = both_assistants.report
    income = fact(report, "本年收入合计")
    text = answered(both_assistants, f"这家单位{report.year}年总共收到多少钱").answer
    assert shown(income.value) in text and "本年收入合计" in text


def test_income_and_spending_asked_together_give_both(both_assistants: Assistant) -> None:
    report = both_assistants.report
    text = answered(both_assistants, f"{report.year}年一共收了多少钱，又一共花了多少").answer
    assert "本年收入合计" in text and "本年支出合计" in text
    assert shown(fact(report, "本年支出合计").value) in text


def test_a_named_items_own_total_is_not_the_years_total(both_assistants: Assistant) -> None:
    report = both_assistants.report
    text = answered(both_assistants, "三公经费全年一共花了多少").answer
    assert "本年支出合计" not in text
    assert shown(fact(report, "三公经费").value) in text


def test_another_years_income_is_refused_without_a_figure(both_assistants: Assistant) -> None:
    answer = ask(both_assistants, f"{both_assistants.report.year - 4}年一共收了多少钱")
    assert answer.status != "answered"
    assert not any(ch.isdigit() for ch in answer.answer.replace(str(both_assistants.report.year - 4), ""))


# ---------------------------------------------------------------- B. composition
def test_where_the_income_comes_from_gives_every_source_and_its_share(both_assistants: Assistant) -> None:
    report = both_assistants.report
    sources = [f for f in report.facts if f.parent == "本年收入合计" and f.measure == "占比" and not f.scope]
    assert sources
    text = answered(both_assistants, "单位的收入是哪些来源").answer
    for source in sources:
        assert source.subject in text and shown(source.value) in text


def test_whether_all_money_is_from_the_budget_answers_with_the_sources(both_assistants: Assistant) -> None:
    report = both_assistants.report
    share = fact(report, "一般公共预算财政拨款收入", "占比")
    text = answered(both_assistants, "他们是不是全靠财政拨的钱").answer
    assert "一般公共预算财政拨款收入" in text and shown(share.value) in text


def test_where_the_money_went_names_the_largest_class_and_its_share(both_assistants: Assistant) -> None:
    report = both_assistants.report
    total = fact(report, "一般公共预算财政拨款支出")
    classes = [f for f in report.facts if f.parent == "一般公共预算财政拨款支出" and f.measure == "决算数"]
    largest = max(classes, key=lambda f: f.value)
    share = (largest.value / total.value * 100).quantize(Decimal("0.01"))
    text = answered(both_assistants, "中心的钱主要都用在哪了").answer
    assert f"最多的是{largest.subject}" in text
    assert shown(share) in text


def test_running_costs_and_projects_each_as_a_share_of_spending(both_assistants: Assistant) -> None:
    report = both_assistants.report
    total = fact(report, "本年支出合计").value
    text = answered(both_assistants, "保运转和搞项目的花销各占多少比例").answer
    for subject in ("基本支出", "项目支出"):
        share = (fact(report, subject).value / total * 100).quantize(Decimal("0.01"))
        assert f"{subject} " in text and shown(share) in text
    assert "占项目支出的比例" not in text  # never one of the two as a share of the other


def test_two_named_parts_each_as_a_share_is_not_one_of_the_other(assistant: Assistant) -> None:
    text = answered(assistant, "基本支出、项目支出各占多少比例").answer
    assert "基本支出占项目支出" not in text and "占本年支出合计" in text


# ---------------------------------------------------------------- C. overall rate, last year's total
def test_the_years_overall_budget_rate(both_assistants: Assistant) -> None:
    rate = fact(both_assistants.report, "一般公共预算支出", "预算完成率")
    text = answered(both_assistants, "整体的预算执行了百分之多少").answer
    assert shown(rate.value) in text


def test_last_years_total_from_the_grand_totals_change(both_assistants: Assistant) -> None:
    report = both_assistants.report
    grand, change = fact(report, "收支总计"), fact(report, "收支总计", "比上年增减额")
    last = shown(grand.value - change.value)
    answer = answered(both_assistants, f"{report.year - 1}年一共用了多少钱")
    assert last in answer.answer
    assert "收支总计" in answer.answer  # said as the grand total's, the one whose change the report states
    assert any(c.operation == "prior_year" and c.ok for c in answer.checks)


def test_change_then_last_years_total_in_one_question(both_assistants: Assistant) -> None:
    report = both_assistants.report
    grand, change = fact(report, "收支总计"), fact(report, "收支总计", "比上年增减额")
    text = answered(both_assistants, f"跟{report.year - 1}年比差了多少？{report.year - 1}年总共是多少？").answer
    assert shown(abs(change.value)) in text and shown(grand.value - change.value) in text
    assert "没有找到" not in text


# ---------------------------------------------------------------- D. reasons
def test_reason_for_the_total_spending_change_is_the_whole_passage(both_assistants: Assistant) -> None:
    report = both_assistants.report
    reason = fact(report, "收支总计", "比上年增减额").reason
    text = answered(both_assistants, "为什么今年的总开支跟上一年不一样").answer
    last_clause = [c for c in reason.replace("。", "，").split("，") if len(c) > 4][-1]
    assert last_clause.replace(" ", "")[:8] in text.replace(" ", "")


def test_reason_for_a_change_asked_with_how_come(both_assistants: Assistant) -> None:
    report = both_assistants.report
    change = fact(report, "公务接待费", "比上年增减额")
    direction = "多" if change.value > 0 else "少"
    text = answered(both_assistants, f"公务接待费怎么比上年{direction}了这么多").answer
    assert shown(abs(change.value)) in text and "主要原因" in text


def test_reason_for_an_item_described_by_its_use(assistant: Assistant) -> None:
    item = "其他社会保障和就业支出（项）"
    facts = assistant.report.facts
    rate = [f for f in facts if f.subject.endswith("其他社会保障和就业支出（项）") and f.measure == "预算完成率"]
    assert rate
    text = answered(assistant, "工伤、失业保险那部分交了多少？完成率怎么这么低").answer
    assert item in text and shown(rate[0].value) in text and "主要原因" in text
    assert "逐项说明" not in text  # that item's reason, not every shortfall


# ---------------------------------------------------------------- shares of a whole named before
def test_a_second_part_asked_of_the_same_whole(both_assistants: Assistant) -> None:
    report = both_assistants.report
    # 基本支出 said of 人员经费 and 公用经费 is the total they are stated parts of (一般公共预算财政拨款基本支出)
    basic = fact(report, "一般公共预算财政拨款基本支出").value
    text = answered(both_assistants, "公用经费在基本支出中所占比重多少？那人员经费呢？").answer
    for subject in ("公用经费", "人员经费"):
        share = (fact(report, subject).value / basic * 100).quantize(Decimal("0.01"))
        assert f"占一般公共预算财政拨款基本支出（{shown(basic)} 万元）" in text and shown(share) in text
    assert "没有找到" not in text


def test_a_share_inside_what_the_previous_turn_asked(both_assistants: Assistant) -> None:
    report = both_assistants.report
    whole = fact(report, "一般公共预算财政拨款基本支出").value
    part = fact(report, "人员经费").value
    history = [
        {"role": "user", "content": "一般公共预算财政拨款基本支出有多少"},
        {"role": "assistant", "content": f"一般公共预算财政拨款基本支出{shown(whole)}万元。"},
    ]
    text = answered(both_assistants, "其中人员经费在里面占多大比重", history).answer
    assert shown((part / whole * 100).quantize(Decimal("0.01"))) in text


def test_last_years_figure_when_the_change_is_given_in_the_question(both_assistants: Assistant) -> None:
    report = both_assistants.report
    grand, change = fact(report, "收支总计"), fact(report, "收支总计", "比上年增减额")
    word = "增加" if change.value > 0 else "减少"
    question = f"收支总计比上年{word}了{shown(abs(change.value))}万元，那{report.year - 1}年的收支总计是多少"
    text = answered(both_assistants, question).answer
    assert shown(grand.value - change.value) in text


def test_last_years_figure_of_an_item_named_by_a_short_word(assistant: Assistant) -> None:
    report = assistant.report
    value, change = fact(report, "公务用车购置及运行维护费"), fact(report, "公务用车购置及运行维护费", "比上年增减额")
    history = [
        {"role": "user", "content": "公务用车购置及运维费花了多少"},
        {"role": "assistant", "content": f"{shown(value.value)}万元。"},
    ]
    text = answered(assistant, f"那{report.year - 1}年这一块呢？", history).answer
    assert shown(value.value - change.value) in text
