"""Whether the body's staff grew or shrank ("人是多了还是少了"): the template states no headcount, only the people
who joined and who retired in its 项 explanations ("新增 6 人、退休 10 人"); the net change is worked out from
those two counts by the calculator, and the answer says the report gives no total."""

from __future__ import annotations

from assistant.answer.toolkit import Answerer
from assistant.calculator import compute
from assistant.evidence.records import Evidence
from assistant.understand.cues import CUES
from assistant.understand.plan import Plan

JOINED, LEFT = CUES.words("staff_net")  # the two counts a net staff change is worked out from


class StaffChange(Answerer):
    """The net change of the body's staff from the stated joiners and leavers."""

    def asks(self, q: Plan) -> bool:
        return q.says("staff_change") and tuple(q.subjects) == (JOINED, LEFT)

    def net_change(self, q: Plan) -> Evidence | None:
        joined = self.kit.value_fact(JOINED, q.with_(measure="数量"))
        left = self.kit.value_fact(LEFT, q.with_(measure="数量"))
        if joined is None or left is None:
            return None
        ev = Evidence("answered", "derived", q.text)
        year = f"{joined.year} 年度" if joined.year else "当年"
        span = self.kit.span(joined)
        ev.add(f"报告没有公布单位的总人数，只在说明支出时写明 {year}新增 {joined.value} 人、退休 {left.value} 人。",
               *dict.fromkeys(s for s in (span, self.kit.span(left)) if s))  # fmt: skip
        ev.facts.extend([joined, left])
        if joined.value == left.value:
            ev.add("新增和退休的人数相同，按这两个数看人员没有增减。")
            return ev
        more, fewer = (joined, left) if joined.value > left.value else (left, joined)
        gap = compute("difference", more, fewer)
        ev.checks.append(gap.check)
        way = "增加" if more is joined else "减少"
        ev.add(f"按这两个数推算，人员比上年净{way} {gap.text} 人（{gap.said} = {gap.text}）。")
        return ev
