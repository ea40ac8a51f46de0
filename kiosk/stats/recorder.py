"""The queue between the UI thread and the database.

The UI thread only appends an :class:`~kiosk.stats.events.Event` to a queue (a few
microseconds); a writer thread takes whatever has gathered and commits it as one
transaction. A power cut loses at most the events not yet committed, never a committed
one, and never corrupts the file (see :mod:`kiosk.stats.store`). A database that cannot
be opened or written is logged once and the kiosk carries on without statistics.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from kiosk.stats import store
from kiosk.stats.events import Event

log = logging.getLogger(__name__)

MAX_BATCH = 1000
_STOP = object()


class EventSink(Protocol):
    """Where events go: the database writer, or nowhere when statistics are off."""

    @property
    def is_recording(self) -> bool: ...

    def record(self, event: Event) -> None: ...


class NullRecorder:
    """Statistics off (the default): every event is dropped."""

    @property
    def is_recording(self) -> bool:
        return False

    def record(self, event: Event) -> None:
        return None

    def flush(self, timeout: float = 5.0) -> bool:
        return True

    def close(self, timeout: float = 5.0) -> None:
        return None


class Recorder:
    """Appends events to a queue; a daemon thread commits them to ``path`` in batches.

    ``on_commit`` (optional) is called on the writer thread with each committed batch,
    after the commit has returned.
    """

    def __init__(
        self,
        path: Path,
        *,
        on_commit: Callable[[Sequence[Event]], None] | None = None,
    ) -> None:
        self.path = path
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._on_commit = on_commit
        self._pending = 0
        self._lock = threading.Condition()
        self._is_failed = False
        self._thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
        self._ready = threading.Event()
        self._thread.start()

    @property
    def is_recording(self) -> bool:
        return not self._is_failed

    def record(self, event: Event) -> None:
        """Queue ``event``; the only work on the caller's (UI) thread."""
        with self._lock:
            self._pending += 1
        self._queue.put(event)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every event recorded so far is committed (or dropped on failure)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Commit what is queued and stop the writer thread."""
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _done(self, count: int) -> None:
        with self._lock:
            self._pending -= count
            self._lock.notify_all()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            conn = store.connect(self.path)
        except (store.StatsDatabaseError, OSError, sqlite3.Error) as exc:
            log.error("statistics are off: cannot open %s: %s", self.path, exc)
            self._is_failed = True
        self._ready.set()
        is_stopping = False
        while not is_stopping:
            first = self._queue.get()
            batch: list[Event] = []
            if first is _STOP:
                is_stopping = True
            else:
                assert isinstance(first, Event)
                batch.append(first)
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    is_stopping = True
                    continue
                assert isinstance(item, Event)
                batch.append(item)
            if batch:
                self._write(conn, batch)
        if conn is not None:
            conn.close()

    def _write(self, conn: sqlite3.Connection | None, batch: list[Event]) -> None:
        try:
            if conn is not None and not self._is_failed:
                try:
                    store.write_events(conn, batch)
                except sqlite3.Error as exc:
                    if not self._is_failed:
                        log.error("statistics are off: cannot write to %s: %s", self.path, exc)
                    self._is_failed = True
                    return
                if self._on_commit is not None:
                    self._on_commit(batch)
        finally:
            self._done(len(batch))


def open_recorder(
    is_enabled: bool, retention_months: int, path: Path | None = None, today: dt.date | None = None
) -> Recorder | NullRecorder:
    """The recorder for the kiosk's configuration, with retention applied at start.

    ``is_enabled`` is the ``statistics`` setting; ``retention_months`` is
    ``statistics_retention``. Off: a :class:`NullRecorder`. A database that cannot be
    opened: logged, and a :class:`NullRecorder`, so the kiosk always starts.
    """
    if not is_enabled:
        return NullRecorder()
    path = path or store.default_database_path()
    try:
        conn = store.connect(path)
        try:
            if today is None:
                from kiosk.today.clock import SystemClock

                today = SystemClock().now().date()
            store.apply_retention(conn, today, retention_months)
        finally:
            conn.close()
    except (store.StatsDatabaseError, OSError, sqlite3.Error) as exc:
        log.error("statistics are off: cannot open %s: %s", path, exc)
        return NullRecorder()
    return Recorder(path)
