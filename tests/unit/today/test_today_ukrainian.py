"""The header line and opening status in Ukrainian: Babel's dates, the uk catalog,
Polish name days as written (nominative), Polish holidays named in Ukrainian."""

from __future__ import annotations

import argparse
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.commands import today as today_command
from kiosk.content.loader import load_site
from kiosk.content.namedays import NameDays, load_namedays
from kiosk.today import office_timezone
from kiosk.today.header import header_line
from kiosk.today.opening import holiday_names, opening_status


def warsaw(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=office_timezone())


@pytest.fixture(scope="module")
def namedays() -> NameDays:
    return load_namedays()


def test_header_in_ukrainian_with_the_polish_names_as_written(namedays: NameDays) -> None:
    assert (
        header_line(warsaw(2026, 12, 3, 14, 5), "uk", namedays)
        == "Сьогодні четвер, 3 грудня 2026 · 14:05 | Іменини: Franciszek, Ksawery"
    )
    assert header_line(warsaw(2026, 11, 24, 9, 0), "uk", namedays).startswith(
        "Сьогодні вівторок, 24 листопада 2026 · 9:00"
    )


def test_polish_holidays_are_named_in_ukrainian() -> None:
    names = holiday_names(2026, "uk")
    assert names[warsaw(2026, 11, 11).date()] == "День незалежності"
    assert names[warsaw(2026, 12, 25).date()] == "Різдво Христове"


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (warsaw(2026, 12, 3, 14, 5), "Сьогодні відчинено 7:30–15:30 · зараз відчинено"),
        (warsaw(2026, 12, 3, 6, 0), "Сьогодні відчинено 7:30–15:30 · ще зачинено"),
        (warsaw(2026, 12, 3, 16, 5), "Зараз зачинено · відчиниться завтра о 7:30"),
        (warsaw(2026, 12, 5, 10, 0), "Сьогодні уряд зачинений · відчиниться в понеділок о 8:00"),
        (
            warsaw(2026, 11, 11, 10, 0),
            "Сьогодні уряд зачинений — День незалежності · відчиниться завтра о 7:30",
        ),
    ],
)
def test_opening_status_in_ukrainian(moment: datetime, text: str) -> None:
    site = load_site(paths.bundled_content_dir())
    assert opening_status(site, moment).text("uk") == text


def test_today_command_in_ukrainian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "sample"
    shutil.copytree(paths.bundled_content_dir(), root)
    site = root / "site.toml"
    site.write_text(site.read_text(encoding="utf-8").replace('"en"]', '"en", "uk"]', 1), encoding="utf-8")
    args = argparse.Namespace(date="2026-12-03", time="14:05", lang="uk", content=root)
    assert today_command.run(args) == 0
    out, err = capsys.readouterr()
    assert out == (
        "Сьогодні четвер, 3 грудня 2026 · 14:05 | Іменини: Franciszek, Ksawery\n"
        "Сьогодні відчинено 7:30–15:30 · зараз відчинено\n"
    )
    assert err == ""
