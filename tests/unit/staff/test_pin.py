"""The staff PIN: salted slow hashes, and a pad that a visitor cannot brute-force."""

from __future__ import annotations

import base64
import json
import logging
import os
import stat
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.staff.pin import (
    ITERATIONS,
    NO_PIN,
    PinGate,
    gate_problem,
    guessable_problem,
    hash_pin,
    is_pin_hash,
    is_valid_pin,
    pin_problem,
    unusable_hash,
    verify_pin,
)

# The gate logs why it stays closed: staff read it in the log.
pytestmark = pytest.mark.allow_log_warnings


class FixedClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_a_hash_verifies_its_pin_and_nothing_else() -> None:
    stored = hash_pin("4711")
    assert verify_pin("4711", stored)
    assert not verify_pin("4712", stored)
    assert not verify_pin("47110", stored)
    assert not verify_pin("", stored)


def test_the_hash_is_salted_slow_and_never_contains_the_pin() -> None:
    first, second = hash_pin("90210"), hash_pin("90210")
    assert first != second  # a fresh salt each time
    algorithm, iterations, salt, digest = first.split("$")
    assert algorithm == "pbkdf2_sha256"
    assert int(iterations) == ITERATIONS >= 200_000
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert "90210" not in first


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", " 1234", "١٢٣٤", ""])
def test_pins_are_four_to_eight_ascii_digits(pin: str) -> None:
    assert not is_valid_pin(pin)
    assert pin_problem(pin) is not None
    with pytest.raises(ValueError):
        hash_pin(pin)


@pytest.mark.parametrize("pin", ["0000", "12345678"])
def test_four_and_eight_digits_are_fine(pin: str) -> None:
    assert is_valid_pin(pin)
    assert verify_pin(pin, hash_pin(pin, iterations=1000))


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "pbkdf2_sha256$300000$c2FsdA==",  # no digest
        "pbkdf2_sha1$300000$c2FsdA==$" + "A" * 44,  # another algorithm
        "pbkdf2_sha256$many$c2FsdA==$" + "A" * 44,
        "pbkdf2_sha256$0$c2FsdA==$" + "A" * 44,
        "pbkdf2_sha256$999999999999$c2FsdA==$" + "A" * 44,  # would take forever
        "pbkdf2_sha256$300000$not base64!$" + "A" * 44,
        "pbkdf2_sha256$300000$c2FsdA==$c2hvcnQ=",  # digest of the wrong length
        "pbkdf2_sha256$300000$$" + "A" * 44,  # no salt
    ],
)
def test_a_malformed_stored_hash_never_matches_and_never_raises(stored: str) -> None:
    assert not is_pin_hash(stored)
    assert not verify_pin("1234", stored)
    assert gate_problem(stored) is not None


def test_verify_survives_values_that_are_not_text() -> None:
    assert not verify_pin("1234", None)  # type: ignore[arg-type]
    assert not verify_pin(1234, hash_pin("1234", iterations=1000))  # type: ignore[arg-type]


def gate(clock: FixedClock, state_file: Path | None = None) -> PinGate:
    return PinGate(clock, stored_hash=hash_pin("2468", iterations=1000), state_file=state_file)


def test_the_right_pin_opens() -> None:
    g = gate(FixedClock())
    assert g.problem is None
    assert g.try_pin("2468") == "ok"
    assert g.attempts_left == 5


# --- no default PIN, fail closed -----------------------------------------------------


@pytest.mark.parametrize("pin", ["1234", "0000", "2468", ""])
def test_without_a_pin_set_nothing_opens_not_even_the_old_default(
    pin: str, caplog: pytest.LogCaptureFixture
) -> None:
    g = PinGate(FixedClock(), state_file=None)
    assert g.stored_hash == NO_PIN
    assert g.problem is not None and "no PIN configured" in g.problem
    with caplog.at_level(logging.WARNING):
        assert g.try_pin(pin) == "closed"
    assert "staff panel: no PIN configured" in caplog.text
    assert g.attempts_left == 5  # not a failure: nothing was tried against a PIN


@pytest.mark.parametrize(
    "stored",
    ["1234", "pbkdf2_sha256$1$c2FsdA==", "!cannot be read", unusable_hash("kiosk.toml: cannot be read")],
)
def test_an_unusable_hash_keeps_the_panel_closed_and_says_why(stored: str) -> None:
    g = PinGate(FixedClock(), stored_hash=stored, state_file=None)
    assert g.problem
    assert g.try_pin("1234") == "closed"


def test_an_unreadable_config_keeps_the_panel_closed(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'staff_pin_hash = "{hash_pin("2468", iterations=1000)}"\nidle_timeout = = 1\n')
    config, problems = load_config(path)
    assert problems  # malformed TOML
    problem = gate_problem(config.staff_pin_hash)
    assert problem is not None and "cannot be read" in problem and str(path) in problem
    g = PinGate(FixedClock(), stored_hash=config.staff_pin_hash, state_file=None)
    assert g.try_pin("2468") == "closed"


def test_a_config_that_cannot_be_opened_keeps_the_panel_closed(tmp_path: Path) -> None:
    folder = tmp_path / "kiosk.toml"
    folder.mkdir()  # reading a folder fails like an unreadable file, also as root
    config, problems = load_config(folder)
    assert problems and problems[0].severity == "error"
    problem = gate_problem(config.staff_pin_hash)
    assert problem is not None and "cannot be read" in problem


@pytest.mark.parametrize("pin", ["1111", "0000", "1234", "4321", "0123456", "98765432"])
def test_pins_too_easy_to_guess_cannot_be_set(pin: str) -> None:
    assert guessable_problem(pin) is not None


@pytest.mark.parametrize("pin", ["2580", "1357", "12354", "90210"])
def test_ordinary_pins_can_be_set(pin: str) -> None:
    assert guessable_problem(pin) is None


def test_five_wrong_pins_lock_the_pad_even_for_the_right_pin() -> None:
    clock = FixedClock()
    g = gate(clock)
    for left in (4, 3, 2, 1):
        assert g.try_pin("1111") == "wrong"
        assert g.attempts_left == left
        clock.advance(10)
    assert g.try_pin("1111") == "locked"  # the fifth failure says so at once
    assert g.attempts_left == 0
    assert g.locked_for() == pytest.approx(300)
    assert g.try_pin("2468") == "locked"
    clock.advance(299)
    assert g.try_pin("2468") == "locked"
    assert g.locked_for() == pytest.approx(1)


def test_the_lock_counts_from_the_fifth_failure_and_is_not_extended() -> None:
    clock = FixedClock()
    g = gate(clock)
    for _ in range(5):
        g.try_pin("0000")
    clock.advance(200)
    assert g.try_pin("0000") == "locked"  # refused, not counted
    clock.advance(100)
    assert g.locked_for() == 0.0
    assert not g.is_locked
    assert g.try_pin("2468") == "ok"


def test_after_the_lockout_the_count_starts_again() -> None:
    clock = FixedClock()
    g = gate(clock)
    for _ in range(5):
        g.try_pin("0000")
    clock.advance(300)
    assert g.attempts_left == 5
    assert g.try_pin("0000") == "wrong"
    assert g.attempts_left == 4


def test_success_resets_the_count() -> None:
    clock = FixedClock()
    g = gate(clock)
    for _ in range(4):
        assert g.try_pin("0000") == "wrong"
    assert g.try_pin("2468") == "ok"
    assert g.attempts_left == 5
    for _ in range(4):
        assert g.try_pin("0000") == "wrong"
    assert not g.is_locked


def test_limits_can_be_chosen() -> None:
    clock = FixedClock()
    stored = hash_pin("2468", iterations=1000)
    g = PinGate(clock, max_attempts=2, lockout_seconds=60, stored_hash=stored, state_file=None)
    assert g.try_pin("0000") == "wrong"
    assert g.try_pin("0000") == "locked"
    assert g.locked_for() == pytest.approx(60)


# --- the lockout survives a restart ---------------------------------------------------


def test_the_lockout_persists_across_a_new_gate(tmp_path: Path) -> None:
    state = tmp_path / "state" / "pin-lockout.json"
    clock = FixedClock()
    first = gate(clock, state)
    for _ in range(5):
        first.try_pin("0000")
    assert first.is_locked
    restarted = gate(FixedClock(), state)  # a new process: its monotonic clock starts anew
    assert restarted.is_locked
    assert restarted.try_pin("2468") == "locked"
    assert restarted.locked_for() == pytest.approx(300, abs=5)


def test_the_lockout_ends_after_its_time_also_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    wall = FixedClock()
    stored = hash_pin("2468", iterations=1000)
    first = PinGate(FixedClock(), stored_hash=stored, state_file=state, wall_clock=wall)
    for _ in range(5):
        first.try_pin("0000")
    wall.advance(301)
    later = PinGate(FixedClock(), stored_hash=first.stored_hash, state_file=state, wall_clock=wall)
    assert not later.is_locked
    assert later.try_pin("2468") == "ok"


def test_a_clock_set_back_does_not_lock_longer_than_one_lockout(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_text(json.dumps({"version": 1, "failures": 5, "locked_until": 10**12}))
    g = gate(FixedClock(), state)
    assert g.is_locked
    assert g.locked_for() == pytest.approx(300)


def test_wrong_pins_are_counted_across_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    first = gate(FixedClock(), state)
    for _ in range(4):
        assert first.try_pin("0000") == "wrong"
    restarted = gate(FixedClock(), state)
    assert restarted.attempts_left == 1
    assert restarted.try_pin("0000") == "locked"


def test_the_right_pin_clears_the_kept_count(tmp_path: Path) -> None:
    state = tmp_path / "pin-lockout.json"
    first = gate(FixedClock(), state)
    first.try_pin("0000")
    assert first.try_pin("2468") == "ok"
    assert gate(FixedClock(), state).attempts_left == 5


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_state_file_is_private(tmp_path: Path) -> None:
    state = tmp_path / "state" / "pin-lockout.json"
    gate(FixedClock(), state).try_pin("0000")
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700
    assert [p.name for p in state.parent.iterdir()] == ["pin-lockout.json"]  # no temporary left
    assert "0000" not in state.read_text()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b'{"version": 1, "failures": "many", "locked_until": null}',
        b'{"version": 1, "failures": -3, "locked_until": null}',
        b'{"version": 1, "failures": 0, "locked_until": "soon"}',
        b'{"version": 99, "failures": 0, "locked_until": null}',
        b"[" * 4000,
        b" " * 10_000,
    ],
)
def test_a_damaged_state_file_locks_for_one_lockout_and_never_crashes(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_bytes(content)
    clock = FixedClock()
    with caplog.at_level(logging.ERROR):
        g = gate(clock, state)
    assert "lockout state file" in caplog.text
    assert g.is_locked and g.try_pin("2468") == "locked"
    assert g.locked_for() == pytest.approx(300)
    clock.advance(300)
    assert g.try_pin("2468") == "ok"
    assert json.loads(state.read_text())["failures"] == 0  # replaced by a good one


def test_a_state_folder_that_cannot_be_written_is_logged_and_the_lockout_still_holds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    g = gate(FixedClock(), blocker / "pin-lockout.json")
    with caplog.at_level(logging.ERROR):
        for _ in range(5):
            g.try_pin("0000")
    assert "cannot keep the lockout" in caplog.text
    assert g.is_locked


def test_the_default_state_file_is_in_the_platform_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    g = PinGate(FixedClock(), stored_hash=hash_pin("2468", iterations=1000))  # the runtime's call
    assert g.state_file is not None
    assert g.state_file.is_relative_to(tmp_path / "xdg-state")
    g.try_pin("0000")
    assert g.state_file.is_file()
