"""``kiosk stats`` — the anonymous statistics for staff and the ISO 9001 review.

``kiosk stats [--from DATE] [--to DATE] [--csv FILE] [--pdf FILE] [--db FILE]`` prints
the report (and writes it as CSV and/or as the PDF review report with charts);
``kiosk stats merge A.db B.db … -o ALL.db`` combines the databases of one office's
kiosks into a new file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "stats",
        help="report the anonymous statistics (text, CSV, PDF); 'stats merge' combines kiosks",
    )
    parser.add_argument(
        "--from", dest="first_day", default=None, help="first day, YYYY-MM-DD (default: the first record)"
    )
    parser.add_argument(
        "--to", dest="last_day", default=None, help="last day, YYYY-MM-DD (default: the last record)"
    )
    parser.add_argument("--csv", type=Path, default=None, help="also write the report as CSV to FILE")
    parser.add_argument(
        "--pdf", type=Path, default=None, help="also write the ISO review report as PDF to FILE"
    )
    parser.add_argument("--db", type=Path, default=None, help="statistics database (default: this kiosk's)")
    # SUPPRESS keeps "kiosk --lang en stats" working (the main parser reads them too).
    parser.add_argument(
        "--lang", default=argparse.SUPPRESS, help="language of the PDF (default: the site's)"
    )
    parser.add_argument(
        "--content", type=Path, default=argparse.SUPPRESS, help="content folder (page titles, survey)"
    )
    parser.set_defaults(func=run, stats_action=None)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", parser_class=type(parser))
    merge = actions.add_parser("merge", help="combine the databases of several kiosks into a new one")
    merge.add_argument("sources", nargs="+", type=Path, help="statistics databases to combine")
    merge.add_argument("-o", "--output", required=True, type=Path, help="the new database to write")
    merge.set_defaults(func=run_merge)


def parse_day(value: str, option: str) -> dt.date:
    from kiosk.cli import UsageError

    try:
        if DATE_RE.match(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"bad {option} {value!r}: use a real day as YYYY-MM-DD, e.g. 2027-03-31")


def _content_dir(args: argparse.Namespace) -> Path:
    from kiosk import paths
    from kiosk.config import load_config

    given = getattr(args, "content", None)
    if given is not None:
        return Path(given)
    config, _problems = load_config(getattr(args, "config", None))
    return Path(config.content) if config.content else paths.bundled_content_dir()


def run(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError
    from kiosk.content.content import load_content
    from kiosk.stats import store
    from kiosk.stats.report import build_report, format_text, write_csv

    first_day = parse_day(args.first_day, "--from") if args.first_day else None
    last_day = parse_day(args.last_day, "--to") if args.last_day else None
    if first_day and last_day and last_day < first_day:
        raise UsageError(f"--to {last_day} is before --from {first_day}")
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise UsageError("the --pdf file must end in .pdf")
    db_path: Path = args.db or store.default_database_path()
    if not db_path.is_file():
        raise UsageError(
            f"no statistics database at {db_path} "
            "(statistics are recorded when kiosk.toml has statistics = true)"
        )
    root = _content_dir(args)
    content = load_content(root) if root.is_dir() else None
    site = content.site if content is not None else None
    lang: str = getattr(args, "lang", None) or (site.default_language if site else "pl")
    if site is not None and lang not in site.languages:
        raise UsageError(f"--lang must be one of {', '.join(site.languages)}")
    titles: dict[str, str] = {}
    if site is not None:
        for page_id in site.pages:
            variant = site.page_variant(page_id, lang)
            if variant is not None:
                titles[page_id] = variant.title
    try:
        conn = store.connect(db_path, is_writer=False)
    except store.StatsDatabaseError as exc:
        raise UsageError(str(exc)) from None
    try:
        report = build_report(
            conn,
            first_day,
            last_day,
            titles=titles,
            survey=content.survey if content is not None else None,
            lang=lang,
        )
    finally:
        conn.close()
    sys.stdout.write(format_text(report))
    if args.csv is not None:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        with args.csv.open("w", encoding="utf-8", newline="") as stream:
            write_csv(report, stream)
        sys.stdout.write(f"{args.csv}: CSV written\n")
    if args.pdf is not None:
        office = site.office.names.get(lang, "") if site is not None else ""
        pages = _write_pdf(report, args.pdf, lang, office)
        sys.stdout.write(f"{args.pdf}: {pages} page{'s' if pages != 1 else ''}\n")
    return 0


def _write_pdf(report: Any, path: Path, lang: str, office: str) -> int:
    from kiosk.app import ensure_platform, make_application
    from kiosk.i18n import active_language, set_language

    ensure_platform(headless=True)
    app = make_application()  # charts are graphics widgets: they need a QApplication
    from kiosk.stats.pdf import write_pdf

    path.parent.mkdir(parents=True, exist_ok=True)
    before = active_language()
    set_language(lang)
    try:
        return write_pdf(report, path, office)
    finally:
        set_language(before)
        del app


def run_merge(args: argparse.Namespace) -> int:
    from kiosk.cli import UsageError
    from kiosk.stats.merge import merge_databases
    from kiosk.stats.store import StatsDatabaseError

    try:
        visits = merge_databases(args.sources, args.output)
    except StatsDatabaseError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(
        f"{args.output}: {visits} visit{'s' if visits != 1 else ''} from {len(args.sources)} databases\n"
    )
    return 0
