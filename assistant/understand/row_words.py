"""Words of an indicator row are not project mentions: "三级等保测评服务费和密码评估服务费" holds 评估服务, a piece
of another table's project name, but the question names the row (of the table the conversation is about)."""

from __future__ import annotations

import re

from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Report

ROW_NAME_MIN = 4  # an indicator row's name this long, at least, is looked for in a question as a whole


class RowWords:
    """The report's indicator row names, as a question writes them, with their tables."""

    def __init__(self, report: Report) -> None:
        self.names = [
            (p.name, name)
            for p in report.projects
            for r in p.indicators
            if len(name := re.sub(r"\s", "", fold(r.name))) >= ROW_NAME_MIN
        ]

    def without_row_words(self, plan: Plan) -> Plan:
        """The plan without the project mentions that lie inside the name of another table's indicator row."""
        inside = [
            m
            for m in plan.matches
            if m.kind == "project"
            and any(
                start <= m.start and m.end <= start + len(name) and owner not in m.targets
                for owner, name in self.names
                for start in (found.start() for found in re.finditer(re.escape(name), plan.text))
            )
        ]
        if not inside:
            return plan
        kept = tuple(m for m in plan.matches if m not in inside)
        projects = tuple(dict.fromkeys(t for m in kept if m.kind == "project" for t in m.targets))
        return plan.with_(matches=kept, projects=projects)
