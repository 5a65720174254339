"""One project's 绩效自评表: named by its full name, a short form or everyday words; its fields, people and code;
indicator rows named by their words (several at once), their target, result, gap and stated reason; what the
project planned, did, was for and achieved, from the table's own sentences."""

from __future__ import annotations

import re

import pytest
from assistant_support import answered_text as answered
from assistant_support import answered_with, ask, refused_text

from assistant.service import Assistant
from assistant.understand.lexicon import Lexicon
from assistant.understand.normalize import fold
from corpus import Report


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("四川天府健康通项目负责人是谁？", ["管庆旭"]),
        ("12345热线项目的预算是多少", ["112.80"]),
        ("门户网站项目自评得分多少分", ["100"]),
        ("天府健康通的预算执行率", ["100.00%"]),
        ("标准化技术委员会项目存在什么问题？", ["社会效益有待进一步提高"]),
        ("12345热线项目下一步的改进措施是什么？", ["督办机制"]),
        ("12345热线坐席数量完成值是多少？", ["65"]),
        ("工程建设项目审批管理系统运维服务项目还有多少预算没有执行？", ["47.84"]),
    ],
)
def test_project_questions_by_full_or_short_name(assistant, question, expected):
    answer = ask(assistant, question)
    assert answer.status == "answered", answer.answer
    for text in expected:
        assert text in answer.answer
    assert any(c.section_id.startswith("p4.t") for c in answer.citations)


# ------------------------------------------------------------------ class 1: a row named by its description
@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("办公用房租赁的消防防火等级定的是几级？", ["消防防火等级", "≥1级", "完成值 1级"]),
        ("工程建设项目审批管理系统修复漏洞要求在几天内？", ["漏洞修复时间", "≤5天", "完成值 5天"]),
        ("数字四川创新大赛官网平台的建设运营成本实际花了多少？", ["官网平台建设运营成本", "20万元"]),
        ("四川天府健康通的“需求完成时效性”是多少？", ["需求完成时效性", "＞90%", "95"]),
        ("门户网站政治性错误出错率定的目标和实际各是多少？", ["省政府网站发布信息的政治性错误出错率", "＝0%"]),
    ],
)
def test_row_named_by_description(assistant, question, texts):
    flat = answered(assistant, question, *texts)
    assert "存在问题" not in flat


def test_row_named_by_description_has_shortfall_reason(assistant):
    question = "一体化政务服务平台归集的电子证照目标多少张，实际多少张？"
    answered(assistant, question, "422000000", "403566013", "未完成原因")


# ------------------------------------------------------------------ class 2: several rows in one question
def test_several_rows_in_one_question(assistant):
    question = "办公用房租赁的办公室类型和会议室类型分别要求不少于几类？"
    answered(assistant, question, "办公室类型", "≥4类", "会议室类型", "≥3类")


def test_several_rows_on_the_fixture(fixture_assistant):
    answered(fixture_assistant, "公共数据开放平台运营服务新增了多少个开放数据集、办了几场创新应用大赛？", "410", "1场")


# ------------------------------------------------------------------ class 3: target vs achieved
def test_gap_between_target_and_actual(assistant):
    flat = answered(assistant, "12345热线服务群众人次比指标值多了多少万次？", "80.9869 − 70", "10.9869万次")
    assert "完成值 − 指标值" in flat


def test_gap_below_target_is_positive_and_says_less(fixture_assistant):
    answered(fixture_assistant, "共享交换平台运维的故障响应时间比目标少用了多少分钟？", "30 − 20", "10分钟", "少")


# ------------------------------------------------------------------ class 4: several fields of one project
def test_several_fields_of_one_project(assistant):
    answered(assistant, "数字四川创新大赛自评了多少分？谁是项目负责人？", "100", "刘冰")


def test_score_and_problems_on_the_fixture(fixture_assistant):
    answered(fixture_assistant, "城市运行数据中台建设项目最后得了几分，存在什么问题？", "97.5", "终验时间晚于计划")


# ------------------------------------------------------------------ class 5: planned goal vs what was done
def test_planned_goal_is_the_goal_cell(assistant):
    flat = answered(assistant, "天府健康通立项时计划建设哪些功能？", "健康码、场所码")
    assert "累计领码用户" not in flat


def test_done_is_the_completion_cell(assistant):
    answered(assistant, "天府健康通实际做到了什么？", "累计领码用户")


def test_planned_goal_on_the_fixture(fixture_assistant):
    flat = answered(fixture_assistant, "城市运行数据中台建设项目预期要做到什么？", "建成城市运行体征指标库")
    assert "系统终验顺延" not in flat


# ------------------------------------------------------------------ class 6: why a project is done
def test_purpose_from_the_goal(assistant):
    answered(assistant, "省政府政务微信、微博运营项目的目的是什么？", "政务新媒体")


def test_why_names_an_item_of_the_goal(assistant):
    flat = answered(assistant, "天府健康通为何要建设场所码？", "场所码")
    assert "归集电子证照" not in flat


def test_why_about_something_the_table_never_says_is_refused(assistant):
    answer = ask(assistant, "一体化政务服务平台运维项目为什么要采购无人机巡检？")
    assert answer.status == "not_found"


def test_purpose_on_the_fixture(fixture_assistant):
    answered(fixture_assistant, "搞公共数据开放平台运营服务图什么？", "新增开放数据集")


@pytest.mark.parametrize("question", ["租的那栋办公楼花了多少钱", "租房子一年的租金是多少", "办公楼租金花了多少"])
def test_project_named_by_everyday_words(assistant: Assistant, question: str) -> None:
    answered(assistant, question, "办公用房租赁", "预算执行数 768.12 万元")


def test_project_named_by_everyday_words_in_the_fixture(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "数据开放平台运营花了多少钱", "公共数据开放平台运营服务", "预算执行数 45.00 万元")


def test_the_reporting_body_names_no_project(assistant: Assistant) -> None:
    """ "数据中心" and the prose's own words ("本级", "设立") must not pick a project table by their characters."""
    answer = ask(assistant, "中心本级内部设立了多少个机构？")
    assert "绩效自评表" not in answer.answer


def test_row_the_table_lacks_is_refused_with_its_rows(assistant: Assistant) -> None:
    answer = ask(assistant, "12345热线一共接听了多少通来电")
    assert answer.status == "not_found", answer.answer
    for name in ("坐席数量", "服务群众人次", "网民留言回复率"):
        assert name in answer.answer


def test_row_named_by_shared_words(assistant: Assistant) -> None:
    answered(assistant, "12345热线服务了多少人次群众", "服务群众人次", "80.9869")


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


def test_report_year_of_a_project_is_answered(assistant: Assistant) -> None:
    answered(assistant, "2023年四川天府健康通项目的预算是多少？", "175.27")


def test_fixture_rows_gap_and_effect(fixture_assistant: Assistant) -> None:
    answered(fixture_assistant, "共享交换平台那个项目出了故障多久能响应？", "故障响应时间", "完成值 20分钟")
    answered(fixture_assistant, "城市运行数据中台建设项目，部门用着满意吗？", "使用部门满意度", "92%")
    answered(fixture_assistant, "公共数据开放平台运营服务数据集更新及时率离目标差了多少？为什么没达到？",
             "95 − 94 = 1", "个别部门数据更新滞后")  # fmt: skip
    flat = answered(fixture_assistant, "数据中台建设项目起到了什么作用？", "已支撑城市运行监测", "支撑城市运行监测场景")
    assert "项目名称" not in flat
    assert "本报告年度" in refused_text(fixture_assistant, "2021年城市运行数据中台建设项目的预算是多少？")


# ---------------------------------------------------------------- the sentence with the question's own words
def test_list_question_gets_the_clause_with_the_list(assistant: Assistant) -> None:
    answered(assistant, "办公用房租赁项目要求配套的基本办公家具包括哪些？", "书柜", "沙发")
    answered(assistant, "租的办公楼里家具都有哪些？", "办公椅", "书柜")


def test_everyday_question_finds_the_clause_in_a_long_cell(assistant: Assistant) -> None:
    answered(assistant, "中心租的那栋办公楼，坐公交地铁方便不？", "地铁便利")


def test_one_word_in_a_long_cell_is_not_enough(assistant: Assistant) -> None:
    answer = ask(assistant, "四川天府健康通项目的供应商是哪家公司？")
    assert "204" not in answer.answer


def test_why_and_what_answered_from_goal_and_result(assistant: Assistant) -> None:
    answered(
        assistant,
        "共享平台（一期）运维项目为什么要做国省平台对接，对接具体干了什么？",
        "国省平台对接",
        "推送数据",
        "国家数据资源",
    )


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---------------------------------------------------------------- 2. table lines
def test_a_detail_inside_a_project_table_is_quoted_from_its_line(assistant):
    answer = ask(assistant, "天府健康通项目一共开了多少条网络专线？")
    assert answer.status == "answered"
    assert "8条网络专线" in flat(answer.answer)


def test_a_sentence_cut_over_table_lines_is_quoted_whole(assistant):
    answer = ask(assistant, "天府健康通的合同服务期是什么时候到什么时候？")
    assert answer.status == "answered"
    assert "2023年8月25日" in flat(answer.answer)


# ---------------------------------------------------------------- 3. indicator rows and project fields
@pytest.mark.parametrize(
    ("question", "row", "actual"),
    [
        ("一体化政务服务平台运维项目的三级等保测评服务费实际花了多少？", "三级等保测评服务费", "17.36"),
        ("12345热线平台坐席数量实际完成多少个？", "坐席数量", "65"),
    ],
)
def test_an_indicator_row_answers_with_target_and_actual(assistant, question, row, actual):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert row in answer.answer and actual in answer.answer
    assert "预算执行数" not in answer.answer


def test_the_project_code_comes_from_the_table(assistant):
    project = next(p for p in assistant.report.projects if p.name == "办公用房租赁")
    answer = ask(assistant, "办公用房租赁项目的项目代码是什么？")
    assert answer.status == "answered"
    assert project.code and project.code in answer.answer


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("12345热线坐席数量完成了指标值的百分之多少？", "108.33%"),  # 65 ÷ 60
        ("12345热线的坐席数量超出目标百分之多少？", "8.33%"),  # (65 − 60) ÷ 60
    ],
)
def test_indicator_completion_ratio_is_actual_over_target(assistant, question, result):
    answer = ask(assistant, question)
    assert answer.status == "answered"
    assert result in answer.answer
    assert any(c.result == result for c in answer.checks)


def test_several_projects_named_as_examples_are_answered_from_the_prose(assistant):
    answer = answered_with(assistant, "四川政务服务网和12345热线归中心的哪一条职责管？", "政务服务")
    assert not answer.answer.startswith("据")  # not a project table's lines


def test_projects_of_this_report(fixture_assistant):
    lowest = ask(fixture_assistant, "哪个项目的预算执行率最低？")
    assert "城市运行数据中台建设项目" in lowest.answer and "87.73%" in lowest.answer
    leader = ask(
        fixture_assistant,
        "它的负责人是谁？",
        [
            {"role": "user", "content": "哪个项目的预算执行率最低？"},
            {"role": "assistant", "content": lowest.answer},
        ],
    )
    assert "王海涛" in leader.answer


def test_a_table_field_cites_its_cell(assistant):
    answer = ask(assistant, "天府健康通有啥问题")
    assert answer.status == "answered" and "存在问题" in answer.answer
    assert answer.citations[0].section_id == assistant.table.projects["四川天府健康通"].section_id
    assert re.sub(r"\s", "", answer.citations[0].quote).startswith("存在问题")


@pytest.mark.parametrize("which", ["report", "fixture_report"])
def test_project_short_forms_come_from_the_names(request, which):
    report: Report = request.getfixturevalue(which)
    lexicon = Lexicon.build(report)
    body = fold(report.body)
    for said, name in lexicon.project_words.items():
        # a piece of the name, or a piece said with 项目 after it ("数据中台项目")
        word = said if said in fold(name) else said.removesuffix("项目")
        assert word in fold(name) and word not in body
        assert sum(word in fold(p.name) for p in report.projects) == 1
        prose = "".join(fold(s.text) for s in report.sections if s.kind != "project_table")
        for project in report.projects:
            prose = prose.replace(fold(project.name), "")
        used = word if said == word else said  # with 项目 after it, the piece may be used for other things too
        assert prose.count(used) <= 1, f"{used} is used in the report's prose, not only for {name}"
        tables = [fold(report.section(p.section_id).text) for p in report.projects if p.name != name]
        if said == word:
            assert sum(word in t for t in tables) <= 1, f"{word} is used in other project tables than {name}'s"
    short = [w for w in lexicon.project_words if len(w) >= 3]
    assert short, "every report of the template has project names with a distinctive part"
    for word in short:
        matches = lexicon.find(word + "的预算执行率")
        assert [m.kind for m in matches] == ["project"], (word, matches)
