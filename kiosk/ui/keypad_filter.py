"""The tactile keypad's keys, as kiosk.toml maps them, turned into the keys every screen
understands (``kiosk.keypad``), before anything else in the window sees them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.keypad import Keypad


class KeypadFilter(QObject):
    """Application-wide, for one window: a mapped key arrives as the action's own key."""

    def __init__(self, keypad: Keypad, window: QWidget, listen: bool = True) -> None:
        super().__init__(window)
        self.keypad = keypad
        self._window = window
        self._is_sending = False
        app = QApplication.instance()
        if app is not None and keypad.translation and listen:
            app.installEventFilter(self)  # installed last: it sees the keys first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._is_sending or not isinstance(event, QKeyEvent):
            return False
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        own = self.keypad.translate(event.key())
        if own == event.key():
            return False
        try:
            if not (watched is self._window or self._window.isAncestorOf(watched)):
                return False
        except RuntimeError:  # the window is being destroyed
            return False
        translated = QKeyEvent(event.type(), own, event.modifiers(), "", event.isAutoRepeat())
        self._is_sending = True
        try:
            QApplication.sendEvent(watched, translated)
        finally:
            self._is_sending = False
        return True
