"""One synthetic report as a `Document`, and the figures it states (for manifests, tests and benchmarks)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from benchmarks.synthetic.bodies import Body
from benchmarks.synthetic.document import Cover, Document, Heading, Line
from benchmarks.synthetic.figures import YearFigures, simulate
from benchmarks.synthetic.narrative import NarrativeWriter
from benchmarks.synthetic.selfeval import ProjectYear, person, project_pool, projects_of_year
from benchmarks.synthetic.tables import schedules, self_evaluation
from benchmarks.synthetic.vocabulary import load_vocabulary


@dataclass(frozen=True)
class ReportFigures:
    """What one report states, as the generator knows it (the ground truth a parser is checked against)."""

    body: Body
    figures: YearFigures
    previous: YearFigures
    projects: tuple[ProjectYear, ...]

    def summary(self) -> dict[str, Any]:
        now, tp = self.figures, self.figures.three_public
        amounts: dict[str, Decimal] = {
            "收支总计": now.total,
            "本年收入合计": now.total,
            "一般公共预算财政拨款收入": now.fiscal,
            "其他收入": now.other_income,
            "本年支出合计": now.total,
            "基本支出": now.basic,
            "项目支出": now.project,
            "财政拨款收支总计": now.fiscal,
            "一般公共预算财政拨款支出": now.fiscal,
            "一般公共预算财政拨款基本支出": now.basic_fiscal,
            "人员经费": now.personnel_cost,
            "公用经费": now.public_cost,
            "三公经费": tp.total,
            "因公出国（境）费": tp.abroad,
            "公务用车购置及运行维护费": tp.car,
            "公务用车购置费": tp.car_purchase,
            "公务用车运行维护费": tp.car_running,
            "公务接待费": tp.reception,
            "政府采购支出总额": now.procurement.total,
            "机关运行经费": now.public_cost if self.body.agency.unit == "行政" else Decimal(0),
        }
        return {
            "amounts": {name: str(value) for name, value in amounts.items()},
            "prior_year": {
                "收支总计": str(self.previous.total),
                "三公经费": str(self.previous.three_public.total),
                "一般公共预算财政拨款支出": str(self.previous.fiscal),
            },
            "items": [{"path": i.path, "amount": str(i.amount), "rate": str(i.rate)} for i in now.items],
            "projects": [
                {
                    "code": p.code,
                    "name": p.name,
                    "initial": str(p.initial),
                    "adjusted": str(p.adjusted),
                    "executed": str(p.executed),
                    "rate": str(p.rate),
                    "score": str(p.score),
                    "leader": p.leader,
                    "indicators": len(p.indicators),
                }
                for p in self.projects
            ],
        }


class BodyReports:
    """All reports of one body: its series and projects are simulated once, then each year is composed."""

    def __init__(self, body: Body, seed: int) -> None:
        self.body = body
        self.seed = seed

    @cached_property
    def series(self) -> dict[int, YearFigures]:
        return simulate(self.body, self.seed)

    @cached_property
    def pool(self) -> list:
        return project_pool(self.body, self.seed)

    @cached_property
    def finance_leader(self) -> str:
        return person(random.Random(f"{self.seed}:finance:{self.body.index}"))

    def figures(self, year: int) -> ReportFigures:
        projects = projects_of_year(self.body, self.seed, year, self.pool)
        return ReportFigures(self.body, self.series[year], self.series[year - 1], tuple(projects))

    def document(self, year: int) -> tuple[Document, ReportFigures]:
        stated = self.figures(year)
        body = self.body
        cover = Cover(load_vocabulary().marker["cover"], f"{year}年度", f"{body.name}{body.kind}")
        doc = Document(year, body.name, body.kind, cover)
        writer = NarrativeWriter(
            body,
            self.seed,
            stated.figures,
            stated.previous,
            [p.topic for p in stated.projects],
            len(stated.projects),
        )
        writer.part_one(doc)
        writer.part_two(doc)
        writer.part_three(doc)
        doc.add(Heading("第四部分 附件", 1), Line(f"部门预算项目支出绩效自评表（{year} 年度）"))
        doc.add(*(self_evaluation(p, body, year, self.finance_leader) for p in stated.projects))
        doc.add(Heading("第五部分 附表", 1))
        doc.add(*schedules(body, stated.figures))
        return doc, stated
