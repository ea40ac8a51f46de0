"""``pronunciation.toml``: how the speech engine should say words staff know it gets wrong.

One table per content language, each entry a word or abbreviation and what to say
instead::

    [pl]
    "USC" = "U S C"
    "ePUAP" = "e pe u a pe"

    [en]
    "ePUAP" = "e-pew-up"
    "pok." = { say = "room", ignore_case = true }

A word is replaced only where it stands as a whole word, matching case unless
``ignore_case`` is set. Entries are applied before the built-in reading rules and win
over them. Every problem is reported with file and line; a bad entry is left out and the
rest is kept.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.model import Problem
from kiosk.problems import Collector as _Collector
from kiosk.problems import parse_toml, read_text

FILE_NAME = "pronunciation.toml"

# Enough of TOML's line grammar to find tables and keys with their lines (tomllib gives
# values but no positions): "[pl]", "key = …", '"quoted key" = …'.
_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_SHADOW = "\ue000duplicate-{number}\ue000"


@dataclass(frozen=True)
class LexiconEntry:
    """A word and what the engine is given instead."""

    word: str
    spoken: str
    ignore_case: bool = False
    line: int | None = field(default=None, compare=False)


@dataclass
class Pronunciation:
    """The staff lexicon: entries by language, and what was wrong in the file."""

    entries: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def lexicon(self, lang: str) -> tuple[LexiconEntry, ...]:
        """Entries for ``lang`` (``pl_PL`` falls back to ``pl``); none when there are none."""
        return self.entries.get(lang) or self.entries.get(lang.split("_")[0]) or ()


def _key_text(raw: str) -> str:
    """A TOML key as written ("\\"USC\\"", 'pok.', bare) → the key string."""
    try:
        parsed = tomllib.loads(f"{raw} = 0")
    except tomllib.TOMLDecodeError:
        return raw
    key = next(iter(parsed), raw)
    return key if parsed.get(key) == 0 else raw  # a dotted key ("pl.x") stays as written


def _scan(
    text: str, path: Path, collector: _Collector
) -> tuple[str, dict[tuple[str, str], int], dict[str, int]]:
    """Lines of every table and key; duplicates reported and set aside so the rest parses.

    Returns the text to parse, the line of each (table, key), and the line of each table.
    A repeated table is parsed under a hidden name and merged; a repeated key is dropped
    (the first one counts).
    """
    lines = text.splitlines(keepends=True)
    key_lines: dict[tuple[str, str], int] = {}
    table_lines: dict[str, int] = {}
    table = ""
    in_multiline = False
    for index, line in enumerate(lines):
        number = index + 1
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_multiline = not in_multiline
            continue
        if in_multiline:
            continue
        table_match = _TABLE_LINE.match(line)
        if table_match:
            table = _key_text(table_match.group(1))
            if table in table_lines:
                collector.error(
                    path, number, f"[{table}] is written twice (first at line {table_lines[table]}); "
                    "its entries are joined"
                )
                lines[index] = f'["{_SHADOW.format(number=number)}{table}"]\n'
            else:
                table_lines[table] = number
            continue
        key_match = _KEY_LINE.match(line)
        if key_match:
            key = _key_text(key_match.group(1))
            if (table, key) in key_lines:
                collector.error(
                    path, number, f"'{key}' is given twice in [{table}] (first at line "
                    f"{key_lines[(table, key)]}); this one is ignored"
                )
                lines[index] = "#" + line
            else:
                key_lines[(table, key)] = number
    return "".join(lines), key_lines, table_lines


def load_pronunciation(root: Path, languages: tuple[str, ...]) -> Pronunciation:
    """Read ``pronunciation.toml`` of a content folder (no file: no entries, no problems)."""
    path = Path(root) / FILE_NAME
    result = Pronunciation()
    collector = _Collector()
    result.problems = collector.problems
    if not path.is_file():
        return result
    text = read_text(path, collector)
    if text is None:
        return result
    parsed_text, key_lines, table_lines = _scan(text, path, collector)
    data = parse_toml(parsed_text, path, collector)
    if data is None:
        return result
    tables: dict[str, dict[str, Any]] = {}
    example = next(iter(languages), "xx")
    for name, value in data.items():
        lang = name.split("\ue000")[-1]
        if not isinstance(value, dict):
            collector.error(
                path, key_lines.get(("", name)),
                f"'{name}' is not under a language: put a line such as [{example}] above it",
            )
            continue
        tables.setdefault(lang, {}).update(value)

    def _line(lang: str, word: str) -> int | None:
        return key_lines.get((lang, word)) or table_lines.get(f"{lang}.{word}")

    for lang, words in tables.items():
        if lang not in languages:
            collector.warning(
                path, table_lines.get(lang),
                f"[{lang}] is not one of the site's languages {list(languages)}; its entries are not used",
            )
            continue
        entries = [
            entry
            for word, value in words.items()
            if (entry := _entry(word, value, _line(lang, word), path, collector)) is not None
        ]
        if entries:
            result.entries[lang] = tuple(entries)
    collector.problems.sort(key=lambda problem: problem.line or 0)
    return result


def _entry(
    word: str, value: Any, line: int | None, path: Path, collector: _Collector
) -> LexiconEntry | None:
    if not word.strip():
        collector.error(path, line, "the word is empty; write the word to replace in the quotes")
        return None
    if word != word.strip():
        collector.warning(path, line, f"'{word}' has spaces around it; they are ignored")
        word = word.strip()
    ignore_case = False
    if isinstance(value, dict):
        unknown = [key for key in value if key not in ("say", "ignore_case")]
        for key in unknown:
            collector.warning(path, line, f"unknown setting '{key}' in the entry for '{word}' is ignored")
        ignore_case_value = value.get("ignore_case", False)
        if not isinstance(ignore_case_value, bool):
            collector.error(path, line, f"ignore_case for '{word}' must be true or false")
            return None
        ignore_case = ignore_case_value
        value = value.get("say")
    if not isinstance(value, str):
        collector.error(
            path, line,
            f"the spoken form of '{word}' must be text in quotes: \"{word}\" = \"…\" "
            f"(or {{ say = \"…\", ignore_case = true }})",
        )
        return None
    if not value.strip():
        collector.error(path, line, f"the spoken form of '{word}' is empty; the word would not be read")
        return None
    return LexiconEntry(word, " ".join(value.split()), ignore_case, line)
