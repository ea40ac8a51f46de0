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
from kiosk.today.clock import FixedClock

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
    visit = VisitStats(recorder, FixedClock(dt.datetime(2027, 1, 5, 10, 12, 33, tzinfo=office_timezone())))
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


def test_a_failed_search_is_recorded_once_when_the_visitor_leaves_it(tmp_path: Path) -> None:
    db = tmp_path / "statistics.sqlite3"
    recorder = Recorder(db)
    visit = VisitStats(recorder, FixedClock(dt.datetime(2027, 1, 5, 10, 12, 33, tzinfo=office_timezone())))

    def type_in(word: str, found: dict[str, int]) -> None:
        for end in range(1, len(word) + 1):  # one update per key, as the search screen does
            visit.search_changed(word[:end], found.get(word[:end], 3), "pl")

    type_in("dowód", {})  # found something at every step: nothing to record
    type_in("psy", {"psy": 0})  # "psy" found nothing…
    for end in (2, 1, 0):  # …backspaced away: the same search, still pending
        visit.search_changed("psy"[:end], 3, "pl")
    type_in("zwierzęta", {})  # something unrelated: "psy" is recorded now
    type_in("lodowisko", {"lodowisko"[:end]: 0 for end in range(3, 10)})
    visit.search_changed("lodowisko 12", 0, "pl")  # a digit: pending, but only the fact is kept
    visit.page_opened("contact", "pl")  # leaving the search: recorded
    visit.search_changed("jan@example.com", 0, "pl")  # normalised it has no "@": still withheld
    type_in("basen", {"basen": 0})
    visit.visit_ended("pl")  # the end of the visit records the last one
    recorder.close()
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute("SELECT query, count FROM failed_searches ORDER BY query").fetchall()
    finally:
        conn.close()
    assert stored == [("", 2), ("basen", 1), ("psy", 1)]
