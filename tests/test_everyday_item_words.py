"""Everyday words for the template's fixed items, on both reports: the people an item is for (职工, 老同志, 领导)
never make a named item unanswerable, guests received are the whole 公务接待 line, and the hand-kept
words for cars, housing funds, training and outsourced services name their items."""

from __future__ import annotations

from assistant_support import answered_text, ask


def test_whose_item_it_is_does_not_block_the_items_figure(assistant) -> None:
    answered_text(assistant, "单位职工医保一年缴了多少", "252.23")
    answered_text(assistant, "给退休老干部的那块钱花了多少", "18.16")
    answered_text(assistant, "领导们出国花了多少钱", "0 万元")


def test_a_persons_own_figure_is_still_refused(assistant) -> None:
    answer = ask(assistant, "员工的平均月薪是多少")
    assert answer.status != "answered" or "3258" not in answer.answer


def test_guests_received_are_the_whole_hospitality_line(assistant, fixture_assistant) -> None:
    answered_text(assistant, "单位招待客人花了多少", "公务接待费", "2.81")
    answered_text(fixture_assistant, "单位招待客人花了多少", "公务接待费", "0.94")
    answered_text(assistant, "公务接待的餐费是多少", "2.12")  # the meal's cost asked: the part


def test_template_words_for_cars_housing_and_training(assistant, fixture_assistant) -> None:
    answered_text(fixture_assistant, "单位的座驾运行一年花多少", "8.92")
    answered_text(fixture_assistant, "替职工交的买房钱是多少", "185.60")
    answered_text(assistant, "干部出去上课花了多少", "培训")
    answered_text(fixture_assistant, "出国考察一共花了多少", "因公出国")


def test_a_unit_named_by_what_it_looks_after(assistant, fixture_assistant) -> None:
    answered_text(assistant, "中心有没有专门管网站的处室", "网站处")
    answered_text(assistant, "有没有管网络安全的部门", "安全处")
    answered_text(fixture_assistant, "有没有管网络安全的部门", "网络安全部")
    flat = answered_text(assistant, "有没有专门管审计的处室", "没有")
    assert "审计处" not in flat  # no unit keeps its characters: none is named


def test_a_meal_with_guests_gives_the_whole_line_and_its_meal_part(assistant) -> None:
    answered_text(assistant, "单位请客吃饭用了多少", "公务接待费", "2.81", "餐费", "2.12")


def test_everyday_names_of_the_three_lines_add_up_to_their_total(assistant, fixture_assistant) -> None:
    answered_text(assistant, "吃喝、用车、出国三样一共花了多少", "17.25")
    answered_text(fixture_assistant, "吃喝、用车、出国三样一共花了多少", "9.86")


def test_whose_pay_it_is_does_not_block_the_pay_line(assistant) -> None:
    answered_text(assistant, "干部职工的薪水一年开了多少", "人员经费", "3258")



def test_cars_counted_in_units_of_machines(assistant, fixture_assistant) -> None:
    answered_text(assistant, "单位的公务车有几台", "4辆")
    answered_text(fixture_assistant, "他们有多少台车", "3辆")
