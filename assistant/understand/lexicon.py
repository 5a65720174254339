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

from assistant.understand.normalize import SYNONYMS, apply_synonyms, fold
from corpus import ProjectTable, Report

jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are noise on every start

PATH_PART = re.compile(r"(.+?)（(类|款|项)）")
# Words that name no particular project: dropped when we look for the words that single a project out.
GENERIC_WORDS = {
    "四川", "四川省", "省", "全省", "省级", "项目", "服务", "运维", "运行", "维护", "系统", "平台", "一期", "二期",
    "建设", "管理", "工作", "中心", "政务", "政府", "部门", "单位", "支出", "经费", "资金", "及", "和", "的", "与",
    "一体化", "运维服务", "运行维护", "服务项目", "数据", "大数据", "信息", "技术",
    "人民政府", "省人民政府", "省政府", "委员会", "机构", "机关", "事业", "办公", "应用", "研究", "网络",
}  # fmt: skip
PREFIXES = ("四川省", "四川", "全省", "省级", "省")
SUFFIXES = ("运维服务项目", "运行维护服务", "运维项目", "服务项目", "项目", "运维服务", "运行及标准制定", "运营项目")
# Everyday words for the national template's terms. Each word names the first of its terms this report has
# (looked up in the report's own lexicon, so a word whose term a report lacks names nothing there). Kept by
# hand: these are the words of the template's fixed vocabulary, and no library knows them.
COLLOQUIAL: dict[str, tuple[str, ...]] = {
    # 公务用车: running a car is 运行维护; a car as such is the whole 购置及运行维护 line.
    "开车": ("公务用车运行维护费", "公务用车购置及运行维护费"),
    "养车": ("公务用车运行维护费", "公务用车购置及运行维护费"),
    "跑车": ("公务用车运行维护费",),
    "油费": ("公务用车运行维护费",),
    "加油": ("公务用车运行维护费",),
    "车辆维护": ("公务用车运行维护费",),
    "车辆运行": ("公务用车运行维护费",),
    "车辆费用": ("公务用车购置及运行维护费",),
    "车费": ("公务用车购置及运行维护费",),
    "用车": ("公务用车购置及运行维护费", "公务用车"),
    "汽车": ("公务用车购置及运行维护费", "公务用车"),
    "车子": ("公务用车购置及运行维护费", "公务用车"),
    "公务车": ("公务用车购置及运行维护费", "公务用车"),
    # 公务接待
    "请客": ("公务接待费", "国内公务接待费"),
    "招待": ("公务接待费", "国内公务接待费"),
    "宴请": ("公务接待费", "国内公务接待费"),
    "接待": ("公务接待费", "国内公务接待费"),
    "饭钱": ("国内公务接待餐费", "公务接待费"),
    "饭费": ("国内公务接待餐费", "公务接待费"),
    # 因公出国（境）
    "出国": ("因公出国（境）费",),
    "出境": ("因公出国（境）费",),
    "出国出境": ("因公出国（境）费",),
    "国外": ("因公出国（境）费",),
    # 人员经费 / 公用经费
    "工资": ("人员经费",),
    "薪水": ("人员经费",),
    "薪酬": ("人员经费",),
    "人头费": ("人员经费",),
    "人工成本": ("人员经费",),
    "养人": ("人员经费",),
    "办公经费": ("公用经费",),
    "办公费用": ("公用经费",),
    "日常开支": ("公用经费",),
    "日常支出": ("公用经费",),
    "日常运转": ("公用经费", "机关运行经费"),
    "运转经费": ("公用经费", "机关运行经费"),
    # 社会保障 items
    "养老保险": ("机关事业单位基本养老保险缴费支出", "基本养老保险缴费支出"),
    "养老金": ("机关事业单位基本养老保险缴费支出", "基本养老保险缴费支出"),
    "社保": ("社会保障和就业支出",),
    "年金": ("机关事业单位职业年金缴费支出", "职业年金缴费支出"),
    "医保": ("事业单位医疗", "行政单位医疗"),
    "医疗保险": ("事业单位医疗", "行政单位医疗"),
    "看病": ("事业单位医疗", "行政单位医疗"),
    "公积金": ("住房公积金",),
    "住房补贴": ("住房公积金",),
    "退休": ("事业单位离退休", "行政单位离退休"),
    "离退休": ("事业单位离退休", "行政单位离退休"),
    "培训": ("培训支出",),
    # 政府采购
    "买东西": ("政府采购支出总额",),
    "采购": ("政府采购支出总额",),
    "买服务": ("政府采购服务支出",),
    "买设备": ("政府采购货物支出",),
    # totals
    "总开销": ("本年支出合计",),
    "总花费": ("本年支出合计",),
    "总盘子": ("收支总计",),
}
MIN_ALIAS = 2
EDGE = re.compile(r"^[及和与的、（）\d]|[及和与的、（]$")
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
        lex._add_colloquial()
        # A colloquial key that is itself one of this report's terms stays as the report writes it, and so
        # does a longer term that contains a key (载客汽车 is not 载客公务用车).
        terms = set(lex.subjects) | set(lex.projects) | set(lex.project_words)
        lex.synonyms = {k: v for k, v in SYNONYMS.items() if k not in terms}
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

    def _add_project(self, project: ProjectTable) -> None:
        for alias in project_aliases(project.name):
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
            for piece in sorted(pieces, key=len):
                if not MIN_ALIAS <= len(piece) < len(folded) or piece in self.projects:
                    continue
                if sum(piece in other for other in names.values()) != 1 or piece in body or piece in subject_text:
                    continue
                if _is_generic(piece) or EDGE.search(piece) or piece.count("（") != piece.count("）"):
                    continue
                if piece.startswith(places):  # 四川天府 says no more than 天府
                    continue
                if prose.count(piece) <= 1 and sum(piece in t for t in others) <= 1:
                    self.project_words[piece] = project.name

    def _add_colloquial(self) -> None:
        """Everyday words as aliases of the first of their template terms this report has."""
        for word, terms in COLLOQUIAL.items():
            key = fold(word)
            if key in self.subjects or key in self.projects:
                continue  # the report uses the word itself: it means what the report means
            for term in terms:
                targets = self.subjects.get(fold(term))
                if targets:
                    self.subjects[key] = set(targets)
                    break

    # --- lookup ---------------------------------------------------------------------------------------
    def normalize(self, question: str) -> str:
        """Fold the question, then apply the colloquial synonyms that are not themselves report terms."""
        return apply_synonyms(fold(question), self.synonyms, self.protected)

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


def _is_generic(piece: str) -> bool:
    """A piece made only of words that name no particular project (政务服务, 建设项目, 运维服务项目)."""
    rest = piece
    for word in sorted(GENERIC_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest) < MIN_ALIAS


def place_forms(body: str) -> tuple[str, ...]:
    """The reporting body's place and its forms (四川省大数据中心 → 四川省, 四川; 成都市… → 成都市, 成都)."""
    match = re.match(r"^([\u4e00-\u9fa5]{2,3}?)(省|市|自治区|县|区)", fold(body))
    forms = (match.group(1) + match.group(2), match.group(1)) if match else ()
    return (*forms, "全省", "全市", "省级", "市级", "省", "市")


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
