"""The staff PIN: salted slow hashes, and a pad that a visitor cannot brute-force."""

from __future__ import annotations

import base64

import pytest

from kiosk.staff.pin import (
    DEFAULT_PIN,
    DEFAULT_PIN_HASH,
    ITERATIONS,
    PinGate,
    hash_pin,
    is_default_pin,
    is_pin_hash,
    is_valid_pin,
    pin_problem,
    verify_pin,
)


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
    assert not is_default_pin(stored)


def test_verify_survives_values_that_are_not_text() -> None:
    assert not verify_pin("1234", None)  # type: ignore[arg-type]
    assert not verify_pin(1234, DEFAULT_PIN_HASH)  # type: ignore[arg-type]


def test_the_bundled_hash_is_the_default_pin() -> None:
    assert is_pin_hash(DEFAULT_PIN_HASH)
    assert verify_pin(DEFAULT_PIN, DEFAULT_PIN_HASH)
    assert is_default_pin(DEFAULT_PIN_HASH)
    assert is_default_pin(hash_pin(DEFAULT_PIN, iterations=1000))  # any salt
    assert not is_default_pin(hash_pin("5678", iterations=1000))


def gate(clock: FixedClock) -> PinGate:
    return PinGate(clock, stored_hash=hash_pin("2468", iterations=1000))


def test_the_right_pin_opens() -> None:
    g = gate(FixedClock())
    assert g.try_pin("2468") == "ok"
    assert g.attempts_left == 5


def test_the_gate_uses_the_default_pin_unless_told_otherwise() -> None:
    assert PinGate(FixedClock()).try_pin(DEFAULT_PIN) == "ok"


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
    g = PinGate(clock, max_attempts=2, lockout_seconds=60, stored_hash=hash_pin("2468", iterations=1000))
    assert g.try_pin("0000") == "wrong"
    assert g.try_pin("0000") == "locked"
    assert g.locked_for() == pytest.approx(60)
