"""Listen ("Odsłuchaj") and the transport controls for reading a page aloud.

The bar only sends intents; the page screen owns what is read and the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QToolButton, QWidget

from kiosk.i18n import _, pgettext
from kiosk.session import Session
from kiosk.ui.drawn_icons import icon
from kiosk.ui.style import Metrics
from kiosk.ui.themes import theme
from kiosk.ui.widgets import FlowBox

ICON_PX = 26  # at 100%, with the chrome's scale


def rate_name(rate: str) -> str:
    # Translators: speech speed, shown after "Speed:".
    names = {
        "slow": pgettext("speed", "slow"),
        "normal": pgettext("speed", "normal"),
        "fast": pgettext("speed", "fast"),
    }
    return names.get(rate, rate)


def volume_name(volume: str) -> str:
    names = {
        # Translators: speech volume, shown after "Volume:".
        "quiet": pgettext("volume", "quiet"),
        "normal": pgettext("volume", "normal"),
        "loud": pgettext("volume", "loud"),
    }
    return names.get(volume, volume)


HOLD_MS = 600  # a press this long on Previous/Next moves by paragraph


class HoldButton(QToolButton):
    """A button that also does something else when held down: ``held`` instead of
    ``clicked``. In speech mode a double tap whose second tap is held does the same."""

    held = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_MS)
        self._timer.timeout.connect(self._on_hold)
        self._was_held = False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._was_held = False
        self._timer.start()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._timer.stop()
        if self._was_held:  # it was held: no click follows
            self._was_held = False
            self.setDown(False)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _on_hold(self) -> None:
        if self.isDown():
            self._was_held = True
            self.held.emit()


class SpeechBar(FlowBox):
    """Listen / Pause / Resume, Stop, previous, next, repeat, speed and volume: always one
    row (while reading it costs one bar's height), icons alone where words do not fit."""

    listen = Signal()
    pause = Signal()
    resume = Signal()
    stop = Signal()
    previous = Signal()
    next = Signal()
    previous_paragraph = Signal()
    next_paragraph = Signal()
    repeat = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speech-bar")
        self._session = session
        self.state = "idle"
        self._metrics = Metrics(100)
        self.is_compact = False
        self.play = self._button("speech-play", "play")
        self.stop_button = self._button("speech-stop", "stop")
        self.previous_button = self._button("speech-previous", "previous", HoldButton())
        self.next_button = self._button("speech-next", "next", HoldButton())
        self.repeat_button = self._button("speech-repeat", "repeat")
        self.rate = self._button("speech-rate", "rate")
        self.volume = self._button("speech-volume", "volume")
        self.play.clicked.connect(self._on_play)
        self.stop_button.clicked.connect(self.stop)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        assert isinstance(self.previous_button, HoldButton) and isinstance(self.next_button, HoldButton)
        self.previous_button.held.connect(self.previous_paragraph)
        self.next_button.held.connect(self.next_paragraph)
        self.repeat_button.clicked.connect(self.repeat)
        self.rate.clicked.connect(self._next_rate)
        self.volume.clicked.connect(self._next_volume)
        session.speech_changed.connect(self.retranslate)
        session.theme_changed.connect(self._restyle)
        self.set_state("idle")
        self._restyle()

    def _button(self, name: str, icon_name: str, button: QToolButton | None = None) -> QToolButton:
        button = button or QToolButton()
        button.setObjectName(name)
        button.setProperty("icon_name", icon_name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_widget(button)
        return button

    def _restyle(self, *_: object) -> None:
        colours = theme(self._session.theme)
        size = self._metrics.chrome.px(ICON_PX)
        for button in self.findChildren(QToolButton):
            name = button.property("icon_name")
            if name == "play":
                name = "pause" if self.state in ("playing", "loading") else "play"
            button.setIcon(icon(str(name), size, colours))
            button.setIconSize(QSize(size, size))

    def _arrange(self, width: int, apply: bool) -> int:
        """One row: the buttons' own widths when they fit, else equal shares, icons only."""
        shown = [w for w in self._widgets if not w.isHidden()]
        if not shown:
            return 0
        gaps = self._spacing * (len(shown) - 1)
        if apply:
            natural = gaps
            for button in shown:
                assert isinstance(button, QToolButton)
                hint = button.sizeHint().width()
                if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                    hint += button.fontMetrics().horizontalAdvance(button.text()) + self._spacing
                natural += hint
            self.is_compact = natural > width
            style = (
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if self.is_compact
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            for button in shown:
                assert isinstance(button, QToolButton)
                if button.toolButtonStyle() != style:
                    button.setToolButtonStyle(style)
        height = max(w.sizeHint().height() for w in shown)
        if not apply:
            return height
        share = (width - gaps) // len(shown)
        x = 0
        for button in shown:
            item = share if self.is_compact else button.sizeHint().width()
            button.setGeometry(QRect(QPoint(x, 0), QSize(item, height)))
            x += item + self._spacing
        return height

    def _on_play(self) -> None:
        {"playing": self.pause, "loading": self.pause, "paused": self.resume}.get(
            self.state, self.listen
        ).emit()

    def _next_rate(self) -> None:
        rates = Session.SPEECH_RATES
        self._session.set_speech(rate=rates[(rates.index(self._session.speech_rate) + 1) % len(rates)])

    def _next_volume(self) -> None:
        volumes = Session.SPEECH_VOLUMES
        current = volumes.index(self._session.speech_volume)
        self._session.set_speech(volume=volumes[(current + 1) % len(volumes)])

    def set_state(self, state: str) -> None:
        """idle (not reading), loading, playing or paused."""
        self.state = state
        self._restyle()
        is_reading = state != "idle"
        # Before reading only Listen shows (one row even at the largest text); the rest
        # appear while the page is being read.
        for button in (
            self.stop_button,
            self.previous_button,
            self.next_button,
            self.repeat_button,
            self.rate,
            self.volume,
        ):
            button.setVisible(is_reading)
        self.retranslate()

    def retranslate(self) -> None:
        if self.state in ("playing", "loading"):
            # Translators: pauses reading the page aloud.
            play = _("Pause")
        elif self.state == "paused":
            play = _("Resume")
        else:
            # Translators: reads the page aloud ("Odsłuchaj").
            play = _("Listen")
        for button, text, name in (
            (self.play, play, play),
            (self.stop_button, _("Stop"), _("Stop reading")),
            (self.previous_button, "◀ " + _("Previous"), _("Previous sentence")),
            (self.next_button, _("Next") + " ▶", _("Next sentence")),
            (self.repeat_button, _("Repeat"), _("Repeat the sentence")),
            (self.rate, _("Speed: %(speed)s") % {"speed": rate_name(self._session.speech_rate)}, ""),
            (self.volume, _("Volume: %(volume)s") % {"volume": volume_name(self._session.speech_volume)}, ""),
        ):
            button.setText(text)
            button.setAccessibleName(name or text)
        # Translators: said after "Previous sentence" in speech mode; the control's other use.
        self.previous_button.setAccessibleDescription(_("Hold for the previous paragraph."))
        # Translators: said after "Next sentence" in speech mode; the control's other use.
        self.next_button.setAccessibleDescription(_("Hold for the next paragraph."))

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._restyle()
        self.set_gap(metrics.chrome.gap)
