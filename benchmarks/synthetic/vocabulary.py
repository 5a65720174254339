"""Typed access to `vocabulary.toml`: the places, agencies, 类/款/项, projects and wording of synthetic reports.

The words are data (one TOML file) so a new agency or project kind is an edit there, not here; this module only
reads them once and checks the invariants the figures rely on (indicator weights sum to 90, known classes).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).with_name("vocabulary.toml")
INDICATOR_WEIGHT = 90  # the 预算执行 row of a 自评表 carries the other 10 points


@dataclass(frozen=True)
class Place:
    name: str  # 青岚市锦屏区
    key: str  # ASCII, used in file names
    level: str  # 省 / 市 / 区
    code: str  # 6-digit region code (99…: no real region)


@dataclass(frozen=True)
class IndicatorTemplate:
    level1: str
    level2: str
    name: str
    comparator: str  # ≥ ≤ ＝ 定性
    target: tuple[float, float] | str  # range of a figure, or the word of a 定性 row
    unit: str
    weight: int
    decimals: int = 0
    cap: float | None = None  # an actual never exceeds it (percentages)
    source: str = ""  # "budget" (项目支出 vs 全年预算) or "rate" (资金执行率)


@dataclass(frozen=True)
class ProjectKind:
    key: str
    goal: str
    result: str
    content: str
    conclusion: str
    indicators: tuple[IndicatorTemplate, ...]


@dataclass(frozen=True)
class Topic:
    name: str
    kind: str


@dataclass(frozen=True)
class Agency:
    key: str
    names: dict[str, str]  # level -> 教育厅 / 教育局
    unit: str  # 行政 / 事业
    kinds: tuple[str, ...]  # 单位决算 / 部门决算, drawn per body (repeats weight the draw)
    klass: str  # 类 of its own spending
    kuan: str
    project_items: tuple[str, ...]
    sections: tuple[str, ...]
    subordinates: tuple[str, ...]
    duties: tuple[str, ...]
    procurement_use: str
    car_use: str
    topics: tuple[Topic, ...]

    @property
    def running_item(self) -> str:
        return "事业运行" if self.unit == "事业" else "行政运行"


@dataclass(frozen=True)
class PersonnelItem:
    path: str
    klass: str
    share: tuple[float, float]
    role: str  # pension / annuity / insurance / medical / housing / training
    optional: bool = False
    unit: str = ""  # "" = every body


@dataclass(frozen=True)
class Vocabulary:
    raw: dict[str, Any]
    places: tuple[Place, ...]
    agencies: tuple[Agency, ...]
    classes: dict[str, tuple[int, str]]  # 类 -> (code, total name)
    personnel_items: tuple[PersonnelItem, ...]
    project_kinds: dict[str, ProjectKind]

    @property
    def marker(self) -> dict[str, str]:
        return self.raw["marker"]

    @property
    def reasons(self) -> dict[str, Any]:
        return self.raw["reasons"]

    @property
    def people(self) -> dict[str, list[str]]:
        return self.raw["people"]

    @property
    def terms(self) -> dict[str, Any]:
        return self.raw["terms"]

    def level(self, level: str) -> dict[str, str]:
        return self.raw["levels"][level]


def _indicator(data: dict[str, Any]) -> IndicatorTemplate:
    target = data.get("target", [0, 0])
    return IndicatorTemplate(
        level1=data["l1"],
        level2=data["l2"],
        name=data["name"],
        comparator=data["cmp"],
        target=target if isinstance(target, str) else (float(target[0]), float(target[1])),
        unit=data["unit"],
        weight=int(data["weight"]),
        decimals=int(data.get("decimals", 0)),
        cap=data.get("cap"),
        source=data.get("source", ""),
    )


def _agency(data: dict[str, Any]) -> Agency:
    return Agency(
        key=data["key"],
        names=dict(data["names"]),
        unit=data["unit"],
        kinds=tuple(data["kinds"]),
        klass=data["class"],
        kuan=data["kuan"],
        project_items=tuple(data["project_items"]),
        sections=tuple(data["sections"]),
        subordinates=tuple(data["subordinates"]),
        duties=tuple(data["duties"]),
        procurement_use=data["procurement_use"],
        car_use=data["car_use"],
        topics=tuple(Topic(t["name"], t["kind"]) for t in data["topics"]),
    )


@cache
def load_vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    """Read and check the vocabulary once per process."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    kinds = {
        key: ProjectKind(
            key=key,
            goal=data["goal"],
            result=data["result"],
            content=data["content"],
            conclusion=data["conclusion"],
            indicators=tuple(_indicator(row) for row in data["indicators"]),
        )
        for key, data in raw["project_kinds"].items()
    }
    vocabulary = Vocabulary(
        raw=raw,
        places=tuple(Place(**place) for place in raw["places"]),
        agencies=tuple(_agency(agency) for agency in raw["agencies"]),
        classes={name: (int(v["code"]), v["total"]) for name, v in raw["classes"].items()},
        personnel_items=tuple(
            PersonnelItem(
                path=item["path"],
                klass=item["class"],
                share=(float(item["share"][0]), float(item["share"][1])),
                role=item["role"],
                optional=bool(item.get("optional", False)),
                unit=item.get("unit", ""),
            )
            for item in raw["personnel_items"]
        ),
        project_kinds=kinds,
    )
    _check(vocabulary)
    return vocabulary


def _check(vocabulary: Vocabulary) -> None:
    for kind in vocabulary.project_kinds.values():
        total = sum(row.weight for row in kind.indicators)
        if total != INDICATOR_WEIGHT:
            raise ValueError(f"project kind {kind.key}: indicator weights sum to {total}, not {INDICATOR_WEIGHT}")
    for agency in vocabulary.agencies:
        if agency.klass not in vocabulary.classes:
            raise ValueError(f"agency {agency.key}: unknown class {agency.klass}")
        for topic in agency.topics:
            if topic.kind not in vocabulary.project_kinds:
                raise ValueError(f"agency {agency.key}: unknown project kind {topic.kind}")
    for item in vocabulary.personnel_items:
        if item.klass not in vocabulary.classes:
            raise ValueError(f"personnel item {item.path}: unknown class {item.klass}")
    keys = [place.key for place in vocabulary.places]
    if len(set(keys)) != len(keys):
        raise ValueError("place keys must be unique")
