"""The logical form of a question: its plan's slots written as ordered steps over catalogue targets.

Each ask becomes a `Step` of one operation; a derived figure is a calculation step whose `inputs` are the lookup
steps before it (FinQA-style: "除了X，其余加起来" is lookup(T), lookup(X), complement(0, 1)). The steps say what
is asked; which answerer executes them is the router's choice, recorded beside them as the route.
"""

from __future__ import annotations

from assistant.understand.collection_shares import is_collection
from assistant.understand.compound import found_steps
from assistant.understand.conditions import AMOUNT_FIELDS, RATE_FIELD
from assistant.understand.parse import PROJECT_MEASURES
from assistant.understand.part_folds import share_of_sum_steps
from assistant.understand.plan import Condition, Op, Plan, Step, Target

AGGREGATES = {"max": Op.MAX, "min": Op.MIN, "sum": Op.SUM, "avg": Op.AVERAGE, "filter": Op.FILTER}
OVER_COLLECTION = {
    **AGGREGATES, "nth": Op.NTH, "top": Op.NTH, "count": Op.COUNT, "order": Op.ORDER, "all": Op.ALL, "any": Op.ANY,
}  # fmt: skip
DERIVED = {"sum": Op.SUM, "difference": Op.DIFFERENCE, "share": Op.SHARE}


def steps_of(plan: Plan, report_year: int) -> tuple[Step, ...]:
    """The steps of a plan, from its slots; a question that names nothing is a passage search."""
    if plan.found >= 0:  # about what an earlier ask of the question found
        return found_steps(plan)
    if plan.whole and is_collection(plan.whole):  # "占12个项目执行数合计的比重": the named part ÷ the column total
        column = Target("collection", plan.whole, plan.attribute)
        named = (Target("collection", plan.whole, plan.attribute, plan.year, options=plan.projects or plan.subjects),)
        return (Step(Op.SUM, named), Step(Op.SUM, (column,)), Step(Op.SHARE, inputs=(0, 1)))
    if plan.whole:  # "各占三公经费的比例": each share of the whole named
        parts = _fact_targets(plan) + _project_targets(plan)
        if plan.operation == "sum" and len(parts) >= 2:  # "A和B合计多少？占X的比例": the sum's share of X
            return share_of_sum_steps(plan)
        return tuple(Step(Op.SHARE, (t, Target("fact", plan.whole, "决算数", t.year))) for t in parts)
    if plan.aggregate and plan.collection and not (plan.people and plan.collection == "projects"):
        return _over_collection(plan)  # (the tables a person signs are filtered by person below)
    facts = _fact_targets(plan)
    if plan.ordinal_word and not plan.matches:  # "第二项职责"
        return (Step(Op.NTH, (Target("list", ""),), rank=plan.ordinal),)
    if plan.count_word and not plan.matches:  # "主要职责一共有几项"
        return (Step(Op.COUNT, (Target("list", ""),)),)
    if plan.intent == "reason":
        return (Step(Op.REASON, facts or _project_targets(plan)),)
    if plan.intent == "define":
        return (Step(Op.DEFINE, facts),)
    if plan.people or (plan.conditions and plan.says("project_word")):
        return _over_projects(plan)
    # "X、Y都没花完": those subjects, not the tables; "X项目钱花完了没": that project's own table
    unspent_tables = plan.says("unspent") and not facts and not plan.projects
    if plan.all_projects or plan.says("full_marks") or plan.filled_field or unspent_tables:
        return _over_projects(plan)
    if plan.projects and plan.per:  # "租金摊到每平方米多少": the project's spending ÷ a count its rows state
        spent = [Target("project", plan.projects[0], "执行数", plan.year)]
        return _derived(Op.PER_UNIT, spent, per=plan.per)
    if plan.projects:
        return tuple(Step(Op.LOOKUP, (t,)) for t in _project_targets(plan))
    if not facts:
        return (Step(Op.PASSAGE, (Target("text", plan.text),)),)
    if plan.measures:  # "决算数、完成率和降幅分别是多少": one lookup per measure of the subject
        return tuple(Step(Op.LOOKUP, (_measured(t, m, t.year),)) for t in facts for m in plan.measures)
    if plan.year and plan.year == report_year - 1 and not plan.measure.startswith("比上年"):
        return _each_prior_year(facts, report_year)
    if plan.operation == "complement" or (plan.says("complement") and plan.says("sum_word")):  # amounts
        return _derived(Op.COMPLEMENT, [_measured(t, "决算数", t.year) for t in facts])
    if plan.per:
        return _derived(Op.PER_UNIT, facts, per=plan.per)
    if plan.asks("ratio_word") and len(facts) >= 2:
        return _derived(Op.RATIO, facts[:2])
    if plan.asks("budget_word") or plan.asks("budget_and_actual"):
        return _derived(Op.BUDGET, facts)
    if plan.operation in ("max", "min"):
        op = Op.NTH if plan.rank > 1 else AGGREGATES[plan.operation]
        return (Step(op, tuple(Target("collection", f"parts:{t.name}", t.measure) for t in facts), rank=plan.rank),)
    if plan.operation in DERIVED and len(facts) >= 2:
        return _derived(DERIVED[plan.operation], facts)
    if plan.intent == "list" or plan.asks("child_cue"):
        return (Step(Op.LIST, tuple(Target("collection", f"parts:{t.name}", t.measure) for t in facts)),)
    return tuple(Step(Op.LOOKUP, (t,)) for t in facts)


def _fact_targets(plan: Plan) -> tuple[Target, ...]:
    measure = plan.measure or "决算数"
    targets = [Target("fact", s, measure, plan.year) for s in plan.subjects]
    targets += [Target("fact", group[0], measure, plan.year, options=group) for group in plan.ambiguous]
    return tuple(targets)


def _project_targets(plan: Plan) -> tuple[Target, ...]:
    fields = list(plan.fields) or ([plan.project_field] if plan.project_field else [""])
    named = [(name, PROJECT_MEASURES.get(field, field)) for name in plan.projects for field in fields]
    return tuple(Target("project", name, measure, plan.year) for name, measure in named)


def _measured(target: Target, measure: str, year: int) -> Target:
    return Target(target.kind, target.name, measure, year, target.options)


def _derived(
    op: Op, facts: tuple[Target, ...] | list[Target], asked: tuple[Target, ...] = (), per: str = ""
) -> tuple[Step, ...]:
    """Lookups of each figure, then the calculation over them."""
    lookups = [Step(Op.LOOKUP, (t,)) for t in facts]
    if op is Op.PRIOR_YEAR:
        lookups += [Step(Op.LOOKUP, (_measured(t, "比上年增减额", t.year),)) for t in asked]
    return (*lookups, Step(op, inputs=tuple(range(len(lookups))), per=per))


def _each_prior_year(facts: tuple[Target, ...], report_year: int) -> tuple[Step, ...]:
    """ "X和Y上年各是多少": each subject's amount and stated change, and its prior year worked out."""
    steps: list[Step] = []
    for target in facts:
        at = len(steps)
        steps += [
            Step(Op.LOOKUP, (_measured(target, "决算数", report_year),)),
            Step(Op.LOOKUP, (_measured(target, "比上年增减额", target.year),)),
            Step(Op.PRIOR_YEAR, inputs=(at, at + 1)),
        ]
    return tuple(steps)


def _over_projects(plan: Plan) -> tuple[Step, ...]:
    """A filter over the project tables (by person, field condition, threshold or text cell), then the aggregate."""
    field = PROJECT_MEASURES.get(plan.project_field, plan.project_field) or plan.condition_target
    if plan.threshold is not None and plan.threshold.unit == "%" and field in AMOUNT_FIELDS:
        field = RATE_FIELD  # a percentage bounds the rate, never an amount
    tables = Target("collection", "projects", field)
    conditions = list(plan.conditions)
    conditions += [Condition("负责人", "=", person) for person in plan.people]
    if plan.threshold is not None:
        conditions.append(Condition(field, plan.threshold.comparator, plan.threshold.value, plan.threshold.said))
    if plan.says("full_marks"):
        conditions.append(Condition("自评得分", "<", "100"))
    if plan.filled_field:
        conditions.append(Condition(plan.filled_field, "!=", "无"))
    if plan.says("unspent"):
        conditions.append(Condition("执行率", "<", "100"))
    steps = [Step(Op.FILTER, (tables,), tuple(conditions))] if conditions else []
    op = AGGREGATES.get(plan.operation)
    if op is not None and op is not Op.FILTER:
        if plan.rank > 1:
            op = Op.NTH
        steps.append(Step(op, (tables,), inputs=(0,) if steps else (), rank=plan.rank))
    return tuple(steps) or (Step(Op.LIST, (tables,)),)


def _over_collection(plan: Plan) -> tuple[Step, ...]:
    """One aggregate over a catalogue collection, after its conditions (TAPAS: aggregation over a column)."""
    column = Target("collection", plan.collection, plan.attribute)
    steps = [Step(Op.FILTER, (column,), plan.filters)] if plan.filters else []
    op = OVER_COLLECTION[plan.aggregate]
    if op is not Op.FILTER or not steps:
        steps.append(Step(op, (column,), inputs=(0,) if steps else (), rank=plan.rank))
    return tuple(steps)
