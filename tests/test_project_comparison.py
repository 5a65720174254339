"""Projects compared and ranked: two projects named side by side (one by its kept characters) compared on the value
asked, both values said and their difference; people ranked by the tables they sign, the tables handed on to the
next ask; each member's signature or adjusted budget after a filter; projects named in everyday words. On both
reports."""

from __future__ import annotations

from assistant_support import answered_text as answered


# ---------------------------------------------------------------- two projects compared
def test_two_projects_which_spent_more_and_by_how_much(assistant, fixture_assistant):
    answered(
        assistant,
        "天府健康通和微信微博运营项目哪个执行数多？多多少？",
        "四川天府健康通，175.27 万元",
        "73.70 万元",
        "175.27 − 73.70 = 101.57 万元",
    )
    answered(
        fixture_assistant,
        "共享交换平台运维和开放平台运营哪个花得多，差多少？",
        "120.00 万元",
        "45.00 万元",
        "120.00 − 45.00 = 75.00 万元",
    )


def test_a_shortened_name_beside_a_name_the_lexicon_knows(assistant):
    answered(
        assistant,
        "审批系统那个项目和标准委项目哪个调整后预算多？多出多少？",
        "448.34 万元",
        "8.00 万元",
        "448.34 − 8.00 = 440.34 万元",
    )
    answered(assistant, "一体化平台跟12345热线比，哪个执行数高？", "207.80 万元", "112.80 万元")


def test_which_of_two_is_lower(fixture_assistant):
    answered(
        fixture_assistant,
        "中台项目和开放平台运营服务哪个执行率低？差多少？",
        "最低的是城市运行数据中台建设项目，87.73%",
        "100.00 − 87.73",
    )


# ---------------------------------------------------------------- people ranked
def test_the_person_who_signs_most_tables(assistant):
    text = answered(
        assistant,
        "谁负责的项目最多？是哪几个？财务负责人是谁？",
        "唐为之",
        "3 个",
        "全省政务服务网第三方评估服务",
        "四川省工程建设项目审批管理系统运维服务项目",
        "财务负责人是张然",
    )
    assert "报告中没有找到" not in text  # "是哪几个": the ranking named them


def test_people_tied_on_the_second_report(fixture_assistant):
    answered(fixture_assistant, "哪位负责人管的项目最多？", "李明远", "王海涛", "陈思雨", "3 个并列")


# ---------------------------------------------------------------- each member a filter found
def test_each_members_signature_after_a_full_marks_filter(assistant, fixture_assistant):
    answered(
        assistant,
        "得分不是满分的项目，财务负责人各是谁？",
        "四川一体化政务服务平台运维服务项目的财务负责人是张然",
        "四川省工程建设项目审批管理系统运维服务项目的财务负责人是张然",
    )
    answered(
        fixture_assistant,
        "自评没拿满分的项目，各自的项目负责人是谁？",
        "城市运行数据中台建设项目的项目负责人是王海涛",
        "公共数据开放平台运营服务的项目负责人是陈思雨",
    )


def test_what_each_was_raised_to(assistant):
    answered(
        assistant,
        "哪些自评项目年初预算为零？它们各自追加到了多少？",
        "办公用房租赁 768.12 万元",
        "省大数据标准化技术委员会运行及标准制定 8.00 万元",
        "448.34 万元",
    )


# ---------------------------------------------------------------- projects in everyday words
def test_projects_in_everyday_words(assistant):
    answered(assistant, "审批系统维护的钱实际用了多少？", "400.50 万元")
    answered(assistant, "一网通办平台运维花了多少？", "207.80 万元")
    answered(assistant, "租办公室的房租一年付了多少？", "768.12 万元")
