"""Project names as people shorten them (the characters they keep, in the name's order), on both reports: the
resolver's scores, its calibrated cut-offs, ambiguous runs that name nothing, and answers through the assistant."""

from __future__ import annotations

import tomllib

import pytest
from assistant_support import answered_text, ask

from assistant.understand.project_aliases import PARAMS_FILE, ProjectAliases, load_params

STANDARDS = "省大数据标准化技术委员会运行及标准制定"
APPROVALS = "四川省工程建设项目审批管理系统运维服务项目"
HUB = "城市运行数据中台建设项目"
OPEN_DATA = "公共数据开放平台运营服务"


def test_kept_characters_name_one_project_of_the_shipped_report(report) -> None:
    aliases = ProjectAliases(report)
    for said, name in (("标准委", STANDARDS), ("审批系统", APPROVALS), ("12345", "省 12345政务服务热线及网络理政平台")):
        hit = aliases.find(said + "项目的预算是多少")
        assert hit is not None and hit.project == name, (said, hit)


def test_a_run_every_platform_shares_names_nothing(report) -> None:
    aliases = ProjectAliases(report)
    hit = aliases.find("平台运维项目的预算是多少")
    assert hit is None or hit.project == ""  # never picked by catalogue order
    scores = sorted((aliases.score("平台运维", n) for n in aliases.folded), reverse=True)
    assert scores[0] == scores[1]  # two platforms tie: which one is never decided by order


def test_the_second_reports_short_names(fixture_report) -> None:
    aliases = ProjectAliases(fixture_report)
    hit = aliases.find("中台那个项目执行了多少")
    assert hit is not None and hit.project == HUB
    opened = aliases.find("开放平台运营项目")
    assert opened is not None and opened.project == OPEN_DATA
    # The prose's own word for the city names no project unless a project is meant.
    assert aliases.find("成都市一共花了多少") is None


def test_cut_offs_are_the_calibrated_ones_with_no_wrong_pick_held_out() -> None:
    figures = tomllib.loads(PARAMS_FILE.read_text(encoding="utf-8"))["figures"]
    assert figures["held_out_wrong"] == 0 and figures["train_wrong"] == 0
    assert figures["held_out_hits"] >= 8
    params = load_params()
    assert params.threshold > 0 and params.margin > 0


def test_shortened_names_answer_with_the_projects_figures(assistant, fixture_assistant) -> None:
    answered_text(assistant, "审批系统那个项目的预算执行率是多少", "89.33%")
    answered_text(assistant, "标准化委员会那个项目自评几分", STANDARDS, "100")
    answered_text(fixture_assistant, "数据中台项目调整后预算是多少", "286.50")
    answered_text(fixture_assistant, "开放平台运营项目执行数是多少", "45.00")


def test_an_ambiguous_short_name_gets_no_neighbours_figures(assistant) -> None:
    answer = ask(assistant, "平台运维项目执行了多少")
    for figure in ("50.20", "207.80", "112.80"):  # the platforms' own figures
        assert figure not in answer.answer


@pytest.mark.parametrize("said", ["标准委", "工程审批系统"])
def test_the_plan_names_the_project(assistant, said: str) -> None:
    plan = assistant.understanding.read(said + "项目年初预算多少")
    assert plan.projects and plan.projects[0] in (STANDARDS, APPROVALS)


def test_a_phrase_only_one_table_uses_names_its_project(report, assistant) -> None:
    aliases = ProjectAliases(report)
    hit = aliases.by_table_words("场所码那个项目花了多少")
    assert hit is not None and hit.project == "四川天府健康通"
    assert aliases.by_table_words("预算执行那个项目花了多少") is None  # every table says it
    answered_text(assistant, "场所码那个项目执行了多少", "四川天府健康通", "175.27")


def test_a_table_phrase_on_the_second_report(fixture_report) -> None:
    aliases = ProjectAliases(fixture_report)
    tables = {name: table for name, table in zip(aliases.names, aliases.tables, strict=True)}
    assert "体征指标" in tables[HUB]
    hit = aliases.by_table_words("体征指标那个项目的预算")
    assert hit is not None and hit.project == HUB


def test_the_reports_own_body_without_its_city_is_no_projects_short_name() -> None:
    """A body said without the places before it ("临溪区大数据发展中心" for 青岚市临溪区…) is the body: its 临溪区 never
    names the body's 临溪区公共数据开放平台… project; the project's own short name still does."""
    from library_support import LINXI

    from corpus import load_report

    report = load_report(LINXI[0])
    aliases = ProjectAliases(report)
    assert any(n.startswith("临溪区") for n in aliases.names)  # the trap is real: a project named with the place
    for said in ("临溪区大数据发展中心三公经费是多少", "大数据发展中心的人员经费是多少"):
        hit = aliases.find(said)
        assert hit is None or hit.project == "", (said, hit)
    opened = aliases.find("开放平台运营项目花了多少")
    assert opened is not None and opened.project.startswith("临溪区"), opened
