"""``kiosk search QUERY`` — search the content as the kiosk would, one result a line.

Prints ``page-id<TAB>title<TAB>snippet`` best first. Exit status 0 also when nothing
is found (a "did you mean" suggestion then goes to stderr), so staff can script it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk import paths


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {value!r}")
    return number


def register(sub: Any) -> None:
    parser = sub.add_parser("search", help="search the pages as a visitor would")
    parser.add_argument("query", help="what a visitor would type")
    # SUPPRESS keeps "kiosk --content DIR --lang en search …" working as well.
    parser.add_argument("--lang", default=argparse.SUPPRESS,
                        help="language of the visitor (default: the site's default)")
    parser.add_argument("--content", type=Path, default=argparse.SUPPRESS,
                        help="content folder (default: the bundled one)")
    parser.add_argument("--limit", type=_positive, default=20, help="most results shown")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError
    from kiosk.content.content import load_content
    from kiosk.search import SearchIndex
    from kiosk.search.text import one_line

    root: Path = getattr(args, "content", None) or paths.bundled_content_dir()
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    content = load_content(root)
    site = content.site
    lang: str = getattr(args, "lang", None) or site.default_language
    if lang not in site.languages:
        raise UsageError(f"language {lang!r} is not one of {', '.join(site.languages)}")
    limit: int = getattr(args, "limit", 20)
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    index = SearchIndex.build(content)
    try:
        results = index.search(args.query, lang, limit=limit)
    finally:
        index.close()
    for hit in results.hits:
        sys.stdout.write(f"{hit.page_id}\t{one_line(hit.title)}\t{one_line(hit.snippet)}\n")
    if not results.hits:
        message = f"no results for {args.query!r}"
        if results.suggestion:
            message += f"; did you mean {results.suggestion!r}?"
        sys.stderr.write(message + "\n")
    return 0
