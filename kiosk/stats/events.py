"""What the statistics may hold, and the privacy rules that decide it.

Every event is anonymous by construction: a time rounded down to the hour, a page id,
a choice from a fixed list, a count. Nothing a visitor types is stored, except the
normalised text of a search that found nothing, and only when it cannot be a number
of any kind (a PESEL, a phone, a case number) or a long, sentence-like text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

MAX_QUERY_LENGTH = 40
HOUR_FORMAT = "%Y-%m-%d %H:00"
# Visit lengths are kept to the nearest ten seconds: enough for a review, no finer.
LENGTH_STEP_SECONDS = 10
# A visit longer than this is a kiosk left on a page, not a visitor (counted as this).
MAX_VISIT_SECONDS = 4 * 3600


class Kind(StrEnum):
    """The kinds of event, one table each (see :mod:`kiosk.stats.store`)."""

    VISIT = "visit"
    PAGE = "page"
    HELPFUL = "helpful"
    FAILED_SEARCH = "failed_search"
    FEATURE = "feature"
    SURVEY_ANSWER = "survey_answer"
    SURVEY_OUTCOME = "survey_outcome"


class Reason(StrEnum):
    """Why a page was not helpful: the fixed list a visitor chooses from."""

    NOT_FOUND = "not_found"  # "not what I was looking for"
    HARD_TO_UNDERSTAND = "hard_to_understand"
    OUT_OF_DATE = "out_of_date"


class Feature(StrEnum):
    """Accessibility features whose use is counted (once per visit and value)."""

    TEXT_SIZE = "text_size"  # value: the percentage, e.g. "150"
    CONTRAST = "contrast"  # value: the theme name
    SPEECH = "speech"  # value: "on"
    KEYPAD = "keypad"  # value: "on"
    HEADPHONES = "headphones"  # value: "on"


class SurveyOutcome(StrEnum):
    """How an offered survey ended."""

    COMPLETED = "completed"
    PARTIAL = "partial"  # some questions answered, then skipped or left
    SKIPPED = "skipped"  # skipped before any answer


@dataclass(frozen=True, slots=True)
class Event:
    """One anonymous fact: its kind, the hour, the fields of its table, and for a visit
    its length. Built on the UI thread, so cheap: a tuple of short strings."""

    kind: Kind
    hour: str
    fields: tuple[str, ...] = ()
    seconds: int = 0


_DIGIT_RE = re.compile(r"\d")
_PUNCTUATION = frozenset("-'.,?!\"()")
_SAFE_CHARS_RE = re.compile(r"[^\w\s'-]", re.UNICODE)


def hour_of(moment: dt.datetime) -> str:
    """``moment`` rounded down to the hour, as the text every table stores."""
    return moment.strftime(HOUR_FORMAT)


def rounded_length(seconds: float) -> int:
    """A visit's length rounded to :data:`LENGTH_STEP_SECONDS`, within bounds."""
    bounded = min(max(seconds, 0.0), float(MAX_VISIT_SECONDS))
    return int(round(bounded / LENGTH_STEP_SECONDS)) * LENGTH_STEP_SECONDS


def normalised_query(query: str) -> str:
    """The search text as it is compared: lower case, punctuation gone, one space."""
    from kiosk.search.text import one_line  # not at import: it loads the search package

    return one_line(_SAFE_CHARS_RE.sub(" ", query.casefold()))


def storable_query(query: str) -> str | None:
    """The normalised query if it may be stored, else None (only the fact is kept).

    Withheld: any digit at all (PESEL, phone, ID card, case or plot numbers, dates,
    "Jan Kowalski 12"), any character but letters, spaces and ordinary punctuation
    (an e-mail address, a code), anything longer than :data:`MAX_QUERY_LENGTH` characters, and
    anything that is not letters and spaces after normalising. Digits are checked on
    the raw text too, so a digit in another script (e.g. "٣") counts.
    """
    if any(char.isdigit() or char.isnumeric() for char in query):
        return None
    if not all(char.isalpha() or char.isspace() or char in _PUNCTUATION for char in query):
        return None  # e-mail and web addresses, codes, symbols
    text = normalised_query(query)
    if not text or len(text) > MAX_QUERY_LENGTH or _DIGIT_RE.search(text):
        return None
    if not all(char.isalpha() or char in " '-" for char in text):
        return None
    return text
