"""What a question asks that no report of this kind may hold: attributes the report never records (personal
data, an unknown field), judgements of wrongdoing, other public bodies, projects it has no table for, and dates.

Read once while understanding (against the report's own words, which the catalogue is built from) and carried on
the plan, so the scope check only decides.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import jieba

from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import GENERIC, STOPWORDS, TIME_WORD, is_cue

MISSING_MIN = 3  # a word this long that the report never uses is something the report does not cover
ORG_NAME = CUES.cue("org_name")
OTHER_BODY_COLLOQUIAL = CUES.cue("other_body_colloquial")
FILLER_LEAD = CUES.cue("filler_lead")
NAMED_PROJECT = CUES.cue("named_project")
GENERIC_PROJECT = CUES.cue("generic_project")
ACCUSATION = CUES.cue("accusation")


def accusations(text: str, report_text: str) -> tuple[str, ...]:
    """Judgements about wrongdoing ("贪污", "违纪") a question asks the report to make, and the report never
    states: refused outright, so a list of names is never read as an accusation."""
    return tuple(dict.fromkeys(m.group(0) for m in ACCUSATION.finditer(text) if m.group(0) not in report_text))


def other_bodies(text: str, body: str, report_text: str) -> tuple[str, ...]:
    """Public bodies the question names that are neither the reporting body nor named in the report."""
    body = fold(body)
    # "顺便问下省X厅…": the aside's opening words are not part of the name (nor hide where it starts).
    found = [m.group(0).strip("，") for m in ORG_NAME.finditer(FILLER_LEAD.sub("，", text))]
    named = [o for o in found if o not in body and body not in o and o not in report_text]
    # Named colloquially ("那边的…局"): never in the report's words, so only the body itself is set aside.
    said = [m.group(0) for m in OTHER_BODY_COLLOQUIAL.finditer(text)]
    return tuple(dict.fromkeys(named + [o for o in said if o not in body and body not in o]))


def unknown_projects(text: str, report_text: str) -> tuple[str, ...]:
    """ "…项目" phrases naming a project the report has no table for (a phrase the report itself uses, such as
    "省级预算安排的信息化项目", is not unknown)."""
    named = NAMED_PROJECT.findall(text)
    return tuple(m for m in named if not GENERIC_PROJECT.search(m) and m + "项目" not in report_text)


UNHELD_ATTRIBUTES = {label: re.compile(p) for label, p in CUES.table("unheld_attributes").items()}
SCOPED_ATTRIBUTES = {
    label: (re.compile(e["ask"]), re.compile(e["held"])) for label, e in CUES.table("scoped_attributes").items()
}


def never_held(text: str, scope_text: str) -> tuple[str, ...]:
    """What the question asks that the template never records (a car's make, the body's head, a person's pay)
    or that the text it would come from does not hold (a company's name, a contract's amount, total assets),
    by the label the refusal names. `scope_text`: the named project's table, else the report outside the
    tables (folded). Read in the vocabulary's order, so the labels come out the same every time."""
    out = []
    for label, asked in UNHELD_ATTRIBUTES.items():
        found = asked.search(text)
        if found and found.group(0) not in scope_text:
            out.append(label)
    for label, (asked, held) in SCOPED_ATTRIBUTES.items():
        if asked.search(text) and not held.search(scope_text):
            out.append(label)
    return tuple(out)


def dated_years(question: str) -> tuple[int, ...]:
    """Years written with a month ("2022年8月26日"): a date in the question, not a year it asks about."""
    return tuple(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年\s*\d+\s*月", question))


ASK_AFTER = CUES.cue("ask_after")
HOLDER = re.compile("|".join(re.escape(w) for w in sorted(CUES.words("holder"), key=len, reverse=True)))


JOINERS = frozenset(CUES.words("joiners"))


ATTRIBUTE_WORDS = 3  # an attribute is a short noun phrase ("家庭住址", "银行卡号")


REQUEST_VERB = CUES.cue("request_verb")


QUESTION_WORD = CUES.cue("question_word")


FUNCTION_WORD = CUES.cue("function_word")


MEASURE_WORD = CUES.cue("measure_word")


PERSONAL = CUES.cue("personal")
PHYSICAL_UNIT = CUES.cue("physical_unit")


PERSON_END = frozenset("".join(CUES.words("person_end")))


def asked_missing(q: Plan, report_text: str, unit_text: str = "") -> tuple[str, ...]:
    """Attributes the question asks of something ("负责人的身份证号和手机号", "主任的年薪是多少") that the
    report never uses: the report cannot hold them, so no other figure or name may stand in for them.

    An attribute is the run of words right after "的" (and after "和/、" that joins another such run), without
    the known words it trails off into ("手机号整理成表格" → 手机号) and without time or measure words
    ("办公楼一年" → 办公楼). It counts when the report never writes it and one of its meaning-bearing words is
    unknown to the report (办公楼 is 办公 + 楼: known; 家庭住址 has 住址: unknown). Personal data always counts.
    Filler elsewhere ("不许拒绝") is not asked for. A count in a physical unit counts when `unit_text` (the text
    of what is asked about: a project's table, else the report outside the tables) never writes the unit."""
    tokens = list(jieba.tokenize(q.text, HMM=False))  # no guessed words: "号发我" stays 号 / 发 / 我
    covered = {i for m in q.matches for i in range(m.start, m.end)}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] != "的":
            i += 1
            continue
        j = i + 1
        if j < len(tokens) and HOLDER.fullmatch(tokens[j][0]) and tokens[i][1] - 1 in covered:
            i = j + 1  # "退休的老同志": whose item the named item is, not an attribute of it
            continue
        while j < len(tokens):
            run: list[str] = []
            while j < len(tokens) and len(run) < ATTRIBUTE_WORDS and _content(tokens[j], covered):
                run.append(tokens[j][0])
                j += 1
            if not run:  # "交的、将来…": the 的 closes a describing clause; no attribute follows it to join
                break
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
    for match in PHYSICAL_UNIT.finditer(q.text):  # "每辆车跑了多少公里": a count in a unit the report never uses
        unit = match.group("unit")
        if unit not in (unit_text or report_text) and f"{unit}数" not in out:
            out.append(f"{unit}数")
    return tuple(out)


PERSON_ATTRIBUTE = CUES.cue("person_attribute")


PERSON_ROLE = CUES.cue("person_role")
PERSON_PAY = CUES.cue("person_pay")


def person_attributes(q: Plan, people: Collection[str]) -> tuple[str, ...]:
    """Personal attributes asked of a named person or a role ("某位负责人是什么学历、家住哪里"), with or
    without 的: the report holds names and roles only, so each is refused by name (no figure stands in)."""
    named = any(fold(p) in q.text for p in people)
    if not (named or PERSON_ROLE.search(q.text)):
        return ()
    # Asked of a person the tables name, 工资 is that person's pay, whatever report subject the word also names.
    covered = set() if named else {i for m in q.matches for i in range(m.start, m.end)}
    found = [m.group(0) for m in PERSON_ATTRIBUTE.finditer(q.text) if m.start() not in covered]
    found += [m.group(1) for m in PERSON_PAY.finditer(q.text)]  # a role's own pay, even where 工资 names a subject
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
    if word in report_text or word in GENERIC:  # "个数", "金额": words of any question, not attributes
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
