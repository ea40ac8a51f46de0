"""When the office's survey is offered, and what its end means for the visit (no widgets).

The survey (``survey.toml``) is offered at most once per visit, on one of two moments:

- **"End visit"** ("Zakończ"): the visitor is leaving. The survey is the last step; when
  it closes (answered, skipped) the visit ends. A visitor who walks away from it is not
  waited for long: without an answer for ``wait_seconds`` the visit ends all the same.
- **the idle warning**: the survey is shown with the warning's countdown, which keeps
  running; nobody answers → the idle reset happens as always. A visitor who answers or
  skips is still here, so the visit simply goes on.

It is never offered outside its dates, with statistics off, or twice in one visit
(:meth:`~kiosk.stats.visit.VisitStats.take_survey_offer`, which the session's reset
clears for the next visitor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content.survey import Survey
from kiosk.stats.visit import VisitStats


class SurveyFlow(QObject):
    """The survey's part of a visit. ``wait_over`` asks the controller to end the visit
    (a survey offered at "End visit" that nobody answers)."""

    wait_over = Signal()

    def __init__(
        self,
        visit: VisitStats,
        today: Callable[[], dt.date],
        wait_seconds: float,
        is_busy: Callable[[], bool] = lambda: False,
        needs_time: Callable[[], bool] = lambda: False,
        time_factor: int = 3,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._visit = visit
        self._today = today
        self._is_busy = is_busy  # speech is saying the question: the visitor is listening
        self._needs_time = needs_time  # speech mode: as long as the idle time is
        self._time_factor = max(1, time_factor)
        self._wait_ms = max(1, int(wait_seconds * 1000))
        self.is_open = False
        self.is_ending = False  # offered at "End visit": its end ends the visit
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._on_wait)

    def can_offer(self, survey: Survey | None) -> bool:
        """A survey that runs today and has not been offered in this visit."""
        return (
            not self.is_open
            and survey is not None
            and bool(survey.questions)
            and survey.is_active(self._today())
            and self._visit.is_recording
            and not self._visit.is_survey_offered
        )

    def offer(self, survey: Survey | None, is_ending: bool) -> bool:
        """Take this visit's one offer; True: show ``survey`` now."""
        if not self.can_offer(survey) or not self._visit.take_survey_offer():
            return False
        self.is_open = True
        self.is_ending = is_ending
        if is_ending:
            self._restart_wait()
        return True

    def end_requested(self) -> None:
        """"End visit" while the survey is open (offered on the idle warning): its end
        now ends the visit."""
        if self.is_open and not self.is_ending:
            self.is_ending = True
            self._restart_wait()

    def answered(self) -> None:
        """An answer given: the visitor is here, the wait starts again."""
        if self.is_open and self.is_ending:
            self._restart_wait()

    def closed(self) -> bool:
        """The visitor closed the survey (last answer, skip). True: end the visit now."""
        is_ending = self.is_open and self.is_ending
        self.reset()
        return is_ending

    def reset(self) -> None:
        """The visit is over (the survey, if open, is closed by the view)."""
        self.is_open = False
        self.is_ending = False
        self._wait.stop()

    @property
    def is_waiting(self) -> bool:
        return self._wait.isActive()

    def _restart_wait(self) -> None:
        factor = self._time_factor if self._needs_time() else 1
        self._wait.start(self._wait_ms * factor)

    def _on_wait(self) -> None:
        if not self.is_open:
            return
        if self._is_busy():
            self._restart_wait()  # still being read the question
            return
        self.wait_over.emit()
