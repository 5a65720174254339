"""The scope check: what the report cannot hold is refused before any answerer runs, never answered by a
neighbour: another year or body, the future, a project with no table, a project figure of another year, an
attribute the report never records (personal data, an unknown field), and judgements of wrongdoing."""

from __future__ import annotations

import logging

from assistant.answer.toolkit import Answerer
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.plan import Plan
from corpus import ProjectTable

log = logging.getLogger(__name__)


ORG_NAME = CUES.cue("org_name")


NAMED_PROJECT = CUES.cue("named_project")


GENERIC_PROJECT = CUES.cue("generic_project")


class Scope(Answerer):
    """Refusals of what the report cannot hold."""

    # ------------------------------------------------------------------ gatekeeping
    def out_of_scope(self, q: Plan) -> Evidence | None:
        """Another year, another body, or a project the report has no table for (`q` is read with the tables'
        people and conditions blanked: they pick tables, they name no body or project the report lacks)."""
        for year in q.years:
            if year not in (self.year, self.year - 1) and year not in q.dated_years:
                return self.kit.not_found(q, "所问年度的数据：这份报告只说明本年度的决算，以及与上一年度的比较")
        # A project table states its own year's plan (年度目标): "计划" about a named project is not the future.
        if q.says("future") or (not q.projects and q.says("future_plan")):
            return self.kit.not_found(q, "今后年度的安排：这份报告只说明已经发生的决算情况")
        if q.other_bodies:
            org = q.other_bodies[0]
            return self.kit.not_found(q, f"关于“{org}”的内容：这份报告是{self.report.body}的{self.report.kind}")
        asks_table_figure = q.project_field in PROJECT_MEASURES or q.project_field == "budget"
        # "调整后预算最少的项目": a ranking over the tables, not a project the report lacks
        if not q.projects and asks_table_figure and q.unknown_projects and not q.subjects and not q.aggregate:
            return self.kit.not_found(q, f"“{q.unknown_projects[0]}”项目的绩效自评表")
        return None

    def other_year(self, q: Plan, project: ProjectTable) -> bool:
        """A project figure asked for a year the table does not cover: a 绩效自评表 holds only the report's year,
        so "2022年…项目的预算" in a 2023 report has no answer (a neighbouring year's figure would be wrong).

        A year the table itself names (in its name, rows or goal cells) may be what its text is about."""
        years = [y for y in q.years if y != self.report.year]
        if not years or not self.report.year:
            return False
        own = fold(project.name + project.goal + project.goal_result + "".join(r.name for r in project.indicators))
        field = self.kit.project_field(q)
        money = field in PROJECT_MEASURES or field in ("budget", "executed")
        return any(money or f"{y}" not in own for y in years)
