"""``kiosk render PAGE -o FILE.png`` — draw a kiosk screen headlessly, for previews."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

SIZE_RE = re.compile(r"^(\d{3,5})x(\d{3,5})$")


def register(sub: Any) -> None:
    parser = sub.add_parser("render", help="draw a screen into a PNG")
    parser.add_argument(
        "page", help="a page id, 'home', 'search', 'attract' (between visitors) or 'section:<id>'"
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="PNG file to write")
    parser.add_argument("--content", type=Path, default=None, help="content folder")
    parser.add_argument("--lang", default=None, help="language (default: the site's)")
    parser.add_argument("--size", default="1080x1920", help="WIDTHxHEIGHT (default 1080x1920)")
    parser.add_argument("--scale", type=int, default=100, help="font size in percent")
    parser.add_argument("--theme", default="default", help="colour theme")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError

    match = SIZE_RE.match(args.size)
    if not match:
        raise UsageError(f"--size must look like 1080x1920, got {args.size!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if args.output.suffix.lower() != ".png":
        raise UsageError("the output file must end in .png")
    from kiosk.session import FONT_SCALES
    from kiosk.ui.themes import THEMES

    if args.scale not in FONT_SCALES:
        raise UsageError(f"--scale must be one of {', '.join(map(str, FONT_SCALES))}")
    if args.theme not in THEMES:
        raise UsageError(f"--theme must be one of {', '.join(THEMES)}")

    from kiosk.commands import load_for_command

    content, lang = load_for_command(args.content, args.lang)
    site = content.site
    from kiosk.app import ensure_platform, make_application

    ensure_platform(headless=True)
    app = make_application()  # keep a reference: the application must outlive the window
    from kiosk.session import Location, Session
    from kiosk.ui.main_window import KioskWindow

    location = _location(args.page, content)
    session = Session(default_language=site.default_language)
    session.set_language(lang)
    session.set_font_scale(args.scale)
    session.set_theme(args.theme)
    from kiosk.speech.engine import select_engine

    # The same controls as the live kiosk: Listen and Speech mode show when speech works.
    window = KioskWindow(content, session, speech_engine=select_engine(quiet=True))
    window.resize(width, height)
    window.show()
    if location.kind == "attract":
        from kiosk.ui.visit import VisitController

        visit = VisitController(
            window, 90, 30, today=lambda: window.clock.now().date(), header=window.header_text
        )
        visit.end_visit()  # resets the session: apply the preview's choices again
        session.set_language(lang)
        session.set_font_scale(args.scale)
        session.set_theme(args.theme)
        visit.attract.refresh()
    elif location.kind == "search":
        session.open(location)
        window.search_screen.wait_for_index()
    elif location.kind != "home":
        if location.kind == "page":
            variant = site.page_variant(location.target, lang)
            if variant is not None:
                session.open(Location("section", variant.section))
        session.open(location)
    image = grab(window)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.output), "PNG"):
        raise UsageError(f"cannot write {args.output}")
    window.close()
    del app
    return 0


def _location(page: str, content: Any) -> Any:
    from kiosk.cli import UsageError
    from kiosk.session import Location

    site = content.site
    if page == "home":
        return Location.home()
    if page in ("attract", "search"):
        return Location(page)
    if page.startswith("section:"):
        section_id = page.split(":", 1)[1]
        if site.section(section_id) is None:
            raise UsageError(f"unknown section '{section_id}'")
        return Location("section", section_id)
    if page not in site.pages and page not in site.broken_pages:
        raise UsageError(f"unknown page '{page}' (see 'kiosk check' for the pages)")
    return Location("page", page)


def grab(widget: Any) -> Any:
    """Let layouts settle, then grab the widget as a QPixmap."""
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
    return widget.grab()
