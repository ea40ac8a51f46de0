"""Subcommands of the ``kiosk`` command, one module each.

Each module has ``register(subparsers)`` that adds its parser and sets ``func`` to a
``run(args) -> int``. Modules import heavy things (Qt, engines) inside ``run`` only.
Every command that shows content reads it the way the kiosk does: ``--config FILE`` (or
the system's ``kiosk.toml``), ``--content DIR`` (or the configured folder, or the
bundled sample) and ``--lang`` (or kiosk.toml's default language, or the site's), through
:func:`load` — one loader, one message style.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.content.content import Content
    from kiosk.content.model import Site
    from kiosk.controller import Kiosk
    from kiosk.speech.engine import SpeechEngine
    from kiosk.today.clock import Clock

COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "render",
    "today",
    "search",
    "speak",
    "print_cmd",
    "config_cmd",
    "set_pin",
    "route",
    "stats",
)


class UsageError(Exception):
    """Invalid input from the command line: one line, exit status 2."""


def unknown_page(site: Site, page: str) -> UsageError:
    """"unknown page" with the pages meant, found by their folder names and their titles
    in every language: a clerk types "zameldowanie" for ``residence-registration``."""
    import difflib

    from kiosk.search.text import fold  # as search folds: no case, no diacritics

    wanted = fold(page)
    names: dict[str, str] = {}  # folded id or title → page id
    for page_id, found in site.pages.items():
        names.setdefault(fold(page_id), page_id)
        for variant in found.variants.values():
            names.setdefault(fold(variant.title), page_id)
    meant = [names[name] for name in names if wanted and wanted in name]
    meant += [names[name] for name in difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)]
    choices = list(dict.fromkeys(meant))[:3]
    naming = "a page is named by its folder under pages/"
    if choices:
        shown = ", ".join(f"'{page_id}' ({_title(site, page_id)})" for page_id in choices)
        return UsageError(f"unknown page '{page}'; did you mean {shown}? ({naming})")
    example = f" (e.g. '{min(site.pages)}')" if site.pages else ""
    return UsageError(f"unknown page '{page}': {naming}{example}")


def _title(site: Site, page_id: str) -> str:
    variant = site.pages[page_id].variant(site.default_language)
    return variant.title if variant is not None else page_id


def add_kiosk_options(parser: Any, language: bool = True) -> None:
    """``--config``, ``--content`` and ``--lang`` for a command that shows content.

    SUPPRESS keeps ``kiosk --content DIR COMMAND`` working too: an option absent after
    the command must not overwrite what the main parser already read."""
    parser.add_argument(
        "--config", type=Path, default=argparse.SUPPRESS, help="kiosk.toml (default: the system's)"
    )
    parser.add_argument(
        "--content", type=Path, default=argparse.SUPPRESS,
        help="content folder (default: kiosk.toml's, else the bundled sample)",
    )
    if language:
        parser.add_argument(
            "--lang", default=argparse.SUPPRESS,
            help="language (default: kiosk.toml's default language, else the site's)",
        )


def add_easy_read_option(parser: Any) -> None:
    """``--easy-read``: as a visitor who chose easy-to-read text sees the content."""
    parser.add_argument(
        "--easy-read", action="store_true",
        help="the easy-to-read version of pages that have one (<lang>.etr.md)",
    )


@dataclass
class Loaded:
    """What a command works on, read as the kiosk reads it."""

    config: Config
    content: Content
    root: Path
    lang: str


def load(args: argparse.Namespace, pages_on_demand: bool = False) -> Loaded:
    """kiosk.toml, the content folder and the language for a command, or a UsageError.

    A bad kiosk.toml is reported with file:line and its defaults are used; content
    problems are summed up in one line (``kiosk check`` lists them). ``pages_on_demand``:
    each page is rendered when it is first shown (``Content.check_all``)."""
    from kiosk.compose import content_source, load_kiosk_content, read_config

    config, _problems = read_config(getattr(args, "config", None))
    root = content_source(config, getattr(args, "content", None))
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    content = load_kiosk_content(root, pages_on_demand)
    site = content.site
    lang: str | None = getattr(args, "lang", None)
    if lang is None:
        lang = config.default_language if config.default_language in site.languages else site.default_language
    if lang not in site.languages:
        raise UsageError(f"--lang must be one of {', '.join(site.languages)}")
    return Loaded(config, content, root, lang)


def build(
    args: argparse.Namespace,
    speech_engine: SpeechEngine | None = None,
    clock: Clock | None = None,
) -> tuple[Kiosk, Loaded]:
    """The kiosk as ``kiosk`` itself composes it, for a command (no window shown)."""
    from kiosk.app import ensure_platform, make_application
    from kiosk.compose import build_kiosk

    loaded = load(args)
    ensure_platform(headless=True)
    make_application()  # the same application as the kiosk's (its workers report through it)
    kiosk = build_kiosk(loaded.config, loaded.content, loaded.lang, clock=clock, speech_engine=speech_engine)
    kiosk.set_easy_read(bool(getattr(args, "easy_read", False)))
    return kiosk, loaded
