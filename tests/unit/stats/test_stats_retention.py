"""Retention: statistics older than the setting are deleted when the kiosk starts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kiosk.config import SETTINGS_BY_NAME, Config, parse_config
from kiosk.stats import store
from kiosk.stats.events import Event, Kind
from kiosk.stats.recorder import Recorder, open_recorder


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2027, 3, 15), 24, dt.date(2025, 3, 15)),
        (dt.date(2027, 3, 31), 1, dt.date(2027, 2, 28)),  # a shorter month
        (dt.date(2028, 3, 31), 1, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2027, 1, 10), 1, dt.date(2026, 12, 10)),  # across a year
    ],
)
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert store.months_before(day, months) == expected


def test_the_retention_setting_is_declared_once_with_bounds(tmp_path: Path) -> None:
    setting = SETTINGS_BY_NAME["statistics_retention"]
    assert setting.default == 24 and setting.bounds == (1, 120)
    assert Config.defaults().statistics_retention == 24
    assert Config.defaults().statistics is False  # off until the office turns it on
    config, problems = parse_config("statistics_retention = 0\n", tmp_path / "kiosk.toml")
    assert config.statistics_retention == 24
    assert problems[0].line == 1 and "out of range" in problems[0].message


def test_old_statistics_are_deleted_at_start_and_recent_ones_kept(tmp_path: Path) -> None:
    db = tmp_path / "statistics.sqlite3"
    conn = store.connect(db)
    store.write_events(
        conn,
        [
            Event(Kind.VISIT, "2025-01-31 23:00", ("pl",), 60),  # before the cut-off
            Event(Kind.PAGE, "2025-01-31 23:00", ("contact", "pl")),
            Event(Kind.FAILED_SEARCH, "2024-06-01 10:00", ("pl", "psy")),
            Event(Kind.VISIT, "2025-02-01 00:00", ("pl",), 60),  # the first hour kept
            Event(Kind.HELPFUL, "2026-12-01 09:00", ("contact", "yes", "")),
        ],
    )
    conn.close()
    recorder = open_recorder(True, 24, db, today=dt.date(2027, 2, 1))
    assert isinstance(recorder, Recorder)
    recorder.close()
    check = sqlite3.connect(db)
    try:
        assert check.execute("SELECT hour FROM visits").fetchall() == [("2025-02-01 00:00",)]
        assert check.execute("SELECT count(*) FROM page_views").fetchone() == (0,)
        assert check.execute("SELECT count(*) FROM failed_searches").fetchone() == (0,)
        assert check.execute("SELECT count(*) FROM helpful").fetchone() == (1,)
    finally:
        check.close()
