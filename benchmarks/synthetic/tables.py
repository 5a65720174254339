"""第四部分 and 第五部分 of a synthetic report: the 绩效自评表 as printed, and the 附表 with their figures."""

from __future__ import annotations

from decimal import Decimal

from benchmarks.synthetic.bodies import Body
from benchmarks.synthetic.document import BudgetRow, Indicator, Schedule, SelfEvaluation
from benchmarks.synthetic.figures import YearFigures
from benchmarks.synthetic.narrative import m
from benchmarks.synthetic.selfeval import RATE_FLOOR, ProjectYear, project_kind
from benchmarks.synthetic.vocabulary import load_vocabulary

ZERO_ROW = ("0.00", "0.00", "0.00", "0.00%", "/", "/")


def points(value: Decimal) -> str:
    """A score as the tables print it: 100, 97.5, 8.77."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def self_evaluation(project: ProjectYear, body: Body, year: int, finance_leader: str) -> SelfEvaluation:
    kind = project_kind(project)
    scope = load_vocabulary().level(body.place.level)["scope"]

    def fill(text: str) -> str:
        return text.format(topic=project.topic, scope=scope, year=year)

    money = (f"{project.initial:.2f}", f"{project.adjusted:.2f}", f"{project.executed:.2f}", f"{project.rate:.2f}%")
    budget = (
        BudgetRow("总额", *money, "10", points(project.budget_score)),
        BudgetRow("其中：财政资金", *money, "/", "/"),
        BudgetRow("财政专户管理资金", *ZERO_ROW),
        BudgetRow("单位资金", *ZERO_ROW),
        BudgetRow("其他资金", weight="/", score="/"),
    )
    missed = project.shortfalls
    short_rate = project.rate < RATE_FLOOR
    problems = []
    if missed:
        problems.append(f"{'、'.join(row.name for row in missed)}未达到年度指标值。")
    if short_rate:
        problems.append(f"预算执行率未达到 90%，{project.budget_reason}")
    result = fill(kind.result)
    if missed or short_rate:
        result = "基本完成年度目标，" + result.split("，", 1)[-1]
    score = points(project.score)
    return SelfEvaluation(
        title=f"部门预算项目支出绩效自评表（{year}年度）",
        code_name=f"{project.code}-{project.name}",
        department=f"{body.name}部门",
        implementer=body.name,
        goal=fill(kind.goal),
        goal_result=result,
        content=fill(kind.content),
        budget=budget,
        budget_reason=project.budget_reason,
        indicators=tuple(
            Indicator(
                row.level1,
                row.level2,
                row.name,
                row.comparator,
                row.target,
                row.unit,
                row.actual,
                points(row.weight),
                points(row.score),
                row.reason,
            )
            for row in project.indicators
        ),
        weight_total="100",
        score_total=score,
        conclusion=f"经自评，本项目自评总分为 {score} 分。{fill(kind.conclusion)}",
        problems="".join(problems) or "无",
        improvements="下一步，将加强项目实施进度管理，及时跟踪绩效目标完成情况，督促整改到位。" if problems else "无",
        leader=project.leader,
        finance_leader=finance_leader,
    )


def schedules(body: Body, now: YearFigures) -> list[Schedule]:
    """The 13 附表 of the template, with the year's figures (empty ones carry the template's note)."""
    y = now.year
    classes = load_vocabulary().classes
    tp = now.three_public
    by_class: list[tuple[str, ...]] = []
    for klass, amount in now.classes():
        members = [item for item in now.items if item.klass == klass]
        basic = sum((i.amount for i in members if not i.is_project), Decimal(0))
        by_class.append((classes[klass][1], m(amount), m(basic), m(amount - basic)))
        for item in members:
            split = (m(0), m(item.amount)) if item.is_project else (m(item.amount), m(0))
            by_class.append((item.path, m(item.amount), *split))
    fiscal_rows = (("合计", m(now.fiscal), m(now.basic_fiscal), m(now.project_fiscal)), *by_class)
    fiscal_header = ("科目名称", "合计", "基本支出", "项目支出")
    projects = tuple((item.path, m(item.amount)) for item in now.items if item.is_project)
    none = f"注：{body.self_word}{y} 年度没有{{what}}，本表无数据。"
    return [
        Schedule(
            "一、收入支出决算总表",
            "公开01表",
            ("收入项目", "决算数", "支出项目", "决算数"),
            (
                ("一般公共预算财政拨款收入", m(now.fiscal), "基本支出", m(now.basic)),
                ("其他收入", m(now.other_income), "项目支出", m(now.project)),
                ("本年收入合计", m(now.total), "本年支出合计", m(now.total)),
            ),
        ),
        Schedule(
            "二、收入决算表",
            "公开02表",
            ("项目", "本年收入合计", "财政拨款收入", "其他收入"),
            (("合计", m(now.total), m(now.fiscal), m(now.other_income)),),
        ),
        Schedule(
            "三、支出决算表",
            "公开03表",
            ("项目", "本年支出合计", "基本支出", "项目支出"),
            (("合计", m(now.total), m(now.basic), m(now.project)),),
        ),
        Schedule(
            "四、财政拨款收入支出决算总表",
            "公开04表",
            ("收入项目", "决算数", "支出项目", "决算数"),
            (
                ("一般公共预算财政拨款", m(now.fiscal), "一般公共预算财政拨款支出", m(now.fiscal)),
                ("政府性基金预算财政拨款", "0", "政府性基金预算财政拨款支出", "0"),
                ("国有资本经营预算财政拨款", "0", "国有资本经营预算财政拨款支出", "0"),
                ("收入总计", m(now.fiscal), "支出总计", m(now.fiscal)),
            ),
        ),
        Schedule("五、财政拨款支出决算明细表", "公开05表", fiscal_header, fiscal_rows),
        Schedule("六、一般公共预算财政拨款支出决算表", "公开06表", fiscal_header, fiscal_rows),
        Schedule("七、一般公共预算财政拨款支出决算明细表", "公开07表", fiscal_header, fiscal_rows),
        Schedule(
            "八、一般公共预算财政拨款基本支出决算表",
            "公开08表",
            ("项目", "决算数"),
            (("人员经费", m(now.personnel_cost)), ("公用经费", m(now.public_cost)), ("合计", m(now.basic_fiscal))),
        ),
        Schedule(
            "九、一般公共预算财政拨款项目支出决算表",
            "公开09表",
            ("科目名称", "项目支出"),
            (*projects, ("合计", m(now.project_fiscal))),
        ),
        Schedule(
            "十、政府性基金预算财政拨款收入支出决算表",
            "公开10表",
            ("项目", "决算数"),
            (),
            none.format(what="政府性基金预算财政拨款收入、支出"),
        ),
        Schedule(
            "十一、国有资本经营预算财政拨款收入支出决算表",
            "公开11表",
            ("项目", "决算数"),
            (),
            none.format(what="国有资本经营预算财政拨款收入、支出"),
        ),
        Schedule(
            "十二、国有资本经营预算财政拨款支出决算表",
            "公开12表",
            ("项目", "决算数"),
            (),
            none.format(what="国有资本经营预算财政拨款支出"),
        ),
        Schedule(
            "十三、财政拨款“三公”经费支出决算表",
            "公开13表",
            ("项目", "预算数", "决算数"),
            (
                ("合计", m(tp.budget), m(tp.total)),
                ("因公出国（境）费", m(tp.budget_abroad), m(tp.abroad)),
                ("公务用车购置及运行维护费", m(tp.budget_car), m(tp.car)),
                ("其中：公务用车购置费", "", m(tp.car_purchase)),
                ("公务用车运行维护费", "", m(tp.car_running)),
                ("公务接待费", m(tp.budget_reception), m(tp.reception)),
            ),
        ),
    ]
