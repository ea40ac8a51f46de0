"""Nothing of a visitor survives the reset: the log, the temporary folder, the clipboard.

A visitor in speech mode types a PESEL-like number into search and hears it read back;
after the reset of the visit nothing of it may be left for staff logs, the disk or the
next visitor's Ctrl+V.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.speech.player import speech_temp_root
from kiosk.ui.guard import InputGuard, clear_visitor_traces, install_guard, is_clipboard_key
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.search_screen import VisitorLineEdit
from tests.conftest import open_kiosk_window
from tests.fakes import RecordingEngine

PESEL = "92010112345"
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_NONE = Qt.KeyboardModifier.NoModifier


def clipboard() -> QClipboard:
    return QGuiApplication.clipboard()


@pytest.fixture
def engine() -> RecordingEngine:
    # Real WAV files, long enough that the announcement is still playing at the reset.
    return RecordingEngine(duration_ms=4000)


@pytest.fixture
def window(qtbot: QtBot, engine: RecordingEngine, kiosk_fonts: None) -> Iterator[KioskWindow]:
    w = open_kiosk_window(speech_engine=engine)
    qtbot.waitExposed(w)
    yield w
    w.kiosk.session.set_speech(is_speech_mode=False)
    w.kiosk.speech.stop()
    qtbot.waitUntil(lambda: not w.kiosk.speech.is_sounding and w.kiosk.speech.state == "idle", timeout=3000)
    w.close()
    qtbot.waitUntil(lambda: w.kiosk.speech.state == "idle", timeout=1000)


@pytest.fixture
def guard() -> Iterator[InputGuard]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install_guard(app)
    yield installed
    app.removeEventFilter(installed)
    installed.deleteLater()


def test_after_the_reset_nothing_of_the_visitor_is_left(
    qtbot: QtBot,
    window: KioskWindow,
    engine: RecordingEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clipboard().setText("the last visitor's query")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_guard(app)  # as at start-up
    try:
        assert clipboard().text() == ""
        caplog.set_level(logging.INFO)
        window.kiosk.session.set_speech(is_speech_mode=True)
        window.kiosk.session.open(Location("search"))
        field = window.search_screen.field
        field.setFocus()
        QTest.keyClicks(field, PESEL)
        assert field.text() == PESEL
        # A touch on the field in speech mode reads it back, number and all.
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        qtbot.waitUntil(lambda: any(PESEL in text for text in engine.texts()), timeout=5000)
        qtbot.waitUntil(lambda: window.kiosk.speech.state == "playing", timeout=5000)
        files = window.kiosk.speech.speech_files
        assert files  # the number, spoken, is on disk while it plays
        root = speech_temp_root()
        assert all(path.is_relative_to(root) for path in files)
        # Something put the number on the clipboard (another program, an old copy).
        clipboard().setText(PESEL)

        window.kiosk.session.reset()  # what the idle timeout does

        assert field.text() == ""
        assert clipboard().text() == ""
        if clipboard().supportsSelection():
            assert clipboard().text(QClipboard.Mode.Selection) == ""
        qtbot.waitUntil(lambda: window.kiosk.speech.speech_files == [], timeout=3000)
        assert [p for p in root.rglob("*") if p.is_file()] == []
        leaks = [
            record
            for record in caplog.records
            if record.levelno >= logging.INFO and PESEL in record.getMessage()
        ]
        assert leaks == []
    finally:
        app.removeEventFilter(guard)


def test_announce_does_not_log_the_text(window: KioskWindow, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    window.kiosk.session.set_speech(is_speech_mode=True)
    window.kiosk.announce(f"Pole tekstowe: Szukaj, {PESEL}")
    assert PESEL not in caplog.text


def test_search_results_are_not_logged(
    qtbot: QtBot, window: KioskWindow, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.ui.search_screen")
    caplog.set_level(logging.INFO)
    window.kiosk.session.open(Location("search"))
    assert window.search_screen.wait_for_index()
    QTest.keyClicks(window.search_screen.field, "godziny otwarcia")
    assert window.search_screen.visible_hits()
    QTest.keyClicks(window.search_screen.field, f" {PESEL} \"(*")  # odd text for the query syntax
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not any("godziny" in m or PESEL in m for m in messages)


# --- the search field keeps its text to itself -----------------------------------------


@pytest.fixture
def field(qtbot: QtBot) -> VisitorLineEdit:
    edit = VisitorLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_V, _CTRL), (Qt.Key.Key_Insert, _SHIFT), (Qt.Key.Key_Paste, _NONE)],
)
def test_nothing_is_pasted_into_the_field(
    field: VisitorLineEdit, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    clipboard().setText(PESEL)
    QTest.keyClicks(field, "abc")
    QTest.keyClick(field, key, modifiers)
    assert field.text() == "abc"


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_C, _CTRL), (Qt.Key.Key_X, _CTRL), (Qt.Key.Key_Insert, _CTRL), (Qt.Key.Key_Delete, _SHIFT)],
)
def test_nothing_is_copied_or_cut_from_the_field(
    field: VisitorLineEdit, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    clear_visitor_traces()
    QTest.keyClicks(field, PESEL)
    QTest.keyClick(field, Qt.Key.Key_A, _CTRL)  # select all (a hardware keyboard)
    field.selectAll()
    QTest.keyClick(field, key, modifiers)
    assert clipboard().text() == ""
    assert field.text() == PESEL  # not cut either


def test_the_field_keeps_no_selection(field: VisitorLineEdit) -> None:
    QTest.keyClicks(field, PESEL)
    field.selectAll()
    assert not field.hasSelectedText()
    QTest.keyClick(field, Qt.Key.Key_Home, _SHIFT)
    assert not field.hasSelectedText()


def test_a_middle_click_pastes_nothing(qtbot: QtBot, field: VisitorLineEdit) -> None:
    clipboard().setText(PESEL)
    qtbot.mouseClick(field, Qt.MouseButton.MiddleButton)
    assert field.text() == ""


def test_clear_visitor_traces_empties_the_clipboard(qapp: QApplication) -> None:
    clipboard().setText(PESEL)
    clear_visitor_traces()
    assert clipboard().text() == ""


def test_the_guard_clears_the_clipboard_when_installed(qapp: QApplication) -> None:
    clipboard().setText(PESEL)
    installed = install_guard(qapp)
    try:
        assert clipboard().text() == ""
    finally:
        qapp.removeEventFilter(installed)


@pytest.mark.parametrize(
    ("key", "modifiers", "is_blocked"),
    [
        (Qt.Key.Key_C, _CTRL, True),
        (Qt.Key.Key_V, _CTRL, True),
        (Qt.Key.Key_X, _CTRL, True),
        (Qt.Key.Key_Insert, _CTRL, True),
        (Qt.Key.Key_Insert, _SHIFT, True),
        (Qt.Key.Key_Delete, _SHIFT, True),
        (Qt.Key.Key_Copy, _NONE, True),
        (Qt.Key.Key_C, _NONE, False),
        (Qt.Key.Key_V, _SHIFT, False),  # a capital V is typing
        (Qt.Key.Key_Delete, _NONE, False),
        (Qt.Key.Key_Insert, _NONE, False),
    ],
)
def test_clipboard_keys(key: Qt.Key, modifiers: Qt.KeyboardModifier, is_blocked: bool) -> None:
    from PySide6.QtCore import QEvent

    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    assert is_clipboard_key(event) is is_blocked


def test_the_guard_swallows_paste_keys_and_the_middle_button_everywhere(
    qtbot: QtBot, guard: InputGuard
) -> None:
    from PySide6.QtWidgets import QLineEdit

    plain = QLineEdit()  # any text field, not only the search
    qtbot.addWidget(plain)
    plain.show()
    plain.setFocus()
    clipboard().setText(PESEL)
    QTest.keyClick(plain, Qt.Key.Key_V, _CTRL)
    QTest.keyClick(plain, Qt.Key.Key_Insert, _SHIFT)
    qtbot.mouseClick(plain, Qt.MouseButton.MiddleButton)
    assert plain.text() == ""
