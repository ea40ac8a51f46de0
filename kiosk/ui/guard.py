"""Lockdown inside the application: nothing a visitor does can leave the kiosk.

One application-wide event filter swallows context menus, the keyboard shortcuts that
close, minimise or switch away from a window, and drag-and-drop. (What the operating
system catches before the application — Ctrl+Alt+Del, a VT switch — is the job of the
kiosk compositor, see docs/deploy.md.)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_META = Qt.KeyboardModifier.MetaModifier

# (modifier that must be held, key); Qt.Key.Key_unknown means any key with that modifier.
BLOCKED: tuple[tuple[Qt.KeyboardModifier, Qt.Key], ...] = (
    (_ALT, Qt.Key.Key_F4),
    (_ALT, Qt.Key.Key_Tab),
    (_ALT, Qt.Key.Key_Backtab),
    (_ALT, Qt.Key.Key_Escape),
    (_ALT, Qt.Key.Key_Space),  # the window menu
    (_CTRL, Qt.Key.Key_Q),
    (_CTRL, Qt.Key.Key_W),
    (_CTRL, Qt.Key.Key_F4),
    (_CTRL, Qt.Key.Key_Escape),
    (_META, Qt.Key.Key_unknown),  # any Windows/Super key combination
)
_DROPS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def is_blocked_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers()
    key = event.key()
    if key in (Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu):
        return True
    for modifier, blocked in BLOCKED:
        if modifiers & modifier and (blocked == Qt.Key.Key_unknown or key == blocked):
            return True
    return False


class InputGuard(QObject):
    """Application-wide filter for context menus, leaving shortcuts and drops."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.ContextMenu or kind in _DROPS:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if is_blocked_key(event):
                if kind == QEvent.Type.KeyPress:
                    log.info("blocked key %s with modifiers %s", event.key(), event.modifiers())
                event.accept()
                return True
        return False


def install_guard(app: QApplication) -> InputGuard:
    guard = InputGuard(app)  # parented to the application: lives as long as it does
    app.installEventFilter(guard)
    return guard
