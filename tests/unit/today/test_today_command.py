"""``kiosk today``: two lines for a moment; bad input is a one-line error, exit 2."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands import COMMAND_MODULES
from kiosk.commands import today as today_command
from tests.conftest import ContentBuilder

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def kiosk_main(monkeypatch: pytest.MonkeyPatch) -> Callable[..., int]:
    """``kiosk`` with the today command registered (until the owner adds it for good)."""
    if "today" not in COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*COMMAND_MODULES, "today"))

    def main(*argv: str) -> int:
        return cli.main(list(argv))

    return main


def test_prints_header_and_opening_status(
    kiosk_main: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk_main("today", "--date", "2026-11-24", "--time", "14:05", "--lang", "en") == 0
    out, err = capsys.readouterr()
    assert out == (
        "Today is Tuesday, 24 November 2026 · 14:05 | Name days: Jan, Flora\n"
        "Open today 7:30–15:30 · open now\n"
    )
    assert err == ""


def test_public_holiday(kiosk_main: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_main("today", "--date", "2026-11-11", "--time", "09:00", "--lang", "en") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Office closed today — National Independence Day · opens tomorrow at 7:30"


def test_language_given_before_the_command_is_kept(
    kiosk_main: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk_main("--lang", "en", "today", "--date", "2026-06-26", "--time", "10:00") == 0
    assert capsys.readouterr().out.startswith("Today is Friday, 26 June 2026 · 10:00 | Name days: Jan, Paweł")


def test_without_date_and_time_shows_now(
    kiosk_main: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert kiosk_main("today", "--lang", "en") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith("Today is ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--date", "2026-02-30"), "bad --date '2026-02-30'"),
        (("--date", "24.11.2026"), "bad --date '24.11.2026'"),
        (("--date", "20261124"), "bad --date '20261124'"),
        (("--time", "25:00"), "bad --time '25:00'"),
        (("--time", "7.30"), "bad --time '7.30'"),
        (("--time", "14:60"), "bad --time '14:60'"),
        (("--lang", "de"), "--lang must be one of pl, en"),
        (("--content", "/no/such/folder"), "no such folder"),
    ],
)
def test_bad_input_is_a_one_line_error(
    kiosk_main: Callable[..., int],
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    assert kiosk_main("today", *argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"kiosk: error: {message}")
    assert err.count("\n") == 1


@pytest.mark.allow_log_warnings
def test_content_folder_hours_and_namedays_problems(
    make_content: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    content = make_content("content")
    (content.root / "namedays.toml").write_text(
        '[days]\n"06-26" = { names = ["Jan"], mode = "add" }\n"06-31" = { names = ["Nobody"] }\n',
        encoding="utf-8",
    )
    args = argparse.Namespace(date="2026-06-26", time="10:00", lang="en", content=content.root)
    assert today_command.run(args) == 0
    out, err = capsys.readouterr()
    # The test site has hours on Monday and Tuesday only: Friday is closed.
    assert out == (
        "Today is Friday, 26 June 2026 · 10:00 | Name days: Jan, Paweł\n"
        "Office closed today · opens Monday at 8:00\n"
    )
    assert err.startswith("namedays.toml:3: error: '06-31' is not a day of the year")


def test_default_language_is_the_sites(make_content: Make, capsys: pytest.CaptureFixture[str]) -> None:
    content = make_content("content")
    site_toml = content.root / "site.toml"
    site_toml.write_text(
        site_toml.read_text(encoding="utf-8").replace('default_language = "pl"', 'default_language = "en"'),
        encoding="utf-8",
    )
    args = argparse.Namespace(date="2026-06-22", time="10:00", content=Path(content.root))
    assert today_command.run(args) == 0
    assert capsys.readouterr().out.splitlines()[1] == "Open today 8:00–16:00 · open now"
