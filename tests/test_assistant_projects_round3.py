"""Project questions, round 3: indicator rows named in everyday words (also in follow-ups), the gap between a
row's target and its result with the stated reason, what a project achieved or was for, a table's own sentences
when no row holds the answer, another year's project figures refused, and refusals that list clean row names.

Shipped report and the 2022 成都 fixture (3 tables), real index and models.
"""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_text as answered
from assistant_support import ask

from assistant.service import Assistant


def refused(assistant: Assistant, question: str) -> str:
    answer = ask(assistant, question)
    assert answer.status == "not_found", (question, answer.answer)
    return answer.answer


@pytest.mark.parametrize(
    ("question", "row", "value"),
    [
        ("第三方评估服务那个项目2小时内响应工作需求，实际用了多长时间？", "2小时内响应工作需求", "完成值 1.8小时"),
        ("租的办公楼到机场、火车站要多久？", "距机场和火车站距离", "完成值 15分钟"),
        ("健康码项目里群众来咨询和申诉的，有多少得到了解答？", "咨询申诉群众解答率", "完成值 99%"),
        ("工程审批系统的漏洞一般多久修好？", "漏洞修复时间", "完成值 5天"),
        ("标准化技术委员会那个项目开了几次标准评审会？", "召开标准评审数量", "完成值 3次"),
    ],
)
def test_rows_named_in_everyday_words(assistant: Assistant, question: str, row: str, value: str) -> None:
    flat = answered(assistant, question, row, value)
    assert "该表列出的绩效指标" not in flat


def test_rows_named_in_follow_ups(assistant: Assistant) -> None:
    first = "办公用房租赁这个项目的负责人是谁？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    flat = answered(assistant, "那员工对办公室满意不满意？", "职工满意度", "完成值 90%", history=history)
    assert "办公室类型" not in flat  # "办公室" names the rented offices, not a row
    first = "省大数据标准化技术委员会运行及标准制定的自评得分是多少？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    answered(assistant, "它组织了几次标准评审？", "召开标准评审数量", "3次", history=history)


def test_table_sentence_answers_when_no_row_does(assistant: Assistant) -> None:
    """ "等保测评费" shares a word, but the table's text states the level: the text answers, not the cost row."""
    flat = answered(assistant, "共享平台那个运维项目的等保年度检测是几级？", "等保三级")
    assert "等保测评费（" not in flat


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("四川一体化政务服务平台运维服务项目归集电子证照数量还差多少张没完成？原因是什么？",
         ("422000000 − 403566013 = 18433987", "未完成原因", "数据治理")),
        ("归集电子证照数量比目标少了多少？", ("422000000 − 403566013 = 18433987",)),
        ("共享平台项目的交换节点比指标值超出几个？", ("127 − 90 = 37",)),
        ("归集证照种类超了多少类？", ("630 − 598 = 32",)),
    ],
)  # fmt: skip
def test_target_and_result_gap(assistant: Assistant, question: str, texts: tuple[str, ...]) -> None:
    answered(assistant, question, *texts)


def test_gap_and_reason_without_naming_the_project(assistant: Assistant) -> None:
    flat = answered(assistant, "归集电子证照数量为什么没达到目标？差了多少？", "18433987", "未完成原因")
    assert "事业运行" not in flat  # not the report's budget-line reasons


def test_what_a_project_achieved(assistant: Assistant) -> None:
    flat = answered(assistant, "政务服务网第三方评估有什么成效？", "科学决策", "政务服务效能")
    assert "根据《四川省深化" not in flat  # the plan (年度目标) is not what came of it
    answered(assistant, "工程审批系统运维项目带来了什么好处？", "有效支撑", "服务企业数量")


def test_what_a_project_was_for(assistant: Assistant) -> None:
    answered(assistant, "天府健康通当时做这个项目是想实现什么目的？", "1亿群众", "疫情防控")


def test_list_question_reads_on_to_the_next_sentence(assistant: Assistant) -> None:
    answered(assistant, "数字四川创新大赛另外还办了哪些配套活动？", "配套活动", "青少年大数据创新实践活动", "开放日")


@pytest.mark.parametrize("question", ["2022年四川天府健康通项目的预算是多少？", "2022年办公用房租赁的自评得分是多少？"])
def test_another_year_of_a_project_is_refused(assistant: Assistant, question: str) -> None:
    text = refused(assistant, question)
    assert "本报告年度" in text and "可以看看这些相关章节" in text


def test_report_year_of_a_project_is_answered(assistant: Assistant) -> None:
    answered(assistant, "2023年四川天府健康通项目的预算是多少？", "175.27")


def test_refusal_lists_clean_row_names(assistant: Assistant) -> None:
    text = refused(assistant, "全省政务服务网第三方评估服务买了多少台无人机？")
    listed = re.search(r"该表列出的绩效指标有：([^。]*)。", text)
    assert listed is not None, text
    names = listed.group(1).removesuffix("等").split("；")
    assert 1 <= len(names) <= 8
    assert "分报告" in names and "满意度" in names
    assert not any(n.startswith(("小时", "月日")) or "不低于个" in n for n in names)


def test_fixture_rows_gap_and_effect(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "共享交换平台那个项目出了故障多久能响应？", "故障响应时间", "完成值 20分钟")
    answered(fixture_assistant, "城市运行数据中台建设项目，部门用着满意吗？", "使用部门满意度", "92%")
    answered(fixture_assistant, "公共数据开放平台运营服务数据集更新及时率离目标差了多少？为什么没达到？",
             "95 − 94 = 1", "个别部门数据更新滞后")  # fmt: skip
    flat = answered(fixture_assistant, "数据中台建设项目起到了什么作用？", "已支撑城市运行监测", "支撑城市运行监测场景")
    assert "项目名称" not in flat
    assert "本报告年度" in refused(fixture_assistant, "2021年城市运行数据中台建设项目的预算是多少？")
