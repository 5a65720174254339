"""Follow-ups that ask why, or swap the subject: "咋才用了几成" after an item the previous answer named (its rate and
reason), "没付的有多少、为什么" after a project (the unspent remainder and the stated reason), the problems of a
project whose 存在问题 says 无 (the shortfalls its table shows), "那X方面呢" with a word of one peer item's name (the
same measure of that item), and "年初预算为何为零" where the report gives no reason (said so, no neighbour's text)."""

from __future__ import annotations

from assistant_support import answered_text, ask, refused_without_figure


def _turn(question: str, answer: str) -> list[dict]:
    """A conversation of one earlier turn, as a user might have had it."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_why_so_little_spent_after_an_item_named_in_the_answer(assistant, fixture_assistant):
    history = _turn("失业工伤那部分交了多少？", "其他社会保障和就业支出15.01万元。")
    answered_text(assistant, "怎么才用了七成的预算？", "70.39%", "实有人数", history=history)
    history = _turn("公务用车的钱用了多少？", "公务用车购置及运行维护费8.92万元。")
    answered_text(fixture_assistant, "为啥没用完？", "74.33%", "车辆维修", history=history)


def test_the_unpaid_remainder_and_its_reason_after_a_project(assistant, fixture_assistant):
    history = _turn("工程审批系统运维那个项目执行得怎样？", "调整后预算448.34万元，执行400.50万元。")
    answered_text(assistant, "没支付出去的有多少？为什么？", "448.34 − 400.50 = 47.84", "10%", history=history)
    history = _turn("数据中台建设项目执行率多少？", "调整后预算286.50万元，执行251.35万元，执行率87.73%。")
    answered_text(fixture_assistant, "还剩多少没花？为什么？", "35.15", "尾款", history=history)


def test_a_project_whose_problems_cell_says_none_still_shows_its_shortfalls(assistant):
    text = answered_text(assistant, "一体化政务服务平台运维服务项目存在什么问题", "一栏填写为“无”", "403566013")
    assert "数据治理" in text
    lower = "一体化政务服务平台运维服务项目99.91分，工程建设项目审批管理系统运维服务项目98.93分。"
    history = _turn("自评没拿满分的项目有哪些？", lower)
    answered_text(assistant, "得分最低那个主要差在哪？", "89.33%", "剩余 10%", history=history)


def test_a_project_that_states_its_problems_keeps_its_own_words(fixture_assistant):
    text = answered_text(fixture_assistant, "数据中台建设项目存在什么问题？", "终验时间晚于计划")
    assert "表中仍有未完成的地方" not in text


def test_a_peer_word_swaps_the_subject_and_keeps_the_measure(assistant, fixture_assistant):
    history = _turn("公积金花了多少？", "住房公积金（项）246.53万元，完成预算77.66%。")
    answered_text(assistant, "那医疗方面呢？", "252.23", "92.07%", history=history)
    history = _turn("公积金花了多少？", "住房公积金185.60万元，完成预算100%。")
    answered_text(fixture_assistant, "那医疗呢？", "186.40", "95.10%", history=history)
    history = _turn("培训支出多少？", "培训支出12.30万元。")
    answered_text(fixture_assistant, "那职业年金呢？", "110.62", history=history)


def test_why_a_budget_column_is_zero_is_refused_when_the_report_gives_no_reason(assistant):
    history = _turn("租办公用房花了多少？", "768.12万元，年初预算0，调整后预算768.12万元。")
    text = refused_without_figure(assistant, "年初为什么没有预算？", history=history)
    assert "没有说明" in text and "办公用房租赁" in text
    history = _turn("标准化技术委员会那个项目花了多少？", "8万元，年初预算为0。")
    refused_without_figure(assistant, "年初怎么没给预算？", history=history)


def test_why_a_budget_column_is_zero_quotes_the_prose_that_mentions_the_project(fixture_assistant):
    history = _turn("开放平台运营服务花了多少？", "45万元，年初预算0，调整后预算45万元。")
    answer = ask(fixture_assistant, "为什么年初没安排预算？", history)
    assert answer.status == "answered"
    assert "没有直接说明" in answer.answer and "纳入部门预算新增安排" in answer.answer


def test_a_peer_named_in_an_earlier_turn_stays_the_subject_of_a_later_why(fixture_assistant):
    history: list[dict] = []
    for question in ("职业年金缴了多少？", "那医疗方面呢？"):
        answer = ask(fixture_assistant, question, history)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    answered_text(fixture_assistant, "为什么没有用完？", "95.10%", "事业单位医疗", history=history)
