"""The end of a visit and the office's survey, and the features only the controller sees
(keypad, headphones), against a fake view: when the survey is offered, what its end
means for the visit, and that the next visitor starts clean."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.compose import build_kiosk
from kiosk.config import Config
from kiosk.content.content import Content, load_content
from kiosk.controller import Kiosk, VisitSettings
from kiosk.stats.recorder import NullRecorder, Recorder
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from tests.fakes import FakeView, RecordingEngine

IN_SURVEY = dt.datetime(2027, 1, 20, 10, 30, tzinfo=office_timezone())  # the sample survey runs
AFTER_SURVEY = dt.datetime(2027, 4, 1, 10, 30, tzinfo=office_timezone())  # it ended on 31 March

Make = Callable[..., tuple[Kiosk, FakeView]]


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content(paths.bundled_content_dir())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "statistics.sqlite3"


@pytest.fixture
def make(qapp: object, bundled: Content, db: Path) -> Iterator[Make]:
    made: list[Kiosk] = []

    def factory(
        moment: dt.datetime = IN_SURVEY,
        *,
        is_recording: bool = True,
        settings: VisitSettings | None = None,
        engine: RecordingEngine | None = None,
    ) -> tuple[Kiosk, FakeView]:
        kiosk = build_kiosk(
            Config.defaults(),
            bundled,
            clock=FixedClock(moment),
            speech_engine=engine,
            visit=settings,
            recorder=Recorder(db) if is_recording else NullRecorder(),
        )
        view = FakeView()
        kiosk.attach(view)
        made.append(kiosk)
        return kiosk, view

    yield factory
    for kiosk in made:
        kiosk.close()


def rows(kiosk: Kiosk, db: Path, sql: str) -> list[tuple[object, ...]]:
    assert kiosk.recorder.flush()
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


# -- "End visit" ---------------------------------------------------------------------------


def test_end_visit_offers_the_survey_and_its_end_ends_the_visit(make: Make, db: Path) -> None:
    kiosk, view = make()
    kiosk.begin_visit()
    kiosk.finish_visit()
    assert view.names()[-1] == "show_survey" and view.survey is kiosk.content.survey
    assert kiosk.is_visiting and not view.is_attract_shown  # the survey blocks nothing: it asks
    kiosk.survey_closed()  # last answer or "Skip"
    assert view.is_attract_shown and not kiosk.is_visiting
    assert "close_survey" not in view.names()  # it closed itself
    assert rows(kiosk, db, "SELECT lang, count(*) FROM visits GROUP BY lang") == [("pl", 1)]


def test_end_visit_without_a_running_survey_ends_at_once(make: Make) -> None:
    kiosk, view = make(AFTER_SURVEY)
    kiosk.begin_visit()
    kiosk.finish_visit()
    assert "show_survey" not in view.names()
    assert view.is_attract_shown and not kiosk.is_visiting


def test_no_survey_with_statistics_off(make: Make) -> None:
    kiosk, view = make(is_recording=False)
    kiosk.begin_visit()
    kiosk.finish_visit()
    assert "show_survey" not in view.names() and view.is_attract_shown


def test_no_survey_when_the_content_has_none(make: Make) -> None:
    kiosk, view = make()
    kiosk.content.survey, survey = None, kiosk.content.survey
    try:
        kiosk.begin_visit()
        kiosk.finish_visit()
    finally:
        kiosk.content.survey = survey
    assert "show_survey" not in view.names() and view.is_attract_shown


def test_the_survey_after_end_visit_does_not_wait_long_for_an_answer(qtbot: QtBot, make: Make) -> None:
    kiosk, view = make(settings=VisitSettings(idle_seconds=60, warning_seconds=1))
    kiosk.begin_visit()
    kiosk.finish_visit()
    assert kiosk.survey_flow.is_waiting
    qtbot.wait(600)
    kiosk.survey_answered()  # an answer: the wait starts again
    qtbot.wait(600)
    assert kiosk.is_visiting  # 1.2 s in, but only 0.6 s since the answer
    with qtbot.waitSignal(kiosk.visit_ended, timeout=3000):
        pass
    assert view.names()[-3:] == ["close_survey", "close_overlays", "show_attract"]
    assert not kiosk.survey_flow.is_open and not kiosk.survey_flow.is_waiting


# -- the idle warning ------------------------------------------------------------------------


def test_the_idle_warning_offers_the_survey_and_the_reset_still_happens(qtbot: QtBot, make: Make) -> None:
    kiosk, view = make(settings=VisitSettings(idle_seconds=0.2, warning_seconds=1))
    kiosk.begin_visit()
    with qtbot.waitSignal(kiosk.policy.warning, timeout=2000):
        pass
    names = view.names()
    assert names.index("show_survey") < names.index("show_idle_warning")  # shown together
    assert not kiosk.survey_flow.is_ending  # nobody asked to end: the countdown decides
    with qtbot.waitSignal(kiosk.visit_ended, timeout=3000):  # nobody answers
        pass
    assert "close_survey" in view.names() and view.survey is None
    assert view.is_attract_shown and not kiosk.is_visiting


def test_a_visitor_who_answers_at_the_idle_warning_stays_and_is_asked_once(qtbot: QtBot, make: Make) -> None:
    kiosk, view = make(settings=VisitSettings(idle_seconds=0.2, warning_seconds=5))
    kiosk.begin_visit()
    with qtbot.waitSignal(kiosk.policy.warning, timeout=2000):
        pass
    kiosk.continue_visit()  # the first tap on the survey is activity: the warning goes
    assert "close_idle_warning" in view.names()
    kiosk.survey_answered()
    kiosk.survey_closed()  # answered or skipped: the visitor is here, the visit goes on
    assert kiosk.is_visiting and not view.is_attract_shown
    view.calls.clear()
    kiosk.finish_visit()  # later, "End visit": no second survey in this visit
    assert "show_survey" not in view.names() and view.is_attract_shown
    kiosk.begin_visit()  # the next visitor is asked again
    kiosk.finish_visit()
    assert view.names()[-1] == "show_survey"


def test_end_visit_pressed_while_the_idle_survey_is_open_ends_with_it(qtbot: QtBot, make: Make) -> None:
    kiosk, view = make(settings=VisitSettings(idle_seconds=0.2, warning_seconds=5))
    kiosk.begin_visit()
    with qtbot.waitSignal(kiosk.policy.warning, timeout=2000):
        pass
    kiosk.continue_visit()
    kiosk.finish_visit()  # e.g. the keypad's End key behind the survey
    assert view.names().count("show_survey") == 1 and kiosk.is_visiting
    kiosk.survey_closed()
    assert view.is_attract_shown


def test_the_reset_clears_the_survey_for_the_next_visitor(make: Make) -> None:
    kiosk, view = make()
    kiosk.begin_visit()
    kiosk.finish_visit()
    assert kiosk.visit_stats.is_survey_offered
    kiosk.end_visit()  # e.g. recovery or the idle reset while the survey is open
    assert "close_survey" in view.names()
    assert not kiosk.visit_stats.is_survey_offered and not kiosk.survey_flow.is_open
    kiosk.survey_closed()  # a late signal from the closed survey ends nothing more
    assert not kiosk.is_visiting


def test_the_survey_is_spoken_in_speech_mode(qtbot: QtBot, make: Make) -> None:
    engine = RecordingEngine(write_audio=False)
    kiosk, _view = make(engine=engine)
    kiosk.begin_visit(with_speech=True)
    kiosk.finish_visit()
    qtbot.waitUntil(lambda: "Survey: first question" in engine.texts(), timeout=3000)


def test_in_speech_mode_the_idle_warning_says_the_survey_after_the_countdown(
    qtbot: QtBot, make: Make
) -> None:
    engine = RecordingEngine(write_audio=False)
    kiosk, _view = make(engine=engine, settings=VisitSettings(idle_seconds=0.2, warning_seconds=3,
                                                              listening_time_factor=1))
    kiosk.begin_visit(with_speech=True)
    qtbot.waitUntil(lambda: any(t.endswith("Survey: first question") for t in engine.texts()), timeout=5000)
    said = next(t for t in engine.texts() if t.endswith("Survey: first question"))
    assert said.startswith("Czy nadal korzystasz? Ekran zacznie od nowa")


# -- features only the controller sees ----------------------------------------------------


def test_the_keypad_counts_once_per_visit_and_only_in_a_visit(make: Make, db: Path) -> None:
    kiosk, _view = make(AFTER_SURVEY)
    kiosk.keypad_used()  # the attract screen: no visit yet
    kiosk.begin_visit()
    for _ in range(5):
        kiosk.keypad_used()
    kiosk.finish_visit()
    kiosk.keypad_used()  # the key that ended the visit: nothing opens a visit again
    kiosk.begin_visit()
    kiosk.keypad_used()
    kiosk.finish_visit()
    assert rows(kiosk, db, "SELECT feature, value, count FROM features") == [("keypad", "on", 2)]
    assert rows(kiosk, db, "SELECT count(*) FROM visits") == [(2,)]


def test_headphones_count_once_per_visit_and_not_for_the_next_visitor(make: Make, db: Path) -> None:
    kiosk, _view = make(AFTER_SURVEY)
    kiosk.headphones_changed(True)  # plugged in on the attract screen: the visit starts
    if not kiosk.is_visiting:  # (in speech mode, when the kiosk can speak)
        kiosk.begin_visit()  # …else the visitor's touch starts it: it still counts
    kiosk.headphones_changed(False)
    kiosk.headphones_changed(True)  # out and in again: the same visit
    kiosk.finish_visit()
    kiosk.begin_visit()  # the headphones were left plugged in: not this visitor's
    kiosk.finish_visit()
    kiosk.begin_visit()
    kiosk.headphones_changed(False)
    kiosk.headphones_changed(True)  # this visitor plugs them in again
    kiosk.finish_visit()
    assert rows(kiosk, db, "SELECT feature, value, count FROM features") == [("headphones", "on", 2)]
    assert rows(kiosk, db, "SELECT count(*) FROM visits") == [(3,)]