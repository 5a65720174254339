"""Indicator rows (三级指标) of a 绩效自评表 read from its text, where a PDF extractor broke every narrow cell
into vertical fragments ("数量 / 指标", "小 / 时") and put the cells of one visual row on one line.

The template is fixed nationally, so rows are found by their 指标性质 cell (≥ ≤ ＝ 定性) and the closed vocabulary
of 一级/二级 categories; names, values and units are read, never assumed. Also the token helpers the text
reader of the rest of the table (`corpus.selfeval_text`) shares. Hand-written: no library reads this layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from corpus.records import IndicatorRow, Report

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
SENTENCE_ENDS = ("。", "；", ";")
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
            current = self.level1 if level == 1 else self.level2
            # a name that starts like the category its row already sits in ("服务对象满意度" under
            # 服务对象满意度指标) is the row's name, not that category printed again
            repeated = run not in words and current in words and current.startswith(run)
            if not repeated and (run in words or (j > i and len(run) >= 4) or left_column):
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
    reason = "".join(t.text for t in previous.reason)
    if reason and not reason.endswith(SENTENCE_ENDS):
        # an unfinished 未完成原因分析 goes on up to its sentence end before the next row's name
        end = next((k for k, tok in enumerate(name[:-1]) if tok.text.endswith(SENTENCE_ENDS)), None)
        if end is not None:
            return name[: end + 1], name[end + 1 :]
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
