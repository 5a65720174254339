"""Chat rendering: untrusted text shows literally, markers link to sources, the copy text is clean, history
reads back clean; the report browser marks exactly the cited quote; the audit table carries no internal ids."""

from __future__ import annotations

import html
import itertools
import re
import time

import pytest

from corpus import Settings, parse_report
from ui.browse import Target, audit_html, cite_href, parse_target, section_choices, section_html
from ui.limits import RateLimiter
from ui.present import present
from ui.render import (
    SOURCES_TITLE,
    answer_messages,
    answer_plain,
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
RAW_TAG = re.compile(r"<\s*(?!/?(?:pre|p|a)\b)[a-zA-Z/!]")  # our own <pre hidden>, <p class>, <a href> only
COPY = re.compile(r'<pre hidden class="juesuan-copy">(.*?)</pre>', re.S)


@pytest.mark.parametrize("text", PAYLOADS)
def test_md_text_leaves_no_markup_and_round_trips(text: str) -> None:
    escaped = md_text(text)
    assert not re.search(r"<\s*[a-zA-Z/!]", escaped)
    assert "](" not in escaped.replace("\\](", "")
    assert md_plain(escaped) == text


def _answer(quote: str, verified: bool = True) -> dict:
    return {
        "status": "answered",
        "answer": "公务接待费增加 1.48 万元[2]，增长 111.28%。注意：报告中这一数字前后不一致：公务接待费 2.81 万元，"
        "而合计为 2.80 万元，相差 0.01 万元。[1]",
        "citations": [
            {"n": 1, "section_id": "p2.c7", "heading": "第二部分 > 七、", "page": None, "quote": "合计 2.80"},
            {
                "n": 2,
                "section_id": "p2.c7.s2.i3",
                "heading": "第二部分 > 七、 > 3.公务接待费支出",
                "page": 12,
                "quote": quote,
            },
        ],
        "checks": [
            {"expression": "2.81 − 1.33", "result": "1.48", "ok": True, "fact_ids": ["f1", "f2"]},
            {"expression": "2.81 = 2.80", "result": "2.80", "ok": False, "fact_ids": ["f1", "f3"]},
        ],
        "numbers": [
            {"text": "1.48", "verified": True, "how": "calculation"},
            {"text": "111.28%", "verified": verified, "how": "fact" if verified else "none"},
        ],
    }


def test_answer_messages_link_markers_escape_quotes_and_flag_unverified_numbers() -> None:
    view = present(_answer("主要原因是<img src=x onerror=alert(1)>接待任务增加", verified=False))
    messages = answer_messages(view, lambda s: f"#cite={s.section_id}", entry_id="abc")
    assert [m.get("metadata", {}).get("title", "")[:4] for m in messages] == ["", "来源（2", "数字核验"]
    assert messages[0]["metadata"] == {"id": "abc"}
    for message in messages:
        assert not RAW_TAG.search(message["content"]), message["content"]
    main, sources, checks = (m["content"] for m in messages)
    assert main.index("[\\[1\\]](#cite=p2.c7.s2.i3)") < main.index('<a href="#cite=p2.c7">[2]</a>')  # by first use
    assert "**111\\.28%**⚠" in main and "未能在报告原文或计算中核实" in main
    assert '<p class="juesuan-audit-note">' in main and "本回答采用" in main
    assert (
        "&lt;img src=x onerror=alert\\(1\\)&gt;" in sources
        and "第 12 页" in sources
        and "p2.c7" not in sources.split("(")[0]
    )
    assert "不成立" not in checks and "✗" not in checks and "2.81 = 2.80" not in checks
    copied = html.unescape(COPY.search(main).group(1))
    assert copied == view.plain_text()
    assert "\\" not in copied and "&" not in copied and "<img src=x onerror=alert(1)>" in copied
    assert (
        copied.index("来源：") > copied.index("本回答采用")
        and "第二部分 › 七、 › 3.公务接待费支出（第 12 页）" in copied
    )


def test_stream_ends_with_the_full_turn_and_grows_monotonically() -> None:
    view = present(_answer("原文"))
    steps = list(stream_answer(view))
    assert len(steps) > 1
    texts = [md_plain(step[0]["content"]) for step in steps[:-1]]
    assert all(len(a) < len(b) for a, b in itertools.pairwise(texts))
    assert steps[-1] == answer_messages(view)


def test_history_turns_skip_panels_and_read_text_parts() -> None:
    view = present(_answer("原文", verified=False))
    user = md_text("公务接待费<b>增长</b>原因")
    history = [
        {"role": "user", "content": [{"type": "text", "text": user}]},
        *answer_messages(view, lambda s: "#cite=" + s.section_id, "id1"),
        {"role": "assistant", "content": "", "metadata": {"title": f"{SOURCES_TITLE} (1)"}},
    ]
    turns = history_turns(history)
    assert turns == [
        {"role": "user", "content": "公务接待费<b>增长</b>原因"},
        {"role": "assistant", "content": view.text},
    ]
    assert answer_plain(answer_messages(view)[0]["content"]) == view.text
    assert message_text([{"type": "text", "text": "a"}, {"type": "file", "path": "x"}, "b"]) == "ab"


def test_rate_limiter_slides() -> None:
    """The `limits` package's moving window, in memory: two per second per client, then a wait that shrinks."""
    limiter = RateLimiter(limit=2, window_s=1)
    assert limiter.hit("a") == 0 and limiter.hit("a") == 0
    first = limiter.hit("a")
    assert 0 < first <= 1
    assert limiter.hit("b") == 0  # other clients are not affected
    time.sleep(0.3)
    assert 0 < limiter.hit("a") < first
    time.sleep(1.1)  # the first two hits have left the window
    assert limiter.hit("a") == 0


def test_rate_limiters_keep_their_own_budgets() -> None:
    public, staff = RateLimiter(1, 60, namespace="public"), RateLimiter(1, 60, namespace="staff")
    assert public.hit("10.0.0.1") == 0 and staff.hit("10.0.0.1") == 0
    assert public.hit("10.0.0.1") > 0 and staff.hit("10.0.0.1") > 0
    assert RateLimiter(0, 60).hit("10.0.0.1") == 0  # 0 = no limit


@pytest.fixture(scope="module")
def report():
    return parse_report(Settings().report)


def test_section_view_shows_the_whole_subtree_and_marks_the_quote(report) -> None:
    parents = [s for s in report.sections if any(c.parent_id == s.id for c in report.sections)]
    assert parents
    for parent in parents:
        page = section_html(report, Target(parent.id))
        assert "下级章节" in page
        for child in (c for c in report.sections if c.parent_id == parent.id):
            assert html.escape(child.text) in page
    fact = next(f for f in report.facts if f.quote)
    section = report.section(fact.section_id)
    from ui.present import SourceView

    href = cite_href(report, SourceView(1, section.heading_path, None, fact.quote, section.id))
    page = section_html(report, parse_target(href))
    mark = re.search(r'<mark id="cite-hit">(.*?)</mark>', page, re.S)
    assert mark and html.unescape(mark.group(1)) == fact.quote
    assert section_html(report, Target("no-such-id")) == '<p class="juesuan-empty">找不到这个章节。</p>'
    for bad in ["p2@5", "../etc", "p2@9-1x", "<script>"]:
        assert parse_target(bad) is None


def test_pickers_and_audit_show_names_not_ids(report) -> None:
    labels = [label for label, _ in section_choices(report)]
    assert len(set(labels)) == len(labels)
    assert not any(re.search(r"\bp\d+(\.[a-z]\d+)+\b", label) for label in labels)
    table, summary = audit_html(report)
    shown = re.sub(r'href="[^"]*"', "", table)
    assert not re.search(r"\bp\d+\.[a-z]\d+", shown) and "共核对" in summary
