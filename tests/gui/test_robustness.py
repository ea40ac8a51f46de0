"""Nothing a visitor does can break or leave the kiosk."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.logs import Recovery
from kiosk.session import FONT_SCALES, Location, Screen
from kiosk.ui.guard import install_guard
from kiosk.ui.main_window import KioskWindow
from tests.videos import TestVideos


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
    """Thousands of random taps, keys and setting changes (seeded, reproducible)."""
    run_monkey(window, random.Random(20261124), caplog)


STEPS_WITH_VIDEO = 600  # a playing video makes every step slower (software decoding)


def test_monkey_with_sign_language_video(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], tmp_path: Path, test_videos: TestVideos,
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
        run_monkey(window, random.Random(20261203), caplog, open_video, steps=STEPS_WITH_VIDEO)
        assert window.video_screen.playback._player is not None, "no video was ever opened"
    finally:
        window.video_screen.release()


def run_monkey(
    window: KioskWindow,
    rng: random.Random,
    caplog: pytest.LogCaptureFixture,
    open_video: Callable[[random.Random], None] | None = None,
    steps: int = 2000,
) -> None:
    recovery = Recovery(window.kiosk.recover)
    recovery.install()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = install_guard(app)
    keys = [
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Return,
        Qt.Key.Key_Space,
        Qt.Key.Key_Escape,
        Qt.Key.Key_A,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    ]
    actions = 0
    try:
        with caplog.at_level(logging.WARNING):
            for step in range(steps):
                roll = rng.random()
                if roll < 0.55:
                    buttons = [
                        b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()
                    ]
                    QTest.mouseClick(rng.choice(buttons), Qt.MouseButton.LeftButton)
                elif roll < 0.75:
                    target = QApplication.focusWidget() or window
                    QTest.keyClick(target, rng.choice(keys))
                elif roll < 0.9:
                    point = QPoint(rng.randrange(window.width()), rng.randrange(window.height()))
                    child = window.childAt(point) or window
                    QTest.mouseClick(child, Qt.MouseButton.LeftButton, pos=child.mapFrom(window, point))
                elif open_video is not None and roll < 0.93:
                    open_video(rng)
                elif roll < 0.95:
                    window.resize(*rng.choice([(1080, 1920), (1920, 1080)]))
                elif roll < 0.98:
                    window.kiosk.session.set_font_scale(rng.choice(FONT_SCALES))
                else:
                    window.kiosk.session.reset()
                if step % 50 == 0:
                    QApplication.processEvents()
                actions += 1
        assert actions == steps
        assert recovery.count == 0
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == []
        assert window.isVisible()
    finally:
        recovery.uninstall()
        app.removeEventFilter(guard)
