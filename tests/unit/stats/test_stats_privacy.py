"""Privacy: what a visitor types never reaches the database unless it is a plain word."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kiosk.stats.events import hour_of, rounded_length, storable_query
from kiosk.stats.recorder import Recorder
from kiosk.stats.visit import VisitStats
from kiosk.today import office_timezone
from kiosk.today.clock import FakeClock

WITHHELD = [
    "85010112345",  # a PESEL
    "PESEL 85010112345",
    "850101 12345",
    "+48 46 857 03 00",  # a phone
    "601-234-567",
    "Jan Kowalski 12",  # a name with a number
    "ul. Piłsudskiego 1",
    "ABC123456",  # an ID card number
    "wniosek z 12.03",
    "działka 123/4",
    "٣٤٥",  # digits of another script
    "zaświadczenie o niezaleganiu w podatkach i opłatach lokalnych",  # over 40 characters
    "a" * 41,
    "jan@example.com",  # not letters and spaces
    "!!!",
    "   ",
]
KEPT = [
    ("Dowód osobisty", "dowód osobisty"),
    ("  PSY ", "psy"),
    ("wybory?", "wybory"),
    ("meldunek, wymeldowanie", "meldunek wymeldowanie"),
    ("Kowal-ski", "kowal-ski"),
]


@pytest.mark.parametrize("query", WITHHELD)
def test_queries_that_could_identify_someone_are_withheld(query: str) -> None:
    assert storable_query(query) is None


@pytest.mark.parametrize(("query", "stored"), KEPT)
def test_plain_words_are_kept_normalised(query: str, stored: str) -> None:
    assert storable_query(query) == stored


def test_times_are_rounded_to_the_hour_and_lengths_to_ten_seconds() -> None:
    assert hour_of(dt.datetime(2027, 1, 5, 9, 59, 59)) == "2027-01-05 09:00"
    assert rounded_length(94.9) == 90
    assert rounded_length(-3) == 0
    assert rounded_length(10 * 3600) == 4 * 3600


def test_nothing_typed_with_a_digit_reaches_the_database(tmp_path: Path) -> None:
    db = tmp_path / "statistics.sqlite3"
    recorder = Recorder(db)
    visit = VisitStats(recorder, FakeClock(dt.datetime(2027, 1, 5, 10, 12, 33, tzinfo=office_timezone())))
    for query in WITHHELD:
        visit.search_failed(query, "pl")
    visit.search_failed("psy", "pl")
    visit.visit_ended("pl")
    recorder.close()
    conn = sqlite3.connect(db)
    try:
        texts: list[str] = []
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                texts += [value for value in row if isinstance(value, str)]
        assert conn.execute("SELECT query, count FROM failed_searches ORDER BY query").fetchall() == [
            ("", len(WITHHELD)),  # only the fact that they found nothing
            ("psy", 1),
        ]
    finally:
        conn.close()
    raw = db.read_bytes() + (
        db.with_name(db.name + "-wal").read_bytes() if db.with_name(db.name + "-wal").exists() else b""
    )
    for query in WITHHELD:
        if query.strip():
            assert query.encode() not in raw
            assert query.casefold() not in texts
    for text in texts:  # every text stored is an hour or has no digit at all
        assert text == "2027-01-05 10:00" or not any(c.isdigit() for c in text)
    # The seconds and minutes of the moment were not kept anywhere.
    assert b"10:12" not in raw
