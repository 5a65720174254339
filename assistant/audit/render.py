"""The audit as a table for the command line (`python -m assistant audit`)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.audit.ledger import AuditItem


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_audit_table(items: Sequence[AuditItem]) -> str:
    """A markdown table (readable as plain text) with a summary line; inconsistencies are marked ✗."""
    if not items:
        return "没有可核对的数字（报告中未提取到可相互验证的数据）。"
    bad = sum(1 for i in items if not i.ok)
    lines = [
        f"共核对 {len(items)} 项：{len(items) - bad} 项一致，{bad} 项不一致。",
        "",
        "| # | 核对项 | 算式 | 报告数 | 计算数 | 差额 | 结果 | 章节 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, item in enumerate(items, 1):
        cells = [
            str(n),
            item.name,
            item.expression,
            item.expected,
            item.computed,
            item.difference,
            "✓ 一致" if item.ok else "✗ 不一致",
            ", ".join(item.section_ids),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)
