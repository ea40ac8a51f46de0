"""The kiosk's own configuration, ``kiosk.toml``: every setting declared once.

Staff edit this file by hand on each kiosk, so it is untrusted input like the content:
:data:`SETTINGS` declares each setting once with its type, default and bounds, and
:func:`load_config` checks every value against it. A bad value or an unknown key gives
a :class:`~kiosk.content.model.Problem` with file, line and reason, and that setting keeps
its default; loading never raises, so the kiosk always starts.
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kiosk.content.model import Problem
from kiosk.staff.pin import DEFAULT_PIN, DEFAULT_PIN_HASH, is_default_pin, is_pin_hash

APP_NAME = "mszczonow-kiosk"
CONFIG_FILE = "kiosk.toml"
CONFIG_ENV = "KIOSK_CONFIG"
SCHEMA_VERSION = 1
VERSION_KEY = "version"

LANGUAGES: tuple[str, ...] = ("pl", "en")
# The names of kiosk.ui.themes.THEMES; a test keeps the two in step (importing the UI
# package here would tie the configuration to it).
THEME_NAMES: tuple[str, ...] = ("default", "yellow-on-black", "black-on-yellow", "white-on-black")
LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR")

Value = bool | int | str
TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column \d+\)")
_KEY_LINE_RE = re.compile(r"""^\s*(["']?)([A-Za-z0-9_-]+)\1\s*[=.]""")
_HEADER_RE = re.compile(r"""^\s*\[\[?\s*(["']?)([A-Za-z0-9_-]+)\1""")


def _pin_hash_problem(value: str) -> str | None:
    if is_pin_hash(value):
        return None
    return "is not a PIN hash made by 'kiosk set-pin'"


@dataclass(frozen=True)
class Setting:
    """One setting of ``kiosk.toml``: the single place its type, default and bounds live."""

    name: str
    type: type[bool] | type[int] | type[str]
    default: Value
    help: str
    bounds: tuple[int, int] | None = None  # inclusive, for whole numbers
    choices: tuple[str, ...] = ()
    unit: str = ""  # shown after numbers in messages and the documentation
    check: Callable[[str], str | None] | None = None  # extra rule for text: reason or None
    default_text: str = ""  # how to show the default when the value itself says nothing

    def problem(self, value: object) -> str | None:
        """Why ``value`` (as read from TOML) is not allowed, or None when it is."""
        if self.type is bool:
            return None if isinstance(value, bool) else f"must be true or false, got {_shown(value)}"
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                return f"must be a whole number{self._unit_suffix()}, got {_shown(value)}"
            if self.bounds is not None:
                low, high = self.bounds
                if not low <= value <= high:
                    return f"{value} is out of range: allowed {low} to {high}{self._unit_suffix()}"
            return None
        if not isinstance(value, str):
            return f"must be text in quotes, got {_shown(value)}"
        if self.choices and value not in self.choices:
            allowed = ", ".join(f'"{c}"' for c in self.choices)
            hint = _suggestion(value, self.choices)
            return f'"{value}" is not one of {allowed}{hint}'
        if self.check is not None:
            return self.check(value)
        return None

    def _unit_suffix(self) -> str:
        return f" ({self.unit})" if self.unit else ""

    def allowed_text(self, quote: Callable[[str], str] = lambda text: text) -> str:
        """The allowed values in words, for comments and the documentation."""
        if self.type is bool:
            return "true or false"
        if self.type is int:
            if self.bounds is None:
                return "whole number"
            low, high = self.bounds
            return f"{low} to {high}{' ' + self.unit if self.unit else ''}"
        if self.choices:
            return ", ".join(quote(f'"{c}"') for c in self.choices)
        if self.check is not None:
            return "output of 'kiosk set-pin'"
        return "text"

    def default_shown(self) -> str:
        return self.default_text or toml_value(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "content",
        str,
        "",
        "Content folder staff keep up to date (a relative path is relative to this file); "
        "empty: the sample content bundled with the kiosk.",
    ),
    Setting(
        "idle_timeout",
        int,
        90,
        'Seconds without a touch before the kiosk asks "Are you still there?".',
        bounds=(30, 3600),
        unit="seconds",
    ),
    Setting(
        "idle_warning",
        int,
        30,
        'Seconds the "Are you still there?" countdown lasts before the next visitor '
        "gets a fresh start (language, text size, theme, history).",
        bounds=(20, 120),
        unit="seconds",
    ),
    Setting(
        "default_language",
        str,
        "pl",
        "Language a new visitor starts in.",
        choices=LANGUAGES,
    ),
    Setting(
        "default_theme",
        str,
        "default",
        "Colour theme a new visitor starts with.",
        choices=THEME_NAMES,
    ),
    Setting(
        "kiosk_position",
        str,
        "",
        'Where this kiosk stands, shown as "You are here" on the map (e.g. "Hall, ground floor").',
    ),
    Setting(
        "printer",
        str,
        "",
        'Printer for printing pages: a printer name, "default" for the system\'s default '
        "printer, or empty for no printing.",
    ),
    Setting("hide_pointer", bool, True, "Hide the mouse pointer (touchscreens need none)."),
    Setting(
        "staff_pin_hash",
        str,
        DEFAULT_PIN_HASH,
        "Salted hash of the staff PIN, never the PIN itself. Set it with 'kiosk set-pin'; "
        "the bundled default PIN must be changed.",
        check=_pin_hash_problem,
        default_text=f"hash of the PIN {DEFAULT_PIN}",
    ),
    Setting(
        "log_level",
        str,
        "INFO",
        "How much the kiosk writes to its log.",
        choices=LOG_LEVELS,
    ),
    Setting(
        "statistics",
        bool,
        False,
        "Keep anonymous statistics (visits, pages opened, \"Was this helpful?\" answers, "
        "searches that found nothing, accessibility features used, survey answers; times "
        "rounded to the hour, no personal data) for 'kiosk stats'. Off until the office "
        "turns it on.",
    ),
    Setting(
        "statistics_retention",
        int,
        24,
        "Months the statistics are kept; older ones are deleted when the kiosk starts.",
        bounds=(1, 120),
        unit="months",
    ),
)
SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """The effective configuration. Field types mirror :data:`SETTINGS` (a test checks);
    defaults live only there, so build one with :meth:`defaults` or :func:`load_config`."""

    content: str
    idle_timeout: int
    idle_warning: int
    default_language: str
    default_theme: str
    kiosk_position: str
    printer: str
    hide_pointer: bool
    staff_pin_hash: str
    log_level: str
    statistics: bool
    statistics_retention: int
    source: Path | None = field(default=None, compare=False)  # the file read, if any

    @classmethod
    def defaults(cls, source: Path | None = None) -> Config:
        values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
        return cls(**values, source=source)

    def values(self) -> dict[str, Value]:
        return {s.name: getattr(self, s.name) for s in SETTINGS}


def default_config_path() -> Path:
    """``$KIOSK_CONFIG``, else ``kiosk.toml`` in the platform's site config folder
    (``/etc/xdg/mszczonow-kiosk`` on Linux, ``C:\\ProgramData\\mszczonow-kiosk`` on Windows)."""
    override = os.environ.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE


def _shown(value: object) -> str:
    """A value as staff wrote it, for messages."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int):
        return f"{value} (a whole number)"
    if isinstance(value, float):
        return f"{value} (a decimal number)"
    if isinstance(value, str):
        return f'"{value}" (text)' if len(value) <= 60 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"{value} (a date or time)"


def _suggestion(word: str, possibilities: tuple[str, ...] | list[str]) -> str:
    folded = {p.casefold(): p for p in possibilities}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key and table header (first occurrence)."""
    lines: dict[str, int] = {}
    is_top_level = True
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER_RE.match(line)
        if header:
            is_top_level = False
            lines.setdefault(header.group(2), number)
            continue
        key = _KEY_LINE_RE.match(line)
        if key and is_top_level:
            lines.setdefault(key.group(2), number)
    return lines


def _resolve_content(value: str, source: Path | None) -> str:
    if not value:
        return value
    folder = Path(value).expanduser()
    if not folder.is_absolute() and source is not None:
        folder = source.parent / folder
    return str(folder)


def parse_config(text: str, path: Path) -> tuple[Config, list[Problem]]:
    """Check the text of a ``kiosk.toml``; every problem is reported, nothing raises."""
    problems: list[Problem] = []
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:  # ints too long, nesting
        match = TOML_POS_RE.search(str(exc))
        line = int(match.group(1)) if match else None
        message = TOML_POS_RE.sub("", str(exc)).strip()
        problems.append(
            Problem(path, line, "error", f"malformed TOML: {message}; using the default for every setting")
        )
        return Config.defaults(source=path), problems
    lines = _key_lines(text)

    def error(key: str, message: str) -> None:
        problems.append(Problem(path, lines.get(key), "error", message))

    version = data.pop(VERSION_KEY, SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        error(VERSION_KEY, f"version must be the whole number {SCHEMA_VERSION}, got {_shown(version)}")
    elif version != SCHEMA_VERSION:
        error(
            VERSION_KEY,
            f"version {version} is not understood by this kiosk (it reads version "
            f"{SCHEMA_VERSION}); settings it knows are still used",
        )

    values: dict[str, Any] = {}
    for key, value in data.items():
        setting = SETTINGS_BY_NAME.get(key)
        if setting is None:
            hint = _suggestion(key, list(SETTINGS_BY_NAME))
            error(key, f"unknown setting '{key}' is ignored{hint}")
            continue
        reason = setting.problem(value)
        if reason is not None:
            error(key, f"{key} {reason}; using the default {setting.default_shown()}")
            continue
        values[key] = value
    if "content" in values:
        values["content"] = _resolve_content(values["content"], path)
    return replace(Config.defaults(source=path), **values), problems


def load_config(path: Path | None = None) -> tuple[Config, list[Problem]]:
    """The configuration in ``path`` (None: :func:`default_config_path`) and its problems.

    A missing file means the defaults with no problem; an unreadable or malformed one
    means the defaults with an error; a bad setting keeps its default. Never raises.
    """
    if path is None:
        path = default_config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Config.defaults(), []
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Config.defaults(), [
            Problem(path, None, "error", f"cannot read the file: {reason}; using the defaults")
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        return Config.defaults(source=path), [Problem(path, line, "error", message)]
    return parse_config(text, path)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    escapes = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_string(value)


def dump_config(config: Config) -> str:
    """The effective configuration as a commented ``kiosk.toml`` that loads back equal."""
    where = f"read from {config.source}" if config.source else "no file read: all defaults"
    out = [
        "# Effective configuration of the information kiosk (kiosk config show),",
        f"# {where}.",
        f"{VERSION_KEY} = {SCHEMA_VERSION}",
    ]
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        out.append("")
        out += textwrap.wrap(setting.help, width=88, initial_indent="# ", subsequent_indent="# ")
        if setting.name == "staff_pin_hash":
            # The salted hash is printed (it is not the PIN) so that the output can be
            # used as a kiosk.toml; the note says whether it still opens with the default.
            state = (
                f"the bundled default PIN {DEFAULT_PIN}: change it with 'kiosk set-pin'"
                if is_default_pin(value)
                else "a PIN set by staff (salted hash shown, not the PIN)"
            )
            out.append(f"# Now: {state}.")
        else:
            out.append(f"# Default: {setting.default_shown()}; allowed: {setting.allowed_text()}.")
        out.append(f"{setting.name} = {toml_value(value)}")
    return "\n".join(out) + "\n"


def settings_table() -> str:
    """The Markdown table of every setting for ``docs/deploy.md`` (scripts/config_doc.py)."""
    rows = [
        "| Setting | Default | Allowed | What it does |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = s.default_text or f"`{toml_value(s.default)}`"
        help_text = s.help.replace("|", "\\|")
        allowed = s.allowed_text(quote=lambda text: f"`{text}`")
        rows.append(f"| `{s.name}` | {default} | {allowed} | {help_text} |")
    return "\n".join(rows) + "\n"


def with_setting(text: str, name: str, value: Value) -> str:
    """``text`` of a kiosk.toml with top-level ``name`` set to ``value``; the rest of the
    file (comments, order, other settings) is kept. Raises ValueError when the result
    would not read back as ``value`` (e.g. the file was malformed to begin with)."""
    new_line = f"{name} = {toml_value(value)}"
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    insert_at = len(lines)
    replaced = False
    for index, line in enumerate(lines):
        if _HEADER_RE.match(line):
            insert_at = index
            break
        key = _KEY_LINE_RE.match(line)
        if key and key.group(2) == name:
            ending = line[len(line.rstrip("\r\n")) :] or "\n"
            lines[index] = new_line + ending
            replaced = True
            break
    if not replaced:
        if insert_at > 0 and not lines[insert_at - 1].endswith("\n"):
            lines[insert_at - 1] += "\n"
        block = [new_line + "\n"]
        if insert_at < len(lines):
            block.append("\n")  # keep the setting apart from the table that follows
        lines[insert_at:insert_at] = block
    result = "".join(lines)
    try:
        is_written = tomllib.loads(result).get(name) == value
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"the file is not valid TOML: {exc}") from None
    if not is_written:
        raise ValueError(f"could not set {name} in the file")
    return result


def new_config_text(values: dict[str, Value]) -> str:
    """A fresh kiosk.toml holding ``values``; every other setting keeps its default."""
    out = [
        "# Configuration of the information kiosk. Every setting and its allowed values:",
        "# 'kiosk config show' prints them all; check this file with 'kiosk config check'.",
        f"{VERSION_KEY} = {SCHEMA_VERSION}",
    ]
    out += [f"{name} = {toml_value(value)}" for name, value in values.items()]
    return "\n".join(out) + "\n"
