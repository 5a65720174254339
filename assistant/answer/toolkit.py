"""What every answerer shares: the report with its indexes, and how a figure is said, cited and refused.

A figure is said the way the report prints it (its unit, the subject's printed name), cited by the span of its
own sentence, and a refusal (报告中没有找到…) names the closest sections and never a figure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.coverage import report_bounds, report_words
from assistant.compose.wording import display, show
from assistant.evidence.facts import FactTable
from assistant.evidence.records import Evidence
from assistant.evidence.sentences import SentenceIndex
from assistant.evidence.spans import Span, locate, sentence_around
from assistant.evidence.spans import one_line as _one_line
from assistant.evidence.tables import ProjectTables, row_vocabulary
from assistant.understand.catalogue import Catalogue
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from corpus import Fact, ProjectTable, Report

REASON_LEAD = CUES.cue("reason_lead")
EXECUTION = CUES.cue("execution")


def _zero_said_in_words(fact: Fact) -> bool:
    """A zero amount whose sentence goes on to say it in words ("购置支出 0 万元，全年未更新购置公务用车"): the
    words answer "买了没有" where the bare 0 does not."""
    if fact.value != 0 or fact.measure not in ("决算数", "执行数") or not fact.raw:
        return False
    at = fact.quote.find(fact.raw + " " + fact.unit)
    at = fact.quote.find(fact.raw) if at == -1 else at
    tail = fact.quote[at + len(fact.raw) :].lstrip(" 万元") if at != -1 else ""
    clause = re.split(r"[。；;]", tail.lstrip("，,"))[0] if tail[:1] in ("，", ",") else ""
    clause = YEAR_SAID.sub("", clause)  # "2023 年无预算": a year is no second figure
    return len(clause) >= 4 and not re.search(r"\d", clause)


YEAR_SAID = re.compile(r"(?:19|20)\d\d\s*年度?")


CJK_DIGIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])")


class Toolkit:
    """The report, its fact table, sentences and project tables, and the wording every answer shares."""

    def __init__(self, report: Report, catalogue: Catalogue, table: FactTable, sentences: SentenceIndex) -> None:
        self.report = report
        self.catalogue = catalogue
        self.table = table
        self.sentences = sentences
        self.year = report.year
        self.tables = ProjectTables(report)
        self.row_vocab = row_vocabulary(report.projects)
        self.folded_text = fold(report.clean_text)
        report_words(self.folded_text)  # built here: ask() only reads
        report_bounds(self.folded_text)
        subjects = {f.subject for f in report.facts} | {f.parent for f in report.facts if f.parent}
        self._names = {s: self._printed(s) for s in subjects}  # built here: ask() only reads
        self.sentence_at = {s.span.start: n for n, s in enumerate(sentences.sentences)}

    def name(self, subject: str) -> str:
        """A subject as the report prints it: “三公”经费 keeps its quotes; a 类/款/项 path its 项 name."""
        return self._names.get(subject) or self._printed(subject)

    def _printed(self, subject: str) -> str:
        short = display(subject)
        pattern = "“?" + "[“”]?".join(re.escape(c) for c in short)
        forms = [m.group(0) for m in re.finditer(pattern, self.report.clean_text)]
        quoted = [f for f in forms if "“" in f and f.count("“") == f.count("”")]
        return quoted[0] if quoted else short

    # ------------------------------------------------------------------ helpers
    def span(self, fact: Fact) -> Span | None:
        found = locate(self.report, fact.quote, fact.start)
        if found is None:
            return None
        if found.end - found.start > 160 and fact.raw:
            at = _raw_near_subject(self.report.clean_text, fact, found)
            if at != -1:
                return sentence_around(self.report, at, at + len(fact.raw))
        return found

    def phrase(self, fact: Fact, with_subject: bool) -> str:
        name = self.name(fact.subject)
        measure = fact.measure
        value = show(fact)
        prior = f"{fact.year - 1 if fact.year else self.year - 1} 年度"
        if measure in ("决算数", "执行数"):
            verb = "支出" if name.endswith("费") else ("支出决算为" if name.endswith("（项）") else "")
            return f"{name}{verb} {value}" if with_subject else f"{verb or '为'} {value}"
        if measure == "预算完成率":
            return f"{name if with_subject else ''}完成预算 {value}"
        if measure == "比上年增减额":
            if fact.value == 0:
                return f"{name if with_subject else ''}与 {prior}持平"
            word = "增加" if fact.value > 0 else "减少"
            return f"{name if with_subject else ''}比 {prior}{word} {value}"
        if measure == "比上年增减率":
            word = "增长" if fact.value > 0 else "下降"
            return f"{name if with_subject else ''}{word} {value}"
        if measure == "占比":
            whole = self.name(fact.parent) if fact.parent else ""
            return f"{name if with_subject else ''}占{whole} {value}"
        if measure == "数量":
            return f"{name}共 {value}" if with_subject else value
        return f"{name if with_subject else ''}{measure} {value}"

    def group_text(self, facts: Sequence[Fact], ev: Evidence) -> None:
        """One sentence stating a subject's figures (决算数, 完成率, 增减, 占比), citing their quotes."""
        if not facts:
            return
        # "无…支出", "…购置支出 0 万元，全年未更新购置公务用车": the report's own sentence says it best
        worded = next((f for f in facts if not re.search(r"\d", f.raw) or _zero_said_in_words(f)), None)
        if worded is not None:
            span = self.span(worded)
            if span is not None:
                said = _one_line(self.report.clean_text[span.start : span.end])
                # "其中：" points at a total this answer never said; "1." numbers a list the answer does not show
                ev.add(re.sub(r"^(?:其中[：:]|\d{1,2}[.．、](?!\d))\s*", "", said), span)
                ev.facts.extend(facts)
                return
        parts: list[str] = []
        counts = [f for f in facts if f.measure == "数量"]
        others = [f for f in facts if f.measure != "数量"]
        if counts:
            parts.append(self.count_clauses(counts))
        for fact in others:
            parts.append(self.phrase(fact, with_subject=not parts))
        spans = [self.span(f) for f in facts]
        ev.add("，".join(parts) + "。", *spans)
        ev.facts.extend(facts)

    def count_clauses(self, counts: Sequence[Fact]) -> str:
        """Counts read best in the report's own clause ("单位共有公务用车 4 辆", "组织对 12 个项目开展绩效自评")."""
        clauses: list[str] = []
        for fact in counts:
            found = locate(self.report, fact.quote, fact.start)
            quote = self.report.clean_text[found.start : found.end] if found else ""
            clause = _clause(quote, fact.raw, fact.subject) if found else ""
            if not clause:
                return f"{self.name(counts[0].subject)}共 " + "、".join(show(f) for f in counts)
            if clause not in clauses:
                clauses.append(clause)
        return "，".join(CJK_DIGIT_GAP.sub("", c) for c in clauses)

    def reason_span(self, fact: Fact) -> tuple[str, Span | None]:
        reason = (fact.reason or "").strip()
        found = locate(self.report, reason, max(0, fact.start - 200))
        text = REASON_LEAD.sub("", reason).strip(" ：:，,。")
        if found is None:
            return text, None
        return text, sentence_around(self.report, found.start, found.end)

    def not_found(self, q: Plan, what: str) -> Evidence:
        """報告中没有找到…, with the nearest sections by heading and never a figure."""
        ev = Evidence("not_found", "not_found", q.text)
        ev.add(f"报告中没有找到{_no_digits(what)}。")
        headings = []
        for section_id in self.sentences.near_sections(q.text):
            title = _no_digits(self.report.section(section_id).title)
            if title and title not in headings:
                headings.append(title)
        if headings:
            # 《…》, not “…”: headings such as “三公”经费… carry quotes of their own.
            ev.add("可以看看这些相关章节：" + "、".join(f"《{h}》" for h in headings) + "。")
        return ev

    def project(self, name: str) -> ProjectTable | None:
        return self.table.projects.get(name)

    def value_fact(self, subject: str, q: Plan) -> Fact | None:
        measure = q.measure if q.measure in ("数量",) else "决算数"
        facts = self.table.find(subject, measure, unit=q.unit_hint if measure == "数量" else "")
        if not facts:
            facts = self.table.related(subject, measure)
        return self.table.best(facts, subject)

    def primary(self, subject: str, q: Plan) -> Fact | None:
        measure = q.measure or "决算数"
        unit = q.unit_hint if measure == "数量" else ""
        facts = self.table.find(subject, measure, unit=unit)
        if not facts and measure == "数量" and unit:
            facts = self.table.find(subject, measure)
        if not facts:
            facts = self.table.related(subject, measure, unit)
        if not facts and not q.measure:
            facts = self.table.find(subject)
        if not facts and measure.startswith("比上年增减"):
            other = "比上年增减额" if measure.endswith("率") else "比上年增减率"
            facts = self.table.find(subject, other)
        best = self.table.best(facts, subject)
        if best is not None and best.value == 0 and not _zero_said_in_words(best):
            # A zero stated twice: the item's own sentence says it in words ("0 万元，无预算，无支出")
            best = next((f for f in facts if f.value == 0 and _zero_said_in_words(f)), best)
        return best

    def worded_zero(self, subject: str) -> Fact | None:
        """The subject's zero amount in the sentence that says it in words ("0 万元，无预算，与上年相比无变化"):
        what the report itself says of its budget and change, where no figure is stated."""
        return next((f for f in self.table.find(subject, "决算数") if _zero_said_in_words(f)), None)

    def spans(self, facts: Sequence[Fact]) -> list[Span]:
        return list(dict.fromkeys(s for s in (self.span(f) for f in facts) if s is not None))

    def project_field(self, q: Plan) -> str:
        field = q.project_field
        if field == "budget" and not q.says("budget_word") and q.says("execution"):
            return "executed"
        return field


class Answerer:
    """One capability's answerers, with the shared toolkit and the report's indexes at hand."""

    def __init__(self, kit: Toolkit) -> None:
        self.kit = kit
        self.catalogue = kit.catalogue
        self.report = kit.report
        self.table = kit.table
        self.sentences = kit.sentences
        self.tables = kit.tables
        self.year = kit.year


def _clause(quote: str, raw: str, subject: str = "") -> str:
    """The clause of a quote (between ，；。：) that holds a figure, or "" when the figure is not found; of
    several, the one that also names the subject ("选取 42 个项目开展绩效监控", not the 绩效目标 clause)."""
    if not raw or not re.search(r"\d", raw):
        return ""
    holding = [
        clause.strip().removeprefix("其中").strip()
        for clause in re.split(r"[，,；;。：:]", quote.replace("\n", ""))
        if re.search(rf"(?<![\d.]){re.escape(raw)}(?![\d.])", clause)
    ]
    naming = [c for c in holding if subject and subject in re.sub(r"\s", "", c)]
    return (naming or holding or [""])[0]


def _no_digits(text: str) -> str:
    text = re.sub(r"\d{4}\s*年度?", "", text)
    text = re.sub(r"\s*\d+(\.\d+)?\s*", "", text)
    return text.strip(" ：:，,")


def _raw_near_subject(text: str, fact: Fact, found: Span, reach: int = 24) -> int:
    """Where in a long quote the fact's figure is printed: of the places it is (a number standing alone), the
    one nearest its subject ("对 42 个项目编制了绩效目标，选取 42 个项目开展绩效监控": the second is 绩效监控's);
    the first when the subject is near none."""
    places = []
    at = text.find(fact.raw, found.start, found.end)
    while at != -1:
        before, after = text[at - 1 : at], text[at + len(fact.raw) : at + len(fact.raw) + 1]
        if not (before.isdigit() or before == "." or after.isdigit() or after == "."):
            places.append(at)
        at = text.find(fact.raw, at + 1, found.end)
    if len(places) < 2:
        return places[0] if places else -1

    def distance(place: int) -> int:
        start = max(found.start, place - reach)
        window = text[start : place + len(fact.raw) + reach]
        hit = window.find(fact.subject)
        return abs(start + hit - place) if hit != -1 else reach * 10

    return min(places, key=lambda p: (distance(p), p))
