"""Indicator rows named by the question's words: a quote, shared character pairs of a row's name, or everyday words
weighted by how few rows share them; a table sentence that says more than any row wins over the rows."""

from __future__ import annotations

import logging
import re
from collections import Counter

from assistant.answer.toolkit import Answerer
from assistant.evidence.units import asked_units, contradicts
from assistant.understand.cues import CUES
from assistant.understand.lexicon import project_aliases
from assistant.understand.normalize import fold
from assistant.understand.parse import project_fields
from assistant.understand.plan import Plan
from assistant.understand.words import EVERYDAY_GRAMS, GENERIC, cjk, grams
from corpus import IndicatorRow, ProjectTable

log = logging.getLogger(__name__)

ROW_MATCH = 0.6  # share of an indicator name's character pairs a question must contain to name that row
ROW_CLAUSES = CUES.cue("row_clauses")
ROW_ASK = CUES.cue("row_ask")
MAX_TIED = 3  # rows named equally well: the first few are answered, not the whole table
LOOSE_NAME = 40  # longer "names" are a qualitative row's grading text (高：…中：…低：…), not a name to match
LOOSE_MIN = 1.0  # a loose match needs at least one pair that only its row has (or the like in rarer shares)
LOOSE_STOP = CUES.cue("loose_stop")
STOP_CHARS = frozenset("".join(CUES.words("row_stop_chars")))
PAIR_STOP = frozenset("".join(CUES.words("pair_stop_chars")))
TEXT_FIGURE = CUES.cue("text_figure")
ENUMERATOR = re.compile(r"(?<!\d)\d{1,2}[.、](?=\D)")
HOW_MANY = CUES.source("how_many")
SHARE_SIDES = CUES.cue("share_sides")
EXEC_RATE = CUES.cue("exec_rate")
LOOSE_SHORTFALL = 0.8  # a row stating its shortfall, named loosely: shared pairs' weight (1 = a pair no other row has)


class RowFinder(Answerer):
    """Which rows of which tables a question names."""

    def matching_rows(self, q: Plan, rows: list[IndicatorRow]) -> list[IndicatorRow]:
        # The project's own name says nothing about which of its rows is meant.
        terms = [t for t in self.sentences.terms((q.rest or q.text).replace("□", " ")) if len(t) >= 2]
        if not terms:
            return []
        scored = []
        for row in rows:
            name = fold(row.name + row.level2)
            hit = sum(len(t) for t in terms if t in name)
            if hit:
                scored.append((hit, row))
        if not scored:
            return []
        top = max(h for h, _ in scored)
        return [r for h, r in scored if h == top]

    def best_row(self, q: Plan, project: ProjectTable) -> IndicatorRow | None:
        """The indicator row the question names, by shared character pairs with the question's rest.

        Character pairs, not words: "服务企业数量最后做到多少" names 服务企业数量 whatever jieba makes of it."""
        rest = re.sub(r"[□\W_]", "", without_longest_name(q, project.name))
        best: tuple[float, int, IndicatorRow] | None = None
        for row in project.indicators:
            name = re.sub(r"[\W_]", "", fold(row.name))
            pairs = {name[i : i + 2] for i in range(len(name) - 1)}
            if not pairs:
                continue
            hit = sum(1 for pair in pairs if pair in rest)
            ratio = hit / len(pairs)
            if hit >= 2 and ratio >= ROW_MATCH and (best is None or (ratio, hit) > best[:2]):
                best = (ratio, hit, row)
        if best is None:
            return self._row_by_unit(q, project, rest)
        # The row must be most of what is asked: "交换节点有几个？接了几个省直部门？" asks more than one row.
        terms = [t for t in self.sentences.terms(rest) if t not in GENERIC and not t.isdigit()]
        name = fold(best[2].name)
        total = sum(len(t) for t in terms) or 1
        return best[2] if sum(len(t) for t in terms if t in name) / total >= ROW_MATCH else None

    def _row_by_unit(self, q: Plan, project: ProjectTable, rest: str) -> IndicatorRow | None:
        """ "发的信息比目标多发了多少条": words too loose to name a row, but the one row of the table counted in the
        unit asked (条) that shares a word with the question is the row asked."""
        units = asked_units(q.text) - {"个", "项", "次"}  # units too common to tell rows apart
        if not units:
            return None
        counted = [r for r in project.indicators if fold(r.unit).strip().lstrip("万亿千百") in units]
        if len(counted) != 1:
            return None
        name = re.sub(r"[\W_]", "", fold(counted[0].name))
        shared = {name[i : i + 2] for i in range(len(name) - 1)} & {rest[i : i + 2] for i in range(len(rest) - 1)}
        return counted[0] if shared else None

    def asked_rows(self, q: Plan, project: ProjectTable | None) -> tuple[list[tuple[ProjectTable, IndicatorRow]], str]:
        """The indicator rows a question names by their words, and the question's other clauses (other asks).

        A row is named by a clause when the clause's row-vocabulary bigrams are mostly the row name's: everyday
        words ("要求", "实际做到") carry no row words, so they neither help nor hurt. A quoted name wins outright.
        Without a project every table is searched, and the words must name the row almost entirely."""
        projects = [project] if project is not None else list(self.report.projects)
        text = without_longest_name(q, project.name) if project is not None else q.text
        # A row the everyday words named ("稳不稳定" → 平台可用率) is named as surely as a quoted one.
        read_rows = {term for _, _, term in (e.partition("→") for e in q.everyday)}
        read = [(p, row) for p in projects for row in p.indicators if fold(row.name) in read_rows]
        if not ROW_ASK.search(text) and not q.quoted and not read:
            return [], text
        quoted = [
            (p, row)
            for p in projects
            for row in p.indicators
            for name in q.quoted
            if len(fold(name)) >= 2 and re.sub(r"\W", "", fold(name)) in re.sub(r"\W", "", fold(row.name))
        ]
        quoted += read
        share_rows = [set(grams(r.name)) for p in projects for r in p.indicators if SHARE_SIDES.search(r.name + "比例")]
        clauses = _share_sides(row_clauses(text), share_rows)
        if quoted:
            used = {i for i, c in enumerate(clauses) if any(fold(n) in c for n in q.quoted)}
            return _distinct(quoted), "，".join(c for i, c in enumerate(clauses) if i not in used)
        vocab = self.kit.row_vocab
        picked: list[tuple[ProjectTable, IndicatorRow]] = []
        used: set[int] = set()
        # The named project's own words ("办公" of 办公用房租赁) name the table, not one of its rows.
        named = set(grams(project.name)) | set(grams(re.sub(r"\W", "", project.name))) if project is not None else set()
        loose: dict[int, list[tuple[tuple, ProjectTable, IndicatorRow]]] = {}  # each clause's rows, named or not whole
        for i, clause in enumerate(clauses):
            wanted = {g for g in grams(clause) if g in vocab}
            own_words = wanted - named or wanted  # what the clause asks beyond the project's name
            if len(wanted) < 2 and not (wanted and len(clauses) > 1):
                continue
            if project is not None and wanted and wanted <= named:
                continue  # "某项目花了多少（只说表名）": the clause says the table's name only, no row of it
            scored = []
            units = asked_units(clause)
            for p in projects:
                # With no project named, the words of a table's own name, even shortened ("一体化平台" of 一体化政务服务
                # 平台), name that table, not a row.
                chars = set(p.name)
                of_name = {g for g in own_words if g[0] in chars and g[1] in chars} if project is None else set()
                for row in p.indicators:
                    if contradicts(units, row.unit, row.name):
                        continue  # "发了多少条" is never a row stated in %
                    own = set(grams(row.name)) - EVERYDAY_GRAMS
                    hits = len(wanted & own)
                    if not own or not hits:
                        continue
                    asking = (own_words - (of_name - own)) or own_words
                    asked, covered = len(asking & own) / len(asking), hits / len(own)
                    strong = hits >= 2 and asked >= 0.6 if project is not None else hits >= 3 and asked >= 0.8
                    if strong and (project is not None or covered >= 0.5):
                        scored.append(((hits, asked, _unit_asked(clause, row)), p, row))
                    elif strong:
                        loose.setdefault(i, []).append(((hits, asked, _unit_asked(clause, row)), p, row))
            loose.setdefault(i, []).extend(scored)
            if not scored:
                continue
            # Equal counts: the row whose shared pairs are rarer among its table's rows.
            scored = [((*key, self._rarity(wanted, p, row)), p, row) for key, p, row in scored]
            top = max(key for key, _, _ in scored)
            if project is not None and self._prose_says_more(clause, project, [r for k, _, r in scored if k == top]):
                continue
            tied = [(p, row) for key, p, row in scored if key == top]
            if project is not None and len(tied) > MAX_TIED:
                continue  # "省政府…花了多少": words most of the table's rows share single out none of them
            picked.extend(tied[:MAX_TIED])
            used.add(i)
        if project is None and len({p.name for p, _ in picked}) >= 2:
            picked = _of_one_table(picked, {i: loose[i] for i in sorted(used)})
        if project is None and picked:  # "坐席数量和知识库…数量": a short row named whole beside a row found
            picked.extend(self._beside(clauses, used, {p.name for p, _ in picked}))
        if not picked and project is not None and not q.quoted:
            counted = self.counted_rows(q, project)
            if counted:
                return [(project, row) for row in counted], ""
            loose = self.loose_rows(q, project, text)
            if loose:
                return [(project, row) for row in loose], ""
        return _distinct(picked), "，".join(c for i, c in enumerate(clauses) if i not in used)

    def counted_rows(self, q: Plan, project: ProjectTable) -> list[IndicatorRow]:
        """ "某系统办了多少件X": a count asked in a row's own unit, after the project is named, of what one
        row counts, even when the row's words are pieces of the table's name (审批工程建设项目数量)."""
        first = min((m.start for m in q.matches if m.kind == "project" and project.name in m.targets), default=-1)
        after = q.text[first:] if first >= 0 else q.text
        for alias in sorted(project_aliases(project.name), key=len, reverse=True):  # the name said whole names no row
            after = after.replace(alias, "□")
        units = asked_units(after) - MONEY_UNITS
        wanted = {g for g in grams(after) if g in self.kit.row_vocab}
        of_name = set(grams(project.name))
        scored = []
        for row in project.indicators:
            own = set(grams(row.name)) - EVERYDAY_GRAMS
            shared = wanted & own
            hits = len(shared)
            # Only where the row's words are the name's: a row said in words of its own is the row finder's.
            if units and row.unit.strip() in units and hits >= COUNTED_HITS and shared <= of_name:
                scored.append((hits, hits / len(own), row))
        top = max((k[:2] for k in scored), default=None)
        best = [row for *key, row in scored if tuple(key) == top]
        return best if len(best) == 1 else []

    def stated_shortfall_rows(self, q: Plan) -> list[tuple[ProjectTable, IndicatorRow]]:
        """ "某个计数指标为何没达标" with no project named: the one row, among those whose table states why they
        fell short, that the question's words name loosely (pairs weighted by how few of the report's rows share
        them). Only rows with a stated reason compete, so a looser match than a figure's is safe; a budget
        execution row ("资金执行率") is left to the items' budget reasons."""
        every = [(p, r) for p in self.report.projects for r in p.indicators]
        df = Counter(g for _, r in every for g in set(grams(r.name)))
        asked = set(grams(LOOSE_STOP.sub("□", q.text))) - EVERYDAY_GRAMS
        scored: list[tuple[float, ProjectTable, IndicatorRow]] = []
        for p, row in every:
            if not row.shortfall_reason.strip() or EXEC_RATE.search(row.name):
                continue
            shared = asked & (set(grams(row.name)) - EVERYDAY_GRAMS)
            score = sum(1 / df[g] for g in shared)
            if len(shared) >= 2 and score >= LOOSE_SHORTFALL:
                scored.append((score, p, row))
        top = max((s for s, _, _ in scored), default=0.0)
        best = [(p, row) for s, p, row in scored if s == top]
        return _distinct(best) if len(best) == 1 else []

    def _beside(self, clauses: list[str], used: set[int], tables: set[str]) -> list[tuple[ProjectTable, IndicatorRow]]:
        """With no project named, a clause that names a row of a table another clause found, by every pair of the
        row's name (too few pairs to name a row among every table's): that one row."""
        out: list[tuple[ProjectTable, IndicatorRow]] = []
        vocab = self.kit.row_vocab
        for i, clause in enumerate(clauses):
            if i in used:
                continue
            wanted = {g for g in grams(clause) if g in vocab}
            whole = [
                (p, row)
                for p in self.report.projects
                if p.name in tables
                for row in p.indicators
                if (own := set(grams(row.name)) - EVERYDAY_GRAMS) and len(own) >= 2 and own <= wanted
            ]
            if len(whole) == 1:
                out.extend(whole)
                used.add(i)
        return out

    @staticmethod
    def _rarity(wanted: set[str], project: ProjectTable, row: IndicatorRow) -> float:
        """How rare, among the table's rows, the pairs a question shares with this row are."""
        names = [set(grams(r.name)) for r in project.indicators]
        return sum(1 / max(1, sum(g in n for n in names)) for g in wanted & set(grams(row.name)))

    def loose_rows(self, q: Plan, project: ProjectTable, text: str) -> list[IndicatorRow]:
        """Rows named in everyday words ("多久能修好漏洞" for 漏洞修复时间, "咨询、投诉…答复" for 咨询申诉群众解答率):
        the question's pairs and characters, weighted by how few of the table's rows share them.

        Only when the question asks no table field, no clause names a row outright, and the table's own text does
        not say more about those words than the row (then the text answers)."""
        if project_fields(text) not in ([], ["indicators"]):
            return []
        units = asked_units(text)  # before the stop words go: a word asking a length of time is one of them
        # The project's own words ("工程审批…系统") name the table, not one of its rows.
        for gram in dict.fromkeys(g for g in grams(project.name) if g not in EVERYDAY_GRAMS):  # in name order
            text = text.replace(gram, "□□")
        text = LOOSE_STOP.sub("□", text)
        asked = set(grams(text)) - EVERYDAY_GRAMS
        chars = set(cjk(text)) - STOP_CHARS
        rows = [r for r in project.indicators if len(r.name) <= LOOSE_NAME and not contradicts(units, r.unit, r.name)]
        if not asked or not rows:
            return []
        names = [(set(grams(r.name)) - EVERYDAY_GRAMS, set(cjk(r.name))) for r in rows]
        pair_df = Counter(g for own, _ in names for g in own)
        char_df = Counter(c for _, own in names for c in own)
        scored: list[tuple[float, IndicatorRow]] = []
        for row, (own, own_chars) in zip(rows, names, strict=True):
            shared = asked & own
            if not shared:
                continue
            in_pairs = {c for g in shared for c in g}
            score = sum(1 / pair_df[g] for g in shared)
            score += sum(0.5 / char_df[c] for c in (chars & own_chars) - in_pairs)
            scored.append((score, row))
        if not scored:
            return []
        top = max(score for score, _ in scored)
        if top < LOOSE_MIN:
            return []
        best = [row for score, row in scored if score >= top - 1e-9][:MAX_TIED]
        if self._prose_says_more(text, project, best):
            log.info("table text says more than rows %s", [r.name for r in best])
            return []
        log.info("rows named loosely: %s (score %.2f)", [r.name for r in best], top)
        return best

    def _prose_says_more(self, clause: str, project: ProjectTable, rows: list[IndicatorRow]) -> bool:
        """A sentence of the table states a figure for more of the clause than the row does ("省直部门分报告" is a
        figure of the 完成情况 text, finer than the row "分报告"): the row is not what is asked.

        A sentence that only mentions the words ("召开标准评审会等方式") states nothing the row does not."""
        # The project's name words no row of it uses ("共享平台") name the table: they make no sentence say more.
        of_rows = {g for row in project.indicators for g in grams(row.name)}
        asked = set(grams(clause)) - EVERYDAY_GRAMS - (set(grams(project.name)) - of_rows)
        asked = {g for g in asked if not set(g) & PAIR_STOP}  # "的交": no word of the question's
        by_row = max(len(asked & set(grams(row.name))) for row in rows)
        by_prose = 0
        for _, text in self.tables.table_sentences(project):
            shared = asked & set(grams(text))
            if len(shared) > by_prose and figure_near_words(text, shared):
                by_prose = len(shared)
        return by_prose > by_row

    @staticmethod
    def names_a_row(terms: list[str], project: object) -> bool:
        """The rest of a project question is mostly an indicator's short name ("等保测评费是多少")."""
        total = sum(len(t) for t in terms if not t.isdigit()) or 1
        for row in getattr(project, "indicators", ()):
            name = re.sub(r"\s", "", fold(row.name))
            score = sum(len(t) for t in terms if not t.isdigit() and t in name)
            if score >= 2 and score / total >= 0.6 and score / len(name) >= 0.5:
                return True
        return False


MONEY_UNITS = frozenset({"万元", "元"})  # an amount, never a row's count
COUNTED_HITS = 2  # word pairs a count ask shares with the one row it names


def without_longest_name(q: Plan, name: str) -> str:
    """The question with only its longest mention of the project blanked (a second mention may be a row's words)."""
    mentions = [m for m in q.matches if m.kind == "project" and name in m.targets]
    if not mentions:
        return q.rest or q.text
    longest = max(mentions, key=lambda m: m.end - m.start)
    return q.text[: longest.start] + "□" * (longest.end - longest.start) + q.text[longest.end :]


def row_clauses(text: str) -> list[str]:
    """The clauses of a question ("覆盖了几个市州、几个部门" asks two rows)."""
    return [c for c in ROW_CLAUSES.split(text) if c.strip(" □")]


def _share_sides(clauses: list[str], share_rows: list[set[str]]) -> list[str]:
    """ "A占B的比例" asks two rows, A and B: the clause is read as its two sides, unless a row's own name says
    "X占Y的比重" and the clause names that row."""
    out: list[str] = []
    for clause in clauses:
        match = SHARE_SIDES.search(clause)
        named = any(len(set(grams(clause[: match.start()])) & own) >= 2 for own in share_rows) if match else False
        if match and match.start() >= 2 and not named:
            whole = clause[match.start() : match.start(1)].rstrip("的")  # "占B的比例": B, without the ask
            out.extend([clause[: match.start()], whole])
        else:
            out.append(clause)
    return out


def _unit_asked(clause: str, row: IndicatorRow) -> bool:
    unit = row.unit.strip()
    return bool(unit) and re.search(rf"(?:{HOW_MANY})\s*{re.escape(unit)}", clause) is not None


def figure_near_words(text: str, shared: set[str], window: int = 10) -> bool:
    """A figure stated within a few characters of one of the shared words."""
    if not shared:
        return False
    flat = ENUMERATOR.sub(lambda m: "□" * len(m.group()), fold(text))
    for gram in shared:
        for match in re.finditer(re.escape(gram), flat):
            if TEXT_FIGURE.search(flat[max(0, match.start() - window) : match.end() + window]):
                return True
    return False


def _same_row(a: IndicatorRow, b: IndicatorRow) -> bool:
    """The same row printed twice; one name weighted differently under two groups is two rows."""
    return (a.name, a.target, a.actual, a.weight) == (b.name, b.target, b.actual, b.weight)


def _of_one_table(
    picked: list[tuple[ProjectTable, IndicatorRow]], named: dict[int, list[tuple[tuple, ProjectTable, IndicatorRow]]]
) -> list[tuple[ProjectTable, IndicatorRow]]:
    """Rows asked together ("A和B一共") found in several tables, when exactly one table holds a row for every
    clause (a shortened name, 等保测评 of 三级等保测评服务费): that table's rows, the best of it for each clause."""
    tables = dict.fromkeys(p.name for p, _ in picked)
    whole = [t for t in tables if all(any(p.name == t for _, p, _ in rows) for rows in named.values())]
    if len(whole) != 1:
        return picked
    best = [max((c for c in rows if c[1].name == whole[0]), key=lambda c: c[0]) for rows in named.values()]
    return [(p, row) for _, p, row in best]


def _distinct(rows: list[tuple[ProjectTable, IndicatorRow]]) -> list[tuple[ProjectTable, IndicatorRow]]:
    """Rows in order, a row printed twice in one table (under two 一级指标) once."""
    out: list[tuple[ProjectTable, IndicatorRow]] = []
    for project, row in rows:
        if not any(p is project and _same_row(r, row) for p, r in out):
            out.append((project, row))
    return out
