"""The statistics database: SQLite in the platform's data folder.

Durability: WAL journal with ``synchronous=FULL``. In WAL mode ``NORMAL`` keeps the
database consistent after a power cut but may lose the last transactions committed
before it (the WAL is synced only at checkpoints); ``FULL`` syncs the WAL at every
commit, so what was committed survives the power going. The cost, one fsync per commit,
is paid by the writer thread, which commits a batch at a time, never by the UI.

Schema changes are migrations numbered by ``PRAGMA user_version``: :data:`MIGRATIONS`
only grows, and :func:`migrate` applies the missing steps in one transaction each.
Every table holds counts keyed by the hour, except ``visits`` (one row per visit: hour,
language, length), so nothing links what one visitor did across tables.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kiosk.stats.events import HOUR_FORMAT, Event, Kind

log = logging.getLogger(__name__)

DATABASE_FILE = "statistics.sqlite3"

# Each entry moves the schema from version N to N + 1 (index N). Never edit a
# released step: add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 0 → 1: the first schema.
    """
    CREATE TABLE visits (
        hour TEXT NOT NULL,
        lang TEXT NOT NULL,
        seconds INTEGER NOT NULL
    );
    CREATE INDEX visits_hour ON visits (hour);
    CREATE TABLE page_views (
        hour TEXT NOT NULL, page TEXT NOT NULL, lang TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, page, lang)
    ) WITHOUT ROWID;
    CREATE TABLE helpful (
        hour TEXT NOT NULL, page TEXT NOT NULL, answer TEXT NOT NULL, reason TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, page, answer, reason)
    ) WITHOUT ROWID;
    CREATE TABLE failed_searches (
        hour TEXT NOT NULL, lang TEXT NOT NULL, query TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, lang, query)
    ) WITHOUT ROWID;
    CREATE TABLE features (
        hour TEXT NOT NULL, feature TEXT NOT NULL, value TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, feature, value)
    ) WITHOUT ROWID;
    CREATE TABLE survey_answers (
        hour TEXT NOT NULL, survey TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, survey, question, answer)
    ) WITHOUT ROWID;
    CREATE TABLE survey_outcomes (
        hour TEXT NOT NULL, survey TEXT NOT NULL, outcome TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (hour, survey, outcome)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# The count tables: name and key columns (hour first). ``visits`` is apart.
COUNT_TABLES: dict[str, tuple[str, ...]] = {
    "page_views": ("hour", "page", "lang"),
    "helpful": ("hour", "page", "answer", "reason"),
    "failed_searches": ("hour", "lang", "query"),
    "features": ("hour", "feature", "value"),
    "survey_answers": ("hour", "survey", "question", "answer"),
    "survey_outcomes": ("hour", "survey", "outcome"),
}
_TABLE_OF_KIND: dict[Kind, str] = {
    Kind.PAGE: "page_views",
    Kind.HELPFUL: "helpful",
    Kind.FAILED_SEARCH: "failed_searches",
    Kind.FEATURE: "features",
    Kind.SURVEY_ANSWER: "survey_answers",
    Kind.SURVEY_OUTCOME: "survey_outcomes",
}


class StatsDatabaseError(Exception):
    """The file is not a statistics database this kiosk can read."""


def default_database_path() -> Path:
    """``statistics.sqlite3`` in the platform's data folder for the kiosk
    (``~/.local/share/mszczonow-kiosk`` on Linux, ``%LOCALAPPDATA%`` on Windows)."""
    import platformdirs

    from kiosk.config import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATABASE_FILE


def _upsert_sql(table: str, keys: tuple[str, ...]) -> str:
    columns = ", ".join(keys)
    marks = ", ".join("?" for _ in keys)
    return (
        f"INSERT INTO {table} ({columns}, count) VALUES ({marks}, ?) "
        f"ON CONFLICT ({columns}) DO UPDATE SET count = count + excluded.count"
    )


UPSERT_SQL: dict[str, str] = {table: _upsert_sql(table, keys) for table, keys in COUNT_TABLES.items()}
INSERT_VISIT_SQL = "INSERT INTO visits (hour, lang, seconds) VALUES (?, ?, ?)"


def connect(path: Path, *, is_writer: bool = True) -> sqlite3.Connection:
    """Open (creating it and its folder when writing) and migrate the database.

    Raises :class:`StatsDatabaseError` when the file is not SQLite or was written by a
    newer kiosk (a higher schema version): it is left untouched.
    """
    if is_writer:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_file():
        raise StatsDatabaseError(f"{path}: no such database")
    # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE … COMMIT).
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if is_writer:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StatsDatabaseError(f"{path}: not a statistics database ({exc})") from None
    except StatsDatabaseError:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path | str = "<memory>") -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one transaction per step."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StatsDatabaseError(
            f"{path}: written by a newer kiosk (schema {version}, this one reads up to {SCHEMA_VERSION})"
        )
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StatsDatabaseError(f"{path}: an SQLite database of something else, not kiosk statistics")
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("statistics database %s now at schema %d", path, version)


def write_events(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Add ``events`` in one transaction: all of them are committed, or none."""
    visits: list[tuple[str, str, int]] = []
    counts: dict[tuple[str, tuple[str, ...]], int] = {}
    for event in events:
        if event.kind is Kind.VISIT:
            visits.append((event.hour, event.fields[0], event.seconds))
        else:
            entry = (_TABLE_OF_KIND[event.kind], (event.hour, *event.fields))
            counts[entry] = counts.get(entry, 0) + 1
    conn.execute("BEGIN IMMEDIATE")
    try:
        if visits:
            conn.executemany(INSERT_VISIT_SQL, visits)
        for (table, key), count in counts.items():
            conn.execute(UPSERT_SQL[table], (*key, count))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def apply_retention(conn: sqlite3.Connection, today: dt.date, months: int) -> int:
    """Delete everything recorded before the first hour kept; the rows deleted."""
    cutoff = dt.datetime.combine(months_before(today, months), dt.time()).strftime(HOUR_FORMAT)
    deleted = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("visits", *COUNT_TABLES):
            deleted += conn.execute(f"DELETE FROM {table} WHERE hour < ?", (cutoff,)).rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if deleted:
        log.info("statistics: %d rows older than %s removed (retention %d months)", deleted, cutoff, months)
    return deleted
