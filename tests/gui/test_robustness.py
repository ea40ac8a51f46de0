"""Nothing a visitor does can break or leave the kiosk."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.logs import Recovery
from kiosk.ui.guard import install_guard
from kiosk.ui.main_window import KioskWindow
from tests.monkey import Monkey, run_in_event_loop


def count_widgets(window: KioskWindow) -> int:
    return len(window.findChildren(QObject))


@pytest.fixture
def window(bundled_window: KioskWindow) -> KioskWindow:
    return bundled_window


def test_an_error_in_a_slot_is_logged_and_the_kiosk_goes_home(
    qtbot: QtBot, window: KioskWindow, caplog: pytest.LogCaptureFixture
) -> None:
    recovery = Recovery(window.kiosk.recover)
    recovery.install()
    try:
        window.kiosk.session.open(window.kiosk.session.location.__class__("section", "office"))

        def explode() -> None:
            raise RuntimeError("boom")

        window.bottom_bar.home.clicked.disconnect()
        window.bottom_bar.back.clicked.connect(explode)
        with caplog.at_level(logging.ERROR):
            QTest.mouseClick(window.bottom_bar.back, Qt.MouseButton.LeftButton)
        assert recovery.count == 1
        assert "RuntimeError: boom" in caplog.text and "Traceback" in caplog.text
        assert window.stack.currentWidget() is window.home_screen
        assert window.isVisible()
    finally:
        recovery.uninstall()


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Super_L, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_leaving_shortcuts_are_swallowed(
    window: KioskWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_guard(app)
    try:
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
        assert guard.eventFilter(window, event) is True
        plain = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        assert guard.eventFilter(window, plain) is False
    finally:
        app.removeEventFilter(guard)


def test_the_window_refuses_to_close(qtbot: QtBot, window: KioskWindow) -> None:
    window.allow_close = False  # as the running kiosk sets it
    assert window.close() is False
    assert window.isVisible()
    window.allow_close = True  # the staff panel's Exit
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()


def test_monkey(qtbot: QtBot, window: KioskWindow, caplog: pytest.LogCaptureFixture) -> None:
    """Thousands of random taps, keys and setting changes (seeded, reproducible), driven
    from a running event loop as the kiosk is; the widgets do not pile up."""
    recovery = Recovery(window.kiosk.recover)
    recovery.install()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_guard(app)
    monkey = Monkey(window, seed=20261124)
    widgets: list[int] = []
    try:
        with caplog.at_level(logging.WARNING):
            run_in_event_loop(
                monkey, 2000, every=500, sample=lambda _n: widgets.append(count_widgets(window))
            )
        assert monkey.count == 2000
        assert recovery.count == 0
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == []
        assert window.isVisible()
        # Replaced tiles and buttons are deleted: the widget count stays within one
        # screen's worth of the first sample (it grew by ~2,000 per 1,000 actions before).
        assert max(widgets) - widgets[0] < 300, widgets
    finally:
        recovery.uninstall()
        app.removeEventFilter(guard)
