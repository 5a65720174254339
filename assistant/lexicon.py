"""The subject lexicon: every way a question can name a figure's subject or a project, built from the report.

Built once per report from its own fact table and project tables, so it knows any report of the template
(no hard-coded subjects). Matching is plain substring lookup on folded text, longest match first.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

import jieba

from assistant.question import SYNONYMS, apply_synonyms, fold
from corpus import ProjectTable, Report

jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are noise on every start

PATH_PART = re.compile(r"(.+?)（(类|款|项)）")
# Words that name no particular project: dropped when we look for the words that single a project out.
GENERIC_WORDS = {
    "四川", "四川省", "省", "全省", "省级", "项目", "服务", "运维", "运行", "维护", "系统", "平台", "一期", "二期",
    "建设", "管理", "工作", "中心", "政务", "政府", "部门", "单位", "支出", "经费", "资金", "及", "和", "的", "与",
    "一体化", "运维服务", "运行维护", "服务项目", "数据", "大数据", "信息", "技术",
}  # fmt: skip
PREFIXES = ("四川省", "四川", "全省", "省级", "省")
SUFFIXES = ("运维服务项目", "运行维护服务", "运维项目", "服务项目", "项目", "运维服务", "运行及标准制定", "运营项目")
MIN_ALIAS = 2
MIN_TAIL = 6  # shortest tail of a 项 name that still names it


@dataclass(frozen=True)
class Match:
    """One lexicon hit in a folded question."""

    start: int
    end: int
    alias: str
    targets: tuple[str, ...]  # canonical subjects, or project names
    kind: str  # "subject" | "project"


@dataclass
class Lexicon:
    subjects: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    projects: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    project_words: dict[str, str] = field(default_factory=dict)  # a word that names exactly one project
    synonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, report: Report) -> Lexicon:
        lex = cls()
        for fact in report.facts:
            if not fact.scope:
                lex._add_subject(fact.subject)
            if fact.parent:
                lex._add_subject(fact.parent)
                if not fact.scope:
                    for alias in part_aliases(fact.subject, fact.parent):
                        lex.subjects[alias].add(fact.subject)
        lex._add_tails()
        for project in report.projects:
            lex._add_project(project)
        lex._index_project_words(report)
        # A colloquial key that is itself one of this report's terms stays as the report writes it.
        terms = set(lex.subjects) | set(lex.projects)
        lex.synonyms = {k: v for k, v in SYNONYMS.items() if k not in terms}
        return lex

    # --- building -------------------------------------------------------------------------------------
    def _add_subject(self, subject: str) -> None:
        for alias in subject_aliases(subject):
            self.subjects[alias].add(subject)

    def _add_tails(self) -> None:
        """People drop the leading words of a long 项 name (职业年金缴费支出 for 机关事业单位职业年金缴费支出).
        A tail is only used where it names nothing else."""
        tails: dict[str, set[str]] = defaultdict(set)
        for alias, targets in list(self.subjects.items()):
            if not any("（项）" in t for t in targets) or "（" in alias:
                continue
            for cut in range(2, len(alias) - MIN_TAIL + 1):
                tails[alias[cut:]].update(targets)
        for tail, targets in tails.items():
            if tail not in self.subjects and len(targets) == 1:
                self.subjects[tail] = set(targets)

    def _add_project(self, project: ProjectTable) -> None:
        for alias in project_aliases(project.name):
            self.projects[alias].add(project.name)
        if project.code:
            self.projects[fold(project.code)].add(project.name)

    def _index_project_words(self, report: Report) -> None:
        """Words that single one project out ("门户网站", "天府", "12345"): in exactly one project name and
        at most once in the report's prose (so 省政府, 应用, 研究 never name a project)."""
        prose = fold("".join(s.text for s in report.sections if s.kind != "project_table"))
        owners: dict[str, set[str]] = defaultdict(set)
        for project in report.projects:
            for word in jieba.lcut(fold(project.name)):
                if len(word) >= MIN_ALIAS and word not in GENERIC_WORDS:
                    owners[word].add(project.name)
        subject_text = "|".join(self.subjects)
        for word, names in owners.items():
            # A word also used by a report-wide subject (e.g. 运行维护 in 公务用车购置及运行维护费) is no name.
            if len(names) == 1 and word not in subject_text and prose.count(word) <= 1:
                self.project_words[word] = next(iter(names))

    # --- lookup ---------------------------------------------------------------------------------------
    def normalize(self, question: str) -> str:
        """Fold the question, then apply the colloquial synonyms that are not themselves report terms."""
        return apply_synonyms(fold(question), self.synonyms)

    def find(self, text: str) -> list[Match]:
        """All subject and project mentions in a folded question, longest first, without overlaps."""
        candidates: list[Match] = []
        for table, kind in ((self.subjects, "subject"), (self.projects, "project")):
            for alias, targets in table.items():
                start = text.find(alias)
                while start != -1:
                    candidates.append(Match(start, start + len(alias), alias, tuple(sorted(targets)), kind))
                    start = text.find(alias, start + 1)
        candidates.sort(key=lambda m: (-(m.end - m.start), m.kind != "project", m.start))
        taken: list[Match] = []
        for match in candidates:
            if all(match.end <= t.start or match.start >= t.end for t in taken):
                taken.append(match)
        covered = [(m.start, m.end) for m in taken]
        for word, name in self.project_words.items():
            start = text.find(word)
            if start != -1 and all(start + len(word) <= s or start >= e for s, e in covered):
                taken.append(Match(start, start + len(word), word, (name,), "project"))
                covered.append((start, start + len(word)))
        return sorted(taken, key=lambda m: m.start)


def subject_aliases(subject: str) -> set[str]:
    """A subject's own name, its 项 name (for 类/款/项 paths), and the forms with or without 支出/费."""
    folded = fold(subject)
    aliases = {folded}
    parts = PATH_PART.findall(folded)
    if parts:
        names = {level: name for name, level in parts}
        aliases.add("".join(name for name, _ in parts))
        if "项" in names:
            aliases.add(names["项"])
    for alias in list(aliases):
        for suffix in ("总额", "合计", "总计"):
            if alias.endswith(suffix) and len(alias) - len(suffix) >= 4:
                aliases.add(alias[: -len(suffix)])
    for alias in list(aliases):
        for suffix in ("支出", "经费"):
            if alias.endswith(suffix) and len(alias) - len(suffix) >= 3:
                aliases.add(alias[: -len(suffix)])
        if alias.endswith("费") and len(alias) >= 5:
            aliases.add(alias[:-1])
    return {a for a in aliases if len(a) >= MIN_ALIAS}


def part_aliases(subject: str, parent: str) -> set[str]:
    """A part named after its total drops the shared stem: 国内公务接待餐费 under 国内公务接待费 → 餐费."""
    a, stem = fold(subject), fold(parent)
    for suffix in ("支出总额", "总额", "合计", "总计", "支出", "经费", "费"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    rest = a[len(stem) :]
    return {rest} if a.startswith(stem) and len(rest) >= MIN_ALIAS else set()


def project_aliases(name: str) -> set[str]:
    """A project's full name and its short forms: without the 四川省/省 prefix and the 项目/运维服务 suffix."""
    folded = fold(name)
    aliases = {folded}
    for _ in range(2):
        for alias in list(aliases):
            for prefix in PREFIXES:
                if alias.startswith(prefix) and len(alias) - len(prefix) >= 4:
                    aliases.add(alias[len(prefix) :])
            for suffix in SUFFIXES:
                if alias.endswith(suffix) and len(alias) - len(suffix) >= 4:
                    aliases.add(alias[: -len(suffix)])
    # "A及B" names two things; either half (when specific enough) names the project.
    for alias in list(aliases):
        for half in re.split(r"及|、|和", alias):
            if len(half) >= 5:
                aliases.add(half)
    return aliases
