"""Statistics benchmark: the UI thread's cost per event, and 'kiosk stats' over a year.

1. Records 20,000 events through :class:`~kiosk.stats.visit.VisitStats` into a real
   :class:`~kiosk.stats.recorder.Recorder` (its writer thread committing to SQLite with
   WAL and synchronous=FULL at the same time) and times each call on the calling thread.
2. Generates a year of one busy kiosk (200 visits a day, pages, answers, searches,
   features, survey) and times the 'kiosk stats' command on it: the report for the year,
   with CSV, and separately with the PDF.
3. The staff panel's 30-day glance on that year: reading the database (done on a worker
   thread) and showing the chart and lists (on the UI thread).

Run: ``.venv/bin/python benchmarks/bench_stats.py [--visits-per-day N] [--keep DIR]``
Targets (issue 19): UI-thread cost p95 ≤ 1 ms per event; 'kiosk stats' for a year ≤ 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk import paths  # noqa: E402
from kiosk.commands import stats as stats_command  # noqa: E402
from kiosk.stats import store  # noqa: E402
from kiosk.stats.events import HOUR_FORMAT, Event, Feature, Kind, Reason  # noqa: E402
from kiosk.stats.recorder import Recorder  # noqa: E402
from kiosk.stats.visit import VisitStats  # noqa: E402
from kiosk.today.clock import SystemClock  # noqa: E402

EVENT_P95_TARGET_MS = 1.0
REPORT_TARGET_S = 2.0
EVENTS = 20_000
PAGES = [
    "opening-hours", "id-card", "local-taxes", "waste-collection", "contact", "iso-9001", "epuap",
    "civil-registry", "residence-registration", "payments", "departments", "floor-plan",
    "getting-here", "complaints", "building-planning", "accessibility", "about-town", "kiosk-help",
]  # fmt: skip
SEARCHES = ["psy", "wybory", "basen", "lodowisko", "kino", "Jan Kowalski 12", "85010112345", "dowód"]
SURVEY = "zadowolenie-zima-2027"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_ui_thread(folder: Path) -> float:
    recorder = Recorder(folder / "ui-thread.sqlite3")
    visit = VisitStats(recorder, SystemClock())
    rng = random.Random(7)
    actions = [
        lambda: visit.page_opened(rng.choice(PAGES), "pl"),
        lambda: visit.search_failed(rng.choice(SEARCHES), "pl"),
        lambda: visit.feature_used(Feature.TEXT_SIZE, rng.choice(["150", "200"])),
        lambda: visit.helpful_answered(rng.choice(PAGES), rng.random() < 0.7),
        lambda: visit.reason_given(rng.choice(PAGES), Reason.OUT_OF_DATE),
        lambda: visit.survey_answered(SURVEY, "overall", str(rng.randint(1, 5))),
        lambda: visit.visit_ended("pl"),
    ]
    weights = [40, 5, 5, 10, 3, 3, 10]
    timings: list[float] = []
    for _ in range(EVENTS):
        action = rng.choices(actions, weights)[0]
        start = time.perf_counter_ns()
        action()
        timings.append((time.perf_counter_ns() - start) / 1e6)
    started = time.perf_counter()
    recorder.flush(60)
    drain = time.perf_counter() - started
    recorder.close()
    p50, p95, p99 = (percentile(timings, s) for s in (0.5, 0.95, 0.99))
    print(f"UI thread per event ({EVENTS} events, writer committing meanwhile):")
    print(
        f"  p50 {p50 * 1000:.1f} µs, p95 {p95 * 1000:.1f} µs, p99 {p99 * 1000:.1f} µs, "
        f"max {max(timings):.2f} ms"
    )
    print(f"  writer caught up {drain * 1000:.0f} ms after the last event")
    verdict = "OK" if p95 <= EVENT_P95_TARGET_MS else "MISSED"
    print(f"  target p95 ≤ {EVENT_P95_TARGET_MS:.0f} ms: {verdict}")
    return p95


def year_of_events(visits_per_day: int, first: dt.date, rng: random.Random) -> list[Event]:
    events: list[Event] = []
    opening = list(range(8, 17))
    for offset in range(365):
        day = first + dt.timedelta(days=offset)
        for _ in range(visits_per_day):
            moment = dt.datetime.combine(day, dt.time(rng.choice(opening)))
            hour = moment.strftime(HOUR_FORMAT)
            lang = "pl" if rng.random() < 0.8 else "en"
            events.append(Event(Kind.VISIT, hour, (lang,), rng.randint(1, 60) * 10))
            for _ in range(rng.randint(1, 5)):
                events.append(Event(Kind.PAGE, hour, (rng.choice(PAGES), lang)))
            if rng.random() < 0.35:
                page = rng.choice(PAGES)
                is_yes = rng.random() < 0.75
                events.append(Event(Kind.HELPFUL, hour, (page, "yes" if is_yes else "no", "")))
                if not is_yes and rng.random() < 0.5:
                    events.append(Event(Kind.HELPFUL, hour, (page, "no", rng.choice(list(Reason)).value)))
            if rng.random() < 0.15:
                query = rng.choice(SEARCHES + [""] * 3)
                events.append(Event(Kind.FAILED_SEARCH, hour, (lang, query if query.isalpha() else "")))
            if rng.random() < 0.1:
                events.append(Event(Kind.FEATURE, hour, ("text_size", rng.choice(["150", "200", "300"]))))
            if rng.random() < 0.04:
                events.append(Event(Kind.FEATURE, hour, ("speech", "on")))
            if rng.random() < 0.2:
                answered = rng.random() < 0.6
                outcome = "completed" if answered else "skipped"
                events.append(Event(Kind.SURVEY_OUTCOME, hour, (SURVEY, outcome)))
                if answered:
                    for question, choice in (
                        ("overall", str(rng.randint(1, 5))),
                        ("found-information", rng.choice(["all", "some", "none"])),
                        ("waiting-time", str(rng.randint(1, 5))),
                    ):
                        events.append(Event(Kind.SURVEY_ANSWER, hour, (SURVEY, question, choice)))
    return events


CPU_SECONDS: list[float] = []


def run_stats(argv: list[str]) -> float:
    """Wall-clock seconds of the command, in process (its CPU time goes to CPU_SECONDS)."""
    parser = argparse.ArgumentParser()
    stats_command.register(parser.add_subparsers())
    args = parser.parse_args(["stats", *argv])
    start, cpu = time.perf_counter(), time.process_time()
    with redirect_stdout(io.StringIO()):
        args.func(args)
    CPU_SECONDS.append(time.process_time() - cpu)
    return time.perf_counter() - start


def bench_report(folder: Path, visits_per_day: int) -> float:
    db = folder / "year.sqlite3"
    db.unlink(missing_ok=True)
    first = dt.date(2026, 1, 1)
    started = time.perf_counter()
    events = year_of_events(visits_per_day, first, random.Random(19))
    conn = store.connect(db)
    store.write_events(conn, events)
    conn.close()
    made = time.perf_counter() - started
    size = db.stat().st_size / 1e6
    print(f"\nA year of one kiosk: {visits_per_day} visits a day, {len(events)} events, "
          f"{size:.1f} MB (made in {made:.1f} s)")  # fmt: skip
    base = ["--db", str(db), "--from", "2026-01-01", "--to", "2026-12-31"]
    base += ["--content", str(paths.bundled_content_dir()), "--lang", "pl"]
    text_times = [run_stats([*base, "--csv", str(folder / "year.csv")]) for _ in range(3)]
    text = statistics.median(text_times)
    cpu = statistics.median(CPU_SECONDS)
    quarter = run_stats(["--db", str(db), "--from", "2026-10-01", "--to", "2026-12-31"])
    pdf = run_stats([*base, "--pdf", str(folder / "year.pdf")])
    verdict = "OK" if text <= REPORT_TARGET_S else "MISSED"
    print(f"  kiosk stats for the year, text + CSV: {text:.2f} s (median of 3, CPU {cpu:.2f} s); "
          f"target ≤ {REPORT_TARGET_S:.0f} s: {verdict}")  # fmt: skip
    print(f"  kiosk stats for one quarter, text: {quarter:.2f} s")
    print(f"  kiosk stats for the year with the PDF (charts; first Qt start included): {pdf:.2f} s")
    bench_glance(db)
    return text


def bench_glance(db: Path) -> None:
    """The staff panel's glance: the read (worker thread) and the drawing (UI thread)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import make_application
    from kiosk.ui.stats_glance import StatsGlance, glance_report

    app = QApplication.instance() or make_application()
    today = dt.date(2026, 12, 31)
    reads, shows = [], []
    glance = StatsGlance()
    glance.resize(1000, 600)
    glance.show()
    for _ in range(5):
        start = time.perf_counter()
        report = glance_report(db, today)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        glance.show_report(report)
        app.processEvents()
        shows.append(time.perf_counter() - start)
    glance.close()
    print(
        f"  staff panel, last 30 days: database read {statistics.median(reads) * 1000:.0f} ms "
        f"(worker thread), chart and lists shown {statistics.median(shows) * 1000:.0f} ms "
        f"(UI thread; medians of 5)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits-per-day", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="keep the databases and reports in DIR")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        p95 = bench_ui_thread(folder)
        seconds = bench_report(folder, args.visits_per_day)
    return 0 if p95 <= EVENT_P95_TARGET_MS and seconds <= REPORT_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
