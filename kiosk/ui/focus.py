"""Keyboard focus is always in view: a control that takes focus inside a scrolling area
(a tile at 200%, a page action in the page's header) is scrolled into view at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every area that holds ``widget`` so that the whole widget shows (or, when
    it is taller than the area, its top)."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport() and child is not None:
            viewport = area.viewport()
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            rect = QRect(top_left, widget.size())
            margin = max(8, min(48, viewport.height() // 20))
            bar = area.verticalScrollBar()
            if rect.top() < 0 or rect.height() > viewport.height():
                bar.setValue(bar.value() + rect.top() - margin)
            elif rect.bottom() > viewport.height():
                bar.setValue(bar.value() + rect.bottom() - viewport.height() + margin)
        child = parent
        parent = parent.parentWidget()


class FocusKeeper(QObject):
    """One per application: follows focus changes and scrolls the focused control in."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self._on_focus)

    @classmethod
    def for_application(cls) -> FocusKeeper | None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return None
        existing = app.findChild(cls)
        if isinstance(existing, cls):
            return existing
        return cls(app)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.isVisible():
            scroll_into_view(new)
