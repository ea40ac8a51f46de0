"""Is the office open now? From site.toml ``[hours]``, Polish public holidays and
``closed_days``.

Public holidays come from the ``holidays`` package (country PL, which names them in
Polish, English, German and Ukrainian), so Easter Monday or Corpus Christi need no
yearly upkeep. Times are the office's wall-clock times in Europe/Warsaw.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from babel.dates import format_date

from kiosk.content.model import WEEKDAYS, OpeningHours, Site
from kiosk.i18n import SOURCE_LANGUAGE, translate
from kiosk.today import office_timezone
from kiosk.today.header import babel_locale, clock_text
from kiosk.today.holiday_cache import HolidayCache, cache_file, package_key

if TYPE_CHECKING:
    import holidays

log = logging.getLogger(__name__)

HOLIDAY_COUNTRY = "PL"
SEARCH_DAYS = 400  # how far ahead to look for the next opening (over a year of closures)


@dataclass(frozen=True)
class OpeningStatus:
    """The office's state at ``moment``, ready to show or to speak in any language."""

    moment: datetime  # office-local
    is_open_now: bool
    today_hours: OpeningHours | None  # None: closed all day (weekend, holiday, closed day)
    is_holiday: bool
    is_closed_day: bool  # one of the staff's extra closed_days
    next_opening: datetime | None  # the next time it opens after ``moment``, if any

    def holiday_name(self, lang: str) -> str | None:
        """Today's public holiday in ``lang`` ("Narodowe Święto Niepodległości")."""
        if not self.is_holiday:
            return None
        return holiday_names(self.moment.year, lang).get(self.moment.date())

    def text(self, lang: str) -> str:
        """One line: "Open today 7:30–15:30 · open now", "Closed now · opens Monday at 7:30"."""
        hours = self.today_hours
        if hours is not None and self.is_open_now:
            # Translators: opening status; %(hours)s is like "7:30–15:30".
            return translate(lang, "Open today %(hours)s · open now") % {"hours": hours.label()}
        if hours is not None and _minutes(self.moment) < hours.opens:
            # Translators: opening status early in the morning of a working day;
            # %(hours)s is like "7:30–15:30".
            return translate(lang, "Open today %(hours)s · not open yet") % {"hours": hours.label()}
        values = {"next": self.next_opening_text(lang), "holiday": self.holiday_name(lang) or ""}
        if hours is not None:  # after closing time
            if values["next"]:
                # Translators: opening status after hours; %(next)s is like "opens tomorrow at 7:30".
                return translate(lang, "Closed now · %(next)s") % values
            # Translators: opening status after hours when no next opening is known.
            return translate(lang, "Closed now")
        if values["holiday"]:
            if values["next"]:
                # Translators: opening status on a public holiday; %(holiday)s is its name
                # (e.g. "National Independence Day"), %(next)s like "opens tomorrow at 7:30".
                return translate(lang, "Office closed today — %(holiday)s · %(next)s") % values
            # Translators: opening status on a public holiday; %(holiday)s is its name.
            return translate(lang, "Office closed today — %(holiday)s") % values
        if values["next"]:
            # Translators: opening status on a weekend or staff closed day; %(next)s is like
            # "opens Monday at 8:00".
            return translate(lang, "Office closed today · %(next)s") % values
        # Translators: opening status when no opening hours are known at all.
        return translate(lang, "Office closed today")

    def next_opening_text(self, lang: str) -> str:
        """The next opening as a phrase ("opens Monday at 8:00"), or "" when none is known."""
        upcoming = self.next_opening
        if upcoming is None:
            return ""
        values = {"time": clock_text(upcoming)}
        days_ahead = (upcoming.date() - self.moment.date()).days
        if days_ahead == 1:
            # Translators: part of the opening status, after "Closed now · ".
            return translate(lang, "opens tomorrow at %(time)s") % values
        if days_ahead < 7:
            return _opens_on_weekday(lang, upcoming.weekday()) % values
        values["date"] = format_date(upcoming.date(), "long", locale=babel_locale(lang))
        # Translators: part of the opening status after a long closure; %(date)s is like
        # "2 January 2027" in your language's long date format.
        return translate(lang, "opens on %(date)s at %(time)s") % values


def _opens_on_weekday(lang: str, weekday: int) -> str:
    # One sentence per weekday, because the grammar around the day name differs by
    # language (Polish: "w poniedziałek", "we wtorek", "w środę").
    phrases = (
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Monday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Tuesday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Wednesday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Thursday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Friday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Saturday at %(time)s"),
        # Translators: part of the opening status, after "Closed now · ".
        translate(lang, "opens Sunday at %(time)s"),
    )
    return phrases[weekday]


def opening_status(site: Site, moment: datetime) -> OpeningStatus:
    """The office's opening status at ``moment`` (timezone-aware; any zone)."""
    if moment.tzinfo is None:
        raise ValueError("opening_status needs a timezone-aware moment")
    local = moment.astimezone(office_timezone())
    closed = closed_dates(site.closed_days)
    today = local.date()
    hours = hours_on(site, today, closed)
    return OpeningStatus(
        moment=local,
        is_open_now=hours is not None and hours.opens <= _minutes(local) < hours.closes,
        today_hours=hours,
        is_holiday=is_public_holiday(today),
        is_closed_day=today in closed,
        next_opening=next_opening(site, local, closed),
    )


def hours_on(site: Site, day: date, closed: frozenset[date] = frozenset()) -> OpeningHours | None:
    """The opening hours of ``day``, or None when the office is shut all day."""
    if day in closed or is_public_holiday(day):
        return None
    return site.hours.get(WEEKDAYS[day.weekday()])


def next_opening(site: Site, moment: datetime, closed: frozenset[date] | None = None) -> datetime | None:
    """The first opening time strictly after ``moment`` (office-local), within SEARCH_DAYS."""
    if closed is None:
        closed = closed_dates(site.closed_days)
    local = moment.astimezone(office_timezone())
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        hours = hours_on(site, day, closed)
        if hours is None:
            continue
        opens = _at(day, hours.opens)
        if opens > local:
            return opens
    return None


def closed_dates(values: Iterable[str]) -> frozenset[date]:
    """site.toml's closed_days as dates; impossible dates ("2026-02-30") are skipped."""
    found = set()
    for value in values:
        try:
            found.add(date.fromisoformat(value))
        except ValueError:
            log.warning("closed day %r is not a real date; ignored", value)
    return frozenset(found)


def is_public_holiday(day: date) -> bool:
    return day in holiday_names(day.year, SOURCE_LANGUAGE)


@lru_cache(maxsize=1)
def _poland() -> type[holidays.HolidayBase]:
    """The ``holidays`` class of Poland, without importing every other country.

    ``holidays.countries``' ``__init__`` imports all ~250 countries (0.2–0.8 s at start-up,
    before the first screen can say whether the office is open). Its modules import only
    the package's shared parts, so when that package is not loaded yet it is registered as
    a plain package over the same folder, and only Poland's module runs. Anything
    unexpected (another layout, a frozen bundle): the package's own way. The package
    itself is imported here, on first use, not with this module."""
    import holidays

    if "holidays.countries" not in sys.modules:
        try:
            spec = importlib.util.find_spec("holidays.countries")
            if spec is not None and spec.submodule_search_locations:
                package = types.ModuleType("holidays.countries")
                package.__path__ = list(spec.submodule_search_locations)
                package.__spec__ = spec
                package.__package__ = "holidays.countries"
                sys.modules["holidays.countries"] = package
                from holidays.countries.poland import Poland

                return Poland
        except Exception:  # noqa: BLE001 - fall back to the package's own import below
            sys.modules.pop("holidays.countries", None)
            log.debug("holidays: loading Poland alone failed; loading every country", exc_info=True)
    return type(holidays.country_holidays(HOLIDAY_COUNTRY, years=()))


@lru_cache(maxsize=32)
def holiday_names(year: int, lang: str) -> Mapping[date, str]:
    """Polish public holidays of ``year``, named in ``lang`` (English when unsupported):
    kept on disk after the package first named them (:mod:`.holiday_cache`)."""
    return MappingProxyType(_holiday_cache().names(year, lang))


@lru_cache(maxsize=1)
def _holiday_cache() -> HolidayCache:
    return HolidayCache(cache_file(), package_key(), _package_holiday_names)


def _package_holiday_names(year: int, lang: str) -> dict[date, str]:
    """The ``holidays`` package's answer (imported on first use)."""
    names = _poland()(years=year, language=_holiday_language(lang))
    return dict(names.items())


@lru_cache(maxsize=16)
def _holiday_language(lang: str) -> str:
    """The ``holidays`` language closest to ``lang``: "en" → "en_US", "pl_PL" → "pl"."""
    supported = tuple(getattr(_poland(), "supported_languages", ()) or ())
    for wanted in (lang, lang.split("_")[0], SOURCE_LANGUAGE):
        if wanted in supported:
            return wanted
        for option in supported:
            if option.split("_")[0] == wanted:
                return option
    return supported[0] if supported else SOURCE_LANGUAGE


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _at(day: date, minutes: int) -> datetime:
    """Wall-clock ``minutes`` after midnight on ``day`` in the office's zone."""
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=office_timezone())
    # A time skipped by the spring DST change is normalised to the real moment.
    return local.astimezone(UTC).astimezone(office_timezone())
