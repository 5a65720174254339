"""Read a report file and refuse what is not one, with a message a user can act on."""

from __future__ import annotations

import hashlib
from pathlib import Path

MAX_REPORT_BYTES = 20 * 1024 * 1024


class CorpusError(Exception):
    """A report that cannot be read or is not a 决算 report; the message is for end users (Chinese)."""


def read_report_text(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"找不到报告文件：{path}")
    if not path.is_file():
        raise CorpusError(f"不是一个文件：{path}")
    data = path.read_bytes()
    if len(data) > MAX_REPORT_BYTES:
        raise CorpusError(f"报告文件过大（{len(data)} 字节），上限为 {MAX_REPORT_BYTES} 字节：{path}")
    if b"\x00" in data:
        raise CorpusError(f"这是一个二进制文件，不是文本格式的决算报告：{path}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"无法识别文件编码（需要 UTF-8 或 GB18030 文本）：{path}") from exc
    if not text.strip():
        raise CorpusError(f"报告文件是空的：{path}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
