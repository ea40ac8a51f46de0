"""Journeys of ../shared/JOURNEYS.md through the statistics and the survey, end to end on
the real kiosk: Pani Halina ends her visit and answers the office's survey (firm taps,
large text), and Pani Ewa reads what visitors did this month in the staff panel."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import paths, runtime
from kiosk.controller import VisitSettings
from kiosk.runtime import KioskRuntime
from kiosk.session import Location
from kiosk.staff import pin
from kiosk.staff.pin import hash_pin
from kiosk.stats import store
from kiosk.stats.events import Reason
from kiosk.stats.recorder import Recorder
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.survey_dialog import REPEAT_GUARD_SECONDS
from tests.journeys.touch import centre, touch_at

WINTER_MORNING = dt.datetime(2027, 1, 19, 9, 40, tzinfo=office_timezone())  # the sample survey runs
Open = Callable[..., KioskWindow]


def reads(qtbot: QtBot) -> None:
    """She reads the question before she taps."""
    qtbot.wait(int(REPEAT_GUARD_SECONDS * 1000) + 300)


def table(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


def test_pani_halina_ends_her_visit_and_answers_the_survey(
    qtbot: QtBot, kiosk_window: Open, tmp_path: Path
) -> None:
    db = tmp_path / "statistics.sqlite3"
    recorder = Recorder(db)
    try:
        window = kiosk_window(
            clock=FixedClock(WINTER_MORNING),
            visit=VisitSettings(idle_seconds=60, warning_seconds=30),
            recorder=recorder,
        )
        kiosk = window.kiosk
        kiosk.watch_activity()
        kiosk.end_visit()
        touch_at(window, QPoint(window.width() // 2, window.height() // 3))  # a visit starts
        for _ in range(10):  # the largest text, tap after tap
            if kiosk.session.font_scale == 300:
                break
            QGuiApplication.processEvents()
            touch_at(window, centre(window, window.top_bar.larger))
        kiosk.open(Location("section", "errands"))
        kiosk.open(Location("page", "id-card"))
        helpful = window.page_screen.helpful
        assert helpful is not None
        touch_at(window, centre(window, helpful.yes))  # "Czy ta informacja była pomocna?" Tak
        assert helpful.thanks.isVisible()
        # She is done: "Zakończ". The survey asks, in large text, one question at a time.
        touch_at(window, centre(window, window.bottom_bar.end_visit))
        survey = window.survey_dialog
        assert survey.isVisible() and survey.progress.text() == "Pytanie 1 z 3"
        panel = survey.panel.geometry()
        assert window.rect().contains(panel)  # all of it on the screen at 300 %
        reads(qtbot)
        spot = centre(window, survey.answer_buttons[4])  # 5, firmly, twice
        touch_at(window, spot)
        touch_at(window, spot)
        assert survey.progress.text() == "Pytanie 2 z 3"  # one answer, not two
        reads(qtbot)
        touch_at(window, centre(window, survey.answer_buttons[0]))  # "Tak, wszystkie"
        reads(qtbot)
        touch_at(window, centre(window, survey.answer_buttons[3]))  # 4: the last question
        # The kiosk is as new for the next visitor, with nothing of her answers on screen.
        assert window.attract.isVisible() and not survey.isVisible()
        assert (kiosk.session.font_scale, kiosk.session.location) == (100, Location.home())
        touch_at(window, QPoint(window.width() // 2, window.height() // 3))
        kiosk.open(Location("section", "errands"))
        kiosk.open(Location("page", "id-card"))
        assert helpful.yes.isVisible() and not helpful.thanks.isVisible()
        assert recorder.flush()
        assert table(db, "SELECT question, answer, count FROM survey_answers") == [
            ("found-information", "all", 1),
            ("overall", "5", 1),
            ("waiting-time", "4", 1),
        ]
        assert table(db, "SELECT outcome, count FROM survey_outcomes") == [("completed", 1)]
        assert table(db, "SELECT page, answer, count FROM helpful") == [("id-card", "yes", 1)]
        assert ("text_size", "300") in table(db, "SELECT feature, value FROM features")
    finally:
        recorder.close()


@pytest.mark.allow_log_warnings  # the runtime logs the content it serves
def test_pani_ewa_reads_the_month_in_the_staff_panel(
    qtbot: QtBot, tmp_path: Path, kiosk_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data" / "statistics.sqlite3"
    monkeypatch.setattr(store, "default_database_path", lambda: db)
    monkeypatch.setattr(runtime, "snapshots_dir", lambda: tmp_path / "snapshots")
    monkeypatch.setattr(pin, "default_state_file", lambda: tmp_path / "state" / "pin-lockout.json")
    content = tmp_path / "content"
    shutil.copytree(paths.bundled_content_dir(), content)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'statistics = true\nstaff_pin_hash = "{hash_pin("2468", iterations=1000)}"\n')
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    kiosk = KioskRuntime(app, config, content, log_dir=tmp_path / "logs")
    try:
        window = kiosk.window
        window.resize(1080, 1920)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: kiosk.is_started, timeout=5000)  # the staff panel: after the first paint
        controller = kiosk.kiosk
        controller.end_visit()
        # The week's visitors: one finds the ID-card page out of date…
        touch_at(window, QPoint(540, 600))
        controller.open(Location("section", "errands"))
        controller.open(Location("page", "id-card"))
        helpful = window.page_screen.helpful
        assert helpful is not None
        qtbot.mouseClick(helpful.no, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(helpful.reason_buttons[Reason.OUT_OF_DATE], Qt.MouseButton.LeftButton)
        # …and searches for the ice rink in vain, and for a PESEL, then leaves.
        controller.open_search()
        controller.search.wait_for_index()
        field = window.search_screen.field
        for query in ("lodowisko", "85010112345"):
            shown = window.search_screen.results_shown
            with qtbot.waitSignal(shown, check_params_cb=lambda q, _n, t=query: q == t, timeout=5000):
                field.setText(query)
            field.clear()
        qtbot.mouseClick(window.bottom_bar.end_visit, Qt.MouseButton.LeftButton)
        if window.survey_dialog.isVisible():  # the sample survey runs this winter: skipped
            qtbot.mouseClick(window.survey_dialog.skip, Qt.MouseButton.LeftButton)
        assert window.attract.isVisible()
        # Ewa holds the office name, enters her PIN and reads the last 30 days.
        kiosk.long_press._timer.setInterval(50)  # the real hold is 5 s  # noqa: SLF001
        office = window.top_bar.office
        QTest.mousePress(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        qtbot.waitUntil(kiosk.pin_pad.isVisible, timeout=2000)
        QTest.mouseRelease(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        for digit in "2468":
            qtbot.mouseClick(kiosk.pin_pad.keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(kiosk.pin_pad.ok, Qt.MouseButton.LeftButton)
        panel = kiosk.staff_panel
        assert panel.isVisible()
        qtbot.waitUntil(
            lambda: not panel.is_reading_statistics and panel.glance.report is not None, timeout=5000
        )
        glance = panel.glance
        assert glance.title.text() == "Ostatnie 30 dni"
        assert glance.summary.text().startswith("1 wizyta")
        bars = glance.chart_view.chart().series()[0].barSets()[0]
        assert [int(bars.at(i)) for i in range(bars.count())][-1] == 1  # today's bar
        assert glance.helpful_list.text() == "Dowód osobisty: „nie” — 1 z 1"
        assert glance.search_list.text() == "lodowisko (1 raz)"
        assert "85010112345" not in glance.search_list.text()  # never stored
    finally:
        kiosk.headphones.stop()
        kiosk.recovery.uninstall()
        app.removeEventFilter(kiosk.guard)
        if shiboken6.isValid(kiosk.window):
            kiosk.window.allow_close = True
            kiosk.window.close()
