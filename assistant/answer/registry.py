"""The registry of answerers: one ordered list, chosen from once per question, the choice recorded.

In the manner of llama-index's router query engine (a selector over described candidates, the choice kept):
each `Route` has a name, a `when` that reads the plan, and an `answer`. Routes are tried in order within three
tiers: `scope` (refusals of what the report cannot hold), `answer` (the answerers), `fallback` (the report's
own sentences, then a refusal). A route that applies may still decline (None): the next one is tried, unless
the route is `final`, which ends its tier. The first evidence with something to say is the answer; its route's
name is recorded on the evidence and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.evidence.records import Evidence
from assistant.evidence.units import states_asked_time
from assistant.understand.plan import Plan

log = logging.getLogger(__name__)

TIERS = ("scope", "answer", "fallback")


@dataclass(frozen=True)
class Route:
    name: str
    when: Callable[[Plan], bool]
    answer: Callable[[Plan], Evidence | None]
    final: bool = False  # when it applies and declines, no later route of its tier is tried
    tier: str = "answer"


@dataclass(frozen=True)
class Choice:
    route: str
    tier: str
    evidence: Evidence


class Registry:
    def __init__(self, routes: Sequence[Route]) -> None:
        unknown = {r.tier for r in routes} - set(TIERS)
        if unknown:
            raise ValueError(f"unknown tiers {sorted(unknown)}")
        names = [r.name for r in routes]
        if len(set(names)) != len(names):
            raise ValueError("route names must be unique")
        self.routes = list(routes)

    def names(self) -> list[str]:
        return [r.name for r in self.routes]

    def choose(self, plan: Plan) -> Choice | None:
        """The first route whose answer has something to say, tier by tier.

        In the answer tier an evidence without pieces ends the tier (the fallbacks then answer); a scope or
        fallback route's evidence is the answer as it is."""
        for tier in TIERS:
            for route in (r for r in self.routes if r.tier == tier):
                if not route.when(plan):
                    continue
                evidence = route.answer(plan)
                if evidence is not None and not _agrees_in_time(plan, evidence):
                    log.info("route %s answers no length of time for %r", route.name, plan.text)
                    evidence = None  # a rate is no answer to a wait asked: the next route, else the refusal
                if evidence is not None and (evidence.pieces or tier != "answer"):
                    evidence.route = route.name
                    log.info("route %s (%s) for %r", route.name, tier, plan.text)
                    return Choice(route.name, tier, evidence)
                if evidence is not None or route.final:
                    break
        return None


def _agrees_in_time(plan: Plan, evidence: Evidence) -> bool:
    """An answer to a length of time asked ("排队要等多长时间", "几分钟能办好") states one; any other answer passes."""
    if evidence.status != "answered":
        return True
    return states_asked_time(plan.text, "".join(piece.text for piece in evidence.pieces))
