"""A project's own facts asked in everyday words ("有多少人用过", "拿了啥奖", "哪天终验的", "办公的地方有多大"): the
clause of the project's table (its narrative cells and its indicator rows) that best covers what each ask names,
among the clauses that state what the ask needs (a date, an award, a count in the unit asked, an outcome).

One ask, one clause (with the clause before it when that one names what the figure is of); several asks, each its
own; an ask no clause answers is said to be unanswered, never answered with a neighbour's number. Clauses are
scored by the question's own words (character pairs within its jieba words), the thesaurus' synonyms of them at
half weight, and single characters at a quarter: everyday words rarely share a whole word with the table."""

from __future__ import annotations

import logging
import re

import jieba

from assistant.answer.fact_clauses import CHAR_WEIGHT, Candidate, Words, overlaps, states_figure, trimmed
from assistant.answer.fact_clauses import synonyms as thesaurus_synonyms
from assistant.answer.indicators import Indicators, indicator_line
from assistant.answer.row_finder import without_longest_name
from assistant.answer.toolkit import CJK_DIGIT_GAP, Answerer, Toolkit
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.evidence.spans import one_line as _one_line
from assistant.understand.cues import CUES
from assistant.understand.fact_kinds import COUNT, SIZE, FactAsk, kinds
from assistant.understand.normalize import fold
from assistant.understand.parse import project_fields
from assistant.understand.plan import Plan
from assistant.understand.words import EVERYDAY_ASK, EVERYDAY_GRAMS, STOPWORDS, cjk, grams
from corpus import ProjectTable

log = logging.getLogger(__name__)

TABLE_HEADER = CUES.cue("table_header")
TABLE_CELLS = CUES.cue("table_cells")
BOILERPLATE = CUES.cue("table_boilerplate")
LOOSE_STOP = CUES.cue("loose_stop")
STOP_CHARS = frozenset("".join(CUES.words("row_stop_chars")) + "".join(CUES.words("pair_stop_chars")) + "啥谁没")
ASK_BREAK = re.compile(r"[？?。；;！!]")
COMMA = re.compile(r"[，,]")
CLAUSE_END = re.compile(r"[。；;！？]|[，,](?!\d)")
LONG_CLAUSE = 220  # longer "clauses" are table cells run together, not prose
SEVERAL = re.compile(r"和|及|与|、|分别|各")  # an ask of several things ("领码用户和扫码次数分别多少")
PLANNED = re.compile(r"应不?[低少高多]于|不[低少]于|应达到|计划|预计|拟")  # a clause that states a target, not a result
DISTINCT = ("award", "outcome", "org", SIZE)  # kinds whose clauses are few: one may answer an ask of no other words
FIGURE = FactAsk("figure")  # a figure of something the table names, asked after another field
FIGURE_ASKED = re.compile(r"多少|几")
PROJECTS_COUNTED = re.compile(r"(?:几|多少)个?项目")
FOREIGN_WORD = 3  # a word this long the table never uses names a thing it does not hold ("无人机")
SURE_MENTION = 3  # characters of a project mention that name it surely ("评估" alone does not)
FIGURE_WORDS = 2  # word pairs of its own a figure ask needs, and a clause must share with it
MENTION = FactAsk("mention")  # an ask of no kind of its own ("最后验收没有"): the clause that names what it names
TOTAL_LEAD = re.compile(rf"^(?:{CUES.source('sum_word')}|共)")  # "…，共计43条": the total of what is listed
MAX_PER_ASK = 3  # clauses one ask may need ("领码用户和扫码次数分别多少": two)
CODE_BEFORE = re.compile(r"[0-9A-Za-z]{3,}\s*$")  # a number or code right before a mention ("12345热线")


class ProjectFacts(Answerer):
    """The clauses of one project's table that answer each everyday ask."""

    def __init__(self, kit: Toolkit, rows: Indicators, fields: object) -> None:
        super().__init__(kit)
        self.rows = rows
        self.fields = fields  # ProjectFields: a clause that asks a table field is answered by it
        self._clauses: dict[str, list[Candidate]] = {}
        self._grams: dict[str, frozenset[str]] = {}

    def asks(self, q: Plan, project: ProjectTable) -> list[tuple[str, FactAsk | None, str]]:
        """The question's asks (clauses without the project's name), each with the fact kind it asks and its
        words as written (a short mention of the project may be the ask's only words: "办了多少件审批")."""
        text = without_longest_name(q, project.name)
        raw_text = q.text if len(q.text) == len(text) else text
        out: list[tuple[str, FactAsk | None, str]] = []
        for piece, raw in _pieces(ASK_BREAK, text, raw_text):
            parts = [(p, r) for p, r in _pieces(COMMA, piece, raw) if p.strip(" □")]
            read = [self._kind(q, p, project) for p, _ in parts]
            asking = sum(k is not None or bool(project_fields(p)) for (p, _), k in zip(parts, read, strict=True))
            if len(parts) >= 2 and asking >= 2:
                out.extend((p, k, r) for (p, r), k in zip(parts, read, strict=True))
            elif piece.strip(" □"):
                out.append((piece, self._kind(q, piece, project), raw))
        return out

    def _kind(self, q: Plan, ask: str, project: ProjectTable) -> FactAsk | None:
        kind = kinds().read(ask)
        if kind is not None and PROJECTS_COUNTED.search(ask) and project_fields(ask):
            return None  # "其他几个项目的负责人": the projects are named, a field of theirs is asked
        if kind is None and q.project_field:  # a field asked before it, or carried from the turn before
            return self._figure_ask(ask, project)
        return kind

    def _figure_ask(self, ask: str, project: ProjectTable) -> FactAsk | None:
        """A figure asked of things the table's text names ("领码的人和扫码的次数各有多少") after an ask of
        the budget: not the budget again, when the ask names no field and at least two word pairs of its own."""
        if not FIGURE_ASKED.search(ask) or project_fields(ask):
            return None
        return FIGURE if len(self._words(ask, project, None).pairs) >= FIGURE_WORDS else None

    def applies(self, q: Plan, project: ProjectTable | None) -> bool:
        if project is None:
            return False
        return any(kind is not None for _, kind, _ in self.asks(q, project))

    def answer(self, q: Plan, project: ProjectTable) -> Evidence | None:
        asks = self.asks(q, project)
        if not any(kind is not None for _, kind, _ in asks):
            return None
        ev = Evidence("answered", "project", q.text)
        answered = 0
        for ask, kind, raw in asks:
            if kind is None:
                field = next(iter(project_fields(ask)), "")
                if not field:
                    if not self._words(ask, project, None).pairs:
                        continue  # no words of its own ("呢")
                    named = self.choose(ask, MENTION, project, raw)
                    if not named:
                        return None  # an ask of another kind: the other answerers read the whole question
                    answered += 1
                    self._say(q, ev, project, named)
                    continue
                part = self.fields.project_answer(q.with_(project_field=field))  # type: ignore[attr-defined]
                if part is None:
                    return None
                self._merge(ev, part)
                answered += 1
                continue
            chosen = self.choose(ask, kind, project, raw, sure=_named_surely(q, project))
            if chosen is None:
                return None  # nothing in the ask tells which clause: the other answerers read it
            if not chosen:
                ev.add(f"关于“{_shown(ask)}”，{_shown(project.name)}绩效自评表中没有写明。")
                continue
            answered += 1
            self._say(q, ev, project, chosen)
        if not answered:
            return self.kit.not_found(q, f"“{project.name}”绩效自评表中与这个问题相关的内容")
        return ev

    # ------------------------------------------------------------------ choosing
    def choose(
        self, ask: str, kind: FactAsk, project: ProjectTable, raw: str = "", sure: bool = True
    ) -> list[Candidate] | None:
        """The clauses that answer an ask ([] when none does), or None when the ask names nothing to choose by.
        A project named by a word other tables use too (not `sure`) needs a clause sharing a word of the ask."""
        words = self._words(ask, project, kind).without_name(project.name)
        if not (words.pairs or words.chars or words.named) and raw and raw != ask:  # "办了多少件审批"
            words = self._words(raw, project, kind)  # the mention is all the ask says
        if kind is MENTION:
            scored = [(*words.score(c.matched), c) for c in self.candidates(project)]
            scored = [(s, hit, c) for s, hit, c in scored if hit]
            if not scored:
                return []
            return [self._with_context(max(scored, key=lambda item: self._rank(kind, *item))[2], words, kind, project)]
        if not (words.pairs or words.chars) and kind.kind not in DISTINCT:
            return None
        fitting = [c for c in self.candidates(project) if self._states(kind, c)]
        every = [(*words.score(c.matched), c) for c in fitting]
        scored = [(s, hit, c) for s, hit, c in every if s > 0 and words.holds(c.matched)]
        if kind.kind == SIZE or (not scored and kind.kind in DISTINCT):
            scored = every  # "得过奖吗", "办公的地方有多大": the table's few clauses of that kind, whatever the words
        if kind is FIGURE:  # the clause must hold half the words of a thing the ask names at least; else the
            scored = [x for x in scored if self._names_item(ask, project, x[1])]  # field's answerer reads it
            if not scored:
                return None
        if not scored:  # "跟哪家电视台搞的": no company named; the other answerers read the ask
            return None if kind.kind == "org" else []
        top, hit, best = max(scored, key=lambda item: self._rank(kind, *item))
        if not sure and not hit and kind.kind not in DISTINCT:
            return None  # "做了事前评估": 评估 may not be this project at all
        if best.row is None:  # the same figure in a row says its target too ("建立交换节点127个": 交换节点)
            near = [c for s, _, c in scored if c.row is not None and s >= top - CHAR_WEIGHT]
            best = next((c for c in near if states_figure(best.text, c.row)), best)  # type: ignore[arg-type]
        chosen = [self._with_context(best, words, kind, project)]
        if kind.kind == COUNT and _in_unit(best, kind.units):  # "几份分报告": the row ("分报告 67个") first, as
            # fitting as the clauses that break it down
            rows = [c for s, _, c in scored if c.row is not None and s >= top]
            chosen = rows[:1] + chosen
        left = self._uncovered(ask, project, kind, words.score(chosen[0].text)[1])
        while left and len(chosen) < MAX_PER_ASK:  # words the best clause leaves out: the next clause for them
            more = [(len(h & left), s, c) for s, h, c in scored if h & left]
            more = [(n, s, c) for n, s, c in more if not any(overlaps(c, o) for o in chosen)]
            if not more:
                break
            top = max((n, s) for n, s, _ in more)
            extra = self._with_context(next(c for n, s, c in more if (n, s) == top), words, kind, project)
            chosen.append(extra)
            left -= set(grams(extra.text))
        return chosen

    def _names_item(self, ask: str, project: ProjectTable, hit: frozenset[str]) -> bool:
        items = [self._words(item, project, FIGURE).pairs for item in SEVERAL.split(ask)]
        return any(item and len(item & hit) * 2 >= len(item) for item in items)

    def _uncovered(self, ask: str, project: ProjectTable, kind: FactAsk, hit: frozenset[str]) -> set[str]:
        """The words of the things an ask of several ("领码用户和扫码次数") names that the clause chosen for it
        leaves mostly uncovered: another clause is needed for them."""
        items = [self._words(item, project, kind).pairs for item in SEVERAL.split(ask)]
        if len(items) < 2:
            return set()
        return {g for item in items if len(item & hit) * 2 < len(item) for g in item} - hit

    @staticmethod
    def _rank(kind: FactAsk, score: float, hit: frozenset[str], c: Candidate) -> tuple[bool, float, int, int]:
        """Higher is better: for a count or a size, a result over a target ("应不低于7400平方米"); the words
        covered; a row (its target and actual) over a clause; how much of what the kind needs it says; the
        table's order."""
        planned = c.row is None and PLANNED.search(c.text) is not None
        result = not (planned and kind.kind in (COUNT, SIZE))
        # A row's target and actual make it the better answer, unless it counts in another unit than the one
        # asked ("几份报告": a row in 个 is no better than a clause in 份)
        unit = fold(c.row.unit).strip() if c.row is not None else ""
        alike = kinds().same_count(kind.units, unit)  # 次 and 期 count alike
        other_unit = kind.kind == COUNT and c.row is not None and unit not in kind.units and not alike
        bonus = 0.1 if c.row is not None and not other_unit else -0.5 if planned else 0.0
        stated = kinds().stated.get(kind.kind)
        says = len(stated.findall(c.text)) if stated is not None else 0
        return result, score + bonus, says, -(c.span.start if c.span is not None else 0)

    def _with_context(self, chosen: Candidate, words: Words, kind: FactAsk, project: ProjectTable) -> Candidate:
        """A clause with the clauses of its sentence it needs: the one before it when that one names what its
        figure is of ("与川台合作推出“一呼百应”栏目，累计播出达68期"); for a date, the sentence's other dated
        clauses on the same thing ("…开展了功能验收，…，并于…完成了终验")."""
        if chosen.row is not None or chosen.span is None:
            return chosen
        same = [c for c in self.candidates(project) if c.sentence == chosen.sentence and c.span is not None]
        at = same.index(chosen)
        keep = [chosen]
        own = words.score(chosen.matched)[1]
        if at > 0 and (words.score(same[at - 1].matched)[1] - own):
            keep.insert(0, same[at - 1])
        total = [c for c in same[at + 1 :] if TOTAL_LEAD.match(c.text) and self._states(kind, c)]
        if total:  # "已整合…33条热线，…10条热线，共计43条": through the total of what it lists
            keep.extend(same[at + 1 : same.index(total[0]) + 1])
        if kind.kind == COUNT and _in_unit(chosen, kind.units):  # "几份报告": "总体报告1份，…分报告21份，…46份"
            top = words.score(chosen.matched)[0]  # each as fitting as the one chosen ("省直部门的分报告": that one)
            fits = [c for c in same if _in_unit(c, kind.units) and words.score(c.matched)[0] >= top]
            keep.extend(c for c in fits if c not in keep)
        if kind.kind in ("date", "done", "mention", *DISTINCT) and kind.kind != SIZE:  # its sentence's clauses on it
            for other in same:
                named = kind.kind in DISTINCT or words.score(other.matched)[0] > 0
                if other not in keep and self._states(kind, other) and named:
                    keep.append(other)
        keep.sort(key=lambda c: c.span.start)  # type: ignore[union-attr]
        first, last = keep[0].span, keep[-1].span
        assert first is not None and last is not None
        span = Span(first.start, last.end)
        return Candidate(_one_line(self.report.clean_text[span.start : span.end]), span, chosen.sentence)

    def _states(self, kind: FactAsk, c: Candidate) -> bool:
        if kind is MENTION:
            return True
        if kind is FIGURE:
            return c.row is not None or re.search(r"\d", c.matched) is not None
        if c.row is not None:
            if kind.kind == "date":  # "2023年12月底前圆满完成全部赛程": a row whose name or value is a date, or
                # whose shortfall reason says when it will be done ("终验顺延至2023年一季度")
                said = f"{c.row.name} {c.row.target} {c.row.actual} {c.row.shortfall_reason}"
                return kinds().states(kind, said)
            if kind.kind == "done":  # "完成终验时间 … 未完成", "终验顺延至…": a row's result or reason says it
                return kinds().states(kind, f"{c.row.actual} {c.row.shortfall_reason}")
            if kind.kind not in (COUNT, SIZE):
                return False  # a row states a measure, not an award or an outcome
            return kinds().states(kind, f"{c.row.name}{c.row.actual}", c.row.unit)
        return kinds().states(kind, c.matched)

    def _words(self, ask: str, project: ProjectTable, kind: FactAsk | None) -> Words:
        text = ask.replace(kind.cue, "□") if kind is not None and kind.cue else ask  # every time it is said
        text = kinds().filler.sub("□", LOOSE_STOP.sub("□", text))
        body = set(grams(self.report.body))
        pairs: list[str] = []
        chars: list[str] = []
        synonyms: list[str] = []
        table = self._table_grams(project)
        foreign = False
        for word in jieba.lcut(text):
            if EVERYDAY_ASK.fullmatch(word) or not cjk(word):
                continue
            if len(cjk(word)) >= FOREIGN_WORD and not set(grams(word)) & table:
                foreign = True
            chars.extend(c for c in cjk(word) if c not in STOP_CHARS)
            if word in STOPWORDS:
                continue
            own = [g for g in grams(word) if g not in EVERYDAY_GRAMS and g not in body]
            pairs.extend(own)
            if len(word) >= 2:
                synonyms.extend(g for n in thesaurus_synonyms(word) for g in grams(n))
        units = set("".join(kind.units)) if kind is not None else set()
        # The reporting body's words ("大数据", "中心") are in every table: they single out no clause.
        chars_left = frozenset(chars) - units - set(cjk(self.report.body))
        return Words(frozenset(pairs), frozenset(synonyms) - set(pairs), chars_left, foreign=foreign)

    def _table_grams(self, project: ProjectTable) -> frozenset[str]:
        """Every character pair of a project's clauses and rows."""
        if project.name not in self._grams:
            self._grams[project.name] = frozenset(g for c in self.candidates(project) for g in grams(c.matched))
        return self._grams[project.name]

    # ------------------------------------------------------------------ the table's clauses
    def candidates(self, project: ProjectTable) -> list[Candidate]:
        """A project's clauses, built once (an answerer serves one report, which does not change under it)."""
        if project.name not in self._clauses:
            self._clauses[project.name] = self._build(project)
        return self._clauses[project.name]

    def _build(self, project: ProjectTable) -> list[Candidate]:
        section = self.report.section(project.section_id)
        text = self.report.clean_text
        name = re.sub(r"\s", "", project.name)
        out: list[Candidate] = []
        seen: set[str] = set()
        start, sentence, opens = section.start, 0, True
        for match in CLAUSE_END.finditer(text, section.start, section.end):
            span = trimmed(text, start, match.end(), opens)
            start, opens = match.end(), match.group() not in "，,"
            if span is not None:
                one = _one_line(text[span.start : span.end])
                usable = 4 <= len(one) <= LONG_CLAUSE and not (
                    TABLE_HEADER.search(one)
                    or TABLE_CELLS.search(one)
                    or BOILERPLATE.search(one)
                    or kinds().template_text.search(one)
                )
                if usable and one not in seen:  # the same words in the table's second column: once
                    seen.add(one)
                    out.append(Candidate(one, span, sentence, own=re.sub(r"\s", "", one).replace(name, "□")))
            if match.group() not in "，,":
                sentence += 1
        for row in project.indicators:
            out.append(Candidate(indicator_line(row), self.tables.row_span(row), -1, row))
        return out

    # ------------------------------------------------------------------ saying it
    def _say(self, q: Plan, ev: Evidence, project: ProjectTable, chosen: list[Candidate]) -> None:
        cited = [s for piece in ev.pieces for s in piece.cites if isinstance(s, Span)]
        for c in chosen:
            if c.span is not None and any(c.span.start < s.end and s.start < c.span.end for s in cited):
                continue  # said for an earlier ask already
            if c.row is not None:
                self._merge(ev, self.rows.indicator_answer(q, project, c.row))  # its target, actual and reason
                continue
            line = CJK_DIGIT_GAP.sub("", c.text).rstrip("，,；;。")
            led = any(p.text.startswith(f"据{project.name}") for p in ev.pieces)
            lead = "" if led else f"据{project.name}绩效自评表："
            ev.add(f"{lead}{line}。", c.span)

    @staticmethod
    def _merge(ev: Evidence, part: Evidence) -> None:
        said = {p.text for p in ev.pieces}
        ev.pieces.extend(p for p in part.pieces if p.text not in said)
        ev.facts.extend(part.facts)
        ev.checks.extend(part.checks)
        ev.found = ev.found or part.found  # what a later ask may be about ("超过目标几个")


def _named_surely(q: Plan, project: ProjectTable) -> bool:
    """The project is named by more than a word any table may use ("事前评估" is no name of 第三方评估服务), or
    carried from the turn before."""
    mentions = [
        _with_code(q.text, m.start, m.end, project.name)
        for m in q.matches
        if m.kind == "project" and project.name in m.targets
    ]
    carried = q.previous is not None and project.name in q.previous.projects
    return not mentions or carried or max(mentions) >= SURE_MENTION


def _in_unit(c: Candidate, units: tuple[str, ...]) -> bool:
    """A clause of the table's text (not a row) states a count in one of the units asked, as that very word."""
    found = [m.group(1) for m in kinds().stated_count.finditer(fold(c.matched))]
    return c.row is None and any(u in units or kinds().same_count(units, u) for u in found)


def _with_code(text: str, start: int, end: int, name: str) -> int:
    """A mention's length with the digits or letters written right before it that the project's name holds too
    ("12345热线": 热线 alone is any hotline, 12345 makes it this one)."""
    code = CODE_BEFORE.search(text[:start])
    return end - start + (len(code.group()) if code is not None and code.group() in name else 0)


def _pieces(pattern: re.Pattern[str], text: str, raw: str) -> list[tuple[str, str]]:
    """`text` split at `pattern`, each piece with the same stretch of `raw` (the same text, names not blanked)."""
    out, start = [], 0
    for match in pattern.finditer(text):
        out.append((text[start : match.start()], raw[start : match.start()]))
        start = match.end()
    out.append((text[start:], raw[start:]))
    return out


def _shown(text: str) -> str:
    """An ask as said back in a refusal: no figure (a refusal states none) and no blanked name."""
    return re.sub(r"[\d□\s]+", "", text).strip("，,。？?") or "这一问"
