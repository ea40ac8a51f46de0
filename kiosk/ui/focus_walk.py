"""Up and Down never trap a keypad's focus (without speech mode; in speech mode they move
between items, ``kiosk.ui.speech_mode``).

Outside a grid of tiles (where the arrows move by row and column) Up and Down go to the
previous or next control in reading order: top to bottom, left to right, as speech mode
reads the screen (an open overlay alone), not in the order the widgets were made. The
page text scrolls with Up and Down, and the focus moves on once its end (or its top) is
reached; the building plan, which pans with the arrows, gives Up and Down to the keypad
(Left and Right still pan it, + and - zoom, a finger drags it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLineEdit, QWidget

from kiosk.ui.page_view import PageView
from kiosk.ui.plan_canvas import PlanCanvas

WALKED = (QAbstractButton, QLineEdit, PageView)


def place(widget: QWidget, window: QWidget) -> tuple[int, ...]:
    """Where ``widget`` comes in reading order: top to bottom, then left to right on the
    window; inside a scroll area, at the area's own place, then by its place in the
    scrolled content (and so on for an area inside another). Scrolling changes nothing,
    and content scrolled under another part of the screen (results under the on-screen
    keyboard) is not read among that part."""
    areas: list[QAbstractScrollArea] = []  # innermost first
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            areas.append(parent)
        parent = parent.parentWidget()
    key: list[int] = []
    space: QWidget = window
    for area in reversed(areas):  # outermost first
        corner = area.mapTo(space, QPoint(0, 0))
        key += [corner.y() + _scroll_of(space), corner.x()]
        space = area.viewport()
    at = widget.mapTo(space, QPoint(0, 0))
    key += [at.y() + _scroll_of(space), at.x()]
    return tuple(key + [0] * (PLACE_DEPTH - len(key)))


PLACE_DEPTH = 8  # places compared as tuples of one length (scroll areas three deep)


def _scroll_of(space: QWidget) -> int:
    """How far the scroll area whose viewport is ``space`` has scrolled its content up."""
    area = space.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is space:
        return area.verticalScrollBar().value()
    return 0


def _is_grouped(widget: QWidget) -> bool:
    """A button of an exclusive group (floor tabs): Qt takes Tab from all but the checked
    one, but Up and Down walk them all."""
    return isinstance(widget, QAbstractButton) and (widget.autoExclusive() or widget.group() is not None)


KEEPS_ARROWS = "keeps_arrows"  # a widget property: this panel handles Up and Down itself


def keeps_arrows(widget: QWidget | None) -> bool:
    """Whether ``widget`` lies in a panel that moves by the arrow keys itself (the survey's
    answers, the language chooser's rows of tiles)."""
    while widget is not None:
        if widget.property(KEEPS_ARROWS):
            return True
        widget = widget.parentWidget()
    return False


class FocusWalk(QObject):
    """Application-wide, for one window."""

    def __init__(self, window: QWidget, is_speech_mode: Callable[[], bool], listen: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self._is_speech_mode = is_speech_mode
        app = QApplication.instance()
        if app is not None and listen:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False  # isinstance first: a type() per event makes a Python enum
        if not isinstance(watched, QWidget):
            return False
        key = event.key()
        if key not in (Qt.Key.Key_Up, Qt.Key.Key_Down) or self._is_speech_mode():
            return False
        # The key's first stop only: the focused control (a button would otherwise move
        # along Qt's focus chain, in the order the widgets were made), or the window.
        if watched is not self._window and not isinstance(watched, (*WALKED, PlanCanvas)):
            return False
        try:
            if not (watched is self._window or self._window.isAncestorOf(watched)):
                return False
        except RuntimeError:  # the window is being destroyed
            return False
        if keeps_arrows(watched):
            return False  # a panel that moves among its own answers or tiles by arrows
        is_down = key == Qt.Key.Key_Down
        if isinstance(watched, PageView):
            bar = watched.verticalScrollBar()
            if (bar.value() < bar.maximum()) if is_down else (bar.value() > bar.minimum()):
                return False  # the text scrolls on first
        return self.step(None if watched is self._window else watched, is_down)

    def order(self) -> list[QWidget]:
        """The controls Up and Down walk, in reading order."""
        window = self._window

        def is_shown(widget: QWidget) -> bool:
            return widget.isVisibleTo(window) and widget.isVisible() and widget.width() > 0

        overlays = [w for w in window.findChildren(QWidget) if w.parentWidget() is window
                    and w.property("role") == "overlay" and is_shown(w)]
        root = overlays[-1] if overlays else window
        found = []
        for widget in root.findChildren(QWidget):
            if (
                isinstance(widget, (*WALKED, PlanCanvas))
                and is_shown(widget)
                and widget.isEnabled()
                and (widget.focusPolicy() & Qt.FocusPolicy.TabFocus or _is_grouped(widget))
            ):
                found.append((place(widget, window), widget))
        found.sort(key=lambda entry: entry[0])
        return [entry[1] for entry in found]

    def step(self, focused: QWidget | None, is_forward: bool) -> bool:
        """Focus the next (previous) control after ``focused``; at the end it stays."""
        order = self.order()
        if not order:
            return False
        if focused in order:
            index = order.index(focused) + (1 if is_forward else -1)  # type: ignore[arg-type]
            if not 0 <= index < len(order):
                return True  # the end of the screen: no wrapping to surprise anyone
        else:
            index = 0 if is_forward else len(order) - 1
        order[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True
