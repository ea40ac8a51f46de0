"""Lockdown inside the application: nothing a visitor does can leave the kiosk.

One application-wide event filter swallows context menus, the keyboard shortcuts that
close, minimise or switch away from a window, drag-and-drop, and everything that moves
text through the clipboard or the X selection (copy, cut, paste and their Insert/Delete
variants, the middle-button paste). (What the operating system catches before the
application — Ctrl+Alt+Del, a VT switch — is the job of the kiosk compositor, see
docs/deploy.md.)

Nothing a visitor typed may reach the next one: :func:`clear_visitor_traces` empties the
clipboard and the selection; the guard calls it when it is installed (start-up) and the
reset of a visit calls it again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QClipboard,
    QDropEvent,
    QGuiApplication,
    QInputEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
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
_SHIFT = Qt.KeyboardModifier.ShiftModifier
# Copy, cut and paste in every spelling (the platform's own bindings are checked too).
CLIPBOARD_KEYS: tuple[tuple[Qt.KeyboardModifier, Qt.Key], ...] = (
    (_CTRL, Qt.Key.Key_C),
    (_CTRL, Qt.Key.Key_V),
    (_CTRL, Qt.Key.Key_X),
    (_CTRL, Qt.Key.Key_Insert),  # copy
    (_SHIFT, Qt.Key.Key_Insert),  # paste
    (_SHIFT, Qt.Key.Key_Delete),  # cut
)
_CLIPBOARD_ONLY_KEYS = (Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Paste)
_CLIPBOARD_STANDARD_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
)
_DROPS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
_MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)


def is_clipboard_key(event: QKeyEvent) -> bool:
    """Whether ``event`` copies, cuts or pastes text."""
    key = event.key()
    if key in _CLIPBOARD_ONLY_KEYS:
        return True
    modifiers = event.modifiers()
    for modifier, blocked in CLIPBOARD_KEYS:
        if modifiers & modifier and key == blocked:
            return True
    return any(event.matches(standard) for standard in _CLIPBOARD_STANDARD_KEYS)


def is_blocked_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers()
    key = event.key()
    if key in (Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Menu):
        return True
    for modifier, blocked in BLOCKED:
        if modifiers & modifier and (blocked == Qt.Key.Key_unknown or key == blocked):
            return True
    return is_clipboard_key(event)


def clear_visitor_traces() -> None:
    """Empty the clipboard, the X primary selection and the find buffer (where the
    platform has them), so that no text of one visitor is there for the next one.

    Call at start-up and at every reset of a visit; cheap, never raises, and a no-op
    without a Qt application.
    """
    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        return
    clipboard = QGuiApplication.clipboard()
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        modes.append(QClipboard.Mode.FindBuffer)
    for mode in modes:
        clipboard.clear(mode)


class InputGuard(QObject):
    """Application-wide filter for context menus, leaving shortcuts, drops and the
    clipboard (keys and the middle-button paste)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, (QInputEvent, QDropEvent)):
            return False  # cheaply: a type() per event makes a Python enum
        kind = event.type()
        if kind == QEvent.Type.ContextMenu or kind in _DROPS:
            return True
        if kind in _MOUSE:
            assert isinstance(event, QMouseEvent)
            return event.button() == Qt.MouseButton.MiddleButton  # X11's paste of the selection
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if is_blocked_key(event):
                if kind == QEvent.Type.KeyPress:
                    # Debug only: keys typed with a modifier held are still what a visitor typed.
                    log.debug("blocked key %s with modifiers %s", event.key(), event.modifiers())
                event.accept()
                return True
        return False


def install_guard(app: QApplication) -> InputGuard:
    """Install the guard on ``app`` and clear what an earlier run left on the clipboard."""
    guard = InputGuard(app)  # parented to the application: lives as long as it does
    app.installEventFilter(guard)
    clear_visitor_traces()
    return guard
