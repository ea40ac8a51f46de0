"""The tactile keypad's keys in kiosk.toml: checked with file and line, defaults today's keys."""

from __future__ import annotations

from pathlib import Path

from kiosk.compose import keypad_keys
from kiosk.config import Config, parse_config
from kiosk.keypad import ACTIONS, Keypad, key_code


def test_the_defaults_are_the_keys_the_kiosk_always_had() -> None:
    config = Config.defaults()
    assert dict(keypad_keys(config)) == {a.name: a.default for a in ACTIONS}
    keypad = Keypad(dict(keypad_keys(config)))
    assert keypad.is_default
    assert keypad.translate(key_code("Down") or 0) == key_code("Down")
    assert keypad.translate(key_code("VolumeUp") or 0) == key_code("+")


def test_a_remapped_key_stands_for_the_actions_own_key(tmp_path: Path) -> None:
    config, problems = parse_config('version = 1\nkeypad_next = "2"\n', tmp_path / "kiosk.toml")
    assert problems == [] and config.keypad_next == "2"
    keypad = Keypad(dict(keypad_keys(config)))
    assert keypad.translate(key_code("2") or 0) == key_code("Down")
    assert keypad.translate(key_code("Down") or 0) == key_code("Down")  # the arrow still works


def test_an_unknown_key_name_is_reported_with_file_and_line_and_the_default_kept(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    text = 'version = 1\nidle_timeout = 120\nkeypad_help = "F1, Hlep"\nkeypad_back = ""\n'
    config, problems = parse_config(text, path)
    formatted = [p.format() for p in problems]
    assert any(f.startswith(f"{path}:3: error:") and '"Hlep": no such key' in f and "help" in f
               for f in formatted), formatted
    assert any(f.startswith(f"{path}:4: error:") and "names no key" in f for f in formatted), formatted
    assert config.keypad_help == "F1, Help" and config.keypad_back == "Escape"
    assert config.idle_timeout == 120
