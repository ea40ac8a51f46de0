"""The kiosk's own configuration, ``kiosk.toml``: every setting declared once.

Staff edit this file by hand on each kiosk, so it is untrusted input like the content:
:data:`SETTINGS` declares each setting once with its type, default and bounds, and
:func:`load_config` checks every value against it. A bad value or an unknown key gives
a :class:`~kiosk.problems.Problem` with file, line and reason, and that setting keeps
its default; loading never raises, so the kiosk always starts. The file is read and its
lines found by :mod:`kiosk.problems`, as every other file staff write.
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

from kiosk.keypad import ACTIONS as KEYPAD_ACTIONS
from kiosk.keypad import keys_problem
from kiosk.problems import Collector, LineFinder, Problem, parse_toml, read_text
from kiosk.staff.pin import NO_PIN, gate_problem, is_pin_hash, unusable_hash
from kiosk.vocabulary import ThemeName

APP_NAME = "mszczonow-kiosk"
CONFIG_FILE = "kiosk.toml"
CONFIG_ENV = "KIOSK_CONFIG"
SCHEMA_VERSION = 1
VERSION_KEY = "version"
PIN_SETTING = "staff_pin_hash"

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
THEME_NAMES: tuple[str, ...] = tuple(ThemeName)
LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR")

Value = bool | int | str
_KEY_LINE_RE = re.compile(r"""^\s*(["']?)([A-Za-z0-9_-]+)\1\s*[=.]""")
_HEADER_RE = re.compile(r"""^\s*\[\[?\s*(["']?)([A-Za-z0-9_-]+)\1""")


def _language_code_problem(value: str) -> str | None:
    """A language code like those in site.toml ("pl", "en", "uk"), or empty."""
    if not value or LANGUAGE_CODE_RE.match(value):
        return None
    return 'is not a language code like "pl" or "en"'


def _pin_hash_problem(value: str) -> str | None:
    if value == NO_PIN or is_pin_hash(value):
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
    allowed: str = ""  # the allowed values in words, when a check decides them

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
        return self.allowed or "text"

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
        "content_quiet_seconds",
        int,
        10,
        "Seconds the content folder must stay unchanged (every file's size and time read "
        "the same at the start and the end) before a change is checked and published.",
        bounds=(1, 600),
        unit="seconds",
    ),
    Setting(
        "content_require_publish",
        bool,
        False,
        "Publish content changes only when the file .publish in the content folder is "
        "touched (for slow copies from a USB stick or a network share); a file "
        ".publish-required in the folder asks for the same.",
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
        "",
        "Language a new visitor starts in: one of the content's languages (site.toml), "
        'e.g. "pl"; empty: the content\'s own default.',
        check=_language_code_problem,
        default_text='"" (the content\'s default)',
        allowed="a language code of the content",
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
        "Where this kiosk stands: a node of the building plan (floors/floors.toml), shown as "
        '"You are here" and where routes start (e.g. "hall"); empty: the entrance.',
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
        NO_PIN,
        "Salted hash of the staff PIN, never the PIN itself; set it with 'kiosk set-pin'. "
        "There is no default PIN: while this is empty, or not a hash, or the file cannot "
        "be read, the staff panel does not open.",
        check=_pin_hash_problem,
        allowed="output of 'kiosk set-pin'",
        default_text="none (the staff panel stays closed)",
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
    # The tactile keypad: the keys it sends for each action (kiosk/keypad.py).
    *(
        Setting(
            f"keypad_{action.name}",
            str,
            action.default,
            f"Keys of the tactile keypad for: {action.help}. Key names (Qt's: Up, PageDown, F1, "
            f"VolumeUp…, or one character) separated by commas; {action.key} always works too.",
            check=keys_problem,
            allowed="key names, separated by commas",
        )
        for action in KEYPAD_ACTIONS
    ),
)
SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """The effective configuration. Field types mirror :data:`SETTINGS` (a test checks);
    defaults live only there, so build one with :meth:`defaults` or :func:`load_config`."""

    content: str
    content_quiet_seconds: int
    content_require_publish: bool
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
    keypad_previous: str
    keypad_next: str
    keypad_activate: str
    keypad_back: str
    keypad_home: str
    keypad_help: str
    keypad_louder: str
    keypad_quieter: str
    keypad_speech: str
    keypad_previous_paragraph: str
    keypad_next_paragraph: str
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


def _resolve_content(value: str, source: Path | None) -> str:
    if not value:
        return value
    folder = Path(value).expanduser()
    if not folder.is_absolute() and source is not None:
        folder = source.parent / folder
    return str(folder)


def parse_config(text: str, path: Path) -> tuple[Config, list[Problem]]:
    """Check the text of a ``kiosk.toml``; every problem is reported, nothing raises."""
    collector = Collector()
    text = text.removeprefix("\ufeff")
    data = parse_toml(text, path, collector, suffix="; using the default for every setting")
    if data is None:
        closed = _closed_defaults(path, f"{path}: cannot be read (malformed TOML)", source=path)
        return closed, collector.problems
    problems = collector.problems
    finder = LineFinder(text)

    def error(key: str, message: str) -> None:
        problems.append(Problem(path, finder.key(key), "error", message))

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
        if reason is not None and key == PIN_SETTING:
            # Fail closed: a PIN hash that cannot be used never falls back to anything.
            error(key, f"{key} {reason}; the staff panel stays closed until 'kiosk set-pin' is run")
            line = finder.key(key)
            where = f"{path}:{line}" if line else str(path)
            values[key] = unusable_hash(f"{where}: {key} {reason}")
            continue
        if reason is not None:
            error(key, f"{key} {reason}; using the default {setting.default_shown()}")
            continue
        values[key] = value
    if "content" in values:
        values["content"] = _resolve_content(values["content"], path)
    return replace(Config.defaults(source=path), **values), problems


def _closed_defaults(path: Path, why: str, source: Path | None = None) -> Config:
    """The defaults for a kiosk.toml that cannot be read: the staff panel stays closed
    (the file may hold a PIN; the defaults must not open the panel without it)."""
    return replace(Config.defaults(source=source), staff_pin_hash=unusable_hash(why))


def load_config(path: Path | None = None) -> tuple[Config, list[Problem]]:
    """The configuration in ``path`` (None: :func:`default_config_path`) and its problems.

    A missing file means the defaults with no problem; an unreadable or malformed one
    means the defaults with an error; a bad setting keeps its default. The staff PIN
    fails closed: with an unreadable file or a bad ``staff_pin_hash``, the value is one
    that never opens the panel and says why (:func:`kiosk.staff.pin.gate_problem`).
    Never raises.
    """
    if path is None:
        path = default_config_path()
    if not path.exists() and not path.is_symlink():
        return Config.defaults(), []
    collector = Collector()
    text = read_text(path, collector)
    if text is None:
        problems = [replace(p, message=f"{p.message}; using the defaults") for p in collector.problems]
        is_read = any(p.line is not None for p in problems)  # read, but not as text
        first = problems[0] if problems else None
        where = f"{path}:{first.line}" if first is not None and first.line else str(path)
        closed = _closed_defaults(path, f"{where}: cannot be read", source=path if is_read else None)
        return closed, problems
    return parse_config(text, path)


def content_folder_problems(config: Config) -> list[Problem]:
    """An error when the ``content`` setting names no content folder (missing, not a
    folder, or no site.toml), on the line of the configuration file that sets it.

    Kept out of :func:`load_config`: a folder on a share can be missing for a moment
    while the kiosk runs (it then shows the last valid copy); ``kiosk config check``
    tells staff at once.
    """
    if not config.content:
        return []
    folder = Path(config.content)
    if folder.is_dir():
        if (folder / "site.toml").is_file():
            return []
        reason = "is not a content folder: it has no site.toml"
    elif folder.exists():
        reason = "is not a folder"
    else:
        reason = "does not exist"
    line = None
    if config.source is not None:
        try:
            text = config.source.read_text(encoding="utf-8", errors="replace")
            line = LineFinder(text.removeprefix("\ufeff")).key("content")
        except OSError:
            line = None
    path = config.source or Path(CONFIG_FILE)
    return [Problem(path, line, "error", f"content folder {folder} {reason}")]


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
        if setting.name == PIN_SETTING:
            # The salted hash is printed (it is not the PIN) so that the output can be
            # used as a kiosk.toml; the note says whether the staff panel can open.
            problem = gate_problem(value)
            if problem is None:
                out.append("# Now: a PIN set by staff (salted hash shown, not the PIN).")
            else:
                out.append(f"# Now: the staff panel stays closed: {problem}.")
                if value != NO_PIN:
                    out.append(f"# {setting.name} = (unusable)")
                    continue

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
    file (comments, order, other settings) is kept, through tomlkit (a TOML writer that
    keeps what people wrote). Raises ValueError when the file is not valid TOML or the
    result would not read back as ``value``."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text.removeprefix("\ufeff"))
        document[name] = value
        result = tomlkit.dumps(document)
    except (TOMLKitError, ValueError, RecursionError) as exc:
        raise ValueError(f"the file is not valid TOML: {exc}") from None
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
