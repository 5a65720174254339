"""A figure checked against itself across the report ("基本支出前后一致吗", "一处写A、另一处写B，到底是哪个"): one
name, and words that ask whether it is printed the same everywhere (agree_asked, twice_said in cues.toml)."""

from __future__ import annotations

from assistant.understand.plan import Plan


def stated_twice(plan: Plan) -> bool:
    """One name, no project, asked whether its figure is printed alike in the report's places."""
    named = plan.subjects or tuple(s for group in plan.ambiguous for s in group)
    if plan.projects or plan.collection or plan.whole or len(set(named)) != 1:
        return False
    return plan.says("twice_said") or (plan.says("agree_asked") and plan.says("twice_place"))
