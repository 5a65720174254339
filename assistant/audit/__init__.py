"""The report audit: recompute every total, share, rate and year-on-year figure the report states.

Public API (``python -m assistant audit`` calls exactly these names):

- ``AuditItem(name, expression, expected, computed, difference, ok, section_ids, fact_ids)`` – one check;
  ``expected`` is what the report states, ``computed`` what the calculator gets from the report's other
  figures, ``difference`` = computed − expected (signed, 2 decimals).
- ``audit_report(report) -> list[AuditItem]`` – every check the fact table allows.
- ``render_audit_table(items) -> str`` – a markdown table with a one-line summary, for the CLI.

Everything is derived from the fact table (``Fact.parent``, measures, 类/款/项 names, ``Report.projects``),
never from this report's values, so any report of the national template is audited the same way:

1. children of a ``parent`` (one "其中" list: same parent, level and section) sum to the parent's 决算数;
2. each 占比 = value ÷ parent × 100; the shares of a list that covers its parent sum to 100;
3. each 比上年增减率 = 增减额 ÷ (决算数 − 增减额) × 100 (and 增减额 = 决算数 − prior year when both are stated);
4. the 项 of one 类 sum to that 类's amount; all 项 sum to the total the 类 belong to;
5. the same quantity stated in several sections agrees, including 基本支出 vs 一般公共预算财政拨款基本支出
   when all income is 财政拨款, and 项目支出 vs the 项 that carry it;
6. per project table: 执行率 = 执行数 ÷ 调整后预算 × 100 and 自评得分 = indicator scores + budget score.

Tolerance: sums and amounts exact at 2 decimals; a stated percentage within 0.01 of the exact quotient (so both
rounding and truncation pass); a sum of n rounded shares within 0.01·⌈n/2⌉ of 100.
Inconsistencies are reported (ok=False), never smoothed over.
"""

from assistant.audit.ledger import AuditItem
from assistant.audit.render import render_audit_table
from assistant.audit.rules import audit_report

__all__ = ["AuditItem", "audit_report", "render_audit_table"]
