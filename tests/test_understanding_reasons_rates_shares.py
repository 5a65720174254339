"""Overview figures asked in other words, on both reports: the reason for a figure's completion or change asked
as a fraction or in everyday names, whether a car was bought, and a year's total with its overall rate."""

from __future__ import annotations

from assistant_support import answered_text, printed, stated


def test_reason_for_a_shortfall_asked_as_a_fraction(both_assistants):
    report = both_assistants.report
    rate = printed(stated(report, "三公经费", "预算完成率"))
    text = answered_text(both_assistants, "三公经费怎么只用掉预算的一小半？", rate, "厉行节约")
    assert "没有找到" not in text


def test_everyday_name_of_the_running_item_gets_its_reason(both_assistants):
    report = both_assistants.report
    rates = [f for f in report.facts if f.measure == "预算完成率"]
    subject = next(f.subject for f in rates if f.subject.endswith("事业运行（项）"))
    rate = printed(stated(report, subject, "预算完成率"))
    answered_text(both_assistants, "单位日常运行的经费为什么有结余", rate, "紧日子")


def test_change_of_the_grand_total_asked_in_other_words(both_assistants):
    report = both_assistants.report
    change = printed(stated(report, "收支总计", "比上年增减额")).lstrip("-")
    answered_text(both_assistants, "收支总额和上一年相比，变化的因素有哪些？", change, "原因")


def test_whether_a_car_was_bought(both_assistants):
    text = answered_text(both_assistants, "这一年单位换车没有？", "公务用车购置")
    assert " 0 万元" in text


def test_total_spending_with_the_overall_completion_rate(both_assistants):
    report = both_assistants.report
    total = printed(stated(report, "本年支出合计"))
    rate = printed(stated(report, "一般公共预算支出", "预算完成率"))
    answered_text(both_assistants, "全年一共花了多少？完成预算的比例是多少", total, rate, "一般公共预算支出")


def test_each_part_share_is_of_the_whole_named_first(both_assistants):
    report = both_assistants.report
    whole = stated(report, "三公经费").value
    hosting = stated(report, "公务接待费").value
    share = f"{hosting / whole * 100:.2f}"
    text = answered_text(both_assistants, "三公经费中公务用车购置及运行维护费占比多少？公务接待费占比呢？", share)
    assert "占公务用车购置及运行维护费" not in text
    quoted = answered_text(both_assistants, "「三公」经费里公务用车购置及运行维护费占比多少？公务接待费占比呢？", share)
    assert "占公务用车购置及运行维护费" not in quoted
