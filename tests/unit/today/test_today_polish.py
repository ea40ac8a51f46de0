"""Polish wording of the header line and the opening status.

NEEDS THE MERGED CATALOG: these pass once kiosk/today/pl-strings.po is merged into
kiosk/data/locale/pl/LC_MESSAGES/kiosk.po and compiled (./scripts/i18n.sh compile). Until
then they fail showing the English source strings.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.commands import today as today_command
from kiosk.content.model import OpeningHours, Site
from kiosk.content.namedays import NameDays, load_namedays
from kiosk.today import office_timezone
from kiosk.today.header import header_line
from kiosk.today.opening import opening_status


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=office_timezone())


@pytest.fixture(scope="module")
def namedays() -> NameDays:
    return load_namedays()


@pytest.fixture
def site() -> Site:
    monday = OpeningHours(8 * 60, 17 * 60)
    midweek = OpeningHours(7 * 60 + 30, 15 * 60 + 30)
    friday = OpeningHours(7 * 60 + 30, 14 * 60 + 30)
    hours = {"mon": monday, "tue": midweek, "wed": midweek, "thu": midweek, "fri": friday}
    return Site(root=Path("content"), hours=hours, closed_days=("2026-11-30",))


def test_polish_header_with_genitive_names(namedays: NameDays) -> None:
    assert (
        header_line(warsaw(2026, 11, 24, 14, 5), "pl", namedays)
        == "Dziś jest wtorek, 24 listopada 2026 · 14:05 | imieniny: Jana, Flory"
    )


@pytest.mark.parametrize(
    ("moment", "names"),
    [
        (warsaw(2026, 6, 26, 10, 0), "imieniny: Jana, Pawła"),
        (warsaw(2026, 12, 24, 10, 0), "imieniny: Adama, Ewy"),
        (warsaw(2028, 2, 29, 10, 0), "imieniny: Rufina, Hilarego"),
        (warsaw(2027, 2, 28, 10, 0), "imieniny: Teofila, Makarego"),
    ],
)
def test_polish_header_name_days(namedays: NameDays, moment: datetime, names: str) -> None:
    line = header_line(moment, "pl", namedays)
    assert line.startswith("Dziś jest ")
    assert line.endswith(f" | {names}")


def test_polish_open_now(site: Site) -> None:
    status = opening_status(site, warsaw(2026, 11, 24, 14, 5))
    assert status.text("pl") == "Czynne dziś 7:30–15:30 · teraz otwarte"


def test_polish_not_open_yet(site: Site) -> None:
    status = opening_status(site, warsaw(2026, 11, 24, 7, 0))
    assert status.text("pl") == "Czynne dziś 7:30–15:30 · jeszcze zamknięte"


def test_polish_after_hours(site: Site) -> None:
    assert opening_status(site, warsaw(2026, 11, 24, 16, 0)).text("pl") == (
        "Teraz zamknięte · otwarcie jutro o 7:30"
    )


def test_polish_weekend_with_closed_monday(site: Site) -> None:
    # Monday 30 November is a staff closed day: next opening is Tuesday ("we wtorek").
    assert opening_status(site, warsaw(2026, 11, 28, 10, 0)).text("pl") == (
        "Dziś urząd nieczynny · otwarcie we wtorek o 7:30"
    )


def test_polish_public_holiday(site: Site) -> None:
    assert opening_status(site, warsaw(2026, 11, 11, 9, 0)).text("pl") == (
        "Dziś urząd nieczynny — Narodowe Święto Niepodległości · otwarcie jutro o 7:30"
    )
    assert opening_status(site, warsaw(2027, 3, 29, 9, 0)).text("pl") == (
        "Dziś urząd nieczynny — Poniedziałek Wielkanocny · otwarcie jutro o 7:30"
    )


def test_polish_command_output(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(date="2026-11-27", time="15:00", lang="pl")
    assert today_command.run(args) == 0
    assert capsys.readouterr().out == (
        "Dziś jest piątek, 27 listopada 2026 · 15:00 | imieniny: Waleriana, Maksymiliana\n"
        "Teraz zamknięte · otwarcie w poniedziałek o 8:00\n"
    )
