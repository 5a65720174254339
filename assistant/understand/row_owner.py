"""An indicator row named word for word belongs to its own project's table: "官网平台建设运营成本" is a row of the
contest's table, even when an everyday word in it ("官网") reads as another project's name. A named row of
project X is never answered from project Y's table."""

from __future__ import annotations

import re

from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Report

MIN_NAME = 4  # shorter row names ("满意度") are words, not names


def _flat(text: str) -> str:
    return re.sub(r"[\s“”\"'「」]", "", fold(text))


class RowOwners:
    """Each indicator row name (long enough to be a name) and the one project whose table holds it."""

    def __init__(self, report: Report) -> None:
        # A row named like something the report's prose speaks of ("项目支出") names that, not the row.
        prose = _flat("".join(s.text for s in report.sections if s.kind != "project_table"))
        owners: dict[str, set[str]] = {}
        for project in report.projects:
            for row in project.indicators:
                name = _flat(row.name)
                if MIN_NAME <= len(name) <= 40 and name not in prose:
                    owners.setdefault(name, set()).add(project.name)
        self.names = {name: next(iter(names)) for name, names in owners.items() if len(names) == 1}

    def correct(self, plan: Plan, question: str) -> Plan:
        """The row's own project when the question names a row of another project than the one it reads, and the
        question names that other project only through the row's words or an everyday word for it."""
        if len(plan.projects) != 1:
            return plan
        said = _flat(question)
        named = sorted((n for n in self.names if n in said), key=len, reverse=True)
        if not named or self.names[named[0]] == plan.projects[0]:
            return plan
        owner, rest = self.names[named[0]], said.replace(named[0], "□")
        aliases = [m.alias for m in plan.matches if m.kind == "project" and plan.projects[0] in m.targets]
        if any(alias and alias in rest for alias in aliases) or plan.projects[0] in rest:
            return plan  # the other project is named in its own right: the question says which table
        return plan.with_(projects=(owner,))
