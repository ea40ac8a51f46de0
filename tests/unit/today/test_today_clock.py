"""The injectable clock and the minute ticker: midnight, New Year and DST rollover."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.namedays import NameDays, load_namedays
from kiosk.today import office_timezone
from kiosk.today.clock import (
    FixedClock,
    MinuteTicker,
    SystemClock,
    milliseconds_until,
    next_minute,
)
from kiosk.today.header import header_line


def warsaw(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    ms: int = 0,
    fold: int = 0,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, ms * 1000, tzinfo=office_timezone(), fold=fold)


@pytest.fixture(scope="module")
def namedays() -> NameDays:
    return load_namedays()


def test_system_clock_is_timezone_aware_in_warsaw() -> None:
    now = SystemClock().now()
    assert now.tzinfo == office_timezone()
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_fake_clock_moves_only_when_told_and_across_dst_by_elapsed_time() -> None:
    clock = FixedClock(warsaw(2027, 3, 28, 1, 59))
    assert clock.now() == warsaw(2027, 3, 28, 1, 59)
    clock.advance(timedelta(minutes=1))
    assert clock.now() == warsaw(2027, 3, 28, 3, 0)  # 2:00 CET does not exist: 3:00 CEST
    assert clock.now().utcoffset() == timedelta(hours=2)
    clock.set(datetime(2027, 1, 1, 12, 0, tzinfo=UTC))
    assert clock.now() == warsaw(2027, 1, 1, 13, 0)


def test_fake_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(datetime(2026, 1, 1))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (warsaw(2026, 11, 24, 14, 5, 30), warsaw(2026, 11, 24, 14, 6)),
        (warsaw(2026, 11, 24, 14, 5, 0), warsaw(2026, 11, 24, 14, 6)),
        (warsaw(2026, 11, 24, 23, 59, 59, 999), warsaw(2026, 11, 25, 0, 0)),
        (warsaw(2026, 12, 31, 23, 59, 1), warsaw(2027, 1, 1, 0, 0)),
        (warsaw(2027, 3, 28, 1, 59, 59), warsaw(2027, 3, 28, 3, 0)),  # spring forward
        (warsaw(2027, 10, 31, 2, 59, 59), warsaw(2027, 10, 31, 2, 0, fold=1)),  # fall back
    ],
)
def test_next_minute_boundary(now: datetime, expected: datetime) -> None:
    boundary = next_minute(now)
    assert boundary == expected
    assert boundary.utcoffset() == expected.utcoffset()
    assert timedelta(0) < boundary.astimezone(UTC) - now.astimezone(UTC) <= timedelta(minutes=1)


def test_milliseconds_until_rounds_up_and_never_goes_negative() -> None:
    now = warsaw(2026, 11, 24, 14, 5, 59, 999)
    assert milliseconds_until(now, warsaw(2026, 11, 24, 14, 6)) == 1
    assert milliseconds_until(now + timedelta(microseconds=500), warsaw(2026, 11, 24, 14, 6)) == 1
    assert milliseconds_until(warsaw(2026, 11, 24, 14, 7), warsaw(2026, 11, 24, 14, 6)) == 0
    assert milliseconds_until(warsaw(2026, 11, 24, 14, 5), warsaw(2026, 11, 24, 14, 6)) == 60_000


def tick_once(qtbot: QtBot, ticker: MinuteTicker) -> datetime:
    with qtbot.waitSignal(ticker.tick, timeout=2000) as blocker:
        ticker.start()
    moment = blocker.args[0]
    assert isinstance(moment, datetime)
    return moment


def test_ticker_rolls_over_at_midnight(qtbot: QtBot, namedays: NameDays) -> None:
    clock = FixedClock(warsaw(2026, 11, 24, 23, 59, 59, 950))
    ticker = MinuteTicker(clock)
    assert header_line(clock.now(), "en", namedays) == (
        "Today is Tuesday, 24 November 2026 · 23:59 | Name days: Jan, Flora"
    )
    moment = tick_once(qtbot, ticker)
    assert moment == warsaw(2026, 11, 25, 0, 0)
    assert header_line(moment, "en", namedays) == (
        "Today is Wednesday, 25 November 2026 · 0:00 | Name days: Erazm, Katarzyna"
    )
    assert ticker.is_active
    assert ticker.due == warsaw(2026, 11, 25, 0, 1)  # re-armed for the next minute
    ticker.stop()


def test_ticker_rolls_over_at_new_year(qtbot: QtBot, namedays: NameDays) -> None:
    ticker = MinuteTicker(FixedClock(warsaw(2026, 12, 31, 23, 59, 59, 900)))
    moment = tick_once(qtbot, ticker)
    assert header_line(moment, "en", namedays) == (
        "Today is Friday, 1 January 2027 · 0:00 | Name days: Mieczysław, Mieszko"
    )
    ticker.stop()


def test_ticker_follows_spring_dst_change(qtbot: QtBot, namedays: NameDays) -> None:
    ticker = MinuteTicker(FixedClock(warsaw(2027, 3, 28, 1, 59, 59, 950)))
    moment = tick_once(qtbot, ticker)
    assert moment == warsaw(2027, 3, 28, 3, 0)
    assert moment.utcoffset() == timedelta(hours=2)
    assert "· 3:00 |" in header_line(moment, "en", namedays)
    ticker.stop()


def test_ticker_follows_autumn_dst_change(qtbot: QtBot, namedays: NameDays) -> None:
    ticker = MinuteTicker(FixedClock(warsaw(2027, 10, 31, 2, 59, 59, 950)))
    moment = tick_once(qtbot, ticker)
    assert moment.utcoffset() == timedelta(hours=1)  # the second 2:00, in winter time
    assert moment.astimezone(UTC) == datetime(2027, 10, 31, 1, 0, tzinfo=UTC)
    assert "· 2:00 |" in header_line(moment, "en", namedays)
    assert ticker.due is not None
    assert ticker.due.astimezone(UTC) == datetime(2027, 10, 31, 1, 1, tzinfo=UTC)
    ticker.stop()


def test_ticker_catches_up_after_the_clock_jumps(qtbot: QtBot) -> None:
    clock = FixedClock(warsaw(2026, 11, 24, 23, 59, 59, 950))
    ticker = MinuteTicker(clock)
    ticker.start()
    clock.set(warsaw(2026, 11, 25, 0, 3, 10))  # e.g. the machine slept
    with qtbot.waitSignal(ticker.tick, timeout=2000) as blocker:
        pass
    assert blocker.args == [warsaw(2026, 11, 25, 0, 3)]
    assert ticker.due == warsaw(2026, 11, 25, 0, 4)
    ticker.stop()


def test_stopped_ticker_is_silent(qtbot: QtBot) -> None:
    ticker = MinuteTicker(FixedClock(warsaw(2026, 11, 24, 23, 59, 59, 950)))
    ticker.start()
    ticker.stop()
    assert not ticker.is_active
    with qtbot.assertNotEmitted(ticker.tick, wait=200):
        pass
