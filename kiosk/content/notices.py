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
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.loader import TOML_POS_RE, _Collector, is_prepared_language, line_of, read_text
from kiosk.content.model import Site


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


def _read_toml(path: Path, collector: _Collector) -> tuple[dict[str, Any], str] | None:
    if not path.is_file():
        return None
    text = read_text(path, collector)
    if text is None:
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = TOML_POS_RE.search(str(exc))
        message = TOML_POS_RE.sub("", str(exc)).strip()
        collector.error(path, int(match.group(1)) if match else None, f"malformed TOML: {message}")
        return None


def _entries(
    data: dict[str, Any], key: str, path: Path, text: str, collector: _Collector
) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Yield (entry, line) for each ``[[key]]`` table, reporting anything else."""
    for other in data:
        if other != key:
            collector.error(path, line_of(text, other), f"unknown table '{other}' (use [[{key}]])")
    entries = data.get(key, [])
    if not isinstance(entries, list):
        collector.error(path, line_of(text, key), f"'{key}' must be written [[{key}]]")
        return
    start = 1
    for entry in entries:
        line = line_of(text, f"[[{key}]]", start)
        start = (line or start) + 1
        if not isinstance(entry, dict):
            collector.error(path, line, f"[[{key}]] must be a table")
            continue
        yield entry, line


def _texts(
    entry: dict[str, Any], site: Site, path: Path, line: int | None, collector: _Collector
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
    value: Any, key: str, path: Path, line: int | None, collector: _Collector
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
    collector.error(path, line, f"{key} must be a date like 2026-12-31, got {value!r}")
    return False, None


def load_announcements(root: Path, site: Site, collector: _Collector) -> list[Announcement]:
    path = root / "announcements.toml"
    parsed = _read_toml(path, collector)
    if parsed is None:
        return []
    data, text = parsed
    found = []
    for entry, line in _entries(data, "announcement", path, text, collector):
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
            collector.error(path, line, f"link to missing page '{page}'")
            page = ""
        if valid_from and valid_until and valid_until < valid_from:
            collector.error(path, line, f"valid_until {valid_until} is before valid_from {valid_from}")
            continue
        if texts is None or not (ok_from and ok_until):
            continue
        found.append(Announcement(texts, page, valid_from, valid_until))
    return found


def load_tips(root: Path, site: Site, collector: _Collector) -> list[Tip]:
    path = root / "tips.toml"
    parsed = _read_toml(path, collector)
    if parsed is None:
        return []
    data, text = parsed
    tips = []
    for entry, line in _entries(data, "tip", path, text, collector):
        for key in entry:
            if key != "text":
                collector.warning(path, line, f"unknown key '{key}' is ignored")
        texts = _texts(entry, site, path, line, collector)
        if texts is not None:
            tips.append(Tip(texts))
    return tips
