"""The library over HTTP: `GET /api/reports`, `report` and `body` in `/api/ask` and the widget's ask (unknown ones
refused in Chinese), the `clarify` status with its candidates in the JSON contract, a citation naming its report,
and the widget pinned to one body by its embed URL (`/embed?body=…`)."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from library_support import CHENGDU, HOME, LINXI_IDS, SUINING, library_settings

from assistant.library.service import LibraryAssistant
from corpus import Settings
from ui.app import create_app


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, assistant) -> LibraryAssistant:
    return LibraryAssistant(library_settings(tmp_path_factory), home=assistant)


@pytest.fixture(scope="module")
def client(library: LibraryAssistant) -> TestClient:
    settings: Settings = library.settings.with_(rate_limit=0)
    with TestClient(create_app(settings, library, questions=None)) as test_client:
        yield test_client


def ask(client: TestClient, question: str, **choice: str):
    return client.post("/api/ask", json={"question": question, "history": [], **choice})


def test_reports_are_listed(client: TestClient) -> None:
    listed = client.get("/api/reports").json()
    assert {r["id"] for r in listed} == {HOME, CHENGDU, SUINING, *LINXI_IDS}
    home = [r for r in listed if r["home"]]
    assert [r["id"] for r in home] == [HOME]
    assert all(set(r) >= {"id", "body", "year", "kind", "title", "format"} for r in listed)


def test_ask_with_a_selected_report_and_the_citations_name_it(client: TestClient, library: LibraryAssistant) -> None:
    data = ask(client, "公务接待费是多少？", report=CHENGDU).json()
    assert data["status"] == "answered" and data["report"] == CHENGDU and "0.94" in data["answer"]
    assert data["citations"] and all(c["report"] == CHENGDU for c in data["citations"])
    text = library.assistant_for(CHENGDU).report.clean_text
    assert all(c["quote"] in text for c in data["citations"])


def test_clarify_is_part_of_the_contract(client: TestClient) -> None:
    data = ask(client, "三公经费是多少？").json()
    assert data["status"] == "clarify" and len(data["candidates"]) == 4
    assert {"id", "body", "year", "title"} <= set(data["candidates"][0])
    chosen = ask(client, "三公经费是多少？", report=SUINING).json()
    assert chosen["status"] == "answered" and "12.34" in chosen["answer"]


def test_across_reports_over_the_api(client: TestClient) -> None:
    data = ask(client, "三公经费这三年怎么变的？", report=LINXI_IDS[-1]).json()
    assert data["status"] == "answered" and data["route"] == "library_years" and data["report"] == ""
    assert {c["report"] for c in data["citations"]} == set(LINXI_IDS)
    assert all(
        c["heading"].startswith(f"{year}年度青岚市")
        for c, year in zip(data["citations"], (2021, 2022, 2023), strict=True)
    )


def test_unknown_report_or_body_is_refused_in_chinese(client: TestClient) -> None:
    for choice, says in [({"report": "no-such-report"}, "找不到编号为"), ({"body": "火星市财政局"}, "报告库中没有")]:
        for path in ("/api/ask", "/api/widget/ask"):
            response = client.post(path, json={"question": "三公经费是多少？", **choice})
            assert response.status_code == 422 and says in response.json()["detail"]


def test_widget_pinned_to_one_body(client: TestClient) -> None:
    page = client.get("/embed", params={"body": "成都市数据资源管理中心"})
    assert page.status_code == 200
    assert 'data-body="成都市数据资源管理中心"' in page.text and "成都市数据资源管理中心问答" in page.text
    assert "2022年度成都市数据资源管理中心单位决算" in html.unescape(page.text)
    plain = client.get("/embed")
    assert 'data-body=""' in plain.text and "四川省大数据中心问答" in plain.text
    missing = client.get("/embed", params={"body": "火星市财政局"})
    assert missing.status_code == 404 and "报告库中没有" in missing.text
    answer = client.post("/api/widget/ask", json={"question": "三公经费是多少？", "body": "成都市数据资源管理中心"})
    data = answer.json()
    assert data["answer"]["report"] == CHENGDU and "9.86" in data["answer"]["answer"]
    assert re.search(r"2022年度成都市数据资源管理中心单位决算|第二部分", data["view"]["plain"])


def test_readiness_counts_the_library(client: TestClient) -> None:
    ready = client.get("/api/ready").json()
    assert ready["components"]["library"] == {"status": "ok", "reason": "6 份报告"}
