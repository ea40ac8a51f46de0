"""``kiosk print PAGE -o FILE.pdf`` — print a page to PDF through the kiosk's print path."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="print a page to a PDF file")
    parser.add_argument("page", help="a page id")
    parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    parser.add_argument("--lang", default=None, help="language (default: the site's)")
    parser.add_argument("--content", type=Path, default=None, help="content folder")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError
    from kiosk.commands import load_for_command

    if args.output.suffix.lower() != ".pdf":
        raise UsageError("the output file must end in .pdf")
    content, lang = load_for_command(args.content, args.lang)
    from kiosk.app import ensure_platform, make_application

    ensure_platform(headless=True)
    app = make_application()  # fonts; QPrinter needs a GUI application
    from kiosk.printing import print_page
    from kiosk.today.clock import SystemClock

    site = content.site
    variant = site.page_variant(args.page, lang)
    if variant is None:
        raise UsageError(f"unknown page '{args.page}' (see 'kiosk check' for the pages)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    pages = print_page(content, variant, lang, SystemClock().now(), output=args.output)
    print(f"{args.output}: {pages} page{'s' if pages != 1 else ''}")  # noqa: T201 - command output
    del app
    return 0
