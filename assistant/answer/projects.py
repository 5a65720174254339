"""One project's table: its figures (budgets, 执行率, 自评得分), its people, its code, its text cells, and
several fields asked at once, each answered in the order asked; and the projects a person is named for."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from assistant.answer.budget_words import against_text
from assistant.answer.indicators import Indicators, indicator_line
from assistant.answer.project_text import ProjectText
from assistant.answer.toolkit import Answerer, Toolkit
from assistant.calculator import compute, count, format_number
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.evidence.spans import one_line as _one_line
from assistant.evidence.spans import sentence_around
from assistant.records import Check, Operand
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES, project_fields
from assistant.understand.plan import Plan
from corpus import ProjectTable

log = logging.getLogger(__name__)
FULL_RATE = 100  # 预算执行率 (%) of a project that spent its whole budget


# A text cell asked by its field: (the label the table prints, the ProjectTable attribute).
TEXT_CELLS = {
    "problems": ("存在问题", "problems"),
    "improvements": ("改进措施", "improvements"),
    "conclusion": ("评价结论", "conclusion"),
    "goal": ("年度目标", "goal"),
    "goal_result": ("年度目标完成情况", "goal_result"),
}


class ProjectFields(Answerer):
    """Fields of one project table."""

    def __init__(self, kit: Toolkit, rows: Indicators, texts: ProjectText) -> None:
        super().__init__(kit)
        self.rows = rows
        self.texts = texts

    def project_answer(self, q: Plan) -> Evidence | None:
        project = self.kit.project(q.projects[0]) if q.projects else None
        if project is None:
            if q.project_field in ("leader", "finance_leader"):
                return self.leaders_overall(q)
            return None
        field = self.kit.project_field(q)
        ev = Evidence("answered", "project", q.text)
        if q.says("deduct"):
            return self.rows.deducted(q, project)
        if field == "self_score":  # "抗震等级这项打了几分": a row named word for word asks its own score
            named = [r for r in project.indicators if len(r.name) >= 2 and fold(r.name) in fold(q.text)]
            if named:
                return self.rows.indicator_answer(q, project, max(named, key=lambda r: len(r.name)))
        if field in ("leader", "finance_leader"):
            return self.people(q, field, ev)
        if field == "purpose":
            return self.texts.project_purpose(q, project)
        if field == "effect":
            return self.texts.project_effect(q, project)
        if field in ("goal", "goal_result") and q.says("agree_asked") and project.goal.strip():
            return self.texts.goal_against_result(q, project)  # "目标和完成情况对得上吗"
        if field in TEXT_CELLS:
            label, attr = TEXT_CELLS[field]
            value = getattr(project, attr)
            if not value.strip() and field in ("goal", "goal_result"):  # a table that fills only one goal cell
                label, attr = TEXT_CELLS["goal_result" if field == "goal" else "goal"]
                value = getattr(project, attr)
            if not value.strip():
                return None
            if value.strip() == "无":
                ev.add(f"{project.name}绩效自评表的“{label}”一栏填写为“无”。", self.tables.field_span(project, label))
                if field == "problems":  # "问题主要在哪里": what the table shows fell short, when it says "无"
                    self._shortfalls(q, project, ev)
                return ev
            ev.add(f"{project.name}的{label}：{_one_line(value)}", self.tables.field_span(project, value))
            if not ev.pieces[-1].text.endswith("。"):
                ev.pieces[-1].text += "。"
            return ev
        if field == "indicators":
            return self.rows.indicators(q, project)
        if field in PROJECT_MEASURES or field == "budget":
            return self.project_figures(q, project, field)
        return None

    def _shortfalls(self, q: Plan, project: ProjectTable, ev: Evidence) -> None:
        """A table that writes "无" under 存在问题 may still show shortfalls: its budget not fully spent, rows that
        missed their targets with the reasons it states. Said after the cell, in the table's own figures."""
        short_rows = [r for r in project.indicators if r.shortfall_reason.strip()]
        unspent = project.execution_rate is not None and project.execution_rate < FULL_RATE
        if not (short_rows or unspent):
            return
        ev.add("不过，表中仍有未完成的地方：")
        if unspent:
            figures = self.project_figures(q, project, "budget")
            if figures is not None:
                ev.pieces.extend(figures.pieces)
                ev.facts.extend(figures.facts)
                ev.checks.extend(figures.checks)
        for row in short_rows:
            reason = _one_line(row.shortfall_reason).rstrip("。")
            ev.add(f"{indicator_line(row)}，未完成原因：{reason}。", self.tables.row_span(row))

    def people(self, q: Plan, field: str, ev: Evidence) -> Evidence:
        """The people each project named signs for, and, when asked ("是同一个人吗"), whether they are one person:
        said only from the names the tables print."""
        projects = [p for p in (self.kit.project(name) for name in q.projects) if p is not None]
        for project in projects:
            span = self.tables.signature(project)
            finance = f"，财务负责人是{project.finance_leader}" if project.finance_leader else ""
            if field == "finance_leader":
                ev.add(f"{project.name}的财务负责人是{project.finance_leader or '（未填写）'}。", span)
            else:
                ev.add(f"{project.name}的项目负责人是{project.leader or '（未填写）'}{finance}。", span)
        label = "财务负责人" if field == "finance_leader" else "项目负责人"
        names = [getattr(p, field).strip() for p in projects]
        if len(projects) >= 2 and q.says("same_person") and all(names):
            spans = [self.tables.signature(p) for p in projects]
            these = "两个项目" if len(projects) == 2 else "这几个项目"  # in words: a count is no figure to verify
            if len(set(names)) == 1:
                ev.add(f"{these}的{label}是同一个人，都是{names[0]}。", *spans)
            else:
                ev.add(f"{these}的{label}不是同一个人（{'、'.join(dict.fromkeys(names))}）。", *spans)
        return ev

    def project_code(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """The project's code as printed in its 项目名称 line (code-name)."""
        if not project.code:
            return None
        section = self.report.section(project.section_id)
        at = self.report.clean_text.find(project.code, section.start, section.end)
        span = sentence_around(self.report, at, at + len(project.code)) if at != -1 else None
        ev = Evidence("answered", "project", q.text)
        ev.add(f"{project.name}绩效自评表上的项目编号是 {project.code}。", span)
        return ev

    def project_figures(self, q: Plan, project: ProjectTable, field: str) -> Evidence | None:
        ev = Evidence("answered", "project_figures", q.text)
        facts = self.table.project_facts(project.name)
        by_measure = {f.measure: f for f in reversed(facts)}
        if field == "budget" or field in ("initial_budget", "adjusted_budget", "executed", "execution_rate"):
            wanted = ["年初预算", "调整后预算", "执行数", "执行率"]
            if field != "budget" and field != "execution_rate":
                first = PROJECT_MEASURES[field]
                wanted = [first] + [m for m in wanted if m != first]
        else:
            wanted = [PROJECT_MEASURES[field]]
        shown = [by_measure[m] for m in wanted if m in by_measure]
        if not shown:
            return None
        labels = {"年初预算": "年初预算", "调整后预算": "调整后预算数", "执行数": "预算执行数", "执行率": "预算执行率",
                  "自评得分": "自评得分"}  # fmt: skip
        parts = []
        for fact in shown:
            value = show(fact)
            if fact.measure == "自评得分" and not value.endswith("分"):
                value += " 分"
            parts.append(f"{labels.get(fact.measure, fact.measure)} {value}")
        spans = list(dict.fromkeys(s for s in (self.kit.span(f) for f in shown) if s))
        ev.add(f"{project.name}：" + "，".join(parts) + "。", *spans)
        ev.facts.extend(shown)
        executed, adjusted = by_measure.get("执行数"), by_measure.get("调整后预算")
        if executed and adjusted and adjusted.value and "执行率" in [f.measure for f in shown]:
            comp = compute("execution_rate", executed, adjusted)
            ev.checks.append(comp.check)
            ev.add(f"（核算：预算执行率 = {comp.said} = {comp.text}）")
        both_asked = q.says("gap") and q.says("execution") and not q.says("initial")  # "调整后预算和执行数差了多少"
        if executed and adjusted and (q.says("gap_word") or both_asked):
            comp = compute("difference", adjusted, executed)
            ev.checks.append(comp.check)
            ev.add(f"尚未执行的预算 = 调整后预算数 − 预算执行数 = {comp.said} = {comp.text} 万元。")
            # "没花掉的占调整后预算几成": the gap's share of the adjusted budget
            if q.says("share_word") or q.measure == "占比" or q.asks("ratio_asked"):
                gap = Operand(format_number(comp.value), "尚未执行的预算")
                share = compute("share", gap, adjusted)
                ev.checks.append(share.check)
                ev.add(f"尚未执行部分占调整后预算数的比例 = {share.said} = {share.text}。")
        initial = by_measure.get("年初预算")
        if initial and adjusted and _asks_adjustment(q) and initial.value != adjusted.value:
            cut = adjusted.value < initial.value  # "调减": the adjusted budget is the smaller one
            comp = compute("difference", initial, adjusted) if cut else compute("difference", adjusted, initial)
            ev.checks.append(comp.check)
            formula = "年初预算 − 调整后预算数" if cut else "调整后预算数 − 年初预算"
            ev.add(f"{'调减' if cut else '调增'}的预算 = {formula} = {comp.said} = {comp.text} 万元。")
        if initial and adjusted and _asks_adjustment(q):  # "说明里讲追减了，表里体现了吗": the text against the columns
            names = tuple(m.alias for m in q.matches if m.kind == "project")
            before = len(ev.pieces)
            against_text(self.kit, ev, project, names, initial, adjusted)
            if len(ev.pieces) == before and initial.value == adjusted.value:
                ev.add("年初预算与调整后预算数相同，表中预算没有调整。")
        return ev

    def leaders_overall(self, q: Plan) -> Evidence | None:
        field = q.project_field
        people: dict[str, list[ProjectTable]] = {}
        for project in self.report.projects:
            person = project.finance_leader if field == "finance_leader" else project.leader
            if person:
                people.setdefault(person, []).append(project)
        if not people:
            return None
        label = "财务负责人" if field == "finance_leader" else "项目负责人"
        ev = Evidence("answered", "project", q.text)
        total = len(self.report.projects)
        for person, projects in people.items():
            if len(projects) == total:
                ev.checks.append(count_names(projects))
                ev.add(f"{total} 张绩效自评表的{label}都是{person}。", self.tables.signature(projects[0]))
            else:
                ev.add(f"{person}：" + "、".join(p.name for p in projects) + "；", self.tables.signature(projects[0]))
        return ev

    def project_summary(self, q: Plan, project: ProjectTable) -> Evidence | None:
        ev = self.project_figures(q, project, "budget")
        score = [f for f in self.table.project_facts(project.name, "自评得分")]
        if ev is None:
            return None
        if score:
            ev.add(
                f"自评得分 {show(score[0])}{'' if show(score[0]).endswith('分') else ' 分'}。", self.kit.span(score[0])
            )
            ev.facts.append(score[0])
        return ev

    def projects_of_person(self, q: Plan) -> Evidence | None:
        """ "某人管着哪几个项目": the tables that name a person as 项目负责人 or 财务负责人."""
        for person in q.people[:1]:  # the longest name the question uses (two people: never a set's choice)
            if person:
                ev = Evidence("answered", "project", q.text)
                led = [p for p in self.report.projects if p.leader == person]
                finance = [p for p in self.report.projects if p.finance_leader == person]
                if led:
                    ev.checks.append(count_names(led))
                    ev.add(f"{person}是以下 {len(led)} 个项目的项目负责人：")
                    ev.add("、".join(p.name for p in led) + "。", *(self.tables.signature(p) for p in led))
                if finance:
                    ev.checks.append(count_names(finance))
                    ev.add(f"{person}是 {len(finance)} 个项目的财务负责人。", self.tables.signature(finance[0]))
                return ev
        return None

    def asked(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """Indicator rows named by their words and table fields named by their cues, every one answered.

        "抗震等级是几级" names a row; "覆盖了几个市州、几个部门" two; "自评多少分，负责人是谁" two fields."""
        if q.says("deduct"):
            return None
        if len(q.projects) >= 2 and q.project_field in ("leader", "finance_leader"):
            return None  # "A和B是同一位负责人吗": the names' words are no rows of A's table
        rows, rest = self.rows.asked_rows(q, project)
        fields = [f for f in project_fields(rest) if not (rows and f == "indicators")]
        if rows:
            found = self.rows.rows_answer(q, rows)
            used = {f.measure for f in found.facts if f.scope == project.name}
            fields = [f for f in fields if PROJECT_MEASURES.get(f) not in used]  # "比执行数高出多少": said already
            return self.several_fields(q, fields, found) if fields else found
        if len(fields) >= 2:
            return self.several_fields(q, fields)
        return None

    def several_fields(self, q: Plan, fields: list[str], first: Evidence | None = None) -> Evidence | None:
        """ "得分多少？执行率呢？": every field asked, in the order asked (after `first`, when given)."""
        merged = Evidence("answered", "project", q.text)
        shown: set[str] = set()
        figures = ("budget", "initial_budget", "adjusted_budget", "executed", "execution_rate")
        if sum(f in figures for f in fields) >= 2:  # one line shows every figure of the table: shown once
            first_figure = next(f for f in fields if f in figures)
            fields = [f for f in fields if f not in figures or f == first_figure]
            fields = ["budget" if f == first_figure else f for f in fields]
        for field in ([""] if first is not None else []) + fields:
            part = first if field == "" else self.project_answer(q.with_(project_field=field))
            if part is None:
                continue
            for piece in part.pieces:
                if piece.text not in shown:
                    shown.add(piece.text)
                    merged.pieces.append(piece)
            merged.facts.extend(part.facts)
            merged.checks.extend(part.checks)
        return merged if merged.pieces else None


def count_names(projects: Sequence[ProjectTable]) -> Check:
    return count([p.name for p in projects]).check


def _asks_adjustment(q: Plan) -> bool:
    """The change from the initial to the adjusted budget is asked ("调减了多少", "年初预算和调整后差多少")."""
    return q.says("adjust_change") or (q.says("gap") and q.says("initial") and not q.says("execution"))
