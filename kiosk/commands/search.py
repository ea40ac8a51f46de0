"""``kiosk search QUERY`` — search the content as the kiosk would, one result a line.

Prints ``page-id<TAB>title<TAB>snippet`` best first. Exit status 0 also when nothing
is found (a "did you mean" suggestion then goes to stderr), so staff can script it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands import UsageError, add_easy_read_option, add_kiosk_options


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
    add_kiosk_options(parser)
    add_easy_read_option(parser)
    parser.add_argument("--limit", type=_positive, default=20, help="most results shown")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import build
    from kiosk.search.text import one_line

    limit: int = getattr(args, "limit", 20)
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    kiosk, loaded = build(args)
    try:
        if not kiosk.search.wait_for_index(timeout=120):
            raise UsageError("the search index could not be built (see the log)")
        results = kiosk.search.search(args.query, loaded.lang, limit, kiosk.session.is_easy_read)
    finally:
        kiosk.close()
    if results is None:
        raise UsageError("type something to search for")
    for hit in results.hits:
        sys.stdout.write(f"{hit.page_id}\t{one_line(hit.title)}\t{one_line(hit.snippet)}\n")
    if not results.hits:
        message = f"no results for {args.query!r}"
        if results.suggestion:
            message += f"; did you mean {results.suggestion!r}?"
        sys.stderr.write(message + "\n")
    return 0
