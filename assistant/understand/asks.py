"""A question cut into its asks: "X和Y各是多少，各占多少比例？" is two asks, "接待费用了多少？怎么比去年多？" two.

Clauses end at 。？！； always, and at a comma or 、 when both sides ask something on their own (each has a
question word). A clause that asks nothing ("按元算", "在12个项目里", "用完成率倒算一下") belongs to its
neighbour: it qualifies the ask next to it rather than asking anything. Hand-written: a few lines over the cue
file's words.
"""

from __future__ import annotations

import re

from assistant.understand.cues import CUES

HARD_BREAK = re.compile(r"[？?；;。！!]+")
SOFT_BREAK = re.compile(r"[，,、]")
ASK_WORD = CUES.cue("ask_word")
SCOPE_CLAUSE = CUES.cue("scope_clause")
POINTING_FEW = CUES.cue("pointing_few")
DEDUCT = CUES.cue("deduct")
DEDUCT_DETAIL = CUES.cue("deduct_detail")
THAN_BUDGET = CUES.cue("than_budget")
BY_MEANS = CUES.cue("by_means")
USAGE = CUES.cue("usage")  # "给谁用、干什么用的": two words for one ask, what a thing is used for
MAX_ASKS = 6  # a longer list of asks is a list of topics, not a compound question


CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff？?])\s+(?=[\u4e00-\u9fff])")


def spaced_clauses(question: str) -> str:
    """A space between two Chinese words separates clauses the way a comma does ("花了多少 在总支出里占几成");
    folding drops it, so it is written as a comma first."""
    return CJK_SPACE.sub("，", question)


def asks_something(clause: str) -> bool:
    """The clause asks something by itself (a question word that does not only set the scope)."""
    said = BY_MEANS.sub("", POINTING_FEW.sub("", clause))  # "按完成率反推一下": how, not what
    return bool(ASK_WORD.search(said)) and not SCOPE_CLAUSE.search(clause)


def split_asks(text: str) -> list[str]:
    """The asks of a (folded) question, in order; one item when it asks one thing."""
    asks: list[str] = []
    pending = ""  # clauses that ask nothing, waiting for the ask they qualify
    for sentence in HARD_BREAK.split(text):
        if not sentence.strip():
            continue
        current = ""
        for piece in SOFT_BREAK.split(sentence):
            if not piece.strip():
                continue
            same_use = bool(USAGE.search(current) and USAGE.search(piece))
            if current and asks_something(current) and asks_something(piece) and not same_use:
                asks.append(current)
                current = piece
            else:
                current = f"{current}，{piece}" if current else piece
        if not current:
            continue
        if not asks_something(current):
            if asks and not pending:
                asks[-1] = f"{asks[-1]}，{current}"  # "…花了多少钱？按元算。"
            else:
                pending = f"{pending}，{current}" if pending else current
            continue
        asks.append(f"{pending}，{current}" if pending else current)
        pending = ""
    if pending:
        if asks:
            asks[-1] = f"{asks[-1]}，{pending}"
        else:
            asks.append(pending)
    if len(asks) > MAX_ASKS:
        return ["，".join(asks)]
    return _with_deduction_details(asks) or [text]


def _with_deduction_details(asks: list[str]) -> list[str]:
    """ "丢分在哪些指标？每项得分几何？为何？": the parts that lost points are answered with their scores, the points
    lost and the reasons, so an ask of only those details belongs to the deduction ask before it. "比执行数高出多少"
    compares what the ask before it found with the table's money: it belongs to that ask too."""
    out: list[str] = []
    for ask in asks:
        bare = re.sub(r"[\s，,、？?]", "", ask)
        detail = bool(DEDUCT.search(out[-1]) and DEDUCT_DETAIL.search(bare)) if out else False
        if out and (detail or THAN_BUDGET.search(bare)):
            out[-1] = f"{out[-1]}，{ask}"
        else:
            out.append(ask)
    return out
