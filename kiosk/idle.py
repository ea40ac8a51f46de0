"""When is the visitor gone? The idle policy, with no widgets.

After ``idle_seconds`` without a touch or a key (and without speech playing) the
kiosk asks "Are you still there?" for ``warning_seconds``, counting down; any touch
answers yes. When the countdown ends the visitor session is reset.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputEvent

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class IdlePolicy(QObject):
    """Emits ``warning(seconds_left)``, ``tick(seconds_left)``, ``continued()`` and ``expired()``."""

    warning = Signal(int)
    tick = Signal(int)
    continued = Signal()
    expired = Signal()

    def __init__(
        self,
        idle_seconds: float,
        warning_seconds: int,
        is_busy: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
        needs_time: Callable[[], bool] = lambda: False,
        time_factor: int = 3,
    ) -> None:
        super().__init__(parent)
        self.warning_seconds = warning_seconds
        # Whether the visitor is still using the kiosk without touching it (listening).
        self.is_busy = is_busy
        # Whether the visitor needs more time (speech mode, a paused reading): the idle
        # time is then ``time_factor`` times as long.
        self.needs_time = needs_time
        self.time_factor = max(1, time_factor)
        self._idle_ms = int(idle_seconds * 1000)
        self._waited_ms = 0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(idle_seconds * 1000))
        self._idle.timeout.connect(self._on_idle)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_tick)
        self.seconds_left = 0
        self.is_running = False

    @property
    def is_warning(self) -> bool:
        return self._countdown.isActive()

    def start(self) -> None:
        """A visitor is here: start watching for their absence."""
        self.is_running = True
        self._countdown.stop()
        self._restart_idle()

    def _restart_idle(self) -> None:
        self._waited_ms = 0
        self._idle.setInterval(self._idle_ms)
        self._idle.start()

    def stop(self) -> None:
        """Nobody to watch (the attract screen is showing)."""
        self.is_running = False
        self._idle.stop()
        self._countdown.stop()

    def activity(self) -> None:
        if not self.is_running:
            return
        was_warning = self.is_warning
        self._countdown.stop()
        self._restart_idle()
        if was_warning:
            self.continued.emit()

    def _on_idle(self) -> None:
        if self.is_busy():  # e.g. a page is being read aloud: the visitor is listening
            self._restart_idle()
            return
        self._waited_ms += self._idle_ms
        if self.needs_time() and self._waited_ms < self._idle_ms * self.time_factor:
            self._idle.start()  # more time for a visitor who listens or cannot see
            return
        self.seconds_left = self.warning_seconds
        self._countdown.start()
        self.warning.emit(self.seconds_left)

    def _on_tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left > 0:
            self.tick.emit(self.seconds_left)
            return
        self.stop()
        self.expired.emit()


class ActivityFilter(QObject):
    """Application-wide: every touch, key or wheel counts as the visitor's activity."""

    def __init__(self, policy: IdlePolicy) -> None:
        super().__init__(policy)
        self._policy = policy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # isinstance first: a type() per event makes a Python enum, and this filter sees
        # every event of the application.
        if isinstance(event, QInputEvent) and event.type() in ACTIVITY_EVENTS:
            self._policy.activity()
        return False
