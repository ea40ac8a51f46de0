"""'kiosk stats': the report's numbers against a seeded database, CSV, PDF and merge."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.commands import stats as stats_command
from kiosk.content.content import load_content
from kiosk.stats import store
from kiosk.stats.events import Event, Kind
from kiosk.stats.merge import merge_databases
from kiosk.stats.report import build_report, format_text, write_csv

SURVEY = "zadowolenie-zima-2027"


def seed_events() -> list[Event]:
    """A small office's January, every number chosen so the totals are known."""
    e: list[Event] = []
    # 5 visits on 4 Jan (3 at 9:00, 2 at 14:00), 2 on 6 Jan at 9:00, 1 in December (outside).
    for hour, lang, seconds in [
        ("2027-01-04 09:00", "pl", 60),
        ("2027-01-04 09:00", "pl", 120),
        ("2027-01-04 09:00", "en", 180),
        ("2027-01-04 14:00", "pl", 240),
        ("2027-01-04 14:00", "pl", 300),
        ("2027-01-06 09:00", "en", 60),
        ("2027-01-06 09:00", "pl", 0),
        ("2026-12-31 10:00", "pl", 600),
    ]:
        e.append(Event(Kind.VISIT, hour, (lang,), seconds))
    e += [Event(Kind.PAGE, "2027-01-04 09:00", ("opening-hours", "pl"))] * 4
    e += [Event(Kind.PAGE, "2027-01-04 14:00", ("opening-hours", "en"))] * 2
    e += [Event(Kind.PAGE, "2027-01-06 09:00", ("id-card", "pl"))] * 3
    e += [Event(Kind.PAGE, "2026-12-31 10:00", ("contact", "pl"))] * 50  # outside the range
    e += [Event(Kind.HELPFUL, "2027-01-04 09:00", ("opening-hours", "yes", ""))] * 3
    e += [Event(Kind.HELPFUL, "2027-01-04 09:00", ("opening-hours", "no", ""))] * 1
    e += [Event(Kind.HELPFUL, "2027-01-06 09:00", ("id-card", "yes", ""))] * 1
    e += [Event(Kind.HELPFUL, "2027-01-06 09:00", ("id-card", "no", ""))] * 3
    e += [Event(Kind.HELPFUL, "2027-01-06 09:00", ("id-card", "no", "out_of_date"))] * 2
    e += [Event(Kind.HELPFUL, "2027-01-06 09:00", ("id-card", "no", "hard_to_understand"))] * 1
    e += [Event(Kind.FAILED_SEARCH, "2027-01-04 09:00", ("pl", "psy"))] * 3
    e += [Event(Kind.FAILED_SEARCH, "2027-01-06 09:00", ("pl", "wybory"))] * 1
    e += [Event(Kind.FAILED_SEARCH, "2027-01-06 09:00", ("pl", ""))] * 2
    e += [Event(Kind.FEATURE, "2027-01-04 09:00", ("text_size", "150"))] * 2
    e += [Event(Kind.FEATURE, "2027-01-04 14:00", ("speech", "on"))] * 1
    e += [Event(Kind.SURVEY_OUTCOME, "2027-01-04 09:00", (SURVEY, "completed"))] * 3
    e += [Event(Kind.SURVEY_OUTCOME, "2027-01-04 09:00", (SURVEY, "skipped"))] * 2
    for answer in ("5", "4", "4"):
        e.append(Event(Kind.SURVEY_ANSWER, "2027-01-04 09:00", (SURVEY, "overall", answer)))
    for answer in ("all", "some", "all"):
        e.append(Event(Kind.SURVEY_ANSWER, "2027-01-04 09:00", (SURVEY, "found-information", answer)))
    return e


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "kiosk-a.sqlite3"
    conn = store.connect(db)
    store.write_events(conn, seed_events())
    conn.close()
    return db


def january(db: Path) -> object:
    content = load_content(paths.bundled_content_dir())
    conn = store.connect(db, is_writer=False)
    try:
        return build_report(conn, dt.date(2027, 1, 1), dt.date(2027, 1, 31), survey=content.survey, lang="pl")
    finally:
        conn.close()


def test_the_report_numbers_match_the_seeded_database(seeded: Path) -> None:
    conn = store.connect(seeded, is_writer=False)
    content = load_content(paths.bundled_content_dir())
    report = build_report(conn, dt.date(2027, 1, 1), dt.date(2027, 1, 31), survey=content.survey, lang="pl")
    conn.close()
    assert report.visits == 7
    assert report.mean_seconds == pytest.approx(960 / 7)
    assert report.median_seconds == 120
    assert report.visits_by_language == [("pl", 5), ("en", 2)]
    assert len(report.visits_per_day) == 31  # every day of the range, empty ones as 0
    assert dict(report.visits_per_day)[dt.date(2027, 1, 4)] == 5
    assert dict(report.visits_per_day)[dt.date(2027, 1, 5)] == 0
    assert (
        report.visits_per_hour[9] == 5
        and report.visits_per_hour[14] == 2
        and sum(report.visits_per_hour) == 7
    )
    assert report.page_views == 9
    assert report.top_pages == [("opening-hours", 6), ("id-card", 3)]
    least = report.least_helpful
    assert [p.page for p in least] == ["id-card", "opening-hours"]
    assert (least[0].yes, least[0].no, least[0].no_share) == (1, 3, 0.75)
    assert least[0].reasons == {"not_found": 0, "hard_to_understand": 1, "out_of_date": 2}
    assert (report.failed_searches, report.withheld_searches) == (6, 2)
    assert report.top_failed_searches == [("psy", 3), ("wybory", 1)]
    assert report.features == [("speech", "on", 1), ("text_size", "150", 2)]
    (survey,) = report.surveys
    assert survey.offered == 5 and survey.outcomes == {"completed": 3, "partial": 0, "skipped": 2}
    overall, found, waiting = survey.questions
    assert overall.counts == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1}
    assert overall.mean == pytest.approx(13 / 3)
    assert overall.text == "Jak ogólnie oceniasz obsługę w naszym urzędzie?"
    assert found.counts == {"all": 2, "some": 1, "none": 0} and found.mean is None
    assert found.labels["all"] == "Tak, wszystkie"
    assert waiting.total == 0 and waiting.mean is None


def test_without_a_range_everything_is_counted(seeded: Path) -> None:
    conn = store.connect(seeded, is_writer=False)
    report = build_report(conn)
    conn.close()
    assert report.visits == 8 and report.page_views == 59
    assert report.visits_per_day[0] == (dt.date(2026, 12, 31), 1)
    assert report.visits_per_day[-1] == (dt.date(2027, 1, 6), 2)
    (survey,) = report.surveys  # without the survey definition: ids, a scale still has a mean
    assert survey.questions[1].question == "overall" and survey.questions[1].mean == pytest.approx(13 / 3)


def test_the_text_report(seeded: Path) -> None:
    text = format_text(january(seeded))  # type: ignore[arg-type]
    assert "Visits: 7; mean length 2 min 17 s, median 2 min 00 s" in text
    assert "id-card: 1 / 3 (75% no); hard to understand 1, out of date 2" in text
    assert "Searches that found nothing: 6 (2 not stored: digits or too long)" in text
    assert "(3 answers, mean 4.33)" in text


def test_the_csv_report(seeded: Path) -> None:
    stream = io.StringIO()
    write_csv(january(seeded), stream)  # type: ignore[arg-type]
    stream.seek(0)
    rows = list(csv.reader(stream))
    assert rows[0] == ["section", "item", "detail", "count"]
    assert ["visits", "total", "", "7"] in rows
    assert ["visits_per_day", "2027-01-04", "", "5"] in rows
    assert ["visits_per_hour", "09:00", "", "5"] in rows
    assert ["helpful_reason", "id-card", "out_of_date", "2"] in rows
    assert ["failed_search", "psy", "", "3"] in rows
    assert ["failed_searches", "not_stored", "", "2"] in rows
    assert ["survey_answer", f"{SURVEY}/overall", "4", "2"] in rows
    assert ["survey_mean", f"{SURVEY}/overall", "", "4.33"] in rows


def run_stats(argv: list[str]) -> int:
    """The command as 'kiosk stats' runs it (its own parser: COMMAND_MODULES is not ours)."""
    parser = argparse.ArgumentParser()
    stats_command.register(parser.add_subparsers())
    args = parser.parse_args(["stats", *argv])
    return int(args.func(args))


def test_the_command_writes_csv_and_a_pdf_report_with_charts(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kiosk_fonts: None
) -> None:
    pdf, table = tmp_path / "raport.pdf", tmp_path / "raport.csv"
    argv = ["--db", str(seeded), "--from", "2027-01-01", "--to", "2027-01-31", "--csv", str(table)]
    argv += ["--pdf", str(pdf), "--lang", "pl", "--content", str(paths.bundled_content_dir())]
    assert run_stats(argv) == 0
    out = capsys.readouterr().out
    assert "Visits: 7;" in out and "Godziny otwarcia" in out  # titles from the content
    assert f"{table}: CSV written" in out
    assert table.read_text(encoding="utf-8").startswith("section,item,detail,count\n")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "ISO 9001" in flat
    assert "01.01.2027 – 31.01.2027" in flat
    assert "Godziny otwarcia" in flat and "Dowód osobisty" in flat
    assert "psy" in flat and "wybory" in flat
    assert "Jak ogólnie oceniasz obsługę w naszym urzędzie?" in flat
    assert "4.33" in flat
    assert "Tak, wszystkie" in flat  # a chart's category label: the charts are drawn


def test_bad_dates_and_a_missing_database_are_one_line_errors(seeded: Path, tmp_path: Path) -> None:
    from kiosk.cli import UsageError

    with pytest.raises(UsageError, match="bad --from '2027-13-01'"):
        run_stats(["--db", str(seeded), "--from", "2027-13-01"])
    with pytest.raises(UsageError, match="is before --from"):
        run_stats(["--db", str(seeded), "--from", "2027-02-01", "--to", "2027-01-01"])
    with pytest.raises(UsageError, match="no statistics database"):
        run_stats(["--db", str(tmp_path / "none.sqlite3")])
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 1000)
    with pytest.raises(UsageError, match="not a statistics database"):
        run_stats(["--db", str(junk)])


def test_merge_adds_the_kiosks_of_one_office(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "kiosk-b.sqlite3"
    conn = store.connect(other)
    store.write_events(
        conn,
        [
            Event(Kind.VISIT, "2027-01-04 09:00", ("pl",), 30),
            Event(Kind.PAGE, "2027-01-04 09:00", ("opening-hours", "pl")),
            Event(Kind.PAGE, "2027-01-05 11:00", ("waste-collection", "pl")),
            Event(Kind.FAILED_SEARCH, "2027-01-04 09:00", ("pl", "psy")),
        ],
    )
    conn.close()
    before = seeded.read_bytes()
    merged = tmp_path / "urzad.sqlite3"
    assert run_stats(["merge", str(seeded), str(other), "-o", str(merged)]) == 0
    assert "9 visits from 2 databases" in capsys.readouterr().out
    assert seeded.read_bytes() == before  # sources are only read
    conn = store.connect(merged, is_writer=False)
    report = build_report(conn, dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    conn.close()
    assert report.visits == 8
    assert report.top_pages == [("opening-hours", 7), ("id-card", 3), ("waste-collection", 1)]
    assert report.top_failed_searches[0] == ("psy", 4)
    check = sqlite3.connect(merged)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_merge_refuses_to_count_twice_or_overwrite(seeded: Path, tmp_path: Path) -> None:
    from kiosk.cli import UsageError

    with pytest.raises(UsageError, match="named twice"):
        run_stats(["merge", str(seeded), str(seeded), "-o", str(tmp_path / "all.sqlite3")])
    with pytest.raises(UsageError, match="already exists"):
        run_stats(["merge", str(seeded), "-o", str(seeded)])
    with pytest.raises(store.StatsDatabaseError, match="no such database"):
        merge_databases([tmp_path / "missing.sqlite3"], tmp_path / "all.sqlite3")
    assert not (tmp_path / "all.sqlite3").exists()
