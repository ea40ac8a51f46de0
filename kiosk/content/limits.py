"""The limits a page must keep so that nothing staff write can freeze the kiosk.

Measured on the kiosk's own code: a 10,000-row table takes 19 s to lay out, Markdown
recurses out of its stack on lists a few hundred levels deep, the HTML sanitiser and
YAML's C parser go quadratic or crash on nesting thousands deep. No real page comes near
these limits (the sample's largest page is 6 KB with a 12-row table), so a page over one
is an error for that page alone, found *before* it is rendered. ``docs/content.md``
states them for staff; a test keeps the two in step.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kiosk.problems import MAX_NESTING, Collector, LineFinder

MAX_PAGE_BYTES = 200_000  # a long page is ~10 KB; 200 KB is a small book
MAX_TITLE_CHARS = 200  # a title is shown on a button and read aloud first
MAX_TABLE_ROWS = 300  # a screen shows ~25 rows; 300 lays out in well under 100 ms
PAGE_NESTING = MAX_NESTING  # lists, quotes, HTML elements, brackets within each other
MAX_IMAGE_SIDE = 4096  # pixels either way; the screen is 1080 wide, a 4096² image is 64 MB decoded
MAX_IMAGE_BYTES = 10_000_000  # a photo from a phone is 3–5 MB

_QUOTE_RE = re.compile(r"^(?:[ ]{0,3}>)+")
_LIST_ITEMS_RE = re.compile(r"^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+)")
_LIST_MARKER_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# Written so that no two parts can match the same blanks: linear even on a line of spaces.
_TABLE_DELIMITER_RE = re.compile(
    r"^[ \t>]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$", re.MULTILINE
)
_BLANK_LINE_RE = re.compile(r"\n[ \t>]*(?=\n|$)")
# A line can only nest deeper than PAGE_NESTING with at least that many characters of
# quote marks, indentation and list markers in front of it.
_DEEP_PREFIX_RE = re.compile(rf"^[ \t>*+\-0-9.)]{{{PAGE_NESTING + 1},}}", re.MULTILINE)
_ANGLE_RE = re.compile(r"<(?=[A-Za-z!?/])|>")
# Python's HTML parser (used by Markdown and by the checks) looks for the '>' of every
# '<tag' it meets: a page of unclosed '<a ' costs it the square of its length. The total
# distance from each '<tag' to its '>' is what it reads; past this, the page is refused.
MAX_TAG_SCAN = 2_000_000
MAX_MARKS = 2000  # emphasis and code marks (* _ `) in one paragraph
_MARK_RE = re.compile(r"[*_`]|\n[ \t]*\n")
_BRACKET_RE = re.compile(r"\\.|[\[\]]|\n[ \t]*\n")
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Elements whose start closes an open element of the same name (an unclosed <p>, <li>…).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


def _indent_width(text: str) -> int:
    return len(text.expandtabs(4))


class _ScanStoppedError(Exception):
    """Ends a scan early: the page is refused already."""


class _StructureScanner(HTMLParser):
    """Raw HTML nesting depth and table rows, with the line where a limit is passed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.rows: list[int] = []  # <tr> count of each open <table>
        self.too_deep: int | None = None
        self.too_many_rows: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        if tag in _SELF_CLOSING_SIBLINGS and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > PAGE_NESTING:
            self.too_deep = self.getpos()[0]
            raise _ScanStoppedError
        if tag == "table":
            self.rows.append(0)
        elif tag == "tr" and self.rows:
            self.rows[-1] += 1
            if self.rows[-1] > MAX_TABLE_ROWS and self.too_many_rows is None:
                self.too_many_rows = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if closed == "table" and self.rows:
                self.rows.pop()
            if closed == tag:
                break


@dataclass
class _Found:
    """The first line where each limit is passed (None: kept)."""

    nesting: int | None = None
    nesting_what: str = ""
    rows: int | None = None
    unclosed: int | None = None
    marks: int | None = None

    def nested(self, line: int, what: str) -> None:
        if self.nesting is None:
            self.nesting, self.nesting_what = line, what


def _scan_lines(body: str, finder: LineFinder, found: _Found) -> None:
    """Quote and list nesting, and Markdown table rows (a table runs from its ``|---|``
    line to the next blank line)."""
    for match in _DEEP_PREFIX_RE.finditer(body):
        line_end = body.find("\n", match.start())
        line = body[match.start() : line_end if line_end >= 0 else None]
        quotes = _QUOTE_RE.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end() :] if quotes else line
        items = _LIST_ITEMS_RE.match(rest)
        if items:
            depth += _indent_width(items.group(1)) // 4 + len(_LIST_MARKER_RE.findall(items.group(2)))
        if depth > PAGE_NESTING:
            found.nested(finder.line_at(match.start()), "lists or quotes")
            break
    position = 0
    while found.rows is None:
        delimiter = _TABLE_DELIMITER_RE.search(body, position)
        if delimiter is None:
            break
        if "|" not in delimiter.group(0):  # a --- rule, not a table
            position = delimiter.end()
            continue
        blank = _BLANK_LINE_RE.search(body, delimiter.end())
        end = blank.start() if blank else len(body)
        if body.count("\n", delimiter.end(), end) > MAX_TABLE_ROWS:
            found.rows = max(finder.first_line, finder.line_at(delimiter.start()) - 1)
        position = end + 1 if blank else len(body)
        if position >= len(body):
            break


def _scan_brackets(body: str, finder: LineFinder, found: _Found) -> None:
    """Square brackets within each other (links in link texts), per paragraph. Only pairs
    count: an unmatched ``[`` is text (a first pass finds which ``[`` are closed)."""
    if body.count("[") <= PAGE_NESTING:
        return
    tokens = [(m.start(), m.group(0)) for m in _BRACKET_RE.finditer(body)]
    opened: list[int] = []
    closed: set[int] = set()
    for start, token in tokens:
        if token == "[":
            opened.append(start)
        elif token == "]":
            if opened:
                closed.add(opened.pop())
        elif token[0] == "\n":
            opened.clear()
    depth = 0
    for start, token in tokens:
        if token == "[" and start in closed:
            depth += 1
            if depth > PAGE_NESTING:
                found.nested(finder.line_at(start), "square brackets")
                return
        elif token == "]":
            depth = max(0, depth - 1)
        elif token[0] == "\n":
            depth = 0


def _scan_marks(body: str, finder: LineFinder, found: _Found) -> None:
    """Emphasis and code marks per paragraph: Markdown rebuilds the paragraph's text for
    each one it matches, so their number times the paragraph's length is what it costs."""
    if body.count("*") + body.count("_") + body.count("`") <= MAX_MARKS:
        return
    count, start = 0, 0
    for match in _MARK_RE.finditer(body):
        if match.group(0)[0] == "\n":
            count, start = 0, match.end()
            continue
        count += 1
        if count > MAX_MARKS:
            found.marks = finder.line_at(start)
            return


def _scan_tags(body: str, finder: LineFinder, found: _Found) -> None:
    """Whether each '<tag' closes with '>' soon enough for an HTML parser to stay linear."""
    waiting: list[int] = []  # starts of '<tag' whose '>' has not come yet
    cost = 0
    for match in _ANGLE_RE.finditer(body):
        if match.group(0) == "<":
            waiting.append(match.start())
            continue
        cost += sum(match.start() - start for start in waiting)
        waiting.clear()
        if cost > MAX_TAG_SCAN:
            break
    cost += sum(len(body) - start for start in waiting)
    if cost > MAX_TAG_SCAN:
        first = next((m.start() for m in _ANGLE_RE.finditer(body) if m.group(0) == "<"), 0)
        found.unclosed = finder.line_at(first)


def check_body(body: str, finder: LineFinder, path: Path, collector: Collector) -> bool:
    """Report each limit the Markdown body passes (once, at its first line); True when
    the body is within every limit and can be rendered safely."""
    found = _Found()
    _scan_lines(body, finder, found)
    _scan_brackets(body, finder, found)
    _scan_marks(body, finder, found)
    if "<" in body:
        _scan_tags(body, finder, found)
    if "<" in body and found.unclosed is None:
        scanner = _StructureScanner()
        try:
            scanner.feed(body)
            scanner.close()
        except _ScanStoppedError:
            pass
        if scanner.too_deep is not None:
            found.nested(finder.first_line + scanner.too_deep - 1, "HTML elements")
        if scanner.too_many_rows is not None and found.rows is None:
            found.rows = finder.first_line + scanner.too_many_rows - 1
    if found.nesting is not None:
        collector.error(
            path,
            found.nesting,
            f"{found.nesting_what} nested deeper than {PAGE_NESTING} levels; the page is not shown",
        )
    if found.rows is not None:
        collector.error(
            path, found.rows, f"table has more than {MAX_TABLE_ROWS} rows; split it (the page is not shown)"
        )
    if found.unclosed is not None:
        collector.error(
            path,
            found.unclosed,
            "too many '<' that are not closed with '>' (write &lt; for a '<' that is not HTML); "
            "the page is not shown",
        )
    if found.marks is not None:
        collector.error(
            path,
            found.marks,
            f"paragraph has more than {MAX_MARKS} emphasis or code marks (*, _, `); "
            "the page is not shown",
        )
    return all(line is None for line in (found.nesting, found.rows, found.unclosed, found.marks))


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from the header of a PNG, JPEG, GIF, WebP or BMP file, without
    decoding it; None when the format is not one of these or the header is cut short."""
    try:
        with path.open("rb") as stream:
            head = stream.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                width, height = struct.unpack(">II", head[16:24])
                return int(width), int(height)
            if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
                width, height = struct.unpack("<HH", head[6:10])
                return int(width), int(height)
            if head[:2] == b"BM" and len(head) >= 26:
                width, height = struct.unpack("<ii", head[18:26])
                return abs(int(width)), abs(int(height))
            if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
                return _webp_size(head)
            if head[:2] == b"\xff\xd8":
                stream.seek(2)
                return _jpeg_size(stream.read(1_000_000))  # the frame header comes early
    except (OSError, struct.error):
        return None
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    return None


_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame size from the first SOF marker, walking the segments after SOI."""
    position = 0
    while position + 9 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return int(width), int(height)
        if length < 2:
            return None
        position += 2 + length
    return None


def check_image(path: Path) -> str | None:
    """Why the image file may not be shown (too large), or None when it may."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot read the image: {exc.strerror or exc}"
    if size > MAX_IMAGE_BYTES:
        return f"is {size / 1_000_000:.1f} MB; images may be at most {MAX_IMAGE_BYTES // 1_000_000} MB"
    dimensions = image_size(path)
    if dimensions is not None:
        width, height = dimensions
        if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
            return (
                f"is {width}×{height} pixels; images may be at most "
                f"{MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} (scale it down)"
            )
    return None
