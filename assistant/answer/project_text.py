"""What a project table says in words: the sentences holding the question's distinctive words, why the
project is done (its 年度目标), what it achieved (its 效益), and why a figure fell short."""

from __future__ import annotations

import logging
import re

from assistant.answer.indicators import Indicators, indicator_line
from assistant.answer.row_finder import LOOSE_NAME, LOOSE_STOP, ROW_ASK, figure_near_words, without_longest_name
from assistant.answer.toolkit import CJK_DIGIT_GAP, Answerer, Toolkit
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.evidence.spans import one_line as _one_line
from assistant.evidence.tables import whole_sentence, without_label
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.parse import PROJECT_CUE, PURPOSE
from assistant.understand.plan import Plan
from assistant.understand.words import EVERYDAY_GRAMS, content_words, grams
from corpus import ProjectTable

log = logging.getLogger(__name__)


PURPOSE_STOP = CUES.cue("purpose_stop")


PURPOSE_TEXT = CUES.cue("purpose_text")


LIST_ASK = CUES.cue("list_ask")


TABLE_HEADER = CUES.cue("table_header")


GOAL_TAIL = 12  # a table sentence ending in this much of the 年度目标 is that goal


MAX_EFFECT_ROWS = 4  # 效益 rows listed with what a project achieved


EFFECT_TEXT = CUES.cue("effect_text")


TABLE_CELLS = CUES.cue("table_cells")


OPEN_QUESTION = CUES.cue("open_question")
EXECUTION = CUES.cue("execution")
BUDGET_CHANGE = CUES.cue("budget_change")  # a table's words on why its budget was raised or cut
BUDGET_NOTE = CUES.cue("budget_note")  # the template's own instruction to explain such a change
BUDGET_COLUMNS = ("initial_budget", "adjusted_budget")
PERCENT_ASKED = re.compile(r"\d+(?:\.\d+)?\s*%")
DATED_WEIGHT = 2  # a table sentence dated in the year the question writes: as strong as two shared words


GOAL_DONE = CUES.cue("goal_done")
GOAL_NOT_DONE = CUES.cue("goal_not_done")
SAME_WORDING = 0.85  # this share of the goal's words said again in the result: the cell restates the goal
OTHER_WORDING = 0.2  # below this share the two cells speak of other things
SHOWN_MISSING = 3  # goal words the result never says, shown


class ProjectText(Answerer):
    """A project table's own sentences."""

    def __init__(self, kit: Toolkit, rows: Indicators) -> None:
        super().__init__(kit)
        self.rows = rows

    def table_lines(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """The table's own sentences that hold the question's distinctive words ("等保几级的年度检测" → "完成平台
        等保三级的年度检测"): what a table states outside its rows, before a question is refused.

        A figure question needs a figure next to those words."""
        text = without_longest_name(q, project.name)
        for gram in dict.fromkeys(g for g in grams(project.name) if g not in EVERYDAY_GRAMS):  # in name order
            text = text.replace(gram, "□□")
        # The reporting body's words ("四川", "中心") are in every table's header: they single out no sentence.
        asked = set(grams(LOOSE_STOP.sub("□", text))) - EVERYDAY_GRAMS - set(grams(self.report.body))
        if len(asked) < 2:
            return None
        wants_figure = ROW_ASK.search(text) is not None and OPEN_QUESTION.search(text) is None
        scored = []
        whole = {span for span, _ in self.tables.table_sentences(project)}
        for span, sentence in self.tables.table_sentences(project, windows=True):
            shared = asked & set(grams(sentence))
            if TABLE_HEADER.search(sentence):
                continue
            if span not in whole and _runs(text, shared) < 2:
                continue  # a window of a long cell answers only for two separate words of the question
            said = [self.report.clean_text[s.start : s.end] for _, s in scored]
            if _one_line(self.report.clean_text[span.start : span.end]) in map(_one_line, said):
                continue  # the same words in the table's second column
            if len(shared) >= 2 and (not wants_figure or figure_near_words(sentence, shared)):
                scored.append((len(shared), span))
        if not scored:
            return None
        best = max(hits for hits, _ in scored)
        chosen = [span for hits, span in scored if hits == best][:2]
        if LIST_ASK.search(text):
            chosen = self._continued(q, project, chosen)
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        for span in chosen:
            if self.report.clean_text[span.end - 1] != "，":  # a long sentence's clause window stays a window
                span = whole_sentence(self.report.clean_text, span)
            span = without_label(self.report.clean_text, span)
            said = _one_line(self.report.clean_text[span.start : span.end])
            ev.add(CJK_DIGIT_GAP.sub("", said.removesuffix("，") + ("。" if said.endswith("，") else "")), span)
        return ev

    def project_passages(self, q: Plan, project: ProjectTable, extra: str = "") -> Evidence | None:
        if q.asks("list_ask") and not extra:
            # "配套的家具包括哪些": the table sentence carrying the question's own rare words and its list, before
            # the search's pick (which may be the table's general goal text).
            found = self.table_lines(q, project)
            if found is not None:
                return found
        # Inside the project's own table its name says nothing: score on the rest of the question.
        text = PROJECT_CUE.sub(" ", q.rest or q.text) + extra
        found = self.sentences.best(text, section_ids={project.section_id})
        if not found:
            return None
        ev = Evidence("answered", "passages", q.text)
        ev.add(f"据{project.name}绩效自评表：")
        spans = [whole_sentence(self.report.clean_text, item.sentence.span) for item in found]
        if q.asks("list_ask"):  # "另外办了什么活动": the next sentence may carry the list on
            spans = self._continued(q, project, spans)
        for span in spans:
            text = _one_line(self.report.clean_text[span.start : span.end])
            ev.add(re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])", "", text), span)
        return ev

    def _continued(self, q: Plan, project: ProjectTable, spans: list[Span]) -> list[Span]:
        """Each chosen sentence followed by the next sentence of its paragraph when that one shares a word of the
        question too ("开展了赛道配套活动…。开展青少年…实践活动、…开放日…等。")."""
        asked = set(grams(without_longest_name(q, project.name))) - EVERYDAY_GRAMS
        sentences = self.tables.table_sentences(project)
        out: list[Span] = []
        for span in spans:
            out.append(span)
            after = [(s, t) for s, t in sentences if s.start >= span.end and s.start - span.end <= 2]
            if not after or TABLE_CELLS.search(after[0][1]):
                continue
            following, text = after[0]
            if asked & set(grams(text)) and following not in out and following not in spans:
                out.append(following)
        return out

    def project_purpose(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """Why a project is done: the table's sentences that share the question's words ("为什么要买短信通知服务"
        → its 年度目标 item on 消息通知), else the whole 年度目标 ("图的是什么", "依据是什么").

        When the question names something the table never mentions, nothing here answers it (None)."""
        goal = project.goal.strip() or project.goal_result.strip()
        if not goal:
            return None
        rest = PURPOSE_STOP.sub(" ", re.sub(PURPOSE, " ", without_longest_name(q, project.name)))
        asked = {g for g in grams(rest) if g not in EVERYDAY_GRAMS}
        # A year the question writes ("为啥2023年还在花钱") is asked about: what the table dates in that year (a day
        # or month of it, never the table's own "2023年度" heading) is what the year's money did.
        years = [str(y) for y in q.years if str(y) in (q.question or q.text)]
        scored = [
            (len(asked & set(grams(text))) + DATED_WEIGHT * any(_dated_in(text, y) for y in years), span)
            for span, text in self.tables.table_sentences(project)
        ]
        best = max((hits for hits, _ in scored), default=0)
        ev = Evidence("answered", "project", q.text)
        # The parsed 年度目标 cell reads cleaner than a table sentence (which may carry the table's header).
        in_goal = [g for g in re.findall(r"[^。；;]+[。；;]?", goal) if len(asked & set(grams(g))) >= max(best, 2)]
        if in_goal:
            ev.add(
                f"{project.name}的年度目标中写明：{_one_line(in_goal[0])}", self.tables.field_span(project, in_goal[0])
            )
        elif best >= 2:
            chosen = [span for hits, span in scored if hits == best][:2]
            text = "".join(_one_line(self.report.clean_text[s.start : s.end]) for s in chosen)
            ev.add(f"据{project.name}绩效自评表：{CJK_DIGIT_GAP.sub('', text)}", *chosen)
        elif len(asked) >= 3:  # the question names something; the table does not say it
            return None
        else:
            ev.add(f"{project.name}的年度目标：{_one_line(goal)}", self.tables.field_span(project, goal))
            # The 完成情况 may name the cause the goal leaves out ("按…疫情防控有关要求…以信息化手段支撑…").
            first = re.match(r"[^。；;]+[。；;]?", project.goal_result.strip())
            said = re.sub(r"\s", "", fold(goal))
            if first and PURPOSE_TEXT.search(first.group()) and re.sub(r"\s", "", fold(first.group())) not in said:
                if not ev.pieces[-1].text.endswith("。"):
                    ev.pieces[-1].text += "。"
                ev.add(f"完成情况中写明：{_one_line(first.group())}", self.tables.field_span(project, first.group()))
        self._done_part(q, project, asked, ev)
        if not ev.pieces[-1].text.endswith("。"):
            ev.pieces[-1].text += "。"
        return ev

    def _done_part(self, q: Plan, project: ProjectTable, asked: set[str], ev: Evidence) -> None:
        """ "为什么要做X，具体干了什么": the why comes from the goal; the what from the 完成情况 item on X."""
        if not q.asks("goal_result"):
            return
        cited = {span for piece in ev.pieces for span in piece.cites}
        said = re.sub(r"\s", "", "".join(piece.text for piece in ev.pieces))
        scored = [
            (len(asked & set(grams(text))), span, text)
            for span, text in self.tables.table_sentences(project)
            if not TABLE_CELLS.search(text)
            and span not in cited
            and re.sub(r"\s", "", text) not in said
            and not any(span.start < c.end and c.start < span.end for c in cited if c)
        ]
        best = max((hits for hits, _, _ in scored), default=0)
        if best < 2:
            return
        span, text = next((span, text) for hits, span, text in scored if hits == best)
        if not ev.pieces[-1].text.endswith("。"):
            ev.pieces[-1].text += "。"
        ev.add(f"完成情况中写明：{CJK_DIGIT_GAP.sub('', text).rstrip('；;')}。", span)

    def project_effect(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """What a project achieved ("起到了什么作用", "有什么成效"): the table's sentences that say what it brought
        (评价结论, 完成情况: "为…提供了参考", "有效提升…"), then its 效益 rows. The 年度目标 is what was planned,
        not what came of it, and is left out."""
        goal = re.sub(r"\s", "", fold(project.goal))
        asked = set(grams(without_longest_name(q, project.name))) - EVERYDAY_GRAMS
        scored = []
        for span, text in self.tables.table_sentences(project):
            flat = re.sub(r"\s", "", fold(text)).rstrip("。；;")
            if flat[-GOAL_TAIL:] in goal or TABLE_CELLS.search(text):  # the plan (its cell may follow a header)
                continue
            cues = len(EFFECT_TEXT.findall(text))
            if cues:
                scored.append((cues + len(asked & set(grams(text))), span))
        rows = [r for r in project.indicators if "效益" in r.level1 + r.level2 and len(r.name) <= LOOSE_NAME]
        if not scored and not rows:
            return None
        ev = Evidence("answered", "project", q.text)
        if scored:
            best = max(hits for hits, _ in scored)
            chosen = [span for hits, span in scored if hits >= max(2, best - 1)][:2]
            chosen = chosen or [span for hits, span in scored if hits == best][:1]
            ev.add(f"据{project.name}绩效自评表：")
            for span in chosen:
                span = without_label(self.report.clean_text, whole_sentence(self.report.clean_text, span))
                ev.add(CJK_DIGIT_GAP.sub("", _one_line(self.report.clean_text[span.start : span.end])), span)
        if rows:
            ev.add("效益指标：" if scored else f"{project.name}绩效自评表的效益指标：")
            for i, row in enumerate(rows[:MAX_EFFECT_ROWS]):
                sep = "；" if i < len(rows[:MAX_EFFECT_ROWS]) - 1 else "。"
                ev.add(f"{indicator_line(row)}{sep}", self.tables.row_span(row))
            ev.facts.extend(f for f in self.table.project_facts(project.name) if any(r.name in f.subject for r in rows))
        return ev

    def project_reason(self, q: Plan, project: ProjectTable | None) -> Evidence | None:
        """Why a figure fell short (a stated reason), or, when no shortfall is asked about, why the project is done."""
        if project is None:
            return None
        if q.says("deduct"):  # "为啥没拿满分，扣在哪": the parts that lost points, with their stated reasons
            found = self.rows.deducted(q, project)
            if found is not None:
                return found
        asked = self.rows.asked_rows(q, project)[0]
        unspent = self._unspent_asked(q, project)  # "剩下没用的钱多少，原因呢": the budget's shortfall
        if q.project_field in BUDGET_COLUMNS and not unspent and not q.asks("shortfall"):
            unstated = self._budget_reason_unstated(q, project)
            if unstated is not None:  # "年初预算为何为零": the table prints the figures, never why
                return unstated
        if not q.asks("shortfall") and not unspent and not any(row.shortfall_reason for _, row in asked):
            return self.project_purpose(q, project)
        if q.asks("gap") and len(asked) == 1:  # "离目标还差多少？原因是什么": the gap and the stated reason
            return self.rows.indicator_answer(q, *asked[0])
        ev = Evidence("answered", "reason", q.text)
        rows = self.rows.matching_rows(q, list(project.indicators))
        rows = [r for r in rows if r.shortfall_reason] or [r for r in project.indicators if r.shortfall_reason]
        money = bool(q.says("execution") or PERCENT_ASKED.search(q.text) or unspent)
        if money:  # the money's shortfall: the execution rows first
            rows = [r for r in rows if EXECUTION.search(r.name)] or rows
        named_row = bool(self.rows.matching_rows(q, list(project.indicators)))
        facts = [f for f in self.table.project_facts(project.name) if f.reason]
        if facts and (not named_row or money):
            fact = facts[0]
            text, span = self.kit.reason_span(fact)
            ev.add(
                f"{project.name}{self.kit.phrase(fact, False) if fact.measure != '执行率' else ''}", self.kit.span(fact)
            )
            ev.pieces[-1].text = f"{project.name}预算执行率 {show(fact)}。" if fact.measure == "执行率" else ""
            ev.add(f"原因：{text}。", span)
            ev.facts.append(fact)
            return ev
        if rows and money:
            self._execution_line(project, ev)
        if rows:
            for row in rows[:3]:
                reason = _one_line(row.shortfall_reason).rstrip("。")
                ev.add(f"{indicator_line(row)}，未完成原因：{reason}。", self.tables.row_span(row))
            return ev
        return self.project_passages(q, project, extra="原因")

    def _budget_reason_unstated(self, q: Plan, project: ProjectTable) -> Evidence | None:
        """Why a budget column is what it is (年初为0, 调整后多了): the table's own words on a budget change (not the
        template's instructions) would say; with none, the answer says the report gives no reason (no figure)."""
        said = [text for _, text in self.tables.table_sentences(project) if BUDGET_CHANGE.search(text)]
        if any(not BUDGET_NOTE.search(text) for text in said):
            return None
        label = "年初预算" if q.project_field == "initial_budget" else "调整后预算"
        name = fold(project.name)
        elsewhere = [
            s for s in self.sentences.sentences
            if s.section_id != project.section_id and name in s.folded and BUDGET_CHANGE.search(s.folded)
        ]  # fmt: skip
        if elsewhere:  # "…纳入部门预算新增安排": the prose says the money was newly arranged, not why 年初 had none
            ev = Evidence("answered", "reason", q.text)
            ev.add(f"报告没有直接说明{project.name}{label}这样安排的原因，只在说明收支变动时提到：")
            span = elsewhere[0].span
            ev.add(_one_line(self.report.clean_text[span.start : span.end]), span)
            return ev
        ev = Evidence("not_found", "not_found", q.text)
        ev.add(f"报告没有说明{project.name}{label}这样安排的原因：绩效自评表只列出年初预算、调整后预算和执行数，"
               "“原因”一栏没有填写，报告其他地方也没有解释。")  # fmt: skip
        return ev

    @staticmethod
    def _unspent_asked(q: Plan, project: ProjectTable) -> bool:
        """A bare "为什么" carried from an ask about the project's money (its rate, or what was left unspent) of a
        project that did not spend its whole budget: why the money was not spent, not why the project exists."""
        money_fields = ("execution_rate", "executed", "adjusted_budget", "budget")
        carried = q.measure == "预算完成率" or q.project_field in money_fields
        carried = carried or q.says("gap_word") or q.says("unspent")
        rate = project.execution_rate
        return carried and rate is not None and rate < 100 and not re.search(PURPOSE, q.text)

    def _execution_line(self, project: ProjectTable, ev: Evidence) -> None:
        """The figures the execution shortfall is about, before the reason the table states for it."""
        by_measure = {f.measure: f for f in self.table.project_facts(project.name)}
        shown = [by_measure[m] for m in ("执行率", "调整后预算", "执行数") if m in by_measure]
        if not shown or shown[0].measure != "执行率":
            return
        labels = {"执行率": "预算执行率", "调整后预算": "调整后预算数", "执行数": "预算执行数"}
        ev.add(f"{project.name}：" + "，".join(f"{labels[f.measure]} {show(f)}" for f in shown) + "。",
               *dict.fromkeys(s for s in (self.kit.span(f) for f in shown) if s))  # fmt: skip
        ev.facts.extend(shown)

    def goal_against_result(self, q: Plan, project: ProjectTable) -> Evidence:
        """ "年度目标和实际完成的对得上吗": both cells as the table prints them, then whether they match only as far as
        the report's words go: the result cell saying the goal was (not) reached, the result restating the goal, or
        the two speaking of other things (the goal's words the result never uses); else that the report does not
        say. Hand-written: a word-overlap reading of two cells, no judgement of meaning."""
        ev = Evidence("answered", "project", q.text)
        goal, result = _one_line(project.goal), _one_line(project.goal_result)
        ev.add(f"{project.name}的年度目标：{goal.rstrip('。')}。", self.tables.field_span(project, project.goal))
        if not result.strip():
            unfilled = "绩效自评表没有填写年度目标完成情况，报告没有说明两者是否一致。"
            ev.add(unfilled, self.tables.field_span(project, project.goal))
            return ev
        result_span = self.tables.field_span(project, project.goal_result)
        ev.add(f"年度目标完成情况：{result.rstrip('。')}。", result_span)
        said = fold(result)
        done = GOAL_DONE.search(said)
        said_words = [w for w in content_words(fold(goal)) if w not in fold(project.name)]
        words = list(dict.fromkeys(said_words))
        missing = [w for w in words if w not in said]
        share = 1 - len(missing) / len(words) if words else 0.0
        if done is not None and GOAL_NOT_DONE.search(said[: done.start()]):
            written = said[max(0, done.start() - 4) : done.end()]
            ev.add(f"完成情况一栏写的是“{written}”，即没有完全达到目标。", result_span)
        elif done is not None:
            partly = "基本" if "基本" in done.group(0) else ""
            ev.add(f"完成情况一栏写明“{done.group(0)}”，按报告的说法，两者{partly}对得上。", result_span)
        elif share >= SAME_WORDING:
            ev.add("完成情况一栏基本重复了年度目标的表述，两者一致。", result_span)
        elif share < OTHER_WORDING and missing:
            # the words the goal says most often, then the longer ones, say most of what it is about
            longest = sorted(missing, key=lambda w: (-said_words.count(w), -len(w)))[:SHOWN_MISSING]
            shown = "、".join(w for w in missing if w in longest)
            other = f"两者的表述不同：年度目标里的“{shown}”等内容，完成情况一栏没有提到；报告没有说明两者是否一致。"
            ev.add(other, result_span)
        else:
            ev.add("报告没有直接说明完成情况与年度目标是否一致。", result_span)
        return ev


def _runs(text: str, shared: set[str]) -> int:
    """How many non-overlapping places of the question the shared two-character grams take ("公交地铁": 2;
    "供应商": 1)."""
    starts = sorted(m.start() for gram in shared for m in re.finditer(re.escape(gram), text))
    count, free = 0, 0
    for start in starts:
        if start >= free:
            count, free = count + 1, start + 2
    return count


def _dated_in(text: str, year: str) -> bool:
    """The sentence dates something in that year ("2023 年 8月 25 日"), not merely names it."""
    return re.search(rf"{year}\s*年\s*\d{{1,2}}\s*月", text) is not None
