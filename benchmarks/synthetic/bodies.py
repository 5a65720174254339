"""The bodies of a synthetic library: invented places × agencies, each with its kind of report and its years.

Body i of a seed is the same whatever the library's size, so a library of 200 reports contains the library of 20
(the first bodies, the same years, byte for byte): tests and benchmarks can grow a library without changing it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.synthetic.vocabulary import Agency, Place, Vocabulary, load_vocabulary

FIRST_YEAR = 2019
LAST_YEAR = 2024
SERIES_START = FIRST_YEAR - 1  # the prior year of the first report is simulated too


class SyntheticError(ValueError):
    """A request the generator cannot satisfy; the message is for people (Chinese)."""


@dataclass(frozen=True)
class Body:
    index: int
    place: Place
    agency: Agency
    kind: str  # 单位决算 / 部门决算
    years: tuple[int, ...]  # the years whose reports the library holds

    @property
    def name(self) -> str:
        """As the title prints it: 青岚市锦屏区教育局."""
        return self.place.name + self.agency.names[self.place.level]

    @property
    def short(self) -> str:
        """As the report names itself in its prose: 区教育局."""
        return self.place.level + self.agency.names[self.place.level]

    @property
    def key(self) -> str:
        """ASCII, for file names: qinglan-jinping_education."""
        return f"{self.place.key}_{self.agency.key}"

    @property
    def self_word(self) -> str:
        return "本部门" if self.kind == "部门决算" else "本单位"

    @property
    def project_prefix(self) -> str:
        """Place words a project name may start with: 锦屏区 for a district, else the whole place name."""
        name = self.place.name
        return name.split("市", 1)[1] if self.place.level == "区" and "市" in name else name


def capacity(vocabulary: Vocabulary | None = None) -> int:
    vocabulary = vocabulary or load_vocabulary()
    return len(vocabulary.places) * len(vocabulary.agencies)


def _pool(seed: int, vocabulary: Vocabulary) -> list[tuple[Place, Agency]]:
    pairs = [(place, agency) for place in vocabulary.places for agency in vocabulary.agencies]
    random.Random(f"{seed}:pool").shuffle(pairs)
    return pairs


def make_body(seed: int, index: int, years_per_body: int) -> Body:
    """Body `index` of a seed, holding `years_per_body` consecutive years between 2019 and 2024."""
    vocabulary = load_vocabulary()
    if not 1 <= years_per_body <= LAST_YEAR - FIRST_YEAR + 1:
        raise SyntheticError(f"每个单位的年份数应在 1 到 {LAST_YEAR - FIRST_YEAR + 1} 之间，收到 {years_per_body}。")
    pool = _pool(seed, vocabulary)
    if not 0 <= index < len(pool):
        raise SyntheticError(f"最多可以生成 {len(pool)} 个不同的单位，收到第 {index + 1} 个。")
    place, agency = pool[index]
    rng = random.Random(f"{seed}:body:{index}")
    kind = rng.choice(agency.kinds)
    last = rng.randint(FIRST_YEAR + years_per_body - 1, LAST_YEAR)
    years = tuple(range(last - years_per_body + 1, last + 1))
    return Body(index, place, agency, kind, years)


def plan_bodies(seed: int, count: int, years_per_body: int) -> list[tuple[Body, int]]:
    """(body, year) of every report of a library of `count` reports, body by body, years ascending."""
    if count < 1:
        raise SyntheticError(f"报告数量至少为 1，收到 {count}。")
    needed = -(-count // years_per_body)
    if needed > capacity():
        raise SyntheticError(
            f"{count} 份报告需要 {needed} 个单位，词表只能组合出 {capacity()} 个；请增加 --years-per-body。"
        )
    plan: list[tuple[Body, int]] = []
    index = 0
    while len(plan) < count:
        body = make_body(seed, index, years_per_body)
        plan.extend((body, year) for year in body.years[: count - len(plan)])
        index += 1
    return plan
