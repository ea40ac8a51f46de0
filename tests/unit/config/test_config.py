"""kiosk.toml as staff write it: every mistake reported with its line, the kiosk still starts."""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from pathlib import Path

import pytest

from kiosk import config as config_module
from kiosk.config import (
    SETTINGS,
    THEME_NAMES,
    Config,
    default_config_path,
    dump_config,
    load_config,
    parse_config,
    settings_table,
    toml_string,
    with_setting,
)
from kiosk.content.model import Problem
from kiosk.keypad import ACTIONS as KEYPAD_ACTIONS
from kiosk.staff.pin import NO_PIN, gate_problem, hash_pin


def write(tmp_path: Path, text: str | bytes, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


# --- the declarations -------------------------------------------------------------------


def test_every_setting_is_declared_once_and_config_mirrors_the_declarations() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    hints = typing.get_type_hints(Config)
    fields = [f.name for f in dataclasses.fields(Config) if f.name != "source"]
    assert fields == names
    for setting in SETTINGS:
        assert hints[setting.name] is setting.type, setting.name


def test_every_default_passes_its_own_rules() -> None:
    for setting in SETTINGS:
        assert setting.problem(setting.default) is None, setting.name
        assert setting.help.strip(), setting.name


def test_theme_choices_are_the_ui_themes() -> None:
    from kiosk.ui.themes import THEMES

    assert set(THEME_NAMES) == set(THEMES)


def test_the_defaults_the_issue_asks_for() -> None:
    c = Config.defaults()
    assert (c.idle_timeout, c.idle_warning) == (90, 30)
    assert (c.default_language, c.default_theme, c.log_level) == ("", "default", "INFO")
    assert c.hide_pointer is True and c.statistics is False
    assert c.content == c.printer == c.kiosk_position == ""
    assert c.staff_pin_hash == NO_PIN  # no default PIN: the staff panel stays closed


def closed_defaults(config: Config) -> bool:
    """The defaults, except that the staff panel stays closed (fail closed): a file
    that cannot be read may hold a PIN, so the defaults must not stand in for it."""
    problem = gate_problem(config.staff_pin_hash)
    is_closed = problem is not None and "cannot be read" in problem
    return is_closed and dataclasses.replace(config, staff_pin_hash=NO_PIN) == Config.defaults()


# --- reading ------------------------------------------------------------------------------


def test_a_missing_file_means_defaults_and_no_problem(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "nowhere.toml")
    assert config == Config.defaults()
    assert config.source is None
    assert problems == []


def test_a_good_file_is_read_with_its_types(tmp_path: Path) -> None:
    pin_hash = hash_pin("8642", iterations=1000)
    path = write(
        tmp_path,
        f"""\
version = 1
content = "/srv/content"
content_quiet_seconds = 30
content_require_publish = true
idle_timeout = 120
idle_warning = 20
default_language = "en"
default_theme = "yellow-on-black"
kiosk_position = "Hall, ground floor"
printer = "default"
hide_pointer = false
staff_pin_hash = "{pin_hash}"
log_level = "DEBUG"
statistics = true
""",
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.source == path
    assert config == Config(
        content="/srv/content",
        content_quiet_seconds=30,
        content_require_publish=True,
        idle_timeout=120,
        idle_warning=20,
        default_language="en",
        default_theme="yellow-on-black",
        kiosk_position="Hall, ground floor",
        printer="default",
        hide_pointer=False,
        staff_pin_hash=pin_hash,
        log_level="DEBUG",
        statistics=True,
        statistics_retention=24,
        **{f"keypad_{action.name}": action.default for action in KEYPAD_ACTIONS},
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "idle_timeout = 29",
            "idle_timeout 29 is out of range: allowed 30 to 3600 (seconds); using the default 90",
        ),
        ("idle_timeout = 3601", "idle_timeout 3601 is out of range"),
        ("idle_warning = 121", "idle_warning 121 is out of range: allowed 20 to 120 (seconds)"),
        ('idle_timeout = "90"', 'idle_timeout must be a whole number (seconds), got "90" (text)'),
        ("idle_timeout = 90.5", "idle_timeout must be a whole number (seconds), got 90.5 (a decimal number)"),
        ("idle_timeout = true", "idle_timeout must be a whole number (seconds), got true (true/false)"),
        (
            'hide_pointer = "yes"',
            'hide_pointer must be true or false, got "yes" (text); using the default true',
        ),
        ("statistics = 1", "statistics must be true or false, got 1 (a whole number)"),
        ("printer = 3", "printer must be text in quotes, got 3 (a whole number)"),
        ("kiosk_position = [1, 2]", "kiosk_position must be text in quotes, got a list"),
        ('default_language = "Polish"', 'default_language is not a language code like "pl" or "en"'),
        ('default_theme = "yelow-on-black"', "(did you mean 'yellow-on-black'?)"),
        ('log_level = "info"', "(did you mean 'INFO'?)"),
    ],
)
def test_a_bad_value_is_reported_on_its_line_and_its_default_used(
    tmp_path: Path, line: str, expected: str
) -> None:
    path = write(tmp_path, f'# kiosk\nversion = 1\n{line}\ncontent = "/srv/c"\n')
    config, problems = load_config(path)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.severity) == (path, 3, "error")
    assert expected in problem.message
    name = line.split("=")[0].strip()
    assert getattr(config, name) == getattr(Config.defaults(), name)
    assert config.content == "/srv/c"  # the good setting on the next line is kept


@pytest.mark.parametrize("value", ['"1234"', "1234", '"pbkdf2_sha256$1$c2FsdA=="', "[1]"])
def test_a_bad_pin_hash_keeps_the_panel_closed_and_says_where(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f'# kiosk\nversion = 1\nstaff_pin_hash = {value}\ncontent = "/srv/c"\n')
    config, problems = load_config(path)
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "the staff panel stays closed" in problems[0].message
    assert config.staff_pin_hash != NO_PIN  # not the default: fail closed, never open
    problem = gate_problem(config.staff_pin_hash)
    assert problem is not None and f"{path}:3" in problem and "staff_pin_hash" in problem
    assert config.content == "/srv/c"


def test_an_empty_pin_hash_means_no_pin_without_a_problem(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, 'staff_pin_hash = ""\n'))
    assert problems == []
    assert gate_problem(config.staff_pin_hash) == "no PIN configured (set one with 'kiosk set-pin')"


def test_the_pin_hash_is_not_repeated_in_messages(tmp_path: Path) -> None:
    path = write(tmp_path, 'staff_pin_hash = "pbkdf2_sha256$1$secretish"\n')
    config, problems = load_config(path)
    assert "secretish" not in problems[0].message
    assert "secretish" not in config.staff_pin_hash


def test_an_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "version = 1\n\nidle_timout = 120\ncolour = 'red'\n")
    config, problems = load_config(path)
    assert messages(problems) == [
        f"{path}:3: error: unknown setting 'idle_timout' is ignored (did you mean 'idle_timeout'?)",
        f"{path}:4: error: unknown setting 'colour' is ignored",
    ]
    assert config.idle_timeout == 90


def test_a_table_is_reported_at_its_header(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout = 60\n\n[printer]\nname = "HP"\n\n[extra]\nx = 1\n')
    config, problems = load_config(path)
    assert messages(problems) == [
        f'{path}:3: error: printer must be text in quotes, got a table; using the default ""',
        f"{path}:6: error: unknown setting 'extra' is ignored",
    ]
    assert (config.idle_timeout, config.printer) == (60, "")


def test_malformed_toml_gives_the_parsers_line_and_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'version = 1\nidle_timeout = 120\nprinter = "HP\n')
    config, problems = load_config(path)
    assert closed_defaults(config)
    assert config.source == path
    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].message.startswith("malformed TOML: ")
    assert "(at line" not in problems[0].message
    assert "using the default for every setting" in problems[0].message


def test_a_file_that_is_not_utf8_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, b'version = 1\nkiosk_position = "Hol \xb3"\n')
    config, problems = load_config(path)
    assert closed_defaults(config)
    assert [(p.line, p.severity) for p in problems] == [(2, "error")]
    assert "UTF-8" in problems[0].message


def test_an_unreadable_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "kiosk.toml"
    folder.mkdir()
    config, problems = load_config(folder)
    assert closed_defaults(config)
    assert len(problems) == 1 and "cannot read" in problems[0].message


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffidle_timeout = 200\n")
    config, problems = load_config(path)
    assert (config.idle_timeout, problems) == (200, [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [("version = 2", "version 2 is not understood"), ('version = "1"', "version must be the whole number 1")],
)
def test_the_schema_version_is_checked(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path, f"{line}\nidle_timeout = 100\n")
    config, problems = load_config(path)
    assert [p.line for p in problems] == [1]
    assert expected in problems[0].message
    assert config.idle_timeout == 100  # what it understands is still used


def test_a_relative_content_folder_is_relative_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'content = "pages-repo"\n')
    config, _ = load_config(path)
    assert config.content == str(tmp_path / "pages-repo")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout = 5\nidle_warning = 500\ndefault_language = "French"\nfoo = 1\n')
    _config, problems = load_config(path)
    assert [p.line for p in problems] == [1, 2, 3, 4]


# --- where the file is -------------------------------------------------------------------


def test_the_environment_overrides_the_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "mine.toml"))
    assert default_config_path() == tmp_path / "mine.toml"


def test_the_default_path_is_in_the_site_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    expected = Path(platformdirs.site_config_dir("mszczonow-kiosk", appauthor=False)) / "kiosk.toml"
    assert default_config_path() == expected


def test_load_config_without_a_path_reads_the_default_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "idle_timeout = 45\n")
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    config, problems = load_config(None)
    assert (config.idle_timeout, config.source, problems) == (45, path, [])


# --- writing ------------------------------------------------------------------------------


def test_dump_loads_back_to_an_equal_config(tmp_path: Path) -> None:
    original = dataclasses.replace(
        Config.defaults(),
        content=str(tmp_path / "tresc"),
        idle_timeout=3600,
        default_theme="white-on-black",
        kiosk_position='Hall "A", 1st floor \\ left\ttab',
        printer="HP LaserJet ąę",
        hide_pointer=False,
        staff_pin_hash=hash_pin("97531", iterations=1000),
        statistics=True,
    )
    text = dump_config(original)
    path = write(tmp_path, text)
    loaded, problems = load_config(path)
    assert problems == []
    assert loaded == original


def test_dump_of_the_defaults_loads_back_too(tmp_path: Path) -> None:
    loaded, problems = load_config(write(tmp_path, dump_config(Config.defaults())))
    assert (loaded, problems) == (Config.defaults(), [])


def test_dump_comments_every_setting_and_says_whether_a_pin_is_set(tmp_path: Path) -> None:
    text = dump_config(Config.defaults())
    assert text.splitlines()[2] == "version = 1"
    for setting in SETTINGS:
        assert f"\n{setting.name} = " in text
    assert "Default: 90; allowed: 30 to 3600 seconds." in text
    assert "the staff panel stays closed: no PIN configured" in text
    assert "1234" not in text
    broken, _ = load_config(write(tmp_path, 'staff_pin_hash = "x"\n'))
    shown = dump_config(broken)
    assert "# staff_pin_hash = (unusable)" in shown and "staff_pin_hash is not a PIN hash" in shown
    assert "staff_pin_hash" not in tomllib.loads(shown)  # its output never opens the panel either
    custom = dataclasses.replace(Config.defaults(), staff_pin_hash=hash_pin("86420", iterations=1000))
    assert "a PIN set by staff" in dump_config(custom)
    assert "86420" not in dump_config(custom)


def test_toml_strings_escape_what_toml_requires() -> None:
    import tomllib

    for text in ['a"b', "back\\slash", "line\nbreak", "\x00\x1f\x7f", "zażółć"]:
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_with_setting_replaces_the_line_and_keeps_the_rest() -> None:
    text = '# my kiosk\nversion = 1\nstaff_pin_hash = "old"  # set last year\nidle_timeout = 60\n'
    result = with_setting(text, "staff_pin_hash", "new")
    assert result == '# my kiosk\nversion = 1\nstaff_pin_hash = "new"  # set last year\nidle_timeout = 60\n'


def test_with_setting_adds_a_missing_setting_before_the_first_table() -> None:
    text = "version = 1\nidle_timeout = 60\n\n[extra]\nstaff_pin_hash = 'a table key'\n"
    result = with_setting(text, "staff_pin_hash", "new")
    assert result.startswith('version = 1\nidle_timeout = 60\nstaff_pin_hash = "new"\n\n[extra]\n')


def test_with_setting_appends_to_a_file_without_final_newline() -> None:
    assert with_setting("idle_timeout = 60", "printer", "HP") == 'idle_timeout = 60\nprinter = "HP"\n'
    assert with_setting("", "printer", "HP") == 'printer = "HP"\n'


def test_with_setting_refuses_a_malformed_file() -> None:
    with pytest.raises(ValueError, match="not valid TOML"):
        with_setting("idle_timeout = = 3\n", "printer", "HP")


def test_parse_config_never_raises_on_odd_values(tmp_path: Path) -> None:
    text = "idle_timeout = 1979-05-27\nprinter = {name = 'x'}\nstatistics = inf\n"
    config, problems = parse_config(text, tmp_path / "k.toml")
    assert config == Config.defaults()
    assert [p.line for p in problems] == [1, 2, 3]


def test_the_settings_table_lists_every_setting() -> None:
    table = settings_table()
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in table
    assert "none (the staff panel stays closed)" in table
    assert "1234" not in table


def test_importing_the_configuration_is_cheap() -> None:
    """No Qt, no platformdirs and no hashing when the module is imported."""
    import subprocess
    import sys

    script = (
        "import sys, time, hashlib\n"
        "calls = []\n"
        "real = hashlib.pbkdf2_hmac\n"
        "hashlib.pbkdf2_hmac = lambda *a, **k: calls.append(a) or real(*a, **k)\n"
        "import kiosk.config, kiosk.commands.config_cmd, kiosk.commands.set_pin\n"
        "print(sorted(m for m in ('PySide6', 'platformdirs') if m in sys.modules), len(calls))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] 0"
    assert config_module.SETTINGS  # and the module is importable here too


@pytest.mark.parametrize("text", ["idle_timeout = " + "9" * 5000, "x = " + "[" * 50_000 + "]" * 50_000])
def test_pathological_files_are_errors_not_crashes(tmp_path: Path, text: str) -> None:
    config, problems = parse_config(text, tmp_path / "k.toml")
    assert closed_defaults(config)
    assert [p.severity for p in problems] == ["error"]
    assert problems[0].message.startswith("malformed TOML: ")


def test_every_setting_has_a_reader_outside_the_configuration_module() -> None:
    """No setting is validated and documented but read by nothing (``config.<name>``)."""
    import re
    from pathlib import Path

    from kiosk.config import SETTINGS

    package = Path(__file__).resolve().parents[3] / "kiosk"
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in package.rglob("*.py") if path.name != "config.py"
    )
    unread = [s.name for s in SETTINGS if not re.search(rf"\bconfig\.{s.name}\b", sources)]
    assert unread == []
