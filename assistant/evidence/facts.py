"""The fact table, indexed for the questions people ask: by subject, measure, parent and project.

Built once per report at construction (answering must stay within a few milliseconds).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from corpus import Fact, ProjectTable, Report

# The order figures are read out in, the way the report itself states them.
MEASURE_ORDER = ("决算数", "数量", "预算完成率", "比上年增减额", "比上年增减率", "占比")


@dataclass
class FactTable:
    report: Report
    by_subject: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    by_parent: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    by_scope: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    projects: dict[str, ProjectTable] = field(default_factory=dict)

    @classmethod
    def build(cls, report: Report) -> FactTable:
        table = cls(report)
        for fact in report.facts:
            if fact.scope:
                table.by_scope[fact.scope].append(fact)
                continue
            table.by_subject[fact.subject].append(fact)
            if fact.parent:
                table.by_parent[fact.parent].append(fact)
        table.projects = {p.name: p for p in report.projects}
        return table

    def find(self, subject: str, measure: str = "", year: int = 0, unit: str = "") -> list[Fact]:
        """Facts of one subject, optionally of one measure/year/unit, in report order."""
        facts = [
            f
            for f in self.by_subject.get(subject, [])
            if (not measure or f.measure == measure) and (not year or f.year == year) and (not unit or unit in f.unit)
        ]
        return sorted(facts, key=lambda f: f.start)

    def related(self, subject: str, measure: str, unit: str = "") -> list[Fact]:
        """Facts of a measure whose subject contains, or is contained in, the asked subject.

        "公务接待有多少批次" names 公务接待费 but the count belongs to 国内公务接待.
        """
        key = fold(subject)
        stem = key.removesuffix("费").removesuffix("支出").removesuffix("经费")
        out = []
        for other, facts in self.by_subject.items():
            folded = fold(other)
            if other == subject or not (stem in folded or folded in key):
                continue
            out.extend(f for f in facts if f.measure == measure and (not unit or unit in f.unit))
        return sorted(out, key=lambda f: f.start)

    def children(self, parent: str, measure: str = "决算数") -> list[Fact]:
        """The parts of a total, one fact per subject (the first statement of each)."""
        seen: dict[str, Fact] = {}
        for fact in sorted(self.by_parent.get(parent, []), key=lambda f: f.start):
            if fact.measure == measure and fact.subject not in seen and fact.subject != parent:
                seen[fact.subject] = fact
        return list(seen.values())

    def group(self, primary: Fact) -> list[Fact]:
        """All figures the report states for the same subject in the same section, in reading order."""
        facts = [
            f
            for f in self.by_subject.get(primary.subject, [])
            if f.section_id == primary.section_id and f.scope == primary.scope
        ]
        seen: set[str] = set()
        out = []
        for fact in sorted(facts, key=lambda f: MEASURE_ORDER.index(f.measure) if f.measure in MEASURE_ORDER else 9):
            key = fact.measure + fact.unit
            if key not in seen:
                seen.add(key)
                out.append(fact)
        return out

    def best(self, facts: list[Fact], subject: str) -> Fact | None:
        """Of several statements of a figure, the one in the section about that subject (else the first)."""
        if not facts:
            return None
        key = fold(subject)

        def rank(fact: Fact) -> tuple[int, int, int]:
            title = fold(self.report.section(fact.section_id).title) if fact.section_id else ""
            about = 0 if key and (key in title or title.endswith(key)) else 1
            richness = -len(self.group(fact))
            return (about, richness, fact.start)

        return min(facts, key=rank)

    def equal_total(self, subject: str) -> str:
        """The grand total a year's total shares its amount with (`equal_totals` in cues.toml), else "": the
        template states the change and its reason of the grand total only, and with nothing carried over they
        are the same money."""
        grand = CUES.table("equal_totals").get(subject, "")
        mine = self.find(subject, "决算数")
        theirs = self.find(grand, "决算数") if grand else []
        if not (mine and theirs) or mine[0].value != theirs[0].value:
            return ""
        return grand

    def equal_parent(self, subject: str) -> str:
        """The total a part makes up alone (its other parts are 0: 公务用车运行维护费 of 公务用车购置及运行维护费 when
        nothing was bought), else "": the same money, whose change and completion rate the report states."""
        for fact in self.find(subject, "决算数"):
            theirs = self.find(fact.parent, "决算数") if fact.parent and fact.parent != subject else []
            if theirs and fact.value and theirs[0].value == fact.value:
                return fact.parent
        return ""

    def project_facts(self, name: str, measure: str = "") -> list[Fact]:
        return [f for f in self.by_scope.get(name, []) if not measure or f.measure == measure]
