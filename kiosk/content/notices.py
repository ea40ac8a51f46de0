"""Announcements ("Banery") and short tips ("Mikroporady") from the content folder.

``announcements.toml``::

    [[announcement]]
    text = { pl = "Od 1 grudnia kasa czynna do 15:00.", en = "From 1 December ..." }
    page = "opening-hours"        # optional: a page to open
    valid_from = 2026-12-01       # optional, first day shown
    valid_until = 2026-12-31      # optional, last day shown

``tips.toml``::

    [[tip]]
    text = { pl = "…", en = "…" }
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kiosk.content.loader import is_prepared_language
from kiosk.content.model import Site
from kiosk.problems import Collector, LineFinder, guarded, read_toml, shorten


@dataclass(frozen=True)
class Announcement:
    texts: dict[str, str]
    page: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def is_active(self, day: dt.date) -> bool:
        """Shown from ``valid_from`` to ``valid_until``, both days included."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)

    def text(self, lang: str, fallback: str) -> str:
        return self.texts.get(lang) or self.texts.get(fallback) or next(iter(self.texts.values()), "")


@dataclass(frozen=True)
class Tip:
    texts: dict[str, str]

    def text(self, lang: str, fallback: str) -> str:
        return self.texts.get(lang) or self.texts.get(fallback) or next(iter(self.texts.values()), "")


def _read_toml(path: Path, collector: Collector) -> tuple[dict[str, Any], LineFinder] | None:
    if not path.is_file():
        return None
    return read_toml(path, collector)


def _entries(
    data: dict[str, Any], key: str, path: Path, finder: LineFinder, collector: Collector
) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Yield (entry, line) for each ``[[key]]`` table, reporting anything else."""
    for other in data:
        if other != key:
            where = finder.key(other) or finder.find(other)
            collector.error(path, where, f"unknown table '{shorten(other)}' (use [[{key}]])")
    entries = data.get(key, [])
    if not isinstance(entries, list):
        collector.error(path, finder.key(key), f"'{key}' must be written [[{key}]]")
        return
    start = 1
    for entry in entries:
        # An entry written [[key]] has its own header; one of ``key = [...]`` has the key's line.
        line = finder.find(f"[[{key}]]", start) or finder.key(key)
        start = (line or start) + 1
        if not isinstance(entry, dict):
            got = shorten(repr(entry), 40)
            collector.error(path, line, f"each {key} must be a [[{key}]] table with text = …, got {got}")
            continue
        yield entry, line


def _texts(
    entry: dict[str, Any], site: Site, path: Path, line: int | None, collector: Collector
) -> dict[str, str] | None:
    value = entry.get("text")
    if isinstance(value, str):
        value = {lang: value for lang in site.languages}
    if (
        not isinstance(value, dict)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value.values())
    ):
        collector.error(path, line, 'text must be written text = { pl = "…", en = "…" }')
        return None
    for lang in site.languages:
        if lang not in value:
            collector.warning(path, line, f"no '{lang}' text; the '{site.default_language}' one is shown")
    unknown = [
        lang for lang in value if lang not in site.languages and not is_prepared_language(lang, site)
    ]
    for lang in unknown:
        collector.error(path, line, f"'{lang}' is not one of the site's languages {list(site.languages)}")
    return {str(k): str(v).strip() for k, v in value.items() if k in site.languages}


def _date(
    value: Any, key: str, path: Path, line: int | None, collector: Collector
) -> tuple[bool, dt.date | None]:
    if value is None:
        return True, None
    if isinstance(value, dt.datetime):
        return True, value.date()
    if isinstance(value, dt.date):
        return True, value
    if isinstance(value, str):
        try:
            return True, dt.date.fromisoformat(value)
        except ValueError:
            pass
    collector.error(path, line, f"{key} must be a date like 2026-12-31, got {shorten(repr(value))}")
    return False, None


N = TypeVar("N")


def _load(
    path: Path, site: Site, collector: Collector, read: Callable[[Path, Site, Collector], list[N]]
) -> list[N]:
    """What ``read`` finds in ``path``; an unexpected failure is a problem of that file."""
    found: list[N] = []
    with guarded(collector, path):
        found = read(path, site, collector)
    return found


def load_announcements(root: Path, site: Site, collector: Collector) -> list[Announcement]:
    return _load(root / "announcements.toml", site, collector, _read_announcements)


def _read_announcements(path: Path, site: Site, collector: Collector) -> list[Announcement]:
    parsed = _read_toml(path, collector)
    if parsed is None:
        return []
    data, finder = parsed
    found = []
    for entry, line in _entries(data, "announcement", path, finder, collector):
        for key in entry:
            if key not in ("text", "page", "valid_from", "valid_until"):
                collector.warning(path, line, f"unknown key '{key}' is ignored")
        texts = _texts(entry, site, path, line, collector)
        ok_from, valid_from = _date(entry.get("valid_from"), "valid_from", path, line, collector)
        ok_until, valid_until = _date(entry.get("valid_until"), "valid_until", path, line, collector)
        page = entry.get("page", "")
        if not isinstance(page, str):
            collector.error(path, line, "page must be a page id")
            page = ""
        if page and page not in site.pages and page not in site.broken_pages:
            collector.error(path, line, f"link to missing page '{shorten(page)}'")
            page = ""
        if valid_from and valid_until and valid_until < valid_from:
            collector.error(path, line, f"valid_until {valid_until} is before valid_from {valid_from}")
            continue
        if texts is None or not (ok_from and ok_until):
            continue
        found.append(Announcement(texts, page, valid_from, valid_until))
    return found


def load_tips(root: Path, site: Site, collector: Collector) -> list[Tip]:
    return _load(root / "tips.toml", site, collector, _read_tips)


def _read_tips(path: Path, site: Site, collector: Collector) -> list[Tip]:
    parsed = _read_toml(path, collector)
    if parsed is None:
        return []
    data, finder = parsed
    tips = []
    for entry, line in _entries(data, "tip", path, finder, collector):
        for key in entry:
            if key != "text":
                collector.warning(path, line, f"unknown key '{key}' is ignored")
        texts = _texts(entry, site, path, line, collector)
        if texts is not None:
            tips.append(Tip(texts))
    return tips
