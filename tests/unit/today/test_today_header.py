"""The header line in English (Polish wording: test_today_polish.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.content.namedays import NAMEDAYS_FILE, NameDays, load_namedays
from kiosk.today import office_timezone
from kiosk.today.header import date_text, header_line


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=office_timezone())


@pytest.fixture(scope="module")
def namedays() -> NameDays:
    return load_namedays()


def test_english_header_with_nominative_names(namedays: NameDays) -> None:
    assert (
        header_line(warsaw(2026, 11, 24, 14, 5), "en", namedays)
        == "Today is Tuesday, 24 November 2026 · 14:05 | Name days: Jan, Flora"
    )


def test_morning_time_has_no_leading_zero_and_24_hour_clock(namedays: NameDays) -> None:
    assert "· 9:05 |" in header_line(warsaw(2026, 6, 26, 9, 5), "en", namedays)
    assert "· 0:00 |" in header_line(warsaw(2026, 6, 26, 0, 0), "en", namedays)
    assert "· 23:59 |" in header_line(warsaw(2026, 6, 26, 23, 59), "en", namedays)


def test_28_february_of_a_non_leap_year_shows_28_february_names(namedays: NameDays) -> None:
    line = header_line(warsaw(2027, 2, 28, 12, 0), "en", namedays)
    assert line.endswith("Name days: Teofil, Makary")
    assert "Rufin" not in line


def test_29_february_of_a_leap_year(namedays: NameDays) -> None:
    line = header_line(warsaw(2028, 2, 29, 12, 0), "en", namedays)
    assert line == "Today is Tuesday, 29 February 2028 · 12:00 | Name days: Rufin, Hilary"


def test_polish_date_from_babel_has_lowercase_genitive_month() -> None:
    assert date_text(date(2026, 11, 24), "pl") == "wtorek, 24 listopada 2026"
    assert date_text(date(2026, 6, 26), "pl") == "piątek, 26 czerwca 2026"


@pytest.mark.allow_log_warnings
def test_unknown_locale_falls_back_to_english_dates() -> None:
    assert date_text(date(2026, 11, 24), "xx") == "Tuesday, 24 November 2026"


def test_day_emptied_by_staff_has_no_name_days_part(tmp_path: Path) -> None:
    (tmp_path / NAMEDAYS_FILE).write_text('[days]\n"06-26" = { names = [] }\n', encoding="utf-8")
    line = header_line(warsaw(2026, 6, 26, 10, 0), "en", load_namedays(tmp_path))
    assert line == "Today is Friday, 26 June 2026 · 10:00"


def test_naive_moment_is_refused(namedays: NameDays) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        header_line(datetime(2026, 6, 26, 10, 0), "en", namedays)  # noqa: DTZ001


def test_any_timezone_is_shown_in_office_time(namedays: NameDays) -> None:
    assert "· 14:05 |" in header_line(datetime(2026, 11, 24, 13, 5, tzinfo=UTC), "en", namedays)
    # 23:30 UTC on 31 December is already New Year in Warsaw.
    line = header_line(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "en", namedays)
    assert line == "Today is Friday, 1 January 2027 · 0:30 | Name days: Mieczysław, Mieszko"
