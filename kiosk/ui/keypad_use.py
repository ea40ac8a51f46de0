"""Counts the keypad as an accessibility feature of the visit (anonymous statistics).

Any key a tactile keypad sends — the arrows, Enter, Escape (Back), Home, Help, the star
key, plus and minus, the volume keys — counts, in speech mode and out of it (arrow
navigation with a chained keyboard is keypad use too). Typing letters does not. The key
is counted when it is let go, so the key that starts a visit on the attract screen
counts for that visit, and the one that ends a visit ("End visit") counts for nothing.
The controller records it once per visit (:meth:`kiosk.controller.Kiosk.keypad_used`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.attract_screen import SPEECH_KEYS

KEYPAD_KEYS = SPEECH_KEYS | frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Escape,
        Qt.Key.Key_Back,
        Qt.Key.Key_Home,
    }
)


class KeypadUse(QObject):
    """Application-wide filter: calls ``on_use`` when a keypad key is released in
    ``window``. Owned by the window, so it goes with it."""

    def __init__(self, on_use: Callable[[], None], window: QWidget, listen: bool = True) -> None:
        super().__init__(window)
        self._on_use = on_use
        self._window = window
        app = QApplication.instance()
        if app is not None and listen:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            isinstance(event, QKeyEvent)  # first: a type() per event makes a Python enum
            and event.type() == QEvent.Type.KeyRelease
            and not event.isAutoRepeat()
            and event.key() in KEYPAD_KEYS
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._on_use()
        return False
