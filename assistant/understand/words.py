"""Word lists shared by understanding and answering: stop words, generic words that name nothing in
particular, time words, and the character pairs and question words of everyday asking."""

from __future__ import annotations

import re

from assistant.understand.lexicon import GENERIC_WORDS
from assistant.understand.normalize import fold
from assistant.understand.parse import (
    CHANGE,
    COUNT,
    DEFINE,
    EXEC_RATE,
    FIGURE_CUE,
    LIST,
    PREV_YEAR,
    PROJECT_FIELDS,
    RATE_WORD,
    REASON,
    SHARE,
    SUM,
    THIS_YEAR,
)

# Question words and fillers: they say what kind of answer is wanted, not what it is about.
STOPWORD_TEXT = """
是 的 了 吗 呢 吧 啊 么 有 在 和 与 及 或 对 给 被 由 为 中 里 各 都 那 这 其 它 该 我 你 他 请 请问 告诉 一下
多少 什么 哪些 哪个 哪家 哪里 哪 谁 几 几个 个 多 少 怎么 怎样 如何 为什么 是否 有没有 没有 没
情况 主要 报告 中心 省 单位 本单位 本 一共 总共 共 年 年度 今年 去年 本年 当年 对吧 直接 确认 分别 具体
决算 决算数 特别 那种 方面 承担 负责 工作 得到 什么样 时候 什么时候 一些 有关 相关 关于 项目
几辆 多少辆 几个 多少个 几项 多少项 几次 多少次 几人 多少人 几条 多少条 几份 多少份 几期 多少期
之 所 以 把 让 用 将 还 又 也 就 才 能 会 可以 要 应 得 着 过 说 问 答 啥 咋 嘛
听说 据说 好像 似乎 一直 因为 所以 到底 究竟 真的 去 来 一下子
咱们 咱 你们 我们 俺们 大家 这块 那块 这一块 那一块 这边 那边 一年 每年
"""


STOPWORDS = frozenset(STOPWORD_TEXT.split())


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


# Time words and measure words say when or how much, not what: "办公楼一年多少钱" asks about 办公楼.
TIME_WORD = re.compile(
    r"^(一年|今年|去年|前年|全年|本年|当年|每年|年度|本年度|上年|上一年|这一年|那一年|一年到头|每个月|每月|一个月|"
    r"这块|那块|这一块|那一块|这部分|那部分|这边|那边|方面)$"
)


def is_cue(word: str) -> bool:
    if any(p.fullmatch(word) or (p.search(word) and len(word) <= 3) for p in CUES):
        return True
    return any(p.fullmatch(word) for _, p in PROJECT_FIELDS)


def informative(term: str) -> bool:
    """A question word that may name what a subject covers (not a filler, time or cue word)."""
    return len(term) >= 2 and term not in GENERIC and term not in STOPWORDS and not TIME_WORD.match(term)


# ---------------------------------------------------------------------- indicator rows named by their words
# Bigrams that say "a figure is asked", not which row: they never pick a row on their own.
EVERYDAY_GRAMS = frozenset(
    {"完成", "成值", "实际", "目标", "标值", "指标", "多少", "情况", "项目", "要求", "达到", "数量", "实现", "是否"}
    | {"一共", "总共", "绩效", "自评", "评表", "年度", "全年"}
)


# Question words that are no content (jieba keeps them whole).
EVERYDAY_ASK = re.compile(r"[多少几什么怎样哪个吗呢吧啊了的是有没一年月日]+|怎么样|为什么|请问")


def core(word: str) -> str:
    """A word without the everyday pairs and question words jieba may glue to it ("哪些项目" → "")."""
    for gram in EVERYDAY_GRAMS:
        word = word.replace(gram, "□")
    return EVERYDAY_ASK.sub("□", word)


def cjk(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))


def grams(text: str) -> list[str]:
    """Character bigrams inside runs of letters: never across punctuation, a blanked name or a figure."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fffA-Za-z]+", fold(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out
