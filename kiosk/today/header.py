"""The header line: "Today is Tuesday, 24 November 2026 · 14:05 | Name days: Jan, Flora".

The date comes from Babel for the language's locale (Polish gives lowercase month
names in the genitive, "24 listopada"); the wording comes from the catalog at call
time, so the header can be rebuilt in another language at once.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from kiosk.content.namedays import NameDays
from kiosk.i18n import SOURCE_LANGUAGE, translate
from kiosk.today import office_timezone

log = logging.getLogger(__name__)

DEFAULT_DATE_PATTERN = "EEEE, d MMMM y"


def babel_locale(lang: str) -> Locale:
    """The Babel locale for ``lang``; the source language's when Babel has none."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        log.warning("Babel has no locale %r; formatting dates in %r", lang, SOURCE_LANGUAGE)
        return Locale.parse(SOURCE_LANGUAGE)


def clock_text(moment: datetime) -> str:
    """24-hour time as on the office's notices: "7:05", "14:05"."""
    return f"{moment.hour}:{moment.minute:02d}"


def date_text(day: date, lang: str) -> str:
    """The long date with its weekday, e.g. "wtorek, 24 listopada 2026"."""
    locale = babel_locale(lang)
    # Translators: a Babel date pattern for the header line, not words to translate:
    # EEEE weekday, d day, MMMM month name, y year (see babel.pocoo.org, "Date Fields").
    # Change only the order and punctuation your language needs; Polish keeps it as it is
    # ("wtorek, 24 listopada 2026").
    pattern = translate(lang, "EEEE, d MMMM y")
    try:
        return format_date(day, pattern, locale=locale)
    except (ValueError, KeyError, AttributeError):
        log.warning("bad date pattern %r in the %r catalog; using the default", pattern, lang)
        return format_date(day, DEFAULT_DATE_PATTERN, locale=locale)


def header_line(moment: datetime, lang: str, namedays: NameDays) -> str:
    """The whole header line for ``moment`` (timezone-aware; shown in office time) in ``lang``."""
    if moment.tzinfo is None:
        raise ValueError("header_line needs a timezone-aware moment")
    moment = moment.astimezone(office_timezone())
    day = moment.date()
    values = {
        "date": date_text(day, lang),
        "time": clock_text(moment),
        "names": ", ".join(namedays.names(day, lang)),
    }
    if values["names"]:
        # Translators: the header line at the top of every screen. %(date)s is like
        # "Tuesday, 24 November 2026", %(time)s like "14:05", %(names)s the names whose
        # name day it is (Polish uses the genitive: "imieniny: Jana, Pawła").
        return translate(lang, "Today is %(date)s · %(time)s | Name days: %(names)s") % values
    # Translators: the header line on a day whose name days staff have emptied.
    return translate(lang, "Today is %(date)s · %(time)s") % values
