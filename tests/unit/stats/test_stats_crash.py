"""The database under repeated kill -9: always valid, every committed visit kept."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kiosk.stats import store

ROOT = Path(__file__).resolve().parents[3]
KILLS = 30


def _start(db: Path, run: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.unit.stats.crash_writer", str(db), str(run)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _wait_for_commits(child: subprocess.Popen[str], at_least: int) -> list[str]:
    """Lines read until ``at_least`` commits were reported (the pipe is read as it fills)."""
    assert child.stdout is not None
    lines: list[str] = []
    commits = 0
    deadline = time.monotonic() + 60
    while commits < at_least and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        lines.append(line)
        commits += line.startswith("committed ")
    return lines


def test_kill_9_in_the_middle_of_writes_loses_no_committed_visit(tmp_path: Path) -> None:
    db = tmp_path / "statistics.sqlite3"
    rng = random.Random(19)
    reported: set[str] = set()
    for run in range(KILLS):
        child = _start(db, run)
        # Kill at a random moment: after a random number of reported commits plus a random
        # extra delay, so the kill lands before, inside and after transactions.
        lines = _wait_for_commits(child, rng.randint(1, 400))
        time.sleep(rng.uniform(0, 0.05))  # the random moment is the point of the test
        os.kill(child.pid, signal.SIGKILL)
        assert child.stdout is not None
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        for line in [*lines, *rest.splitlines(keepends=True)]:
            if line.startswith("committed ") and line.endswith("\n"):  # a cut line proves nothing
                reported.add(line.removeprefix("committed ").strip())
    assert len(reported) > KILLS

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        stored = {hour for (hour,) in conn.execute("SELECT hour FROM visits")}
        missing = reported - stored
        assert not missing, f"{len(missing)} committed visits lost, e.g. {sorted(missing)[:3]}"
        # Each batch is one transaction: a visit's page view and answer are there with it.
        pages = {hour for (hour,) in conn.execute("SELECT hour FROM page_views")}
        assert stored <= pages
    finally:
        conn.close()
    # And the kiosk opens it again and carries on.
    store.connect(db).close()
