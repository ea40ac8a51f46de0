"""Logging to a rotating file, and an excepthook that logs and recovers.

A kiosk runs unattended for months: every unexpected exception is written to the log
with its traceback, and the kiosk goes back to its home screen instead of dying.

The log records events, never what visitors typed or were shown; as a second line of
defence the files are private to the kiosk user (folder 0700, files 0600, rotated ones
too), so other users of the machine cannot read them.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("kiosk")
LOG_FILE = "kiosk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("mszczonow-kiosk", appauthor=False))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the first and each after a rollover) is 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a file from an older version may be readable by all
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115 - the handler closes it


def setup_logging(level: str = "INFO", log_dir: Path | None = None) -> Path | None:
    """Log to stderr and to ``log_dir/kiosk.log`` (1 MB × 5 files); returns the file."""
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    formatter = logging.Formatter(FORMAT)
    consoles = [h for h in root.handlers if type(h) is logging.StreamHandler]
    if not consoles:  # the command line may have set one up already
        stderr = logging.StreamHandler()
        stderr.setFormatter(formatter)
        stderr.kiosk_stderr = True  # type: ignore[attr-defined]
        root.addHandler(stderr)
    folder = log_dir or default_log_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = PrivateRotatingFileHandler(
            folder / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write a log file in %s: %s; logging to the console only", folder, exc)
        return None
    handler.setFormatter(formatter)
    handler.kiosk_file = True  # type: ignore[attr-defined]
    for old in [h for h in root.handlers if getattr(h, "kiosk_file", False)]:
        root.removeHandler(old)  # one log file at a time (a second start in one process)
        old.close()
    root.addHandler(handler)
    return folder / LOG_FILE


def tail(path: Path | None, lines: int = 40) -> list[str]:
    """The last lines of the log file, for the staff panel."""
    if path is None or not path.is_file():
        return []
    with path.open("rb") as stream:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(max(0, size - 64_000))
        data = stream.read().decode("utf-8", errors="replace")
    return data.splitlines()[-lines:]


class Recovery:
    """``sys.excepthook`` replacement: log the traceback, then recover.

    PySide calls ``sys.excepthook`` for an exception raised in a slot or a Qt virtual;
    without a hook of ours the default one prints it and Qt carries on in an unknown
    state. ``recover`` brings the kiosk back to a known screen.
    """

    def __init__(self, recover: Callable[[], None]) -> None:
        self._recover = recover
        self.count = 0
        self._previous = sys.excepthook
        self._is_recovering = False

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        self.count += 1
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error, returning to the home screen:\n%s", text.rstrip())
        if self._is_recovering:  # an error while recovering: do not loop
            return
        self._is_recovering = True
        try:
            self._recover()
        except Exception:  # noqa: BLE001 - the last line of defence must not raise
            log.exception("recovery failed")
        finally:
            self._is_recovering = False
