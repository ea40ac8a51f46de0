"""Polish name days (imieniny): the bundled calendar plus the staff's ``namedays.toml``.

The bundled data (``kiosk/data/namedays/``) lists 366 days in the nominative with a
genitive for every name. Polish says "imieniny: Jana, Pawła" (genitive); other
languages show the nominative ("Name days: Jan, Paweł").

Calendars differ between publishers, so staff can change any day from the content
folder's optional ``namedays.toml``::

    # Name days in the header line. One entry per day, written "MM-DD".
    # mode = "replace" (the default) shows only these names that day;
    # mode = "add" shows them after the calendar's own names.
    # genitive = [...] is needed only for names the built-in calendar does not know.
    [days]
    "02-29" = { names = ["Roman", "Lutosław"], genitive = ["Romana", "Lutosława"] }
    "05-08" = { names = ["Stanisław"], mode = "add" }

29 February: in a leap year it has its own names; in other years 28 February shows
28 February's names only (as printed calendars do) and the 29 February names are not
shown that year. Staff who want otherwise can ``add`` them to "02-28".

Loading never raises: a bad file or entry becomes a :class:`Problem` with its line and
the rest is used.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeGuard

from kiosk import paths
from kiosk.problems import Collector, LineFinder, Problem, guarded, read_toml, shorten

log = logging.getLogger(__name__)

NAMEDAYS_FILE = "namedays.toml"
NOMINATIVE_FILE = "pl_namedays.json"
GENITIVE_FILE = "pl_namedays_genitive.json"
DAY_KEY_RE = re.compile(r"^(\d{2})-(\d{2})$")
MODES: tuple[str, ...] = ("replace", "add")
ENTRY_KEYS = frozenset({"names", "genitive", "mode"})

Case = Literal["nominative", "genitive"]
# The grammatical case a language puts the names in after "Name days:"; data, not wording.
NAME_CASE: Mapping[str, Case] = {"pl": "genitive"}


def name_case(lang: str) -> Case:
    """``pl``/``pl_PL`` → genitive; every other language → nominative."""
    return NAME_CASE.get(lang, NAME_CASE.get(lang.split("_")[0], "nominative"))


@dataclass(frozen=True)
class DayNames:
    """The names of one day, in display order, in both forms (same length)."""

    nominative: tuple[str, ...] = ()
    genitive: tuple[str, ...] = ()

    def in_case(self, case: Case) -> tuple[str, ...]:
        return self.genitive if case == "genitive" else self.nominative

    def in_language(self, lang: str) -> tuple[str, ...]:
        return self.in_case(name_case(lang))

    def plus(self, other: DayNames) -> DayNames:
        """These names followed by ``other``'s, without repeating a name."""
        nominative, genitive = list(self.nominative), list(self.genitive)
        for nom, gen in zip(other.nominative, other.genitive, strict=True):
            if nom not in nominative:
                nominative.append(nom)
                genitive.append(gen)
        return DayNames(tuple(nominative), tuple(genitive))


@dataclass
class NameDays:
    """The whole year's name days, keyed "MM-DD", and what was wrong in namedays.toml."""

    days: dict[str, DayNames] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def on(self, day: date) -> DayNames:
        return self.days.get(day_key(day), DayNames())

    def names(self, day: date, lang: str) -> tuple[str, ...]:
        """The names to show on ``day`` in ``lang`` (genitive for Polish)."""
        return self.on(day).in_language(lang)


def day_key(day: date) -> str:
    return f"{day.month:02d}-{day.day:02d}"


def is_day_key(key: str) -> bool:
    """True for "MM-DD" of a real calendar day (29 February included)."""
    match = DAY_KEY_RE.match(key)
    if not match:
        return False
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2000, month, day)  # a leap year, so "02-29" counts
    except ValueError:
        return False
    return True


def load_namedays(content_dir: Path | None = None) -> NameDays:
    """The bundled calendar with ``content_dir/namedays.toml`` applied; never raises."""
    days, genitive_of = load_bundled()
    calendar = NameDays(days)
    if content_dir is not None:
        path = Path(content_dir) / NAMEDAYS_FILE
        if path.is_file():
            apply_overrides(calendar, path, genitive_of)
    return calendar


def load_bundled() -> tuple[dict[str, DayNames], dict[str, str]]:
    """(days, nominative → genitive) from the bundled data; empty pieces when it is broken."""
    nominatives = _read_json(paths.resource("namedays", NOMINATIVE_FILE))
    genitives = _read_json(paths.resource("namedays", GENITIVE_FILE))
    genitive_of: dict[str, str] = {}
    if isinstance(genitives, dict):
        genitive_of = {k: v for k, v in genitives.items() if isinstance(v, str) and v}
    elif genitives is not None:
        log.error("%s: expected a JSON object of name → genitive", GENITIVE_FILE)
    days: dict[str, DayNames] = {}
    if not isinstance(nominatives, dict):
        if nominatives is not None:
            log.error("%s: expected a JSON object of day → names", NOMINATIVE_FILE)
        return days, genitive_of
    for key, names in nominatives.items():
        if not is_day_key(key) or not isinstance(names, list):
            log.error("%s: bad entry %r is skipped", NOMINATIVE_FILE, key)
            continue
        good = tuple(n for n in names if isinstance(n, str) and n)
        missing = [n for n in good if n not in genitive_of]
        if missing:
            log.warning("%s: no genitive for %s; shown unchanged", GENITIVE_FILE, missing)
        days[key] = DayNames(good, tuple(genitive_of.get(n, n) for n in good))
    return days, genitive_of


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.error("cannot read bundled name days %s: %s", path, exc)
        return None


@dataclass(frozen=True)
class _Override:
    key: str
    names: DayNames
    mode: str


def apply_overrides(calendar: NameDays, path: Path, genitive_of: Mapping[str, str]) -> None:
    """Apply a namedays.toml to ``calendar``; its problems go to ``calendar.problems``."""
    collector = Collector()
    overrides: list[_Override] = []
    with guarded(collector, path):
        overrides = _read_overrides(path, genitive_of, collector)
    calendar.problems.extend(collector.problems)
    for override in overrides:
        current = calendar.days.get(override.key, DayNames())
        if override.mode == "add":
            calendar.days[override.key] = current.plus(override.names)
        else:
            calendar.days[override.key] = override.names


def _read_overrides(path: Path, genitive_of: Mapping[str, str], problems: Collector) -> list[_Override]:
    parsed = read_toml(path, problems)
    if parsed is None:
        return []
    data, finder = parsed
    for key in data:
        if key == "days":
            continue
        where = finder.key(key) or finder.find(key)
        if is_day_key(key):
            problems.error(path, where, f"'{key}' must be under a [days] line")
        else:
            problems.warning(path, where, f"unknown setting '{shorten(key)}' is ignored (expected [days])")
    days = data.get("days", {})
    if not isinstance(days, dict):
        problems.error(path, finder.key("days"), "days must be a [days] table")
        return []
    start = finder.key("days") or 1
    found: list[_Override] = []
    for key, entry in days.items():
        line = finder.key(key, start) or finder.find(key, start)
        override = _parse_entry(key, entry, line, path, finder, genitive_of, problems)
        if override is not None:
            found.append(override)
    return found


def _parse_entry(
    key: str,
    entry: Any,
    line: int | None,
    path: Path,
    finder: LineFinder,
    genitive_of: Mapping[str, str],
    problems: Collector,
) -> _Override | None:
    if not is_day_key(key):
        message = f'\'{shorten(key)}\' is not a day of the year; write it as "MM-DD", e.g. "06-26"'
        problems.add(path, line, "error", message)
        return None
    if not isinstance(entry, dict):
        problems.add(path, line, "error", f'day {key} must look like {{ names = ["Jan", "Paweł"] }}')
        return None

    def field_line(name: str) -> int | None:
        return finder.key(name, line or 1) or finder.find(name, line or 1) or line

    for unknown in sorted(set(entry) - ENTRY_KEYS):
        problems.add(
            path,
            field_line(unknown),
            "warning",
            f"day {key}: unknown key '{unknown}' is ignored (use names, genitive, mode)",
        )
    mode = entry.get("mode", "replace")
    if mode not in MODES:
        problems.add(
            path,
            field_line("mode"),
            "error",
            f'day {key}: mode must be "replace" or "add", got {shorten(repr(mode))}',
        )
        return None
    names = entry.get("names")
    if not _is_name_list(names):
        problems.add(
            path,
            field_line("names") if "names" in entry else line,
            "error",
            f'day {key}: names must be a list of names in quotes, e.g. names = ["Jan", "Paweł"]',
        )
        return None
    nominative = tuple(n.strip() for n in names)
    if "genitive" in entry:
        genitive_given = entry["genitive"]
        if not _is_name_list(genitive_given) or len(genitive_given) != len(nominative):
            problems.add(
            path,
                field_line("genitive"),
                "error",
                f"day {key}: genitive must list the same {len(nominative)} name(s) as names, "
                'in the same order, e.g. genitive = ["Jana", "Pawła"]',
            )
            return None
        genitive = tuple(n.strip() for n in genitive_given)
    else:
        unknown_names = [n for n in nominative if n not in genitive_of]
        if unknown_names:
            problems.add(
            path,
                line,
                "warning",
                f"day {key}: no genitive known for {', '.join(unknown_names)}; add genitive = [...] "
                "(the Polish header shows the name unchanged until then)",
            )
        genitive = tuple(genitive_of.get(n, n) for n in nominative)
    if mode == "add" and not nominative:
        problems.add(path, line, "warning", f'day {key}: mode = "add" with no names changes nothing')
    return _Override(key, DayNames(nominative, genitive), str(mode))


def _is_name_list(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(n, str) and n.strip() for n in value)
