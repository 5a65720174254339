"""An indicator row named word for word belongs to its own project's table: "官网平台建设运营成本" is a row of the
contest's table, even when an everyday word in it ("官网") reads as another project's name. A named row of
project X is never answered from project Y's table."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.understand.lexicon import Match
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Report

MIN_NAME = 4  # shorter row names ("满意度") are words, not names


def _flat(text: str) -> str:
    return re.sub(r"[\s“”\"'「」]", "", fold(text))


class RowOwners:
    """Each indicator row name (long enough to be a name) and the one project whose table holds it."""

    def __init__(self, report: Report, normalize: Callable[[str], str] | None = None) -> None:
        # A row named like something the report's prose speaks of ("项目支出") names that, not the row.
        prose = _flat("".join(s.text for s in report.sections if s.kind != "project_table"))
        owners: dict[str, set[str]] = {}
        for project in report.projects:
            for row in project.indicators:
                name = _flat(row.name)
                if MIN_NAME <= len(name) <= 40 and name not in prose:
                    owners.setdefault(name, set()).add(project.name)
        self.names = {name: next(iter(names)) for name, names in owners.items() if len(names) == 1}
        # Each name as a normalised question writes it ("官网" reads as 门户网站): where it sits in a plan's text.
        self.read_as = {name: _flat(normalize(name)) if normalize else name for name in self.names}

    def correct(self, plan: Plan, question: str) -> Plan:
        """The row's own project when the question names a row of another project than the one it reads, and the
        question names that other project only through the row's words or an everyday word for it."""
        if len(plan.projects) >= 2:
            return self._without_row_words(plan, question)
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

    def _without_row_words(self, plan: Plan, question: str) -> Plan:
        """ "一体化平台的三级等保测评服务费和密码评估服务费": a project read only from words inside the rows named
        (评估服务 of another table) is not named; the rows' own project is."""
        said = _flat(question)
        rows = [n for n in self.names if n in said and self.names[n] in plan.projects]
        spans = [(m.start(), m.end()) for n in rows for m in re.finditer(re.escape(self.read_as[n]), plan.text)]
        if not spans:
            return plan
        def inside(match: Match) -> bool:
            return any(a <= match.start and match.end <= b for a, b in spans)
        owners = {self.names[n] for n in rows}
        dropped = {
            p for p in plan.projects
            if p not in owners and all(inside(m) for m in plan.matches if m.kind == "project" and p in m.targets)
        }  # fmt: skip
        if not dropped:
            return plan
        matches = tuple(m for m in plan.matches if not (m.kind == "project" and set(m.targets) <= dropped))
        return plan.with_(projects=tuple(p for p in plan.projects if p not in dropped), matches=matches)
