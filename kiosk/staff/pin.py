"""The staff PIN: stored only as a salted, slow hash, and a pad that locks after misuse.

A PIN of 4–8 digits is weak by nature, so several things protect it: there is no
default PIN (until ``kiosk set-pin`` has been run the staff panel does not open at all);
the hash is slow (PBKDF2-SHA256) and salted, so a copied ``kiosk.toml`` does not give
the PIN away at a glance; a stored value that is not such a hash keeps the panel closed
(fail closed), never falls back to anything; and :class:`PinGate` refuses every attempt
for five minutes after five wrong ones, a lockout kept in a small state file so that a
restart does not forget it. Nothing here is computed at import time.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 300_000
MAX_ITERATIONS = 10_000_000  # a stored hash asking for more is refused, not computed
SALT_BYTES = 16
DIGEST_BYTES = 32  # a SHA-256 digest
PIN_LENGTHS = (4, 8)
PIN_RE = re.compile(r"^[0-9]{4,8}$")
# The value of ``staff_pin_hash`` before ``kiosk set-pin`` has run: no PIN, no panel.
NO_PIN = ""
# A stored value starting with this never opens; the rest says why (the configuration
# could not be read, or its staff_pin_hash is not a hash). See :func:`unusable_hash`.
UNUSABLE_PREFIX = "!"
STATE_APP = "mszczonow-kiosk"  # the platformdirs name, as for the logs and snapshots
STATE_FILE = "pin-lockout.json"
STATE_VERSION = 1
STATE_MAX_BYTES = 4096

PinResult = Literal["ok", "wrong", "locked", "closed"]


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or None when it can."""
    if not PIN_RE.match(pin):
        low, high = PIN_LENGTHS
        return f"a PIN is {low} to {high} digits (0–9), nothing else"
    return None


def guessable_problem(pin: str) -> str | None:
    """Why ``pin`` is too easy to guess to be set (one digit repeated, a run such as
    1234 — once the published default — or 9876), or None. Only for setting a PIN; the
    message never repeats the PIN."""
    if len(set(pin)) == 1:
        return "a PIN of one digit repeated is too easy to guess; choose another"
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)} if pin.isdigit() else set()
    if steps in ({1}, {-1}):
        return "a PIN of consecutive digits (up or down) is too easy to guess; choose another"
    return None


def is_valid_pin(pin: str) -> bool:
    return pin_problem(pin) is None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    import hashlib  # OpenSSL's (4 MB): loaded to hash a PIN, not to read kiosk.toml

    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt>$<hash>`` (base64) with a fresh random salt.

    Raises ValueError for a PIN that is not 4–8 digits: a caller must validate first.
    """
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    import secrets

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
    if not salt or len(digest) != DIGEST_BYTES:
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
    import hmac

    return hmac.compare_digest(_derive(pin, salt, iterations), digest)


def unusable_hash(reason: str) -> str:
    """A stored value that never opens the panel and says why (for the configuration
    loader: an unreadable kiosk.toml, a staff_pin_hash that is not a hash)."""
    return UNUSABLE_PREFIX + " ".join(reason.split())


def gate_problem(stored: object) -> str | None:
    """Why the staff panel stays closed with ``stored`` as the PIN hash, or None when a
    PIN is set. Never hashes anything."""
    if stored == NO_PIN or stored is None:
        return "no PIN configured (set one with 'kiosk set-pin')"
    if isinstance(stored, str) and stored.startswith(UNUSABLE_PREFIX):
        return stored[len(UNUSABLE_PREFIX) :] or "the PIN hash cannot be used"
    if not is_pin_hash(stored):
        return "staff_pin_hash is not a PIN hash made by 'kiosk set-pin'"
    return None


def default_state_file() -> Path:
    """Where the lockout is kept: the platform's per-user state folder
    (``~/.local/state/mszczonow-kiosk`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_state_dir(STATE_APP, appauthor=False)) / STATE_FILE


def write_private_file(path: Path, text: str) -> None:
    """Replace ``path`` in one step with a file only its owner can read (0600); its
    folder is created private (0700) when missing. Raises OSError."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


class PinGate:
    """The PIN pad's rules: is there a usable PIN, and the lockout after misuse.

    After ``max_attempts`` wrong PINs in a row the gate refuses everything, the right
    PIN too, for ``lockout_seconds`` counted from the last failure; then the count
    starts again. A right PIN resets the count. ``try_pin`` answers "locked" from the
    failure that starts the lockout on, so the pad can say so at once, and "closed" when
    there is no usable PIN (:attr:`problem` says why; nothing then ever opens).

    The count and the lockout are kept in ``state_file`` (``"default"``: the platform's
    state folder, see :func:`default_state_file`; None: in memory only), written
    atomically and private (0600) at every change, and read when the gate is made, so
    a restart does not give a visitor five more tries. The file holds wall-clock time
    (``wall_clock``) because ``clock`` (monotonic) starts again with the machine. A
    state file that cannot be read or makes no sense is logged and treated as a lockout
    starting now; it never raises.
    """

    def __init__(
        self,
        clock: Callable[[], float],
        max_attempts: int = 5,
        lockout_seconds: float = 300,
        *,
        stored_hash: str = NO_PIN,
        state_file: Path | Literal["default"] | None = "default",
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._wall_clock = wall_clock
        self.max_attempts = max_attempts
        self.lockout_seconds = lockout_seconds
        self.stored_hash = stored_hash
        self.state_file: Path | None = default_state_file() if state_file == "default" else state_file
        self._failures = 0
        self._locked_until: float | None = None
        self._load()

    @property
    def problem(self) -> str | None:
        """Why the panel cannot open at all (no PIN, an unusable hash), or None."""
        return gate_problem(self.stored_hash)

    # -- the kept state ------------------------------------------------------------
    def _load(self) -> None:
        path = self.state_file
        if path is None:
            return
        try:
            with path.open("rb") as stream:
                data = stream.read(STATE_MAX_BYTES + 1)
        except FileNotFoundError:
            return
        except OSError as exc:
            self._distrust(f"cannot be read ({exc.strerror or exc})")
            return
        try:
            if len(data) > STATE_MAX_BYTES:
                raise ValueError("too large")
            state = json.loads(data.decode("utf-8"))
            if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
                raise ValueError("not a lockout state of this kiosk")
            failures, locked_until = state.get("failures"), state.get("locked_until")
            if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
                raise ValueError("no count of failures")
            if locked_until is not None and (
                isinstance(locked_until, bool) or not isinstance(locked_until, int | float)
            ):
                raise ValueError("no time for the lockout")
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            self._distrust(f"is damaged ({exc})")
            return
        self._failures = min(failures, self.max_attempts)
        if locked_until is not None:
            remaining = float(locked_until) - self._wall_clock()
            if remaining > 0:
                # A clock set back must not lock the pad for longer than one lockout.
                self._locked_until = self._clock() + min(remaining, self.lockout_seconds)
                self._failures = self.max_attempts
            else:
                self._failures = 0
        elif self._failures >= self.max_attempts:
            self._locked_until = self._clock() + self.lockout_seconds

    def _distrust(self, why: str) -> None:
        """A state file we cannot believe: locked for one lockout from now, and replaced."""
        minutes = max(1, round(self.lockout_seconds / 60))
        log.error(
            "staff PIN: the lockout state file %s %s; the PIN pad is locked for %d min",
            self.state_file,
            why,
            minutes,
        )
        self._failures = self.max_attempts
        self._locked_until = self._clock() + self.lockout_seconds
        self._save()

    def _save(self) -> None:
        path = self.state_file
        if path is None:
            return
        locked_until = None
        if self._locked_until is not None:
            locked_until = self._wall_clock() + max(0.0, self._locked_until - self._clock())
        state = {"version": STATE_VERSION, "failures": self._failures, "locked_until": locked_until}
        try:
            write_private_file(path, json.dumps(state) + "\n")
        except OSError as exc:
            log.error(
                "staff PIN: cannot keep the lockout in %s (%s); it holds until the kiosk restarts",
                path,
                exc.strerror or exc,
            )

    # -- the rules -------------------------------------------------------------------
    def _expire_lock(self) -> None:
        if self._locked_until is not None and self._clock() >= self._locked_until:
            self._locked_until = None
            self._failures = 0
            self._save()

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
        problem = self.problem
        if problem is not None:
            log.warning("staff panel: %s", problem)
            return "closed"
        if self.is_locked:
            return "locked"
        if verify_pin(pin, self.stored_hash):
            if self._failures:
                self._failures = 0
                self._save()
            return "ok"
        self._failures += 1
        if self._failures >= self.max_attempts:
            self._locked_until = self._clock() + self.lockout_seconds
            log.warning("staff PIN: %d wrong PINs, the pad is locked", self._failures)
            self._save()
            return "locked"  # the failure that starts the lockout already says so
        self._save()
        return "wrong"
