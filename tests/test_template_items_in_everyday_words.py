"""The template's fixed items asked in everyday words that share no characters with the report's terms, on both
reports: foreign guests (外事接待), bank interest (其他收入, by its definition), retirees' money (离退休, refused
where a report has no such 项), pay and office running (人员经费, 公用经费); an item's everyday word read by what
it stands beside (车费 of a meal's breakdown is its 交通费); parts pointed at as one block; budgets worked back
for several items; a majority asked as a share; per-car counts and usage items the report never states."""

from __future__ import annotations

from assistant_support import answered_text, ask, refused_without_figure


def test_foreign_guests_are_the_foreign_hospitality_line(assistant, fixture_assistant) -> None:
    flat = answered_text(assistant, "招待外国客人花了多少钱", "外事接待", "0 万元")
    assert "2.81" not in flat  # not the domestic guests' figure
    answered_text(fixture_assistant, "接待外宾用了多少钱", "外事接待", "0 万元")
    history = [
        {"role": "user", "content": "公务接待费是多少"},
        {"role": "assistant", "content": "公务接待费2.81万元。"},
    ]
    answer = ask(assistant, "老外来访的接待呢", history)
    assert answer.status == "answered" and "外事接待" in answer.answer, answer.answer


def test_an_item_word_beside_a_part_of_its_breakdown_names_that_item(assistant, fixture_assistant) -> None:
    answered_text(assistant, "请客吃饭和坐车各花了多少", "2.12", "0.69")
    answered_text(fixture_assistant, "公务接待的车费花了多少", "交通费", "0.23")
    answered_text(assistant, "接待的餐费是多少？打车又花了多少？", "2.12", "0.69")
    flat = answered_text(assistant, "坐车花了多少钱", "公务用车", "14.44")  # alone it is the car line
    assert "0.69" not in flat


def test_the_three_lines_in_everyday_words_give_the_total_budget_left(fixture_assistant) -> None:
    answered_text(fixture_assistant, "出国、坐车、请客这三样的预算还剩多少没花", "三公", "15.00", "5.14")


def test_interest_is_counted_in_other_income(assistant, fixture_assistant) -> None:
    answered_text(fixture_assistant, "利息有多少", "其他收入", "244.11", "利息")
    answered_text(fixture_assistant, "存银行的利息算收入吗？多少钱？", "其他收入", "244.11")
    refused_without_figure(assistant, "利息有多少")  # no 其他收入 in this report: nothing stands in


def test_what_a_total_holds_besides_a_part_is_asked_what_it_is(fixture_assistant) -> None:
    answered_text(fixture_assistant, "除了财政拨款，还收了多少钱？是些什么钱？", "244.11", "利息")


def test_retirees_money_is_the_retirement_item_not_the_count_of_retired_staff(assistant, fixture_assistant) -> None:
    answered_text(assistant, "给退休人员的钱花了多少", "离退休", "18.16")
    answered_text(assistant, "离退休经费完成预算多少", "99.89%")
    refused_without_figure(fixture_assistant, "给退休人员的钱花了多少")  # no 离退休 项 in that report


def test_pay_and_office_running_in_everyday_words(fixture_assistant) -> None:
    answered_text(fixture_assistant, "员工的工资福利花了多少", "人员经费", "1688.52")
    answered_text(fixture_assistant, "日常办公的花销是多少", "公用经费", "382.77")


def test_budgets_worked_back_for_several_items(assistant, fixture_assistant) -> None:
    answered_text(assistant, "用完成率倒推一下事业运行和培训支出的年度预算分别多少", "3805.96", "50.00")
    answered_text(fixture_assistant, "按完成率倒算，公车和接待的年度预算各多少", "12.00", "3.00")


def test_a_majority_asked_is_answered_with_the_share(assistant) -> None:
    answered_text(assistant, "采购的活大部分给了中小企业吗", "57.96%")


def test_every_part_pointed_at_as_one_block_is_their_total(assistant) -> None:
    answered_text(assistant, "吃饭和交通这块比上年增加了多少", "2.81", "1.48")
    answered_text(assistant, "吃饭和交通各花了多少", "2.12", "0.69")  # each asked: each part


def test_per_car_counts_and_usage_items_are_refused_without_a_figure(assistant, fixture_assistant) -> None:
    refused_without_figure(assistant, "公务车平均每辆跑了多少公里")
    refused_without_figure(assistant, "每辆公务用车一年的燃料费多少")
    refused_without_figure(fixture_assistant, "公务车一年跑了多少公里")
    answered_text(assistant, "每批次接待的餐费平均多少", "2.12", "12")  # an item stated on its own is worked out


def test_a_persons_pay_is_never_answered_by_the_pay_line(fixture_assistant) -> None:
    refused_without_figure(fixture_assistant, "负责人王海涛每个月工资多少")


def test_a_car_word_among_the_other_two_lines_keeps_the_car_line(assistant, fixture_assistant) -> None:
    flat = answered_text(assistant, "请客、坐车、出国这三块一共花了多少", "14.44", "17.25")
    assert "0.69" not in flat  # not the hospitality's own transport
    answered_text(fixture_assistant, "请客、坐车、出国这三块一共花了多少", "8.92", "9.86")


def test_the_body_budget_asked_whether_spent_up_is_the_overall_completion(assistant, fixture_assistant) -> None:
    answered_text(assistant, "今年批的预算都用完了吗", "95.98%")
    answered_text(fixture_assistant, "单位的预算都花完了吗", "93.47%")
    flat = answered_text(fixture_assistant, "项目预算都执行完了吗", "87.73%")
    assert "93.47" not in flat  # projects asked: their tables, not the overall budget


def test_day_to_day_spending_holding_pay_is_the_basic_spending(assistant, fixture_assistant) -> None:
    answered_text(assistant, "工资占日常支出的百分之几", "基本支出", "68.83%")
    answered_text(fixture_assistant, "工资占日常支出的百分之几", "基本支出", "81.52%")


def test_usage_items_asked_together_give_the_line_that_lists_them(assistant, fixture_assistant) -> None:
    answered_text(assistant, "公车的油费、保险、过路过桥这些花了多少", "公务用车运行维护费", "14.44", "过路过桥")
    answered_text(fixture_assistant, "公车的油费、保险、过路过桥这些花了多少", "8.92", "过路过桥")
    refused_without_figure(assistant, "公务用车的过路费是多少")  # one item alone: no amount of its own


def test_what_a_line_is_spent_on_is_its_own_usage_sentence(assistant, fixture_assistant) -> None:
    flat = answered_text(assistant, "公务用车运行维护费都用在哪里了", "14.44", "燃料费")
    assert not flat.startswith("公用经费")  # not the list that only names it among the office costs
    answered_text(fixture_assistant, "公务用车运行维护费都用在哪里了", "8.92", "燃料费")


def test_a_rate_and_what_the_line_is_spent_on_are_two_asks(assistant, fixture_assistant) -> None:
    answered_text(assistant, "公务接待费完成预算多少？主要用在哪里？", "23.42%", "主要用于")
    answered_text(fixture_assistant, "公车运行维护费预算完成了多少？花到哪些方面了？", "74.33%", "燃料费")


def test_an_item_named_without_its_brackets_keeps_its_own_unspent_reason(assistant):
    # A long loose name beside 没花完预算 is an item, never the body's overall budget.
    text = answered_text(assistant, "其他政府办公厅及相关机构事务支出咋没把预算花完", "15952.21", "96.17%")
    assert "20685.29" not in text
