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

from assistant.understand.cues import CUES, Vocabulary, vocabulary
from assistant.understand.normalize import act, apply_synonyms, fold, rephrase
from corpus import ProjectTable, Report

jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are noise on every start

PATH_PART = CUES.cue("path_part")
PLACE = CUES.cue("place")
NAME_JOINERS = CUES.cue("name_joiners")
MIN_ALIAS = 2
MIN_CALLED = 3  # a piece this long, said with 项目 after it, names its project
PROJECT_WORD = "项目"
EDGE = CUES.cue("edge")
PAID_FOR = CUES.cue("reason_paid_for")
JOINED = re.compile("[及和与、]")
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
    protected: tuple[str, ...] = ()  # report terms the synonyms must not rewrite
    absent: tuple[str, ...] = ()  # everyday words of template items this report does not have (longest first)
    vocabulary: Vocabulary = CUES  # the template's words with this report's layer

    @classmethod
    def build(cls, report: Report) -> Lexicon:
        lex = cls()
        lex.vocabulary = vocabulary(report.id)
        for fact in report.facts:
            if not fact.scope:
                lex._add_subject(fact.subject)
            if fact.parent:
                lex._add_subject(fact.parent)
                if not fact.scope:
                    for alias in part_aliases(fact.subject, fact.parent):
                        lex.subjects[alias].add(fact.subject)
        lex._add_tails()
        lex._add_class_names()
        lex._add_paid_for(report)
        for project in report.projects:
            lex._add_project(project)
        lex._index_project_words(report)
        lex._add_colloquial()
        # A colloquial key that is itself one of this report's terms stays as the report writes it, and so
        # does a longer term that contains a key (载客汽车 is not 载客公务用车).
        terms = set(lex.subjects) | set(lex.projects) | set(lex.project_words)
        lex.synonyms = {k: v for k, v in lex.vocabulary.synonyms.items() if k not in terms}
        lex.protected = tuple(t for t in terms if any(k in t and k != t for k in lex.synonyms))
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

    def _add_class_names(self) -> None:
        """A 类 is called by its bare name ("教育" for 教育支出), however short: the name the report's 类/款/项
        paths give it, where it names nothing else."""
        names = {name for t in list(self.subjects) for name, level in PATH_PART.findall(t) if level == "类"}
        for name in sorted(names):
            whole = f"{name}支出"
            if name not in self.subjects and whole in self.subjects and self.subjects[whole] == {whole}:
                self.subjects[name] = {whole}

    def _add_paid_for(self, report: Report) -> None:
        """What an item's reason says its money pays ("缴纳工伤及失业保险") names that item: the phrase, each of its
        joined things with their shared head (工伤保险, 失业保险) and the phrase without its joiner (工伤失业保险).
        Only words no subject has yet, no other item's reason names and the report uses nowhere else."""
        named: dict[str, set[str]] = defaultdict(set)
        elsewhere = fold(report.clean_text)
        for fact in report.facts:
            if fact.scope or not fact.reason or "（项）" not in fact.subject:
                continue
            elsewhere = elsewhere.replace(fold(fact.reason), "□")
            for hit in PAID_FOR.finditer(fold(fact.reason)):
                for form in paid_forms(hit.group("what")):
                    named[form].add(fact.subject)
        for form in sorted(named):
            # A word the report uses outside the reasons means what it says there (its usage answers it).
            if form not in self.subjects and len(named[form]) == 1 and form not in elsewhere:
                self.subjects[form] = set(named[form])

    def _add_project(self, project: ProjectTable) -> None:
        for alias in project_aliases(project.name, self.vocabulary):
            self.projects[alias].add(project.name)
        if project.code:
            self.projects[fold(project.code)].add(project.name)

    def _index_project_words(self, report: Report) -> None:
        """Short forms people cut out of a project's name ("门户网站", "健康通", "热线", "12345"): every run of
        whole words of the name that is in no other project name, is not made of generic words, belongs to
        no subject nor to the reporting body's name, and is rarely used in the report outside the
        project's own table: at most once in the prose and in at most one other table (PDF spill-over), so
        省政府, 应用, 研究, 成都市 never name a project)."""
        names = {p.name: fold(p.name) for p in report.projects}
        folded_sections = {s.id: fold(s.text) for s in report.sections}
        blank = sorted(names.values(), key=len, reverse=True)
        body = fold(report.body)
        places = place_forms(report.body)
        generic = sorted(self.vocabulary.words("generic_project_words"), key=len, reverse=True)
        subject_text = "|".join(self.subjects)
        prose = "|".join(t for sid, t in folded_sections.items() if report.section(sid).kind != "project_table")
        for name in blank:
            prose = prose.replace(name, "□")
        tables = {p.name: folded_sections.get(p.section_id, "") for p in report.projects}
        for project in report.projects:
            folded = names[project.name]
            # PDF extraction spills a table's last lines into the next one: one other table may share a word.
            others = [t for n, t in tables.items() if n != project.name]
            words = jieba.lcut(folded)
            pieces = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
            for piece in sorted(pieces, key=lambda p: (len(p), p)):
                if not MIN_ALIAS <= len(piece) < len(folded) or piece in self.projects:
                    continue
                if sum(piece in other for other in names.values()) != 1 or piece in body or piece in subject_text:
                    continue
                if _is_generic(piece, generic) or EDGE.search(piece) or piece.count("（") != piece.count("）"):
                    continue
                if piece.startswith(places):  # 四川天府 says no more than 天府
                    continue
                if prose.count(piece) <= 1 and sum(piece in t for t in others) <= 1:
                    self.project_words[piece] = project.name
                # "数据中台项目": a piece said with 项目 after it names the project even where the prose uses the
                # piece for other things too (数据中台一期…)
                called = piece + PROJECT_WORD
                fresh = called not in folded and called not in self.projects and prose.count(called) <= 1
                if fresh and not piece.endswith(PROJECT_WORD) and len(piece) >= MIN_CALLED:
                    self.project_words.setdefault(called, project.name)

    def _add_colloquial(self) -> None:
        """Everyday words as aliases of the first of their template terms this report has (a figure's subject, or
        a project whose name is the template's term: 租办公室 for a 办公用房租赁 project); a word none of whose
        terms the report has is kept as absent (asked for, it is refused, never answered with a neighbour)."""
        absent = []
        for word, terms in self.vocabulary.colloquial.items():
            key = fold(word)
            if key in self.subjects or key in self.projects:
                continue  # the report uses the word itself: it means what the report means
            for term in terms:
                targets = self.subjects.get(fold(term))
                if targets:
                    self.subjects[key] = set(targets)
                    break
                projects = self._projects_called(fold(term))
                if projects:
                    self.projects[key] = projects
                    break
            else:
                absent.append(key)
        self.absent = tuple(sorted(absent, key=lambda w: (-len(w), w)))

    def _projects_called(self, term: str) -> set[str]:
        """The one project a template term names: its alias, or the one project whose name holds the term."""
        if term in self.projects:
            return set(self.projects[term])
        holding = {name for targets in self.projects.values() for name in targets if term in fold(name)}
        return holding if len(holding) == 1 else set()

    def absent_in(self, text: str, matches: list[Match] | tuple[Match, ...]) -> tuple[str, ...]:
        """The everyday words of template items this report lacks that a question says outside its matches
        ("退休人员的经费" in a report with no 离退休 项, not read as its count of retired staff)."""
        said: list[str] = []
        taken = [(m.start, m.end) for m in matches]
        for word in self.absent:
            at = text.find(word)
            if at < 0 or any(s <= at and at + len(word) <= e and e - s > len(word) for s, e in taken):
                continue
            if not any(word in w for w in said):
                said.append(word)
                taken.append((at, at + len(word)))
        return tuple(said)

    # --- lookup ---------------------------------------------------------------------------------------
    def normalize(self, question: str, rephrased: bool = True) -> str:
        """Fold the question, then apply the colloquial synonyms that are not themselves report terms (after the
        overview phrasings, unless `rephrased` is False)."""
        folded = fold(question)
        return act(apply_synonyms(rephrase(folded) if rephrased else folded, self.synonyms, self.protected))

    def find(self, text: str) -> list[Match]:
        """All subject and project mentions in a folded question, longest first, without overlaps."""
        candidates: list[tuple[int, Match]] = []
        words = {word: {name} for word, name in self.project_words.items()}
        # Longest first; at equal length a project name, then a subject, then a word cut out of a name.
        tables = ((self.projects, "project"), (self.subjects, "subject"), (words, "project"))
        for rank, (table, kind) in enumerate(tables):
            for alias, targets in table.items():
                start = text.find(alias)
                while start != -1:
                    candidates.append((rank, Match(start, start + len(alias), alias, tuple(sorted(targets)), kind)))
                    start = text.find(alias, start + 1)
        candidates.sort(key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start))
        taken: list[Match] = []
        for _, match in candidates:
            if all(match.end <= t.start or match.start >= t.end for t in taken):
                taken.append(match)
        return sorted(taken, key=lambda m: m.start)


def paid_forms(what: str) -> set[str]:
    """How people say a paid-for phrase: 工伤及失业保险 → itself, 工伤保险, 失业保险, and the two joined in either
    order (工伤失业保险, 失业和工伤保险)."""
    pieces = [p for p in JOINED.split(what) if p]
    forms = {what} if len(what) >= MIN_ALIAS else set()
    if len(pieces) < 2:
        return forms
    head = pieces[-1][-2:]  # the head the joined things share (保险)
    if len(pieces[-1]) <= len(head):
        return forms
    for piece in pieces:
        forms.add(piece if piece.endswith(head) else piece + head)
    bare = [p.removesuffix(head) for p in pieces]
    for order in (bare, bare[::-1]):  # either order: 工伤失业保险, 失业和工伤保险
        for joiner in ("", "和", "及", "、"):
            forms.add(joiner.join(order) + head)
    return {f for f in forms if len(f) >= MIN_ALIAS + len(head)}


def _is_generic(piece: str, generic: list[str]) -> bool:
    """A piece made only of words that name no particular project (政务服务, 建设项目, 运维服务项目)."""
    rest = piece
    for word in generic:  # longest first (ties in the vocabulary's order)
        rest = rest.replace(word, "")
    return len(rest) < MIN_ALIAS


def place_forms(body: str) -> tuple[str, ...]:
    """The reporting body's place and its forms (四川省大数据中心 → 四川省, 四川; 成都市… → 成都市, 成都)."""
    match = PLACE.match(fold(body))
    forms = (match.group(1) + match.group(2), match.group(1)) if match else ()
    return (*forms, *CUES.words("place_words"))


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
    if not parts and re.search(r"（[^（）]{1,3}）", folded):  # 因公出国（境）费 is also said 因公出国费
        aliases.add(re.sub(r"（[^（）]{1,3}）", "", folded))
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
    if not a.startswith(stem) or len(rest) < MIN_ALIAS:
        return set()
    kind = rest.removesuffix("支出")  # 政府采购服务支出 under 政府采购支出总额 is also "服务类"
    return {rest, f"{kind}类"} if kind != rest and len(kind) >= 2 else {rest}


def project_aliases(name: str, words: Vocabulary = CUES) -> set[str]:
    """A project's full name and its short forms: without the 四川省/省 prefix and the 项目/运维服务 suffix."""
    folded = fold(name)
    aliases = {folded}
    for _ in range(2):
        for alias in list(aliases):
            for prefix in words.words("name_prefixes"):
                if alias.startswith(prefix) and len(alias) - len(prefix) >= 4:
                    aliases.add(alias[len(prefix) :])
            for suffix in words.words("name_suffixes"):
                if alias.endswith(suffix) and len(alias) - len(suffix) >= 4:
                    aliases.add(alias[: -len(suffix)])
    # "A及B" names two things; either half (when specific enough) names the project.
    for alias in list(aliases):
        for half in NAME_JOINERS.split(alias):
            if len(half) >= 5:
                aliases.add(half)
    return aliases
