"""A visitor's finger for the journey tests: touches where it lands, as on the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech_mode import DOUBLE_TAP_SECONDS


def touch_at(window: KioskWindow, point: QPoint) -> None:
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    # The finger lifts where it landed on the glass, even if the press moved the widget.
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))


def centre(window: KioskWindow, widget: object) -> QPoint:
    return widget.mapTo(window, widget.rect().center())  # type: ignore[attr-defined]


def pause_between_taps(qtbot: QtBot) -> None:
    qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 60)


def double_tap(qtbot: QtBot, window: KioskWindow, widget: object) -> None:
    """Hear it first, then use it, as a blind visitor does."""
    touch_at(window, centre(window, widget))
    pause_between_taps(qtbot)
    touch_at(window, centre(window, widget))
    touch_at(window, centre(window, widget))
    pause_between_taps(qtbot)
