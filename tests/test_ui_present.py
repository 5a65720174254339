"""How answers read for people (ui.present, ui.formulas, ui.suggest), on real answers of both reports."""

from __future__ import annotations

import re
from decimal import Decimal

from ui.formulas import Label, describe_check, humanize_text
from ui.logged import LoggedAssistant
from ui.present import checked_figures, number_summary, present, renumber
from ui.suggest import candidates, suggest_next
from ui.views import Viewer

MARKER = re.compile(r"\[(\d+)\]")
PROGRAMMER = re.compile(r"\b(?:min|max|count)\(|[−-]\s*\(\s*[−-]|\+\s*\(\s*[−-]")
# Questions any report of the national template answers (none is taken from an eval set).
TEMPLATE_QUESTIONS = [
    "公务接待费增长原因",
    "三公经费上一年是多少",
    "哪个自评项目的预算执行率最低",
    "主要职责一共几条",
    "一般公共预算财政拨款支出占本年支出合计的比重",
]


def _view(assistant, question: str):
    data = assistant.ask(question).to_json()
    return data, Viewer(assistant.report, LoggedAssistant(assistant, None, "staff").trial).view(data, question)


def test_answers_read_well_for_people(both_assistants) -> None:
    """Markers in order of first use, sources in that order, no calculator notation, no internal ids, no
    Markdown escapes or HTML entities, every quote in the text people copy."""
    answered = 0
    for question in TEMPLATE_QUESTIONS:
        data, view = _view(both_assistants, question)
        if data["status"] != "answered":
            continue
        answered += 1
        used = list(dict.fromkeys(int(n) for n in MARKER.findall(view.text + "".join(view.notes))))
        assert used == list(range(1, len(used) + 1)), (question, view.text)
        assert [s.n for s in view.sources] == list(range(1, len(view.sources) + 1))
        plain = view.plain_text()
        ids = {c["section_id"] for c in data["citations"]} | {i for c in data["checks"] for i in c["fact_ids"]}
        for shown in [plain, *view.formulas, view.number_summary, *view.suggestions]:
            assert not PROGRAMMER.search(shown), (question, shown)
            assert "\\" not in shown and "&gt;" not in shown and "&amp;" not in shown, shown
            assert not any(i in shown for i in ids if "." in i or ":" in i), (question, shown)
        for source in view.sources:
            assert " ".join(source.quote.split()) in plain
            assert source.quote in both_assistants.report.clean_text
        assert "来源：" in plain or not view.sources
    assert answered >= 3


def test_markers_are_renumbered_by_first_use(assistant) -> None:
    """An answer whose markers arrive out of order ([2][1]) reads [1][2], with the sources following."""
    data = assistant.ask("公务接待费增长原因").to_json()
    assert len(data["citations"]) >= 2
    swap = {c["n"]: len(data["citations"]) + 1 - c["n"] for c in data["citations"]}
    shuffled = {
        **data,
        "answer": MARKER.sub(lambda m: f"[{swap.get(int(m.group(1)), m.group(1))}]", data["answer"]),
        "citations": [{**c, "n": swap[c["n"]]} for c in reversed(data["citations"])],
    }
    assert MARKER.findall(shuffled["answer"])[0] != "1"
    original, reordered = present(data), present(shuffled)
    assert reordered.text == original.text and reordered.sources == original.sources
    text, sources = renumber(
        "甲[3][3]乙[1]丙", [{"n": 1, "quote": "a"}, {"n": 3, "quote": "c"}, {"n": 2, "quote": "b"}]
    )
    assert text == "甲[1]乙[2]丙" and [s.quote for s in sources] == ["c", "a", "b"]


def test_report_inconsistency_is_a_calm_note_not_a_failed_check(assistant) -> None:
    data, view = _view(assistant, "请问基本支出花了多少钱")
    failed = [c for c in data["checks"] if not c["ok"]]
    assert failed, "the shipped report states this figure inconsistently"
    assert view.notes and all(
        note.startswith("报告中该数字前后不一致：") and "本回答采用" in note for note in view.notes
    )
    assert "前后不一致" not in view.text
    stated = failed[0]["expression"].split("=")[0].strip()
    assert stated in view.notes[0] and stated in view.text
    assert view.numbers_ok and "未" not in view.number_summary
    assert not any(c["expression"].replace(" ", "") in f.replace(" ", "") for c in failed for f in view.formulas)


def test_number_check_counts_each_figure_once_without_years(assistant) -> None:
    data, view = _view(assistant, "请问基本支出花了多少钱")
    texts = [n["text"] for n in data["numbers"]]
    assert len(texts) > len(set(texts)), "the answer repeats a figure"
    figures = checked_figures(data["numbers"], data["answer"])
    assert len(figures) == len(set(texts) - {t for t in texts if re.fullmatch(r"20\d\d", t)})
    assert view.number_summary == f"数字核验：{len(figures)} 个数字均来自报告原文或计算"
    year = checked_figures([{"text": "2022", "verified": True, "how": "fact"}], "比 2022 年度增加 1.48 万元")
    assert year == []
    assert number_summary([("1.48", True, "calculation")]) == "数字核验：这个数字由计算得出"
    assert number_summary([("1.48", True, "fact"), ("2.81", True, "fact")]) == "数字核验：2 个数字均来自报告原文"
    bad = number_summary([("1.48", True, "fact"), ("9.99", False, "none")])
    assert bad.startswith("数字核验：1 个数字未能在报告原文或计算中核实")


def test_formulas_in_words(assistant) -> None:
    """Derived figures show their formula in words, with the figures' names where the facts give them."""
    data, view = _view(assistant, "三公经费上一年是多少")
    assert any("(−" in c["expression"] for c in data["checks"])
    assert "(−" not in view.text and view.formulas
    prior = next(f for f in view.formulas if f.startswith("推算："))
    assert "+" in prior and "比上年减少" in prior
    _, ranking = _view(assistant, "哪个自评项目的预算执行率最低")
    assert any(f.startswith("比较：") and "最小的是" in f for f in ranking.formulas)
    assert "最低的是" in ranking.text and "min(" not in ranking.text
    check = {"expression": "4733.08 ÷ 20685.29 × 100%", "result": "22.88%"}
    labels = [Label("基本支出", Decimal("4733.08")), Label("本年支出合计", Decimal("20685.29"))]
    assert describe_check(check, labels) == "比例：基本支出 4733.08 ÷ 本年支出合计 20685.29 × 100% = 22.88%"
    assert describe_check({"expression": "count(3 项)", "result": "3"}) == "计数：共 3 项"
    assert describe_check({"expression": "max(1, 2)", "result": "2"}) == "比较：1、2 中最大的是 2"
    many = " + ".join(["100"] * 12)
    assert "（共 12 项）" in describe_check({"expression": f"({many}) ÷ 12", "result": "100"})
    assert humanize_text("（比较 min(3, 1, 2) = 1）") == "（3、1、2 中最小的是 1）"
    assert humanize_text("= 17.25 − (−0.32) = 17.57") == "= 17.25 + 0.32 = 17.57"


def test_suggestions_from_a_plan_and_from_citations(assistant) -> None:
    """With a typed plan the suggestions follow its steps; without one, the cited figures. Every suggestion
    offered gets a real, checked answer when asked."""
    data = assistant.ask("公务接待费增长原因").to_json()
    step = {"op": "reason", "targets": [{"subject": "公务接待费", "measure": "决算数"}]}
    planned = {**data, "plan": {"steps": [step]}}
    offered = [s.question for s in candidates(planned, assistant.report)]
    assert offered and all("公务接待费" in q for q in offered)
    assert not any("原因" in q for q in offered)  # the plan already asked for the reason
    nth = {"op": "nth", "n": 2, "targets": [{"field": "自评得分"}]}
    ranking = {"status": "answered", "answer": "x", "plan": {"steps": [nth]}}
    assert [s.question for s in candidates(ranking)] == ["自评得分排第三的是哪个项目？"]
    trial = LoggedAssistant(assistant, None, "staff").trial
    checked = suggest_next(data, assistant.report, trial, "公务接待费增长原因")
    assert checked, "the cited figure has a share and an amount to ask about"
    for question in checked:
        answer = assistant.ask(question)
        assert answer.status == "answered" and all(n.verified for n in answer.numbers), question
    assert suggest_next({"status": "not_found", "answer": "报告中没有找到"}, assistant.report) == []


def test_a_clarifying_answer_shows_its_suggestions_to_click(both_assistants) -> None:
    data, view = _view(both_assistants, "占比是多少？")
    assert data["status"] == "clarify" and view.status == "clarify"
    assert list(view.suggestions) == data["suggestions"] and len(view.suggestions) >= 2
    assert "可以这样问" not in view.text and view.text.startswith("请问")  # the suggestions are buttons, not text
    assert not view.sources and not view.number_summary and not view.formulas
