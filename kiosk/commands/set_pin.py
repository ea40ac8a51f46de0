"""``kiosk set-pin`` — store a new staff PIN, as a salted hash, in kiosk.toml.

The PIN is read twice (hidden, from the terminal; or two lines of standard input for
scripts) and never printed or written anywhere in plain text. The rest of the file is
kept as staff wrote it; a missing file (and its folder) is created.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

NEW_FILE_MODE = 0o640  # the kiosk user reads it through its group; visitors never do


def register(sub: Any) -> None:
    parser = sub.add_parser("set-pin", help="set the staff PIN (stored as a salted hash)")
    parser.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        default=None,
        metavar="FILE",
        help="configuration file to update (default: $KIOSK_CONFIG or the system-wide kiosk.toml)",
    )
    parser.set_defaults(func=run)


def read_pins() -> tuple[str, str]:
    """The new PIN and its repetition: hidden prompts on a terminal, else two lines."""
    from kiosk.commands import UsageError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass("New staff PIN (4 to 8 digits): ")
        second = getpass.getpass("The same PIN again: ")
        return first.strip(), second.strip()
    lines = sys.stdin.read().splitlines() if sys.stdin is not None else []
    if len(lines) < 2:
        raise UsageError("give the new PIN twice, on two lines of standard input")
    return lines[0].strip(), lines[1].strip()


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step, keeping the old file's mode and owner."""
    try:
        old = path.stat()
    except FileNotFoundError:
        old = None
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, NEW_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if old is not None:
            os.chmod(temporary, old.st_mode & 0o7777)
            if hasattr(os, "chown"):
                try:
                    os.chown(temporary, old.st_uid, old.st_gid)
                except PermissionError:
                    pass  # not root: the file stays ours, as editing it would leave it
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def run(args: argparse.Namespace) -> int:
    import tomllib

    from kiosk.commands import UsageError
    from kiosk.config import default_config_path, new_config_text, with_setting
    from kiosk.staff.pin import DEFAULT_PIN, hash_pin, pin_problem

    given: Path = args.config_file or getattr(args, "config", None) or default_config_path()
    path = given.resolve()  # through a symlink, so that the link itself is kept
    if path.is_dir():
        raise UsageError(f"{given} is a folder; give the kiosk.toml file")
    text: str | None = None
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            tomllib.loads(text.removeprefix("\ufeff"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            sys.stderr.write(
                f"kiosk: error: cannot use {given}: {exc}\n"
                f"Fix the file first ('kiosk config check {given}'); nothing was changed.\n"
            )
            return 1

    first, second = read_pins()
    if first != second:
        raise UsageError("the two PINs differ; nothing was changed")
    problem = pin_problem(first)
    if problem is not None:
        raise UsageError(f"{problem}; nothing was changed")
    if first == DEFAULT_PIN:
        raise UsageError(f"{DEFAULT_PIN} is the bundled default PIN; choose another")

    pin_hash = hash_pin(first)
    if text is None:
        new_text = new_config_text({"staff_pin_hash": pin_hash})
    else:
        new_text = with_setting(text, "staff_pin_hash", pin_hash)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, new_text)
    except OSError as exc:
        sys.stderr.write(
            f"kiosk: error: cannot write {given}: {exc.strerror or exc}"
            " (the system-wide file needs sudo); nothing was changed\n"
        )
        return 1
    verb = "changed" if text is not None else "set in a new file"
    sys.stdout.write(
        f"Staff PIN {verb}: {given}\n"
        "The kiosk reads it when it starts: restart it (sudo systemctl restart kiosk).\n"
    )
    return 0
