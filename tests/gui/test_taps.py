"""Taps and drags on lists that scroll (QScroller, ``make_kinetic``), as a visitor's finger
makes them: press, real time passing, release. A quick tap and a slow one open the tile; a
drag that starts on a tile scrolls the list and opens nothing.

QScroller holds back the press on a list that can scroll (MousePressEventDelay) and later
hands it to the widget found at that place on the screen; these tests fail if that hand-over
loses the tap (as it did while the tests' screen was smaller than the kiosk's window)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScroller, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.vocabulary import Screen

LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
QUICK_MS, SLOW_MS = 30, 400  # a quick tap, and a slow one held longer than QScroller's delay


def tap(widget: QWidget, hold_ms: int) -> None:
    """A finger on ``widget``'s middle for ``hold_ms`` milliseconds of real time."""
    where = widget.rect().center()
    QTest.mousePress(widget, LEFT, NO_KEYS, where)
    QTest.qWait(hold_ms)
    QTest.mouseRelease(widget, LEFT, NO_KEYS, where)


def drag(widget: QWidget, distance: int) -> None:
    """A finger put down on ``widget`` and slid up by ``distance`` pixels, as a swipe."""
    start = widget.rect().center()
    QTest.mousePress(widget, LEFT, NO_KEYS, start)
    for moved in range(10, distance + 1, 10):
        QTest.mouseMove(widget, start - QPoint(0, moved))
        QTest.qWait(10)
    QTest.qWait(50)  # the finger rests before it lifts: no flick
    QTest.mouseRelease(widget, LEFT, NO_KEYS, start - QPoint(0, distance))


def assert_where_a_finger_finds_it(widget: QWidget) -> None:
    """The widget is on the screen at its place: what a finger there would touch."""
    found = QApplication.widgetAt(widget.mapToGlobal(widget.rect().center()))
    assert found is not None and (found is widget or widget.isAncestorOf(found)), (
        f"the screen does not show {widget.objectName()!r} where it is drawn"
    )


def wait_until_still(qtbot: QtBot, widget: QWidget) -> None:
    """Until the layout has stopped moving ``widget`` (a new text size lays out in steps):
    a finger aims at what it sees."""
    seen: list[QPoint] = []

    def still() -> bool:
        seen.append(widget.mapToGlobal(QPoint(0, 0)))
        return len(seen) >= 4 and seen[-1] == seen[-2] == seen[-3] == seen[-4]

    qtbot.waitUntil(still)


def scrolls(area: QAbstractScrollArea) -> bool:
    return area.verticalScrollBar().maximum() > 0


@pytest.fixture
def window(kiosk_window: Callable[..., KioskWindow], qtbot: QtBot) -> KioskWindow:
    made = kiosk_window(size=(1080, 1920))
    qtbot.waitUntil(lambda: made.home_screen.isVisible())
    return made


@pytest.mark.parametrize("hold_ms", [QUICK_MS, SLOW_MS], ids=["quick", "slow"])
def test_a_tap_on_a_tile_of_a_home_that_scrolls_opens_it(
    qtbot: QtBot, window: KioskWindow, hold_ms: int
) -> None:
    window.kiosk.session.set_font_scale(200)
    home = window.home_screen
    tile = home.easy_tile  # low on the screen (beyond what an 800-pixel screen shows)
    wait_until_still(qtbot, tile)
    assert scrolls(home.scroll_area)
    home.scroll_area.ensureWidgetVisible(tile)
    wait_until_still(qtbot, tile)
    assert_where_a_finger_finds_it(tile)
    tap(tile, hold_ms)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.easy_read_screen, timeout=2000)


@pytest.mark.parametrize("hold_ms", [QUICK_MS, SLOW_MS], ids=["quick", "slow"])
def test_a_tap_on_a_section_list_that_scrolls_at_300_opens_the_page(
    qtbot: QtBot, window: KioskWindow, hold_ms: int
) -> None:
    window.kiosk.session.set_font_scale(300)
    window.kiosk.open(Location(Screen.SECTION, "errands"))
    screen = window.section_screen
    qtbot.waitUntil(lambda: screen.isVisible() and scrolls(screen.scroll_area))
    wait_until_still(qtbot, screen.visible_tiles()[-1])
    # The lowest tile wholly shown, as far down the screen as a list goes.
    shown = [t for t in screen.visible_tiles() if t.visibleRegion().boundingRect() == t.rect()]
    tile = shown[-1]
    assert_where_a_finger_finds_it(tile)
    tap(tile, hold_ms)
    title = tile.property("page_id")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page_screen, timeout=2000)
    assert window.kiosk.session.location == Location(Screen.PAGE, title)


def test_a_drag_that_starts_on_a_tile_scrolls_and_opens_nothing(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.session.set_font_scale(300)
    window.kiosk.open(Location(Screen.SECTION, "errands"))
    screen = window.section_screen
    qtbot.waitUntil(lambda: screen.isVisible() and scrolls(screen.scroll_area))
    wait_until_still(qtbot, screen.visible_tiles()[-1])
    bar = screen.scroll_area.verticalScrollBar()
    opened: list[str] = []
    tiles = screen.visible_tiles()
    for tile in tiles:
        tile.clicked.connect(lambda *_, t=tile: opened.append(str(t.property("page_id"))))
    assert bar.value() == 0
    drag(tiles[1], 300)
    qtbot.waitUntil(lambda: bar.value() >= 200, timeout=2000)
    QTest.qWait(300)  # anything held back would have arrived by now
    assert opened == [] and window.stack.currentWidget() is screen
    # And a tap once the list has come to rest opens the tile under the finger (a tap
    # while it still glides only stops it, as on a phone).
    scroller = QScroller.scroller(screen.scroll_area.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=3000)
    tile = next(t for t in tiles if t.visibleRegion().boundingRect().contains(t.rect().center()))
    tap(tile, QUICK_MS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page_screen, timeout=2000)
    assert opened == [str(tile.property("page_id"))]
