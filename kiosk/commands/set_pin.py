"""``kiosk set-pin`` — store a new staff PIN, as a salted hash, in kiosk.toml.

The PIN is read twice (hidden, from the terminal; or two lines of standard input for
scripts) and never printed or written anywhere in plain text. The rest of the file is
kept as staff wrote it, comments included; a missing file (and its folder) is created.

The file ends up readable by the kiosk and by nobody else: mode 0640, the group being
the kiosk user's (``--user``), else the group the file or its folder already has (the
installer makes ``/etc/mszczonow-kiosk`` ``root:kiosk``). ``--check`` only says whether a
usable PIN is set (exit 0) or not (exit 1), for the installer.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_MODE = 0o640  # owner writes, the kiosk user reads through its group, others nothing


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
    parser.add_argument(
        "--user",
        dest="kiosk_user",
        default=None,
        metavar="NAME",
        help="the user the kiosk runs as: the file gets its group, mode 0640 "
        "(default: the group the file or its folder already has)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing: exit 0 when a usable PIN is set, 1 when not (and say why)",
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


@dataclass(frozen=True)
class Ownership:
    """Who the written file belongs to: ``gid`` None keeps the writer's own group."""

    uid: int | None
    gid: int | None
    why: str  # for the message: whose group reads the file


def user_group(name: str) -> int:
    """The primary group of user ``name``. Raises LookupError for an unknown user."""
    import pwd

    try:
        return pwd.getpwnam(name).pw_gid
    except KeyError:
        raise LookupError(f"there is no user '{name}' on this machine") from None


def choose_ownership(path: Path, kiosk_user: str | None) -> Ownership:
    """The owner and group for ``path``: the kiosk user's group when named, else the
    group the file already has, else its folder's (not root's: root's group is not the
    kiosk). Raises LookupError for an unknown ``kiosk_user``."""
    if os.name != "posix":
        return Ownership(None, None, "")
    existing = None
    try:
        existing = path.stat()
    except OSError:
        pass
    uid = existing.st_uid if existing is not None else None
    if kiosk_user:
        return Ownership(uid, user_group(kiosk_user), f"the group of the user '{kiosk_user}'")
    if existing is not None and existing.st_gid != 0:
        return Ownership(uid, existing.st_gid, "the group the file had")
    try:
        folder = path.parent.stat()
    except OSError:
        folder = None
    if folder is not None and folder.st_gid != 0:
        return Ownership(uid, folder.st_gid, "the group of its folder")
    return Ownership(uid, None, "")


def write_atomically(path: Path, text: str, ownership: Ownership) -> None:
    """Replace ``path`` in one step with ``text``, mode 0640 and ``ownership``."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if hasattr(os, "chown") and (ownership.uid is not None or ownership.gid is not None):
            uid = ownership.uid if ownership.uid is not None else -1
            gid = ownership.gid if ownership.gid is not None else -1
            try:
                os.chown(temporary, uid, gid)
            except PermissionError:
                if ownership.gid is not None:  # not root and not in that group
                    raise
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def check(given: Path) -> int:
    from kiosk.config import load_config
    from kiosk.staff.pin import gate_problem

    config, _ = load_config(given)
    problem = gate_problem(config.staff_pin_hash)
    if problem is None:
        sys.stdout.write(f"A staff PIN is set in {given}.\n")
        return 0
    sys.stdout.write(f"No usable staff PIN in {given}: {problem}.\n")
    return 1


def run(args: argparse.Namespace) -> int:
    import tomllib

    from kiosk.commands import UsageError
    from kiosk.config import default_config_path, new_config_text, with_setting
    from kiosk.staff.pin import guessable_problem, hash_pin, pin_problem

    given: Path = args.config_file or getattr(args, "config", None) or default_config_path()
    path = given.resolve()  # through a symlink, so that the link itself is kept
    if path.is_dir():
        raise UsageError(f"{given} is a folder; give the kiosk.toml file")
    if getattr(args, "check", False):
        return check(given)
    try:
        ownership = choose_ownership(path, getattr(args, "kiosk_user", None))
    except LookupError as exc:
        raise UsageError(f"{exc}; nothing was changed") from None
    text: str | None = None
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            tomllib.loads(text.removeprefix("\ufeff"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
            sys.stderr.write(
                f"kiosk: error: cannot use {given}: {exc}\n"
                f"Fix the file first ('kiosk config check {given}'); nothing was changed.\n"
            )
            return 1

    first, second = read_pins()
    if first != second:
        raise UsageError("the two PINs differ; nothing was changed")
    problem = pin_problem(first) or guessable_problem(first)
    if problem is not None:
        raise UsageError(f"{problem}; nothing was changed")

    pin_hash = hash_pin(first)
    try:
        if text is None:
            new_text = new_config_text({"staff_pin_hash": pin_hash})
        else:
            new_text = with_setting(text, "staff_pin_hash", pin_hash)
    except ValueError as exc:
        sys.stderr.write(f"kiosk: error: cannot use {given}: {exc}; nothing was changed\n")
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, new_text, ownership)
    except OSError as exc:
        sys.stderr.write(
            f"kiosk: error: cannot write {given}: {exc.strerror or exc}"
            " (the system-wide file needs sudo); nothing was changed\n"
        )
        return 1
    verb = "changed" if text is not None else "set in a new file"
    readers = f", readable by {ownership.why}" if ownership.why else ""
    sys.stdout.write(
        f"Staff PIN {verb}: {given}{readers}\n"
        "The kiosk reads it when it starts: restart it (sudo systemctl restart kiosk).\n"
    )
    if ownership.gid is None and os.name == "posix" and os.geteuid() == 0:
        sys.stderr.write(
            "kiosk: warning: the file belongs to root and its group; if the kiosk runs as "
            "another user, run again with --user NAME so that it can read the PIN\n"
        )
    return 0
