"""Turn an `Answer` into chat messages for the Gradio staff chat.

Gradio's Chatbot renders Markdown and (sanitised) HTML, while questions and report quotes are untrusted
text. Everything we put into a message therefore goes through `md_text`, which makes any string render
as exactly its characters: HTML special characters become entities and Markdown punctuation gets a
backslash. `md_plain` undoes it, so text read back from the chat history is what the user typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from assistant.records import Answer, NumberCheck

# Every ASCII punctuation character Markdown (CommonMark + GFM + Gradio's $$ LaTeX) can give meaning to.
# (`<`, `>` and `&` become HTML entities instead, which Markdown never treats as syntax.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~$:])")
# Titles of the panels this module writes; a history message whose title starts with one is not a turn.
SOURCES_TITLE = "来源"
CHECKS_TITLE = "数字核验"
WORKING_TEXT = "正在查阅报告…"
UNVERIFIED_MARK = "⚠"  # text presentation: renders without an emoji font
UNVERIFIED_NOTE = f"{UNVERIFIED_MARK} 加粗并标记的数字未能在报告原文或计算中核实，请以报告为准。"
_FLAGGED = re.compile(r"\*\*((?:\\.|[^*\\])*)\*\*" + UNVERIFIED_MARK)


def md_text(text: str) -> str:
    """Markdown that displays `text` literally (no tags, no links, no emphasis, no LaTeX)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return html.escape(escaped, quote=False)


def md_plain(markdown: str) -> str:
    """Inverse of `md_text` (exact for any string `md_text` produced)."""
    return html.unescape(_MD_UNESCAPE.sub(r"\1", markdown))


def md_block(text: str) -> str:
    """`md_text` for multi-line text, keeping the line breaks (Chatbot uses line_breaks=True)."""
    return "\n".join(md_text(line) for line in text.splitlines())


def mark_unverified(text: str, numbers: list[NumberCheck]) -> str:
    """Markdown of the answer text with every unverified number flagged in place."""
    flagged = sorted({n.text for n in numbers if not n.verified and n.text}, key=len, reverse=True)
    if not flagged:
        return md_block(text)
    pattern = re.compile("|".join(re.escape(n) for n in flagged))
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        out.append(md_block(text[pos : match.start()]))
        out.append(f"**{md_text(match.group())}**{UNVERIFIED_MARK}")
        pos = match.end()
    out.append(md_block(text[pos:]))
    return "".join(out)


def sources_markdown(answer: Answer) -> str:
    """Each citation: marker, heading path, page, section id and the exact quote."""
    blocks: list[str] = []
    for c in answer.citations:
        page = f" · 第 {c.page} 页" if c.page else ""
        head = f"**\\[{c.n}\\] {md_text(c.heading)}**{page} · 章节 {md_text(c.section_id)}"
        quote = "\n".join("> " + md_text(line) for line in c.quote.splitlines() if line.strip())
        blocks.append(f"{head}\n{quote}")
    return "\n\n".join(blocks)


def checks_markdown(answer: Answer) -> str:
    """Each calculation and whether it holds, then each number of the answer and how it was verified."""
    lines: list[str] = []
    if answer.checks:
        lines.append("**计算**")
        for ch in answer.checks:
            verdict = "✓ 成立" if ch.ok else "✗ 不成立"
            facts = f"（依据 {md_text('、'.join(ch.fact_ids))}）" if ch.fact_ids else ""
            lines.append(f"- {md_text(ch.expression)} = {md_text(ch.result)}　{verdict}{facts}")
    if answer.numbers:
        lines.append("**数字**")
        how_text = {"fact": "与引文一致", "calculation": "由上述计算得出", "none": ""}
        for num in answer.numbers:
            if num.verified:
                lines.append(f"- {md_text(num.text)}　✓ 已核验（{how_text.get(num.how, num.how)}）")
            else:
                lines.append(f"- **{md_text(num.text)}**　{UNVERIFIED_MARK} **未核验**：报告原文和计算中都找不到这个数")
    return "\n".join(lines)


def checks_title(answer: Answer) -> str:
    unverified = sum(1 for n in answer.numbers if not n.verified)
    failed = sum(1 for c in answer.checks if not c.ok)
    if unverified or failed:
        return f"{CHECKS_TITLE}（{unverified} 个数字未核验，{failed} 项计算不成立）"
    return f"{CHECKS_TITLE}（{len(answer.numbers)} 个数字均已核验）"


def answer_messages(answer: Answer, text_markdown: str | None = None) -> list[dict[str, Any]]:
    """The assistant turn: the answer text, then the collapsible source and check panels."""
    body = mark_unverified(answer.answer, answer.numbers) if text_markdown is None else text_markdown
    if any(not n.verified for n in answer.numbers) and text_markdown is None:
        body += "\n\n" + UNVERIFIED_NOTE
    messages: list[dict[str, Any]] = [{"role": "assistant", "content": body}]
    if text_markdown is not None:
        return messages
    if answer.citations:
        messages.append(
            {
                "role": "assistant",
                "content": sources_markdown(answer),
                "metadata": {"title": f"{SOURCES_TITLE} ({len(answer.citations)})", "status": "done"},
            }
        )
    if answer.checks or answer.numbers:
        messages.append(
            {
                "role": "assistant",
                "content": checks_markdown(answer),
                "metadata": {"title": checks_title(answer), "status": "done"},
            }
        )
    return messages


def stream_answer(answer: Answer, step: int = 12) -> Iterator[list[dict[str, Any]]]:
    """Successive message lists that reveal the answer text, ending with the full turn and its panels."""
    text = answer.answer
    for end in range(step, len(text), step):
        yield answer_messages(answer, md_block(text[:end]))
    yield answer_messages(answer)


def message_text(content: Any) -> str:
    """Plain text of a history message's content (a string or a list of {"type": "text"} parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "".join(message_text(part) for part in content)
    return ""


def history_turns(history: list[Any] | None) -> list[dict[str, str]]:
    """The real user/assistant turns of a Gradio history, as plain text, for `Assistant.ask`.

    Panel messages (those with a metadata title) and the interim "working" text are not turns.
    """
    turns: list[dict[str, str]] = []
    for msg in history or []:
        if not isinstance(msg, dict):
            msg = getattr(msg, "__dict__", {})
        role = msg.get("role")
        metadata = msg.get("metadata") or {}
        if role not in ("user", "assistant") or (isinstance(metadata, dict) and metadata.get("title")):
            continue
        markdown = message_text(msg.get("content"))
        if role == "assistant":
            markdown = _FLAGGED.sub(r"\1", markdown.replace("\n\n" + UNVERIFIED_NOTE, ""))
        text = md_plain(markdown).strip()
        if text and text != WORKING_TEXT:
            turns.append({"role": role, "content": text})
    return turns
