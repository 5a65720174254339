"""`python -m assistant explain`: a question's plan in plain words, with the route that would answer it.

The plan is the program of the answer (steps of one operation each, over catalogue targets, with conditions);
this prints it the way a reviewer reads it, and `--json` prints the same as the answer JSON carries it.
"""

from __future__ import annotations

from assistant.understand.plan import Plan, Step, Target

OPERATIONS = {
    "lookup": "查找", "prior_year": "推算上年数", "change": "比上年增减", "share": "占比", "ratio": "倍数",
    "difference": "差额", "sum": "合计", "complement": "总数减去所列部分", "average": "平均", "per_unit": "平均每单位",
    "budget": "由完成率推算预算", "count": "计数", "max": "最大", "min": "最小", "nth": "第 n 名", "filter": "筛选",
    "order": "排序", "all": "是否全部满足", "any": "是否有满足的",
    "list": "列出", "reason": "原因", "define": "定义或用途", "passage": "原文检索", "refuse": "拒答",
    "clarify": "追问",
}  # fmt: skip
SLOTS = (
    ("intent", "意图"), ("subjects", "科目"), ("projects", "项目"), ("ambiguous", "多义"), ("measure", "口径"),
    ("project_field", "表中字段"), ("operation", "运算"), ("year", "年度"), ("rank", "名次"), ("people", "人员"),
    ("per", "平均每"), ("ordinal", "第几项"), ("quoted", "引号中的名称"), ("everyday", "日常说法"),
    ("unheld", "报告不含"), ("other_bodies", "其他单位"), ("cues", "提示词"),
)  # fmt: skip


def render_plan(plan: Plan, route: str) -> str:
    """The plan for a terminal: the question, what was read, the steps, and the route."""
    lines = [f"问题：{plan.question or plan.text}", f"规范化：{plan.text}"]
    for name, label in SLOTS:
        value = getattr(plan, name)
        if value in ("", 0, (), None, "other") and name != "intent":
            continue
        lines.append(f"{label}：{_plain(value)}")
    for condition in plan.conditions:
        lines.append(f"条件：{condition.field} {condition.comparator} {condition.value}（{condition.said}）")
    if plan.threshold is not None:
        lines.append(f"界限：{plan.threshold.comparator} {plan.threshold.value}{plan.threshold.unit}")
    if plan.verdict is not None:  # "过半了吗": the claim the answer judges
        v = plan.verdict
        lines.append(f"待判断的说法：{v.measure or '所答的比率'} {v.comparator} {v.bound}%（{v.said}）")
    if plan.previous is not None:
        lines.append(f"承接上一问：{plan.previous.text}")
    if plan.collection:
        lines.append(f"汇总范围：{plan.collection} · {plan.attribute} · {plan.aggregate}")
    for condition in plan.filters:
        lines.append(f"成员条件：{condition.field} {condition.comparator} {condition.value}{condition.unit}")
    if plan.status == "clarify":
        lines.append("问题太笼统：反问用户，并给出可以直接问的具体问题")
    for i, part in enumerate(plan.parts):
        shown = "（上一轮的计划，重新执行以取得它找到的对象，不显示）" if part.status == "context" else ""
        lines.append(f"分问 {i}：{part.question or part.text}{shown}")
    lines.append("步骤：")
    lines += [f"  {i}. {_step(step, bool(plan.parts))}" for i, step in enumerate(plan.steps)]
    lines.append(f"路径：{route}")
    return "\n".join(lines)


def _step(step: Step, parts: bool = False) -> str:
    lead = f"[分问 {step.part}] " if parts else ""
    words = [lead + OPERATIONS.get(str(step.op), str(step.op)) + f"（{step.op}）"]
    if step.targets:
        words.append("、".join(_target(t) for t in step.targets))
    if step.conditions:
        words.append("条件 " + "，".join(f"{c.field} {c.comparator} {c.value}" for c in step.conditions))
    if step.inputs:
        words.append("用第 " + "、".join(str(i) for i in step.inputs) + " 步的结果")
    if step.rank:
        words.append(f"第 {step.rank} 名")
    if step.per:
        words.append(f"每{step.per}")
    return "：".join(words[:2]) + ("；" + "；".join(words[2:]) if len(words) > 2 else "")


def _target(target: Target) -> str:
    if target.kind == "found":
        return "前一步找到的对象" + (f" · {target.measure}" if target.measure else "")
    text = target.name or target.kind
    if target.measure:
        text += f" · {target.measure}"
    if target.year:
        text += f" · {target.year}年"
    if target.options:
        text += f"（可能指 {'、'.join(target.options)}）"
    return text


def _plain(value: object) -> str:
    if isinstance(value, tuple):
        return "、".join(_plain(v) for v in value)
    return str(value)
