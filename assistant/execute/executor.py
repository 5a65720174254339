"""The executor of a compound question: its asks run in order, each answered (or refused) on its own, an ask
about what an earlier ask found reading that ask's result, and the answers joined one after another.

Each ask is a complete plan: the registry's answerers answer it as they answer a question of one ask (the
generic aggregate and share executors among them), so every capability serves compound questions too. An ask
the report cannot answer is refused by itself, naming that ask, and states no figure; an ask whose answer the
earlier ones already gave adds nothing.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from assistant.answer.indicators import Indicators
from assistant.answer.router import Router
from assistant.answer.toolkit import Toolkit
from assistant.calculator import compute, format_number
from assistant.calculator.checks import plain_signs
from assistant.compose.wording import show
from assistant.evidence.records import Evidence, Piece
from assistant.execute.against_table import against_field, row_amount, set_against, total_of
from assistant.execute.aggregate import LABELS, MONEY, Aggregates
from assistant.execute.found_items import FoundItems
from assistant.execute.found_rows import FoundRows
from assistant.execute.found_shares import FoundShares, overall_rate, picked_value
from assistant.execute.worked_figure import against_worked
from assistant.records import Check, Operand
from assistant.understand.collection_shares import is_collection
from assistant.understand.collections import PROJECT_MEASURES
from assistant.understand.cues import CUES
from assistant.understand.figure_said import AGAINST_FOUND, FOUND_FIGURE
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan
from assistant.understand.words import grams
from corpus import Fact

log = logging.getLogger(__name__)

NUMBER = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
SAME_WORDS = 0.85  # a piece whose figures were all said is a repeat when most of its words were said too
SUM_WORD = CUES.cue("sum_word")
ROW_RATIO = CUES.cue("row_ratio_asked")  # "完成率是多少" of a row found
TABLE_RATE = CUES.cue("table_rate_word")  # "执行率": the table's money, not a row
KIND_WORD = CUES.cue("kind_word")
SCORE_WORD = re.compile("分")  # "分低的那一个", "分最低的": ranked by the self-evaluation score
TEXT_ROUTES = ("define", "definition_passages", "passages", "passages_no_subject", "section", "rare_word")
AVG = CUES.cue("avg")
LIST_ASK = CUES.cue("list")
BARE_HEADING = 16  # a list's heading this short with no clause of its own only introduces its members
MONTHLY_UNIT = re.compile(r"^\s*(万元|元|分|人次|次|个)")  # the unit written right after a figure
MEMBERS_HEADING = re.compile(r"有 \d+ 个：$")  # the aggregate's filter answer ("…的有 2 个：")


class Executor:
    """Runs the parts of a compound plan through the router, in order."""

    def __init__(self, kit: Toolkit, router: Router, aggregates: Aggregates, rows: Indicators) -> None:
        self.kit = kit
        self.router = router
        self.aggregates = aggregates
        self.rows = rows
        self.found_shares = FoundShares(aggregates)
        self.found_rows = FoundRows(kit, rows, aggregates)
        self.found_items = FoundItems(kit, router, aggregates, self.found_rows)

    def about_previous_rows(self, plan: Plan) -> Evidence | None:
        """A one-ask follow-up naming nothing of its own ("完成率是多少") right after a turn whose answer found
        one indicator row of the project carried: that row's completion ratio, not the table's execution rate."""
        previous = plan.previous
        if previous is None or plan.parts or previous.parts or not plan.elliptical or plan.matches:
            return None
        if len(previous.projects) != 1 or plan.projects != previous.projects or plan.subjects:
            return None
        row_rate = plan.project_field in ("execution_rate", "indicators") and not TABLE_RATE.search(plan.text)
        if not (row_rate and ROW_RATIO.search(plan.text)):
            return None  # other asks after a row ("扣了多少分", "啥时候验收") keep their own routes
        earlier = self.router.answer(previous)
        found = earlier.found
        if found is None or found.kind != "indicator" or len(found.names) != 1 or earlier.status != "answered":
            return None
        return self.found_rows.about_rows(plan.with_(project_field="indicators"), found)

    def run(self, plan: Plan) -> Evidence:
        answers: list[Evidence] = []
        for i, part in enumerate(plan.parts):
            if i and _borrows_refused(part, plan.parts[i - 1], answers[-1]):
                # "线上培训开了几期，花了多少": the second ask is about what the first asked (线上培训), which the
                # report states no figure for; its carried subject's own total (培训支出) is a neighbour's number
                evidence = self.kit.not_found(part, "上一问所指对象的这一数字：报告没有单独列出")
                evidence.route = f"{answers[-1].route}>carried"
            elif part.found >= 0 and part.figure_said == AGAINST_FOUND:  # "与某项收入对得上吗"
                evidence = against_worked(self.kit, part, answers[part.found]) or self.router.answer(part)
            elif part.found >= 0 and part.figure_said == FOUND_FIGURE:  # "这个差额跟哪项收入一样"
                evidence = self._by_worked_figure(part, answers[part.found])
            elif part.found >= 0 and part.per == "月":  # "折合每个月多少": the figure just worked out ÷ 12
                evidence = self._per_month(part, answers[part.found], plan.parts[part.found].subjects[:1])
            elif part.found >= 0 and is_collection(part.whole):  # "占12个项目合计的比重": of what was worked out
                evidence = self._share_in_collection(part, answers[part.found])
            elif part.found >= 0 and part.measure == "占比" and _worked_out(answers[part.found]) is not None:
                source = plan.parts[part.found]  # a total the previous turn gave, worked out again unshown: named
                unit = " 万元" if source.attribute in MONEY else ""
                unshown = f"{LABELS.get(source.attribute, '')}合计 {{}}{unit}" if source.status == "context" else ""
                rest = source.asks("complement")  # "除X外其余…占多少": what is left, of the total it is left of
                evidence = self._share_of_total(part, answers[part.found], unshown, rest)
            elif part.found >= 0:
                source = plan.parts[part.found]
                said = "".join(p.text for p in answers[part.found].pieces)
                found = self.found_items.found(answers[part.found])
                evidence = self.found_items.about_found(part, found, source.attribute, said)
            elif answers and part.measure == "占比" and (value := picked_value(answers[-1])) is not None:
                # "占全部项目执行数合计的比例": the member just picked, as a share of the column's total
                evidence = self.found_shares.share_in_total(part, value, answers[-1]) or self.router.answer(part)
            elif answers and (rate := overall_rate(part)):  # "整体执行率": Σ执行数 ÷ Σ调整后预算
                evidence = self.found_shares.overall(part, rate, answers) or self.router.answer(part)
            elif answers and (against := self._against_table(part, answers[-1])) is not None:
                evidence = against  # "在项目执行数里占几成": the total just worked out, against the table's money
            elif answers and (rows := self.found_rows.over_rows(part, answers[-1], plan.parts[i - 1])) is not None:
                evidence = rows  # "合计多少分", "各自的权重": about the rows just listed
            elif answers and self.found_rows.about_row(part, answers[-1]):  # "比目标多了几个": the row just answered
                evidence = self.found_rows.about_rows(part, answers[-1].found)  # type: ignore[arg-type]
            else:
                evidence = self._unsaid_attribute(part, self.router.answer(part))
            answers.append(evidence)
        return self._joined(plan, answers)

    def _unsaid_attribute(self, part: Plan, evidence: Evidence) -> Evidence:
        """ "都是什么品牌": the report's sentences about the thing named, when none of them says the attribute
        asked, answer some other ask: this ask is refused, naming the attribute."""
        if evidence.status != "answered" or evidence.route not in TEXT_ROUTES or not part.asked_what:
            return evidence
        said = fold("".join(p.text for p in evidence.pieces))
        missing = [w[:2] for w in part.asked_what if not KIND_WORD.search(w) and w[:2] not in said]
        if len(missing) < len(part.asked_what):
            return evidence
        refusal = self.kit.not_found(part, f"关于“{missing[0]}”的内容")
        refusal.route = f"{evidence.route}>unsaid"
        return refusal

    def _by_worked_figure(self, part: Plan, earlier: Evidence) -> Evidence:
        """The items that state the figure an earlier ask worked out (a difference, a sum)."""
        worked = next((c for c in earlier.checks if c.operation in ("sum", "difference") and c.ok), None)
        found = None  # the ask's own sum or difference comes first: audit notes' sums follow it
        if worked is not None:
            found = self.router.answerers.by_value.answer(part.with_(figure_said=format_number(Decimal(worked.result))))
        return found if found is not None else self.kit.not_found(part, "与前面算出的数相同的项")

    def _per_month(self, part: Plan, earlier: Evidence, named: tuple[str, ...]) -> Evidence:
        """The yearly figure an earlier ask gave (its last calculation, else its one stated amount, of the subject
        it named first when it states several) spread over the twelve months of the year."""
        checks = [c for c in earlier.checks if c.ok and not c.result.endswith("%") and c.operation != "count"]
        amounts = [f for f in earlier.facts if f.measure in ("决算数", "执行数")]
        amounts = [f for f in amounts if f.subject in named] or amounts
        text = "".join(p.text for p in earlier.pieces)
        if earlier.status != "answered" or not (checks or len({f.value for f in amounts}) == 1):
            return self.kit.not_found(part, "所问的每月数")
        if checks:
            last = max(checks, key=lambda c: text.rfind(f"= {c.result}"))  # the figure the earlier ask ended on
            yearly = Operand(last.result, "全年")
            unit = MONTHLY_UNIT.search(text[text.rfind(last.result) + len(last.result) :])
            said = unit.group(1) if unit else ""
        else:
            yearly, said = Operand(format(amounts[0].value, "f"), "全年", amounts[0].id), amounts[0].unit
        monthly = compute("ratio", yearly, Operand("12", "一年的月数"))
        ev = Evidence("answered", "derived", part.text, route="per_month")
        ev.checks.append(monthly.check)
        ev.add(f"按一年 12 个月平均，每月约 {monthly.said} = {monthly.text} {said}。".replace(" 。", "。"))
        return ev

    def _share_in_collection(self, part: Plan, earlier: Evidence) -> Evidence:
        """The figure an earlier ask worked out (a total, a ranking's pick, one stated value of the column) as a
        share of the column's total over the collection."""
        value, name = _total(earlier), ""
        label = LABELS.get(part.attribute, part.attribute)
        if value is None and (picked := picked_value(earlier)) is not None:
            value, name = picked, f"{earlier.found.names[0]}{label}" if earlier.found else ""  # type: ignore[union-attr]
        if value is None:
            stated = {(f.scope or f.subject, f.value) for f in earlier.facts if f.measure == part.attribute}
            if len(stated) == 1 and earlier.status == "answered":
                owner, value = next(iter(stated))
                name = f"{owner}{label}"
        evidence = self.found_shares.share_in_collection(part, value, name) if value is not None else None
        return evidence or self.kit.not_found(part, "所问比例的分母")

    def _share_of_total(self, part: Plan, earlier: Evidence, unshown: str = "", rest: bool = False) -> Evidence:
        """ "占调整后预算总和的几成": the total an earlier ask worked out, as a share of the whole this ask names
        (a subject, or another value's total over the same members); `unshown` names a total the previous turn
        gave, worked out again here but not shown, so the answer says which total it is; `rest`: the earlier ask
        set a part aside, so its remainder (not a check or an audit note's sum after it) is the figure."""
        worked = (_remainder(earlier) if rest else None) or _worked_out(earlier)
        assert worked is not None
        total = Decimal(worked.result)
        share_step = part.steps[-1] if part.steps else None
        if share_step is not None and share_step.targets and share_step.targets[0].kind == "fact":
            return self._part_of_total(part, share_step.targets[0].name, total)
        whole_value: Decimal | None = None
        whole_name, spans, checks, lead = "", [], [], ""
        minuend = _minuend(worked, earlier)
        if worked.operation == "difference" and not part.subjects and minuend is not None:
            # "那不是给X的部分…占多少": what is left of the total, as a share of that total
            whole_value, whole_name = minuend.value, f"{self.kit.name(minuend.subject)}（{show(minuend)}）"
            spans, lead = [self.kit.span(minuend)], "其余部分"
        elif part.subjects:
            fact = self.kit.value_fact(part.subjects[-1], Plan(""))
            if fact is not None:
                whole_value, whole_name, spans = (
                    fact.value,
                    f"{self.kit.name(fact.subject)}（{show(fact)}）",
                    [self.kit.span(fact)],
                )
        elif earlier.found is not None:
            attribute = PROJECT_MEASURES.get(part.project_field, "") or part.attribute
            column = self.aggregates.run(
                part.text, earlier.found.collection, attribute, "sum", only=earlier.found.names
            )
            sums = [c for c in column.evidence.checks if c.operation == "sum"] if column is not None else []
            if sums:
                whole_value, checks = Decimal(sums[-1].result), sums[-1:]
                whole_name = (
                    f"{LABELS.get(attribute, attribute)}合计（{plain_signs(sums[-1].expression)} = {sums[-1].result}）"
                )
        if not whole_value:
            return self.kit.not_found(part, "所问比例的分母")
        if unshown and not lead:  # "预算执行数合计 2022.53 万元，占…"
            lead = unshown.format(worked.result) + "，"
        share = compute("share", total, whole_value)
        ev = Evidence("answered", "derived", part.text, route="share_of_total")
        ev.checks.extend([*checks, share.check])
        ev.add(f"{lead}占{whole_name}的比例为 {share.said} = {share.text}。", *[s for s in spans if s is not None])
        return ev

    def _part_of_total(self, part: Plan, name: str, total: Decimal) -> Evidence:
        """ "其中X占这一类的比重": the part named ÷ the total an earlier ask worked out (never the total ÷ X)."""
        fact = self.kit.value_fact(name, Plan(""))
        if fact is None or not total:
            return self.kit.not_found(part, "所问比例的分子")
        share = compute("share", fact, total)
        ev = Evidence("answered", "derived", part.text, route="part_of_total")
        ev.facts.append(fact)
        ev.checks.append(share.check)
        ev.add(
            f"{self.kit.name(fact.subject)}（{show(fact)}）占以上合计（{total} {fact.unit}）的比例为 "
            f"{share.said} = {share.text}。",
            self.kit.span(fact),
        )
        return ev

    def _against_table(self, part: Plan, previous: Evidence) -> Evidence | None:
        """An ask that sets what the ask before added up (an amount of one table's rows) against that table's
        own money ("占项目执行数的比例", "与项目预算的差额")."""
        own = any(m.kind == "subject" for m in part.matches)  # a subject carried from a row's name is no whole
        if len(part.projects) != 1 or own or (part.subjects and total_of(previous) is not None):
            return None
        field, how = against_field(part.text)
        total = total_of(previous) if field else None
        row = row_amount(previous) if field and total is None else None
        if total is None and row is None:
            return None
        ev = Evidence("answered", "derived", part.text, route="against_table")
        if row is not None:  # "这行的数占项目执行数几成": the row's amount, the table's money
            ev.facts.append(row[0])
            amount, subject = row
        else:
            amount, subject = total[0], ""  # type: ignore[index]
        return ev if set_against(self.kit, ev, part.projects[0], amount, field, how, subject) else None

    # ------------------------------------------------------------------ one answer
    def _joined(self, plan: Plan, answers: list[Evidence]) -> Evidence:
        """The asks' answers in order; an ask whose answer adds nothing new is left out, an ask the report
        cannot answer is refused by name and states no figure."""
        shown = [(p, a) for p, a in zip(plan.parts, answers, strict=True) if p.status != "context"]
        answered = [a for _, a in shown if a.status == "answered"]
        if not answered:
            refusal = self.kit.not_found(plan, "")
            refusal.pieces = [Piece(_refusal(part, a)) for part, a in shown]
            refusal.pieces += self.kit.not_found(plan, "与这个问题直接相关的内容").pieces[1:]
            refusal.route = "steps[" + "+".join(a.route for a in answers) + "]"
            return refusal
        ev = Evidence("answered", "compound", plan.text)
        said: list[str] = []
        cited: list[tuple[int, int]] = []
        for part, answer in zip(plan.parts, answers, strict=True):
            if part.status == "context":
                continue  # the previous turn's answer, run again only for what it found
            if answer.status != "answered":
                ev.add(_refusal(part, answer))
                continue
            pieces = _new_pieces(answer.pieces, "".join(said), cited)
            if not any(p.text.strip() for p in pieces):
                continue  # the earlier asks' answers already said it
            said.extend(p.text for p in pieces)
            cited.extend((s.start, s.end) for p in pieces for s in p.cites)
            ev.pieces.extend(pieces)
            ev.facts.extend(answer.facts)
            ev.checks.extend(answer.checks)
            ev.found = answer.found or ev.found
        ev.route = "steps[" + "+".join(a.route for a in answers) + "]"
        return ev


def _borrows_refused(part: Plan, before: Plan, answer: Evidence) -> bool:
    """An ask that names nothing of its own and carries the subject of the ask before, which was refused because
    it asked about more than that subject (the coverage check: "线上培训" is not 培训支出)."""
    refused = answer.status != "answered" and answer.route.endswith(">coverage")
    # only an amount asked again ("花了多少"); a kind, a ranking or a list asks something the subject itself has
    lookup = part.asks("number_cue") and not (part.aggregate or part.collection or part.asked_what)
    return refused and lookup and not part.matches and bool(part.subjects) and part.subjects == before.subjects


def _worked_out(evidence: Evidence) -> Check | None:
    """The last sum or difference an answer worked out (a total, or what is left of one), if it did; none for a
    ranking's pick (its share is the member's own, not a sum an audit note worked out beside it)."""
    if picked_value(evidence) is not None:
        return None
    worked = [c for c in evidence.checks if c.operation in ("sum", "difference") and c.ok]
    return worked[-1] if worked and evidence.status == "answered" else None


def _remainder(evidence: Evidence) -> Check | None:
    """The first difference an answer worked out from a total it cites (T − X of "除X以外，其余…")."""
    found = (c for c in evidence.checks if c.operation == "difference" and c.ok and _minuend(c, evidence))
    return next(found, None) if evidence.status == "answered" else None


def _minuend(check: Check, evidence: Evidence) -> Fact | None:
    """The figure a difference starts from (a remainder's total), as the answer cited it."""
    first = check.operands[0].fact_id if check.operands else ""
    return next((f for f in evidence.facts if first and f.id == first), None)


def _total(evidence: Evidence) -> Decimal | None:
    """The total an answer worked out (its last sum), if it did."""
    sums = [c for c in evidence.checks if c.operation == "sum" and c.ok]
    return Decimal(sums[-1].result) if sums and evidence.status == "answered" else None


def _refusal(part: Plan, answer: Evidence) -> str:
    """ "关于“项目负责人每月收入多少”：报告中没有找到…。", never a figure (the ask's own digits are dropped)."""
    said = answer.pieces[0].text if answer.pieces else "报告中没有找到相关内容。"
    ask = NUMBER.sub("", YEAR.sub("该年", part.question or part.text)).strip("，,。？? ")
    return f"关于“{ask}”：{NUMBER.sub('', said)}" if ask else NUMBER.sub("", said)


def _new_pieces(pieces: list[Piece], before: str, cited: list[tuple[int, int]]) -> list[Piece]:
    """The pieces of an answer the earlier asks did not say. The members a filter kept ("有 2 个：…") answer
    this ask's "哪几项" even when an earlier ask named them: that list is kept whole. Another list whose
    members were all said already goes with its bare heading ("…包括：")."""
    kept: list[Piece] = []
    heading: Piece | None = None  # a list's heading, kept only if one of its members is new
    members = False  # inside a filter's list of members
    for piece in pieces:
        text = piece.text.rstrip()
        if members or not _repeats(piece, before, cited):
            if text.endswith("：") and not members:
                members = bool(MEMBERS_HEADING.search(text))
                bare = not members and len(text) <= BARE_HEADING and not re.search(r"[，,；;。]", text)
                heading = piece if bare else None  # "三公经费包括：" says nothing its members do not
                kept.extend([] if bare else [piece])
                continue
            if heading is not None:
                kept.append(heading)
                heading = None
            kept.append(piece)
            members = members and not text.endswith("。")
    return kept


def _repeats(piece: Piece, before: str, cited: list[tuple[int, int]]) -> bool:
    """A piece the earlier answers already said: the same text, or no number they did not state, nothing cited
    they did not cite, and mostly their words (a figure sentence said again by a reason's answer)."""
    if not before:
        return False
    if piece.text and piece.text in before:
        return True
    numbers = NUMBER.findall(piece.text)
    said = set(NUMBER.findall(before))
    inside = all(any(a <= s.start and s.end <= b for a, b in cited) for s in piece.cites)
    if not (all(n in said for n in numbers) and inside and (numbers or piece.cites)):
        return False
    pairs = [g for g in grams(piece.text) if not g.isdigit()]
    folded = fold(before)
    return not pairs or sum(g in folded for g in pairs) >= SAME_WORDS * len(pairs)
