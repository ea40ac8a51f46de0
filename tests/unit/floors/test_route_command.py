"""``kiosk route ROOM``: numbered steps and the total; one line and exit 1 when it cannot."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.commands import route
from tests.conftest import ContentBuilder
from tests.unit.floors.plans import write_plan

Make = Callable[[str], ContentBuilder]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="kiosk")
    route.register(parser.add_subparsers())
    args = parser.parse_args(["route", *argv])
    code = route.run(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_config(tmp_path: Path) -> Path:
    return tmp_path / "absent.toml"  # a missing kiosk.toml means the defaults


def test_route_on_the_sample_content(capsys: pytest.CaptureFixture[str], no_config: Path) -> None:
    code, out, err = run(["14", "--from", "hall", "--config", str(no_config)], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Pokój 14: Referat Finansowy (I piętro)"
    assert lines[1] == "1. Idź korytarzem około 10 metrów."
    assert "3. Wejdź schodami na I piętro." in lines
    assert lines[-2].endswith("Pokój 14 jest pierwszy po lewej.")
    assert lines[-1] == "Razem około 20 metrów."


def test_step_free_and_english(capsys: pytest.CaptureFixture[str], no_config: Path) -> None:
    code, out, _err = run(["pokój 14", "--from", "hall", "--step-free", "--lang", "en",
                           "--config", str(no_config)], capsys)
    assert code == 0
    assert "3. Take the lift up to the 1st floor." in out.splitlines()
    assert "stairs" not in out


def test_start_defaults_to_the_kiosk_position_then_the_entrance(
    make_content: Make, capsys: pytest.CaptureFixture[str], tmp_path: Path, no_config: Path
) -> None:
    c = make_content("plan")
    c.simple("hours", "Godziny", "Hours")
    write_plan(c.root)
    code, out, _err = run(["1", "--content", str(c.root), "--config", str(no_config), "--lang", "en"], capsys)
    assert code == 0
    assert out.splitlines()[1] == "1. Room 1 is the first on the left."  # from the entrance, going east
    config = tmp_path / "kiosk.toml"
    config.write_text(f'content = "{c.root}"\nkiosk_position = "g-c300"\n', encoding="utf-8")
    code, out, _err = run(["1", "--config", str(config), "--lang", "en"], capsys)
    assert code == 0
    assert out.splitlines()[1] == "1. Go along the corridor for about 15 metres."
    assert out.splitlines()[2] == "2. Room 1 is the first on the right."


def test_unknown_room_and_no_route_exit_1_with_one_line(
    make_content: Make, capsys: pytest.CaptureFixture[str], no_config: Path
) -> None:
    code, out, err = run(["99", "--config", str(no_config)], capsys)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("'99' is not a room of the plan (rooms: 1, 2, 3,")
    c = make_content("plan")
    c.simple("hours", "Godziny", "Hours")
    write_plan(c.root, has_lift=False)
    code, out, err = run(["14", "--step-free", "--content", str(c.root), "--config", str(no_config)], capsys)
    assert (code, out, err) == (1, "", "no step-free route from 'entrance' to room 14\n")
    code, out, err = run(
        ["14", "--from", "attic", "--content", str(c.root), "--config", str(no_config)], capsys
    )
    assert (code, err) == (1, "--from 'attic' is not a node of the plan\n")
