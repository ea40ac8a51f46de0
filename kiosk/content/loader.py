"""Read a content folder into a :class:`Site`, collecting every problem on the way.

Loading never raises for bad content: staff write these files by hand, so every
problem becomes a :class:`~kiosk.problems.Problem` with file and line (through the one
reader in :mod:`kiosk.problems`), and what is good is kept. A page over one of the limits
of :mod:`kiosk.content.limits` is an error for that page alone and is never rendered.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.content.frontmatter import read_front_matter
from kiosk.content.identity import IDENTITY_KEYS, check_featured, check_icon, read_identity
from kiosk.content.limits import MAX_PAGE_BYTES, MAX_TITLE_CHARS, check_body
from kiosk.content.model import (
    EASY_READ_SUFFIX,
    WEEKDAYS,
    Office,
    OpeningHours,
    Page,
    PageVariant,
    Section,
    Site,
)
from kiosk.i18n import catalog_languages
from kiosk.problems import Collector, LineFinder, guarded, printable, read_text, read_toml, shorten

PAGE_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")  # used with fullmatch: no trailing newline
LANG_RE = re.compile(r"[a-z]{2}")
HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_RE = re.compile(r"https?://\S+")


def is_prepared_language(lang: str, site: Site) -> bool:
    """True for text in a language the kiosk has an interface for but ``site`` does not list.

    An office may write a language's pages, announcements and tips before it adds the
    language to ``languages``; such text is kept out of the kiosk without a warning
    (a language the kiosk has no catalog for, such as a mistyped "ul.md", still warns).
    """
    return lang not in site.languages and lang in catalog_languages()


def _localised(value: Any, languages: tuple[str, ...]) -> dict[str, str] | None:
    if isinstance(value, str):
        return {lang: value for lang in languages}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): str(v) for k, v in value.items()}
    return None


def _parse_hours(value: str) -> OpeningHours | None:
    match = HOURS_RE.match(value)
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
        return None
    opens, closes = h1 * 60 + m1, h2 * 60 + m2
    if closes <= opens:
        return None
    return OpeningHours(opens, closes)


def _is_iso_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def load_site_config(root: Path, site: Site, collector: Collector) -> bool:
    """Fill ``site`` from site.toml; False when the file is unusable."""
    path = root / "site.toml"
    if not path.is_file():
        collector.error(path, None, "site.toml is missing")
        return False
    is_read = False
    with guarded(collector, path):
        is_read = _read_site_config(path, site, collector)
    return is_read


def _read_site_config(path: Path, site: Site, collector: Collector) -> bool:
    parsed = read_toml(path, collector)
    if parsed is None:
        return False
    data, finder = parsed

    def where(key: str, start_line: int = 1) -> int | None:
        return finder.key(key, start_line) or finder.find(key, start_line)

    known = {
        "default_language", "languages", "office", "hours", "sections", "closed_days", "fallback",
        *IDENTITY_KEYS,
    }
    for key in data:
        if key not in known:
            collector.warning(path, where(key), f"unknown setting '{shorten(key)}' is ignored")

    languages = data.get("languages", ["pl", "en"])
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(x, str) and LANG_RE.fullmatch(x) for x in languages)
    ):
        collector.error(path, where("languages"), 'languages must be a list like ["pl", "en"]')
        languages = ["pl", "en"]
    site.languages = tuple(dict.fromkeys(languages))
    default = data.get("default_language", site.languages[0])
    if default not in site.languages:
        collector.error(
            path,
            where("default_language"),
            f"default_language {shorten(repr(default))} is not one of languages {list(site.languages)}",
        )
        default = site.languages[0]
    site.default_language = default

    if "fallback" in data:
        fallback_line = where("fallback") or 1
        site.fallbacks = read_fallbacks(data["fallback"], site, path, fallback_line, finder, collector)

    office = data.get("office", {})
    if not isinstance(office, dict):
        collector.error(path, where("office"), "[office] must be a table")
        office = {}
    office_line = where("office") or 1
    for key in office:
        if key not in ("name", "address", "phone", "email"):
            hint = " (write it before [office]: after a [table] line a setting belongs to it)"
            collector.warning(
                path,
                where(key, office_line),
                f"unknown setting 'office.{shorten(key)}' is ignored" + (hint if key in known else ""),
            )
    names = _localised(office.get("name"), site.languages)
    if not names:
        collector.error(path, office_line, '[office] needs name = { pl = "…", en = "…" }')
        names = {}
    for lang in site.languages:
        if names and lang not in names:
            collector.warning(path, where("name", office_line), f"office name has no '{lang}' version")
    site.office = Office(
        names=names,
        address=_text(office.get("address", "")),
        phone=_text(office.get("phone", "")),
        email=_text(office.get("email", "")),
    )

    _read_hours(data, "hours", site.hours, path, where, collector)
    _read_hours(data, "cash_hours", site.cash_hours, path, where, collector)
    identity = read_identity(data, path.parent, path, finder, collector)
    site.logo, site.accent, site.featured = identity["logo"], identity["accent"], identity["featured"]

    closed = data.get("closed_days", [])
    if not isinstance(closed, list) or not all(_is_iso_date(d) for d in closed):
        collector.error(
            path, where("closed_days"), 'closed_days must be a list of real "YYYY-MM-DD" dates'
        )
    else:
        site.closed_days = tuple(d.isoformat() if isinstance(d, dt.date) else str(d) for d in closed)

    sections = data.get("sections", [])
    if not isinstance(sections, list) or not sections:
        collector.error(path, where("sections") or 1, "at least one [[sections]] entry is needed")
        sections = []
    seen: set[str] = set()
    search_from = 1
    for entry in sections:
        line = finder.find("[[sections]]", search_from) or where("sections", search_from)
        search_from = (line or search_from) + 1
        if not isinstance(entry, dict):
            collector.error(path, line, "a [[sections]] entry must be a table")
            continue
        section_id = entry.get("id")
        if not isinstance(section_id, str) or not PAGE_ID_RE.fullmatch(section_id):
            collector.error(path, line, "section needs an id of lowercase letters, digits and '-'")
            continue
        if section_id in seen:
            collector.error(path, line, f"section id '{section_id}' is used twice")
            continue
        titles = _localised(entry.get("title"), site.languages)
        if not titles:
            collector.error(
                path, line, f'section \'{section_id}\' needs title = {{ pl = "…", en = "…" }}'
            )
            continue
        for lang in site.languages:
            if lang not in titles:
                collector.warning(path, line, f"section '{section_id}' has no '{lang}' title")
        order = entry.get("order", 0)
        if not isinstance(order, int) or isinstance(order, bool):
            collector.error(path, line, f"section '{section_id}': order must be a whole number")
            order = 0
        seen.add(section_id)
        block_end = finder.find("[[sections]]", (line or 1) + 1)
        icon_line = finder.key("icon", line or 1, block_end) or line
        icon = check_icon(entry.get("icon"), path, icon_line, collector, f"section '{section_id}'")
        site.sections.append(Section(section_id, titles, order, icon))
    site.sections.sort(key=lambda s: (s.order, s.id))
    return True


def read_fallbacks(
    value: Any, site: Site, path: Path, line: int, finder: LineFinder, collector: Collector
) -> dict[str, tuple[str, ...]]:
    """site.toml's ``fallback = { uk = ["pl", "en"] }``: for a language, the languages a
    page missing in it is shown in, first available first. Codes must be languages of
    the site (a language prepared ahead of adding it is passed over quietly)."""
    example = 'fallback = { uk = ["pl", "en"] }'
    known = list(site.languages)
    if not isinstance(value, dict):
        collector.error(path, line, f"fallback must be a table like {example}")
        return {}
    orders: dict[str, tuple[str, ...]] = {}
    for lang, order in value.items():
        at = finder.key(str(lang), line) or line
        if not isinstance(lang, str) or lang not in site.languages:
            if not (isinstance(lang, str) and is_prepared_language(lang, site)):
                collector.error(
                    path, at, f"fallback for {shorten(repr(lang))}: not one of languages {known}"
                )
            continue
        if not isinstance(order, list) or not all(isinstance(code, str) for code in order):
            collector.error(path, at, f"fallback for '{lang}' must be a list of languages like {example}")
            continue
        kept: list[str] = []
        for code in order:
            if code == lang:
                collector.warning(path, at, f"fallback for '{lang}' lists '{lang}' itself; it is left out")
            elif code not in site.languages:
                collector.error(
                    path,
                    at,
                    f"fallback for '{lang}': {shorten(repr(code))} is not one of languages {known}",
                )
            elif code in kept:
                collector.warning(path, at, f"fallback for '{lang}' lists '{code}' twice")
            else:
                kept.append(code)
        orders[lang] = tuple(kept)
    return orders


def _read_hours(
    data: dict[str, Any],
    table: str,
    into: dict[str, OpeningHours],
    path: Path,
    where: Callable[..., int | None],
    collector: Collector,
) -> None:
    """``[hours]`` or ``[cash_hours]``: weekday = "HH:MM-HH:MM"."""
    hours = data.get(table, {})
    if not isinstance(hours, dict):
        collector.error(path, where(table), f"[{table}] must be a table")
        hours = {}
    hours_line = where(table) or 1
    for day, value in hours.items():
        line = where(day, hours_line)
        if day not in WEEKDAYS:
            collector.error(
                path, line, f"unknown weekday '{shorten(day)}' in [{table}] (use {', '.join(WEEKDAYS)})"
            )
            continue
        parsed_hours = _parse_hours(value) if isinstance(value, str) else None
        if parsed_hours is None:
            collector.error(
                path, line, f'hours for {day} must look like "07:30-15:30", got {shorten(repr(value))}'
            )
            continue
        into[day] = parsed_hours


def _text(value: Any) -> str:
    """A scalar setting as text ('' for a list or table, which no text setting takes)."""
    return "" if isinstance(value, (list, dict)) else str(value)


def load_variant(
    page_id: str, lang: str, path: Path, site: Site, collector: Collector
) -> PageVariant | None:
    """One language file of a page, or None when it cannot be shown."""
    variant: PageVariant | None = None
    with guarded(collector, path, "page"):
        variant = _read_variant(page_id, lang, path, site, collector)
    return variant


def _read_variant(
    page_id: str, lang: str, path: Path, site: Site, collector: Collector
) -> PageVariant | None:
    text = read_text(path, collector, MAX_PAGE_BYTES, what="page")
    if text is None:
        return None
    front = read_front_matter(text, path, collector)
    if front is None:
        return None
    meta, body, body_line = front.values, front.body, front.body_line
    line = front.line

    is_usable = True
    known = {"title", "section", "order", "summary", "keywords", "room", "url", "icon"}
    for key in meta:
        if key not in known:
            collector.warning(path, line(key), f"unknown front matter key '{shorten(key)}' is ignored")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        if "title" not in front.lines:
            collector.error(path, 1, "missing title")
        elif "title" in meta:  # (a value that could not be read is reported already)
            message = "title must be text" if isinstance(title, (list, dict)) else "missing title"
            collector.error(path, line("title"), message)
        is_usable = False
    elif len(title.strip()) > MAX_TITLE_CHARS:
        collector.error(
            path,
            line("title"),
            f"title is {len(title.strip())} characters long; at most {MAX_TITLE_CHARS} "
            "(it is shown on a button): put the rest in summary",
        )
        is_usable = False
    section = meta.get("section")
    if not isinstance(section, str) or not section.strip():
        if "section" not in front.lines:
            collector.error(path, 1, "missing section")
        elif "section" in meta:  # (a value that could not be read is reported already)
            collector.error(path, line("section"), "missing section")
        is_usable = False
    elif site.sections and site.section(section.strip()) is None:
        known_ids = ", ".join(s.id for s in site.sections)
        collector.error(
            path, line("section"), f"unknown section '{shorten(section)}' (known: {known_ids})"
        )
        is_usable = False
    order = meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        collector.error(path, line("order"), "order must be a whole number")
        order = 0
    keywords = meta.get("keywords", [])
    if isinstance(keywords, str):
        keywords = [keywords]
    if not isinstance(keywords, list) or not all(
        isinstance(k, (str, int)) and not isinstance(k, bool) for k in keywords
    ):
        collector.error(path, line("keywords"), "keywords must be a list like [podatek, opłata]")
        keywords = []
    texts: dict[str, str] = {}
    for key in ("summary", "room", "url"):
        value = meta.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            collector.error(path, line(key), f"{key} must be text")
            value = ""
        texts[key] = str(value).strip()
    url = texts["url"]
    if url and not URL_RE.fullmatch(url):
        collector.error(path, line("url"), f"url must be an http(s):// address, got {shorten(repr(url))}")
        url = ""
    icon = check_icon(meta.get("icon"), path, line("icon"), collector, f"page '{page_id}'")
    if not body.strip():
        collector.error(path, body_line, "page body is empty")
        is_usable = False
    elif not check_body(body, LineFinder(body, None, body_line), path, collector):
        is_usable = False
    if not is_usable:
        return None
    assert isinstance(title, str) and isinstance(section, str)
    return PageVariant(
        page_id=page_id,
        lang=lang,
        title=title.strip(),
        section=section.strip(),
        body=body,
        path=path,
        body_line=body_line,
        order=order,
        summary=texts["summary"],
        keywords=tuple(str(k) for k in keywords),
        room=texts["room"],
        url=url,
        icon=icon,
    )


def _bad_name(name: str) -> str:
    """Why a page folder or file name cannot be a page id or language, shown safely."""
    return f"'{printable(name)}'"


def load_site(root: Path) -> Site:
    """Load a content folder. Problems are in ``site.problems``; nothing raises."""
    root = Path(root)
    collector = Collector()
    site = Site(root=root)
    if not root.is_dir():
        collector.error(root, None, "content folder does not exist")
        site.problems = collector.problems
        return site
    load_site_config(root, site, collector)
    pages_dir = root / "pages"
    if not pages_dir.is_dir():
        collector.error(pages_dir, None, "pages/ folder is missing")
    else:
        with guarded(collector, pages_dir, "folder"):
            _load_pages(pages_dir, site, collector)
    if site.featured:
        config = root / "site.toml"
        with guarded(collector, config):
            finder = LineFinder(config.read_text(encoding="utf-8", errors="replace"))
            site.featured = check_featured(site.featured, set(site.pages), config, finder, collector)
    site.problems = collector.problems
    return site


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of a folder in name order (one system call, no stat per entry)."""
    with os.scandir(folder) as scan:
        return sorted(scan, key=lambda entry: entry.name)


def _load_pages(pages_dir: Path, site: Site, collector: Collector) -> None:
    for entry in _entries(pages_dir):
        if not entry.is_dir():
            continue
        folder = Path(entry.path)
        page_id = entry.name
        if not PAGE_ID_RE.fullmatch(page_id):
            collector.error(
                folder,
                None,
                f"page folder name {_bad_name(page_id)} must be lowercase letters, digits, "
                "'-' or '_' (it is the page id); the page is left out",
            )
            continue
        page = Page(page_id, folder)
        found = False
        names = set()
        easy: list[tuple[str, Path, bool]] = []  # (language, file, is a file) of each .etr.md
        for file in _entries(folder):
            names.add(file.name)
            if not file.name.endswith(".md"):
                continue
            md = Path(file.path)
            lang = md.stem
            if lang.endswith(EASY_READ_SUFFIX):
                easy.append((lang.removesuffix(EASY_READ_SUFFIX), md, file.is_file()))
                continue
            if is_prepared_language(lang, site):
                continue  # written ahead of adding the language to site.toml
            if lang not in site.languages:
                collector.warning(
                    md, None, f"{_bad_name(lang)} is not a configured language; file ignored"
                )
                continue
            if not file.is_file():
                collector.error(md, None, "a page file must be a file, not a folder")
                continue
            found = True
            variant = load_variant(page_id, lang, md, site, collector)
            if variant is not None:
                page.variants[lang] = variant
        if not found:
            collector.warning(folder, None, "page folder has no <lang>.md file")
            continue
        for lang in site.languages:
            if f"{lang}.md" not in names:
                collector.warning(
                    folder / f"{lang}.md", None, f"page '{page_id}' is missing in '{lang}'"
                )
        for lang, md, is_file in easy:
            _load_easy_variant(page, lang, md, is_file, site, collector)
        if page.variants:
            site.pages[page_id] = page
        else:
            site.broken_pages.add(page_id)


def _load_easy_variant(
    page: Page, lang: str, md: Path, is_file: bool, site: Site, collector: Collector
) -> None:
    """A page's easy-to-read version ``<lang>.etr.md``: read like the page, checked
    against the easy-to-read rules (warnings), kept when its language's page is."""
    from kiosk.content.easy_read import check_easy_read

    if is_prepared_language(lang, site):
        return
    if lang not in site.languages:
        collector.warning(md, None, f"{_bad_name(lang)} is not a configured language; file ignored")
        return
    if not is_file:
        collector.error(md, None, "a page file must be a file, not a folder")
        return
    variant = load_variant(page.id, lang, md, site, collector)
    if variant is None:
        return
    check_easy_read(variant, collector)
    if lang not in page.variants:
        collector.warning(
            md,
            None,
            f"easy-to-read version without the page itself: add {lang}.md beside it "
            "(the easy-to-read version is offered from the page)",
        )
        return
    page.easy_variants[lang] = replace(variant, is_easy_read=True)
