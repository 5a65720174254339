"""A third report of the template in another table layout (SYNTHETIC TEST DATA, invented for the tests).

2023年度遂宁市大数据发展中心单位决算 does not exist: its narrative (sources/…narrative.txt) and the three
绩效自评表 below were written for the tests, with figures that agree with each other (执行率 = 执行数 ÷
调整后预算数, 得分 = 执行率 × 分值 for the budget row, 总分 = the sum of the scores). It is rendered in the
"variant" style: other column labels and order (全年执行数 before 年初预算数, 得分 before 分值, 实际完成值
before 年度指标值) and figure columns so narrow that figures wrap inside their cell.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from from_text import document_from_text
from model import BudgetRow, Document, Indicator, Line, SelfEvaluation

SOURCE = Path(__file__).resolve().parent / "sources" / "2023_suining_data_center_narrative.txt"
BODY = "遂宁市大数据发展中心"
DEPARTMENT = "遂宁市大数据发展中心部门"
FINANCE = "周晓梅"
LATE = "受部门数据对接进度影响，终验顺延至2024年3月。"  # why the one missed indicator was missed
NO_REASON = "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因。"


def _budget(initial: str, adjusted: str, executed: str, rate: str, score: str) -> tuple[BudgetRow, ...]:
    return (
        BudgetRow("总额", initial, adjusted, executed, rate, "10", score),
        BudgetRow("财政资金", initial, adjusted, executed, rate, "/", "/"),
        BudgetRow("财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
        BudgetRow("单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"),
        BudgetRow("其他资金", weight="/", score="/"),
    )


def _evaluation(**fields: object) -> SelfEvaluation:
    """A 2023 自评表 of the body, with the cells all three of its tables share."""
    return SelfEvaluation(
        title="部门预算项目支出绩效自评表（2023年度）",
        department=DEPARTMENT,
        implementer=BODY,
        weight_total="100",
        finance_leader=FINANCE,
        **fields,
    )


PROJECTS = (
    _evaluation(
        code_name="51090023T000009900101-市级政务云资源租赁服务",
        goal="租赁市级政务云计算、存储和网络资源，保障市级部门业务系统上云运行，云平台可用率不低于99.9%。",
        goal_result="均按要求完成年度目标，全年云平台可用率99.95%，支撑市级部门业务系统156个稳定运行。",
        content="按租赁合同完成云资源按月计量结算，组织资源使用情况季度核查4次，回收闲置资源，开展上云系统安全检测2次。",
        budget=_budget("1200.00", "1188.88", "1150.26", "96.75%", "9.68"),
        budget_reason="部分云资源按实际使用量结算，租赁费用低于预算。",
        indicators=(
            Indicator("产出指标", "数量指标", "支撑上云业务系统数量", "≥", "150", "个", "156", "20", "20"),
            Indicator("产出指标", "质量指标", "云平台可用率", "≥", "99.9", "%", "99.95", "20", "20"),
            Indicator("产出指标", "时效指标", "资源开通响应时间", "≤", "24", "小时", "12", "10", "10"),
            Indicator("效益指标", "社会效益指标", "减少部门自建机房数量", "≥", "10", "个", "12", "20", "20"),
            Indicator("满意度指标", "服务对象满意度指标", "使用部门满意度", "≥", "90", "%", "96", "10", "10"),
            Indicator("成本指标", "经济成本指标", "云资源租赁成本", "≤", "1200", "万元", "1150.26", "10", "10"),
        ),
        score_total="99.68",
        conclusion="经自评，本项目自评总分99.68分。云资源按需租赁、按量结算，保障了市级部门业务系统稳定运行。",
        problems="部分部门资源申请偏大，存在闲置。",
        improvements="建立资源使用率月度通报机制，及时回收闲置资源。",
        leader="杨振华",
    ),
    _evaluation(
        code_name="51090023T000009900117-数据共享交换平台升级改造",
        goal="完成数据共享交换平台升级改造，新增数据接口200个，数据共享需求平均响应时间缩短到3个工作日以内。",
        goal_result="基本完成年度目标，新增数据接口215个，平均响应时间2.5个工作日，平台终验顺延至2024年。",
        content="完成平台架构升级、接口管理模块和数据质量模块开发，组织部门对接培训3次，完成初验。",
        budget=_budget("500.00", "650.50", "612.34", "94.13%", "9.41"),
        budget_reason="平台终验顺延，尾款未达到合同支付条件。",
        indicators=(
            Indicator("产出指标", "数量指标", "新增数据接口数量", "≥", "200", "个", "215", "20", "20"),
            Indicator("产出指标", "质量指标", "接口调用成功率", "≥", "99", "%", "99.2", "20", "20"),
            Indicator("产出指标", "时效指标", "平台终验完成时间", "≤", "12", "月", "14", "10", "8", LATE),
            Indicator("效益指标", "社会效益指标", "共享需求平均响应时间", "≤", "3", "工作日", "2.5", "20", "20"),
            Indicator("满意度指标", "服务对象满意度指标", "接入部门满意度", "≥", "90", "%", "93", "20", "20"),
        ),
        score_total="97.41",
        conclusion="经自评，本项目自评总分97.41分。平台主体功能上线，数据共享效率明显提升，终验顺延。",
        problems="部分部门数据对接进度滞后，影响平台终验。",
        improvements="建立数据对接周调度机制，督促部门按期完成对接。",
        leader="何静",
    ),
    _evaluation(
        code_name="51090023T000009900123-城市大脑运营保障",
        goal="保障城市大脑指挥中心全年运行，完成城市运行事件分拨处置不少于12000件。",
        goal_result="均按要求完成年度目标，全年分拨处置城市运行事件13560件，按时办结率98.6%。",
        content="开展城市大脑7×24小时值守，完成事件分拨、督办和数据分析，编制城市运行月报12期。",
        budget=_budget("300.00", "300.00", "300.00", "100.00%", "10"),
        budget_reason=NO_REASON,
        indicators=(
            Indicator("产出指标", "数量指标", "分拨处置城市运行事件", "≥", "12000", "件", "13560", "30", "30"),
            Indicator("产出指标", "质量指标", "事件按时办结率", "≥", "95", "%", "98.6", "20", "20"),
            Indicator("效益指标", "社会效益指标", "城市运行月报编制", "＝", "12", "期", "12", "20", "20"),
            Indicator("满意度指标", "服务对象满意度指标", "市民满意度", "≥", "90", "%", "95", "20", "20"),
        ),
        score_total="100",
        conclusion="经自评，本项目自评总分100分。城市大脑全年平稳运行，事件分拨处置及时。",
        problems="无",
        improvements="无",
        leader="杨振华",
    ),
)


def third_document() -> Document:
    doc = document_from_text(SOURCE)
    doc.body = BODY
    doc.style = "variant"
    doc.synthetic_note = "合成测试数据：本报告为测试虚构，单位、项目、人员和数字均非真实。"
    blocks = []
    for block in doc.blocks:
        blocks.append(block)
        if isinstance(block, Line) and block.text.startswith("部门预算项目支出绩效自评表"):
            blocks.pop()
            for project in PROJECTS:
                signature = f"项目负责人：{project.leader}　　　　财务负责人：{project.finance_leader}"
                blocks += [Line(project.title, "center"), project, Line(signature)]
    doc.blocks = [replace(b, repeat_header=True) if type(b).__name__ == "Schedule" else b for b in blocks]
    return doc
