"""The figures of one body over the years: every amount of its reports, consistent within and across years.

A body's series is simulated year by year from 2018 (the prior year of the first report) to 2024, so the 上年
figure a report states is exactly the figure of the previous year's report. Within a year every total is the
sum of its parts by construction (parts are drawn, totals added up, a remainder takes the rounding), and
shares, rates and changes are computed from the printed 2-decimal amounts the way the template states them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.synthetic.bodies import LAST_YEAR, SERIES_START, Body
from benchmarks.synthetic.vocabulary import PersonnelItem, load_vocabulary

D = Decimal
CENT = D("0.01")
HUNDRED = D(100)
ZERO = D(0)
SCALE = {"省": (1500, 6000), "市": (600, 2500), "区": (200, 900)}  # basic spending of the first year (万元)


def q2(value: Decimal | float) -> Decimal:
    return D(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def money(rng: random.Random, low: float, high: float) -> Decimal:
    return D(rng.randint(round(low * 100), round(high * 100))) / 100


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part ÷ whole × 100, rounded half-up to 2 decimals (as the template prints shares and rates)."""
    return q2(part / whole * HUNDRED) if whole else ZERO


def factor(rng: random.Random, low: float, high: float) -> Decimal:
    """A random multiplier with 4 decimals (exact in Decimal, so amounts round the same everywhere)."""
    return D(str(round(rng.uniform(low, high), 4)))


def scaled(rng: random.Random, value: Decimal, low: float, high: float, floor: Decimal = CENT) -> Decimal:
    return max(floor, q2(value * factor(rng, low, high)))


def differs(previous: Decimal, current: Decimal) -> Decimal:
    """A change of exactly zero would print 持平 where the template states a change: nudge it by a cent."""
    return current + CENT if current == previous else current


@dataclass(frozen=True)
class LineItem:
    """One 项 of 五（三）: a 类/款/项 path with its 决算数 and 预算数."""

    path: str
    klass: str
    role: str  # running / project / pension / annuity / insurance / medical / housing / training
    amount: Decimal
    budget: Decimal

    @property
    def rate(self) -> Decimal:
        return percent(self.amount, self.budget)

    @property
    def is_project(self) -> bool:
        return self.role == "project"


@dataclass(frozen=True)
class ThreePublic:
    """三公经费 and its parts; budgets give the 完成预算 rates."""

    abroad: Decimal
    car_purchase: Decimal
    car_running: Decimal
    meals: Decimal
    transport: Decimal
    lodging: Decimal
    batches: int
    visitors: int
    abroad_groups: int
    abroad_people: int
    budget_abroad: Decimal
    budget_car: Decimal
    budget_reception: Decimal
    sedans: int
    buses: int

    @property
    def car(self) -> Decimal:
        return self.car_purchase + self.car_running

    @property
    def reception(self) -> Decimal:
        return self.meals + self.transport + self.lodging

    @property
    def total(self) -> Decimal:
        return self.abroad + self.car + self.reception

    @property
    def budget(self) -> Decimal:
        return self.budget_abroad + self.budget_car + self.budget_reception

    @property
    def cars(self) -> int:
        return self.sedans + self.buses


@dataclass(frozen=True)
class Procurement:
    goods: Decimal
    works: Decimal
    services: Decimal
    sme: Decimal  # 授予中小企业合同金额
    small: Decimal  # 其中授予小微企业合同金额

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(frozen=True)
class YearFigures:
    year: int
    items: tuple[LineItem, ...]  # every 一般公共预算 项 (basic ones first, then project ones)
    personnel_cost: Decimal  # 人员经费 of the 一般公共预算财政拨款基本支出
    other_income: Decimal  # 其他收入 (0: all income is 财政拨款)
    other_basic: Decimal  # the part of 其他收入 spent as basic spending
    three_public: ThreePublic
    procurement: Procurement
    vehicles: tuple[int, int, int]  # 主要领导干部用车, 机要通信用车, 应急保障用车
    devices: int  # 单价 100 万元以上设备
    staff_new: int
    staff_retired: int

    @property
    def fiscal(self) -> Decimal:
        """一般公共预算财政拨款收入 = 支出 = 财政拨款收支总计 (no 政府性基金 or 国有资本经营 money)."""
        return sum((item.amount for item in self.items), ZERO)

    @property
    def fiscal_budget(self) -> Decimal:
        return sum((item.budget for item in self.items), ZERO)

    @property
    def basic_fiscal(self) -> Decimal:
        return sum((item.amount for item in self.items if not item.is_project), ZERO)

    @property
    def project_fiscal(self) -> Decimal:
        return self.fiscal - self.basic_fiscal

    @property
    def public_cost(self) -> Decimal:
        """公用经费 (and the 机关运行经费 of a 行政 body)."""
        return self.basic_fiscal - self.personnel_cost

    @property
    def total(self) -> Decimal:
        """收支总计 = 本年收入合计 = 本年支出合计."""
        return self.fiscal + self.other_income

    @property
    def basic(self) -> Decimal:
        return self.basic_fiscal + self.other_basic

    @property
    def project(self) -> Decimal:
        return self.total - self.basic

    def classes(self) -> list[tuple[str, Decimal]]:
        """(类, amount) in the national classification's order."""
        order = load_vocabulary().classes
        sums: dict[str, Decimal] = {}
        for item in self.items:
            sums[item.klass] = sums.get(item.klass, ZERO) + item.amount
        return sorted(sums.items(), key=lambda pair: order[pair[0]][0])


@dataclass(frozen=True)
class _Profile:
    """What stays fixed for a body: its scale, its 项, its habits."""

    basic: Decimal
    project_ratio: float
    personnel: tuple[tuple[PersonnelItem, float], ...]
    project_split: float
    personnel_share: float
    other_income: float  # share of income that is not 财政拨款 (0: none)
    abroad: bool
    lodging: bool
    car_running: Decimal
    reception: Decimal
    sedans: int
    buses: int
    devices: int


def _profile(body: Body, rng: random.Random) -> _Profile:
    vocabulary = load_vocabulary()
    low, high = SCALE[body.place.level]
    personnel = tuple(
        (item, rng.uniform(*item.share))
        for item in vocabulary.personnel_items
        if (not item.unit or item.unit == body.agency.unit) and (not item.optional or rng.random() < 0.6)
    )
    cars = rng.randint(2, 6)
    buses = rng.randint(0, min(2, cars - 1))
    return _Profile(
        basic=money(rng, low, high),
        project_ratio=rng.uniform(0.3, 2.5),
        personnel=personnel,
        project_split=rng.uniform(0.6, 0.85),
        personnel_share=rng.uniform(0.65, 0.85),
        other_income=rng.uniform(0.01, 0.06) if rng.random() < 0.35 else 0.0,
        abroad=rng.random() < (0.4 if body.place.level == "省" else 0.15),
        lodging=rng.random() < 0.3,
        car_running=money(rng, 3, 30),
        reception=money(rng, 0.5, 8),
        sedans=cars - buses,
        buses=buses,
        devices=rng.randint(0, 4),
    )


def _items(body: Body, profile: _Profile, basic: Decimal, project: Decimal, rng: random.Random) -> list[LineItem]:
    agency = body.agency
    kuan = f"{agency.klass}（类）{agency.kuan}（款）"
    drawn: list[tuple[str, str, str, Decimal]] = []
    for item, share in profile.personnel:
        drawn.append((item.path, item.klass, item.role, scaled(rng, basic * D(str(share)), 0.97, 1.03)))
    running = basic - sum((amount for *_, amount in drawn), ZERO)
    drawn.insert(0, (f"{kuan}{agency.running_item}（项）", agency.klass, "running", running))
    names = agency.project_items[: 1 if rng.random() < 0.4 else 2]
    first = q2(project * D(str(round(profile.project_split, 4)))) if len(names) == 2 else project
    for name, amount in zip(names, (first, project - first), strict=False):
        drawn.append((f"{kuan}{name}（项）", agency.klass, "project", amount))
    items = []
    for path, klass, role, amount in drawn:
        if role in ("pension", "housing") and rng.random() < 0.6:
            rate = 1.0
        elif role == "project":
            rate = rng.uniform(0.82, 1.0) if rng.random() < 0.8 else 1.0
        else:
            rate = rng.uniform(0.88, 1.0)
        budget = q2(amount / D(str(round(rate, 4))))
        if percent(amount, budget) == HUNDRED:
            budget = amount  # a printed 100% means no shortfall to explain
        items.append(LineItem(path, klass, role, amount, budget))
    return items


def _three_public(profile: _Profile, previous: ThreePublic | None, rng: random.Random) -> ThreePublic:
    abroad = money(rng, 3, 25) if profile.abroad else ZERO
    car_running = scaled(rng, profile.car_running, 0.7, 1.35, floor=D("0.5"))
    car_purchase = money(rng, 15, 30) if rng.random() < 0.12 else ZERO
    reception = scaled(rng, profile.reception, 0.5, 1.6, floor=D("0.3"))
    if previous is not None:
        car_running = differs(previous.car_running, car_running)
        reception = differs(previous.reception, reception)
        abroad = differs(previous.abroad, abroad) if abroad else ZERO
    lodging = q2(reception * factor(rng, 0.05, 0.15)) if profile.lodging else ZERO
    meals = q2((reception - lodging) * factor(rng, 0.7, 0.85))
    transport = reception - lodging - meals
    batches = max(1, round(float(reception) * rng.uniform(2, 5)))
    groups = rng.randint(1, 3) if abroad else 0

    def budget(amount: Decimal, low: float, high: float) -> Decimal:
        return q2(amount / factor(rng, low, high)) if amount else ZERO

    return ThreePublic(
        abroad=abroad,
        car_purchase=car_purchase,
        car_running=car_running,
        meals=meals,
        transport=transport,
        lodging=lodging,
        batches=batches,
        visitors=batches * rng.randint(5, 12),
        abroad_groups=groups,
        abroad_people=groups * rng.randint(2, 5),
        budget_abroad=budget(abroad, 0.6, 1.0),
        budget_car=budget(car_purchase + car_running, 0.6, 1.0),
        budget_reception=budget(reception, 0.2, 0.9),
        sedans=profile.sedans,
        buses=profile.buses,
    )


def _procurement(total: Decimal, rng: random.Random) -> Procurement:
    whole = scaled(rng, total, 0.25, 0.7)
    goods = q2(whole * factor(rng, 0.0, 0.3))
    works = q2(whole * factor(rng, 0.0, 0.2)) if rng.random() < 0.3 else ZERO
    sme = q2(whole * factor(rng, 0.3, 0.8))
    small = q2(sme * factor(rng, 0.4, 0.95))
    return Procurement(goods, works, whole - goods - works, sme, small)


def simulate(body: Body, seed: int) -> dict[int, YearFigures]:
    """Every year of the body from 2018 to 2024; reports print a year and state the one before it."""
    rng = random.Random(f"{seed}:figures:{body.index}")
    profile = _profile(body, rng)
    basic = profile.basic
    project = q2(basic * D(str(round(profile.project_ratio, 4))))
    series: dict[int, YearFigures] = {}
    previous: YearFigures | None = None
    for year in range(SERIES_START, LAST_YEAR + 1):
        if previous is not None:
            basic = scaled(rng, basic, 0.96, 1.08)
            project = scaled(rng, project, 0.75, 1.3)
        items = _items(body, profile, basic, project, rng)
        fiscal = sum((item.amount for item in items), ZERO)
        if previous is not None and fiscal == previous.fiscal:
            project += CENT
            items = _items(body, profile, basic, project, rng)
            fiscal = sum((item.amount for item in items), ZERO)
        other = q2(fiscal * D(str(round(profile.other_income * rng.uniform(0.8, 1.2), 4))))
        personnel = q2(basic * D(str(round(profile.personnel_share * rng.uniform(0.97, 1.03), 4))))
        vehicles = _vehicles(profile.sedans + profile.buses, rng) if previous is None else previous.vehicles
        figures = YearFigures(
            year=year,
            items=tuple(items),
            personnel_cost=personnel,
            other_income=other,
            other_basic=q2(other * factor(rng, 0.2, 0.6)),
            three_public=_three_public(profile, previous.three_public if previous else None, rng),
            procurement=_procurement(fiscal - basic, rng),
            vehicles=vehicles,
            devices=profile.devices,
            staff_new=rng.randint(1, 8),
            staff_retired=rng.randint(0, 6),
        )
        if previous is not None and figures.public_cost == previous.public_cost:
            figures = replace(figures, personnel_cost=personnel - CENT)
        series[year] = figures
        previous = figures
    return series


def _vehicles(cars: int, rng: random.Random) -> tuple[int, int, int]:
    leader = 1
    confidential = 1 if cars > 2 and rng.random() < 0.5 else 0
    return leader, confidential, cars - leader - confidential


def change(current: Decimal, previous: Decimal) -> tuple[Decimal, Decimal | None]:
    """(增减额, 增减率 %) as a report states them; the rate is None when the prior year is zero."""
    delta = current - previous
    return delta, (percent(delta, previous) if previous else None)
