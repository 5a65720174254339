"""Read every 项目支出绩效自评表 from a report's text into a `Reading` (`corpus.selfeval_build` makes the
`ProjectTable` and facts, checked against each other).

The PDF extraction keeps one visual line per line but breaks every narrow cell into vertical fragments
("项目基 / 本情况"), puts cells of one visual row on one line separated by spaces, and sometimes prints the tail
of one table inside the next one (a page that holds the end of table k and the start of table k+1). The
template is fixed nationally, so the reader follows its landmarks (总额, 合计, 评价结论, 存在问题, 改进措施,
项目负责人). A figure's column is only known by its position here, so the budget row's figures may be re-read
in another column order when the table's own 执行率 says so. Hand-written: no library reads this layout.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from corpus.records import Report, Section, TableCell
from corpus.selfeval_build import BudgetCell, Reading
from corpus.selfeval_text_rows import (
    SUM_LINE,
    TOTAL_LINE,
    _indicator_region,
    _indicators,
    _is_num,
    _Line,
    _lines,
    _to_indicator,
    _Tok,
    _tokens,
)

log = logging.getLogger(__name__)

LEADER = re.compile(r"项目负责人\s*[:：]\s*(\S+)")
FINANCE_LEADER = re.compile(r"财务负责人\s*[:：]\s*(\S+)")
STATED_SCORE = re.compile(r"自\s*评[^\d。；;]{0,10}?(\d+(?:\.\d+)?)\s*分")
DEPARTMENT = re.compile(r"主管部门\s*(.*?)\s*实施单位\s*(?:[（(]\s*盖章\s*[）)])?\s*(.*)$")


def _is_label(text: str, label: str) -> bool:
    """Does a line start with a label or its first fragment ("存在" / "存在问" / "存在问题 无")?

    A fragment must end the line or be followed by a space, so prose that happens to start with
    the same characters ("存在一定差距…") is not a label.
    """
    for k in range(len(label), 1, -1):
        if text.startswith(label[:k]):
            return k == len(label) or len(text) == k or text[k].isspace()
    return False


def _label_start(lines: list[_Line], label: str, begin: int = 0) -> int | None:
    """First line at or after `begin` that starts with the label or its first fragment."""
    for i in range(begin, len(lines)):
        if _is_label(lines[i].text, label):
            return i
    return None


def _strip_label(lines: list[_Line], first: int, stop: int, label: str) -> list[tuple[str, int]]:
    """Content pieces (text, offset) of lines[first:stop] once the label's fragments are taken off."""
    remaining = label
    pieces: list[tuple[str, int]] = []
    for i in range(first, stop):
        text, start = lines[i].text, lines[i].start
        if remaining and i - first < 4:
            k = len(remaining)
            while k and not text.startswith(remaining[:k]):
                k -= 1
            if k:
                remaining = remaining[k:]
                rest = text[k:]
                start += k + (len(rest) - len(rest.lstrip()))
                text = rest.strip()
        if text:
            pieces.append((text, start))
    return pieces


def _split_orphan(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Separate the printed tail of the previous table from this table's lines.

    A table's own tail (评价结论 … 项目负责人) comes after its indicator rows. A 项目负责人 line that
    comes before this table's indicator block belongs to the previous table, together with the
    存在问题 / 改进措施 cells above it and the last lines of that table's 评价结论.
    """
    leader_lines = [i for i, line in enumerate(lines) if LEADER.search(line.text)]
    region = _indicator_region(lines)
    if not leader_lines:
        return lines, []
    first_leader = leader_lines[0]
    early = first_leader < region[0] if region is not None else len(leader_lines) >= 2
    if not early:
        return lines, []
    problems = next((i for i in range(first_leader, -1, -1) if _is_label(lines[i].text, "存在问题")), None)
    if problems is None:
        return lines, []
    begin = problems
    # prose lines just above 存在问题 continue the previous table's 评价结论 (at most a few lines)
    while begin - 1 >= 0 and problems - begin < 6 and _is_prose(lines[begin - 1].text):
        begin -= 1
    orphan = lines[begin : first_leader + 1]
    return lines[:begin] + lines[first_leader + 1 :], orphan


def _is_prose(text: str) -> bool:
    if re.fullmatch(r"[\d.,%/\s]+", text) or text.endswith(("：", ":")):
        return False
    return bool(re.search(r"[。，；]|\d+\s*分", text))


def _header(lines: list[_Line]) -> tuple[str, str]:
    """主管部门 and 实施单位, whose cells may span several lines before 项目基本情况."""
    first = _label_start(lines, "主管部门")
    if first is None:
        return "", ""
    stop = first + 1
    while stop < len(lines) and stop - first < 6 and not lines[stop].text.startswith("项目基"):
        stop += 1
    joined = " ".join(line.text for line in lines[first:stop])
    match = DEPARTMENT.search(joined)
    if not match:
        return joined.removeprefix("主管部门").strip(), ""
    return match.group(1).strip(), match.group(2).strip()


def _goal(lines: list[_Line]) -> tuple[str, str]:
    """项目年度目标 and 年度目标完成情况: two side-by-side columns printed one after the other."""
    head = next((i for i, line in enumerate(lines) if "年度目标完成情况" in line.text), None)
    if head is None:
        return "", ""
    label_chars = set("项目基本情况1.年度目标完成情况 ")
    body: list[str] = []
    for line in lines[head + 1 :]:
        if re.match(r"^2[.．]\s*项", line.text) or line.text.startswith("预算执"):
            break
        if not body and len(line.text) <= 8 and set(line.text) <= label_chars:
            continue  # leftover fragments of the row label 1.项目年度目标完成情况
        body.append(line.text)
    if not body:
        return "", ""
    ends = [i for i, text in enumerate(body[:-1]) if re.search(r"[。.][”\"）)]?$", text)]
    if not ends:
        return "".join(body), ""
    split = ends[0]
    width = sorted(_width(text) for text in body[: split + 1])[len(body[: split + 1]) // 2]
    for i in ends:
        if abs(_width(body[i + 1]) - width) > 2:
            split = i
            break
    return "".join(body[: split + 1]), "".join(body[split + 1 :])


def _width(text: str) -> int:
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


@dataclass
class _Budget:
    initial: _Tok | None = None
    adjusted: _Tok | None = None
    executed: _Tok | None = None
    rate: _Tok | None = None
    weight: _Tok | None = None
    score: _Tok | None = None
    line: int | None = None
    anchor: int = 0  # offset of the word 总额


def _budget(lines: list[_Line], toks: list[_Tok]) -> _Budget:
    """The 总额 row: 年初预算, 调整后预算, 执行数, 执行率, 权重, 得分 (a column may be missing)."""
    out = _Budget()
    total = next((i for i, line in enumerate(lines) if line.text.startswith(TOTAL_LINE)), None)
    if total is None:
        total = next((i for i, line in enumerate(lines) if f" {TOTAL_LINE} " in f" {line.text} "), None)
    if total is None:
        return out
    out.line = total
    seq = [t for t in toks if lines[total].start <= t.start and t.line <= total + 3]
    at = next(i for i, t in enumerate(seq) if TOTAL_LINE in t.text)
    head = seq[at]
    out.anchor = head.start + head.text.index(TOTAL_LINE)
    rest = head.text[head.text.index(TOTAL_LINE) + len(TOTAL_LINE) :]
    seq = seq[at + 1 :]
    if rest:  # "总额34.90": the first figure is glued to the label
        seq.insert(0, _Tok(rest, out.anchor + len(TOTAL_LINE), head.line, False))
    amounts: list[_Tok] = []
    after: list[_Tok] = []
    for tok in seq:
        if not _is_num(tok.text) or (out.rate is not None and (tok.line != out.rate.line or len(after) == 2)):
            break
        if out.rate is None and tok.text.endswith("%"):
            out.rate = tok
        elif out.rate is None:
            amounts.append(tok)
        else:
            after.append(tok)  # 权重, 得分: only on the rate's own line
    if len(amounts) >= 3:
        out.initial, out.adjusted, out.executed = amounts[-3:]
    elif len(amounts) == 2:
        out.adjusted, out.executed = amounts
    elif len(amounts) == 1:
        out.executed = amounts[0]
    if after:
        out.weight = after[0]
    if len(after) >= 2:
        out.score = after[1]
    return out


@dataclass
class _Tail:
    conclusion: str = ""
    problems: str = ""
    improvements: str = ""
    leader: str = ""
    finance_leader: str = ""
    stated_score: tuple[str, int, int] | None = None  # (raw, quote start, quote end) of "自评…N分"


def _tail(lines: list[_Line], text: str, begin: int) -> _Tail:
    """评价结论, 存在问题, 改进措施 and the signature line, read after `begin`."""
    out = _Tail()
    conclusion = _label_start(lines, "评价结论", begin)
    problems = _label_start(lines, "存在问题", conclusion if conclusion is not None else begin)
    improve = _label_start(lines, "改进措施", problems if problems is not None else begin)
    leader = next((i for i in range(begin, len(lines)) if LEADER.search(lines[i].text)), None)
    bounds = [x for x in (conclusion, problems, improve, leader) if x is not None] + [len(lines)]

    def section(first: int | None, label: str) -> list[tuple[str, int]]:
        if first is None:
            return []
        stop = min(b for b in bounds if b > first)
        return _strip_label(lines, first, stop, label)

    concl = section(conclusion, "评价结论")
    out.conclusion = "".join(p for p, _ in concl)
    out.problems = "".join(p for p, _ in section(problems, "存在问题"))
    out.improvements = "".join(p for p, _ in section(improve, "改进措施"))
    if leader is not None:
        found = LEADER.search(lines[leader].text)
        fin = FINANCE_LEADER.search(lines[leader].text)
        out.leader = found.group(1) if found else ""
        out.finance_leader = fin.group(1) if fin else ""
    if concl:
        span_start, span_end = concl[0][1], concl[-1][1] + len(concl[-1][0])
        match = STATED_SCORE.search(text, span_start, span_end)
        if match:
            out.stated_score = (match.group(1), match.start(), match.end())
    return out


def _merge_tail(own: _Tail, orphan: _Tail) -> _Tail:
    """The previous table's tail printed inside the next table completes what its own text lacks."""
    return _Tail(
        conclusion=own.conclusion + orphan.conclusion,
        problems=own.problems or orphan.problems,
        improvements=own.improvements or orphan.improvements,
        leader=own.leader or orphan.leader,
        finance_leader=own.finance_leader or orphan.finance_leader,
        stated_score=own.stated_score or orphan.stated_score,
    )


def _orphan_tail(orphan: list[_Line], text: str) -> _Tail:
    """Read an orphan tail: leading prose continues 评价结论, then 存在问题 … 项目负责人."""
    problems = _label_start(orphan, "存在问题") or 0
    out = _tail(orphan, text, 0)
    if problems:
        prose = orphan[:problems]
        out.conclusion = "".join(line.text for line in prose)
        match = STATED_SCORE.search(text, prose[0].start, prose[-1].end)
        if match:
            out.stated_score = (match.group(1), match.start(), match.end())
    return out


@dataclass
class _Parsed:
    section: Section
    lines: list[_Line]
    orphan: list[_Line] = field(default_factory=list)


def _sum_row(lines: list[_Line]) -> tuple[list[_Tok], int | None]:
    """Numbers of the 合计 row: "合计 100 99.91", or fragments below it ("10" / "0" / "10" / "0")."""
    idx = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text.startswith(SUM_LINE)), None)
    if idx is None:
        return [], None
    nums: list[_Tok] = []
    for tok in _tokens(lines[idx : idx + 6]):
        if tok.text == SUM_LINE:
            continue
        if not _is_num(tok.text):
            break
        nums.append(tok)
    return nums, idx


def _sum_values(nums: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """Group the 合计 fragments into (权重 total, 得分 total) token lists."""
    if len(nums) <= 2:
        return nums[:1], nums[1:2]
    joined = "".join(t.text for t in nums)
    half = len(nums) // 2
    if len(nums) % 2 == 0 and "".join(t.text for t in nums[:half]) == "".join(t.text for t in nums[half:]):
        return nums[:half], nums[half:]
    if joined.startswith("100"):
        cut = next((k for k in range(1, len(nums)) if "".join(t.text for t in nums[:k]) == "100"), half)
        return nums[:cut], nums[cut:]
    return nums[:half], nums[half:]


def _cell(text: str, start: int, label: str = "") -> TableCell:
    return TableCell(text, 0, 0, 1, 1, label, start, None)


def _tok_cell(tok: _Tok | None, label: str = "") -> TableCell | None:
    return None if tok is None else _cell(tok.text, tok.start, label)


def _reading(report: Report, item: _Parsed) -> Reading:
    text = report.clean_text
    section, lines = item.section, item.lines
    code, name = section.number, section.title
    header = re.search(r"项目名称\s*([0-9A-Z]{6,})\s*[-－—]\s*(.+)", "\n".join(line.text for line in lines[:4]))
    if header:
        code, name = header.group(1), header.group(2).strip()
    department, implementer = _header(lines)
    goal, goal_result = _goal(lines)
    toks = _tokens(lines)
    budget = _budget(lines, toks)
    rows = _indicators(lines, text)
    sums, sum_idx = _sum_row(lines)
    weight_total, score_total = _sum_values(sums)
    tail = _tail(lines, text, sum_idx if sum_idx is not None else 0)
    if item.orphan:
        tail = _merge_tail(tail, _orphan_tail(item.orphan, text))
    r = Reading(
        section_id=section.id,
        code=code,
        name=name,
        department=department,
        implementer=implementer,
        goal=goal,
        goal_result=goal_result,
        conclusion=tail.conclusion,
        problems=tail.problems,
        improvements=tail.improvements,
        leader=tail.leader,
        finance_leader=tail.finance_leader,
    )
    figures = (
        ("年初预算", budget.initial),
        ("调整后预算", budget.adjusted),
        ("执行数", budget.executed),
        ("执行率", budget.rate),
        ("权重", budget.weight),
        ("得分", budget.score),
    )
    for measure, tok in figures:
        if tok is not None:
            r.budget[measure] = BudgetCell(_cell(tok.text, tok.start, measure))
    used = [t for t in (budget.initial, budget.adjusted, budget.executed, budget.rate) if t]
    r.budget_span = (budget.anchor, max((t.end for t in used), default=budget.anchor))
    r.budget_row = _cell(TOTAL_LINE, budget.anchor)
    if score_total and sum_idx is not None:
        r.score_total = _cell(text[score_total[0].start : score_total[-1].end], score_total[0].start, "得分")
        r.total_row = _cell(SUM_LINE, lines[sum_idx].start)
    elif tail.stated_score:
        raw, first, last = tail.stated_score
        r.stated_score = _cell(raw, text.find(raw, first, last))
        r.stated_span = (first, last)
    if weight_total:
        r.weight_total = _cell(text[weight_total[0].start : weight_total[-1].end], weight_total[0].start, "权重")
    for row in rows:
        indicator = _to_indicator(row, text)
        fields = {
            "name": _cell(indicator.name, row.first),
            "comparator": _cell(indicator.comparator, row.first),
            "target": _cell(indicator.target, row.first),
            "unit": _cell(indicator.unit, row.first),
            "actual": _cell(indicator.actual, row.first),
            "reason": _cell(indicator.shortfall_reason, row.first),
        }
        for key, tok in (("weight", row.weight), ("score", row.score)):
            if tok is not None:
                fields[key] = _cell(tok.text, tok.start, key)
        r.indicators.append((indicator.level1, indicator.level2, fields))
        r.indicator_spans.append((row.first, row.last))
        printed: dict[str, TableCell] = {}
        for key, part in (("target", row.target), ("actual", row.actual)):
            numeric = [t for t in part if t.text not in {"%", "％"}]
            if not numeric or not all(_is_num(t.text) for t in numeric):
                continue  # worded (定性) values are rows, not figures
            cell = _cell(text[numeric[0].start : numeric[-1].end], numeric[0].start, key)
            if len(numeric) < len(part):
                r.percent.add(id(cell))
            printed[key] = cell
        r.fact_cells.append(printed)
    return r


def read_text_tables(report: Report) -> list[Reading]:
    """One `Reading` per 绩效自评表 section, in report order."""
    tables = [s for s in report.sections if s.kind == "project_table"]
    items = [_Parsed(s, _lines(report, s.start, s.end)) for s in tables]
    for k in range(1, len(items)):
        own, orphan = _split_orphan(items[k].lines)
        if orphan and not any(LEADER.search(line.text) for line in items[k - 1].lines):
            items[k].lines = own
            items[k - 1].orphan = orphan
            log.debug("table %s: tail printed inside %s", items[k - 1].section.id, items[k].section.id)
    return [_reading(report, item) for item in items]


__all__ = ["Section", "read_text_tables"]
