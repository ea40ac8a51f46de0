"""Check an SVG drawing written by staff before the kiosk draws it.

Qt's SVG renderer follows ``<image href>`` and CSS ``url()`` to any file it can open, so an
SVG in the content folder could show a file from anywhere on the disk. Plans and page
images are both read through :func:`scan_svg`: it reports, with the line, anything that
could run or fetch something — scripts, event-handler attributes, embedded HTML, DTDs and
entities, style-sheet imports, and references outside the drawing's own folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.parsers import expat

URL_IN_CSS_RE = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
HREF_ATTRS = ("href", "xlink:href", "src")


@dataclass
class SvgScan:
    """What :func:`scan_svg` found: the elements' ids, and the problems as (line, message)."""

    ids: frozenset[str] = frozenset()
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    is_svg: bool = False  # the file is readable, well-formed XML whose root is <svg>

    @property
    def is_safe(self) -> bool:
        return self.is_svg and not self.problems


def is_inside(base: Path, reference: str) -> bool:
    """True when a relative file reference stays within ``base``."""
    if not reference or reference.startswith(("/", "\\")) or "\\" in reference:
        return False
    parts = PurePosixPath(reference.split("#", 1)[0].split("?", 1)[0]).parts
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return False
    return True


def reference_problem(value: str, base: Path, folder: str) -> str | None:
    """Why an address in an SVG is not allowed, or None (fragments and data: images are)."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    scheme = SCHEME_RE.match(value)
    if scheme:
        if scheme.group(1).lower() == "data" and value.lower().startswith("data:image/"):
            return None
        return f"refers to '{value[:60]}' outside {folder}; only files in the folder are allowed"
    if value.startswith("//") or not is_inside(base, value):
        return f"refers to '{value[:60]}' outside {folder}"
    target = base / value.split("#", 1)[0]
    if target.is_symlink() or not target.is_file():
        return f"refers to a missing file '{value[:60]}'"
    return None


def scan_svg(path: Path, folder: str = "its folder") -> SvgScan:
    """Scan the SVG at ``path``; references may point only into ``path``'s own folder.

    ``folder`` names that folder in messages ("the floors folder", "the page's folder").
    Never raises: an unreadable or malformed file is a problem like any other.
    """
    scan = SvgScan()
    try:
        data = path.read_bytes()
    except OSError as exc:
        scan.problems.append((None, f"cannot read the drawing: {exc.strerror or exc}"))
        return scan
    ids: set[str] = set()
    state = {"root": "", "in_style": False}
    parser = expat.ParserCreate(namespace_separator=None)
    base = path.parent

    def bad(message: str) -> None:
        scan.problems.append((int(parser.CurrentLineNumber), message))

    def css(text: str) -> None:
        if "@import" in text:
            bad("imports a style sheet; put the styles in the drawing itself")
        for match in URL_IN_CSS_RE.finditer(text):
            reason = reference_problem(match.group(1), base, folder)
            if reason:
                bad(reason)

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if not state["root"]:
            state["root"] = local
        if local == "script":
            bad("carries a script; remove it")
        if local == "foreignObject":
            bad("carries embedded HTML (foreignObject); remove it")
        state["in_style"] = local == "style"
        for name, value in attrs.items():
            if name.lower().startswith("on"):
                bad(f"carries a script in the attribute '{name}'; remove it")
            elif name in HREF_ATTRS or name.endswith(":href"):
                reason = reference_problem(value, base, folder)
                if reason:
                    bad(reason)
            elif name == "style":
                css(value)
        if "id" in attrs:
            ids.add(attrs["id"])

    def characters(text: str) -> None:
        if state["in_style"]:
            css(text)

    def end(_tag: str) -> None:
        state["in_style"] = False

    def doctype(*_args: object) -> None:
        bad("has a DOCTYPE or entities; save it as plain SVG")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        scan.problems.append((exc.lineno, f"is not valid SVG: {expat.ErrorString(exc.code)}"))
        return scan
    except RecursionError:
        scan.problems.append((None, "is nested too deeply to be drawn"))
        return scan
    if state["root"] != "svg":
        scan.problems.append((1, "is not an SVG drawing (its first element is not <svg>)"))
        return scan
    scan.is_svg = True
    scan.ids = frozenset(ids)
    return scan
