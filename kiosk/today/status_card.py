"""The answer to the question visitors ask most: is it open now, until when, and until
when does the cash desk take payments ("Otwarte dziś do 15:30 · Kasa do 15:00").

Plain logic on :class:`~kiosk.today.opening.OpeningStatus` and site.toml's
``[cash_hours]``; the home screen shows the headline as its largest text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.content.model import WEEKDAYS, OpeningHours, Site
from kiosk.i18n import translate
from kiosk.today.opening import OpeningStatus, opening_status

State = Literal["open", "later", "closed"]


@dataclass(frozen=True)
class StatusCard:
    state: State  # open now; opens later today; closed for today
    headline: str  # "Otwarte dziś do 15:30"
    detail: str  # "Kasa do 15:00", "Otwarcie w poniedziałek o 8:00", or ""

    @property
    def text(self) -> str:
        """Both lines as one sentence (speech, accessible names)."""
        return f"{self.headline}. {self.detail}" if self.detail else self.headline


def _time(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def cash_desk_text(status: OpeningStatus, cash: OpeningHours | None, lang: str) -> str:
    """The cash desk's part of the card for a day the office is open, or ""."""
    if cash is None or status.today_hours is None:
        return ""
    now = status.moment.hour * 60 + status.moment.minute
    values = {"opens": _time(cash.opens), "closes": _time(cash.closes), "hours": cash.label()}
    if now < cash.opens:
        # Translators: the cash desk ("kasa") on the home screen's status card before it
        # opens; %(hours)s is like "7:45–15:00".
        return translate(lang, "Cash desk %(hours)s") % values
    if now < cash.closes:
        # Translators: the cash desk ("kasa") on the home screen's status card while it is
        # open ("Kasa do 15:00"); %(closes)s is like "15:00".
        return translate(lang, "Cash desk open until %(closes)s") % values
    # Translators: on the home screen's status card after the cash desk has closed.
    return translate(lang, "Cash desk closed for today")


def status_card(site: Site, moment: datetime, lang: str) -> StatusCard | None:
    """The card for ``moment`` in ``lang``; None when the site has no opening hours."""
    if not site.hours:
        return None
    status = opening_status(site, moment)
    hours = status.today_hours
    cash = site.cash_hours.get(WEEKDAYS[status.moment.weekday()]) if hours is not None else None
    cash_text = cash_desk_text(status, cash, lang)
    now = status.moment.hour * 60 + status.moment.minute
    if hours is not None and status.is_open_now:
        # Translators: the largest text of the home screen while the office is open;
        # %(closes)s is like "15:30" ("Otwarte dziś do 15:30").
        headline = translate(lang, "Open today until %(closes)s") % {"closes": _time(hours.closes)}
        return StatusCard("open", headline, cash_text)
    if hours is not None and now < hours.opens:
        # Translators: the home screen's status early on a working day; %(time)s like "7:30".
        headline = translate(lang, "Opens today at %(time)s") % {"time": _time(hours.opens)}
        # Translators: under "Opens today at 7:30"; %(hours)s like "7:30–15:30".
        detail = translate(lang, "Open today %(hours)s") % {"hours": hours.label()}
        return StatusCard("later", headline, " · ".join(t for t in (detail, cash_text) if t))
    upcoming = _capitalised(status.next_opening_text(lang))
    if hours is not None:
        # Translators: the home screen's status after closing time on a working day.
        return StatusCard("closed", translate(lang, "Closed now"), upcoming)
    holiday = status.holiday_name(lang)
    if holiday:
        # Translators: the home screen's status on a public holiday; %(holiday)s is its
        # name ("Dziś zamknięte — Wszystkich Świętych").
        headline = translate(lang, "Closed today — %(holiday)s") % {"holiday": holiday}
    else:
        # Translators: the home screen's status on a weekend or a day the office is closed.
        headline = translate(lang, "Closed today")
    return StatusCard("closed", headline, upcoming)
