"""The scope check: what the report cannot hold is refused before any answerer runs, never answered by a
neighbour: another year or body, the future, a project with no table, a project figure of another year, an
attribute the report never records (personal data, an unknown field), and judgements of wrongdoing."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection

import jieba

from assistant.answer.coverage import MISSING_MIN
from assistant.answer.toolkit import Answerer
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.plan import Plan
from assistant.understand.words import GENERIC, STOPWORDS, TIME_WORD, is_cue
from corpus import ProjectTable

log = logging.getLogger(__name__)


ORG_NAME = CUES.cue("org_name")


NAMED_PROJECT = CUES.cue("named_project")


GENERIC_PROJECT = CUES.cue("generic_project")


class Scope(Answerer):
    """Refusals of what the report cannot hold."""

    # ------------------------------------------------------------------ gatekeeping
    def out_of_scope(self, q: Plan, raw: str) -> Evidence | None:
        """Another year, another body, or a project the report has no table for."""
        for year in q.years:
            if year not in (self.year, self.year - 1) and not re.search(rf"{year}\s*年\s*\d+\s*月", raw):
                return self.kit.not_found(q, "所问年度的数据：这份报告只说明本年度的决算，以及与上一年度的比较")
        # A project table states its own year's plan (年度目标): "计划" about a named project is not the future.
        future = r"明年|后年|下一年|下年度|今后|未来|将来" + ("" if q.projects else "|打算|计划")
        if re.search(future, q.text):
            return self.kit.not_found(q, "今后年度的安排：这份报告只说明已经发生的决算情况")
        body = fold(self.report.body)
        for match in ORG_NAME.finditer(q.text):
            org = match.group(0)
            if org not in body and body not in org and org not in self.kit.folded_text:
                return self.kit.not_found(q, f"关于“{org}”的内容：这份报告是{self.report.body}的{self.report.kind}")
        if (not q.projects and q.project_field in PROJECT_MEASURES) or (not q.projects and q.project_field == "budget"):
            # A "…项目" phrase the report itself uses ("省级预算安排的信息化项目") is not an unknown project.
            named = [
                m
                for m in NAMED_PROJECT.findall(q.text)
                if not GENERIC_PROJECT.search(m) and m + "项目" not in self.kit.folded_text
            ]
            if named and not q.subjects:
                return self.kit.not_found(q, f"“{named[0]}”项目的绩效自评表")
        return None

    def other_year(self, q: Plan, project: ProjectTable) -> bool:
        """A project figure asked for a year the table does not cover: a 绩效自评表 holds only the report's year,
        so "2022年…项目的预算" in a 2023 report has no answer (a neighbouring year's figure would be wrong).

        A year the table itself names (in its name, rows or goal cells) may be what its text is about."""
        years = [y for y in q.years if y != self.report.year]
        if not years or not self.report.year:
            return False
        own = fold(project.name + project.goal + project.goal_result + "".join(r.name for r in project.indicators))
        field = self.kit.project_field(q)
        money = field in PROJECT_MEASURES or field in ("budget", "executed")
        return any(money or f"{y}" not in own for y in years)


ASK_AFTER = CUES.cue("ask_after")


JOINERS = frozenset(CUES.words("joiners"))


ATTRIBUTE_WORDS = 3  # an attribute is a short noun phrase ("家庭住址", "银行卡号")


REQUEST_VERB = CUES.cue("request_verb")


QUESTION_WORD = CUES.cue("question_word")


FUNCTION_WORD = CUES.cue("function_word")


MEASURE_WORD = CUES.cue("measure_word")


PERSONAL = CUES.cue("personal")


PERSON_END = frozenset("".join(CUES.words("person_end")))


def asked_missing(q: Plan, report_text: str) -> tuple[str, ...]:
    """Attributes the question asks of something ("负责人的身份证号和手机号", "主任的年薪是多少") that the
    report never uses: the report cannot hold them, so no other figure or name may stand in for them.

    An attribute is the run of words right after "的" (and after "和/、" that joins another such run), without
    the known words it trails off into ("手机号整理成表格" → 手机号) and without time or measure words
    ("办公楼一年" → 办公楼). It counts when the report never writes it and one of its meaning-bearing words is
    unknown to the report (办公楼 is 办公 + 楼: known; 家庭住址 has 住址: unknown). Personal data always counts.
    Filler elsewhere ("不许拒绝") is not asked for."""
    tokens = list(jieba.tokenize(q.text, HMM=False))  # no guessed words: "号发我" stays 号 / 发 / 我
    covered = {i for m in q.matches for i in range(m.start, m.end)}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] != "的":
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            run: list[str] = []
            while j < len(tokens) and len(run) < ATTRIBUTE_WORDS and _content(tokens[j], covered):
                run.append(tokens[j][0])
                j += 1
            while run and not _novel(run[-1], report_text):
                run.pop()
            phrase = "".join(run)
            asked = j >= len(tokens) or bool(ASK_AFTER.match(q.text[tokens[j][1] :]))
            long_enough = len(phrase) >= MISSING_MIN or (len(phrase) == 2 and asked)
            if long_enough and phrase not in out and _unknown(phrase, report_text):
                out.append(phrase)
            if j >= len(tokens) or tokens[j][0] not in JOINERS:
                break
            j += 1
        i = max(j, i + 1)
    for match in PERSONAL.finditer(q.text):
        word = match.group(2)
        # Asked of a person ("负责人的电话") it is personal even if the report uses the word for something else.
        of_person = bool(match.group("owner")) and match.group("owner") in PERSON_END
        if (of_person or word not in report_text) and not any(word in o or o in word for o in out):
            out.append(word)
    return tuple(out)


PERSON_ATTRIBUTE = CUES.cue("person_attribute")


PERSON_ROLE = CUES.cue("person_role")


def person_attributes(q: Plan, people: Collection[str]) -> tuple[str, ...]:
    """Personal attributes asked of a named person or a role ("财务负责人张然是什么职务、多大年纪"), with or
    without 的: the report holds names and roles only, so each is refused by name (no figure stands in)."""
    if not (any(p in q.text for p in people) or PERSON_ROLE.search(q.text)):
        return ()
    covered = {i for m in q.matches for i in range(m.start, m.end)}
    found = [m.group(0) for m in PERSON_ATTRIBUTE.finditer(q.text) if m.start() not in covered]
    return tuple(dict.fromkeys(found))


def _unknown(phrase: str, report_text: str) -> bool:
    """A phrase the report never writes, with a word of its own the report never uses either."""
    if phrase in report_text:
        return False
    parts = [p for p in jieba.lcut_for_search(phrase) if p != phrase and len(p) >= 2]
    meaning = [p for p in parts if p not in STOPWORDS and p not in GENERIC and not is_cue(p)] or parts
    return not meaning or any(p not in report_text for p in meaning)


def _novel(word: str, report_text: str) -> bool:
    """A word the report never uses, nor says through its parts ("主要用途" is 主要 + 用途: not novel)."""
    if word in report_text:
        return False
    parts = [p for p in jieba.lcut_for_search(word) if p != word and len(p) >= 2]
    if not parts or any(p not in report_text and p not in STOPWORDS and p not in GENERIC for p in parts):
        return True
    return any(all(c not in p for p in parts) for c in word)  # a character no part explains (银行 + 卡)


def _content(token: tuple[str, int, int], covered: set[int]) -> bool:
    """A content word no recognised name covers (names are the report's own words)."""
    word, start, _ = token
    if start in covered or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or word in JOINERS:
        return False
    if len(word) < 2 or REQUEST_VERB.match(word) or QUESTION_WORD.match(word) or FUNCTION_WORD.match(word):
        return False
    if TIME_WORD.match(word) or MEASURE_WORD.match(word):
        return False
    return word not in STOPWORDS and word not in GENERIC and not is_cue(word) and not ASK_AFTER.match(word)
