"""The first screen first: what it does not show waits until it has been painted.

Start-up builds only what the first screen (the attract screen, then home) needs; the
rest — the staff panel, the headphones watcher, the opening status that needs the holiday
calendar, the modules behind speech, printing, search and the other screens — is queued
here and done right after the window's first paint, one step per turn of the event loop,
so that a touch arriving meanwhile is handled between two steps and the first use of a
feature finds it ready.

``after_first_paint(window, step)`` queues a step; ``finish_start(window)`` does what is
still queued at once (``kiosk render`` draws the screen as it is after start-up, and a
test may need the staff panel now). A window that is never painted (hidden, or no
screen) still gets its steps after ``FALLBACK_MS``.
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

FALLBACK_MS = 3000  # a window not painted by then gets its steps anyway

# What the screens after the first one import on first use, loaded while the visitor
# looks at the first screen: speech (Qt Multimedia), printing (Qt Print Support, QR
# codes), the search index and its stemmers, statistics, the holiday calendar.
WARM_MODULES = (
    "kiosk.today.opening",
    "kiosk.speech.audio",
    "PySide6.QtMultimedia",
    "kiosk.search.index",
    "kiosk.search.stemming",
    "kiosk.printing",
    "kiosk.floors.printout",
    "kiosk.stats.report",
)


class FirstPaint(QObject):
    """The steps waiting for ``widget``'s first paint (one per widget: ``of``)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("kiosk-first-paint")
        self._widget = widget
        self._steps: deque[Callable[[], None]] = deque()
        self.is_painted = False
        self._is_scheduled = False
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._painted)
        self._fallback.start()

    @classmethod
    def of(cls, widget: QWidget) -> FirstPaint:
        found = widget.findChild(FirstPaint, "kiosk-first-paint")
        return found if isinstance(found, FirstPaint) else cls(widget)

    @property
    def pending(self) -> int:
        return len(self._steps)

    def later(self, step: Callable[[], None]) -> None:
        self._steps.append(step)
        self._schedule()

    def finish(self) -> None:
        """Do every queued step now, in order."""
        self._painted()
        while self._steps:
            self._steps.popleft()()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._widget and event.type() == QEvent.Type.Paint and not self.is_painted:
            # The paint is under way: the steps start on the next turn, once it is shown.
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        if self.is_painted:
            return
        self.is_painted = True
        self._fallback.stop()
        self._widget.removeEventFilter(self)
        self._schedule()

    def _schedule(self) -> None:
        if self.is_painted and self._steps and not self._is_scheduled:
            self._is_scheduled = True
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        self._is_scheduled = False
        if self._steps:
            step = self._steps.popleft()
            self._schedule()  # the next one after whatever the loop has waiting
            step()


def after_first_paint(widget: QWidget, step: Callable[[], None]) -> None:
    """Run ``step`` right after ``widget`` is first painted (at once if it already was,
    on the next turn of the event loop)."""
    FirstPaint.of(widget).later(step)


def finish_start(widget: QWidget) -> None:
    """Do now whatever still waits for ``widget``'s first paint."""
    found = widget.findChild(FirstPaint, "kiosk-first-paint")
    if isinstance(found, FirstPaint):
        found.finish()


def is_started(widget: QWidget) -> bool:
    """Whether nothing waits for ``widget``'s first paint any more."""
    found = widget.findChild(FirstPaint, "kiosk-first-paint")
    return not isinstance(found, FirstPaint) or (found.is_painted and not found.pending)


def warm(modules: Iterable[str] = WARM_MODULES) -> list[Callable[[], None]]:
    """Steps that import ``modules`` one by one (a module that cannot be imported is left
    to its feature, which reports it when it is used)."""

    def step(name: str) -> Callable[[], None]:
        def load() -> None:
            try:
                importlib.import_module(name)
            except ImportError:
                log.debug("start-up: %s could not be imported ahead of use", name, exc_info=True)

        return load

    return [step(name) for name in modules]
