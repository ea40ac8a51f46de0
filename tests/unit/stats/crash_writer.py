"""Child process of the kill -9 test: writes visits in a loop and reports each commit.

``python -m tests.unit.stats.crash_writer DB RUN`` records visits whose start hours are
unique to the run (the hour is the visit's identity) and prints ``committed HOUR`` for
each visit only after the writer thread's commit has returned.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk.stats.events import HOUR_FORMAT, Event, Kind
from kiosk.stats.recorder import Recorder

VISITS_PER_RUN = 50_000
BASE = dt.datetime(2000, 1, 1)


def visit_hour(run: int, index: int) -> str:
    return (BASE + dt.timedelta(hours=run * VISITS_PER_RUN + index)).strftime(HOUR_FORMAT)


def main(argv: Sequence[str]) -> None:
    path, run = Path(argv[0]), int(argv[1])
    out = sys.stdout

    def committed(batch: Sequence[Event]) -> None:
        lines = "".join(f"committed {e.hour}\n" for e in batch if e.kind is Kind.VISIT)
        out.write(lines)
        out.flush()

    recorder = Recorder(path, on_commit=committed)
    out.write("ready\n")
    out.flush()
    for index in range(VISITS_PER_RUN):
        hour = visit_hour(run, index)
        recorder.record(Event(Kind.PAGE, hour, ("opening-hours", "pl")))
        recorder.record(Event(Kind.HELPFUL, hour, ("opening-hours", "no", "out_of_date")))
        recorder.record(Event(Kind.VISIT, hour, ("pl",), 60))
        if index % 50 == 49:
            recorder.flush()  # keep the queue short, so that commits are many and small
    threading.Event().wait()  # all written: wait for the kill


if __name__ == "__main__":
    main(sys.argv[1:])
