"""The home screen's status card, at fixed moments: open, before opening, after
closing, weekends and public holidays, with the cash desk's hours."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.content.model import OpeningHours, Site
from kiosk.today import office_timezone
from kiosk.today.status_card import status_card


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=office_timezone())


def hours(text: str) -> OpeningHours:
    start, end = text.split("-")
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return OpeningHours(h1 * 60 + m1, h2 * 60 + m2)


def office(with_cash_desk: bool = True) -> Site:
    """The bundled site's hours and cash desk."""
    site = Site(
        root=Path("content"),
        hours={
            "mon": hours("8:00-17:00"),
            "tue": hours("7:30-15:30"),
            "wed": hours("7:30-15:30"),
            "thu": hours("7:30-15:30"),
            "fri": hours("7:30-14:30"),
        },
    )
    if with_cash_desk:
        site.cash_hours = {
            "mon": hours("8:15-16:30"),
            "tue": hours("7:45-15:00"),
            "wed": hours("7:45-15:00"),
            "thu": hours("7:45-15:00"),
            "fri": hours("7:45-14:00"),
        }
    return site


@pytest.fixture
def polish() -> None:
    i18n.set_language("pl")  # the autouse fixture of conftest sets English back


# Tuesday 1 December 2026 is an ordinary working day.
@pytest.mark.parametrize(
    ("hour", "minute", "state", "headline", "detail"),
    [
        (6, 50, "later", "Otwieramy dziś o 7:30", "Otwarte dziś 7:30–15:30 · Kasa 7:45–15:00"),
        (7, 40, "open", "Otwarte dziś do 15:30", "Kasa 7:45–15:00"),
        (10, 0, "open", "Otwarte dziś do 15:30", "Kasa do 15:00"),
        (14, 59, "open", "Otwarte dziś do 15:30", "Kasa do 15:00"),
        (15, 0, "open", "Otwarte dziś do 15:30", "Kasa jest już dziś zamknięta"),
        (15, 30, "closed", "Teraz zamknięte", "Otwarcie jutro o 7:30"),
    ],
)
def test_a_working_day_in_polish(
    polish: None, hour: int, minute: int, state: str, headline: str, detail: str
) -> None:
    card = status_card(office(), warsaw(2026, 12, 1, hour, minute), "pl")
    assert card is not None
    assert (card.state, card.headline, card.detail) == (state, headline, detail)


def test_a_public_holiday_names_it_and_the_next_opening(polish: None) -> None:
    # Saturday 1 November 2025, All Saints' Day: open again on Monday at 8:00.
    card = status_card(office(), warsaw(2025, 11, 1, 10, 0), "pl")
    assert card is not None
    assert card.state == "closed"
    assert card.headline == "Dziś zamknięte — Uroczystość Wszystkich Świętych"
    assert card.detail == "Otwarcie w poniedziałek o 8:00"
    assert card.text == "Dziś zamknięte — Uroczystość Wszystkich Świętych. Otwarcie w poniedziałek o 8:00"


def test_a_holiday_on_a_working_day(polish: None) -> None:
    # Wednesday 11 November 2026, Independence Day: no cash desk line on a closed day.
    card = status_card(office(), warsaw(2026, 11, 11, 9, 0), "pl")
    assert card is not None
    assert card.headline == "Dziś zamknięte — Narodowe Święto Niepodległości"
    assert card.detail == "Otwarcie jutro o 7:30"


def test_a_weekend(polish: None) -> None:
    card = status_card(office(), warsaw(2026, 12, 5, 11, 0), "pl")
    assert card is not None
    assert (card.headline, card.detail) == ("Dziś zamknięte", "Otwarcie w poniedziałek o 8:00")


def test_english_and_ukrainian() -> None:
    moment = warsaw(2026, 12, 7, 16, 0)  # Monday: office until 17:00, cash desk until 16:30
    card = status_card(office(), moment, "en")
    assert card is not None
    assert (card.headline, card.detail) == ("Open today until 17:00", "Cash desk open until 16:30")
    card = status_card(office(), moment, "uk")
    assert card is not None
    assert (card.headline, card.detail) == ("Сьогодні відчинено до 17:00", "Каса до 16:30")


def test_without_a_cash_desk_or_hours() -> None:
    card = status_card(office(with_cash_desk=False), warsaw(2026, 12, 1, 10, 0), "en")
    assert card is not None
    assert (card.headline, card.detail) == ("Open today until 15:30", "")
    assert status_card(Site(root=Path("content")), warsaw(2026, 12, 1, 10, 0), "en") is None
