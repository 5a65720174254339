"""Which bodies of the library a question names, tolerating the short and everyday names people use.

A body's name is read as places + agency (四川省 | 大数据中心; 松漳市 石门区 | 大数据发展中心). Its aliases are the
forms reports and people use: the full name, the last place with the agency (石门区大数据发展中心), the level with
the agency (省大数据中心), the place without its level (四川大数据中心). A mention that is none of these but looks
like a body ("成都市数据局": a place, some words, a body ending) names the bodies of that place whose distinctive
words it shares (数据, not 中心 or 管理): 成都市数据资源管理中心. A mention that fits several bodies is kept as
ambiguous (the caller asks back); one that fits none names nothing. Hand-written: the parts of a Chinese body
name are a fixed, small grammar that no library here knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.library.vocabulary import LibraryVocabulary, vocabulary
from assistant.understand.normalize import fold

MAX_PLACES = 3
MAX_PLACE_CHARS = 8


@dataclass(frozen=True)
class BodyName:
    name: str
    places: tuple[str, ...]
    agency: str
    aliases: tuple[str, ...]  # folded, longest first
    core: str  # the agency's distinctive characters (generic words removed)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    bodies: tuple[str, ...]  # the library bodies it may name (several: ambiguous)
    exact: bool  # an alias of the body, not a guess from shared words


def split_name(name: str, words: LibraryVocabulary | None = None) -> tuple[tuple[str, ...], str]:
    """(places, agency): 松漳市石门区大数据发展中心 → (松漳市, 石门区), 大数据发展中心."""
    words = words or vocabulary()
    places: list[str] = []
    rest = name
    while len(places) < MAX_PLACES:
        found = None
        for i in range(2, min(len(rest), MAX_PLACE_CHARS + 1)):
            level = next((lv for lv in words.levels if rest[:i].endswith(lv) and i - len(lv) >= 1), None)
            if level and len(rest) > i:
                found = i
                break
        if found is None:
            break
        places.append(rest[:found])
        rest = rest[found:]
    return tuple(places), rest


def _core(agency: str, words: LibraryVocabulary) -> str:
    for word in words.generic:
        agency = agency.replace(word, "")
    return agency


def _level(place: str, words: LibraryVocabulary) -> tuple[str, str]:
    """(short, level): 四川省 → 四川, 省."""
    level = next((lv for lv in words.levels if place.endswith(lv)), "")
    return place[: len(place) - len(level)], level


def body_name(name: str, words: LibraryVocabulary | None = None) -> BodyName:
    words = words or vocabulary()
    folded = fold(name)
    places, agency = split_name(folded, words)
    aliases = {folded}
    if places and agency:
        last = places[-1]
        short, level = _level(last, words)
        aliases.update({last + agency, level + agency, short + agency})
        if len(places) > 1:
            aliases.add("".join(_level(p, words)[0] for p in places) + agency)
    aliases = {a for a in aliases if len(a) >= 4 and a != agency}
    return BodyName(name, places, agency, tuple(sorted(aliases, key=lambda a: (-len(a), a))), _core(agency, words))


def _shared(a: str, b: str) -> int:
    """The length of the longest run of characters two strings share (数据 in 数据 and 数据资源)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


class BodyNames:
    """The bodies of a library and how questions name them. Built once per set of bodies; `find` only reads."""

    def __init__(self, bodies: Iterable[str]) -> None:
        self.words = vocabulary()
        self.names = [body_name(b, self.words) for b in dict.fromkeys(bodies)]
        alias_bodies: dict[str, list[str]] = {}
        for name in self.names:
            for alias in name.aliases:
                alias_bodies.setdefault(alias, []).append(name.name)
        self.aliases = sorted(alias_bodies.items(), key=lambda item: (-len(item[0]), item[0]))
        levels = "|".join(re.escape(lv) for lv in self.words.levels)
        endings = "|".join(re.escape(e) for e in self.words.endings)
        self.pattern = re.compile(
            rf"(?P<place>[\u4e00-\u9fa5]{{1,{MAX_PLACE_CHARS}}}?(?:{levels}))?"
            rf"(?P<agency>[\u4e00-\u9fa5]{{1,12}}?(?:{endings}))"
        )

    def find(self, question: str) -> list[Mention]:
        """Mentions of library bodies in a question (folded first), in order, exact aliases before guesses."""
        text = fold(question)
        taken = [False] * len(text)
        mentions: list[Mention] = []
        for alias, bodies in self.aliases:
            for match in re.finditer(re.escape(alias), text):
                if any(taken[match.start() : match.end()]):
                    continue
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                mentions.append(Mention(match.start(), match.end(), alias, tuple(bodies), True))
        for match in self.pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            bodies = self._guess(match.group("place") or "", match.group("agency"))
            if bodies:
                mentions.append(Mention(match.start(), match.end(), match.group(0), bodies, False))
        return sorted(mentions, key=lambda m: m.start)

    def _guess(self, place: str, agency: str) -> tuple[str, ...]:
        """The bodies a mention that is no alias may name: same place (if it names one), and the most shared
        distinctive characters (at least `min_shared`)."""
        core = _core(agency, self.words)
        if len(core) < self.words.min_shared:
            return ()
        scored = []
        for name in self.names:
            if place and not any(_same_place(place, p, self.words) for p in name.places):
                continue
            shared = _shared(core, name.core)
            if shared >= self.words.min_shared:
                # A place said inside the mention without its level (遂宁大数据中心) outweighs shared words.
                said = any(len(s) >= 2 and s in agency for s in (_level(p, self.words)[0] for p in name.places))
                scored.append((shared + (100 if said else 0), name.name))
        if not scored:
            return ()
        best = max(score for score, _ in scored)
        return tuple(n for score, n in scored if score == best)


def _same_place(said: str, place: str, words: LibraryVocabulary) -> bool:
    """成都市 names 成都市; 成都 names 成都市 too (a place said without its level)."""
    return said == place or _level(said, words)[0] == _level(place, words)[0]
