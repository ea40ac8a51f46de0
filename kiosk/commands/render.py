"""``kiosk render PAGE -o FILE.png`` — draw a kiosk screen headlessly, for previews.

The screen is the kiosk's own, composed from the same ``kiosk.toml`` (``--config``) as
the running kiosk: its default theme and language, its printer, its timeouts.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from kiosk.commands import UsageError, add_easy_read_option, add_kiosk_options, unknown_page

SIZE_RE = re.compile(r"^(\d{3,5})x(\d{3,5})$")
ATTRACT = "attract"
LANGUAGES = "languages"  # home with the language chooser open
SEARCH = "search"  # its index reads every page rendered
SURVEY = "survey"  # the home screen with the office's survey over it (survey.toml)
PNG_QUALITY = 80  # zlib's fast levels: the same pixels, a 3 % larger file, a third less time


def register(sub: Any) -> None:
    parser = sub.add_parser("render", help="draw a screen into a PNG")
    parser.add_argument(
        "page",
        help="a page id, 'home', 'search', 'attract' (between visitors), 'section:<id>', "
        "'plan', 'plan:<room>' (the way to a room), 'easy-read' (the easy-to-read pages), "
        "'languages' (the language chooser, with more than three languages), 'video' (the pages "
        "in sign language), "
        "'video:<page>' (the page's sign-language video, one second in) or 'survey' (the survey "
        "of survey.toml)",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="PNG file to write")
    add_kiosk_options(parser)
    add_easy_read_option(parser)
    parser.add_argument("--size", default="1080x1920", help="WIDTHxHEIGHT (default 1080x1920)")
    parser.add_argument("--scale", type=int, default=100, help="font size in percent")
    parser.add_argument("--theme", default=None, help="colour theme (default: kiosk.toml's)")
    parser.add_argument(
        "--at",
        default=None,
        metavar="'YYYY-MM-DD HH:MM'",
        help="the moment shown (date, opening status, announcements), office time; default: now",
    )
    parser.add_argument(
        "--scroll-to",
        default="",
        metavar="TEXT",
        help="on a page: scroll to where TEXT is first shown (a table)",
    )
    parser.set_defaults(func=run, quick_exit=True)  # done once the PNG is written (kiosk.cli.run)


def run(args: argparse.Namespace) -> int:
    match = SIZE_RE.match(args.size)
    if not match:
        raise UsageError(f"--size must look like 1080x1920, got {args.size!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if args.output.suffix.lower() != ".png":
        raise UsageError("the output file must end in .png")
    from kiosk.vocabulary import FONT_SCALES, ThemeName

    if args.scale not in FONT_SCALES:
        raise UsageError(f"--scale must be one of {', '.join(map(str, FONT_SCALES))}")
    if args.theme is not None and args.theme not in tuple(ThemeName):
        raise UsageError(f"--theme must be one of {', '.join(ThemeName)}")

    clock = _clock(args.at)
    from kiosk.commands import load

    # The screen shows one page (rendered as it is shown); the others are checked for the
    # summary line only. The search screen's index reads every page rendered.
    loaded = load(args, pages_on_demand=args.page != SEARCH)
    survey = loaded.content.survey if args.page == SURVEY else None
    is_survey = args.page == SURVEY
    if is_survey and survey is None:
        raise UsageError("there is no survey to show: survey.toml is missing or has errors ('kiosk check')")
    location = _location("home" if is_survey else args.page, loaded.content)
    from kiosk.app import ensure_platform, make_application

    ensure_platform(headless=True)
    app = make_application()  # keep a reference: the application must outlive the window
    from kiosk.compose import build_kiosk, open_window
    from kiosk.session import Location, Screen
    from kiosk.speech.engine import select_engine

    # The same controls as the live kiosk: Listen and Speech mode show when speech works.
    kiosk = build_kiosk(
        loaded.config, loaded.content, loaded.lang, clock=clock, speech_engine=select_engine(quiet=True)
    )
    session = kiosk.session

    def choose() -> None:
        session.set_language(loaded.lang)
        session.set_font_scale(args.scale)
        if args.theme is not None:
            session.set_theme(args.theme)
        session.set_easy_read(bool(getattr(args, "easy_read", False)))

    choose()
    if location is not None and location.kind != Screen.HOME:
        # The way a visitor comes (a page through its section), before the window is
        # made: it makes only the screen it shows (the others are made on first use).
        if location.kind == Screen.PAGE:
            variant = kiosk.page_variant(location.target)
            if variant is not None:
                kiosk.open(Location(Screen.SECTION, variant.section))
        kiosk.open(location)
    from kiosk.memory import drop_source_lines

    drop_source_lines()  # what PySide's import hook read of every module so far (memory.py)
    window = open_window(kiosk, width, height, on_screen=False)  # drawn into the PNG only
    drop_source_lines()  # and of the screens' modules
    from kiosk.startup import finish_start

    finish_start(window)  # what the kiosk fills in right after its first paint (the opening status)
    if location is None:
        kiosk.end_visit()  # the attract screen; resets the session: apply the choices again
        choose()
        window.attract.refresh()
    elif location.kind == Screen.SEARCH:
        kiosk.search.wait_for_index()
    elif location.kind == Screen.VIDEO and location.target:
        window.video_screen.show_still()
    if args.page == LANGUAGES:
        window.language_chooser.open()
    if survey is not None:
        window.show_survey(survey)  # its first question, as offered at "End visit"
    if args.scroll_to and location is not None and location.kind == Screen.PAGE:
        grab(window)  # let the page settle at its width first
        window.page_screen.body.scroll_to_text(args.scroll_to)
    image = grab(window)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.output), "PNG", PNG_QUALITY):
        raise UsageError(f"cannot write {args.output}")
    window.close()
    del app
    return 0


def _clock(at: str | None) -> Any:
    """A clock stopped at ``--at`` (office time), or None for the real time."""
    if at is None:
        return None
    import datetime as dt

    from kiosk.today import office_timezone
    from kiosk.today.clock import FixedClock

    try:
        moment = dt.datetime.strptime(at, "%Y-%m-%d %H:%M")  # noqa: DTZ007 - office time, set below
    except ValueError:
        raise UsageError(f"--at must look like '2026-11-02 10:15', got {at!r}") from None
    return FixedClock(moment.replace(tzinfo=office_timezone()))


def _location(page: str, content: Any) -> Any:
    """Where PAGE points; None for the attract screen."""
    from kiosk.session import Location, Screen

    site = content.site
    if page == ATTRACT:
        return None
    if page == Screen.HOME:
        return Location.home()
    if page == Screen.SEARCH:
        return Location(Screen.SEARCH)
    if page == Screen.EASY_READ:
        return Location(Screen.EASY_READ)
    if page == LANGUAGES:
        from kiosk.languages import uses_chooser

        if not uses_chooser(site.languages):
            raise UsageError("the language chooser is shown for more than three languages only")
        return Location.home()
    if page == Screen.PLAN or page.startswith("plan:"):
        room = page.split(":", 1)[1] if ":" in page else ""
        floors = content.floors
        if room and (floors is None or room not in floors.rooms):
            raise UsageError(f"unknown room '{room}' (see floors/floors.toml)")
        return Location(Screen.PLAN, room)
    if page == Screen.VIDEO or page.startswith("video:"):
        target = page.split(":", 1)[1] if ":" in page else ""
        if target and target not in content.sign_videos:
            raise UsageError(f"page '{target}' has no sign-language video (pjm.mp4 or pjm.webm)")
        return Location(Screen.VIDEO, target)
    if page.startswith("section:"):
        section_id = page.split(":", 1)[1]
        if site.section(section_id) is None:
            raise UsageError(f"unknown section '{section_id}'")
        return Location(Screen.SECTION, section_id)
    if page not in site.pages and page not in site.broken_pages:
        raise unknown_page(site, page)
    return Location(Screen.PAGE, page)


def grab(widget: Any) -> Any:
    """Let layouts settle and the window paint itself as it does on a screen, then take
    what it painted: its backing store's image, on the offscreen platform, whose store is
    one image the window owns. Elsewhere (a display's shared or double-buffered store), or
    when the store is not an image of the window's size, the window is drawn into a new
    image (what ``QWidget.grab`` draws)."""
    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
    ratio = widget.devicePixelRatioF()
    store = widget.backingStore() if QGuiApplication.platformName() == "offscreen" else None
    painted = store.paintDevice() if store is not None else None
    if isinstance(painted, QImage) and painted.size() == widget.size() * ratio:
        return QImage(painted)  # shared until the window paints again
    image = QImage(widget.size() * ratio, QImage.Format.Format_RGB32)  # the window is opaque
    image.setDevicePixelRatio(ratio)
    image.fill(widget.palette().window().color())
    widget.render(image)
    return image
