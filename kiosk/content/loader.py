"""Read a content folder into a :class:`Site`, collecting every problem on the way.

Loading never raises for bad content: staff write these files by hand, so every
problem becomes a :class:`Problem` with file and line, and what is good is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.model import (
    WEEKDAYS,
    Office,
    OpeningHours,
    Page,
    PageVariant,
    Problem,
    Section,
    Severity,
    Site,
)
from kiosk.i18n import catalog_languages

PAGE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[a-z]{2}$")
HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOML_POS_RE = re.compile(r"\(at line (\d+), column \d+\)")

try:  # the C loader is several times faster; fall back where libyaml is missing
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int | None, severity: Severity, message: str) -> None:
        self.problems.append(Problem(path, line, severity, message))

    def error(self, path: Path, line: int | None, message: str) -> None:
        self.add(path, line, "error", message)

    def warning(self, path: Path, line: int | None, message: str) -> None:
        self.add(path, line, "warning", message)


def line_of(text: str, needle: str, start_line: int = 1) -> int | None:
    """First line (1-based) at or after ``start_line`` that contains ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start_line and needle in line:
            return number
    return None


def read_text(path: Path, collector: _Collector) -> str | None:
    """The file decoded as UTF-8, or None with an error naming the bad line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        collector.error(path, None, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        collector.error(
            path, line, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        )
        return None
    return text.removeprefix("\ufeff")


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


def load_site_config(root: Path, site: Site, collector: _Collector) -> bool:
    """Fill ``site`` from site.toml; False when the file is unusable."""
    path = root / "site.toml"
    if not path.is_file():
        collector.error(path, None, "site.toml is missing")
        return False
    text = read_text(path, collector)
    if text is None:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_POS_RE.search(str(exc))
        line = int(match.group(1)) if match else None
        message = TOML_POS_RE.sub("", str(exc)).strip()
        collector.error(path, line, f"malformed TOML: {message}")
        return False

    def where(key: str) -> int | None:
        return line_of(text, key)

    known = {"default_language", "languages", "office", "hours", "sections", "closed_days"}
    for key in data:
        if key not in known:
            collector.warning(path, where(key), f"unknown setting '{key}' is ignored")

    languages = data.get("languages", ["pl", "en"])
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(x, str) and LANG_RE.match(x) for x in languages)
    ):
        collector.error(path, where("languages"), 'languages must be a list like ["pl", "en"]')
        languages = ["pl", "en"]
    site.languages = tuple(languages)
    default = data.get("default_language", site.languages[0])
    if default not in site.languages:
        collector.error(
            path,
            where("default_language"),
            f"default_language '{default}' is not one of languages {list(site.languages)}",
        )
        default = site.languages[0]
    site.default_language = default

    office = data.get("office", {})
    if not isinstance(office, dict):
        collector.error(path, where("office"), "[office] must be a table")
        office = {}
    names = _localised(office.get("name"), site.languages)
    if not names:
        collector.error(path, where("[office]"), '[office] needs name = { pl = "…", en = "…" }')
        names = {}
    for lang in site.languages:
        if names and lang not in names:
            collector.warning(path, where("name"), f"office name has no '{lang}' version")
    site.office = Office(
        names=names,
        address=str(office.get("address", "")),
        phone=str(office.get("phone", "")),
        email=str(office.get("email", "")),
    )

    hours = data.get("hours", {})
    if not isinstance(hours, dict):
        collector.error(path, where("hours"), "[hours] must be a table")
        hours = {}
    for day, value in hours.items():
        line = line_of(text, f"{day}", (where("[hours]") or 1))
        if day not in WEEKDAYS:
            collector.error(
                path, line, f"unknown weekday '{day}' in [hours] (use {', '.join(WEEKDAYS)})"
            )
            continue
        parsed = _parse_hours(value) if isinstance(value, str) else None
        if parsed is None:
            collector.error(
                path, line, f'hours for {day} must look like "07:30-15:30", got {value!r}'
            )
            continue
        site.hours[day] = parsed

    closed = data.get("closed_days", [])
    if not isinstance(closed, list) or not all(
        isinstance(d, str) and DATE_RE.match(d) for d in closed
    ):
        collector.error(
            path, where("closed_days"), 'closed_days must be a list of "YYYY-MM-DD" dates'
        )
    else:
        site.closed_days = tuple(str(d) for d in closed)

    sections = data.get("sections", [])
    if not isinstance(sections, list) or not sections:
        collector.error(path, where("sections"), "at least one [[sections]] entry is needed")
        sections = []
    seen: set[str] = set()
    search_from = 1
    for entry in sections:
        line = line_of(text, "[[sections]]", search_from)
        search_from = (line or search_from) + 1
        if not isinstance(entry, dict):
            collector.error(path, line, "a [[sections]] entry must be a table")
            continue
        section_id = entry.get("id")
        if not isinstance(section_id, str) or not PAGE_ID_RE.match(section_id):
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
        if not isinstance(order, int):
            collector.error(path, line, f"section '{section_id}': order must be a whole number")
            order = 0
        seen.add(section_id)
        site.sections.append(Section(section_id, titles, order, str(entry.get("icon", ""))))
    site.sections.sort(key=lambda s: (s.order, s.id))
    return True


def split_front_matter(
    text: str, path: Path, collector: _Collector
) -> tuple[dict[str, Any], str, int] | None:
    """(front matter, body, first body line) or None with the problem recorded."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        collector.error(path, 1, "page must start with front matter between '---' lines")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        collector.error(path, 1, "front matter is not closed with a '---' line")
        return None
    raw = "".join(lines[1:end])
    try:
        data = yaml.load(raw, Loader=_YamlLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        collector.error(path, line, f"malformed front matter: {problem}")
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        collector.error(path, 2, "front matter must be 'key: value' lines")
        return None
    return data, "".join(lines[end + 1 :]), end + 2


def load_variant(
    page_id: str, lang: str, path: Path, site: Site, collector: _Collector
) -> PageVariant | None:
    """One language file of a page, or None when it cannot be shown."""
    text = read_text(path, collector)
    if text is None:
        return None
    split = split_front_matter(text, path, collector)
    if split is None:
        return None
    meta, body, body_line = split

    def line(key: str) -> int:
        return line_of(text, f"{key}:") or 1

    is_usable = True
    known = {"title", "section", "order", "summary", "keywords", "room", "url"}
    for key in meta:
        if key not in known:
            collector.warning(path, line(str(key)), f"unknown front matter key '{key}' is ignored")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        collector.error(path, line("title") if "title" in meta else 1, "missing title")
        is_usable = False
    section = meta.get("section")
    if not isinstance(section, str) or not section.strip():
        collector.error(path, line("section") if "section" in meta else 1, "missing section")
        is_usable = False
    elif site.sections and site.section(section) is None:
        known_ids = ", ".join(s.id for s in site.sections)
        collector.error(path, line("section"), f"unknown section '{section}' (known: {known_ids})")
        is_usable = False
    order = meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        collector.error(path, line("order"), "order must be a whole number")
        order = 0
    keywords = meta.get("keywords", [])
    if isinstance(keywords, str):
        keywords = [keywords]
    if not isinstance(keywords, list) or not all(isinstance(k, (str, int)) for k in keywords):
        collector.error(path, line("keywords"), "keywords must be a list like [podatek, opłata]")
        keywords = []
    for key in ("summary", "room", "url"):
        if key in meta and not isinstance(meta[key], (str, int)):
            collector.error(path, line(key), f"{key} must be text")
            meta[key] = ""
    url = str(meta.get("url", "") or "")
    if url and not re.match(r"^https?://\S+$", url):
        collector.error(path, line("url"), f"url must be an http(s):// address, got {url!r}")
        url = ""
    if not body.strip():
        collector.error(path, body_line, "page body is empty")
        is_usable = False
    if not is_usable:
        return None
    return PageVariant(
        page_id=page_id,
        lang=lang,
        title=str(title).strip(),
        section=str(section).strip(),
        body=body,
        path=path,
        body_line=body_line,
        order=order,
        summary=str(meta.get("summary", "") or "").strip(),
        keywords=tuple(str(k) for k in keywords),
        room=str(meta.get("room", "") or "").strip(),
        url=url,
    )


def load_site(root: Path) -> Site:
    """Load a content folder. Problems are in ``site.problems``; nothing raises."""
    root = Path(root)
    collector = _Collector()
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
        for folder in sorted(p for p in pages_dir.iterdir() if p.is_dir()):
            page_id = folder.name
            if not PAGE_ID_RE.match(page_id):
                collector.error(
                    folder, None, "page folder name must be lowercase letters, digits, '-' or '_'"
                )
                continue
            page = Page(page_id, folder)
            found = False
            for md in sorted(folder.glob("*.md")):
                lang = md.stem
                if is_prepared_language(lang, site):
                    continue
                if lang not in site.languages:
                    collector.warning(
                        md, None, f"'{lang}' is not a configured language; file ignored"
                    )
                    continue
                found = True
                variant = load_variant(page_id, lang, md, site, collector)
                if variant is not None:
                    page.variants[lang] = variant
            if not found:
                collector.warning(folder, None, "page folder has no <lang>.md file")
                continue
            for lang in site.languages:
                if not (folder / f"{lang}.md").exists():
                    collector.warning(
                        folder / f"{lang}.md", None, f"page '{page_id}' is missing in '{lang}'"
                    )
            if page.variants:
                site.pages[page_id] = page
            else:
                site.broken_pages.add(page_id)
    site.problems = collector.problems
    return site
