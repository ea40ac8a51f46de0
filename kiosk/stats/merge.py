"""``kiosk stats merge``: the statistics of several kiosks of one office in one file.

Each source is copied into memory and migrated there (the files are only read, never
changed, whatever schema they have), then added to the output: visits as rows, every
count table summed key by key. Merging the same file twice counts it twice, so the
output must be a new file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from kiosk.stats import store


def _in_memory_copy(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise store.StatsDatabaseError(f"{path}: no such database")
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(memory)
        finally:
            source.close()
        store.migrate(memory, path)
    except sqlite3.DatabaseError as exc:
        memory.close()
        raise store.StatsDatabaseError(f"{path}: not a statistics database ({exc})") from None
    except store.StatsDatabaseError:
        memory.close()
        raise
    return memory


def merge_databases(sources: Sequence[Path], output: Path) -> int:
    """Write the sum of ``sources`` into the new file ``output``; the visits merged."""
    if output.exists():
        raise store.StatsDatabaseError(f"{output}: already exists; merge into a new file")
    resolved = {s.resolve() for s in sources}
    if len(resolved) != len(sources):
        raise store.StatsDatabaseError("the same database is named twice; it would be counted twice")
    copies = [_in_memory_copy(path) for path in sources]  # every source checked before writing
    out = store.connect(output)
    visits = 0
    try:
        out.execute("BEGIN IMMEDIATE")
        try:
            for copy in copies:
                rows = copy.execute("SELECT hour, lang, seconds FROM visits").fetchall()
                out.executemany(store.INSERT_VISIT_SQL, rows)
                visits += len(rows)
                for table, keys in store.COUNT_TABLES.items():
                    columns = ", ".join(keys)
                    data = copy.execute(f"SELECT {columns}, count FROM {table}").fetchall()
                    out.executemany(store.UPSERT_SQL[table], data)
            out.execute("COMMIT")
        except BaseException:
            out.execute("ROLLBACK")
            raise
    finally:
        out.close()
        for copy in copies:
            copy.close()
    return visits
