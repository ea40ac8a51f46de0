"""Statistics that follow the visitor's session by its signals.

:class:`SessionStats` listens to the :class:`~kiosk.session.Session` for what it
already knows — pages opened, text size, colour scheme, speech mode, language — so the
controller only has to say when a visit starts and ends, and report what the session
does not know (a search that found nothing, the keypad, headphones). Changes back to a
default (the reset does that) are not uses of a feature and are not counted. The
session's reset ends an open visit and clears the visit's state (answers given, survey
offered), so the next visitor starts clean.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from kiosk.stats.events import Feature
from kiosk.stats.visit import VisitStats

DEFAULT_TEXT_SIZE = 100


class SessionStats(QObject):
    """Connects ``session``'s signals to ``visit``. ``session`` is the kiosk's Session
    (typed loosely: this module must not tie the statistics to the controller)."""

    def __init__(self, visit: VisitStats, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.visit = visit
        self.session = session
        session.location_changed.connect(self._location_changed)
        session.font_scale_changed.connect(self._font_scale_changed)
        session.theme_changed.connect(self._theme_changed)
        session.speech_changed.connect(self._speech_changed)
        session.language_changed.connect(self._language_changed)
        session.was_reset.connect(self._was_reset)
        self._language: str = session.language

    # -- what the controller calls ---------------------------------------------------
    def start_visit(self) -> None:
        """The first touch after the attract screen."""
        if not self.visit.is_visit_open:
            self._language = self.session.language
        self.visit.visit_started()

    def end_visit(self) -> None:
        """Call just before ``session.reset()`` ("Zakończ" or the idle reset): records
        the visit in the language the visitor used, and clears the visit's state."""
        self.visit.visit_ended(self.session.language)

    # -- the session's signals -------------------------------------------------------
    def _language_changed(self, lang: str) -> None:
        if self.visit.is_visit_open:
            self._language = lang

    def _was_reset(self) -> None:
        """A safety net: a reset without :meth:`end_visit` still ends and records the
        visit. Its language may then be the default one (the reset switches back to it
        before saying it reset), which is why the controller calls :meth:`end_visit`."""
        if self.visit.is_visit_open:
            self.visit.visit_ended(self._language)
        else:
            self.visit.reset()

    def _location_changed(self, location: Any) -> None:
        if self.visit.is_visit_open and getattr(location, "kind", "") == "page":
            self.visit.page_opened(location.target, self.session.language)

    def _font_scale_changed(self, percent: int) -> None:
        if self.visit.is_visit_open and percent != DEFAULT_TEXT_SIZE:
            self.visit.feature_used(Feature.TEXT_SIZE, str(percent))

    def _theme_changed(self, name: str) -> None:
        if self.visit.is_visit_open and name != self.session.default_theme:
            self.visit.feature_used(Feature.CONTRAST, name)

    def _speech_changed(self) -> None:
        if self.visit.is_visit_open and self.session.is_speech_mode:
            self.visit.feature_used(Feature.SPEECH)
