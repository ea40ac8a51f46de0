"""The time source, injectable for tests, and the Qt ticker that fires every minute.

The ticker re-arms a single-shot timer to the next minute boundary computed from the
clock each time, instead of a fixed 60-second interval, so the header stays on the
minute and rolls over at midnight, New Year and DST changes without a restart.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.today import office_timezone

# A timer that fires a little early still counts as on time (Qt timers may run ahead).
EARLY_TOLERANCE = timedelta(seconds=1)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in the office's zone."""
        ...


class SystemClock:
    """The real time in Europe/Warsaw."""

    def now(self) -> datetime:
        return datetime.now(office_timezone())


class FixedClock:
    """A clock that shows one moment and moves only when told (previews, tests)."""

    def __init__(self, start: datetime) -> None:
        self._now = _office_local(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = _office_local(moment)

    def advance(self, delta: timedelta) -> None:
        """Let ``delta`` of real time pass (across DST changes the wall clock jumps)."""
        self._now = _office_local(self._now.astimezone(UTC) + delta)


def _office_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("clock times must be timezone-aware")
    return moment.astimezone(office_timezone())


def minute_start(moment: datetime) -> datetime:
    """``moment`` with seconds dropped (office-local)."""
    return _office_local(moment).replace(second=0, microsecond=0)


def next_minute(moment: datetime) -> datetime:
    """The first minute boundary after ``moment``, in elapsed time (DST-safe)."""
    start = minute_start(moment).astimezone(UTC)
    return _office_local(start + timedelta(minutes=1))


def milliseconds_until(moment: datetime, target: datetime) -> int:
    """Whole milliseconds from ``moment`` to ``target``, rounded up, never negative."""
    delta = target.astimezone(UTC) - moment.astimezone(UTC)
    return max(0, -(-delta // timedelta(milliseconds=1)))


class MinuteTicker(QObject):
    """Emits ``tick(datetime)`` at every minute boundary of ``clock``.

    The moment emitted is the minute that has begun (seconds zero, office-local). It
    does not emit on ``start()``: show the current state first, then follow ``tick``.
    """

    tick = Signal(object)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._due: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    @property
    def due(self) -> datetime | None:
        """The minute boundary the timer is armed for."""
        return self._due

    def start(self) -> None:
        now = self._clock.now()
        self._arm(now, now)

    def stop(self) -> None:
        self._timer.stop()
        self._due = None

    def _arm(self, after: datetime, now: datetime) -> None:
        self._due = next_minute(after)
        self._timer.start(milliseconds_until(now, self._due))

    def _on_timeout(self) -> None:
        now = self._clock.now()
        due = self._due or next_minute(now)
        # Fired on time or a little early: it is the minute we armed for. Fired late, or
        # the clock was set back: it is whatever minute the clock now says. (Compared in
        # UTC: wall times repeat when DST ends.)
        now_utc, due_utc = now.astimezone(UTC), due.astimezone(UTC)
        is_on_time = due_utc - EARLY_TOLERANCE <= now_utc < due_utc + timedelta(minutes=1)
        moment = due if is_on_time else minute_start(now)
        self._arm(moment, now)
        self.tick.emit(moment)
