"""The attract screen between visitors: office, date, announcements, a rotating tip and a
large "touch to start" in every language of the site.

A touch anywhere or any key starts a visit. The screen has no buttons of its own: the
first touch only starts a visit, it is never taken by a control (the tips' pause button
once swallowed it) nor by a button that lies underneath. The tips rotate slowly; the
touch that stops them starts the visit, where the tip of the moment stays readable
(``current_tip``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.i18n import _, translate
from kiosk.ui.widgets import set_role
from kiosk.ui.window_style import bring_up_to_date

SPEECH_HOLD_MS = 3000
# Keys of a tactile keypad that start a visit in speech mode (the rest start it plainly).
SPEECH_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Asterisk,
        Qt.Key.Key_F1,
        Qt.Key.Key_F2,
        Qt.Key.Key_Help,
        Qt.Key.Key_Plus,
        Qt.Key.Key_Minus,
        Qt.Key.Key_VolumeUp,
        Qt.Key.Key_VolumeDown,
    }
)
TIP_SECONDS = 10.0  # no faster than every 8 s (WCAG 2.2.2 asks for a pause control too)


class TipRotation:
    """Which tip is showing, from a clock; pausable."""

    def __init__(self, count: int, clock: Callable[[], float], period: float = TIP_SECONDS) -> None:
        self.count = count
        self.period = period
        self._clock = clock
        self._started = clock()
        self._paused_at: float | None = None

    @property
    def is_paused(self) -> bool:
        return self._paused_at is not None

    def index(self) -> int:
        if self.count == 0:
            return -1
        now = self._paused_at if self._paused_at is not None else self._clock()
        return int((now - self._started) // self.period) % self.count

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._started += self._clock() - self._paused_at
            self._paused_at = None

    def restart(self) -> None:
        self._started = self._clock()
        self._paused_at = None


class AttractScreen(QFrame):
    """Covers the kiosk window until a visitor touches it; ``started`` then."""

    started = Signal()
    started_with_speech = Signal()  # a keypad key, or a finger held for 3 s
    announcement_opened = Signal(str)  # page id

    def __init__(
        self,
        parent: QWidget,
        content: Content,
        language: Callable[[], str],
        today: Callable[[], dt.date],
        header: Callable[[], str] = lambda: "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attract-screen")
        set_role(self, "attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._content = content
        self._language = language
        self._today = today
        self._header = header
        self._clock = clock
        self.rotation = TipRotation(len(content.tips), clock)
        self.office = QLabel()
        set_role(self.office, "attract-office")
        self.header_line = QLabel()
        set_role(self.header_line, "attract-lead")
        self.announcements = QLabel()
        set_role(self.announcements, "attract-news")
        self.tip_title = QLabel()
        set_role(self.tip_title, "attract-tip-title")
        self.tip = QLabel()
        set_role(self.tip, "attract-tip")
        # The office's logo (site.toml) goes here; hidden while there is none.
        self.logo = QLabel()
        self.logo.setObjectName("attract-logo")
        self.logo.hide()
        self.start_hint = QLabel()
        set_role(self.start_hint, "attract-start")
        for label in (self.office, self.header_line, self.announcements, self.tip, self.start_hint):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tip_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tip_card = self.tip_card = QFrame()
        set_role(tip_card, "attract-card")
        tip_card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QVBoxLayout(tip_card)
        card.setContentsMargins(32, 24, 32, 24)
        card.addWidget(self.tip_title)
        card.addWidget(self.tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 56, 48, 48)
        layout.setSpacing(28)
        layout.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.office)
        layout.addWidget(self.header_line)
        layout.addStretch(1)
        layout.addWidget(self.announcements)
        layout.addStretch(1)
        layout.addWidget(tip_card)
        layout.addStretch(1)
        # The invitation fills the lower part of the screen, in every language at once.
        layout.addWidget(self.start_hint, 3)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        parent.installEventFilter(self)
        # A finger held anywhere for 3 s starts the visit in speech mode.
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(SPEECH_HOLD_MS)
        self._hold.timeout.connect(self._start_with_speech)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def set_content(self, content: Content) -> None:
        self._content = content
        self.rotation = TipRotation(len(content.tips), self._clock)

    def open(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        bring_up_to_date(self)  # a new theme while it was hidden
        self.setGeometry(parent.rect())
        self.rotation.restart()
        self.refresh()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # keys start a visit, not a tile beneath
        self._timer.start()

    def close_screen(self) -> None:
        self._timer.stop()
        self._hold.stop()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            parent = self.parentWidget()
            assert parent is not None
            self.setGeometry(parent.rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # The touch that wakes the kiosk is taken here (press and its release both come
        # to this widget), so nothing underneath is activated by it.
        event.accept()
        self._hold.start()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        if not self.isVisible():
            return  # the hold already started the visit
        self._hold.stop()
        self.close_screen()
        self.started.emit()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        self.close_screen()
        if event.key() in SPEECH_KEYS:
            self.started_with_speech.emit()  # a tactile keypad: the visitor may not see
        else:
            self.started.emit()

    def _start_with_speech(self) -> None:
        if self.isVisible():
            self.close_screen()
            self.started_with_speech.emit()

    def current_tip(self) -> int:
        """The tip shown now (-1: none), for the visit that a touch starts to keep showing."""
        return self.rotation.index()

    def active_texts(self) -> Sequence[str]:
        lang = self._language()
        fallback = self._content.site.default_language
        return [a.text(lang, fallback) for a in self._content.active_announcements(self._today())]

    def refresh(self) -> None:
        lang = self._language()
        site = self._content.site
        self.office.setText(site.office.name(lang))
        header = self._header()
        self.header_line.setText(header)
        self.header_line.setVisible(bool(header))
        texts = self.active_texts()
        self.announcements.setText("\n\n".join(texts))
        self.announcements.setVisible(bool(texts))
        index = self.rotation.index()
        tips = self._content.tips
        # Translators: the heading over the rotating tips ("Mikroporady" on the office website).
        self.tip_title.setText(_("Tip") if index >= 0 else "")
        self.tip.setText(tips[index].text(lang, site.default_language) if index >= 0 else "")
        self.tip_card.setVisible(index >= 0)
        # Shown in every language at once: the visitor has not chosen one yet.
        # Translators: the large invitation on the screen between visitors ("Dotknij, aby zacząć").
        hints = [translate(code, "Touch to start") for code in site.languages]
        self.start_hint.setText("\n".join(dict.fromkeys(hints)))
        self.setAccessibleName(hints[0])
