"""Asks of a compound question that carry on what an earlier ask was refused for: another body named before
("与本单位相比呢？" needs that body's figure), or a person or counterparty ("年薪多少" after "局长叫什么"). Each is
refused with it, never answered with the body's own figure."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

COMPARE_WITH = CUES.cue("compare_with")


def carry_other_bodies(parts: Sequence[Plan]) -> tuple[Plan, ...]:
    """Asks of a question that names another body. When any ask compares ("…某厅的三公经费有多少？与本单位相比
    呢？", "我们的X多少？某厅的呢？哪个高？"), the comparison needs that body's figure, which the report does not
    hold: every ask is refused with it, so no figure of this body stands alone as half an answer. Without a
    comparison, only the asks naming the other body are refused ("X多少？顺便问下某厅的呢": X is answered)."""
    named = next((p.other_bodies for p in parts if p.other_bodies), ())
    if named and any(COMPARE_WITH.search(p.text) for p in parts):
        return tuple(p if p.other_bodies else p.with_(other_bodies=named) for p in parts)
    return tuple(parts)


CARRIED_REFUSALS = {
    label: (frozenset(e["after"]), CUES.filled(e["ask"]), CUES.filled(e["unless"]))
    for label, e in CUES.table("carried_refusals").items()
}


def carry_refusals(parts: Sequence[Plan]) -> tuple[Plan, ...]:
    """An ask right after one refused for a person or a counterparty ("…局长叫什么？年薪多少", "…中标的是哪些
    公司？各拿了多少") is about that same person or counterparty when it asks what the vocabulary says such a
    subject carries: refused with it, never answered with the body's own figure (人员经费, the procurement
    total). A chain of such asks stays refused; any other ask ends it."""
    out: list[Plan] = []
    refused: frozenset[str] = frozenset()
    for part in parts:
        carried = [
            label
            for label, (after, asked, unless) in CARRIED_REFUSALS.items()
            if refused & after and asked.search(part.text) and not unless.search(part.text)
        ]
        if part.unheld:
            refused = frozenset(part.unheld)
        elif carried:
            part = part.with_(unheld=tuple(carried))
            refused = frozenset(carried) | refused
        else:
            refused = frozenset()
        out.append(part)
    return tuple(out)
