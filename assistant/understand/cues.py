"""The vocabulary, loaded once from cues.toml: every cue, synonym and word list the assistant reads questions with.

The file has two layers. `[template]` holds the national template's words (any 单位/部门决算 report uses them);
`[report."<report id>"]` holds words that fit one report only (a project's everyday name), laid over the template
when that report is loaded. In the spirit of Rasa's lookup tables and entity synonyms: vocabulary is data, and
a conflict is warned about at load (a word two tables map differently; a report word that overrides the
template), never silently resolved in code.

A cue is a list of words (any of them) or, where order and optional parts matter, a regular expression; `{name}`
in a pattern stands for another cue's words. Code keeps only regex syntax: `CUES.cue("reason")` is a compiled
pattern, `CUES.words("stopwords")` a word list, `CUES.table("synonyms")` a mapping.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CUES_FILE = Path(__file__).with_name("cues.toml")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Questions are read after normalising, which writes a numeral before a unit in digits ("这一项" → "这1项",
# normalize.CN_NUMBER); a cue word with such a numeral ("这一") must match the folded form too.
NUMERAL_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
                  "九": "9", "十": "10"}  # fmt: skip
FOLDED_UNITS = "万元个辆人批台项次条份家分"
SECTIONS = ("cues", "words", "synonyms", "colloquial", "fields")


class VocabularyError(ValueError):
    """A cue file that cannot be read or names a cue it does not define."""


@dataclass(frozen=True)
class Vocabulary:
    """One layer or a merged view of the cue file."""

    cues: Mapping[str, Any] = field(default_factory=dict)
    words_: Mapping[str, Any] = field(default_factory=dict)
    synonyms: Mapping[str, str] = field(default_factory=dict)
    colloquial: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def cue(self, name: str) -> re.Pattern[str]:
        """A cue compiled: its words as alternatives, or its pattern with `{cue}` placeholders filled in."""
        return _compile(self, name)

    def source(self, name: str) -> str:
        """A cue's regular expression as text (to build a larger pattern around it)."""
        if name not in self.cues:
            raise VocabularyError(f"cues.toml 中没有名为 {name} 的提示词")
        value = self.cues[name]
        if isinstance(value, list):
            return "|".join(with_digits(re.escape(w)) for w in value)
        pattern = value["pattern"] if isinstance(value, dict) else value
        return PLACEHOLDER.sub(lambda m: f"(?:{self.source(m.group(1))})", with_digits(pattern))

    def filled(self, pattern: str) -> re.Pattern[str]:
        """A pattern of a vocabulary table (not a cue itself) with its `{cue}` placeholders filled in."""
        return re.compile(PLACEHOLDER.sub(lambda m: f"(?:{self.source(m.group(1))})", pattern))

    def words(self, name: str) -> tuple[str, ...]:
        """A word list (a cue's words, or a list of `[*.words]`; a multi-line string is split on whitespace)."""
        value = self.words_.get(name, self.cues.get(name))
        if value is None:
            raise VocabularyError(f"cues.toml 中没有名为 {name} 的词表")
        if isinstance(value, str):
            return tuple(value.split())
        return tuple(value)

    def table(self, name: str) -> Mapping[str, Any]:
        if name == "synonyms":
            return self.synonyms
        if name == "colloquial":
            return self.colloquial
        value = self.words_.get(name)
        if not isinstance(value, dict):
            raise VocabularyError(f"cues.toml 中没有名为 {name} 的对照表")
        return value

    def field_cues(self, name: str) -> list[tuple[str, re.Pattern[str]]]:
        """An ordered list of (field, compiled cue): where several match, the first wins."""
        if name not in self.fields:
            raise VocabularyError(f"cues.toml 中没有名为 {name} 的字段表")
        return [(key, _compiled(_expand(self, value), False)) for key, value in self.fields[name]]

    def field_sources(self, name: str) -> dict[str, str]:
        """A field table as {field: regular expression text} (the last entry of a repeated field wins)."""
        return {key: _expand(self, value) for key, value in self.fields[name]}


def with_digits(pattern: str) -> str:
    """A pattern whose numerals before a unit (or ending a word: "这一" may go on "项") also match their digit,
    as normalising writes them. Hand-written scanner: character classes ("[一二三]") are left as they are."""
    out: list[str] = []
    in_class = escaped = False
    for i, char in enumerate(pattern):
        nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif not in_class and char in NUMERAL_DIGITS and (nxt in FOLDED_UNITS + "|)" or not nxt):
            out.append(f"(?:{char}|{NUMERAL_DIGITS[char]})")
            continue
        out.append(char)
    return "".join(out)


def _expand(vocabulary: Vocabulary, value: Any) -> str:
    if isinstance(value, list):
        return "|".join(with_digits(re.escape(w)) for w in value)
    return PLACEHOLDER.sub(lambda m: f"(?:{vocabulary.source(m.group(1))})", with_digits(value))


@cache
def _compiled(source: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE if ignore_case else 0)


def _compile(vocabulary: Vocabulary, name: str) -> re.Pattern[str]:
    value = vocabulary.cues.get(name)
    ignore_case = isinstance(value, dict) and bool(value.get("ignore_case"))
    return _compiled(vocabulary.source(name), ignore_case)


def read(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"cues.toml 格式有误：{exc}") from exc


def layered(data: Mapping[str, Any], report_id: str = "") -> Vocabulary:
    """The template layer, with one report's layer laid over it; conflicts and overlaps become warnings."""
    template = data.get("template", {})
    layer = data.get("report", {}).get(report_id, {}) if report_id else {}
    warnings: list[str] = []
    merged: dict[str, dict[str, Any]] = {}
    for section in SECTIONS:
        base = dict(template.get(section, {}))
        for key, value in layer.get(section, {}).items():
            if section == "words" and isinstance(base.get(key), list) and isinstance(value, list):
                base[key] = base[key] + [w for w in value if w not in base[key]]  # a layer adds words to a list
                continue
            if key in base and base[key] != value:
                warnings.append(f"{report_id} 的 [{section}] {key} 覆盖了全国模板的同名条目")
            base[key] = value
        merged[section] = base
    warnings += _conflicts(merged)
    colloquial = {k: tuple(v) for k, v in merged["colloquial"].items()}
    return Vocabulary(
        merged["cues"], merged["words"], merged["synonyms"], colloquial, merged["fields"], tuple(warnings)
    )


def _conflicts(merged: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """A word the synonym table and the colloquial table map to different terms; a word listed twice in one cue;
    a word in both cues of a pair that must not overlap (最高 is never also 最低)."""
    out: list[str] = []
    synonyms, colloquial = merged["synonyms"], merged["colloquial"]
    for word in synonyms.keys() & colloquial.keys():
        if synonyms[word] not in colloquial[word]:
            out.append(f"“{word}”：同义词表改写为“{synonyms[word]}”，口语词表指向“{'、'.join(colloquial[word])}”")
    for name, value in merged["cues"].items():
        if isinstance(value, list) and len(set(value)) != len(value):
            twice = sorted({w for w in value if value.count(w) > 1})
            out.append(f"提示词 {name} 重复列出：{'、'.join(twice)}")
    for pair in merged["words"].get("exclusive", []):
        first, second = (merged["cues"].get(n) for n in pair)
        if isinstance(first, list) and isinstance(second, list) and set(first) & set(second):
            shared = "、".join(sorted(set(first) & set(second)))
            out.append(f"提示词 {pair[0]} 与 {pair[1]} 不应重叠，却都列出：{shared}")
    return out


def load(path: Path, report_id: str = "") -> Vocabulary:
    """Read a cue file and lay one report's layer over its template; every conflict is logged as a warning."""
    try:
        data = read(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VocabularyError(f"无法读取 {path}：{exc}") from exc
    merged = layered(data, report_id)
    for warning in merged.warnings:
        log.warning("%s: %s", path.name, warning)
    return merged


@cache
def vocabulary(report_id: str = "") -> Vocabulary:
    """The vocabulary for one report (the template alone for ""), loaded and checked once per process."""
    return load(CUES_FILE, report_id)


CUES = vocabulary()
