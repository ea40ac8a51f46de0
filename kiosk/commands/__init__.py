"""Subcommands of the ``kiosk`` command, one module each.

Each module has ``register(subparsers)`` that adds its parser and sets ``func`` to a
``run(args) -> int``. Modules import heavy things (Qt, engines) inside ``run`` only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.content import Content

COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "render",
    "today",
    "search",
    "speak",
    "print_cmd",
    "config_cmd",
    "set_pin",
)


def load_for_command(content_dir: Path | None, lang: str | None) -> tuple[Content, str]:
    """(Content, language) for a staff command, or a one-line UsageError."""
    from kiosk import paths
    from kiosk.app import summarise_problems
    from kiosk.cli import UsageError
    from kiosk.content.content import load_content

    root = content_dir or paths.bundled_content_dir()
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    content = load_content(root)
    summarise_problems(content)
    site = content.site
    chosen = lang or site.default_language
    if chosen not in site.languages:
        raise UsageError(f"--lang must be one of {', '.join(site.languages)}")
    return content, chosen
