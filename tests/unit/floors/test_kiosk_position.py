"""``kiosk_position`` in kiosk.toml must name a node of the building plan."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.commands import config_cmd
from kiosk.config import load_config


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = config_cmd.run_check(argparse.Namespace(file=path))
    return code, capsys.readouterr().out


def test_a_node_of_the_sample_plan_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_position = "hall"\n', encoding="utf-8")
    code, out = check(path, capsys)
    assert code == 0, out


def test_free_text_is_an_error_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('log_level = "INFO"\nkiosk_position = "Hal"\n', encoding="utf-8")
    code, out = check(path, capsys)
    assert code == 1
    assert out.splitlines()[0].startswith(
        f"{path}:2: error: kiosk_position 'Hal' is not a node of the building plan in "
    )
    assert "(did you mean 'hall'?)" in out


def test_empty_means_the_entrance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_position = ""\n', encoding="utf-8")
    assert check(path, capsys)[0] == 0
    config, problems = load_config(path)
    assert config.kiosk_position == "" and problems == []
