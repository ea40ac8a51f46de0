"""Nothing a visitor does can break or leave the kiosk."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.logs import Recovery
from kiosk.session import Location, Screen
from kiosk.ui.guard import install_guard
from kiosk.ui.main_window import KioskWindow
from tests.monkey import Monkey, run_in_event_loop
from tests.videos import TestVideos


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
    widgets = run_monkey(window, Monkey(window, seed=20261124), caplog, steps=2000)
    # Replaced tiles and buttons are deleted: the widget count stays within one screen's
    # worth of the first sample (it grew by ~2,000 per 1,000 actions when deleteLater
    # never ran).
    assert max(widgets) - widgets[0] < 300, widgets


STEPS_WITH_VIDEO = 600  # a playing video makes every step slower (software decoding)


def test_monkey_with_sign_language_video(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    tmp_path: Path,
    test_videos: TestVideos,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The same on content with PJM videos: the player's controls are among the buttons
    tapped, and now and then a video is opened straight away (and left by whatever comes)."""
    from tests.gui.test_video_player import make_video_content

    window = kiosk_window(make_video_content(tmp_path / "content", test_videos))
    pages = sorted(window.kiosk.content.sign_videos)

    def open_video(rng: random.Random) -> None:
        window.kiosk.open(Location(Screen.VIDEO, rng.choice(["", *pages])))

    try:
        run_monkey(window, Monkey(window, seed=20261203, extra=open_video), caplog, steps=STEPS_WITH_VIDEO)
        assert window.video_screen.playback._player is not None, "no video was ever opened"
    finally:
        window.video_screen.release()


def run_monkey(
    window: KioskWindow, monkey: Monkey, caplog: pytest.LogCaptureFixture, steps: int
) -> list[int]:
    """Run ``steps`` actions with the recovery handler and the guard installed; no error
    is logged, nothing is recovered from, the window stays. Returns the widget counts
    sampled every quarter of the run."""
    recovery = Recovery(window.kiosk.recover)
    recovery.install()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_guard(app)
    widgets: list[int] = []
    try:
        with caplog.at_level(logging.WARNING):
            run_in_event_loop(
                monkey, steps, every=steps // 4, sample=lambda _n: widgets.append(count_widgets(window))
            )
        assert monkey.count == steps
        assert recovery.count == 0
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == []
        assert window.isVisible()
    finally:
        recovery.uninstall()
        app.removeEventFilter(guard)
    return widgets
