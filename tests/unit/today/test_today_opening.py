"""Opening status: working hours, weekends, public holidays, staff closed days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content.model import OpeningHours, Site
from kiosk.today import office_timezone
from kiosk.today.opening import opening_status


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=office_timezone())


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def office(*closed_days: str) -> Site:
    """The bundled site's hours: Monday 8–17, Tuesday–Thursday 7:30–15:30, Friday 7:30–14:30."""
    return Site(
        root=Path("content"),
        hours={
            "mon": OpeningHours(hm("8:00"), hm("17:00")),
            "tue": OpeningHours(hm("7:30"), hm("15:30")),
            "wed": OpeningHours(hm("7:30"), hm("15:30")),
            "thu": OpeningHours(hm("7:30"), hm("15:30")),
            "fri": OpeningHours(hm("7:30"), hm("14:30")),
        },
        closed_days=closed_days,
    )


# Tuesday 24 November 2026 is an ordinary working day.
@pytest.mark.parametrize(
    ("hour", "minute", "is_open"),
    [(6, 0, False), (7, 29, False), (7, 30, True), (14, 5, True), (15, 29, True), (15, 30, False)],
)
def test_open_exactly_within_the_hours(hour: int, minute: int, is_open: bool) -> None:
    status = opening_status(office(), warsaw(2026, 11, 24, hour, minute))
    assert status.is_open_now is is_open
    assert status.today_hours == OpeningHours(hm("7:30"), hm("15:30"))
    assert not status.is_holiday


def test_working_day_during_hours() -> None:
    status = opening_status(office(), warsaw(2026, 11, 24, 14, 5))
    assert status.text("en") == "Open today 7:30–15:30 · open now"
    assert status.next_opening == warsaw(2026, 11, 25, 7, 30)


def test_working_day_before_hours() -> None:
    status = opening_status(office(), warsaw(2026, 11, 24, 6, 0))
    assert status.text("en") == "Open today 7:30–15:30 · not open yet"
    assert status.next_opening == warsaw(2026, 11, 24, 7, 30)


def test_working_day_after_hours() -> None:
    status = opening_status(office(), warsaw(2026, 11, 24, 16, 0))
    assert status.text("en") == "Closed now · opens tomorrow at 7:30"
    assert status.next_opening == warsaw(2026, 11, 25, 7, 30)


def test_friday_after_hours_opens_monday() -> None:
    status = opening_status(office(), warsaw(2026, 11, 27, 14, 30))
    assert not status.is_open_now
    assert status.text("en") == "Closed now · opens Monday at 8:00"


def test_weekend() -> None:
    status = opening_status(office(), warsaw(2026, 11, 28, 10, 0))
    assert status.today_hours is None
    assert not status.is_open_now
    assert not status.is_holiday
    assert status.next_opening == warsaw(2026, 11, 30, 8, 0)
    assert status.text("en") == "Office closed today · opens Monday at 8:00"


def test_easter_monday_2027_is_a_holiday() -> None:
    status = opening_status(office(), warsaw(2027, 3, 29, 10, 0))
    assert status.is_holiday
    assert status.today_hours is None
    assert not status.is_open_now
    assert status.holiday_name("en") == "Easter Monday"
    assert status.holiday_name("pl") == "Poniedziałek Wielkanocny"
    assert status.text("en") == "Office closed today — Easter Monday · opens tomorrow at 7:30"


def test_independence_day() -> None:
    status = opening_status(office(), warsaw(2026, 11, 11, 9, 0))
    assert status.is_holiday
    assert status.holiday_name("pl") == "Narodowe Święto Niepodległości"
    assert status.holiday_name("pl_PL") == "Narodowe Święto Niepodległości"
    assert status.holiday_name("en") == "National Independence Day"
    assert status.holiday_name("fr") == "National Independence Day"  # no French: English
    assert status.text("en") == "Office closed today — National Independence Day · opens tomorrow at 7:30"


def test_christmas_closes_for_days() -> None:
    status = opening_status(office(), warsaw(2026, 12, 23, 16, 0))  # Wednesday evening
    assert status.text("en") == "Closed now · opens Monday at 8:00"  # 24–26 Dec are holidays


def test_no_holiday_name_on_an_ordinary_day() -> None:
    assert opening_status(office(), warsaw(2026, 11, 24, 10, 0)).holiday_name("en") is None


def test_extra_closed_day_from_site_toml() -> None:
    site = office("2026-11-27")
    friday = opening_status(site, warsaw(2026, 11, 27, 10, 0))
    assert friday.is_closed_day
    assert not friday.is_holiday
    assert friday.today_hours is None
    assert not friday.is_open_now
    assert friday.text("en") == "Office closed today · opens Monday at 8:00"
    thursday = opening_status(site, warsaw(2026, 11, 26, 16, 0))
    assert thursday.next_opening == warsaw(2026, 11, 30, 8, 0)


def test_long_closure_names_the_date() -> None:
    closed = tuple(
        (datetime(2027, 1, 4, tzinfo=UTC) + timedelta(days=n)).date().isoformat() for n in range(5)
    )
    status = opening_status(office(*closed), warsaw(2026, 12, 31, 16, 0))
    assert status.next_opening == warsaw(2027, 1, 11, 8, 0)
    assert status.text("en") == "Closed now · opens on January 11, 2027 at 8:00"


@pytest.mark.allow_log_warnings
def test_impossible_closed_day_is_ignored() -> None:
    status = opening_status(office("2026-02-30"), warsaw(2026, 11, 24, 10, 0))
    assert status.is_open_now


def test_no_hours_at_all() -> None:
    status = opening_status(Site(root=Path("content")), warsaw(2026, 11, 24, 10, 0))
    assert status.next_opening is None
    assert status.text("en") == "Office closed today"


def test_moment_in_another_zone_is_read_as_office_time() -> None:
    status = opening_status(office(), datetime(2026, 11, 24, 14, 45, tzinfo=UTC))  # 15:45 in Warsaw
    assert not status.is_open_now
    assert status.moment == warsaw(2026, 11, 24, 15, 45)


def test_next_opening_across_the_spring_dst_change() -> None:
    status = opening_status(office(), warsaw(2027, 3, 27, 10, 0))  # Saturday before DST
    assert status.next_opening is not None
    assert status.next_opening.utcoffset() == timedelta(hours=2)
    # Easter Monday 29 March 2027 is a holiday too.
    assert status.next_opening == warsaw(2027, 3, 30, 7, 30)


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        opening_status(office(), datetime(2026, 11, 24, 10, 0))  # noqa: DTZ001


def test_polish_holidays_load_without_every_other_country(tmp_path: Path) -> None:
    """Start-up pays for Poland only, not for the ~250 countries of ``holidays`` (asked
    with an empty cache folder, so the package is imported)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kiosk.today.opening import holiday_names\n"
        "names = holiday_names(2026, 'uk')\n"
        "others = [m for m in sys.modules if m.startswith('holidays.countries.')\n"
        "          and m != 'holidays.countries.poland']\n"
        "print(len(others), names[__import__('datetime').date(2026, 11, 11)])\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split(maxsplit=1) == ["0", "День незалежності\n"], result.stdout + result.stderr
