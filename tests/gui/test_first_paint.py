"""Start-up loads what the first screen needs and the rest right after it (issue 20).

A fresh kiosk process (``kiosk.app.start_kiosk``, as ``kiosk`` runs it) records what it
has loaded when its window is first painted, and again once the steps queued for after
that paint (``kiosk.startup``) are done. No timing: what is loaded is what costs time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.ui.main_window import SCREEN_KINDS

CHILD = r"""
import json, linecache, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from kiosk.app import start_kiosk

seen = {}

def loaded():
    search = sys.modules.get("kiosk.search.service")
    return {
        "modules": sorted(sys.modules),
        "stemmers": search is not None and search._analyzers is not None,
        "rendered": runtime.content.is_rendered,
        "staff_panel": hasattr(runtime, "staff_panel"),
        "opening": runtime.window.top_bar.status.text(),
        "screens": sorted(runtime.window.screens),
        "source_lines": sorted(linecache.cache),
    }

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = loaded()
            QTimer.singleShot(0, wait_for_start)
        return False

def wait_for_start(tries=[0]):
    tries[0] += 1
    if runtime.is_started or tries[0] > 400:
        seen["started"] = loaded()
        app.exit(0)
    else:
        QTimer.singleShot(25, wait_for_start)

app, runtime = start_kiosk(None, windowed=True, language=None)
watch = FirstPaint()
runtime.window.installEventFilter(watch)
app.exec()
print(json.dumps(seen))
"""

# Not needed to paint the attract screen; each is loaded on first use or right after.
NOT_BEFORE_FIRST_PAINT = (
    "PySide6.QtMultimedia",  # speech's sound output and the sign-language videos
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPrintSupport",  # printing
    "PySide6.QtCharts",
    "pulsectl",  # the headphones watcher
    "qrcode",  # QR codes
    "holidays",  # the opening status
    "importlib.metadata",
    "_hashlib",  # OpenSSL: PIN hashes, watched folders' signatures
    "kiosk.content.live",
    "kiosk.printing",
    "kiosk.floors.printout",
    "kiosk.stats.report",
    "kiosk.ui.staff_panel",
    "kiosk.speech.headphones",
    # The screens but home (under the attract screen) are made right after the first paint.
    "kiosk.ui.page_screen",
    "kiosk.ui.search_screen",
    "kiosk.ui.plan_screen",
    "kiosk.ui.language_chooser",
)


def start(tmp_path: Path) -> dict[str, dict[str, object]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / name.lower())  # no kiosk.toml, log or statistics of this machine
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen: dict[str, dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_first_paint_needs_no_speech_sound_printing_search_or_staff_panel(tmp_path: Path) -> None:
    seen = start(tmp_path)
    first = seen["painted"]
    modules = set(first["modules"])  # type: ignore[arg-type]
    assert "kiosk.ui.attract_screen" in modules  # it is the start-up path being looked at
    assert [name for name in NOT_BEFORE_FIRST_PAINT if name in modules] == []
    assert not [name for name in modules if name.startswith("holidays.countries.")]
    assert first["stemmers"] is False  # the search index is built later, with its stemmers
    assert first["rendered"] is False  # no page is shown: pages are rendered right after
    assert first["staff_panel"] is False
    assert first["screens"] == ["home"]

    # Right after the first paint, what the next taps need is there (no slow first use).
    after = seen["started"]
    modules = set(after["modules"])  # type: ignore[arg-type]
    assert {"PySide6.QtMultimedia", "kiosk.printing", "kiosk.search.stemming", "holidays"} <= modules
    # The holiday calendar of Poland alone, not of every country.
    countries = [name for name in modules if name.startswith("holidays.countries.")]
    assert countries == ["holidays.countries.poland"]
    assert after["rendered"] is True
    assert after["staff_panel"] is True
    assert after["opening"]  # the opening status is filled in
    assert after["screens"] == sorted(SCREEN_KINDS)  # every screen made before the first tap
    # The source lines PySide's import hook read of every module are not kept (7 MB).
    assert len(after["source_lines"]) < 5, after["source_lines"]  # type: ignore[arg-type]
