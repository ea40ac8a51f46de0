"""Speech mode ("Tryb głosowy"): the kiosk usable without sight (EN 301 549 5.1.3).

While it is on, touching a control speaks its name and state; touching the same control
again activates it. Keyboard focus changes, screen changes and notices are spoken. A new
announcement always replaces the one before (the player never queues them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.i18n import _
from kiosk.session import Session
from kiosk.ui.page_view import PageView
from kiosk.ui.widgets import TileButton

log = logging.getLogger(__name__)


def describe(widget: QWidget) -> str:
    """What speech mode says for a control: its role, name and state."""
    name = widget.accessibleName() or (widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else "")
    if isinstance(widget, QLineEdit):
        # Translators: spoken in speech mode; %(name)s is the field's name.
        text = _("Text field: %(name)s") % {"name": name}
        if widget.text():
            text += ", " + widget.text()
        return text
    if isinstance(widget, QAbstractButton):
        # Translators: spoken in speech mode before a button's name ("Przycisk: Powiększ tekst").
        text = _("Button: %(name)s") % {"name": name}
        detail = widget.accessibleDescription()
        if isinstance(widget, TileButton) and detail:
            text += ". " + detail
        if widget.isCheckable():
            text += ", " + (_("selected") if widget.isChecked() else _("not selected"))
        if not widget.isEnabled():
            text += ", " + _("unavailable")
        return text
    if isinstance(widget, PageView):
        return _("Page text: %(name)s") % {"name": name}
    return name


class SpeechMode(QObject):
    """Application-wide filter that turns the first touch on a control into its name."""

    def __init__(
        self,
        session: Session,
        announce: Callable[[str], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._session = session
        self._announce = announce
        self._window = window
        self._armed: QObject | None = None
        self._armed_anchor = ""
        self._swallow_release: QObject | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.focusChanged.connect(self._on_focus)  # type: ignore[attr-defined]
        session.speech_changed.connect(self._on_mode)

    @property
    def is_on(self) -> bool:
        return self._session.is_speech_mode

    def _on_mode(self) -> None:
        self._armed = None  # the controller says that the mode changed

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.is_on and new is not None and self._window.isAncestorOf(new):
            self._announce(describe(new))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.is_on:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and watched is self._swallow_release:
            self._swallow_release = None
            return True
        if kind != QEvent.Type.MouseButtonPress or not isinstance(watched, QWidget):
            return False
        if not self._window.isAncestorOf(watched):
            return False
        assert isinstance(event, QMouseEvent)
        target = self._target(watched)
        if isinstance(target, PageView):
            return self._page_link(target, watched, event.position().toPoint())
        if target is None:
            return False
        if target is self._armed:
            self._armed = None  # second touch: let it through
            return False
        self._armed = target
        self._swallow_release = watched
        self._announce(describe(target))
        return True

    @staticmethod
    def _target(widget: QWidget) -> QWidget | None:
        """The control a touch lands on (a tile's label belongs to its tile)."""
        current: QWidget | None = widget
        while current is not None:
            if isinstance(current, (QAbstractButton, QLineEdit)):
                return current
            if isinstance(current, PageView):
                return current
            current = current.parentWidget()
        return None

    def _page_link(self, view: PageView, watched: QWidget, position: QPoint) -> bool:
        if watched is not view.viewport():
            return False
        anchor = view.anchorAt(position)
        if not anchor:
            return False  # touching text: scrolling stays possible
        if self._armed is view and self._armed_anchor == anchor:
            self._armed = None
            return False
        self._armed, self._armed_anchor = view, anchor
        self._swallow_release = watched
        cursor = view.cursorForPosition(position)
        block_text = cursor.block().text()
        # Translators: spoken in speech mode for a link to another page.
        self._announce(_("Link: %(name)s") % {"name": _link_text(view, position) or block_text})
        return True


def _link_text(view: PageView, position: QPoint) -> str:
    """The words of the link under ``position``."""
    cursor = view.cursorForPosition(position)
    block = cursor.block()
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.charFormat().isAnchor() and fragment.contains(cursor.position()):
            return fragment.text()
        iterator += 1
    return ""
