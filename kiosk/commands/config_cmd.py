"""``kiosk config check [FILE]`` and ``kiosk config show`` — the kiosk's own kiosk.toml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.content.model import Problem


def register(sub: Any) -> None:
    parser = sub.add_parser("config", help="check or show the kiosk's configuration (kiosk.toml)")
    actions = parser.add_subparsers(
        title="actions", metavar="ACTION", dest="config_action", parser_class=type(parser)
    )
    actions.required = True
    check = actions.add_parser("check", help="validate a kiosk.toml; lists every problem")
    check.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="the file to check (default: $KIOSK_CONFIG or the system-wide kiosk.toml)",
    )
    show = actions.add_parser("show", help="print the effective configuration as TOML")
    show.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        default=None,
        metavar="FILE",
        help="configuration file (default: $KIOSK_CONFIG or the system-wide kiosk.toml)",
    )
    parser.set_defaults(func=run)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def run(args: argparse.Namespace) -> int:
    if args.config_action == "check":
        return run_check(args)
    return run_show(args)


def run_check(args: argparse.Namespace) -> int:
    from kiosk.commands import UsageError
    from kiosk.config import content_folder_problems, default_config_path, load_config

    path: Path = args.file or getattr(args, "config", None) or default_config_path()
    if not path.exists():
        if args.file is not None:
            raise UsageError(f"no such file: {path}")
        sys.stdout.write(f"No configuration file at {path}: the kiosk runs on the defaults.\n")
        return 0
    config, problems = load_config(path)
    position = _position_problem(config, path)
    if position is not None:
        problems.append(position)
    problems += content_folder_problems(config)
    for problem in problems:
        sys.stdout.write(problem.format() + "\n")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    verdict = "FAILED" if errors else "OK"
    sys.stdout.write(f"{verdict}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {path}\n")
    return 1 if errors else 0


def _position_problem(config: Config, path: Path) -> Problem | None:
    """``kiosk_position`` checked against the building plan of the content it serves."""
    from kiosk import paths
    from kiosk.content.loader import load_site
    from kiosk.floors.loader import load_floors
    from kiosk.floors.position import kiosk_position_problem
    from kiosk.problems import Collector as _Collector

    if not config.kiosk_position:
        return None
    root = Path(config.content) if config.content else paths.bundled_content_dir()
    if not root.is_dir():
        return None
    floors = load_floors(root, load_site(root), _Collector())
    return kiosk_position_problem(config, floors, path)


def run_show(args: argparse.Namespace) -> int:
    from kiosk.commands import UsageError
    from kiosk.config import default_config_path, dump_config, load_config

    path: Path = args.config_file or getattr(args, "config", None) or default_config_path()
    if args.config_file is not None and not path.exists():
        raise UsageError(f"no such file: {path}")
    config, problems = load_config(path)
    for problem in problems:
        sys.stderr.write(problem.format() + "\n")
    sys.stdout.write(dump_config(config))
    return 0
