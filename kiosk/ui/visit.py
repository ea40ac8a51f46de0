"""One visitor at a time: attract screen → visit → idle warning → reset → attract screen."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from kiosk.i18n import _
from kiosk.idle import ActivityFilter, IdlePolicy
from kiosk.session import Location
from kiosk.ui.attract_screen import AttractScreen
from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.overlay import Overlay

log = logging.getLogger(__name__)


class VisitController:
    def __init__(
        self,
        window: KioskWindow,
        idle_seconds: float,
        warning_seconds: int,
        today: Callable[[], dt.date] = dt.date.today,
        header: Callable[[], str] = lambda: "",
    ) -> None:
        self.window = window
        self.session = window.session
        self.policy = IdlePolicy(idle_seconds, warning_seconds, parent=window)
        self.activity = ActivityFilter(self.policy)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self.attract = AttractScreen(window, window.content, lambda: self.session.language, today, header)
        self.warning = IdleWarning(window)
        self.policy.warning.connect(self.warning.show_countdown)
        self.policy.warning.connect(self._warn)
        self.policy.tick.connect(self.warning.show_countdown)
        self.policy.continued.connect(self.warning.close_overlay)
        self.policy.expired.connect(self.end_visit)
        self.attract.started.connect(self.begin_visit)
        self.attract.announcement_opened.connect(lambda page: self.session.open(Location("page", page)))
        self.session.language_changed.connect(lambda _lang: self.warning.retranslate())
        window.idle_check = self.attract.isVisible
        self.policy.is_busy = lambda: window.speech.is_sounding  # listening counts as using
        self.reset_hooks: list[Callable[[], None]] = []

    def _warn(self, _seconds: int) -> None:
        """The idle warning reaches more than one sense: shown, spoken, and a sound."""
        QApplication.beep()
        self.window.announce(self.warning.spoken_text(), always=True)

    def set_busy_check(self, is_busy: Callable[[], bool]) -> None:
        """Something the visitor is still using without touching (speech playing)."""
        self.policy.is_busy = is_busy

    def begin_visit(self) -> None:
        log.info("a visitor started")
        self.policy.start()
        if self.window.speech.is_available:
            # Spoken to everyone at the first touch: how a blind visitor finds speech mode.
            self.window.announce(
                _(
                    "To hear the screen, touch the Speech mode button in the bottom left corner twice, "
                    "or press the star key."
                ),
                always=True,
            )

    def end_visit(self) -> None:
        """The visitor left: reset everything of theirs and show the attract screen."""
        log.info("idle: resetting the visitor session")
        for overlay in self.window.findChildren(Overlay):
            overlay.close_overlay()
        for hook in self.reset_hooks:
            hook()
        self.session.reset()
        self.window.apply_pending_content()
        self.attract.set_content(self.window.content)
        self.attract.open()
