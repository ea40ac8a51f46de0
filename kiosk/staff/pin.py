"""The staff PIN: stored only as a salted, slow hash, and a pad that locks after misuse.

A PIN of 4–8 digits is weak by nature, so two things protect it: the hash is slow
(PBKDF2-SHA256) and salted, so a copied ``kiosk.toml`` does not give the PIN away at a
glance, and :class:`PinGate` refuses every attempt for five minutes after five wrong
ones, so a visitor cannot try PINs at the pad. Nothing here is computed at import time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Literal

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 300_000
MAX_ITERATIONS = 10_000_000  # a stored hash asking for more is refused, not computed
SALT_BYTES = 16
PIN_LENGTHS = (4, 8)
PIN_RE = re.compile(r"^[0-9]{4,8}$")
DEFAULT_PIN = "1234"
# hash_pin(DEFAULT_PIN), computed once and pasted here so that importing costs nothing.
DEFAULT_PIN_HASH = (
    "pbkdf2_sha256$300000$MNB4va4K/F6bUC8tR6A6xw==$5DDYXMFbBPSoRasbjA0nBV8nz2LTPhfY14Ajo9kZRNg="
)

PinResult = Literal["ok", "wrong", "locked"]


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or None when it can."""
    if not PIN_RE.match(pin):
        low, high = PIN_LENGTHS
        return f"a PIN is {low} to {high} digits (0–9), nothing else"
    return None


def is_valid_pin(pin: str) -> bool:
    return pin_problem(pin) is None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt>$<hash>`` (base64) with a fresh random salt.

    Raises ValueError for a PIN that is not 4–8 digits: a caller must validate first.
    """
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = secrets.token_bytes(SALT_BYTES)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(_derive(pin, salt, iterations))}"


def _parse(stored: object) -> tuple[int, bytes, bytes] | None:
    """(iterations, salt, hash) of a well-formed stored hash, else None."""
    if not isinstance(stored, str):
        return None
    parts = stored.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isascii() or not parts[1].isdigit():
        return None
    iterations = int(parts[1])
    if not 1 <= iterations <= MAX_ITERATIONS:
        return None
    try:
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (binascii.Error, ValueError):
        return None
    if not salt or len(digest) != hashlib.sha256().digest_size:
        return None
    return iterations, salt, digest


def is_pin_hash(stored: object) -> bool:
    """Whether ``stored`` looks like a hash made by :func:`hash_pin` (no hashing done)."""
    return _parse(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``; False for anything malformed, never raises."""
    parsed = _parse(stored)
    if parsed is None or not isinstance(pin, str) or not is_valid_pin(pin):
        return False
    iterations, salt, digest = parsed
    return hmac.compare_digest(_derive(pin, salt, iterations), digest)


def is_default_pin(stored: str) -> bool:
    """Whether ``stored`` is a hash of the bundled default PIN (staff must change it)."""
    return verify_pin(DEFAULT_PIN, stored)


class PinGate:
    """The lockout policy of the PIN pad, with an injectable clock for tests.

    After ``max_attempts`` wrong PINs in a row the gate refuses everything, the right
    PIN too, for ``lockout_seconds`` counted from the last failure; then the count
    starts again. A right PIN resets the count. ``try_pin`` answers "locked" from the
    failure that starts the lockout on, so the pad can say so at once.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        max_attempts: int = 5,
        lockout_seconds: float = 300,
        *,
        stored_hash: str = DEFAULT_PIN_HASH,
    ) -> None:
        self._clock = clock
        self.max_attempts = max_attempts
        self.lockout_seconds = lockout_seconds
        self.stored_hash = stored_hash
        self._failures = 0
        self._locked_until: float | None = None

    def _expire_lock(self) -> None:
        if self._locked_until is not None and self._clock() >= self._locked_until:
            self._locked_until = None
            self._failures = 0

    @property
    def is_locked(self) -> bool:
        self._expire_lock()
        return self._locked_until is not None

    @property
    def attempts_left(self) -> int:
        self._expire_lock()
        if self._locked_until is not None:
            return 0
        return max(0, self.max_attempts - self._failures)

    def locked_for(self) -> float:
        """Seconds until the pad accepts PINs again; 0.0 when it does now."""
        self._expire_lock()
        if self._locked_until is None:
            return 0.0
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, pin: str) -> PinResult:
        if self.is_locked:
            return "locked"
        if verify_pin(pin, self.stored_hash):
            self._failures = 0
            return "ok"
        self._failures += 1
        if self._failures >= self.max_attempts:
            self._locked_until = self._clock() + self.lockout_seconds
            return "locked"  # the failure that starts the lockout already says so
        return "wrong"
