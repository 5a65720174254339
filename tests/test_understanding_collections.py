"""Aggregates over the collection a question means, on both reports of the template: a count the user states
picks the collection of that size (the 项级 items are often called 项目 too), rankings and filters over them and
a property of the item found, a filter by a table's person then a sum over only those tables, several column
totals and their combined rate, counts stated in one sentence each quoted by its own clause, and parts of a
whole (a share worked out of the total a part belongs to, an amount per 批次 or 人次).

Expected figures are read from the report's own facts and tables, never written here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from assistant_support import answered_text, ask, stated

from assistant.service import Assistant


def _items(bot: Assistant) -> list[tuple[str, Decimal, Decimal]]:
    """The 项级 items of the general budget: (name, 决算数, 预算完成率), in report order."""
    out = []
    for entry in bot.catalogue.members("level:项"):
        facts = [f for f in bot.report.facts if f.subject == entry.name and not f.scope]
        amount = next(f.value for f in facts if f.measure == "决算数")
        rate = next(f.value for f in facts if f.measure == "预算完成率")
        out.append((entry.name, amount, rate))
    return out


def _shown(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def _name(bot: Assistant, subject: str) -> str:
    return bot.router.kit.name(subject)


# ---------------------------------------------------------------- A. the count said picks the collection
def test_a_stated_count_of_items_ranks_the_items_not_the_projects(both_assistants: Assistant) -> None:
    items = _items(both_assistants)
    lowest = min(items, key=lambda i: i[2])
    flat = answered_text(both_assistants, f"这{len(items)}个支出项目当中，哪一个预算完成得最差？", f"{lowest[2]}%")
    assert _name(both_assistants, lowest[0]) in flat
    assert f"{len(items)} 个项级支出科目" in flat and "绩效自评项目" not in flat


def test_a_project_only_word_keeps_the_tables(assistant: Assistant) -> None:
    tables = assistant.report.projects
    worst = min(tables, key=lambda p: p.self_score)
    flat = answered_text(assistant, f"{len(tables)}个自评的项目当中谁的分数最低？", worst.name)
    assert f"{worst.self_score.normalize():f}" in flat


# ---------------------------------------------------------------- B. filters, the n-th, a property of the one found
def test_a_threshold_count_over_the_items(both_assistants: Assistant) -> None:
    items = _items(both_assistants)
    below = [i for i in items if i[2] < 95]
    flat = answered_text(both_assistants, f"{len(items)}个支出项目中预算完成不到95%的一共几个？", f"有 {len(below)} 个")
    for name, _, rate in below:
        assert _name(both_assistants, name) in flat and f"{rate}%" in flat


def test_the_next_place_of_a_ranking_and_its_amount(both_assistants: Assistant) -> None:
    items = _items(both_assistants)
    ordered = sorted(items, key=lambda i: i[2])
    first = f"{len(items)}个项级科目里预算完成率最低的是哪一项？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(both_assistants, first).answer}]
    second = ordered[1]
    flat = answered_text(both_assistants, "倒数第二名是哪个？它的决算是多少？", history=history)
    assert _name(both_assistants, second[0]) in flat and f"{second[2]}%" in flat
    assert f"{second[1]} 万元" in flat


def test_the_first_places_then_each_amount_stays_on_the_items(fixture_assistant: Assistant) -> None:
    items = _items(fixture_assistant)
    smallest = sorted(items, key=lambda i: i[1])[:3]
    flat = answered_text(fixture_assistant, f"{len(items)}个具体科目中支出决算最小的三个？分别多少？")
    for name, amount, _ in smallest:
        assert _name(fixture_assistant, name) in flat and f"{amount}" in flat
    assert "一般公共预算财政拨款支出包括" not in flat  # the 类 are not listed again


# ---------------------------------------------------------------- C. a person's tables, then a sum over only them
def test_a_sum_over_the_tables_the_last_answer_listed(assistant: Assistant) -> None:
    leaders = [p.leader for p in assistant.report.projects]
    person = max(sorted(set(leaders)), key=leaders.count)
    led = [p for p in assistant.report.projects if p.leader == person]
    assert len(led) >= 2
    expected = _shown(sum((p.adjusted_budget for p in led), Decimal(0)))
    first = f"{person}是哪几个项目的负责人？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    flat = answered_text(assistant, f"那这{len(led)}个项目的调整后预算一共是多少？", expected, history=history)
    others = [p for p in assistant.report.projects if p.leader != person]
    assert not any(p.name in flat for p in others)


def test_a_pronoun_for_the_person_in_a_compound_follow_up(assistant: Assistant) -> None:
    leaders = [p.leader for p in assistant.report.projects]
    person = max(sorted(set(leaders)), key=leaders.count)
    led = [p for p in assistant.report.projects if p.leader == person]
    first = f"{led[0].name}的项目负责人是谁？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(assistant, first).answer}]
    expected = _shown(sum((p.adjusted_budget for p in led), Decimal(0)))
    flat = answered_text(assistant, "他另外还负责哪些项目？这些项目的调整后预算合计是多少？", expected, history=history)
    assert all(p.name.replace("12345", " 12345") in flat or p.name in flat for p in led)


# ---------------------------------------------------------------- D. column totals and their combined rate
def test_two_column_totals_and_the_combined_rate(both_assistants: Assistant) -> None:
    tables = both_assistants.report.projects
    adjusted = sum((p.adjusted_budget for p in tables), Decimal(0))
    executed = sum((p.executed for p in tables), Decimal(0))
    rate = _shown(executed / adjusted * 100)
    question = f"{len(tables)}个自评项目调整后预算、执行数各合计多少？合起来的执行率是多少？"
    flat = answered_text(both_assistants, question, _shown(adjusted), _shown(executed), f"{rate}%")
    assert "没有找到" not in flat


# ---------------------------------------------------------------- E. counts stated in one sentence
def test_counts_of_one_sentence_each_by_its_own_clause(both_assistants: Assistant) -> None:
    report = both_assistants.report
    asked = ("事前绩效评估", "绩效目标", "绩效监控", "绩效自评")
    counts = [stated(report, s, "数量") for s in asked]
    flat = answered_text(both_assistants, "预算绩效方面，事前评估、绩效目标、绩效监控和绩效自评分别覆盖几个项目？")
    for subject, count in zip(asked, counts, strict=True):
        assert f"{count.value}个项目开展绩效监控" in flat if subject == "绩效监控" else str(count.value) in flat
    sentences = [s for s in flat.split("。") if s]
    assert len(sentences) == len(set(sentences))  # no clause said twice


def test_how_many_were_self_evaluated(both_assistants: Assistant) -> None:
    count = stated(both_assistants.report, "绩效自评", "数量")
    answered_text(both_assistants, "单位自评了几个项目？", f"{count.value}个项目开展绩效自评")


# ---------------------------------------------------------------- F. parts of a whole
def test_a_procurement_kind_as_a_share_of_the_total(both_assistants: Assistant) -> None:
    report = both_assistants.report
    service = stated(report, "政府采购服务支出")
    whole = stated(report, "政府采购支出总额")
    share = _shown(service.value / whole.value * 100).rstrip("0").rstrip(".")
    flat = answered_text(both_assistants, "政府采购中服务类的占比是多少？", f"{share}%")
    assert "没有找到" not in flat


@pytest.mark.parametrize(
    "words", ["餐费和交通费各占公务接待费的比例是多少？", "公务接待费里头餐费、交通费分别占几成比例？"]
)
def test_parts_of_hospitality_as_shares(both_assistants: Assistant, words: str) -> None:
    report = both_assistants.report
    meals = stated(report, "国内公务接待餐费")
    travel = stated(report, "国内公务接待交通费")
    whole = stated(report, "公务接待费")
    flat = answered_text(both_assistants, words)
    for part in (meals, travel):
        assert f"{_shown(part.value / whole.value * 100)}%" in flat


def test_a_meal_in_everyday_words_is_the_meal_part(both_assistants: Assistant) -> None:
    meals = stated(both_assistants.report, "国内公务接待餐费")
    flat = answered_text(both_assistants, "招待客人吃饭一共花了多少？", f"{meals.value} 万元")
    whole = stated(both_assistants.report, "公务接待费")
    assert whole.value == meals.value or f"{whole.value}万元" not in flat


@pytest.mark.parametrize("unit", ["批次", "人次"])
def test_hospitality_per_batch_and_per_visitor(both_assistants: Assistant, unit: str) -> None:
    report = both_assistants.report
    amount = stated(report, "公务接待费")
    count = stated(report, "国内公务接待", "数量", unit=unit)
    per = _shown(amount.value * 10000 / count.value)
    unit_word = "一批" if unit == "批次" else "一个人次"
    flat = answered_text(both_assistants, f"公务接待平均每{unit_word}要花多少钱？", f"{per} 元")
    assert f"÷ {count.value}" in flat
