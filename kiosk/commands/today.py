"""``kiosk today`` — print the header line and the opening status for a moment.

For staff checking a date ("what will the kiosk say on 11 November?") and for the
acceptance test. Problems in namedays.toml go to stderr; the two lines to stdout.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, time
from typing import Any

from kiosk.commands import add_kiosk_options

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


def register(sub: Any) -> None:
    parser = sub.add_parser("today", help="print the header line and opening status for a moment")
    # SUPPRESS keeps "kiosk --lang en today" working: an absent option must not
    # overwrite the value the main parser already read.
    parser.add_argument("--date", default=argparse.SUPPRESS, help="day as YYYY-MM-DD (default: today)")
    parser.add_argument("--time", default=argparse.SUPPRESS, help="time as HH:MM, 24-hour (default: now)")
    add_kiosk_options(parser)
    parser.set_defaults(func=run)


def parse_date(value: str) -> date:
    from kiosk.commands import UsageError

    try:
        if DATE_RE.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"bad --date {value!r}: use a real day as YYYY-MM-DD, e.g. 2026-11-24")


def parse_time(value: str) -> time:
    from kiosk.commands import UsageError

    match = TIME_RE.match(value)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    raise UsageError(f"bad --time {value!r}: use HH:MM, 24-hour, e.g. 14:05")


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import build
    from kiosk.today import office_timezone
    from kiosk.today.clock import FixedClock, SystemClock

    day_arg: str | None = getattr(args, "date", None)
    time_arg: str | None = getattr(args, "time", None)
    day = parse_date(day_arg) if day_arg is not None else None
    clock_time = parse_time(time_arg) if time_arg is not None else None
    now = SystemClock().now()
    moment = datetime.combine(
        day or now.date(),
        clock_time or now.time().replace(second=0, microsecond=0),
        tzinfo=office_timezone(),
    )
    kiosk, loaded = build(args, clock=FixedClock(moment))
    namedays = loaded.content.namedays
    for problem in namedays.problems if namedays is not None else []:
        sys.stderr.write(problem.format(loaded.root) + "\n")
    sys.stdout.write(kiosk.header_text() + "\n")
    sys.stdout.write(kiosk.opening_text() + "\n")
    kiosk.close()
    return 0
