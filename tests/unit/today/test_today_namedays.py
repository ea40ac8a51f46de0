"""Name days: the bundled calendar, 29 February, and the staff's namedays.toml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content.model import Problem
from kiosk.content.namedays import NAMEDAYS_FILE, load_namedays


def write_overrides(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAMEDAYS_FILE
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def shown(problems: list[Problem]) -> list[tuple[int | None, str]]:
    return [(p.line, p.severity) for p in problems]


@pytest.mark.parametrize(
    ("day", "polish", "english"),
    [
        (date(2026, 6, 26), ("Jana", "Pawła"), ("Jan", "Paweł")),
        (date(2026, 12, 24), ("Adama", "Ewy"), ("Adam", "Ewa")),
        (date(2027, 1, 1), ("Mieczysława", "Mieszka"), ("Mieczysław", "Mieszko")),
        (date(2026, 11, 24), ("Jana", "Flory"), ("Jan", "Flora")),
    ],
)
def test_known_name_days_genitive_in_polish_nominative_in_english(
    day: date, polish: tuple[str, ...], english: tuple[str, ...]
) -> None:
    namedays = load_namedays()
    assert namedays.names(day, "pl") == polish
    assert namedays.names(day, "en") == english


def test_regional_polish_uses_the_genitive_and_other_languages_the_nominative() -> None:
    namedays = load_namedays()
    assert namedays.names(date(2026, 6, 26), "pl_PL") == ("Jana", "Pawła")
    assert namedays.names(date(2026, 6, 26), "de") == ("Jan", "Paweł")


def test_29_february_in_a_leap_year_has_its_own_names() -> None:
    namedays = load_namedays()
    assert namedays.names(date(2028, 2, 29), "pl") == ("Rufina", "Hilarego")
    assert namedays.names(date(2028, 2, 28), "en") == ("Teofil", "Makary")


def test_28_february_in_a_non_leap_year_shows_only_its_own_names() -> None:
    namedays = load_namedays()
    assert namedays.names(date(2027, 2, 28), "pl") == ("Teofila", "Makarego")
    assert namedays.names(date(2027, 3, 1), "en") == ("Antonina", "Radosław")


def test_every_day_of_a_leap_year_has_names_in_both_forms() -> None:
    namedays = load_namedays()
    assert len(namedays.days) == 366
    for key, names in namedays.days.items():
        assert names.nominative, key
        assert len(names.genitive) == len(names.nominative), key


def test_licence_notice_is_bundled_with_the_data() -> None:
    licence = paths.resource("namedays", "LICENSE-source-data").read_text(encoding="utf-8")
    assert "Piotr Trochymiak" in licence


@pytest.mark.allow_log_warnings
def test_broken_bundled_data_gives_no_names_instead_of_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "namedays").mkdir()
    (tmp_path / "namedays" / "pl_namedays.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    namedays = load_namedays()
    assert namedays.names(date(2026, 6, 26), "pl") == ()
    assert namedays.problems == []


def test_no_namedays_toml_is_fine(tmp_path: Path) -> None:
    namedays = load_namedays(tmp_path)
    assert namedays.problems == []
    assert namedays.names(date(2026, 6, 26), "en") == ("Jan", "Paweł")


def test_replace_a_day_with_names_and_genitives_from_staff(tmp_path: Path) -> None:
    write_overrides(
        tmp_path,
        '[days]\n"02-29" = { names = ["Roman", "Lutosław"], genitive = ["Romana", "Lutosława"] }\n',
    )
    namedays = load_namedays(tmp_path)
    assert namedays.problems == []
    assert namedays.names(date(2028, 2, 29), "pl") == ("Romana", "Lutosława")
    assert namedays.names(date(2028, 2, 29), "en") == ("Roman", "Lutosław")
    assert namedays.names(date(2028, 2, 28), "en") == ("Teofil", "Makary")  # others untouched


def test_add_names_to_a_day_taking_known_genitives_from_the_calendar(tmp_path: Path) -> None:
    write_overrides(
        tmp_path,
        """\
# Our patron, and Flora again (already there: not repeated).
[days."06-26"]
names = ["Flora", "Paweł"]
mode = "add"
""",
    )
    namedays = load_namedays(tmp_path)
    assert namedays.problems == []
    assert namedays.names(date(2026, 6, 26), "pl") == ("Jana", "Pawła", "Flory")
    assert namedays.names(date(2026, 6, 26), "en") == ("Jan", "Paweł", "Flora")


def test_replace_with_no_names_empties_the_day(tmp_path: Path) -> None:
    write_overrides(tmp_path, '[days]\n"06-26" = { names = [] }\n')
    namedays = load_namedays(tmp_path)
    assert namedays.problems == []
    assert namedays.names(date(2026, 6, 26), "pl") == ()


def test_unknown_name_without_genitive_is_a_warning_and_shown_unchanged(tmp_path: Path) -> None:
    write_overrides(tmp_path, '[days]\n\n"07-01" = { names = ["Zbyszko"], mode = "replace" }\n')
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [(3, "warning")]
    assert "Zbyszko" in namedays.problems[0].message
    assert "genitive" in namedays.problems[0].message
    assert namedays.names(date(2026, 7, 1), "pl") == ("Zbyszko",)


def test_malformed_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write_overrides(tmp_path, '[days]\n"06-26" = { names = ["Jan", }\n')
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [(2, "error")]
    assert namedays.problems[0].path == path
    assert namedays.problems[0].message.startswith("malformed TOML")
    assert namedays.names(date(2026, 6, 26), "pl") == ("Jana", "Pawła")  # calendar still works


def test_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    write_overrides(tmp_path, b'[days]\n"06-26" = { names = ["Pawe' + b"\xb3" + b'"] }\n')
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [(2, "error")]
    assert "UTF-8" in namedays.problems[0].message


def test_every_bad_entry_is_reported_with_its_line_and_good_ones_still_apply(
    tmp_path: Path,
) -> None:
    write_overrides(
        tmp_path,
        """\
# Examples, not in force:
# "02-30" = { names = ["Nobody"] }
[days]
"02-30" = { names = ["Nobody"] }
"13-01" = { names = ["Nobody"] }
"06-26" = { names = "Jan" }
"06-27" = { names = ["Jan", "Paweł"], genitive = ["Jana"] }
"06-28" = { names = ["Jan"], mode = "instead" }
"06-29" = { names = ["Piotr"], colour = "red" }
"06-30" = "Emilia"
"12-24" = { names = ["Adam", "Ewa", "Irmina"], genitive = ["Adama", "Ewy", "Irminy"] }
""",
    )
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [
        (4, "error"),  # 30 February
        (5, "error"),  # month 13
        (6, "error"),  # names not a list
        (7, "error"),  # genitive of the wrong length
        (8, "error"),  # unknown mode
        (9, "warning"),  # unknown key: ignored, the entry is used
        (10, "error"),  # not a table
    ]
    assert "MM-DD" in namedays.problems[0].message
    assert "same 2 name(s)" in namedays.problems[3].message
    assert "colour" in namedays.problems[5].message
    bundled = load_namedays()
    for rejected in (date(2026, 6, 26), date(2026, 6, 27), date(2026, 6, 28), date(2026, 6, 30)):
        assert namedays.names(rejected, "pl") == bundled.names(rejected, "pl")
    assert namedays.names(date(2026, 6, 29), "pl") == ("Piotra",)
    assert namedays.names(date(2026, 12, 24), "pl") == ("Adama", "Ewy", "Irminy")


def test_day_outside_days_table_and_unknown_settings(tmp_path: Path) -> None:
    write_overrides(tmp_path, 'colour = "red"\n"06-26" = { names = ["Jan"] }\n[days]\n')
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [(1, "warning"), (2, "error")]
    assert "[days]" in namedays.problems[1].message


def test_days_must_be_a_table(tmp_path: Path) -> None:
    write_overrides(tmp_path, 'days = ["06-26"]\n')
    namedays = load_namedays(tmp_path)
    assert shown(namedays.problems) == [(1, "error")]
