"""第一部分–第三部分 of a synthetic report: the template's sentences with the year's figures.

The wording is the national template's as the shipped reports print it (spaces around figures included), so
the corpus reads a synthetic report the way it reads a real one. Every figure comes from `YearFigures`; every
rate, share and change is computed here from the printed amounts.
"""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.synthetic.bodies import Body
from benchmarks.synthetic.document import Document, Figure, Heading, Paragraph
from benchmarks.synthetic.figures import HUNDRED, YearFigures, change, percent
from benchmarks.synthetic.vocabulary import load_vocabulary

CN_NUMERALS = "一二三四五六七八九十"
ORDINALS = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是")


def m(value: Decimal) -> str:
    """An amount as the template prints it: 0 for nothing, else 2 decimals."""
    return "0" if value == 0 else f"{value:.2f}"


def pct(value: Decimal) -> str:
    """A rate as the template prints it: 100 for a full rate, else 2 decimals."""
    return "100" if value == HUNDRED else f"{value:.2f}"


def share(part: Decimal, whole: Decimal) -> str:
    """part ÷ whole as the template prints a share or a completion rate."""
    return pct(percent(part, whole))


def join_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]


def change_words(current: Decimal, previous: Decimal) -> str:
    """增加 x 万元，增长 y% / 减少 x 万元，下降 y% (the rate left out when it rounds to 0)."""
    delta, rate = change(current, previous)
    if delta == 0:
        return "持平"
    verb, rate_verb = ("增加", "增长") if delta > 0 else ("减少", "下降")
    words = f"{verb} {m(abs(delta))} 万元"
    if rate is not None and rate != 0:
        words += f"，{rate_verb} {pct(abs(rate))}%"
    return words


class NarrativeWriter:
    """Writes parts 1–3 of one year's report into a `Document`."""

    def __init__(
        self, body: Body, seed: int, current: YearFigures, previous: YearFigures, topics: list[str], evaluated: int
    ) -> None:
        self.body = body
        self.evaluated = evaluated
        self.now = current
        self.before = previous
        self.year = current.year
        self.rng = random.Random(f"{seed}:narrative:{body.index}:{current.year}")
        self.vocabulary = load_vocabulary()
        self.scope = self.vocabulary.level(body.place.level)["scope"]
        self.topics = topics

    def fill(self, text: str) -> str:
        return text.format(
            scope=self.scope,
            lvl=self.body.place.level,
            short=self.body.short,
            topic=self.rng.choice(self.topics),
            year=self.year,
        )

    def reason(self, key: str) -> str:
        return self.fill(self.rng.choice(self.vocabulary.reasons[key]))

    def change_sentence(self, subject: str, current: Decimal, previous: Decimal, joiner: str = "各") -> str:
        words = change_words(current, previous)
        if words == "持平":
            return f"与 {self.year - 1} 年度相比，{subject}基本持平。"
        why = self.reason("total_up" if current > previous else "total_down")
        return f"与 {self.year - 1} 年度相比，{subject}{joiner}{words}。主要变动原因是{why}。"

    # -------------------------------------------------------------------------------------------- part 1

    def part_one(self, doc: Document) -> None:
        body, agency = self.body, self.body.agency
        doc.add(Heading("第一部分 部门概况" if body.kind == "部门决算" else "第一部分 单位概况", 1))
        doc.add(Paragraph(self.vocabulary.marker["note"]))
        doc.add(Heading("一、主要职责", 2))
        count = self.rng.randint(min(4, len(agency.duties)), len(agency.duties))
        duties = [self.fill(duty) for duty in agency.duties[:count]]
        doc.add(Paragraph("".join(f"{ORDINALS[k]}{duty}。" for k, duty in enumerate(duties))))
        doc.add(Heading("二、机构设置", 2))
        suffix = "部" if agency.unit == "事业" else self.vocabulary.level(body.place.level)["section_suffix"]
        names = [name.format(s=suffix) for name in agency.sections]
        kept = sorted(self.rng.sample(range(len(names)), self.rng.randint(6, len(names))))
        sections = [names[k] for k in kept]
        doc.add(Paragraph(f"{body.short}内部设立机构 {len(sections)} 个，分别为：{join_list(sections)}。"))
        if body.kind == "部门决算" and agency.subordinates:
            units = [f"{body.short}本级"] + [self.fill(name) for name in agency.subordinates]
            doc.add(
                Paragraph(
                    f"纳入{body.self_word} {self.year} 年度部门决算编制范围的单位共 {len(units)} 个，"
                    f"分别为：{join_list(units)}。"
                )
            )

    # -------------------------------------------------------------------------------------------- part 2

    def part_two(self, doc: Document) -> None:
        y, now, before = self.year, self.now, self.before
        doc.add(Heading(f"第二部分 {y} 年度{self.body.kind}情况说明", 1))
        doc.add(Heading("一、收入支出决算总体情况说明", 2))
        totals = self.change_sentence("收、支总计", now.total, before.total)
        doc.add(Paragraph(f"{y} 年度收、支总计均为 {m(now.total)} 万元。{totals}"))
        doc.add(Figure("图 1：收、支决算总计变动情况图"))
        doc.add(Heading("二、收入决算情况说明", 2))
        income = (
            f"{y} 年度本年收入合计 {m(now.total)} 万元，其中：一般公共预算财政拨款收入 {m(now.fiscal)} 万元，"
            f"占 {share(now.fiscal, now.total)}%"
        )
        if now.other_income:
            income += f"；其他收入 {m(now.other_income)} 万元，占 {share(now.other_income, now.total)}%"
        doc.add(Paragraph(income + "。"), Figure("图 2：收入决算结构图"))
        doc.add(Heading("三、支出决算情况说明", 2))
        doc.add(
            Paragraph(
                f"{y} 年度本年支出合计 {m(now.total)} 万元，其中：基本支出 {m(now.basic)} 万元，占 "
                f"{share(now.basic, now.total)}%；项目支出 {m(now.project)} 万元，占 {share(now.project, now.total)}%。"
            ),
            Figure("图 3：支出决算结构图"),
        )
        doc.add(Heading("四、财政拨款收入支出决算总体情况说明", 2))
        doc.add(
            Paragraph(
                f"{y} 年度财政拨款收、支总计均为 {m(now.fiscal)} 万元。"
                + self.change_sentence("财政拨款收、支总计", now.fiscal, before.fiscal)
            ),
            Figure("图 4：财政拨款收、支决算总计变动情况"),
        )
        self.general_budget(doc)
        self.basic_spending(doc)
        self.three_public(doc)
        self.other_matters(doc)
        self.performance(doc)

    def general_budget(self, doc: Document) -> None:
        y, now, before = self.year, self.now, self.before
        doc.add(Heading("五、一般公共预算财政拨款支出决算情况说明", 2))
        doc.add(Heading("（一）一般公共预算财政拨款支出决算总体情况", 3))
        doc.add(
            Paragraph(
                f"{y} 年度一般公共预算财政拨款支出 {m(now.fiscal)} 万元，占本年支出合计的 "
                f"{share(now.fiscal, now.total)}%。"
                + self.change_sentence("一般公共预算财政拨款支出", now.fiscal, before.fiscal, joiner="")
            ),
            Figure("图 5：一般公共预算财政拨款支出决算变动情况"),
        )
        doc.add(Heading("（二）一般公共预算财政拨款支出决算结构情况", 3))
        totals = self.vocabulary.classes
        parts = [
            f"{totals[klass][1]} {m(amount)} 万元，占 {share(amount, now.fiscal)}%"
            for klass, amount in now.classes()
        ]
        doc.add(
            Paragraph(f"{y} 年度一般公共预算财政拨款支出 {m(now.fiscal)} 万元，主要用于以下方面:{'；'.join(parts)}。"),
            Figure("图 6：一般公共预算财政拨款支出决算结构"),
        )
        doc.add(Heading("（三）一般公共预算财政拨款支出决算具体情况", 3))
        doc.add(
            Paragraph(
                f"{y} 年度一般公共预算支出决算数为 {m(now.fiscal)} 万元，完成预算 "
                f"{share(now.fiscal, now.fiscal_budget)}%。其中："
            )
        )
        for k, item in enumerate(now.items, 1):
            text = f"{k}.{item.path}: 支出决算为 {m(item.amount)} 万元，完成预算 {pct(item.rate)}%"
            if item.rate < HUNDRED:
                text += f"，决算数小于预算数的主要原因是{self.item_reason(item.role)}"
            doc.add(Paragraph(text + "。"))

    def item_reason(self, role: str) -> str:
        reasons = self.vocabulary.reasons
        if role == "running":
            return self.reason("running_under")
        if role == "project":
            return self.reason("project_under")
        if role == "training":
            return self.reason("training_under")
        what = {"pension": "养老保险", "annuity": "职业年金", "insurance": "工伤及失业保险", "medical": "医疗保险"}
        template = reasons["personnel_under"]
        return template.format(
            year=self.year, new=self.now.staff_new, retired=self.now.staff_retired, what=what.get(role, "住房公积金")
        )

    def basic_spending(self, doc: Document) -> None:
        now, staff_cost = self.now, self.vocabulary.raw["staff_cost"]
        doc.add(Heading("六、一般公共预算财政拨款基本支出决算情况说明", 2))
        doc.add(Paragraph(f"{self.year}年度一般公共预算财政拨款基本支出{m(now.basic_fiscal)}万元，其中："))
        doc.add(Paragraph(f"人员经费 {m(now.personnel_cost)} 万元，主要包括：{staff_cost['personnel']}。"))
        doc.add(Paragraph(f"公用经费 {m(now.public_cost)} 万元，主要包括：{staff_cost['public']}。"))

    def three_public(self, doc: Document) -> None:
        y, tp, old = self.year, self.now.three_public, self.before.three_public
        doc.add(Heading("七、财政拨款“三公”经费支出决算情况说明", 2))
        doc.add(Heading("（一）“三公”经费财政拨款支出决算总体情况说明", 3))
        trend = change_words(tp.total, old.total)
        trend = "与上年度持平" if trend == "持平" else f"较上年度{trend}"
        text = (
            f"{y} 年度“三公”经费财政拨款支出决算为 {m(tp.total)} 万元，完成预算 {share(tp.total, tp.budget)}%，"
            f"{trend}。"
        )
        if tp.total < tp.budget:
            text += f"决算数小于预算数的主要原因是{self.reason('sangong_under')}。"
        doc.add(Paragraph(text))
        doc.add(Heading("（二）“三公”经费财政拨款支出决算具体情况说明", 3))
        abroad = f"因公出国（境）费支出决算 {m(tp.abroad)} 万元"
        if tp.abroad:
            abroad += f"，占 {share(tp.abroad, tp.total)}%"
        doc.add(
            Paragraph(
                f"{y} 年度“三公”经费财政拨款支出决算中，{abroad}；公务用车购置及运行维护费支出决算 {m(tp.car)} 万元，"
                f"占 {pct(percent(tp.car, tp.total))}%；公务接待费支出决算 {m(tp.reception)} 万元，"
                f"占 {pct(percent(tp.reception, tp.total))}%。具体情况如下："
            ),
            Figure("图 7：“三公”经费财政拨款支出结构"),
        )
        if tp.abroad:
            doc.add(
                Paragraph(
                    f"1.因公出国（境）经费支出 {m(tp.abroad)} 万元，完成预算 {share(tp.abroad, tp.budget_abroad)}%。"
                    + self.item_change("因公出国（境）经费支出决算", tp.abroad, old.abroad, "abroad")
                    + f"全年安排因公出国（境）团组 {tp.abroad_groups} 个，累计 {tp.abroad_people} 人。"
                )
            )
        else:
            doc.add(Paragraph(f"1.因公出国（境）经费支出 0 万元，{y} 年无预算，无支出，与 {y - 1} 年相比无变化。"))
        doc.add(
            Paragraph(
                f"2.公务用车购置及运行维护费支出 {m(tp.car)} 万元,完成预算 {pct(percent(tp.car, tp.budget_car))}%。"
                + self.item_change("公务用车购置及运行维护费支出决算", tp.car, old.car, "car")
            )
        )
        bought = "全年未更新购置公务用车" if not tp.car_purchase else "更新购置公务用车 1 辆"
        fleet = "均为轿车" if not tp.buses else f"其中：轿车 {tp.sedans} 辆、载客汽车 {tp.buses} 辆"
        owner = "部门" if self.body.kind == "部门决算" else "单位"
        doc.add(
            Paragraph(
                f"其中：公务用车购置支出 {m(tp.car_purchase)} 万元，{bought}。截至 {y} 年 12 月 31 日，"
                f"{owner}共有公务用车 {tp.cars} 辆，{fleet}。"
            ),
            Paragraph(
                f"公务用车运行维护费支出 {m(tp.car_running)} 万元。主要用于{self.body.agency.car_use}等所需的公务用车"
                "燃料费、维修费、过路过桥费、保险费等支出。"
            ),
            Paragraph(
                f"3.公务接待费支出 {m(tp.reception)} 万元，完成预算 {share(tp.reception, tp.budget_reception)}%。"
                + self.item_change("公务接待费支出决算", tp.reception, old.reception, "reception")
                + "其中："
            ),
        )
        lodging_use = "住宿费、" if tp.lodging else ""
        lodging = f",住宿费 {m(tp.lodging)} 万元" if tp.lodging else ""
        doc.add(
            Paragraph(
                f"国内公务接待支出 {m(tp.reception)} 万元，主要用于执行公务、开展业务活动开支的交通费、{lodging_use}"
                f"用餐费等。国内公务接待 {tp.batches} 批次，{tp.visitors} 人次（不包括陪同人员），共计支出 "
                f"{m(tp.reception)} 万元，具体内容包括：餐费 {m(tp.meals)} 万元,交通费 {m(tp.transport)} 万元"
                f"{lodging}。"
            ),
            Paragraph("外事接待支出 0 万元。"),
        )

    def item_change(self, subject: str, current: Decimal, previous: Decimal, reason_key: str) -> str:
        words = change_words(current, previous)
        if words == "持平":
            return f"{subject}与 {self.year - 1} 年度持平。"
        direction = "up" if current > previous else "down"
        return f"{subject}比 {self.year - 1} 年度{words}。主要原因是{self.reason(f'{reason_key}_{direction}')}。"

    def other_matters(self, doc: Document) -> None:
        y, now, body = self.year, self.now, self.body
        doc.add(Heading("八、政府性基金预算支出决算情况说明", 2))
        doc.add(Paragraph(f"{y} 年{body.short}无政府性基金预算财政拨款支出。"))
        doc.add(Heading("九、国有资本经营预算支出决算情况说明", 2))
        doc.add(Paragraph(f"{y} 年{body.short}无国有资本经营预算财政拨款支出。"))
        doc.add(Heading("十、其他重要事项的情况说明", 2))
        doc.add(Heading("（一）机关运行经费支出情况", 3))
        if body.agency.unit == "事业":
            doc.add(Paragraph(f"{y} 年度，{body.short}无机关运行经费支出。"))
        else:
            words = change_words(now.public_cost, self.before.public_cost)
            direction = "up" if now.public_cost > self.before.public_cost else "down"
            doc.add(
                Paragraph(
                    f"{y} 年度，{body.short}机关运行经费支出 {m(now.public_cost)} 万元，比上年{words}。"
                    f"主要原因是{self.reason(f'running_fund_{direction}')}。"
                )
            )
        doc.add(Heading("（二）政府采购支出情况", 3))
        p = now.procurement
        doc.add(
            Paragraph(
                f"{y} 年度，{body.short}政府采购支出总额 {m(p.total)} 万元，其中：政府采购货物支出 {m(p.goods)} 万元、"
                f"政府采购工程支出 {m(p.works)} 万元、政府采购服务支出 {m(p.services)} 万元。主要用于"
                f"{body.agency.procurement_use}。授予中小企业合同金额 {m(p.sme)} 万元，占政府采购支出总额的 "
                f"{pct(percent(p.sme, p.total))}%，其中：授予小微企业合同金额 {m(p.small)} 万元，占政府采购支出总额的 "
                f"{pct(percent(p.small, p.total))}%。"
            )
        )
        doc.add(Heading("（三）国有资产占有使用情况", 3))
        leader, confidential, emergency = now.vehicles
        kinds = [f"主要领导干部用车 {leader} 辆"]
        if confidential:
            kinds.append(f"机要通信用车 {confidential} 辆")
        kinds.append(f"应急保障用车 {emergency} 辆")
        doc.add(
            Paragraph(
                f"截至 {y} 年 12 月 31 日，{body.short}共有车辆 {sum(now.vehicles)} 辆，其中：{'、'.join(kinds)}，"
                f"其他用车主要是用于{body.agency.car_use}。单价 100 万元以上设备（不含车辆）{now.devices} 台（套）。"
            )
        )

    def performance(self, doc: Document) -> None:
        evaluated, topic = self.evaluated, self.rng.choice(self.topics)
        goals = evaluated + self.rng.randint(2, 30)
        prior = self.rng.randint(1, min(goals, 8))
        doc.add(Heading("（四）预算绩效管理情况", 3))
        doc.add(
            Paragraph(
                f"根据预算绩效管理要求，{self.body.self_word}在 {self.year} 年度预算编制阶段，组织对符合要求的"
                f"{topic}等 {prior} 个项目开展了预算事前绩效评估，对 {goals} 个项目编制了绩效目标，预算执行过程中，"
                f"选取 {goals} 个项目开展绩效监控，组织对 {evaluated} 个项目开展绩效自评，绩效自评表详见第四部分附件。"
            )
        )

    # -------------------------------------------------------------------------------------------- part 3

    def part_three(self, doc: Document) -> None:
        terms = self.vocabulary.terms
        entries: list[tuple[str, str]] = [tuple(terms["common"][0])]  # type: ignore[list-item]
        if self.now.other_income:
            entries.append(tuple(terms["other_income"]))  # type: ignore[arg-type]
        unit = "事业" if self.body.agency.unit == "事业" else "行政"
        for item in self.now.items:
            if item.role == "running":
                entries.append((item.path, terms["running"].format(unit=unit)))
            elif item.role == "project":
                entries.append((item.path, terms["project"]))
        entries.extend(tuple(term) for term in terms["common"][1:])  # type: ignore[misc]
        if self.body.agency.unit == "行政":
            entries.append(tuple(terms["running_fund"]))  # type: ignore[arg-type]
        doc.add(Heading("第三部分 名词解释", 1))
        doc.add(*(Paragraph(f"{k}.{term}：{meaning}") for k, (term, meaning) in enumerate(entries, 1)))
