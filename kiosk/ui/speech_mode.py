"""Speech mode ("Tryb głosowy"): the kiosk used without sight (EN 301 549 5.1.3, 5.2).

Modelled on what blind visitors already know from their phones (VoiceOver, TalkBack)
and from public-terminal keypads (EZ Access):

- **explore by touch**: whatever is under the finger is spoken as the finger touches or
  slides onto it — controls, tiles, labels (the date line, the opening status, the room,
  results counts, announcements, tips), each paragraph, list item, table row and link
  of a page, and each room of the building plan — and outlined on screen;
- **double tap anywhere** activates the item spoken last; **swipe right / left** moves to
  the next / previous item in reading order; a **two-finger tap** pauses and resumes;
- **keys**: Up/Down previous/next item, Enter activates, Help says where you are.

In speech mode no touch reaches a widget: nothing is activated that was not spoken
first, and no gesture leaks into the next screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QInputEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTouchEvent,
)
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.i18n import _
from kiosk.session import Session
from kiosk.ui.focus import scroll_into_view
from kiosk.ui.focus_walk import place
from kiosk.ui.page_view import PageView
from kiosk.ui.speech_bar import HOLD_MS, HoldButton
from kiosk.ui.volume_item import VolumeItem
from kiosk.ui.widgets import TileButton, set_kinetic

log = logging.getLogger(__name__)

DOUBLE_TAP_SECONDS = 0.4
DOUBLE_TAP_SLOP_PX = 150  # two taps farther apart are two touches, not a double tap
SWIPE_MIN_PX = 90
SWIPE_MAX_SECONDS = 0.6


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
        if isinstance(widget, (TileButton, HoldButton, VolumeItem)) and detail:
            text += ". " + detail
        if widget.isCheckable():
            text += ", " + (_("selected") if widget.isChecked() else _("not selected"))
        if not widget.isEnabled():
            text += ", " + _("unavailable")
        return text
    if isinstance(widget, PageView):
        return _("Page text: %(name)s") % {"name": name}
    return name


@runtime_checkable
class HasSpokenParts(Protocol):
    """A widget whose parts are items of their own (the rooms of the drawn plan): each
    part has a key, words, a rectangle (widget coordinates) and an action."""

    def spoken_parts(self) -> list[str]:
        """The keys of the parts in view, in reading order."""

    def spoken_part_at(self, point: QPoint) -> str:
        """The key of the part under a widget point, or ""."""

    def spoken_part_text(self, key: str) -> str: ...

    def spoken_part_rect(self, key: str) -> QRect: ...

    def use_spoken_part(self, key: str) -> None:
        """What a double tap on the part does."""


@dataclass(frozen=True)
class Item:
    """One thing speech mode can speak and outline: a widget, a block or link of a page,
    or a part of a widget with parts (a room of the plan)."""

    widget: QWidget
    block: int = -1  # the text block of a PageView (paragraph, list item, table row)
    anchor: str = ""  # a link inside that block
    part: str = ""  # the key of a part of a HasSpokenParts widget

    def same_as(self, other: Item | None) -> bool:
        return other is not None and (self.widget, self.block, self.anchor, self.part) == (
            other.widget,
            other.block,
            other.anchor,
            other.part,
        )


def _is_shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _label_text(label: QLabel) -> str:
    text = label.accessibleName() or label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return " ".join(text.split())


class SpokenOutline(QWidget):
    """The frame around the item speech mode spoke last (seen by a sighted companion and
    by visitors with some sight). Never takes a touch."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("spoken-outline")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.colour = QColor("#d4351c")
        self.hide()

    def show_around(self, rect: QRect) -> None:
        self.setGeometry(rect.adjusted(-6, -6, 6, 6))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        pen = QPen(self.colour)
        pen.setWidth(6)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(3, 3, -3, -3))


class SpeechMode(QObject):
    """Application-wide filter: in speech mode, touches and keypad keys explore and act."""

    def __init__(
        self,
        session: Session,
        announce: Callable[[str], None],
        window: QWidget,
        toggle_pause: Callable[[], None] = lambda: None,
        where: Callable[[], str] = lambda: "",
        cancel_announcement: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        move_paragraph: Callable[[int], bool] = lambda _step: False,
        listen: bool = True,
    ) -> None:
        """``listen=False``: a window that is only drawn (kiosk render) gets no input."""
        super().__init__(window)
        self._session = session
        self._announce = announce
        self._window = window
        self._toggle_pause = toggle_pause
        self._where = where
        self._cancel_announcement = cancel_announcement
        self._clock = clock
        self._move_paragraph = move_paragraph
        self.current: Item | None = None
        self.outline = SpokenOutline(window)
        self._press_at: QPoint | None = None
        self._press_time = 0.0
        self._last_tap_time = -1.0
        self._last_tap_at = QPoint()
        self._is_second_tap = False
        self._screens_shown = 0  # counts new screens: focus moved by one is not spoken
        self._items_spoken = 0
        self._before_press: Item | None = None
        self._before_pair: Item | None = None  # the item spoken before a double tap began
        self._touch_points = 0
        app = QApplication.instance()
        if app is not None and listen:
            app.installEventFilter(self)
            app.focusChanged.connect(self._on_focus)  # type: ignore[attr-defined]
        session.speech_changed.connect(self._on_mode)
        session.location_changed.connect(lambda _location: self.forget())
        session.language_changed.connect(lambda _lang: self.forget())

    @property
    def is_on(self) -> bool:
        return self._session.is_speech_mode

    def _on_mode(self) -> None:
        set_kinetic(self._window, not self.is_on)  # a sliding finger explores, not scrolls
        if not self.is_on:
            self.forget()

    def forget(self) -> None:
        """A new screen: no item is current, nothing is outlined."""
        self._screens_shown += 1
        self.current = None
        self.outline.hide()

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self.is_on or new is None or new is self._window or isinstance(new, PageView):
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # focus given by a finger on its way to a double tap: not the visitor's choice
        # Said once the event is handled, and only if no new screen came with it: focus a
        # screen change moves on its own (to the first control left showing) is not news;
        # the new screen's name is.
        # Nor if the visitor touched or moved to something meanwhile: that is what counts.
        marks = (self._screens_shown, self._items_spoken)
        QTimer.singleShot(0, self, lambda: self._speak_focus(new, marks))

    def _speak_focus(self, widget: QWidget, marks: tuple[int, int]) -> None:
        try:
            if marks != (self._screens_shown, self._items_spoken) or not self.is_on:
                return
            if QApplication.focusWidget() is not widget:
                return
            if not self._window.isAncestorOf(widget):
                return
        except RuntimeError:  # the widget went with its screen
            return
        item = Item(widget)
        if not item.same_as(self.current):
            self._speak(item)

    # -- the filter ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, QInputEvent):
            return False  # touches, the mouse and keys only; a type() per event costs an enum
        kind = event.type()
        if not isinstance(watched, QWidget) or not (self.is_on or kind == QEvent.Type.KeyPress):
            return False
        try:
            if not (watched is self._window or self._window.isAncestorOf(watched)):
                return False
        except RuntimeError:  # the window is being destroyed
            return False
        if not self.is_on:  # only the paragraph keys, while a page is read, with or without speech mode
            assert isinstance(event, QKeyEvent)
            return event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self._move_paragraph(
                1 if event.key() == Qt.Key.Key_PageDown else -1
            )
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            return self._on_touch(kind, event)
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            self._on_press(watched.mapTo(self._window, event.position().toPoint()))
            return True
        if kind == QEvent.Type.MouseMove:
            assert isinstance(event, QMouseEvent)
            if event.buttons() & Qt.MouseButton.LeftButton and self._press_at is not None:
                self._explore(watched.mapTo(self._window, event.position().toPoint()))
            return True
        if kind == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            self._on_release(watched.mapTo(self._window, event.position().toPoint()))
            return True
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._on_key(event)
        return False

    def _on_touch(self, kind: QEvent.Type, event: QTouchEvent) -> bool:
        """Two fingers: pause or resume. One finger: left to the mouse events Qt makes."""
        count = len(event.points())
        if kind == QEvent.Type.TouchBegin:
            self._touch_points = count
        else:
            self._touch_points = max(self._touch_points, count)
        if self._touch_points < 2:
            return False
        if kind == QEvent.Type.TouchEnd:
            self._touch_points = 0
            self._toggle_pause()
        return True

    def _on_press(self, point: QPoint) -> None:
        now = self._clock()
        self._press_at, self._press_time = point, now
        self._before_press = self.current
        # The second tap of a double tap: it activates on release, it does not explore.
        self._is_second_tap = (
            now - self._last_tap_time <= DOUBLE_TAP_SECONDS
            and (point - self._last_tap_at).manhattanLength() <= DOUBLE_TAP_SLOP_PX
        )
        if not self._is_second_tap:
            self._before_pair = self.current
            self._explore(point, again=True)  # a new touch says the item again, as phones do

    def _on_release(self, point: QPoint) -> None:
        start, self._press_at = self._press_at, None
        if start is None:
            return
        now = self._clock()
        dx, dy = point.x() - start.x(), point.y() - start.y()
        if abs(dx) >= SWIPE_MIN_PX and abs(dx) > 2 * abs(dy) and now - self._press_time <= SWIPE_MAX_SECONDS:
            self._last_tap_time = -1.0
            self.current = self._before_press  # a swipe moves on from where the visitor was
            self.move(1 if dx > 0 else -1)
            return
        if self._is_second_tap:
            self._last_tap_time = -1.0
            # The item spoken before this double tap, not what its first tap touched on
            # the way: that may not have been said yet (nothing unheard is ever used).
            self.current = self._before_pair
            # Tap twice and hold (as VoiceOver's): the control's held use, if it has one.
            self.activate(is_held=now - self._press_time >= HOLD_MS / 1000)
            return
        self._last_tap_time, self._last_tap_at = now, start

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.move(1)
        elif key == Qt.Key.Key_Up:
            self.move(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current is not None:
            self.activate()
        elif key in (Qt.Key.Key_F1, Qt.Key.Key_Help):
            self._announce(self.help_text())
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            # While a page is read: by paragraph; otherwise the page view's own scrolling.
            return self._move_paragraph(1 if key == Qt.Key.Key_PageDown else -1)
        else:
            return False
        return True

    def help_text(self) -> str:
        """Where the visitor is, what the current item does, and which keys do what."""
        # Translators: spoken by the Help key; %(screen)s is the screen's title.
        parts = [_("You are on: %(screen)s.") % {"screen": self._where()}]
        if self.current is not None:
            # Translators: spoken by the Help key; %(item)s is what speech mode said last.
            parts.append(_("Selected: %(item)s.") % {"item": self.text_of(self.current)})
        parts.append(
            # Translators: spoken by the Help key: the keys of the kiosk's keypad.
            _(
                "Up and Down move between items, Enter uses the item, Escape goes back, "
                "Home goes to the start, the star key turns speech mode on or off, "
                "plus and minus change the volume."
            )
        )
        if self.is_on:
            parts.append(
                # Translators: spoken by the Help key in speech mode: the touch gestures.
                _(
                    "On the screen: touch or slide a finger to hear what is there, tap twice "
                    "anywhere to use it, swipe right or left for the next or previous item."
                )
            )
        return " ".join(parts)

    # -- items -------------------------------------------------------------------
    def _explore(self, point: QPoint, again: bool = False) -> None:
        item = self.item_at(point)
        if item is not None and (again or not item.same_as(self.current)):
            self._speak(item)

    def item_at(self, point: QPoint) -> Item | None:
        """The item under a point of the window."""
        child = self._window.childAt(point)
        current: QWidget | None = child
        while current is not None and current is not self._window:
            if isinstance(current, (QAbstractButton, QLineEdit)):
                return Item(current)
            if isinstance(current, PageView):
                viewport_point = current.viewport().mapFrom(self._window, point)
                return self._page_item(current, viewport_point)
            if isinstance(current, HasSpokenParts):
                part = current.spoken_part_at(current.mapFrom(self._window, point))
                return Item(current, part=part)  # no part under the finger: the whole, by name
            if isinstance(current, QLabel) and _label_text(current):
                parent = current.parentWidget()
                if isinstance(parent, QAbstractButton):  # a tile's own label: the tile
                    return Item(parent)
                return Item(current)
            current = current.parentWidget()
        return None

    @staticmethod
    def _page_item(view: PageView, point: QPoint) -> Item | None:
        cursor = view.cursorForPosition(point)
        block = cursor.block()
        if not block.isValid():
            return None
        first, text, _rect = view.unit_of(block)
        if not text:
            return None
        return Item(view, first, view.anchorAt(point))

    def reading_order(self) -> list[Item]:
        """Every item of what is on screen now, top to bottom: an open overlay alone, else
        the top bar, the screen (a page block by block) and the bottom bar."""
        window = self._window
        overlays = [
            w
            for w in window.findChildren(QWidget)
            if w.parentWidget() is window
            and w.property("role") in ("overlay", "attract")
            and _is_shown(w, window)
        ]
        children = [w for w in window.findChildren(QWidget) if w.parentWidget() is window]
        roots = overlays[-1:] if overlays else children
        items: list[tuple[tuple[int, ...], Item]] = []
        for root in roots:
            if root is self.outline or not _is_shown(root, window):
                continue
            # The control bar last (below the screen, or the column beside it), even past
            # what a screen has scrolled out of view below it: End visit ends the walk.
            rank = 1 if root.property("role") == "bar" and root.property("edge") != "top" else 0
            for widget in [root, *root.findChildren(QWidget)]:
                if not _is_shown(widget, window):
                    continue
                at = (rank, *place(widget, window))  # the page text scrolling moves nothing
                if isinstance(widget, (QAbstractButton, QLineEdit)):
                    items.append(((*at, 0), Item(widget)))
                elif isinstance(widget, QLabel) and _label_text(widget):
                    if not isinstance(widget.parentWidget(), QAbstractButton):
                        items.append(((*at, 0), Item(widget)))
                elif isinstance(widget, HasSpokenParts):
                    items.append(((*at, 0), Item(widget)))
                    for index, part in enumerate(widget.spoken_parts(), start=1):
                        items.append(((*at, index), Item(widget, part=part)))
                elif isinstance(widget, PageView):
                    seen: set[int] = set()
                    block = widget.document().begin()
                    while block.isValid():
                        first, text, _rect = widget.unit_of(block)
                        if text and first not in seen:
                            seen.add(first)
                            items.append(((*at, first), Item(widget, first)))
                        block = block.next()
        items.sort(key=lambda entry: entry[0])
        return [entry[1] for entry in items]

    def move(self, step: int) -> None:
        """The next (1) or previous (-1) item in reading order, spoken."""
        order = self.reading_order()
        if not order:
            return
        index = next((i for i, item in enumerate(order) if item.same_as(self.current)), None)
        if index is None:
            target = 0 if step > 0 else len(order) - 1
        else:
            target = index + step
            if not 0 <= target < len(order):
                # Translators: spoken in speech mode when there is nothing further.
                self._announce(_("End of the screen.") if step > 0 else _("Top of the screen."))
                return
        self._speak(order[target])

    def activate(self, is_held: bool = False) -> None:
        """Use the item spoken last (double tap, Enter); ``is_held``: its held use (a
        double tap whose second tap is held, on Previous/Next: by paragraph)."""
        item = self.current
        if item is None:
            # Translators: spoken in speech mode when a double tap has nothing to use.
            self._announce(_("Touch the screen to find something first."))
            return
        widget = item.widget
        self._cancel_announcement()  # the name said on the way is no longer news
        if isinstance(widget, QAbstractButton):
            if not widget.isEnabled():
                self._announce(describe(widget))
                return
            if is_held and isinstance(widget, HoldButton):
                widget.held.emit()
                return
            self.forget()
            screens = self._screens_shown
            widget.click()
            if screens == self._screens_shown and self.current is None and _is_shown(widget, self._window):
                self.current = item  # still there (Volume, Speed, Pause): used again by a double tap
                self._show_outline(item)
                if widget.isCheckable():  # what it is now ("No stairs, selected")
                    self._announce(describe(widget))
        elif isinstance(widget, QLineEdit):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            # Translators: spoken in speech mode when a text field is ready for typing.
            self._announce(_("Editing: %(name)s") % {"name": widget.accessibleName()})
        elif isinstance(widget, PageView) and item.anchor:
            self.forget()
            widget.anchorClicked.emit(QUrl(item.anchor))
        elif isinstance(widget, HasSpokenParts) and item.part:
            self.forget()
            widget.use_spoken_part(item.part)
        else:
            self._speak(item)  # text: said again

    def _speak(self, item: Item) -> None:
        self._items_spoken += 1
        self.current = item
        self._announce(self.text_of(item))
        self._show_outline(item)

    def text_of(self, item: Item) -> str:
        widget = item.widget
        if isinstance(widget, PageView) and item.block >= 0:
            block: QTextBlock = widget.document().findBlockByNumber(item.block)
            _first, text, _rect = widget.unit_of(block)
            if item.anchor:
                # Translators: spoken in speech mode for a link to another page.
                return _("Link: %(name)s") % {"name": _link_words(widget, block, item.anchor) or text}
            return text
        if isinstance(widget, HasSpokenParts) and item.part:
            return widget.spoken_part_text(item.part)
        if isinstance(widget, QLabel):
            return _label_text(widget)
        return describe(widget)

    def _show_outline(self, item: Item) -> None:
        widget = item.widget
        if isinstance(widget, PageView) and item.block >= 0:
            block = widget.document().findBlockByNumber(item.block)
            _first, _text, rect = widget.unit_of(block)
            rect = widget.ensure_visible(rect)
            top_left = widget.viewport().mapTo(self._window, rect.topLeft())
            self.outline.show_around(QRect(top_left, rect.size()))
        elif isinstance(widget, HasSpokenParts) and item.part:
            rect = widget.spoken_part_rect(item.part).intersected(widget.rect())
            self.outline.show_around(QRect(widget.mapTo(self._window, rect.topLeft()), rect.size()))
        else:
            scroll_into_view(widget)
            top_left = widget.mapTo(self._window, QPoint(0, 0))
            self.outline.show_around(QRect(top_left, widget.size()))


def _link_words(view: PageView, block: QTextBlock, anchor: str) -> str:
    """The words of the link ``anchor`` inside ``block``."""
    iterator = block.begin()
    words = []
    while not iterator.atEnd():
        fragment = iterator.fragment()
        char_format = fragment.charFormat()
        if fragment.isValid() and char_format.isAnchor() and char_format.anchorHref() == anchor:
            words.append(fragment.text())
        iterator += 1
    return " ".join(" ".join(words).split())
