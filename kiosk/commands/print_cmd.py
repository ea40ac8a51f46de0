"""``kiosk print PAGE -o FILE.pdf`` — print a page to PDF through the kiosk's print path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.commands import UsageError, add_easy_read_option, add_kiosk_options


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="print a page to a PDF file")
    parser.add_argument("page", help="a page id")
    parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
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
        variant = kiosk.page_variant(args.page)
        if variant is None:
            raise UsageError(f"unknown page '{args.page}' (see 'kiosk check' for the pages)")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        pages = print_page(loaded.content, variant, loaded.lang, kiosk.clock.now(), output=args.output)
    finally:
        kiosk.close()
    sys.stdout.write(f"{args.output}: {pages} page{'s' if pages != 1 else ''}\n")
    del app
    return 0
