"""The catalogue: everything a question can name in one report, with its names and the collections it belongs to.

Built once from the report (never from one report's values): every subject with a stated figure (its measures,
years and aliases), the 类/款/项 hierarchy, the stated parts of each total, every project table (its fields and
aliases) and indicator row, the people the tables name, the numbered lists of the prose (职责 …), the internal
units, the terms the 名词解释 defines, and the sections. A collection ("projects", "parts:三公经费",
"indicators:四川天府健康通", "items:一般公共服务支出") lists its members in report order, so one generic
aggregate can run over any of them; a `Target` of a plan names an entry by kind and name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from assistant.understand.cues import CUES
from assistant.understand.lexicon import Lexicon
from assistant.understand.normalize import fold
from corpus import Fact, Report

DEFINITIONS_PART = "名词解释"
TEXT_FIELDS = ("leader", "finance_leader", "goal", "goal_result", "problems", "improvements", "conclusion", "code")
LEVEL = CUES.cue("level")


@dataclass(frozen=True)
class Entry:
    """One thing a question can name."""

    kind: str  # fact | project | indicator | person | list | unit | definition | section
    name: str
    aliases: tuple[str, ...] = ()  # folded names a question may use for it
    collections: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()  # a fact's stated measures, a table's fields, a row's 指标值/完成值
    years: tuple[int, ...] = ()
    section_id: str = ""
    owner: str = ""  # an indicator row's project, a person's role
    items: tuple[str, ...] = ()  # a list's items, as the report words them
    report: str = ""  # the report it belongs to (one catalogue per report today)

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


@dataclass
class Catalogue:
    report_id: str
    entries: list[Entry] = field(default_factory=list)
    _by_key: dict[tuple[str, str], Entry] = field(default_factory=dict)
    _collections: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    # ------------------------------------------------------------------ lookup
    def entry(self, kind: str, name: str) -> Entry | None:
        return self._by_key.get((kind, name))

    def members(self, collection: str) -> list[Entry]:
        """The entries of a collection, in report order ([] for an unknown collection)."""
        return list(self._collections.get(collection, ()))

    def collections(self) -> list[str]:
        return list(self._collections)

    def kinds(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    # ------------------------------------------------------------------ building
    def add(self, entry: Entry) -> None:
        if (entry.kind, entry.name) in self._by_key:
            return
        entry = Entry(**{**entry.__dict__, "report": self.report_id})
        self.entries.append(entry)
        self._by_key[(entry.kind, entry.name)] = entry
        for collection in entry.collections:
            self._collections[collection].append(entry)

    @classmethod
    def build(cls, report: Report, lexicon: Lexicon, lists: dict[str, list[str]] | None = None) -> Catalogue:
        """`lists` are the numbered lists of the prose by section title (read by the evidence stage)."""
        catalogue = cls(report.id)
        aliases = _aliases_by_name(lexicon)
        catalogue._add_facts(report, aliases)
        catalogue._add_projects(report, aliases)
        for title, items in (lists or {}).items():
            catalogue.add(Entry("list", title, (fold(title),), ("lists",), items=tuple(items)))
        definitions = {s.id for s in report.sections if s.title.strip() == DEFINITIONS_PART}
        for section in report.sections:
            named = (fold(section.title),)
            if section.parent_id in definitions:
                catalogue.add(Entry("definition", section.title, named, ("definitions",), section_id=section.id))
            catalogue.add(Entry("section", section.title, named, ("sections",), section_id=section.id))
        return catalogue

    def _add_facts(self, report: Report, aliases: dict[str, list[str]]) -> None:
        facts = sorted((f for f in report.facts if not f.scope), key=lambda f: f.start)
        by_subject: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            by_subject[fact.subject].append(fact)
        parents = {f.parent for f in facts if f.parent}
        for subject, stated in by_subject.items():
            collections = ["subjects"]
            collections += [f"parts:{p}" for p in dict.fromkeys(f.parent for f in stated if f.parent)]
            path = LEVEL.findall(subject)
            if path:
                head = subject.split("（类）")[0]
                collections.append(f"items:{head.removesuffix('支出')}")
                collections.append(f"level:{path[-1]}")
            self.add(
                Entry(
                    "fact",
                    subject,
                    tuple(aliases.get(subject, ())),
                    tuple(collections),
                    tuple(dict.fromkeys(f.measure for f in stated)),
                    tuple(dict.fromkeys(f.year for f in stated if f.year)),
                    stated[0].section_id,
                )
            )
        for parent in sorted(parents - set(by_subject)):  # a total named only as the parent of its parts
            self.add(Entry("fact", parent, tuple(aliases.get(parent, ())), ("subjects",)))
        # The 类 of the 类/款/项 paths, each by the subject the report states its total under (教育支出 for 教育).
        for collection in [c for c in self._collections if c.startswith("items:")]:
            head = collection.removeprefix("items:")
            entry = self.entry("fact", f"{head}支出") or self.entry("fact", head)
            if entry is not None and entry not in self._collections["level:类"]:
                self._collections["level:类"].append(entry)

    def _add_projects(self, report: Report, aliases: dict[str, list[str]]) -> None:
        for project in report.projects:
            measures = [f.measure for f in report.facts if f.scope == project.name]
            measures += [name for name in TEXT_FIELDS if str(getattr(project, name, "")).strip()]
            self.add(
                Entry(
                    "project",
                    project.name,
                    tuple(aliases.get(project.name, ())),
                    ("projects",),
                    tuple(dict.fromkeys(measures)),
                    (report.year,) if report.year else (),
                    project.section_id,
                )
            )
            for row in project.indicators:
                collections = ("indicators", f"indicators:{project.name}", f"level1:{row.level1}")
                named = (fold(row.name),)
                self.add(Entry("indicator", row.name, named, collections, ("指标值", "完成值"), owner=project.name))
        for role, attr in (("leaders", "leader"), ("finance_leaders", "finance_leader")):
            for project in report.projects:
                person = getattr(project, attr)
                if person:
                    existing = self.entry("person", person)
                    if existing is None:
                        self.add(Entry("person", person, (fold(person),), ("people", role), owner=role))
                    elif role not in existing.collections:
                        self._collections[role].append(existing)


def _aliases_by_name(lexicon: Lexicon) -> dict[str, list[str]]:
    """The lexicon inverted: each subject's and project's aliases, longest first (ties in alias order)."""
    out: dict[str, list[str]] = defaultdict(list)
    tables = (lexicon.subjects, lexicon.projects, {w: {n} for w, n in lexicon.project_words.items()})
    for table in tables:
        for alias in sorted(table, key=lambda a: (-len(a), a)):
            for name in sorted(table[alias]):
                if alias not in out[name]:
                    out[name].append(alias)
    return out
