"""The 项目支出绩效自评表 of a body's reports: its projects, their budgets, indicators and scores per year.

A body keeps its projects (same code, name, leader and indicator targets) from year to year; a year's report
shows the ones running that year. Scores follow the template: an indicator met earns its weight, one missed
earns weight × (achieved ÷ target) and states why; the 预算执行 row earns 10 × 执行率; the 自评得分 is the sum.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from benchmarks.synthetic.bodies import LAST_YEAR, SERIES_START, Body
from benchmarks.synthetic.figures import HUNDRED, ZERO, factor, money, percent, q2
from benchmarks.synthetic.vocabulary import IndicatorTemplate, ProjectKind, Topic, load_vocabulary

D = Decimal
BUDGET_WEIGHT = D(10)
RATE_FLOOR = D(90)  # below it the template asks for a reason
RATE_NOTE = (
    "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到 90%的需说明原因（100字以内）;"
    "2.年中发生预算调整的（追加或调减）,应单独说明理由；3.其他资金包括：社会投入资金、银行贷款."
)


@dataclass(frozen=True)
class IndicatorResult:
    level1: str
    level2: str
    name: str
    comparator: str
    target: str
    unit: str
    actual: str
    weight: Decimal
    score: Decimal
    reason: str = ""


@dataclass(frozen=True)
class ProjectYear:
    code: str
    name: str
    topic: str
    kind: str
    initial: Decimal  # 年初预算
    adjusted: Decimal  # 调整后预算数 (全年预算)
    executed: Decimal  # 预算执行数
    indicators: tuple[IndicatorResult, ...]
    leader: str
    budget_reason: str  # the 原因 cell of the 预算执行 rows

    @property
    def rate(self) -> Decimal:
        return percent(self.executed, self.adjusted)

    @property
    def budget_score(self) -> Decimal:
        return q2(BUDGET_WEIGHT * min(self.rate, HUNDRED) / HUNDRED)

    @property
    def score(self) -> Decimal:
        """自评得分 = indicator scores + 10 × 执行率 (the exact sum, rounded once)."""
        indicators = sum((row.score for row in self.indicators), ZERO)
        return q2(indicators + BUDGET_WEIGHT * min(self.rate, HUNDRED) / HUNDRED)

    @property
    def shortfalls(self) -> list[IndicatorResult]:
        return [row for row in self.indicators if row.score < row.weight]


@dataclass(frozen=True)
class _Project:
    code: str
    name: str
    topic: Topic
    leader: str
    first: int
    last: int
    budget: Decimal
    targets: tuple[Decimal | str, ...]


def person(rng: random.Random) -> str:
    people = load_vocabulary().people
    return rng.choice(people["surnames"]) + rng.choice(people["given"])


def _target(template: IndicatorTemplate, rng: random.Random) -> Decimal | str:
    if isinstance(template.target, str):
        return template.target
    low, high = template.target
    return D(rng.randint(int(low), int(high)))


def project_pool(body: Body, seed: int) -> list[_Project]:
    """Every project the body runs between 2018 and 2024, in code order."""
    vocabulary = load_vocabulary()
    rng = random.Random(f"{seed}:projects:{body.index}")
    serial = rng.randint(100000, 999999) * 100
    scale = {"省": 400, "市": 200, "区": 90}[body.place.level]
    pool = []
    for k, topic in enumerate(body.agency.topics):
        first = SERIES_START if k < 4 else rng.randint(SERIES_START, LAST_YEAR - 1)
        last = LAST_YEAR if rng.random() < 0.7 else rng.randint(first + 1, LAST_YEAR)
        name = (body.project_prefix if rng.random() < 0.5 else "") + topic.name
        kind = vocabulary.project_kinds[topic.kind]
        pool.append(
            _Project(
                code=f"{body.place.code}{first % 100:02d}T{serial + k + 1:012d}",
                name=name,
                topic=topic,
                leader=person(rng),
                first=first,
                last=last,
                budget=money(rng, scale * 0.1, scale),
                targets=tuple(_target(row, rng) for row in kind.indicators),
            )
        )
    return pool


def projects_of_year(body: Body, seed: int, year: int, pool: list[_Project]) -> list[ProjectYear]:
    """The 自评表 a year's report prints: 3–5 of the projects running that year."""
    rng = random.Random(f"{seed}:selfeval:{body.index}:{year}")
    running = [p for p in pool if p.first <= year <= p.last] or pool[:3]
    chosen = sorted(rng.sample(running, min(len(running), rng.randint(3, 5))), key=lambda p: p.code)
    return [_project_year(project, body, year, rng) for project in chosen]


def _project_year(project: _Project, body: Body, year: int, rng: random.Random) -> ProjectYear:
    reasons = load_vocabulary().reasons
    kind = load_vocabulary().project_kinds[project.topic.kind]
    adjusted = max(D(1), q2(project.budget * factor(rng, 0.8, 1.2)))
    draw = rng.random()
    if draw < 0.7:
        initial = adjusted
    elif draw < 0.85:
        initial = D("0.00")  # added during the year
    else:
        initial = q2(adjusted * factor(rng, 0.8, 1.2))
    executed = adjusted if rng.random() < 0.65 else q2(adjusted * factor(rng, 0.8, 0.995))
    rate = percent(executed, adjusted)
    budget_reason = rng.choice(reasons["budget_short"]) if rate < RATE_FLOOR else RATE_NOTE
    rows = tuple(
        _indicator(template, target, adjusted, executed, rate, budget_reason, rng)
        for template, target in zip(kind.indicators, project.targets, strict=True)
    )
    return ProjectYear(
        code=project.code,
        name=project.name,
        topic=project.topic.name,
        kind=kind.key,
        initial=initial,
        adjusted=adjusted,
        executed=executed,
        indicators=rows,
        leader=project.leader,
        budget_reason=budget_reason,
    )


def _fmt(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _indicator(
    template: IndicatorTemplate,
    target: Decimal | str,
    adjusted: Decimal,
    executed: Decimal,
    rate: Decimal,
    budget_reason: str,
    rng: random.Random,
) -> IndicatorResult:
    weight = D(template.weight)

    def row(target_text: str, actual: str, score: Decimal = weight, reason: str = "") -> IndicatorResult:
        return IndicatorResult(
            template.level1,
            template.level2,
            template.name,
            template.comparator,
            target_text,
            template.unit,
            actual,
            weight,
            score,
            reason,
        )

    if isinstance(target, str):  # 定性
        return row(target, target)
    if template.source == "budget":
        return row(f"{adjusted:.2f}", f"{executed:.2f}")
    if template.source == "rate":
        if rate >= target:
            return row(str(target), f"{rate:.2f}")
        return row(str(target), f"{rate:.2f}", q2(weight * rate / target), budget_reason)
    places = template.decimals
    cap = D(str(template.cap)) if template.cap is not None else None
    missed = rng.random() < 0.12 and target >= 3
    if template.comparator == "≤":
        if missed:
            actual = q2(target * factor(rng, 1.1, 1.5)).quantize(D(1) if not places else D("0.01"))
            return row(str(target), _fmt(actual, places), q2(weight * target / actual), _short(rng))
        actual = max(D(1), (target * factor(rng, 0.5, 1.0)).quantize(D(1)))
        return row(str(target), _fmt(min(actual, target), places))
    if missed:
        actual = (target * factor(rng, 0.8, 0.97)).quantize(D(10) ** -places)
        return row(str(target), _fmt(actual, places), q2(weight * actual / target), _short(rng))
    if template.comparator == "＝":
        return row(str(target), _fmt(target, places))
    actual = (target * factor(rng, 1.0, 1.25)).quantize(D(10) ** -places)
    if cap is not None:
        actual = min(actual, cap)
    return row(str(target), _fmt(max(actual, target), places))


def _short(rng: random.Random) -> str:
    return rng.choice(load_vocabulary().reasons["indicator_short"])


def project_kind(project: ProjectYear) -> ProjectKind:
    return load_vocabulary().project_kinds[project.kind]
