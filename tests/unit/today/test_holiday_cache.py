"""The Polish holidays kept on disk (kiosk.today.holiday_cache): the same answers as the
``holidays`` package, without importing it once they are kept, and never a wrong or lost
answer from a damaged, foreign or unwritable file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from kiosk.today.holiday_cache import HolidayCache, package_key
from kiosk.today.opening import _package_holiday_names

INDEPENDENCE = date(2026, 11, 11)


class Counting:
    """The package's answer, counted."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, str]] = []

    def __call__(self, year: int, lang: str) -> Mapping[date, str]:
        self.asked.append((year, lang))
        return _package_holiday_names(year, lang)


def test_kept_names_are_the_packages_and_are_asked_once(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "holidays-PL.json"
    first = Counting()
    names = HolidayCache(path, ["k", 1], first).names(2026, "pl")
    assert names == _package_holiday_names(2026, "pl")
    assert names[INDEPENDENCE] == "Narodowe Święto Niepodległości"
    assert first.asked == [(2026, "pl")]
    # Another process (a new cache object) reads the file and does not ask again.
    again = Counting()
    cache = HolidayCache(path, ["k", 1], again)
    assert cache.names(2026, "pl") == names
    assert cache.names(2026, "en")[INDEPENDENCE] == "National Independence Day"
    assert cache.names(2027, "pl")[date(2027, 3, 29)] == "Poniedziałek Wielkanocny"  # Easter Monday
    assert again.asked == [(2026, "en"), (2027, "pl")]
    assert set(json.loads(path.read_text(encoding="utf-8"))["years"]) == {"2026", "2027"}


def test_a_newer_package_is_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "holidays-PL.json"
    HolidayCache(path, ["k", 1], Counting()).names(2026, "pl")
    newer = Counting()
    names = HolidayCache(path, ["k", 2], newer).names(2026, "pl")
    assert names[INDEPENDENCE] == "Narodowe Święto Niepodległości"
    assert newer.asked == [(2026, "pl")]
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == ["k", 2]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        "[1, 2]",
        '{"format": 1, "key": ["k", 1], "years": {"2026": {"pl": {"2026-13-45": "Nowy Rok"}}}}',
        '{"format": 1, "key": ["k", 1], "years": {"2026": {"pl": ["Nowy Rok"]}}}',
        '{"format": 1, "key": ["k", 1], "years": {"2026": "pl"}}',
        '{"format": 1, "key": ["k", 1], "years": 7}',
        '{"format": 99, "key": ["k", 1], "years": {"2026": {"pl": {}}}}',
    ],
)
def test_a_damaged_file_is_asked_again_and_written_anew(tmp_path: Path, text: str) -> None:
    path = tmp_path / "holidays-PL.json"
    path.write_text(text, encoding="utf-8")
    asked = Counting()
    names = HolidayCache(path, ["k", 1], asked).names(2026, "pl")
    assert names == _package_holiday_names(2026, "pl")
    assert asked.asked == [(2026, "pl")]
    assert HolidayCache(path, ["k", 1], Counting()).names(2026, "pl") == names  # repaired


def test_an_unwritable_cache_folder_costs_only_the_import(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    asked = Counting()
    cache = HolidayCache(blocker / "holidays-PL.json", ["k", 1], asked)
    assert cache.names(2026, "uk")[INDEPENDENCE] == "День незалежності"
    assert asked.asked == [(2026, "uk")]
    assert not list(tmp_path.glob(".*"))  # no half-written file left


def test_without_a_key_nothing_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "holidays-PL.json"
    asked = Counting()
    cache = HolidayCache(path, None, asked)
    cache.names(2026, "pl")
    cache.names(2026, "pl")
    assert asked.asked == [(2026, "pl"), (2026, "pl")]
    assert not path.exists()


def test_the_key_follows_the_installed_package() -> None:
    key = package_key()
    import holidays

    assert key is not None and key[0] == "holidays" and len(key) == 6
    assert key[1] == [f"holidays-{holidays.__version__}.dist-info"]


def test_a_second_start_does_not_import_the_package(tmp_path: Path) -> None:
    """What the opening status costs at a start once the names are kept: no ``holidays``."""
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from kiosk.today.opening import holiday_names, is_public_holiday\n"
        "assert is_public_holiday(date(2026, 11, 11))\n"
        "print('holidays' in sys.modules, holiday_names(2026, 'uk')[date(2026, 11, 11)])\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    command = [sys.executable, "-c", code]
    done = [subprocess.run(command, capture_output=True, text=True, check=True, env=env) for _ in range(2)]
    runs = [run.stdout for run in done]
    assert runs == ["True День незалежності\n", "False День незалежності\n"], runs
    assert (tmp_path / "mszczonow-kiosk" / "holidays-PL.json").is_file()
