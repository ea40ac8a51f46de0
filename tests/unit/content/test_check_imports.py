"""``kiosk check`` loads only what checking uses: no Qt, no search, no speech engine.

Start-up is most of a small check's time, and a staff member may run it on a machine
without a screen; so a real ``python -m kiosk check`` process is asked which modules
it imported (``-X importtime`` lists each one as it is loaded).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.bench_search import generate
from kiosk import paths

ROOT = Path(__file__).resolve().parents[3]
NEVER = ("PySide6", "shiboken6", "kiosk.search", "kiosk.ui.main_window", "kiosk.controller",
         "sqlite3", "rapidfuzz", "snowballstemmer", "pymorphy3", "qrcode")  # fmt: skip
# A folder without easy-to-read pages needs no sentence splitting either.
PLAIN_FOLDER_NEVER = (*NEVER, "kiosk.speech")


def imported_by_check(folder: Path) -> tuple[set[str], str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kiosk", "check", str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, result.stdout


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` among ``modules`` (a package and what is in it)."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_check_of_the_sample_imports_no_qt_nor_search() -> None:
    modules, out = imported_by_check(paths.bundled_content_dir())
    assert out.splitlines()[-1].startswith("OK: 0 errors"), out
    assert "kiosk.content.markup" in modules  # the listing is what was imported
    assert loaded(modules, NEVER) == []


def test_check_of_plain_pages_imports_no_speech(tmp_path: Path) -> None:
    generate(tmp_path / "content", 3)
    modules, out = imported_by_check(tmp_path / "content")
    assert out.splitlines()[-1].startswith("OK: 0 errors"), out
    assert loaded(modules, PLAIN_FOLDER_NEVER) == []
