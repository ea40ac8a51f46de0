"""One visitor at a time: idle warning, reset of every session field, attract screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content.content import load_content
from kiosk.session import Location
from kiosk.ui.attract_screen import TipRotation
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.visit import VisitController


@pytest.fixture
def visit(bundled_window: KioskWindow) -> VisitController:
    window = bundled_window
    controller = VisitController(
        window, idle_seconds=0.3, warning_seconds=2, today=lambda: dt.date(2026, 11, 24)
    )
    controller.end_visit()  # start on the attract screen, as after start-up
    return controller


def tap(qtbot: QtBot, widget: object, pos: QPoint | None = None) -> None:
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[arg-type]


def test_first_touch_starts_and_is_not_taken_as_a_tap_beneath(qtbot: QtBot, visit: VisitController) -> None:
    window = visit.window
    assert visit.attract.isVisible()
    tile = window.home_screen.tiles[0]
    centre = tile.mapTo(window, tile.rect().center())
    target = window.childAt(centre)
    assert target is visit.attract or visit.attract.isAncestorOf(target)
    tap(qtbot, target, target.mapFrom(window, centre))
    assert not visit.attract.isVisible()
    assert window.stack.currentWidget() is window.home_screen  # the tile was not pressed
    assert visit.policy.is_running
    tap(qtbot, tile)  # the next touch works at once
    assert window.stack.currentWidget() is window.section_screen


def test_warning_appears_counts_down_and_continue_extends(qtbot: QtBot, visit: VisitController) -> None:
    tap(qtbot, visit.attract)
    with qtbot.waitSignal(visit.policy.warning, timeout=2000):
        pass
    assert visit.warning.isVisible()
    left = visit.warning.seconds_left
    form = {1: "sekundę", 2: "sekundy"}[left]  # Polish plural forms
    assert f"za {left} {form}." in visit.warning.countdown.text()
    tap(qtbot, visit.warning.continue_button)
    assert not visit.warning.isVisible()
    assert visit.policy.is_running and not visit.policy.is_warning
    assert not visit.attract.isVisible()


def test_reset_restores_every_session_field(qtbot: QtBot, visit: VisitController) -> None:
    window, session = visit.window, visit.session
    tap(qtbot, visit.attract)
    session.set_language("en")
    session.set_font_scale(250)
    session.set_theme("black-on-yellow")
    session.set_speech(rate="fast", volume="loud", is_speech_mode=True)
    session.set_search_text("podatek")
    session.open(Location("section", "errands"))
    session.open(Location("page", "local-taxes"))
    window.page_screen.body.verticalScrollBar().setValue(200)
    visit.warning.show_countdown(5)  # a dialog is open
    with qtbot.waitSignal(visit.policy.expired, timeout=5000):
        pass
    assert (session.language, session.font_scale, session.theme) == ("pl", 100, "default")
    assert (session.speech_rate, session.speech_volume, session.is_speech_mode) == ("normal", "normal", False)
    assert session.search_text == ""
    assert session.history == [Location.home()] and not session.can_go_back
    assert window.stack.currentWidget() is window.home_screen
    assert not visit.warning.isVisible()
    assert visit.attract.isVisible()
    assert window.top_bar.office.text() == "Urząd Miejski w Mszczonowie"
    session.open(Location("page", "local-taxes"))
    assert window.page_screen.body.verticalScrollBar().value() == 0  # no scroll position kept


def test_activity_postpones_the_warning(qtbot: QtBot, visit: VisitController) -> None:
    tap(qtbot, visit.attract)
    for _ in range(4):
        qtbot.wait(150)
        QTest.keyClick(visit.window, Qt.Key.Key_Tab)
    assert not visit.warning.isVisible()


def test_speech_counts_as_activity(qtbot: QtBot, visit: VisitController) -> None:
    speaking = [True]
    visit.set_busy_check(lambda: speaking[0])
    tap(qtbot, visit.attract)
    qtbot.wait(700)
    assert not visit.warning.isVisible()
    speaking[0] = False
    with qtbot.waitSignal(visit.policy.warning, timeout=2000):
        pass


def test_attract_screen_shows_only_active_announcements_and_a_tip(visit: VisitController) -> None:
    texts = visit.attract.active_texts()
    assert any("2027" in t for t in texts)  # current
    assert not any("15 listopada" in t for t in texts)  # expired
    assert not any("24 grudnia" in t for t in texts)  # future
    assert visit.attract.tip.text()
    assert "Dotknij ekranu, aby rozpocząć" in visit.attract.start_hint.text()
    assert "Touch the screen to start" in visit.attract.start_hint.text()


def test_tip_rotation_timing_and_pause() -> None:
    now = [0.0]
    rotation = TipRotation(3, lambda: now[0], period=10.0)
    seen = []
    for second in range(0, 40, 5):
        now[0] = float(second)
        seen.append(rotation.index())
    assert seen == [0, 0, 1, 1, 2, 2, 0, 0]
    now[0] = 12.0
    rotation.pause()
    now[0] = 100.0
    assert rotation.index() == 1  # paused: stays
    rotation.resume()
    now[0] = 107.0
    assert rotation.index() == 1
    now[0] = 108.5
    assert rotation.index() == 2


def test_new_content_waits_for_the_reset(qtbot: QtBot, visit: VisitController, make_content) -> None:  # type: ignore[no-untyped-def]
    window = visit.window
    tap(qtbot, visit.attract)
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    window.offer_content(load_content(newer.root))
    assert window.content.site.root != newer.root  # a visitor is using the kiosk
    with qtbot.waitSignal(visit.policy.expired, timeout=5000):
        pass
    assert window.content.site.root == newer.root
    QApplication.processEvents()
