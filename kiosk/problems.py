"""Untrusted file → problems with ``file:line``: the one reader for every file staff write.

Content pages, ``site.toml``, announcements, tips, name days and ``kiosk.toml`` are written
by hand and copied by scripts, so none of them is trusted. This module is the single place
that reads such a file and turns what is wrong with it into :class:`Problem` s:

- :func:`read_text` reads UTF-8 (with or without a BOM), names the line of a bad byte or a
  control character, refuses files over a size limit before reading them whole, and gives
  every line ending as ``\\n`` (so all line numbers count the same lines);
- :func:`parse_toml` parses TOML and never raises: the parser's own errors keep their
  exact line (:data:`TOML_POS_RE`), and what would make the parser itself fail (numbers of
  thousands of digits, arrays nested thousands deep) is found first, with its line;
- :class:`LineFinder` is the one way to find the line of a key or a piece of text; it is
  built once per file, so finding the lines of many problems stays linear in the file.

It imports nothing from the rest of the kiosk, so every package can use it.
"""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

# The parser's "(at line N, column M)" at the end of a TOMLDecodeError message.
TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")

# Nesting and number size that no hand-written file needs, and far below what makes a
# parser recurse out of its stack or Python refuse to convert a number.
MAX_NESTING = 20
MAX_DIGITS = 100
MAX_DATA_FILE_BYTES = 1_000_000  # site.toml, announcements, tips, name days, kiosk.toml

# Control characters a text file may hold: tab and the line endings (normalised to \n).
_BAD_CHARACTER_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
_NEWLINE_RE = re.compile(r"\r\n?")
# Characters never printed as they are: control characters and text-direction overrides.
_UNPRINTABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``),
    so a file name or value can never move the cursor, colour a terminal or reorder a line."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
        if named:
            return named
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE_RE.sub(escape, text)


def shorten(text: str, limit: int = 60) -> str:
    """A value as it can be quoted in a message: printable and at most ``limit`` characters."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file staff wrote, as staff should read it."""

    path: Path
    line: int | None
    severity: Severity
    message: str

    def format(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                shown = self.path
        where = printable(f"{shown}:{self.line}" if self.line else f"{shown}")
        return f"{where}: {self.severity}: {printable(self.message)}"


class Collector:
    """Collects the problems of one load; loaders add to it and never raise."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int | None, severity: Severity, message: str) -> None:
        self.problems.append(Problem(path, line, severity, message))

    def error(self, path: Path, line: int | None, message: str) -> None:
        self.add(path, line, "error", message)

    def warning(self, path: Path, line: int | None, message: str) -> None:
        self.add(path, line, "warning", message)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)


@contextmanager
def guarded(collector: Collector, path: Path, what: str = "file") -> Iterator[None]:
    """The last line of defence around reading one file: an exception nobody foresaw
    becomes an error for that file (at line 1, where the file starts) instead of
    stopping the load of everything else."""
    try:
        yield
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - one file must not stop the rest
        collector.error(
            path, 1, f"this {what} cannot be read: {type(exc).__name__}: {shorten(str(exc), 120)}"
        )


def size_text(size: int) -> str:
    """Bytes in words for messages: "512 bytes", "200 KB", "5.2 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def read_text(
    path: Path, collector: Collector, max_bytes: int = MAX_DATA_FILE_BYTES, what: str = "file"
) -> str | None:
    """The file as text with ``\\n`` line endings, or None with the problem recorded.

    A file over ``max_bytes`` is refused without being read whole; bytes that are not
    UTF-8 and control characters (a binary file, a NUL byte) are named with their line.
    A BOM is dropped; CRLF and CR line endings become LF (lines are counted the same).
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        collector.error(path, None, f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > max_bytes:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(data)
        collector.error(
            path, 1, f"{what} is too large ({size_text(size)}; the limit is {size_text(max_bytes)})"
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        collector.error(
            path, line, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        )
        return None
    text = _NEWLINE_RE.sub("\n", text.removeprefix("\ufeff"))
    bad = _BAD_CHARACTER_RE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        name = unicodedata.name(bad.group(0), "")
        shown = f"U+{ord(bad.group(0)):04X}" + (f" {name}" if name else "")
        collector.error(
            path, line, f"file contains the control character {shown}; is it a text file?"
        )
        return None
    return text


class LineFinder:
    """Finds the line of a key or a piece of text in one file's text.

    Built once per file (line starts are computed on first use), so each look-up costs a
    search plus a bisection instead of a pass over the file. Lines whose first non-blank
    character is ``comment_prefix`` are never the answer (a key mentioned in a comment is
    not the key); pass ``None`` for Markdown, where ``#`` starts a heading. ``first_line``
    is the line of the file where ``text`` starts (a page body after its front matter).
    """

    def __init__(self, text: str, comment_prefix: str | None = "#", first_line: int = 1) -> None:
        self.text = text
        self.comment_prefix = comment_prefix
        self.first_line = first_line
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def line_at(self, offset: int) -> int:
        """The file line holding character ``offset`` of the text."""
        return bisect.bisect_right(self.starts, offset) - 1 + self.first_line

    def offset_of(self, line: int) -> int:
        """Where file line ``line`` starts in the text (clamped to the text)."""
        index = line - self.first_line
        if index <= 0:
            return 0
        return self.starts[index] if index < len(self.starts) else len(self.text)

    def is_comment(self, line: int) -> bool:
        if self.comment_prefix is None:
            return False
        start = self.offset_of(line)
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else None].lstrip().startswith(self.comment_prefix)

    def find(self, needle: str, start_line: int = 1, end_line: int | None = None) -> int | None:
        """First line at or after ``start_line`` (before ``end_line``) containing ``needle``."""
        if not needle:
            return None
        position = self.offset_of(start_line)
        end = self.offset_of(end_line) if end_line is not None else len(self.text)
        while True:
            found = self.text.find(needle, position, end)
            if found < 0:
                return None
            line = self.line_at(found)
            if not self.is_comment(line):
                return line
            position = self.offset_of(line + 1)

    def key(self, name: str, start_line: int = 1, end_line: int | None = None) -> int | None:
        """First line at or after ``start_line`` that sets ``name`` (``name = …``,
        ``name: …``, ``"name" = …``, ``name.sub = …``) or opens its table (``[name]``,
        ``[[name]]``); comment lines never match."""
        pattern = re.compile(
            r"^[ \t]*(?:\[\[?[ \t]*)?([\"']?)" + re.escape(name) + r"\1[ \t]*(?:[=:.\]]|$)",
            re.MULTILINE,
        )
        end = self.offset_of(end_line) if end_line is not None else len(self.text)
        match = pattern.search(self.text, self.offset_of(start_line), end)
        return self.line_at(match.start()) if match else None


# Tokens that matter for nesting and long numbers outside TOML strings and comments.
_TOML_TOKEN_RE = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'.*?\'\'\''''  # multi-line strings
    r'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*\''''  # one-line strings
    r"|\#[^\n]*"  # comments
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
    r"|(?P<number>[0-9][0-9_]{" + str(MAX_DIGITS) + r",})",
    re.DOTALL,
)


def toml_hazard(text: str) -> tuple[int, str] | None:
    """(offset, reason) of the first thing no TOML file needs and a parser chokes on:
    nesting deeper than :data:`MAX_NESTING` or a number longer than :data:`MAX_DIGITS`."""
    depth = 0
    for match in _TOML_TOKEN_RE.finditer(text):
        if match.group("open"):
            depth += 1
            if depth > MAX_NESTING:
                return match.start(), f"arrays or tables nested deeper than {MAX_NESTING} levels"
        elif match.group("close"):
            depth = max(0, depth - 1)
        elif match.group("number"):
            return match.start(), f"a number of {len(match.group('number'))} digits (at most {MAX_DIGITS})"
    return None


def parse_toml(text: str, path: Path, collector: Collector, suffix: str = "") -> dict[str, Any] | None:
    """The TOML document, or None with one error at its exact line; never raises.

    ``suffix`` is appended to the message (e.g. what the caller does instead).
    """
    hazard = toml_hazard(text)
    if hazard is not None:
        offset, reason = hazard
        collector.error(path, LineFinder(text).line_at(offset), f"malformed TOML: {reason}{suffix}")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_POS_RE.search(str(exc))
        line = int(match.group(1)) if match else None
        message = TOML_POS_RE.sub("", str(exc)).strip()
        collector.error(path, line, f"malformed TOML: {message}{suffix}")
    except (ValueError, RecursionError, MemoryError) as exc:  # what the scan above did not foresee
        collector.error(path, 1, f"malformed TOML: {type(exc).__name__}: {shorten(str(exc), 120)}{suffix}")
    return None


def read_toml(
    path: Path, collector: Collector, max_bytes: int = MAX_DATA_FILE_BYTES
) -> tuple[dict[str, Any], LineFinder] | None:
    """A TOML file staff wrote: (data, its line finder), or None with the problem recorded."""
    text = read_text(path, collector, max_bytes)
    if text is None:
        return None
    data = parse_toml(text, path, collector)
    if data is None:
        return None
    return data, LineFinder(text)
