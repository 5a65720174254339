"""Residual terms: the words of a question that the chosen evidence does not speak to.

The fact router answers the figure of the subject it recognised; a question that asks about something else
on the way ("职工平均工资", "一等奖奖金", "全省…收入") must not get that figure. A question's informative
words are its jieba tokens minus stop words, cue words (what kind of answer is wanted) and the recognised
subject/project names; any that the evidence text does not contain are residual. Hand-written: the cue tables
are the intent parser's own, so this stays in step with what the parser understands.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass

import jieba

from assistant.citations import Span
from assistant.intent import (
    CHANGE,
    COMPARE,
    COUNT,
    DEFINE,
    DIFF,
    EXEC_RATE,
    FIGURE_CUE,
    LIST,
    MAX,
    MIN,
    PREV_YEAR,
    PROJECT_FIELDS,
    RATE_WORD,
    REASON,
    SHARE,
    SUM,
    THIS_YEAR,
    Query,
)
from assistant.lexicon import GENERIC_WORDS
from assistant.passages import STOPWORDS, SentenceIndex, body_forms
from assistant.question import fold

# Words that ask for a figure or qualify a question without naming what it is about.
GENERIC_TEXT = """
支出 花 花了 钱 花钱 费用 金额 预算 执行 完成 决算 决算数 数是 大概 大约 大致 约 一般 里面 具体 现在 实际 实际上
总体 整体 全年 多少钱 万元 元 按 算 计算 一下 知道 想 想问 问一下 我想 请问 呢 到底 究竟 目前 当前 最终 最后
专门 又 归 管 这个 那个 这些 那些 这项 该项 此 其中 部分 方面 东西 时候 时间 还是 以及 并且 而且 数据 数字
情况 怎么样 如何 多大 多高 是不是 对不对 吗 有没有 没有 算不算 属于 包含 包括 内容 科目 这个科目 口径 期间
地方 钱数 费 经费 资金 开支 花费 用了 用 给 做 搞 弄 出 一个 几个 上 下 前 后 中 内 外 以上 以下 明细 说明 看看
全部 全 所有 完 例子 举例 意思 含义 用途 原因 样子 目标值 指标值 完成值 目标 指标 超出 超过 多出 高出
相比 相较 比较 对比 较 比起 同期 比例 比重 各是 各 分别是 还有 还剩 剩下
截至 截止 年底 年末 底 末 期末 当年 拿到 获得 得到 单子
"""
# The lexicon's words that name no particular project (运维, 平台, 系统…) name nothing the evidence must cover.
# Scope words stay informative: "全省…收入" asks about the province, not the body.
GENERIC = frozenset(GENERIC_TEXT.split()) | (frozenset(GENERIC_WORDS) - {"全省", "省级"})
CUES = (CHANGE, COUNT, DEFINE, EXEC_RATE, FIGURE_CUE, LIST, PREV_YEAR, RATE_WORD, REASON, SHARE, SUM, THIS_YEAR)
CUES += (COMPARE, DIFF, MAX, MIN)
ASKED = re.compile(r"(?:什么|(?<!为)啥)([\u4e00-\u9fff]{2,4})")
PROSE_LINE = 15  # a table line this long is running text, not a cell label
MAX_QUOTE = 300
CLAUSES = re.compile(r"[？?；;。！!]+")
DIGIT = re.compile(r"\d")
DATE = re.compile(r"\d{4}年(度)?|\d{1,2}月|\d{1,2}日")
PART_BREAK = re.compile(r"[；;。：:！？!?]")
COMMA = re.compile(r"[，,]")
MISSING_MIN = 3  # a word this long that the report never uses is something the report does not cover


@dataclass(frozen=True)
class Residual:
    terms: tuple[str, ...]  # informative words the evidence does not contain (folded)
    missing: tuple[str, ...]  # of those, the long ones (or the "什么X" asked) the whole report never uses


def residual_terms(
    q: Query, evidence_text: str, report_text: str, body: str, sentences: SentenceIndex | None = None
) -> Residual:
    """The question's informative words not covered by the evidence, the subject or the project names."""
    covered = [False] * len(q.text)
    for match in q.matches:
        for i in range(match.start, min(match.end, len(covered))):
            covered[i] = True
    text = q.text
    for form in body_forms(body) + _places(body):
        for found in re.finditer(re.escape(form), text):
            for i in range(found.start(), found.end()):
                covered[i] = True
    evidence = fold(re.sub(r"\s", "", evidence_text))
    # The full names of what was recognised: "进修" is part of 进修及培训（款）培训支出（项） even if unmatched.
    names = fold("".join(q.subjects + q.projects + tuple(s for g in q.ambiguous for s in g)))
    out: list[str] = []
    for word, start, end in jieba.tokenize(text):
        if all(covered[start:end]) or len(word) < 2 or not re.search(r"[\u4e00-\u9fff]", word):
            continue
        if any(covered[start:end]):  # a name plus a word ("服务项目"): only the uncovered part can be residual
            rest = "".join(c for c, cov in zip(word, covered[start:end], strict=True) if not cov)
            if len(rest) < 2 or rest in STOPWORDS or rest in GENERIC or _is_cue(rest):
                continue
        if word in STOPWORDS or word in GENERIC or _is_cue(word):
            continue
        if word in evidence or word in names or word in out:
            continue
        out.append(word)
    terms: list[str] = []
    missing: list[str] = []
    # A short everyday word the report never uses says nothing ("拿到单子"), unless it is what is asked ("什么品牌").
    asked = {m.group(1) for m in ASKED.finditer(q.text)}
    out = [t for t in out if t in report_text or len(t) >= MISSING_MIN or any(t in a for a in asked)]
    for term in out:
        if any(term in a for a in asked) and term not in report_text:
            missing.append(term)
            continue
        if term in report_text:
            terms.append(term)
            continue
        parts = [p for p in jieba.lcut_for_search(term) if p != term and len(p) >= 2 and p in report_text]
        if sentences is not None and parts and _said_together(parts, sentences):
            terms.extend(p for p in parts if p not in terms)  # the report says it in other words
        elif len(term) >= MISSING_MIN:
            missing.append(term)
        else:
            terms.append(term)
    return Residual(tuple(terms), tuple(missing))


# What follows an attribute that is asked for ("…的年薪是多少"); what joins two asked attributes ("A和B").
ASK_AFTER = re.compile(r"^(是多少|是什么|是啥|是几|多少|有哪些|是哪|吗|呢|[？?]|$)")
JOINERS = frozenset({"和", "与", "及", "以及", "、", "跟", "还有"})
ATTRIBUTE_WORDS = 3  # an attribute is a short noun phrase ("家庭住址", "银行卡号")
# What the user wants done with it ("…手机号发给我", "…整理成表格"): ends the attribute, never part of it.
REQUEST_VERB = re.compile(r"^(发|给|整理|列|告诉|提供|汇总|导出|打印|做成|制成|统计|填|写|查|弄|拿|传|报)")
# A question word ends the attribute too: "漏洞多久修好" asks how long, about 漏洞.
QUESTION_WORD = re.compile(
    r"^(百分之|多久|多长|多少|多大|多高|几|什么|啥|哪|怎么|怎样|如何|是否|有没有|能否|为什么|为何)"
)
# Prepositions and connectives: "中心的车除了领导用车…" goes on to another clause, not to an attribute.
FUNCTION_WORD = re.compile(
    r"^(除了?|以外|之外|另外|其他|其余|对于?|关于|按照|根据|比如|例如|包括|还是|或者|并且|而且|但是)"
)


# Time words and measure words say when or how much, not what: "办公楼一年多少钱" asks about 办公楼.
TIME_WORD = re.compile(
    r"^(一年|今年|去年|前年|全年|本年|当年|每年|年度|本年度|上年|上一年|这一年|那一年|一年到头|每个月|每月|一个月|"
    r"这块|那块|这一块|那一块|这部分|那部分|这边|那边|方面)$"
)
MEASURE_WORD = re.compile(
    r"^(单价|价格|金额|数额|总额|总数|数量|数目|费用|成本|合计|总计|规模|多少|大小|情况|比例|比重|占比|百分比)$"
    # kinds of things the report lists, asked by their kind: "管信用的处室" asks which unit, not an attribute
    r"|^(处室|科室|部门|机构|单位|处|科)$"
)
# Personal data: no public final-accounts report holds it, whatever words of it the report uses elsewhere
# (身份 in 统一身份认证, 工资 in 基本工资). Refused when asked of someone ("…的工资条").
PERSONAL = re.compile(
    r"(?P<owner>[\u4e00-\u9fff]?)的[\u4e00-\u9fff]{0,4}?((?:身份证|手机|电话|联系方式|住址|邮箱|工资条|工资单|银行卡|银行账号|卡号|年薪|月薪|"
    r"薪资|微信|密码|出生日期|生日|籍贯|婚姻|病历)[号码单]{0,2})"
)

PERSON_END = frozenset("人员任导工部志长师")  # 负责人, 人员, 主任, 领导, 员工, 干部, 同志, 处长, 会计师


def asked_missing(q: Query, report_text: str) -> tuple[str, ...]:
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


# What a report says of a person is a name and a role in a table: never these ("张某是什么职务、多大年纪").
PERSON_ATTRIBUTE = re.compile(
    r"职务|职位|职级|职称|年纪|年龄|岁数|多少岁|几岁|学历|学位|毕业|籍贯|老家|性别|民族|政治面貌|出生|生日|"
    r"电话|手机|联系方式|住址|工资|薪水|薪资|年薪|月薪|简历|履历|工作经历"
)
PERSON_ROLE = re.compile(r"负责人|主任|处长|科长|局长|部长|领导|书记|会计|经理")


def person_attributes(q: Query, people: Collection[str]) -> tuple[str, ...]:
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
    meaning = [p for p in parts if p not in STOPWORDS and p not in GENERIC and not _is_cue(p)] or parts
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
    return word not in STOPWORDS and word not in GENERIC and not _is_cue(word) and not ASK_AFTER.match(word)


def _said_together(parts: list[str], sentences: SentenceIndex) -> bool:
    return any(all(p in s.folded for p in parts) for s in sentences.sentences)


def _is_cue(word: str) -> bool:
    if any(p.fullmatch(word) or (p.search(word) and len(word) <= 3) for p in CUES):
        return True
    return any(p.fullmatch(word) for _, p in PROJECT_FIELDS)


def _places(body: str) -> list[str]:
    """The body's place name (四川省 → 四川省, 四川, 省): it names the body, not what is asked."""
    match = re.match(r"^([\u4e00-\u9fa5]{2,3}?)(省|市|自治区|县|区)", fold(body))
    return [match.group(0), match.group(1)] if match else []


def supporting_spans(
    q: Query, residual: Residual, sentences: SentenceIndex, report_text: str, section_ids: set[str] | None = None
) -> list[Span]:
    """Report sentences (table lines inside a project) that contain the residual words, clause by clause.

    Every residual word of a clause that the report uses must be in the sentence; a figure question needs a
    figure next to the word. Words the report never uses cannot be required of any sentence. Inside a table a
    sentence is cut into windows of lines, so two neighbouring windows also count as one candidate."""
    wants_figure = bool(re.search(r"多少|几|数量|金额|比例|百分", q.text))
    anchors = [t for t in sentences.terms(q.text) if len(t) >= 2]
    candidates = _candidates(sentences, section_ids)
    picked: list[Span] = []
    for clause in CLAUSES.split(q.text):
        needed = [t for t in residual.terms if t in clause and t in report_text]
        if not needed:
            continue
        clause_figure = wants_figure and bool(re.search(r"多少|几|数量|金额|比例|百分", clause))
        best: tuple[float, Span] | None = None
        for span, folded, context in candidates:
            if not all(t in folded for t in needed):
                continue
            if clause_figure and not figure_near(folded, needed):
                continue
            score = sum(len(t) for t in anchors if t in folded or t in context) - (span.end - span.start) / 10000
            if best is None or score > best[0]:
                best = (score, span)
        if best is not None:
            span = _lines(sentences.report.clean_text, best[1], needed) if section_ids else best[1]
            if span not in picked:
                picked.append(span)
    return sorted(picked, key=lambda s: s.start)


def _candidates(sentences: SentenceIndex, section_ids: set[str] | None) -> list[tuple[Span, str, str]]:
    chosen = [s for s in sentences.sentences if section_ids is None or s.section_id in section_ids]
    out = [(s.span, s.folded, s.context) for s in chosen]
    if section_ids is not None:
        for a, b in itertools.pairwise(chosen):
            if a.section_id == b.section_id:
                out.append((Span(a.span.start, b.span.end), a.folded + b.folded, a.context))
    return out


def _lines(text: str, span: Span, terms: list[str]) -> Span:
    """Inside a table: from the line holding the first asked word (and the line before, when that is prose
    running into it) to the end of its sentence, so the quote is the lines that say it, not the cells around."""
    first = None
    for term in terms:
        pattern = r"\s*".join(re.escape(c) for c in term)
        match = re.compile(pattern).search(text, span.start, span.end)
        if match and (first is None or match.start() < first):
            first = match.start()
    if first is None:
        return span
    start = text.rfind("\n", 0, first) + 1
    start = max(start, text.rfind("。", start, first) + 1)
    before = text.rfind("\n", 0, max(start - 1, 0)) + 1
    previous = text[before : max(start - 1, before)].strip()
    at_sentence_start = text[start - 1 : start] == "。"
    if len(previous) >= PROSE_LINE and not previous.endswith(("。", "：", ":")) and not at_sentence_start:
        start = before
    stop = text.find("。", first, first + MAX_QUOTE)
    if stop == -1:
        line_end = text.find("\n", max(first, span.end - 1))
        stop = line_end if line_end != -1 else span.end
    else:
        stop += 1
    return Span(start, max(stop, start + 1))


def figure_near(folded: str, terms: list[str]) -> bool:
    """A figure in the clause of the word or the one right after it ("预算编制阶段，对7个项目"), not across a
    colon or a full stop ("3258万元，主要包括：基本工资"); dates state no figure ("2022年8月26日签订合同")."""
    undated = DATE.sub("", folded)
    for part in PART_BREAK.split(undated):
        clauses = COMMA.split(part)
        for i, clause in enumerate(clauses):
            if any(t in clause for t in terms) and any(DIGIT.search(c) for c in clauses[i : i + 2]):
                return True
    return False


__all__ = ["Residual", "asked_missing", "figure_near", "residual_terms", "supporting_spans"]
