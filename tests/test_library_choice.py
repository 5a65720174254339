"""Choosing reports from a library's entries alone (no report loaded): body names with their short and everyday
forms, years named or implied, across years and across bodies, the selected report, a pinned body, the
conversation's body, and a question back when it is unclear."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from assistant.library.choose import Chooser
from assistant.library.names import BodyNames, split_name
from index.library_store import LibraryEntry

BODIES = {
    "四川省大数据中心": (2023,),
    "成都市数据资源管理中心": (2022,),
    "遂宁市大数据发展中心": (2023,),
    "松漳市石门区大数据发展中心": (2019, 2020, 2021),
    "南岫省市场监督管理局": (2022, 2023, 2024),
}


def entry(body: str, year: int) -> LibraryEntry:
    rid = f"{year}-{hashlib.sha1(body.encode()).hexdigest()[:8]}"
    return LibraryEntry(rid, body, year, "单位决算", f"{year}年度{body}单位决算", f"{rid}.txt", rid, "text", 100, 10,
                        datetime.now(UTC))  # fmt: skip


@pytest.fixture(scope="module")
def chooser() -> Chooser:
    return Chooser([entry(body, year) for body, years in BODIES.items() for year in years])


def rid(chooser: Chooser, body: str, year: int) -> str:
    return next(e.id for e in chooser.by_body[body] if e.year == year)


def test_names_are_split_into_places_and_agency() -> None:
    assert split_name("松漳市石门区大数据发展中心") == (("松漳市", "石门区"), "大数据发展中心")
    assert split_name("南岫省市场监督管理局") == (("南岫省",), "市场监督管理局")  # 市场 is no place
    names = BodyNames(BODIES)
    assert [m.bodies for m in names.find("省大数据中心有几个处室")] == [("四川省大数据中心",)]
    assert [m.bodies for m in names.find("遂宁大数据中心的三公经费")] == [("遂宁市大数据发展中心",)]
    assert [m.bodies for m in names.find("南岫省市场监管局花了多少")] == [("南岫省市场监督管理局",)]
    assert names.find("中心的三公经费是多少") == []  # 中心 alone names no body
    assert names.find("成都市财政局的三公经费") == []  # shares no distinctive word with a library body


@pytest.mark.parametrize(
    ("question", "body", "year"),
    [
        ("成都市数据局的三公经费", "成都市数据资源管理中心", 2022),
        ("石门区大数据中心2020年的人员经费", "松漳市石门区大数据发展中心", 2020),
        ("南岫省市场监督管理局的基本支出", "南岫省市场监督管理局", 2024),  # no year: the newest
        ("南岫省市场监督管理局2021年的基本支出", "南岫省市场监督管理局", 2022),  # 2022 states 2021 as 上年
    ],
)
def test_a_body_and_year_named_choose_one_report(chooser: Chooser, question: str, body: str, year: int) -> None:
    choice = chooser.choose(question)
    assert choice.mode == "single" and choice.reports[0].id == rid(chooser, body, year)


def test_a_guessed_name_is_written_as_the_report_names_itself(chooser: Chooser) -> None:
    assert chooser.choose("成都市数据局的三公经费").question == "成都市数据资源管理中心的三公经费"
    assert chooser.choose("省大数据中心的三公经费").question == "省大数据中心的三公经费"  # its own short form


def test_the_selection_and_the_conversation(chooser: Chooser) -> None:
    selected = rid(chooser, "南岫省市场监督管理局", 2023)
    assert chooser.choose("三公经费是多少？", selected).reports[0].id == selected
    assert chooser.choose("2022年的三公经费", selected).reports[0].id == rid(chooser, "南岫省市场监督管理局", 2022)
    assert chooser.choose("2030年的三公经费", selected).missing == (2030,)
    history = [
        {"role": "user", "content": "遂宁市大数据发展中心的三公经费是多少"},
        {"role": "assistant", "content": "…"},
    ]
    assert chooser.choose("那公务接待费呢？", history=history).body == "遂宁市大数据发展中心"
    # A name that fits several bodies is the selected one when it is among them; else it is asked back.
    sichuan = rid(chooser, "四川省大数据中心", 2023)
    assert chooser.choose("大数据中心去年花了多少钱", sichuan).reports[0].id == sichuan
    unclear = chooser.choose("大数据中心去年花了多少钱")
    assert unclear.mode == "clarify" and len(unclear.candidates) == 3


def test_nothing_named_nothing_selected_is_asked_back(chooser: Chooser) -> None:
    choice = chooser.choose("三公经费是多少？")
    assert choice.mode == "clarify" and {e.body for e in choice.candidates} == set(BODIES)
    assert all(e.year == max(BODIES[e.body]) for e in choice.candidates)  # each body's newest report


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("三公经费这三年怎么变的", [2022, 2023, 2024]),
        ("近两年的公务接待费", [2023, 2024]),
        ("和2022年决算比，三公经费变了多少", [2022, 2024]),
        ("2022年和2023年的三公经费分别是多少", [2022, 2023]),
        ("历年的人员经费", [2022, 2023, 2024]),
    ],
)
def test_across_years(chooser: Chooser, question: str, years: list[int]) -> None:
    choice = chooser.choose(question, rid(chooser, "南岫省市场监督管理局", 2024))
    assert choice.mode == "years" and [e.year for e in choice.reports] == years


def test_across_years_from_a_bodys_first_report(chooser: Chooser) -> None:
    first = rid(chooser, "松漳市石门区大数据发展中心", 2019)
    assert [e.year for e in chooser.choose("这几年的三公经费", first).reports] == [2019, 2020, 2021]
    assert chooser.choose("和2022年决算比", first).mode == "single"  # the body has no 2022 report


def test_across_bodies(chooser: Chooser) -> None:
    choice = chooser.choose("哪个单位公务接待费最高")
    assert choice.mode == "bodies" and choice.year == 2023  # the year most bodies have
    assert {e.body for e in choice.reports} == {"四川省大数据中心", "遂宁市大数据发展中心", "南岫省市场监督管理局"}
    assert {e.year for e in chooser.choose("2022年哪个单位三公经费最低").reports} == {2022}
    two = chooser.choose("四川省大数据中心和遂宁市大数据发展中心的三公经费比较")
    assert two.mode == "bodies" and {e.body for e in two.reports} == {"四川省大数据中心", "遂宁市大数据发展中心"}


def test_a_pinned_body_is_never_left(chooser: Chooser) -> None:
    pinned = "成都市数据资源管理中心"
    for question in ("三公经费是多少", "四川省大数据中心的三公经费", "哪个单位公务接待费最高", "2023年的三公经费"):
        choice = chooser.choose(question, body=pinned)
        assert choice.mode == "single" and choice.reports[0].body == pinned
    assert chooser.choose("三公经费", body="火星市财政局").mode == "clarify"
