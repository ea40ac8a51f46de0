"""``kiosk print PAGE -o FILE.pdf`` — print a page to PDF through the kiosk's print path."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import paths


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="print a page to a PDF file")
    parser.add_argument("page", help="a page id")
    parser.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    parser.add_argument("--lang", default=None, help="language (default: the site's)")
    parser.add_argument("--content", type=Path, default=None, help="content folder")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError

    root: Path = args.content or paths.bundled_content_dir()
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    if args.output.suffix.lower() != ".pdf":
        raise UsageError("the output file must end in .pdf")
    from kiosk.app import ensure_platform, make_application, summarise_problems

    ensure_platform(headless=True)
    app = make_application()  # fonts; QPrinter needs a GUI application
    from kiosk.printing import print_page
    from kiosk.site.content import load_content
    from kiosk.today.clock import SystemClock

    content = load_content(root)
    summarise_problems(content)
    site = content.site
    lang = args.lang or site.default_language
    if lang not in site.languages:
        raise UsageError(f"--lang must be one of {', '.join(site.languages)}")
    variant = site.page_variant(args.page, lang)
    if variant is None:
        raise UsageError(f"unknown page '{args.page}' (see 'kiosk check' for the pages)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    pages = print_page(content, variant, lang, SystemClock().now(), output=args.output)
    print(f"{args.output}: {pages} page{'s' if pages != 1 else ''}")  # noqa: T201 - command output
    del app
    return 0
