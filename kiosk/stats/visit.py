"""The statistics of one visit: what the controller calls, and the once-per-visit rules.

:class:`VisitStats` turns what happens on screen into anonymous events and keeps the
little per-visit state those rules need (which pages were answered, which features were
already counted, whether the survey was offered). ``reset()`` forgets all of it, so the
next visitor starts with a clean slate and can never see an earlier answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.stats.events import (
    Event,
    Feature,
    Kind,
    Reason,
    SurveyOutcome,
    hour_of,
    normalised_query,
    rounded_length,
    storable_query,
)
from kiosk.stats.recorder import EventSink
from kiosk.today.clock import Clock

WITHHELD_QUERY = ""  # stored in place of a query that may not be kept: only the fact


class VisitStats:
    """Per-visit recording. All methods are cheap and safe to call with statistics off."""

    def __init__(
        self, sink: EventSink, clock: Clock, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.sink = sink
        self.clock = clock
        self._monotonic = monotonic
        self._started: float | None = None
        self._start_hour = ""
        self._answered: dict[str, bool] = {}
        self._reasons: set[str] = set()
        self._features: set[tuple[Feature, str]] = set()
        self._pages: set[str] = set()
        # (normalised query, query as typed, language): the privacy rules judge the latter.
        self._pending_search: tuple[str, str, str] | None = None
        self._is_survey_offered = False

    @property
    def is_recording(self) -> bool:
        """Statistics are on: the helpful block and the survey are shown only then."""
        return self.sink.is_recording

    @property
    def is_visit_open(self) -> bool:
        return self._started is not None

    def _hour(self) -> str:
        return hour_of(self.clock.now())

    def _record(self, kind: Kind, *fields: str, seconds: int = 0, hour: str | None = None) -> None:
        if self.sink.is_recording:
            self.sink.record(Event(kind, hour or self._hour(), fields, seconds))

    # -- the visit ---------------------------------------------------------------
    def visit_started(self) -> None:
        """The first touch after the attract screen. A second call is ignored."""
        if self._started is None:
            self._started = self._monotonic()
            self._start_hour = self._hour()

    def visit_ended(self, language: str) -> None:
        """The visit is over ("Zakończ" or the idle reset), in the language it ended in.
        Records the visit (start hour, language, length) and clears the visit's state."""
        self._flush_search()
        if self._started is not None:
            length = rounded_length(self._monotonic() - self._started)
            self._record(Kind.VISIT, language, seconds=length, hour=self._start_hour)
        self.reset()

    def reset(self) -> None:
        """Forget everything about the current visit (the session's reset calls this)."""
        self._started = None
        self._start_hour = ""
        self._answered.clear()
        self._reasons.clear()
        self._features.clear()
        self._pages.clear()
        self._pending_search = None
        self._is_survey_offered = False

    # -- what the visitor does ---------------------------------------------------
    def page_opened(self, page_id: str, language: str) -> None:
        """A page shown. Counted once per visit (coming back to it is not a new need),
        so the report's "pages opened" is the number of visits that opened it."""
        self.visit_started()
        self._flush_search()
        if page_id not in self._pages:
            self._pages.add(page_id)
            self._record(Kind.PAGE, page_id, language)

    def search_failed(self, query: str, language: str) -> None:
        """A search that found nothing: the query only when it may be stored."""
        self.visit_started()
        safe = storable_query(query)
        self._record(Kind.FAILED_SEARCH, language, WITHHELD_QUERY if safe is None else safe)

    def search_changed(self, query: str, result_count: int, language: str) -> None:
        """The search screen's results changed (call on every update, as the visitor
        types). A query that found nothing is recorded once, when the visitor leaves it:
        types something unrelated, opens a page, or the visit ends. Typing on (more
        letters) or back (backspace) is the same search, so no prefix is recorded."""
        self.visit_started()
        text = normalised_query(query)
        pending = self._pending_search
        if pending is not None and not (text.startswith(pending[0]) or pending[0].startswith(text)):
            self._flush_search()
            pending = None
        if not text:
            return
        if result_count == 0:
            if pending is None or len(text) >= len(pending[0]):
                self._pending_search = (text, query, language)
        elif pending is not None and text.startswith(pending[0]):
            self._pending_search = None  # typing on found something after all

    def _flush_search(self) -> None:
        if self._pending_search is not None:
            _text, query, language = self._pending_search
            self._pending_search = None
            self.search_failed(query, language)

    def feature_used(self, feature: Feature, value: str = "on") -> None:
        """An accessibility feature chosen; each (feature, value) counts once per visit.
        Turning a feature off, or back to its default, is not a use: do not call."""
        self.visit_started()
        key = (feature, value)
        if key not in self._features:
            self._features.add(key)
            self._record(Kind.FEATURE, feature.value, value)

    # -- "was this helpful?" -----------------------------------------------------
    def has_answered(self, page_id: str) -> bool:
        return page_id in self._answered

    def answer(self, page_id: str) -> bool | None:
        """This visit's answer for the page, or None."""
        return self._answered.get(page_id)

    def helpful_answered(self, page_id: str, is_helpful: bool) -> bool:
        """Record Tak/Nie for a page; False (nothing recorded) when already answered."""
        if page_id in self._answered:
            return False
        self.visit_started()
        self._answered[page_id] = is_helpful
        self._record(Kind.HELPFUL, page_id, "yes" if is_helpful else "no", "")
        return True

    def has_reason(self, page_id: str) -> bool:
        return page_id in self._reasons

    def reason_given(self, page_id: str, reason: Reason) -> bool:
        """The optional reason after "Nie"; once per page per visit."""
        if self._answered.get(page_id) is not False or page_id in self._reasons:
            return False
        self._reasons.add(page_id)
        self._record(Kind.HELPFUL, page_id, "no", reason.value)
        return True

    # -- the survey --------------------------------------------------------------
    @property
    def is_survey_offered(self) -> bool:
        """The survey was offered in this visit (it is not offered again)."""
        return self._is_survey_offered

    def take_survey_offer(self) -> bool:
        """True the first time in a visit (offer the survey now), False after."""
        if self._is_survey_offered or not self.is_recording:
            return False
        self._is_survey_offered = True
        return True

    def survey_answered(self, survey_id: str, question_id: str, answer: str) -> None:
        self._record(Kind.SURVEY_ANSWER, survey_id, question_id, answer)

    def survey_finished(self, survey_id: str, outcome: SurveyOutcome) -> None:
        self._record(Kind.SURVEY_OUTCOME, survey_id, outcome.value)
