"""A project named in everyday words ("租的办公楼" for a 办公用房租赁 table, "健康码" for 天府健康通): the one
project whose own name characters, or the word pairs of its name and goal, the question's content words share."""

from __future__ import annotations

import logging
from collections import Counter
from functools import cached_property

import jieba

from assistant.understand.lexicon import Match
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_CUE, project_fields, with_matches
from assistant.understand.plan import Plan
from assistant.understand.words import EVERYDAY_ASK, EVERYDAY_GRAMS, GENERIC, STOPWORDS, cjk, core, grams
from corpus import ProjectTable, Report

log = logging.getLogger(__name__)


PROSE_PAIR = 2  # a character pair the report's prose uses more often than this is everyday, not a project's word


class EverydayNames:
    """Projects named in everyday words."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def _prose_text(self) -> str:
        """The report's folded prose: every section but the project tables."""
        tables = {p.section_id for p in self.report.projects}
        return "。".join(fold(s.text) for s in self.report.sections if s.id not in tables and s.kind != "project_table")

    @cached_property
    def _project_marks(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Per project: the characters of its name that no other project name has, and the character pairs of its
        name and 年度目标 that no other table's name or goal has: what everyday words can share with it."""
        names = {p.name: set(cjk(fold(p.name))) for p in self.report.projects}
        texts = {p.name: set(grams(p.name + "。" + p.goal + "。" + p.goal_result)) for p in self.report.projects}
        char_count = Counter(c for chars in names.values() for c in chars)
        gram_count = Counter(g for pairs in texts.values() for g in pairs)
        # The report's own prose says "中心", "本级", "公开" everywhere: such pairs single out no project.
        prose_count = Counter(grams(self._prose_text))
        return {
            name: (
                frozenset(c for c in names[name] if char_count[c] == 1),
                frozenset(
                    g
                    for g in texts[name]
                    if gram_count[g] == 1 and g not in EVERYDAY_GRAMS and prose_count[g] <= PROSE_PAIR
                ),
            )
            for name in names
        }

    def project_by_words(self, q: Plan) -> tuple[ProjectTable, list[Match]] | None:
        """A project named in everyday words ("租的办公楼" for 办公用房租赁, "健康码" for 天府健康通): the one project
        whose own name characters, or the word pairs of its name and goal, the question's content words share.

        Returns the project and a match per word that names it, so later stages read those words as its name."""
        if not self.report.projects or (q.rank and q.operation in ("max", "min")):  # "第三名": a ranking's place
            return None
        body = fold(self.report.body)
        words = [
            (w, start, end)
            for w, start, end in jieba.tokenize(q.rest or q.text, HMM=False)
            if cjk(w) == w
            and w not in GENERIC
            and w not in STOPWORDS
            and not EVERYDAY_ASK.fullmatch(w)
            and not set(grams(w)) <= EVERYDAY_GRAMS  # "项目", "绩效自评" name every table alike
            and w not in body  # the reporting body's own words ("数据中心") name none of its projects
        ]
        if not words:
            return None
        marks = self._project_marks
        # A word the report's prose itself uses ("办公费") is that prose's subject: its characters name no project.
        # Unless the question says it means a project ("共享平台那个运维项目").
        says_project = PROJECT_CUE.search(q.rest or q.text) is not None
        own = "□".join(core(w) for w, _, _ in words if len(w) == 1 or says_project or w not in self._prose_text)
        asked_chars, asked_grams = set(own) - {"□"}, set(grams("□".join(w for w, _, _ in words)))
        scored = []
        for project in self.report.projects:
            chars, pairs = marks[project.name]
            hit_chars, hit_grams = asked_chars & chars, asked_grams & pairs
            score = len(hit_chars) + len(hit_grams)
            # The name's own characters lead; words of its goal only back them up.
            if len(hit_chars) >= 2 or (hit_chars and hit_grams):
                scored.append((score, project, hit_chars))
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        if len(scored) > 1 and scored[1][0] * 2 > scored[0][0]:
            log.info("everyday words name several projects: %s", [(s, p.name) for s, p, _ in scored[:3]])
            return None
        _, project, hits = scored[0]
        if not any(set(w) & hits and not project_fields(w) for w, _, _ in words):
            return None
        # Only the words that share the name's characters stand for it: "抗震等级" after "办公楼" still asks a row.
        # A word that also asks a field ("租金", "费用") stays readable as that field.
        matches = [
            Match(start, end, w, (project.name,), "project")
            for w, start, end in words
            if set(w) & hits and not project_fields(w)
        ]
        log.info("everyday words %s name project %s", [m.alias for m in matches], project.name)
        return project, matches

    def resolve(self, q: Plan) -> Plan:
        """A project named in everyday words ("租的办公楼" for a 办公用房租赁 table) is read as named, before any
        refusal looks for words the report lacks. A project taken from the conversation is left alone."""
        if q.subjects or q.ambiguous or (q.projects and not any(m.kind == "project" for m in q.matches)):
            return q
        found = self.project_by_words(q)
        if found is None:
            return q
        project, matches = found
        if q.projects:  # the words name the same project again ("办公用房租赁的办公楼"): read them as its name
            return q.with_(matches=q.matches + tuple(matches)) if project.name in q.projects else q
        return with_matches(q, matches, self.report.year)
