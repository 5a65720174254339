"""Suggested next questions after an answer: the same subject's change, reason and share, a project's other
fields, the next item of a ranking.

A small function over the Answer JSON: it reads the typed plan (`plan.steps[].op/targets`) when the answer
carries one, and otherwise the figures the answer cites (the checks' facts and the facts inside the cited
quotes) and the project tables it cites. Wording lives in `ui/data/suggestions.toml`. Each suggestion can be
tried on the assistant first (`ask`), so people are only offered questions that get a real, checked answer.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from corpus import Fact, Report

TEMPLATES = Path(__file__).resolve().parent / "data" / "suggestions.toml"
QUOTES = re.compile(r"[“”\"'‘’「」]")
ORDINAL_IN_TEXT = re.compile(r"第([一二三四五六七八九十])")
NAME_KEYS = ("subject", "name", "project", "entry", "label", "title")
FIELD_KEYS = ("field", "measure")


@dataclass(frozen=True)
class Suggestion:
    question: str
    cues: tuple[str, ...]  # the suggestion's own answer must contain one of these


@cache
def templates() -> dict[str, Any]:
    return tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    return QUOTES.sub("", text)


# ------------------------------------------------------------------------------------------- plan


def plan_steps(answer: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    plan = answer.get("plan")
    steps = plan.get("steps") if isinstance(plan, Mapping) else None
    return [s for s in steps or [] if isinstance(s, Mapping)]


def _target_value(target: Any, keys: Iterable[str]) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, Mapping):
        for key in keys:
            value = target.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _is_project(target: Any) -> bool:
    return isinstance(target, Mapping) and (target.get("kind") == "project" or bool(target.get("project")))


# ------------------------------------------------------------------------------------------- candidates


def candidates(answer: Mapping[str, Any], report: Report | None = None) -> list[Suggestion]:
    """Every suggestion worth trying, best first (not yet checked against the assistant)."""
    if answer.get("status") != "answered":
        return []
    text = _plain(str(answer.get("answer", "")))
    steps = plan_steps(answer)
    out: list[Suggestion] = []
    ranking = _ranking_from_plan(steps) if steps else _ranking_from_checks(answer, text)
    if ranking:
        out.append(ranking)
    projects = _projects_from_plan(steps) if steps else _projects_cited(answer, report)
    for project in projects[:1]:
        out.extend(_project_suggestions(project, text))
    subjects = _subjects_from_plan(steps, report) if steps else _subjects_cited(answer, report, text)
    asked = {templates()["ops"].get(str(s.get("op")), "") for s in steps}
    for subject, parent in subjects[:2]:
        out.extend(_figure_suggestions(subject, parent, text, asked))
    seen: set[str] = set()
    return [s for s in out if not (s.question in seen or seen.add(s.question))]


def _figure_suggestions(subject: str, parent: str, text: str, asked: set[str]) -> list[Suggestion]:
    figure = templates()["figure"]
    out = []
    for kind in figure["kinds"]:
        spec = figure[kind]
        if kind in asked or any(word in text for word in spec.get("told", [])):
            continue
        if kind == "amount" and re.search(re.escape(subject) + r"[^。；\d]{0,8}\d", text):
            continue  # the answer already states the figure
        if "{parent}" in spec["template"] and not parent:
            continue
        out.append(Suggestion(spec["template"].format(subject=subject, parent=parent), tuple(spec["cues"])))
    return out


def _project_suggestions(project: str, text: str) -> list[Suggestion]:
    spec = templates()["project"]
    return [
        Suggestion(spec[kind]["template"].format(project=project), tuple(spec[kind]["cues"]))
        for kind in spec["kinds"]
        if not any(cue in text for cue in spec[kind]["cues"])
    ]


def _ranking(field: str, direction: str, current: int) -> Suggestion | None:
    spec = templates()["ranking"]
    ordinals = spec["ordinals"]
    if not field or direction not in ("max", "min") or current >= len(ordinals):
        return None
    return Suggestion(spec[direction].format(field=field, ordinal=ordinals[current]), tuple(spec["cues"]))


def _ranking_from_plan(steps: list[Mapping[str, Any]]) -> Suggestion | None:
    for step in steps:
        op = str(step.get("op", ""))
        if op not in ("max", "min", "nth"):
            continue
        field = next((_target_value(t, FIELD_KEYS) for t in step.get("targets") or [] if isinstance(t, Mapping)), "")
        field = field or str(step.get("field") or step.get("measure") or "")
        order = str(step.get("order") or step.get("direction") or "")
        direction = op if op != "nth" else ("min" if order in ("asc", "min", "低") else "max")
        try:
            current = int(step.get("n") or step.get("index") or 1)
        except (TypeError, ValueError):
            current = 1
        return _ranking(field, direction, current)
    return None


def _ranking_from_checks(answer: Mapping[str, Any], text: str) -> Suggestion | None:
    for check in answer.get("checks") or []:
        expression = str(check.get("expression", ""))
        match = re.match(r"\s*(min|max)\(", expression)
        if not match:
            continue
        ids = [str(i) for i in check.get("fact_ids") or []]
        field = ids[0].rsplit(":", 1)[-1] if ids and ":" in ids[0] else ""
        ordinal = ORDINAL_IN_TEXT.search(text)
        ordinals = templates()["ranking"]["ordinals"]
        current = ordinals.index("第" + ordinal.group(1)) + 1 if ordinal else 1
        return _ranking(field, match.group(1), current)
    return None


def _projects_from_plan(steps: list[Mapping[str, Any]]) -> list[str]:
    names = [_target_value(t, ("project", "name")) for s in steps for t in s.get("targets") or [] if _is_project(t)]
    return list(dict.fromkeys(n for n in names if n))


def _projects_cited(answer: Mapping[str, Any], report: Report | None) -> list[str]:
    if report is None:
        return []
    by_section = {p.section_id: p.name for p in report.projects if p.name}
    names = []
    for citation in answer.get("citations") or []:
        section_id = str(citation.get("section_id", ""))
        for sid, name in by_section.items():
            if section_id == sid or section_id.startswith(sid + "."):
                names.append(name)
    return list(dict.fromkeys(names))


def _subjects_from_plan(steps: list[Mapping[str, Any]], report: Report | None) -> list[tuple[str, str]]:
    parents = _parents(report)
    names = [_target_value(t, NAME_KEYS) for s in steps for t in s.get("targets") or [] if not _is_project(t)]
    return [(n, parents.get(n, "")) for n in dict.fromkeys(n for n in names if n)]


def _parents(report: Report | None) -> dict[str, str]:
    if report is None:
        return {}
    parents: dict[str, str] = {}
    for fact in report.facts:
        if fact.parent and fact.subject not in parents:
            parents[fact.subject] = fact.parent
    return parents


def _subjects_cited(answer: Mapping[str, Any], report: Report | None, text: str) -> list[tuple[str, str]]:
    """The figures the answer is about, in the order the answer names them."""
    if report is None:
        return []
    ids = {str(i) for c in answer.get("checks") or [] for i in c.get("fact_ids") or []}
    quotes = [str(c.get("quote", "")) for c in answer.get("citations") or []]
    facts: list[Fact] = [f for f in report.facts if f.id in ids or any(f.quote and f.quote in q for q in quotes)]
    parents = _parents(report)
    found: dict[str, int] = {}
    for fact in facts:
        subject = _plain(fact.subject)
        if fact.unit in ("万元", "元", "亿元") and subject in text and subject not in found:
            found[subject] = text.index(subject)
    ordered = sorted(found, key=lambda s: (found[s], -len(s)))
    # A name inside a longer one that is also named ("公务接待费" in "国内公务接待费") is the same mention.
    kept = [s for s in ordered if not any(s != o and s in o and found[o] <= found[s] for o in ordered)]
    return [(s, _plain(parents.get(s, ""))) for s in kept]


# ------------------------------------------------------------------------------------------- checked


def answers_well(result: Mapping[str, Any], suggestion: Suggestion, current: Mapping[str, Any]) -> bool:
    """The suggestion's own answer is a real one: answered, every number checked, on topic, not a repeat."""
    if result.get("status") != "answered" or not result.get("citations"):
        return False
    if any(not n.get("verified") for n in result.get("numbers") or []):
        return False
    text = str(result.get("answer", ""))
    return text != current.get("answer") and any(cue in text for cue in suggestion.cues)


def suggest_next(
    answer: Mapping[str, Any],
    report: Report | None = None,
    ask: Callable[[str], Mapping[str, Any]] | None = None,
    question: str = "",
    limit: int = 3,
) -> list[str]:
    """Up to `limit` next questions; with `ask` (question → Answer JSON) only those that get a good answer."""
    out: list[str] = []
    for suggestion in candidates(answer, report):
        if len(out) >= limit:
            break
        if suggestion.question == question.strip():
            continue
        if ask is not None and not answers_well(ask(suggestion.question), suggestion, answer):
            continue
        out.append(suggestion.question)
    return out


__all__ = ["Suggestion", "answers_well", "candidates", "suggest_next"]
