"""Turn an answer's view (ui.present) into Gradio chat messages for the staff chat.

Gradio's Chatbot renders Markdown and (sanitised) HTML, while questions and report quotes are untrusted
text. Everything we put into a message therefore goes through `md_text`, which makes any string render
as exactly its characters: HTML special characters become entities and Markdown punctuation gets a
backslash. `md_plain` undoes it, so text read back from the chat history is what the user typed.

What people copy is never that Markdown: each answer carries its clean text (`AnswerView.plain_text`) in a
hidden `<pre>` block (an HTML block, so Markdown leaves it alone; only `&<>` are escaped), and the page's
script (ui/static/staff/staff.js) puts it on the clipboard when 「复制」 is clicked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from ui.present import MARKER, AnswerView, SourceView

# Every ASCII punctuation character Markdown (CommonMark + GFM + Gradio's $$ LaTeX) can give meaning to.
# (`<`, `>` and `&` become HTML entities instead, which Markdown never treats as syntax.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~$:])")
SOURCES_TITLE = "来源"
CHECKS_TITLE = "数字核验"
WORKING_TEXT = "正在查阅报告…"
UNVERIFIED_MARK = "⚠"  # text presentation: renders without an emoji font
UNVERIFIED_NOTE = f"{UNVERIFIED_MARK} 加粗并标记的数字未能在报告原文或计算中核实，请以报告为准。"
NOTE_MARK = "ℹ"
COPY_LABEL = "复制"
OPEN_SOURCES = 3  # the sources panel starts open when there are at most this many
# What follows an answer's body in its message: notes, the unverified note, the copy block, the toolbar.
_BODY_END = re.compile(
    r"\n\n(?:<p class=\"juesuan-audit-note\"|<pre hidden|\[" + COPY_LABEL + r"\]|" + UNVERIFIED_MARK + ")"
)
_LINK = re.compile(r"\[(\\\[\d+\\\])\]\(#[^)\s]*\)")
_FLAGGED = re.compile(r"\*\*((?:\\.|[^*\\])*)\*\*" + UNVERIFIED_MARK)

Href = Callable[[SourceView], str]


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


def no_link(_source: SourceView) -> str:
    return "#"


def linked_text(text: str, sources: tuple[SourceView, ...], href: Href, unverified: tuple[str, ...] = ()) -> str:
    """Markdown of `text` where each marker [n] links to its source and each unverified figure is flagged."""
    by_n = {s.n: s for s in sources}
    flagged = sorted({n for n in unverified if n}, key=len, reverse=True)
    pattern = MARKER.pattern + ("|" + "|".join(re.escape(n) for n in flagged) if flagged else "")
    out: list[str] = []
    pos = 0
    for match in re.finditer(pattern, text):
        out.append(md_block(text[pos : match.start()]))
        if match.group(1) is not None and int(match.group(1)) in by_n:
            out.append(f"[{md_text(match.group())}]({href(by_n[int(match.group(1))])})")
        elif match.group(1) is not None:
            out.append(md_text(match.group()))
        else:
            out.append(f"**{md_text(match.group())}**{UNVERIFIED_MARK}")
        pos = match.end()
    out.append(md_block(text[pos:]))
    return "".join(out)


def note_html(note: str, sources: tuple[SourceView, ...], href: Href) -> str:
    """A note about the report itself, as one HTML paragraph (an HTML block: Markdown leaves it alone), its
    markers linked like the answer's."""
    by_n = {s.n: s for s in sources}
    out: list[str] = []
    pos = 0
    for match in MARKER.finditer(note):
        out.append(html.escape(note[pos : match.start()], quote=False))
        source = by_n.get(int(match.group(1)))
        marker = html.escape(match.group(), quote=False)
        out.append(f'<a href="{html.escape(href(source))}">{marker}</a>' if source else marker)
        pos = match.end()
    out.append(html.escape(note[pos:], quote=False))
    return f'<p class="juesuan-audit-note">{NOTE_MARK} {"".join(out)}</p>'


def copy_block(view: AnswerView) -> str:
    """The clean text people copy, hidden in the message (see the module docstring)."""
    return f'<pre hidden class="juesuan-copy">{html.escape(view.plain_text(), quote=False)}</pre>'


def sources_markdown(view: AnswerView, href: Href) -> str:
    """Each source: its marker, the heading path as a link to the report browser, the page, then the quote."""
    blocks: list[str] = []
    for s in view.sources:
        page = f" · 第 {s.page} 页" if s.page else ""
        head = f"**{md_text(f'[{s.n}]')}** [{md_text(s.heading)}]({href(s)}){page}"
        quote = "\n".join("> " + md_text(line) for line in s.quote.splitlines() if line.strip())
        blocks.append(f"{head}\n{quote}")
    return "\n\n".join(blocks)


def checks_markdown(view: AnswerView) -> str:
    """The derived figures' formulas in words, and any figure that could not be verified."""
    lines = [f"- {md_text(line)}" for line in view.formulas]
    lines.extend(f"- **{md_text(n)}**　{UNVERIFIED_MARK} 报告原文和计算中都找不到这个数" for n in view.unverified)
    return "\n".join(lines) or md_text("回答中的数字与所引原文逐一对照一致。")


def checks_title(view: AnswerView) -> str:
    return view.number_summary or f"{CHECKS_TITLE}：计算过程"


def answer_body(view: AnswerView, href: Href) -> str:
    """The main message: the answer, the unverified note, the report's own notes, the copy block, 「复制」."""
    body = linked_text(view.text, view.sources, href, view.unverified)
    if view.unverified:
        body += "\n\n" + md_text(UNVERIFIED_NOTE)
    for note in view.notes:
        body += "\n\n" + note_html(note, view.sources, href)
    return body + "\n\n" + copy_block(view) + f"\n\n[{COPY_LABEL}](#copy)"


def answer_messages(view: AnswerView, href: Href = no_link, entry_id: str | None = None) -> list[dict[str, Any]]:
    """The assistant turn: the answer, then the sources panel (open when short) and the check panel."""
    main: dict[str, Any] = {"role": "assistant", "content": answer_body(view, href)}
    if entry_id:
        main["metadata"] = {"id": entry_id}  # the question-log entry 👍/👎 belongs to; not a panel (no title)
    messages = [main]
    if view.sources:
        title = f"{SOURCES_TITLE}（{len(view.sources)}）"
        metadata: dict[str, Any] = {"title": title}
        if len(view.sources) > OPEN_SOURCES:
            metadata["status"] = "done"  # Gradio opens a panel unless its status is "done"
        messages.append({"role": "assistant", "content": sources_markdown(view, href), "metadata": metadata})
    if view.number_summary or view.formulas:
        messages.append(
            {
                "role": "assistant",
                "content": checks_markdown(view),
                "metadata": {"title": checks_title(view), "status": "done"},
            }
        )
    return messages


def stream_answer(
    view: AnswerView, href: Href = no_link, entry_id: str | None = None, step: int = 12
) -> Iterator[list[dict[str, Any]]]:
    """Successive message lists that reveal the answer text, ending with the full turn and its panels."""
    text = MARKER.sub("", view.text)
    for end in range(step, len(text), step):
        yield [{"role": "assistant", "content": md_block(text[:end])}]
    yield answer_messages(view, href, entry_id)


def message_text(content: Any) -> str:
    """Plain text of a history message's content (a string or a list of {"type": "text"} parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "".join(message_text(part) for part in content)
    return ""


def answer_plain(markdown: str) -> str:
    """The answer text of a main message this module wrote (markers kept as [n], flags and links removed)."""
    match = _BODY_END.search(markdown)
    body = markdown[: match.start()] if match else markdown
    body = _LINK.sub(r"\1", body)
    return md_plain(_FLAGGED.sub(r"\1", body))


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
        text = (answer_plain(markdown) if role == "assistant" else md_plain(markdown)).strip()
        if text and text != WORKING_TEXT:
            turns.append({"role": role, "content": text})
    return turns
