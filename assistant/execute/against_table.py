"""A total worked out over a table's rows, set against the table's own money: "成本指标几项加起来多少，跟项目执行数
差多少", "这两项服务费合计多少，占项目执行数的比例". The total comes from an earlier calculation (its check), the
money from the table's stated figure; the difference or the share is the calculator's.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute
from assistant.compose.wording import show
from assistant.evidence.records import Evidence
from assistant.understand.collections import FIELD_NAMES
from assistant.understand.cues import CUES
from corpus import Fact

AGAINST = CUES.cue("against_table")
SHARE_ASK = CUES.cue("share_ask")
SHARE_AS_PART = CUES.cue("share_as_part")  # "占项目执行数几成"
AGREE = CUES.cue("agree_asked")
MONEY_UNITS = ("万元", "万")
LABELS = {"执行数": "预算执行数", "调整后预算": "调整后预算数", "年初预算": "年初预算"}


def against_field(text: str) -> tuple[str, str]:
    """The table field a question sets a total against, and how ("share", "gap", or "agree": a gap asked as a
    check, "与项目预算一致吗"); ("", "") when none."""
    found = AGAINST.search(text)
    if not found:
        return "", ""
    field = next((name for name, pattern in FIELD_NAMES if pattern.search(found.group(1))), "")
    if field not in LABELS:
        return "", ""
    after = text[found.start() :]
    share = found.group(0).startswith("占") or bool(SHARE_ASK.search(after) or SHARE_AS_PART.search(after))
    return field, "share" if share else ("agree" if AGREE.search(text[found.start() :]) else "gap")


def total_of(evidence: Evidence) -> tuple[Decimal, str] | None:
    """The last sum an answer worked out, with the unit it was said in (None when it is no amount of money)."""
    sums = [c for c in evidence.checks if c.operation == "sum" and c.ok]
    if not sums or evidence.status != "answered":
        return None
    result = sums[-1].result
    said = "".join(p.text for p in evidence.pieces)
    unit = re.search(rf"= {re.escape(result)}\s*(万元|万)(?![\u4e00-\u9fff]{{0,1}}(?:次|人|条|个|件))", said)
    return (Decimal(result), "万元") if unit else None


def row_amount(evidence: Evidence) -> tuple[Fact, str] | None:
    """The one indicator row an answer stated an amount of money for (its 完成值, else its 指标值), with the words
    that name it ("官网平台建设运营成本完成值 20 万元"); None when it stated none or several."""
    if evidence.status != "answered":
        return None
    said = "".join(p.text for p in evidence.pieces)
    for measure in ("完成值", "指标值"):
        rows = [f for f in evidence.facts if f.measure == measure and f.unit in MONEY_UNITS and f.subject in said]
        if len({f.subject for f in rows}) == 1:
            return rows[0], f"{rows[0].subject}{measure}（{show(rows[0])}）"
        if rows:
            return None
    return None


def set_against(
    kit: Toolkit, ev: Evidence, project: str, total: Decimal | Fact, field: str, how: str, subject: str = ""
) -> bool:
    """Adds the total's (or one row's stated amount's) difference from, or share of, the table's field to `ev`;
    False when the table has none."""
    facts = kit.table.project_facts(project, field)
    if not facts or facts[0].unit not in MONEY_UNITS:
        return False
    money = facts[0]
    label = LABELS[field]
    if how == "share":
        if not money.value:
            return False
        comp = compute("share", total, money)
        ev.add(f"{subject}占{project}{label}（{show(money)}）的比例为 {comp.said} = {comp.text}。", kit.span(money))
    elif how == "agree" and _value(total) == money.value:
        comp = compute("difference", total, money)
        ev.add(f"{subject}与{project}{label}（{show(money)}）一致。", kit.span(money))
    else:
        more = _value(total) >= money.value
        comp = compute("difference", *((total, money) if more else (money, total)))
        ev.add(
            f"{subject}比{project}{label}（{show(money)}）{'多' if more else '少'} {comp.said} = {comp.text} 万元"
            f"{'，两者对不上' if how == 'agree' else ''}。",
            kit.span(money),
        )
    ev.checks.append(comp.check)
    ev.facts.append(money)
    return True


def _value(amount: Decimal | Fact) -> Decimal:
    return amount.value if isinstance(amount, Fact) else amount
