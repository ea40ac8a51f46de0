"""The ``kiosk`` command: run the kiosk, or one of the staff subcommands."""

from __future__ import annotations

import argparse
import atexit
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kiosk.commands import COMMAND_MODULES, UsageError

log = logging.getLogger("kiosk")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def existing_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"no such folder: {value}")
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="Town-hall information kiosk.")
    parser.add_argument("--windowed", action="store_true", help="run in a preview window")
    parser.add_argument(
        "--content", type=existing_dir, default=None, help="content folder (default: bundled)"
    )
    parser.add_argument("--lang", default=None, help="start in this language")
    parser.add_argument(
        "--config", type=Path, default=None, help="kiosk.toml (default: the system's config folder)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.set_defaults(func=_run_kiosk)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"kiosk.commands.{name}").register(sub)
    return parser


def _run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.app import run_kiosk

    return run_kiosk(
        content_dir=args.content, windowed=args.windowed, language=args.lang, config_path=args.config
    )


def run() -> NoReturn:
    """The ``kiosk`` program (and ``python -m kiosk``): :func:`main`, then the exit.

    A command that is done once its files are written (``kiosk render``: the PNG) runs
    Python's exit handlers (the log is flushed, temporary speech files are removed,
    PySide deletes the application and its objects) and then ends the process without
    the interpreter's own teardown of every module and object, a tenth of a render's
    time that changes nothing it made."""
    code, quick = _main(None)
    if quick:
        atexit._run_exitfuncs()  # what the interpreter runs at exit; os._exit skips its teardown
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``kiosk`` command's exit status (in-process: also for tests)."""
    return _main(argv)[0]


def _main(argv: Sequence[str] | None) -> tuple[int, bool]:
    """The exit status, and whether the process may leave at once (see :func:`run`)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        sys.stderr.write(f"kiosk: error: {exc}\n")
        return 2, False
    return _run_command(args), bool(getattr(args, "quick_exit", False))


def _run_command(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from kiosk.app import configure_multimedia

    configure_multimedia()  # before any command loads Qt Multimedia
    try:
        return int(args.func(args))
    except UsageError as exc:
        sys.stderr.write(f"kiosk: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `kiosk search … | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a command must never end in a traceback
        log.debug("command failed", exc_info=True)
        sys.stderr.write(f"kiosk: error: {exc}\n")
        return 1
