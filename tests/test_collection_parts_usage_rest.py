"""Collections asked in compound questions: every part of a total with its share, what a total was used for
after its parts are listed, and a total less a deducted part asked as a rest with a name of its own. Both reports."""

from __future__ import annotations

from decimal import Decimal

from assistant_support import answered_with

from assistant.service import Assistant


def amount(assistant: Assistant, subject: str) -> Decimal:
    facts = [f for f in assistant.report.facts if f.subject == subject and f.measure == "决算数" and not f.scope]
    return facts[0].value


def stated_share(assistant: Assistant, subject: str) -> str:
    facts = [f for f in assistant.report.facts if f.subject == subject and f.measure == "占比"]
    return f"{facts[0].value}%"


def test_every_part_and_its_share_of_the_total(both_assistants: Assistant) -> None:
    """ "X的各组成部分各多少钱，各占X多少比重": each part's figure, then each part's share (not a found member's)."""
    a = both_assistants
    car, guests = "公务用车购置及运行维护费", "公务接待费"
    answered_with(
        a,
        "三公经费各个构成部分分别用了多少，各占三公经费多大比重？",
        str(amount(a, car)),
        str(amount(a, guests)),
        stated_share(a, car),
        stated_share(a, guests),
    )


def test_usage_of_a_total_after_its_parts(both_assistants: Assistant) -> None:
    """ "A、B、C各多少？主要用在哪": the total's own usage sentence, not a refusal about a place word."""
    answer = answered_with(
        both_assistants, "政府采购货物、工程、服务支出分别是多少？这些钱主要用在了什么地方？", "主要用于"
    )
    assert "没有找到" not in answer.answer


def test_usage_of_a_total_said_as_purchases(both_assistants: Assistant) -> None:
    """ "一共多少，买的都是啥" / "拿去干什么了": the total's figure and its usage sentence."""
    a = both_assistants
    total = str(amount(a, "政府采购支出总额"))
    answered_with(a, "政府采购一共多少钱？买的都是些什么", total, "主要用于")
    answered_with(a, "政府采购花了多少，主要拿去干什么了", total, "主要用于")


def test_rest_of_a_total_named_in_everyday_words(fixture_assistant: Assistant) -> None:
    """ "A里扣掉B，余下的X部分": A − B worked out, X being no term of the report is no refusal."""
    a = fixture_assistant
    rest = amount(a, "授予中小企业合同金额") - amount(a, "授予小微企业合同金额")
    answered_with(a, "中小企业合同金额里扣掉小微企业的，余下的中型企业那部分是多少？", str(rest))
