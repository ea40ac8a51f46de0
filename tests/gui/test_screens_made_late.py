"""A screen the visitor reaches before the running kiosk made it (kiosk.ui.main_window
makes the screens right after the first paint, one per turn of the event loop) looks as
one made before: a fresh kiosk process, its start-up screen steps left out, compared
with one where they ran (the real runtime, as ``kiosk`` starts it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import kiosk.ui.main_window as main_window
if sys.argv[1] == "late":
    main_window.KioskWindow.screen_steps = lambda self: []  # the visitor comes first
from kiosk.app import start_kiosk

def settle():
    for _ in range(3):
        QApplication.processEvents()
    QTest.qWait(30)
    QApplication.processEvents()

width, height, scale, target = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
app, runtime = start_kiosk(None, windowed=True, language=None)
window, kiosk = runtime.window, runtime.kiosk
window.resize(width, height)  # the screen turned to landscape, or not
started = time.monotonic()
while not runtime.is_started and time.monotonic() - started < 10:
    QApplication.processEvents()
    QTest.qWait(5)
settle()
QTest.mouseClick(window.attract.office, Qt.MouseButton.LeftButton)
settle()
while kiosk.session.font_scale < scale:
    QTest.mouseClick(window.top_bar.larger, Qt.MouseButton.LeftButton)
    settle()
for _ in range(2):  # high contrast tried, and back
    QTest.mouseClick(window.top_bar.contrast, Qt.MouseButton.LeftButton)
    settle()
if target == "page":
    made_before = "page" in window.screens
    QTest.mouseClick(window.screens["home"].task_tiles[0], Qt.MouseButton.LeftButton)  # the ID card
    settle()
    body = window.page_screen.body
    print(json.dumps({"made_before": made_before, "scrolled": body.verticalScrollBar().value(),
                      "size": body.size().toTuple(), "page": kiosk.session.location.target}))
else:
    from kiosk.session import Location
    made_before = target in window.screens
    places = (Location("plan", "2"), Location("page", "opening-hours"), Location("search"),
             Location("section", "errands"), Location(target))  # each screen for the first time
    for location in places:
        kiosk.home()
        settle()
        kiosk.open(location)
        QTest.qWait(250)
        settle()
        window.grab()  # drawn, as the visitor sees it
    screen = window.screens[target]
    print(json.dumps({"made_before": made_before, "compact": [t.is_compact for t in screen.visible_tiles()],
                      "heights": [t.height() for t in screen.visible_tiles()],
                      "range": screen.scroll_area.verticalScrollBar().maximum()}))
"""


def visit(tmp_path: Path, when: str, *args: object) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(tmp_path / when / name.lower())  # no kiosk.toml, log or statistics here
    done = subprocess.run(
        [sys.executable, "-c", CHILD, when, *map(str, args)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_page_made_as_it_opens_in_large_text_opens_at_its_title(tmp_path: Path) -> None:
    """Landscape, 300 %: the page's scroll buttons are beside the text from the first
    layout of a page screen made on the tap (a first layout with them below scrolled the
    text 40 px into the page, the title cut off)."""
    early = visit(tmp_path, "early", 1920, 1080, 300, "page")
    late = visit(tmp_path, "late", 1920, 1080, 300, "page")
    assert early["made_before"] is True and late["made_before"] is False  # what is compared
    assert late["page"] == early["page"] == "id-card"
    assert late["scrolled"] == early["scrolled"] == 0
    assert late["size"] == early["size"]


def test_the_easy_to_read_list_made_as_it_opens_in_large_text_fits_its_tiles_as_one_made_before(
    tmp_path: Path,
) -> None:
    """Portrait, 250 %: each tile's chevron beside or above its title is chosen for the
    list's width (a screen made as it opens chose for a width it had before its first
    layout: the chevron above the title of a tile where it fits beside, the tile taller)."""
    early = visit(tmp_path, "early", 1080, 1920, 250, "easy-read")
    late = visit(tmp_path, "late", 1080, 1920, 250, "easy-read")
    assert early["made_before"] is True and late["made_before"] is False
    assert late["compact"] == early["compact"]
    assert late["heights"] == early["heights"]
    assert late["range"] == early["range"]
