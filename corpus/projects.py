"""Read every 项目支出绩效自评表 (project performance self-evaluation table) into a `ProjectTable`.

The PDF extraction keeps one visual line per line but breaks every narrow cell into vertical
fragments ("项目基 / 本情况", "小 / 时", "数量 / 指标"), puts cells of one visual row on one line
separated by spaces, and sometimes prints the tail of one table inside the next one (a page that holds
the end of table k and the start of table k+1). The template is fixed nationally, so the parser
follows the template's landmarks (总额, 合计, 评价结论, 存在问题, 改进措施, 项目负责人) and its closed
vocabulary of 一级/二级 indicator categories; everything else (names, values, units) is read, never
assumed. Hand-written because no library reads this extraction's table layout.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from corpus.records import Fact, IndicatorRow, ProjectTable, Report, Section

log = logging.getLogger(__name__)

LEVEL1_WORDS = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_WORDS = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "可持续发展指标",
    "服务对象满意度指标",
    "满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
)
COMPARATORS = {"≥", "≤", "＝", "=", "＞", "＜", ">", "<", "≧", "≦"}
QUALITATIVE = "定性"
# Units a trailing one-character fragment may complete ("万" + "元"); only used to re-attach a split unit.
KNOWN_UNITS = {"万元", "元", "小时", "分钟", "平方米", "公里", "万人", "万次", "万条", "万个", "亿元", "千元"}
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?%?$")
LEADER = re.compile(r"项目负责人\s*[:：]\s*(\S+)")
FINANCE_LEADER = re.compile(r"财务负责人\s*[:：]\s*(\S+)")
STATED_SCORE = re.compile(r"自\s*评[^\d。；;]{0,10}?(\d+(?:\.\d+)?)\s*分")
DEPARTMENT = re.compile(r"主管部门\s*(.*?)\s*实施单位\s*(?:[（(]\s*盖章\s*[）)])?\s*(.*)$")
TOTAL_LINE = "总额"
SUM_LINE = "合计"
BUDGET_WEIGHT = Decimal(10)
MONEY_UNIT = "万元"


@dataclass(frozen=True)
class _Line:
    text: str
    start: int  # offset in Report.clean_text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    line: int  # index into the table's line list
    alone: bool  # the only token on its line

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Row:
    """An indicator row while it is being read; becomes an `IndicatorRow`."""

    level1: str
    level2: str
    name_toks: list[_Tok]
    comparator: str
    target: list[_Tok]
    unit: list[_Tok]
    actual: list[_Tok]
    weight: _Tok | None
    score: _Tok | None
    reason: list[_Tok] = field(default_factory=list)
    first: int = 0  # offset of the row's first character
    last: int = 0  # offset after the row's last character


# ---------------------------------------------------------------------------------------------- helpers


def _lines(report: Report, start: int, end: int) -> list[_Line]:
    out: list[_Line] = []
    offset = start
    for text in report.clean_text[start:end].split("\n"):
        stripped = text.strip()
        if stripped:
            out.append(_Line(stripped, offset + text.index(stripped)))
        offset += len(text) + 1
    return out


def _tokens(lines: list[_Line]) -> list[_Tok]:
    toks: list[_Tok] = []
    for i, line in enumerate(lines):
        found = list(re.finditer(r"\S+", line.text))
        for m in found:
            toks.append(_Tok(m.group(), line.start + m.start(), i, len(found) == 1))
    return toks


def _is_num(text: str) -> bool:
    return bool(NUMBER.match(text))


def _dec(text: str) -> Decimal | None:
    cleaned = re.sub(r"\s+", "", text).rstrip("%").replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _join(toks: list[_Tok], text: str) -> str:
    """Join tokens the way a reader would: spaces kept inside a line, line breaks dropped."""
    out = ""
    prev: _Tok | None = None
    for tok in toks:
        if prev is not None and prev.line == tok.line:
            out += text[prev.end : tok.start]
        out += tok.text
        prev = tok
    return out


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


# ---------------------------------------------------------------------------------------------- orphans


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


# ---------------------------------------------------------------------------------------------- header


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


# ---------------------------------------------------------------------------------------------- budget


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


# ---------------------------------------------------------------------------------------------- indicators


def _indicator_region(lines: list[_Line]) -> tuple[int, int] | None:
    """Lines from the first 一级指标 cell (产出…) to the 合计 row (exclusive)."""
    total = next((i for i, line in enumerate(lines) if line.text.startswith(TOTAL_LINE)), 0)
    first = None
    for i in range(total, len(lines)):
        cell = lines[i].text.split()[0]
        if len(cell) >= 2 and any(word.startswith(cell) or cell.startswith(word) for word in LEVEL1_WORDS):
            first = i
            break
    if first is None:
        return None
    end = next((i for i in range(first, len(lines)) if lines[i].text.startswith(SUM_LINE)), len(lines))
    return first, end


def _prefix_of(text: str, words: tuple[str, ...]) -> bool:
    return any(word.startswith(text) for word in words)


def _complete(text: str, words: tuple[str, ...]) -> str:
    """A category as printed so far, completed to the template word it starts (the cell may continue below)."""
    if not text:
        return ""
    return next((word for word in words if word.startswith(text)), text)


class _Categories:
    """Tracks the 一级 / 二级 columns, whose fragments arrive interleaved with each other line by line."""

    def __init__(self) -> None:
        self.level1 = ""
        self.level2 = ""
        self.want_level2 = False  # a 一级 cell was just read, so a new category cell is most likely 二级

    def extend(self, text: str) -> bool:
        """Add a fragment to a category cell that is still incomplete."""
        if self.level1 and self.level1 not in LEVEL1_WORDS and _prefix_of(self.level1 + text, LEVEL1_WORDS):
            self.level1 += text
            return True
        if self.level2 and self.level2 not in LEVEL2_WORDS and _prefix_of(self.level2 + text, LEVEL2_WORDS):
            self.level2 += text
            return True
        return False

    def start_run(self, cells: list[_Tok], i: int, forced: set[int]) -> int:
        """If cells[i] starts a new category cell, consume its fragments and return how many; else 0."""
        order = [(LEVEL2_WORDS, 2), (LEVEL1_WORDS, 1)] if self.want_level2 else [(LEVEL1_WORDS, 1), (LEVEL2_WORDS, 2)]
        for words, level in order:
            run = cells[i].text
            if not _prefix_of(run, words):
                continue
            j = i
            while run not in words and j + 1 < len(cells) and j + 1 not in forced:
                if not _prefix_of(run + cells[j + 1].text, words):
                    break
                j += 1
                run += cells[j].text
            left_column = i + 1 < len(cells) and cells[i + 1].line == cells[i].line
            if run in words or (j > i and len(run) >= 4) or left_column:
                if level == 1:
                    self.level1, self.level2, self.want_level2 = run, "", True
                else:
                    self.level2, self.want_level2 = run, False
                return j - i + 1
        return 0

    def current(self) -> tuple[str, str]:
        return _complete(self.level1, LEVEL1_WORDS), _complete(self.level2, LEVEL2_WORDS)


def _comparator_at(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """(comparator, tokens used) if an indicator's 指标性质 cell starts at toks[i]."""
    text = toks[i].text
    if text in COMPARATORS or text == QUALITATIVE:
        return text, 1
    if text == "定" and toks[i].alone and i + 1 < len(toks) and toks[i + 1].text == "性" and toks[i + 1].alone:
        return QUALITATIVE, 2
    return None


def _read_quantitative(toks: list[_Tok], i: int) -> tuple[list[_Tok], list[_Tok], list[_Tok], list[_Tok], int]:
    """Read 指标值, 度量单位, 完成值 and [权重, 得分] from toks[i:]; returns them and the next index."""
    target: list[_Tok] = []
    unit: list[_Tok] = []
    actual: list[_Tok] = []
    tail: list[_Tok] = []
    state = "target"
    while i < len(toks) and len(tail) < 2:
        tok = toks[i]
        if _comparator_at(toks, i):
            break
        if state == "target":
            if _is_num(tok.text) and (not target or (tok.alone and target[-1].alone and tok.line != target[-1].line)):
                target.append(tok)  # a long number may be broken over lines: "4300" / "0"
                i += 1
                continue
            if not target and not _is_num(tok.text):
                target.append(tok)  # a worded target (rare)
                i += 1
                state = "unit"
                continue
            state = "unit"
        if state == "unit":
            if _is_num(tok.text) or (unit and tok.line == unit[-1].line):
                state = "actual"  # a second cell on the unit's line is a worded 完成值
            else:
                unit.append(tok)  # a unit broken over lines: "小" / "时"
                i += 1
                continue
        if state == "actual":
            if actual and not _is_num(tok.text) and tok.text in {"%", "％"}:
                actual.append(tok)
                i += 1
                continue
            if actual:
                state = "tail"
            else:
                actual.append(tok)
                i += 1
                continue
        if state == "tail":
            if not _is_num(tok.text):
                break
            tail.append(tok)
            i += 1
    return target, unit, actual, tail, i


def _read_qualitative(toks: list[_Tok], i: int) -> tuple[list[_Tok], list[_Tok], list[_Tok], int]:
    """Read a 定性 row: worded 指标值 and 完成值 fragments up to the line ending in 权重 得分."""
    words: list[_Tok] = []
    while i < len(toks):
        line = toks[i].line
        on_line = [t for t in toks[i:] if t.line == line]
        nums = [k for k in range(len(on_line) - 1) if _is_num(on_line[k].text) and _is_num(on_line[k + 1].text)]
        if nums:
            k = nums[0]
            words_here = on_line[:k]
            tail = on_line[k : k + 2]
            next_i = i + k + 2
            if len(words_here) >= 2:
                return [*words, *words_here[:-1]], [words_here[-1]], tail, next_i
            if len(words_here) == 1:
                return words, words_here, tail, next_i
            half = len(words) // 2
            if words and len(words) % 2 == 0 and [t.text for t in words[:half]] == [t.text for t in words[half:]]:
                return words[:half], words[half:], tail, next_i
            return words[:-1], words[-1:], tail, next_i
        if _comparator_at(toks, i) or len(words) > 12:
            break
        words.extend(on_line)
        i += len(on_line)
    return words, [], [], i


def _indicators(lines: list[_Line], text: str) -> list[_Row]:
    region = _indicator_region(lines)
    if region is None:
        return []
    toks = _tokens(lines[region[0] : region[1]])
    toks = [_Tok(t.text, t.start, t.line + region[0], t.alone) for t in toks]
    cats = _Categories()
    rows: list[_Row] = []
    cells: list[_Tok] = []
    i = 0
    while i <= len(toks):
        found = _comparator_at(toks, i) if i < len(toks) else None
        if i < len(toks) and not found:
            cells.append(toks[i])
            i += 1
            continue
        # cells gathered since the previous row: its continuation, categories, then this row's name
        comparator_line = toks[i].line if found else None
        forced = {len(cells) - 1} if cells and cells[-1].line == comparator_line else set()
        name, carry = _split_cells(cells, forced, cats, rows[-1] if rows else None, final=not found)
        if rows and carry:
            _attach(rows[-1], carry)
        if not found:
            break
        comparator, used = found
        level1, level2 = cats.current()
        start = name[0].start if name else toks[i].start
        j = i + used
        if comparator == QUALITATIVE:
            target, actual, tail, j = _read_qualitative(toks, j)
            unit: list[_Tok] = []
        else:
            target, unit, actual, tail, j = _read_quantitative(toks, j)
        row = _Row(level1, level2, name, comparator, target, unit, actual, None, None, first=start)
        row.weight = tail[0] if tail else None
        row.score = tail[1] if len(tail) > 1 else None
        last_tok = (tail or actual or unit or target or [toks[i + used - 1]])[-1]
        row.last = last_tok.end
        # the rest of the score's line is the 未完成原因分析 cell
        while j < len(toks) and toks[j].line == last_tok.line and row.score is not None:
            row.reason.append(toks[j])
            row.last = toks[j].end
            j += 1
        rows.append(row)
        cells = []
        i = j
    return rows


def _split_cells(
    cells: list[_Tok], forced: set[int], cats: _Categories, previous: _Row | None, final: bool
) -> tuple[list[_Tok], list[_Tok]]:
    """Sort the cells between two value rows into (this row's name, the previous row's continuation)."""
    name: list[_Tok] = []
    carry: list[_Tok] = []
    k = 0
    while k < len(cells):
        if k in forced:
            name.append(cells[k])
            k += 1
            continue
        if cats.extend(cells[k].text):
            k += 1
            continue
        used = cats.start_run(cells, k, forced)
        if used:
            # name-like cells before a category cell cannot be a name (names follow their categories)
            carry.extend(name)
            name = []
            k += used
            continue
        name.append(cells[k])
        k += 1
    if previous is not None and not carry and name:
        carry, name = _continuation(previous, name)
    if final and previous is not None:
        # cells after the last row (before 合计) all continue it
        carry, name = carry + name, []
    return name, carry


def _continuation(previous: _Row, name: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """Leading name cells that finish the previous row: an open bracket closed, or a sentence end."""
    prev_name = "".join(t.text for t in previous.name_toks)
    depth = prev_name.count("（") + prev_name.count("(") - prev_name.count("）") - prev_name.count(")")
    k = 0
    if depth > 0:
        while k < len(name) and depth > 0:
            depth -= name[k].text.count("）") + name[k].text.count(")")
            k += 1
        return name[:k], name[k:]
    if len(name) > 1 and name[0].alone and name[0].text.endswith("。"):
        return name[:1], name[1:]
    if name and previous.unit and len(name[0].text) == 1 and name[0].alone:
        unit = "".join(t.text for t in previous.unit) + name[0].text
        if unit in KNOWN_UNITS:
            return name[:1], name[1:]
    return [], name


def _attach(row: _Row, carry: list[_Tok]) -> None:
    """Give continuation cells to the previous row: a split unit, its 未完成原因分析, or the rest of its name."""
    unit = "".join(t.text for t in row.unit)
    if len(carry) == 1 and unit and unit + carry[0].text in KNOWN_UNITS:
        row.unit.append(carry[0])
    else:
        lines = {t.line for t in carry}
        short = row.weight is not None and row.score is not None and _dec(row.score.text) < _dec(row.weight.text)
        if short or len(lines) >= 3 or row.reason:
            row.reason.extend(carry)
        else:
            row.name_toks.extend(carry)
    row.last = max(row.last, carry[-1].end)


def _to_indicator(row: _Row, text: str) -> IndicatorRow:
    return IndicatorRow(
        level1=row.level1,
        level2=row.level2,
        name=_join(row.name_toks, text),
        comparator=row.comparator,
        target=_join(row.target, text),
        unit=_join(row.unit, text).replace(" ", ""),
        actual=_join(row.actual, text),
        weight=_dec(row.weight.text) if row.weight else None,
        score=_dec(row.score.text) if row.score else None,
        shortfall_reason=_join(row.reason, text),
        quote=text[row.first : row.last],
        start=row.first,
    )


# ---------------------------------------------------------------------------------------------- tail


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


# ---------------------------------------------------------------------------------------------- tables


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


def _parse_table(item: _Parsed, text: str) -> tuple[ProjectTable, dict[str, object]]:
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

    score: Decimal | None = None
    score_src: tuple[str, int, int] | None = None  # (raw, quote start, quote end)
    if score_total and sum_idx is not None:
        raw = text[score_total[0].start : score_total[-1].end]
        score, score_src = _dec(raw), (raw, lines[sum_idx].start, score_total[-1].end)
    elif tail.stated_score:
        score, score_src = _dec(tail.stated_score[0]), tail.stated_score
    table = ProjectTable(
        section_id=section.id,
        code=code,
        name=name,
        department=department,
        implementer=implementer,
        initial_budget=_dec(budget.initial.text) if budget.initial else None,
        adjusted_budget=_dec(budget.adjusted.text) if budget.adjusted else None,
        executed=_dec(budget.executed.text) if budget.executed else None,
        execution_rate=_dec(budget.rate.text) if budget.rate else None,
        self_score=score,
        leader=tail.leader,
        finance_leader=tail.finance_leader,
        goal=goal,
        goal_result=goal_result,
        problems=tail.problems,
        improvements=tail.improvements,
        conclusion=tail.conclusion,
        indicators=tuple(_to_indicator(row, text) for row in rows),
    )
    sources: dict[str, object] = {"budget": budget, "score": score_src, "rows": rows}
    if weight_total:
        sources["weight_total"] = _dec(text[weight_total[0].start : weight_total[-1].end])
    return table, sources


def _parse_all(report: Report) -> list[tuple[ProjectTable, dict[str, object]]]:
    tables = [s for s in report.sections if s.kind == "project_table"]
    items = [_Parsed(s, _lines(report, s.start, s.end)) for s in tables]
    for k in range(1, len(items)):
        own, orphan = _split_orphan(items[k].lines)
        if orphan and not any(LEADER.search(line.text) for line in items[k - 1].lines):
            items[k].lines = own
            items[k - 1].orphan = orphan
            log.debug("table %s: tail printed inside %s", items[k - 1].section.id, items[k].section.id)
    return [_parse_table(item, report.clean_text) for item in items]


def extract_projects(report: Report) -> list[ProjectTable]:
    """One `ProjectTable` per 绩效自评表 section, in report order."""
    return [table for table, _ in _parse_all(report)]


# ---------------------------------------------------------------------------------------------- facts


def project_facts(report: Report) -> list[Fact]:
    """Budget, execution and score figures of each project, and numeric indicator targets and results."""
    facts: list[Fact] = []
    parsed = {table.section_id: sources for table, sources in _parse_all(report)}
    for table in report.projects:
        sources = parsed.get(table.section_id, {})
        budget = sources.get("budget")
        if isinstance(budget, _Budget):
            used = [t for t in (budget.initial, budget.adjusted, budget.executed, budget.rate) if t]
            span = (budget.anchor, max((t.end for t in used), default=budget.anchor))
            for measure, tok, unit in (
                ("年初预算", budget.initial, MONEY_UNIT),
                ("调整后预算", budget.adjusted, MONEY_UNIT),
                ("执行数", budget.executed, MONEY_UNIT),
                ("执行率", budget.rate, "%"),
            ):
                if tok is not None and (value := _dec(tok.text)) is not None:
                    facts.append(
                        _fact(report, table, f"{table.section_id}:{measure}", measure, value, unit, span, tok.text)
                    )
        score_src = sources.get("score")
        if table.self_score is not None and isinstance(score_src, tuple):
            raw, first, last = score_src
            fid = f"{table.section_id}:自评得分"
            facts.append(_fact(report, table, fid, "自评得分", table.self_score, "分", (first, last), raw))
        rows = {row.first: row for row in sources.get("rows", [])}  # type: ignore[union-attr]
        for n, indicator in enumerate(table.indicators, start=1):
            row = rows.get(indicator.start)
            if row is None:
                continue
            span = (indicator.start, indicator.start + len(indicator.quote))
            for measure, toks in (("指标值", row.target), ("完成值", row.actual)):
                numeric = [t for t in toks if t.text not in {"%", "％"}]
                if not numeric or not all(_is_num(t.text) for t in numeric):
                    continue  # worded (定性) values are rows, not figures
                raw = report.clean_text[numeric[0].start : numeric[-1].end]
                value = _dec(raw)
                if value is None:
                    continue
                percent = raw.endswith("%") or len(numeric) < len(toks)
                unit = "%" if percent else indicator.unit
                fid = f"{table.section_id}:ind{n:02d}:{measure}"
                facts.append(_fact(report, table, fid, measure, value, unit, span, raw, subject=indicator.name))
    return facts


def _fact(
    report: Report,
    table: ProjectTable,
    fid: str,
    measure: str,
    value: Decimal,
    unit: str,
    span: tuple[int, int],
    raw: str,
    subject: str = "",
) -> Fact:
    return Fact(
        id=fid,
        subject=subject or table.name,
        measure=measure,
        value=value,
        unit=unit,
        year=report.year,
        section_id=table.section_id,
        quote=report.clean_text[span[0] : span[1]],
        raw=raw,
        start=span[0],
        scope=table.name,
    )
