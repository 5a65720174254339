"""An amount or a count per unit the report states a count in: "平均每人次花了多少" (the subject's amount ÷ its
人次), "平均每批次多少人次" (count ÷ count), "租金摊到每平方米多少" (a project's 执行数 ÷ the area its indicator rows
state). A unit asked may be stated in another (人均 over 人次, 每批 over 批次); an amount below one 万元 per unit
is shown in 元 unless 万元 is asked."""

from __future__ import annotations

import re

from assistant.answer.toolkit import Answerer
from assistant.calculator import compute, evaluate, format_number, formula
from assistant.evidence.records import Evidence
from assistant.evidence.spans import one_line, sentence_around
from assistant.records import Operand
from assistant.understand.cues import CUES
from assistant.understand.per_words import SCALES, count_said, noun_after_per
from assistant.understand.plan import Plan
from corpus import Fact

PER_UNITS = {unit: list(said) for unit, said in CUES.table("per_units").items()}
TEN_THOUSAND = Operand("10000", "万元折合元")
CHANGE_SUBJECT = CUES.cue("change_subject")
AMOUNT_CHARS = "费支出及经"  # characters every amount's name has: they say nothing about which amount


class PerUnit(Answerer):
    def per_unit(self, q: Plan) -> Evidence | None:
        """ "平均每批次多少人次": one count of a subject divided by another of the same subject; "公务用车运行维护费
        平均到每辆车多少": the subject's amount divided by the count the report states in that unit."""
        if not q.per:
            return None
        per = q.per
        wants_count = bool(q.count_asked) and q.count_asked != per
        # "公务用车的运行维护费": a name split by 的 is the longer subject (公务用车运行维护费), asked first.
        joined = [
            o
            for s in q.named
            for o in self.table.by_subject
            if o.startswith(s) and len(o) - len(s) >= 2 and o[len(s) :] in q.text
        ]
        for subject in dict.fromkeys(joined + list(q.named)):
            counts = self.table.find(subject, "数量") or self.table.related(subject, "数量")
            by_unit = {f.unit: f for f in counts}
            units = PER_UNITS.get(per, [per])
            denominator = next((by_unit[u] for u in units if u in by_unit), None)
            # a count stated anywhere only in the very unit asked: 人均 of staff costs is never over visitors' 人次
            denominator = denominator or self._stated_count(per)
            if denominator is None or denominator.value == 0:
                continue
            per = denominator.unit if denominator.unit in units else per
            numerators = [f for u, f in by_unit.items() if u != per]
            if not wants_count:  # no count asked ("摊到每个人次头上呢"): the amount per unit, never 批次 per 人次
                found = self._amount_per(q, subject, denominator, per)
                if found is not None:
                    return found
                if q.says("money") or not numerators:
                    continue
            if not numerators:
                continue
            numerator = numerators[0]
            comp = compute("ratio", numerator, denominator)
            ev = Evidence("answered", "derived", q.text)
            self.kit.group_text([denominator, numerator], ev)
            ev.add(f"平均每{per} = {comp.said} = {format_number(comp.value)} {numerator.unit}。")
            ev.checks.append(comp.check)
            return ev
        if q.named:
            return self.kit.not_found(q, f"可以用来平均的{per}数：报告没有写明与之对应的数量")
        return None

    def per_counted(self, q: Plan) -> Evidence | None:
        """ "单位的车平摊下来每辆多少钱": nothing named but the unit; what the report counts in it (公务用车 4 辆) is
        the subject, and the money spent on it the amount."""
        if q.says("unit_price"):  # "单价…的设备每台多少钱": a price of one thing, not an average over what is counted
            return None
        units = PER_UNITS.get(q.per, [q.per])
        count = next((c for u in units if (c := self._stated_count(u)) is not None), None)
        if count is None or count.value == 0:
            return None
        amount = self._spent_on(q, count.subject)
        return self._per(q, amount, count, count.unit) if amount is not None else None

    def _stated_count(self, unit: str) -> Fact | None:
        """The one number of things in `unit` the report states as a total (车辆 4 辆 and 公务用车 4 辆 agree);
        None when it states none or several that differ, or only changes (新增 6 人、退休 10 人)."""
        found = [
            f
            for f in self.report.facts
            if f.measure == "数量" and f.unit == unit and not f.scope and not f.parent
            if not CHANGE_SUBJECT.search(f.subject)
        ]
        return found[0] if found and len({f.value for f in found}) == 1 else None

    def project_per_unit(self, q: Plan) -> Evidence | None:
        """ "租金摊到每平方米多少": a project's 执行数 ÷ the one count its indicator rows state in that unit."""
        if not q.per or not q.projects:
            return None
        units = PER_UNITS.get(q.per, [q.per])
        facts = self.table.project_facts(q.projects[0])
        amount = next((f for f in facts if f.measure == "执行数" and f.value), None)
        counts = [f for f in facts if f.measure == "完成值" and f.unit in units and f.value]
        if len({f.value for f in counts}) > 1:  # "每个坐席": the row the question's own words name (坐席数量)
            noun = noun_after_per(q.rest or q.text)  # "一家企业": the word right after the unit first
            counts = (_named_rows(counts, noun) if noun else []) or _named_rows(counts, q.rest or q.text)
        if amount is not None and not counts:  # "按1.25亿用户算": a count the question states
            return self._per_said(q, amount, units)
        if amount is None or not counts or len({f.value for f in counts}) != 1:
            return None
        return self._per(q, amount, counts[0], counts[0].unit)

    def _per_said(self, q: Plan, amount: Fact, units: list[str]) -> Evidence | None:
        """An amount per unit of a count only the question states: the count as said (cited where the report
        prints it too), the amount in 元, and 分 when under one 元."""
        said = count_said(q.question or q.text, units)
        if said is None or amount.unit != "万元":
            return None
        number, scale, noun = said
        operands = [amount, TEN_THOUSAND, Operand(number, f"问题所说的{noun}数")]
        count = number
        if scale:
            operands.append(Operand(str(SCALES[scale]), scale))
            count = f"({number} × {SCALES[scale]})"
        expression = f"{format_number(amount.value)} × 10000 ÷ {count}"
        yuan = formula(expression, *operands, places=4, fixed=True)
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([amount], ev)
        printed = self.report.clean_text.find(f"{number}{scale}")
        span = sentence_around(self.report, printed, printed + len(number) + len(scale)) if printed != -1 else None
        if span is not None:  # the report prints it too: its own sentence, cited
            clause = re.split(r"[，,。；;]", self.report.clean_text[printed : span.end])[0]
            ev.add(f"报告写明：{one_line(self.report.clean_text[span.start : printed] + clause)}。", span)
        ev.add(f"按{number}{scale}{noun}计，平均每{q.per} = {yuan.said} = {yuan.text} 元。")
        ev.checks.append(yuan.check)
        if yuan.value < 1:
            fen = formula(f"{expression} × 100", *operands, Operand("100", "元折合分"), places=2, fixed=True)
            ev.add(f"折合约 {fen.text} 分。")
            ev.checks.append(fen.check)
        return ev

    def _amount_per(self, q: Plan, subject: str, count: Fact, per: str) -> Evidence | None:
        """ "摊到每位来宾是多少": the subject's amount ÷ the count (in 元 when asked), never count ÷ count."""
        amounts = [f for f in self.table.group(count) if f.measure == "决算数"]
        amount = amounts[0] if amounts else self.table.best(self.table.find(subject, "决算数"), subject)
        amount = amount or self._spent_on(q, subject)
        if amount is None:
            return None
        return self._per(q, amount, count, per)

    def _spent_on(self, q: Plan, counted: str) -> Fact | None:
        """The money spent on what a count counts ("公务用车" 4 辆 → 公务用车购置及运行维护费): of the amounts whose
        subject extends the counted name, the one whose extra words the question shares most (运维, 养护 →
        运行维护费), else the widest (the one the others are parts of)."""
        options = [s for s in self.table.by_subject if s != counted and s.startswith(counted)]
        options = [s for s in options if self.table.find(s, "决算数")]
        if not options:
            return None
        said = set(q.rest or q.text) - set(AMOUNT_CHARS)

        def shared(name: str) -> int:
            return len(set(name[len(counted) :]) & said)

        parents = {f.parent for s in options for f in self.table.find(s, "决算数") if f.parent in options}
        best = max(options, key=lambda s: (shared(s), -len(s) if shared(s) else s in parents, -len(s)))
        return self.table.best(self.table.find(best, "决算数"), best)

    def _per(self, q: Plan, amount: Fact, count: Fact, per: str) -> Evidence:
        if amount.unit == "万元" and count.unit.startswith("万") and count.unit != "万元":
            return self._per_ten_thousand(q, amount, count)
        small = count.value and abs(amount.value / count.value) < 1 and not q.asks("in_wan")  # 0.0246 万元 reads as 元
        in_yuan = amount.unit == "万元" and (q.says("yuan") or bool(small))
        scale = " × 10000" if in_yuan else ""
        expression = f"{format_number(amount.value)}{scale} ÷ {format_number(count.value)}"
        # A per-head cost in 万元 is often below 0.01: keep enough decimals to say something.
        places = 2 if in_yuan or abs(evaluate(expression)) >= 1 else 4
        constants = [TEN_THOUSAND] if in_yuan else []
        per_unit = formula(expression, amount, count, *constants, places=places, fixed=True)
        unit = "元" if in_yuan else amount.unit
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([amount], ev)
        self.kit.group_text([count], ev)
        shown = ""
        if in_yuan:
            yuan = formula(f"{format_number(amount.value)} × 10000", amount, TEN_THOUSAND, places=0)
            shown = f"{format_number(amount.value)} 万元 = {yuan.text} 元，"
        ev.add(f"{shown}平均每{per} = {per_unit.said} = {per_unit.text} {unit}。")
        ev.checks.append(per_unit.check)
        if in_yuan:
            ev.checks.append(yuan.check)
        return ev

    def _per_ten_thousand(self, q: Plan, amount: Fact, count: Fact) -> Evidence:
        """ "每人次成本多少元" over a count in 万次: 万元 ÷ 万次 is 元 per 次, the two 万 cancel."""
        shown = format(count.value, "f")  # every digit the report prints (80.9869 万次)
        per_unit = formula(f"{format_number(amount.value)} ÷ {shown}", amount, count, fixed=True)
        unit = q.per if q.per.endswith(count.unit[-1]) else count.unit.removeprefix("万")  # 人次 over 万次
        ev = Evidence("answered", "derived", q.text)
        self.kit.group_text([amount], ev)
        self.kit.group_text([count], ev)
        ev.add(
            f"平均每{unit} = {format_number(amount.value)} 万元 ÷ {shown} {count.unit}"
            f" = {per_unit.text} 元（万元 ÷ {count.unit}，结果单位为元）。"
        )
        ev.checks.append(per_unit.check)
        return ev


def _named_rows(rows: list[Fact], said: str) -> list[Fact]:
    """The rows whose names share the most two-character words with what the question says (坐席数量 for
    "每个坐席"); none when no row's name shares any."""
    asked = {said[i : i + 2] for i in range(len(said) - 1)}

    def shared(row: Fact) -> int:
        return len({row.subject[i : i + 2] for i in range(len(row.subject) - 1)} & asked)

    best = max(shared(r) for r in rows)
    return [r for r in rows if shared(r) == best] if best else []
