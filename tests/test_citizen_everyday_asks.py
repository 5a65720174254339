"""Citizens' everyday asks about the template's items and a body's facts, on both reports: what is done with an
item (出国访问, 上课学习) describes it and asks nothing more; who a car is for and what it is used for is one ask;
how reliable a system is names its availability row; when a project is accepted is read from the row whose
shortfall reason says it; a yes/no follow-up about buying a car is asked of the purchase, not of the car count;
an everyday word for a sibling item of a breakdown (坐车 beside 吃饭) names that item too."""

from __future__ import annotations

import pytest
from assistant_support import answered_text, ask


def test_what_is_done_with_an_item_asks_the_item_itself(assistant, fixture_assistant):
    assert "0 万元" in answered_text(assistant, "领导出国访问一共花了多少？", "因公出国")
    assert "0 万元" in answered_text(fixture_assistant, "干部出境交流学习的费用是多少？", "因公出国")
    answered_text(assistant, "职工上课进修花了多少钱？", "培训", "46.49")


def test_who_a_car_is_for_and_what_for_is_one_ask(assistant, fixture_assistant):
    text = answered_text(fixture_assistant, "中心的几辆车是给谁用、做什么用的？", "领导", "应急保障")
    assert "没有找到" not in text
    answered_text(assistant, "公车是给谁用、干什么用的？", "领导", "机要通信")


def test_how_reliable_a_system_is_names_its_availability_row(fixture_assistant):
    answered_text(fixture_assistant, "数据共享交换平台稳不稳定？", "平台可用率", "99.95%")


def test_when_a_project_is_accepted_is_read_from_the_rows_reason(fixture_assistant):
    answered_text(fixture_assistant, "中台项目最后验收定在什么时候？", "2023", "一季度")
    history = [
        {"role": "user", "content": "城市运行数据中台汇聚了多少类数据？"},
        {"role": "assistant", "content": "汇聚数据资源1860类。"},
    ]
    answered_text(fixture_assistant, "那它什么时候能终验？", "一季度", history=history)


def test_a_yes_no_follow_up_about_a_purchase_asks_the_purchase(assistant, fixture_assistant):
    history = [{"role": "user", "content": "单位有多少辆公车"}, {"role": "assistant", "content": "共4辆。"}]
    text = answered_text(assistant, "那今年添新车了没有", "公务用车购置", "0 万元", history=history)
    assert "4辆" not in text  # not the car count the previous turn asked
    history = [{"role": "user", "content": "公车一年花了多少"}, {"role": "assistant", "content": "8.92万元。"}]
    answered_text(fixture_assistant, "那当年换车了吗", "全年未更新购置", history=history)


def test_a_sibling_item_said_in_everyday_words_is_answered_too(assistant, fixture_assistant):
    answered_text(assistant, "招待客人吃饭和坐车各花了多少？", "2.12", "0.69")
    answered_text(fixture_assistant, "接待来客的饭钱和打车钱分别多少？", "0.71", "0.23")


def test_a_yes_no_about_a_zero_figure_states_the_zero(assistant, fixture_assistant):
    assert "0 万元" in answered_text(assistant, "中心领导2023年出国了吗？", "因公出国")
    answer = ask(fixture_assistant, "2022年有没有买新的公务车？")
    assert answer.status == "answered" and "未更新购置" in answer.answer, answer.answer


def test_inside_a_question_about_one_project_an_everyday_word_asks_that_project(assistant):
    text = answered_text(assistant, "12345热线的网民留言回复率多少？一年接待群众多少人次？", "97.90%", "80.9869")
    assert "公务接待" not in text
    # a template item said in everyday words after a project is still that item when the table has no such row
    answered_text(assistant, "办公用房租赁花了多少？用车花了多少？", "768.12", "14.44")


def test_an_answerable_part_is_answered_and_the_guest_list_refused(assistant, fixture_assistant):
    text = answered_text(assistant, "三公经费是多少？另外把接待的客人名单发我", "17.25", "接待对象")
    assert "2.81" not in text
    answer = ask(fixture_assistant, "公务接待请了谁吃饭？")
    assert answer.status == "not_found" and not any(c.isdigit() for c in answer.answer), answer.answer


def test_whether_a_milestone_happened_is_read_from_the_table(assistant, fixture_assistant):
    answered_text(assistant, "天府健康通最后验收了没有？", "9月27日", "终验")
    answered_text(assistant, "第三方评估那个项目通过验收了吗？", "6月完成项目验收")
    text = answered_text(fixture_assistant, "城市运行数据中台当年终验了吗？", "终验")
    assert "顺延" in text or "未完成" in text, text


def test_what_the_cars_are_used_for_includes_what_their_running_cost_pays_for(assistant, fixture_assistant):
    answered_text(assistant, "公车主要拿来干嘛用？", "机要通信用车", "工作调研")
    answered_text(fixture_assistant, "那3辆车都派什么用场？", "应急保障用车", "数据采集调研")


@pytest.mark.parametrize("question", ["单位有没有花钱出国考察", "这一年买过公车吗"])
def test_whether_anything_was_spent_says_no_first_when_the_figure_is_zero(both_assistants, question):
    answer = ask(both_assistants, question)
    assert answer.status == "answered" and answer.answer.startswith("没有。"), answer.answer
    assert "0 万元" in answer.answer


def test_whether_anything_was_spent_never_says_no_when_money_was_spent(assistant):
    text = answered_text(assistant, "有没有公务接待方面的开支", "2.81")
    assert not text.startswith("没有")
