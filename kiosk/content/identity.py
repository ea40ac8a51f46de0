"""The office's identity in ``site.toml``: logo, accent colour, featured tasks, icons,
and the cash desk's hours.

::

    logo = "logo.svg"                       # a file in the content folder (SVG or PNG)
    accent = "#9b1c1c"                      # the office's colour
    featured = ["id-card", "local-taxes"]   # the top tasks, large tiles on the home screen

    [cash_hours]                            # the cash desk; a day left out: closed
    mon = "08:15-16:30"

Icons (``icon = "mdi6.card-account-details"`` on a section, ``icon:`` in a page's front
matter) are names of the icon library the kiosk draws with (qtawesome: Material Design
``mdi6.*``, Phosphor ``ph.*``). Names are checked against the library's own charmaps,
read as data, so this module stays free of Qt; an unknown name is a warning and the
tile gets the default icon. The accent colour's contrast is checked against the themes
by :mod:`kiosk.identity`, which knows them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk import paths
from kiosk.problems import Collector, LineFinder, shorten

ACCENT_RE = re.compile(r"#[0-9a-fA-F]{6}")
LOGO_SUFFIXES = (".svg", ".png")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_LOGO_BYTES = 1_000_000
MAX_FEATURED = 8
# The icon sets a content folder may name: prefix → the start of the charmap's and the
# font's file names in qtawesome's fonts folder.
ICON_SETS: dict[str, str] = {
    "mdi6": "materialdesignicons6-webfont-charmap",
    "ph": "phosphor-charmap",
}
ICON_FONTS: dict[str, str] = {
    "mdi6": "materialdesignicons6-webfont-[0-9]*.ttf",
    "ph": "phosphor-[0-9]*.ttf",
}
ICON_EXAMPLE = "mdi6.card-account-details"


@cache
def charmap(prefix: str) -> Mapping[str, int]:
    """The icons of one set by name, as code points of its font (qtawesome's charmap,
    read as data: no import of Qt)."""
    fonts = paths.icon_fonts_dir()
    if prefix not in ICON_SETS or fonts is None:
        return {}
    for path in sorted(fonts.glob(ICON_SETS[prefix] + "*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return MappingProxyType({str(k): int(str(v), 16) for k, v in data.items()})
        except (OSError, ValueError, AttributeError):
            return {}
    return {}


def is_known_icon(name: str) -> bool:
    """True for a name like ``mdi6.home`` or ``ph.bank`` that the icon library draws."""
    prefix, _, icon = name.partition(".")
    return prefix in ICON_SETS and bool(icon) and icon in charmap(prefix)


def check_icon(value: Any, path: Path, line: int | None, collector: Collector, owner: str) -> str:
    """The icon name to draw, or "" (the default icon) after a warning."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        collector.warning(path, line, f"{owner}: icon must be text like \"{ICON_EXAMPLE}\"")
        return ""
    name = value.strip()
    if not is_known_icon(name):
        sets = ", ".join(f"{prefix}.*" for prefix in ICON_SETS)
        collector.warning(
            path,
            line,
            f"{owner}: unknown icon '{shorten(name)}' (use a name like \"{ICON_EXAMPLE}\" from {sets}); "
            "the default icon is shown",
        )
        return ""
    return name


def read_accent(value: Any, path: Path, line: int | None, collector: Collector) -> str:
    """``accent = "#RRGGBB"`` as a lowercase colour, or "" (the theme's own colour)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not ACCENT_RE.fullmatch(value.strip()):
        collector.warning(
            path, line, f'accent must be a colour like "#9b1c1c", got {shorten(repr(value))}; ignored'
        )
        return ""
    return value.strip().lower()


def read_featured(value: Any, path: Path, line: int | None, collector: Collector) -> tuple[str, ...]:
    """``featured = ["id-card", …]`` as page ids; whether they exist is checked once the
    pages are loaded (:func:`check_featured`)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        collector.error(path, line, 'featured must be a list of page ids like ["id-card", "local-taxes"]')
        return ()
    ids = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
    if len(ids) < len(value):
        collector.warning(path, line, "featured names a page twice or an empty id; kept once")
    if len(ids) > MAX_FEATURED:
        collector.warning(
            path, line, f"featured has {len(ids)} pages; the home screen shows the first {MAX_FEATURED}"
        )
        ids = ids[:MAX_FEATURED]
    return ids


def check_featured(
    featured: tuple[str, ...], pages: set[str], path: Path, finder: LineFinder | None, collector: Collector
) -> tuple[str, ...]:
    """The featured ids that are pages; an error with the line for each that is not."""
    kept = []
    start = (finder.key("featured") if finder else None) or 1
    for page_id in featured:
        if page_id in pages:
            kept.append(page_id)
            continue
        line = (finder.find(f'"{page_id}"', start) if finder else None) or start
        collector.error(path, line, f"featured page '{shorten(page_id)}' does not exist (see pages/)")
    return tuple(kept)


def read_logo(value: Any, root: Path, path: Path, line: int | None, collector: Collector) -> Path | None:
    """``logo = "logo.svg"``: a readable SVG or PNG inside the content folder, or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        collector.error(path, line, 'logo must be a file name like "logo.svg"')
        return None
    name = value.strip()
    if not _is_inside(name):
        collector.error(path, line, f"logo '{shorten(name)}' must be a file inside the content folder")
        return None
    if not name.lower().endswith(LOGO_SUFFIXES):
        collector.error(path, line, f"logo '{shorten(name)}' must be an .svg or .png file")
        return None
    logo = root / name
    if logo.is_symlink() or not logo.is_file():
        collector.error(path, line, f"logo file '{shorten(name)}' is missing")
        return None
    if logo.stat().st_size > MAX_LOGO_BYTES:
        collector.error(path, line, f"logo '{shorten(name)}' is larger than {MAX_LOGO_BYTES // 1000} kB")
        return None
    if name.lower().endswith(".png"):
        with logo.open("rb") as file:
            if file.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
                collector.error(logo, None, "logo is not a PNG image")
                return None
        return logo
    from kiosk.floors.loader import check_svg

    if check_svg(logo, collector, what="logo", folder="the content folder") is None:
        return None
    return logo


def _is_inside(reference: str) -> bool:
    if not reference or reference.startswith(("/", "\\")) or "\\" in reference or ":" in reference:
        return False
    return ".." not in Path(reference).parts


def read_identity(
    data: dict[str, Any], root: Path, path: Path, finder: LineFinder, collector: Collector
) -> dict[str, Any]:
    """The identity settings of site.toml's top level, checked (pages come later)."""

    def where(key: str) -> int | None:
        return finder.key(key)

    return {
        "logo": read_logo(data.get("logo"), root, path, where("logo"), collector),
        "accent": read_accent(data.get("accent"), path, where("accent"), collector),
        "featured": read_featured(data.get("featured"), path, where("featured"), collector),
    }


IDENTITY_KEYS = frozenset({"logo", "accent", "featured", "cash_hours"})
