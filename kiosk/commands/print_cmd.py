"""``kiosk print PAGE -o FILE.pdf`` — print a page to PDF through the kiosk's print path;
``kiosk print plan:ROOM`` prints the way to a room as the plan screen's Print does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.commands import UsageError, add_easy_read_option, add_kiosk_options, unknown_page

if TYPE_CHECKING:
    from kiosk.content.content import Content
    from kiosk.controller import Kiosk


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="print a page to a PDF file")
    parser.add_argument("page", help="a page id, or plan:ROOM for the way to a room")
    parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    parser.add_argument(
        "--step-free", action="store_true", help="with plan:ROOM, the way without stairs (lift and ramps)"
    )
    add_kiosk_options(parser)
    add_easy_read_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import build

    if args.output.suffix.lower() != ".pdf":
        raise UsageError("the output file must end in .pdf")
    from kiosk.app import ensure_platform, make_application

    ensure_platform(headless=True)
    app = make_application()  # fonts; QPrinter needs a GUI application
    from kiosk.printing import print_page

    kiosk, loaded = build(args)
    try:
        if args.page.startswith("plan:"):
            pages = _print_way(kiosk, loaded.content, args.page[len("plan:") :], loaded.lang, args)
        else:
            variant = kiosk.page_variant(args.page)
            if variant is None:
                raise unknown_page(loaded.content.site, args.page)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            pages = print_page(loaded.content, variant, loaded.lang, kiosk.clock.now(), output=args.output)
    finally:
        kiosk.close()
    sys.stdout.write(f"{args.output}: {pages} page{'s' if pages != 1 else ''}\n")
    del app
    return 0


def _print_way(kiosk: Kiosk, content: Content, room_id: str, lang: str, args: argparse.Namespace) -> int:
    """The way from this kiosk (``kiosk_position``) to a room, as a visitor prints it."""
    from kiosk.floors.printout import print_route

    floors = content.floors
    if floors is None or room_id not in floors.rooms:
        known = ", ".join(sorted(floors.rooms, key=lambda r: r.zfill(8))) if floors is not None else ""
        raise UsageError(f"'{room_id}' is not a room of the plan" + (f" (rooms: {known})" if known else ""))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    return print_route(
        content,
        room_id,
        kiosk.settings.kiosk_position,
        args.step_free,
        lang,
        kiosk.clock.now(),
        output=args.output,
    )
