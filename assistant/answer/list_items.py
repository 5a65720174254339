"""One item of a long 主要包括 list is not a subject of its own: its amount is refused, never answered with
the list owner's total."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from assistant.answer.toolkit import Toolkit
from assistant.evidence.records import Evidence
from assistant.evidence.spans import Span
from assistant.understand.cues import CUES
from assistant.understand.normalize import fold
from assistant.understand.plan import Plan

log = logging.getLogger(__name__)


LONG_LIST = 5  # a 主要包括 list with this many 、 names many items; one of them alone is not the subject


LIST_LEAD = CUES.cue("list_lead")


def list_item_only(kit: Toolkit, q: Plan, spans: Sequence[Span], owner_named: bool = False) -> Evidence | None:
    """ "工会经费花了多少": the best sentence names it only as one item of a long 主要包括 list of another
    subject; that subject's figure is no answer, so the amount is refused (the list is said, without figures).
    `owner_named`: the list's owner may be named too ("X里的A、B各花了多少": the items are still what is asked)."""
    if not spans or not q.says("money"):
        return None
    asked = fold(q.text)
    folded = fold(kit.report.clean_text[spans[0].start : spans[0].end])
    cue = LIST_LEAD.search(folded)
    if cue is None:
        return None
    items = [i.strip(" 等。；;") for i in re.split(r"[、，,]|和(?=[\u4e00-\u9fff]{2,}$)", folded[cue.end() :])]
    if len(items) <= LONG_LIST:
        return None
    shortest = 2 if owner_named else 3  # beside its owner's name a two-character item (水费) is what is asked
    named = [i for i in items if len(i) >= shortest and i in asked]
    owner = re.sub(r"[\d.\s]+|万?元|[“”]", "", cue.group(1))
    owner_asked = owner in asked and not owner_named
    if not named or not owner or owner_asked or any(f.subject in named for f in kit.report.facts):
        return None
    log.info("%s is one item of %s's list; its amount is not stated", named, owner)
    what = f"“{'、'.join(named)}”的具体数额：报告只在{owner}的开支范围中列出了它，没有单独列出数字"
    return kit.not_found(q, what)
