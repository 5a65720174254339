"""Chat rendering: untrusted text shows literally, panels carry sources and checks, history reads back clean."""

from __future__ import annotations

import itertools
import re

import pytest

from assistant.records import Answer, Check, Citation, NumberCheck
from corpus import Settings, parse_report
from ui.chat import section_view
from ui.limits import RateLimiter
from ui.render import (
    SOURCES_TITLE,
    answer_messages,
    history_turns,
    md_plain,
    md_text,
    message_text,
    stream_answer,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[点我](javascript:alert(1))",
    "**粗** _斜_ `码` $$x$$ # 标题 > 引用 1. 列表 \\ &lt; &amp;",
]
RAW_TAG = re.compile(r"<\s*[a-zA-Z/!]")


@pytest.mark.parametrize("text", PAYLOADS)
def test_md_text_leaves_no_markup_and_round_trips(text: str) -> None:
    escaped = md_text(text)
    assert not RAW_TAG.search(escaped)
    assert "](" not in escaped.replace("\\](", "")
    assert md_plain(escaped) == text


def _answer(quote: str, verified: bool = True) -> Answer:
    return Answer(
        status="answered",
        answer="公务接待费增加 1.48 万元[1]，增长 111.28%。",
        citations=[
            Citation(n=1, section_id="p2.c7.s2.i3", heading="第二部分 > 七、 > 3.公务接待费支出", page=12, quote=quote)
        ],
        checks=[Check(expression="2.81 - 1.33", result="1.48", ok=True, fact_ids=["f1", "f2"])],
        numbers=[NumberCheck(text="1.48", verified=True, how="fact"), NumberCheck("111.28%", verified, "none")],
    )


def test_answer_messages_escape_quotes_and_flag_unverified_numbers() -> None:
    answer = _answer("主要原因是<img src=x onerror=alert(1)>接待任务增加", verified=False)
    messages = answer_messages(answer)
    assert [m.get("metadata", {}).get("title", "")[:4] for m in messages] == ["", "来源 (", "数字核验"]
    for message in messages:
        assert not RAW_TAG.search(message["content"])
    sources = messages[1]["content"]
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in sources
    assert "第 12 页" in sources
    assert "**111\\.28%**⚠" in messages[0]["content"]
    assert "未核验" in messages[2]["content"] and "1 个数字未核验" in messages[2]["metadata"]["title"]


def test_stream_ends_with_the_full_turn_and_grows_monotonically() -> None:
    steps = list(stream_answer(_answer("原文")))
    assert len(steps) > 1
    texts = [md_plain(step[0]["content"]) for step in steps[:-1]]
    assert all(len(a) < len(b) for a, b in itertools.pairwise(texts))
    assert steps[-1] == answer_messages(_answer("原文"))


def test_history_turns_skip_panels_and_read_text_parts() -> None:
    answer = _answer("原文", verified=False)
    user = md_text("公务接待费<b>增长</b>原因")
    history = [
        {"role": "user", "content": [{"type": "text", "text": user}]},
        *answer_messages(answer),
        {"role": "assistant", "content": "", "metadata": {"title": f"{SOURCES_TITLE} (1)"}},
    ]
    turns = history_turns(history)
    assert turns == [
        {"role": "user", "content": "公务接待费<b>增长</b>原因"},
        {"role": "assistant", "content": answer.answer},
    ]
    assert message_text([{"type": "text", "text": "a"}, {"type": "file", "path": "x"}, "b"]) == "ab"


def test_rate_limiter_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=2, window_s=10, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    assert limiter.hit("a") == pytest.approx(10)
    assert limiter.hit("b") == 0  # other clients are not affected
    now[0] = 5.0
    assert limiter.hit("a") == pytest.approx(5)
    now[0] = 10.5  # the first two hits have left the window
    assert limiter.hit("a") == 0


def test_section_view_shows_the_whole_subtree() -> None:
    report = parse_report(Settings().report)
    parents = [s for s in report.sections if any(c.parent_id == s.id for c in report.sections)]
    assert parents
    for parent in parents:
        head, text = section_view(report, parent.id)
        assert "下级章节" in head
        for child in (c for c in report.sections if c.parent_id == parent.id):
            assert child.text in text
    assert section_view(report, "no-such-id")[0] == "找不到这个章节。"
