"""The recorder, the per-visit rules and the database's schema."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import pytest

from kiosk.stats import store
from kiosk.stats.events import Event, Feature, Kind, Reason, SurveyOutcome
from kiosk.stats.recorder import NullRecorder, Recorder, open_recorder
from kiosk.stats.visit import VisitStats
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock


class Ticker:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "statistics.sqlite3"


@pytest.fixture
def recorder(db: Path) -> Recorder:
    rec = Recorder(db)
    yield rec  # type: ignore[misc]
    rec.close()


def make_visit(recorder: Recorder | NullRecorder) -> tuple[VisitStats, FixedClock, Ticker]:
    clock = FixedClock(dt.datetime(2027, 2, 10, 14, 47, tzinfo=office_timezone()))
    ticker = Ticker()
    return VisitStats(recorder, clock, ticker), clock, ticker


def test_a_visit_is_recorded_with_its_hour_language_and_rounded_length(recorder: Recorder, db: Path) -> None:
    visit, clock, ticker = make_visit(recorder)
    visit.page_opened("opening-hours", "pl")  # the first touch starts the visit
    clock.advance(dt.timedelta(minutes=20))  # the visit runs into the next hour
    ticker.now += 94.0
    visit.page_opened("id-card", "en")
    visit.visit_ended("en")
    assert recorder.flush()
    assert rows(db, "SELECT hour, lang, seconds FROM visits") == [("2027-02-10 14:00", "en", 90)]
    assert sorted(rows(db, "SELECT hour, page, lang, count FROM page_views")) == [
        ("2027-02-10 14:00", "opening-hours", "pl", 1),
        ("2027-02-10 15:00", "id-card", "en", 1),
    ]


def test_counts_add_up_instead_of_one_row_per_event(recorder: Recorder, db: Path) -> None:
    for _ in range(3):
        visit, _clock, _ticker = make_visit(recorder)
        visit.page_opened("contact", "pl")
        visit.visit_ended("pl")
    assert recorder.flush()
    assert rows(db, "SELECT page, count FROM page_views") == [("contact", 3)]
    assert rows(db, "SELECT count(*) FROM visits") == [(3,)]


def test_helpful_is_answered_once_per_page_per_visit_and_reset_clears_it(
    recorder: Recorder, db: Path
) -> None:
    visit, _clock, _ticker = make_visit(recorder)
    assert visit.helpful_answered("id-card", False)
    assert not visit.helpful_answered("id-card", True)  # second answer ignored
    assert visit.reason_given("id-card", Reason.OUT_OF_DATE)
    assert not visit.reason_given("id-card", Reason.NOT_FOUND)  # one reason only
    assert visit.helpful_answered("contact", True)
    assert not visit.reason_given("contact", Reason.NOT_FOUND)  # no reason after "yes"
    assert visit.answer("id-card") is False
    visit.reset()
    assert not visit.has_answered("id-card") and visit.answer("id-card") is None
    assert visit.helpful_answered("id-card", True)  # the next visitor may answer
    assert recorder.flush()
    assert sorted(rows(db, "SELECT page, answer, reason, count FROM helpful")) == [
        ("contact", "yes", "", 1),
        ("id-card", "no", "", 1),
        ("id-card", "no", "out_of_date", 1),
        ("id-card", "yes", "", 1),
    ]


def test_each_feature_counts_once_per_visit(recorder: Recorder, db: Path) -> None:
    visit, _clock, _ticker = make_visit(recorder)
    for _ in range(3):
        visit.feature_used(Feature.TEXT_SIZE, "150")
        visit.feature_used(Feature.SPEECH)
    visit.feature_used(Feature.TEXT_SIZE, "200")
    visit.visit_ended("pl")
    visit.feature_used(Feature.SPEECH)  # a new visit
    assert recorder.flush()
    assert sorted(rows(db, "SELECT feature, value, count FROM features")) == [
        ("speech", "on", 2),
        ("text_size", "150", 1),
        ("text_size", "200", 1),
    ]


def test_the_survey_is_offered_once_per_visit_and_stored_as_counts(recorder: Recorder, db: Path) -> None:
    visit, _clock, _ticker = make_visit(recorder)
    assert visit.take_survey_offer()
    assert not visit.take_survey_offer()
    visit.survey_answered("s1", "overall", "4")
    visit.survey_finished("s1", SurveyOutcome.COMPLETED)
    visit.visit_ended("pl")
    assert visit.take_survey_offer()  # the next visit
    visit.survey_answered("s1", "overall", "4")
    visit.survey_finished("s1", SurveyOutcome.PARTIAL)
    assert recorder.flush()
    assert rows(db, "SELECT survey, question, answer, count FROM survey_answers") == [
        ("s1", "overall", "4", 2)
    ]
    assert sorted(rows(db, "SELECT outcome, count FROM survey_outcomes")) == [
        ("completed", 1),
        ("partial", 1),
    ]


def test_statistics_off_records_nothing_and_offers_no_survey(db: Path) -> None:
    sink = open_recorder(False, 24, db)
    assert isinstance(sink, NullRecorder)
    visit, _clock, _ticker = make_visit(sink)
    assert not visit.is_recording
    visit.page_opened("contact", "pl")
    visit.visit_ended("pl")
    assert not visit.take_survey_offer()
    assert not db.exists()


def test_the_database_is_wal_with_full_sync_and_a_schema_version(db: Path) -> None:
    conn = store.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert store.schema_version(conn) == store.SCHEMA_VERSION == len(store.MIGRATIONS)
    finally:
        conn.close()


def test_a_database_from_a_newer_kiosk_is_left_alone(db: Path, caplog: pytest.LogCaptureFixture) -> None:
    store.connect(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(store.StatsDatabaseError, match="newer kiosk"):
        store.connect(db)
    with caplog.at_level(logging.ERROR, logger="kiosk.stats.recorder"):
        assert isinstance(open_recorder(True, 24, db), NullRecorder)  # the kiosk still starts
    assert "statistics are off" in caplog.text


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b""])
def test_a_file_that_is_not_a_statistics_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.sqlite3"
    if content:
        path.write_bytes(content)
        with pytest.raises(store.StatsDatabaseError):
            store.connect(path)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(store.StatsDatabaseError, match="something else"):
        store.connect(other, is_writer=False)
    assert rows(other, "SELECT name FROM sqlite_master") == [("people",)]


def test_migrations_run_from_an_older_schema(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by an older kiosk gains the new step and keeps its data."""
    conn = store.connect(db)
    store.write_events(conn, [Event(Kind.VISIT, "2027-01-05 10:00", ("pl",), 30)])
    conn.close()
    step = "ALTER TABLE visits ADD COLUMN kiosk TEXT NOT NULL DEFAULT ''"
    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, step))
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    conn = store.connect(db)
    try:
        assert store.schema_version(conn) == 2
        assert conn.execute("SELECT hour, kiosk FROM visits").fetchall() == [("2027-01-05 10:00", "")]
    finally:
        conn.close()


def test_an_unwritable_database_turns_statistics_off_without_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with caplog.at_level(logging.ERROR):
        recorder = Recorder(blocker / "statistics.sqlite3")  # its folder cannot be made
        recorder.record(Event(Kind.PAGE, "2027-01-05 10:00", ("contact", "pl")))
        assert recorder.flush()
        recorder.close()
    assert not recorder.is_recording
    assert "statistics are off" in caplog.text


def test_close_commits_what_is_queued(db: Path) -> None:
    recorder = Recorder(db)
    for _ in range(500):
        recorder.record(Event(Kind.PAGE, "2027-01-05 10:00", ("contact", "pl")))
    recorder.close()
    assert rows(db, "SELECT count FROM page_views") == [(500,)]


def test_session_stats_follow_the_session(recorder: Recorder, db: Path, qapp: object) -> None:
    from kiosk.session import Location, Session
    from kiosk.stats.session_link import SessionStats

    session = Session("pl", "default")
    visit, _clock, ticker = make_visit(recorder)
    link = SessionStats(visit, session)
    session.larger_text()  # before the visit starts (attract screen): not counted
    session.smaller_text()
    link.start_visit()
    session.set_language("en")
    session.open(Location("page", "opening-hours"))
    session.open(Location("page", "id-card"))
    session.back()  # back to a page already opened in this visit: counted once
    session.larger_text()
    session.set_theme("yellow-on-black")
    session.set_speech(is_speech_mode=True)
    ticker.now += 61
    link.end_visit()
    session.reset()  # back to defaults: not uses of a feature, and no new visit
    assert not visit.is_visit_open
    assert recorder.flush()
    assert rows(db, "SELECT lang, seconds FROM visits") == [("en", 60)]
    assert sorted(rows(db, "SELECT page, lang, count FROM page_views")) == [
        ("id-card", "en", 1),
        ("opening-hours", "en", 1),
    ]
    assert sorted(rows(db, "SELECT feature, value, count FROM features")) == [
        ("contrast", "yellow-on-black", 1),
        ("speech", "on", 1),
        ("text_size", "125", 1),
    ]


def test_the_session_reset_alone_ends_the_visit_and_clears_its_answers(
    recorder: Recorder, db: Path, qapp: object
) -> None:
    from kiosk.session import Location, Session
    from kiosk.stats.session_link import SessionStats

    session = Session("pl", "default")
    visit, _clock, ticker = make_visit(recorder)
    link = SessionStats(visit, session)
    link.start_visit()
    session.open(Location("page", "contact"))
    visit.helpful_answered("contact", False)
    assert visit.take_survey_offer()
    ticker.now += 30
    session.reset()  # the idle reset, without end_visit()
    assert not visit.is_visit_open and not visit.has_answered("contact")
    assert visit.take_survey_offer()  # offered again to the next visitor
    assert recorder.flush()
    assert rows(db, "SELECT lang, seconds FROM visits") == [("pl", 30)]
    assert rows(db, "SELECT page, count FROM page_views") == [("contact", 1)]
