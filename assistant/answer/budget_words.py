"""A project's budget columns set against what the report's text says of its budget ("说明里讲追减了资金，表里体现
调减了吗"): the columns' change (年初预算 → 调整后预算), and the sentences outside the table that name the project
with a word of budget change (追减, 追加, 调减 …), each said with its section, and whether the two agree. A text
that says the budget was cut while the columns are equal is said to disagree, never "一致"."""

from __future__ import annotations

import re

from assistant.answer.toolkit import Toolkit
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span, one_line
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from corpus import Fact, ProjectTable

CHANGE_WORD = CUES.cue("budget_change_said")  # 追减, 追加, 调减, 调增 … in the report's sentences
CUT_WORD = CUES.cue("budget_cut_said")  # those that say the budget went down
CLAUSE = re.compile(r"[^，,。；;]+")
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]是|其中[：:]?)")
MIN_NAME = 3  # a shorter name than this is no safe mark of the project in running text


def text_mentions(kit: Toolkit, project: ProjectTable, names: tuple[str, ...]) -> list[tuple[str, Span, str]]:
    """The clauses outside the project's table that name it with a budget-change word: (clause, span, section
    title), each clause once, in report order."""
    table = kit.report.section(project.section_id)
    marks = [fold(n) for n in dict.fromkeys((*names, project.name)) if len(n) >= MIN_NAME]
    seen: set[str] = set()
    out: list[tuple[str, Span, str]] = []
    for sentence in kit.sentences.sentences:
        if table.start <= sentence.span.start < table.end:
            continue
        flat = re.sub(r"\s", "", sentence.folded)
        if not any(m in flat for m in marks) or not CHANGE_WORD.search(flat):
            continue
        clause = next((c.group() for c in CLAUSE.finditer(flat) if any(m in c.group() for m in marks)), "")
        if not clause or clause in seen:
            continue
        seen.add(clause)
        title = kit.report.section(sentence.section_id).title.strip() if sentence.section_id else "报告"
        out.append((clause, sentence.span, title))
    return out


def against_text(kit: Toolkit, ev: Evidence, project: ProjectTable, names: tuple[str, ...], initial: Fact,
                 adjusted: Fact) -> None:  # fmt: skip
    """Adds the report's words on the project's budget change and whether the columns show that change."""
    said = text_mentions(kit, project, names)
    if not said:
        return
    clause, span, title = said[0]
    clause = ENUMERATION.sub("", one_line(clause))  # "二是…": the text's own list marker
    ev.add(f"报告《{title}》写道：{clause}。", span)
    cut_said = bool(CUT_WORD.search(clause))
    if initial.value == adjusted.value:
        ev.add(f"绩效自评表中年初预算与调整后预算数相同，没有体现文字所说的{'调减' if cut_said else '调整'}，"
               f"两处说法不一致，报告没有解释。")  # fmt: skip
        return
    cut = adjusted.value < initial.value
    agree = cut == cut_said
    ev.add(f"绩效自评表中调整后预算数比年初预算{'少' if cut else '多'}，与文字说法{'一致' if agree else '不一致'}。")
