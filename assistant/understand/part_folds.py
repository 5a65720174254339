"""How the asks of a compound question join up once each is read: a gap asked right after a worked budget or a
ranking's two ends folds into the ask before it, a pair and its gap stay one difference, a share asked after a sum is
the sum's, and the parts' steps are numbered in one sequence (a step can use an earlier part's results)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.understand.plan import Op, Plan, Step, Target

GAP_CUES = ("gap_word", "difference_asked", "unspent", "gap")


def fold_gaps(parts: Sequence[Plan]) -> tuple[Plan, ...]:
    """A gap asked right after a budget worked out ("推出的预算呢？超出决算多少？", "剩多少没用？") is the
    budget step's own difference (budget − 决算), one part: never a second lookup of the 决算 alone."""
    out: list[Plan] = []
    for part in parts:
        before = out[-1] if out else None
        if before is not None and _works_out_budget(before) and _asks_gap(part, before):
            out[-1] = before.with_(cues=(*before.cues, "gap_word"))
            continue
        if before is not None and _both_extremes(before) and _asks_gap(part, before) and not part.aggregate:
            out[-1] = before.with_(cues=(*before.cues, "difference_asked"))  # "两者差多少": the two ends' gap
            continue
        if before is not None and _share_of_project_gap(part, before):
            out[-1] = before.with_(cues=(*before.cues, "share_word"))  # "剩余多少，占调整后预算几成"
            continue
        out.append(part)
    return tuple(out)


def _share_of_project_gap(part: Plan, before: Plan) -> bool:
    """A share asked right after one project's unexecuted remainder, naming nothing else: the remainder's share."""
    if len(before.projects) != 1 or not any(before.says(cue) for cue in ("gap_word", "unspent")):
        return False
    own = set(part.subjects) | {s for group in part.ambiguous for s in group}
    other_project = bool(set(part.projects) - set(before.projects))
    return not own and not other_project and part.says("share_word") and not part.aggregate


def pair_gap(plan: Plan) -> bool:
    """The whole question asks the gap of two things named and which is ahead ("A和B哪个多？差多少"), or the
    staff who joined and left with their net change: one difference answers every ask; split, the last ask would
    lose the pair."""
    two = len(plan.subjects) == 2 and not plan.projects and not plan.ambiguous
    return two and plan.operation == "difference" and (plan.says("which_way") or plan.says("staff_change"))


def _works_out_budget(plan: Plan) -> bool:
    """The ask works a budget back from a rate: its own step, or asked of what an earlier ask found."""
    return any(s.op is Op.BUDGET for s in plan.steps) or (plan.found >= 0 and plan.asks("budget_word"))


def _both_extremes(plan: Plan) -> bool:
    """ "最高的和最低的分别是谁": one ranking asked from both ends."""
    return plan.aggregate in ("max", "min") and plan.rank <= 1 and plan.says("max") and plan.says("min")


def _asks_gap(part: Plan, before: Plan) -> bool:
    own = set(part.subjects) | {s for group in part.ambiguous for s in group}
    names_more = bool(part.projects or own - set(before.named))
    return not names_more and part.intent != "reason" and any(part.says(cue) for cue in GAP_CUES)


def share_of_sums(parts: Sequence[Plan]) -> tuple[Plan, ...]:
    """ "A和B加起来多少？占X的比例是多少？": the share asked right after a sum of the same subjects is the sum's
    share (the ask is read as a sum asked as a share), never each part's own."""
    out: list[Plan] = []
    for part in parts:
        before = out[-1] if out else None
        summed = before is not None and before.operation == "sum" and len(before.subjects) >= 2
        if summed and part.measure == "占比" and part.whole and part.subjects == before.subjects:  # type: ignore[union-attr]
            part = part.with_(operation="sum")
            part = part.with_(steps=share_of_sum_steps(part))
        out.append(part)
    return tuple(out)


def share_of_sum_steps(plan: Plan) -> tuple[Step, ...]:
    """A lookup of each subject, their sum, then the sum ÷ the whole named (`Plan.whole`)."""
    lookups = [Step(Op.LOOKUP, (Target("fact", s, "决算数", plan.year),)) for s in plan.subjects]
    summed = Step(Op.SUM, inputs=tuple(range(len(lookups))))
    whole = Target("fact", plan.whole, "决算数", plan.year)
    return (*lookups, summed, Step(Op.SHARE, (whole,), inputs=(len(lookups),)))


def numbered(parts: Sequence[Plan]) -> tuple[Plan, ...]:
    """The parts with their steps numbered in one sequence: each step knows its part, a step's inputs point
    into the whole sequence, and a part about what an earlier part found reads that part's last step."""
    out: list[Plan] = []
    offset = 0
    last: list[int] = []  # each part's last step, in the whole sequence
    for i, part in enumerate(parts):
        steps: list[Step] = []
        for step in part.steps:
            inputs = tuple(offset + k for k in step.inputs)
            targets = step.targets
            if part.found >= 0 and any(t.kind == "found" for t in targets):
                inputs = (last[part.found],)
            steps.append(replace(step, inputs=inputs, targets=targets, part=i))
        offset += len(steps)
        last.append(offset - 1 if steps else (last[-1] if last else -1))
        out.append(part.with_(steps=tuple(steps)))
    return tuple(out)
