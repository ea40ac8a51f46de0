"""One visitor at a time: idle warning, reset of every session field, attract screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content.content import load_content
from kiosk.controller import VisitSettings
from kiosk.session import Location
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.attract_screen import TipRotation
from kiosk.ui.main_window import KioskWindow


@pytest.fixture
def window(kiosk_window: Callable[..., KioskWindow]) -> KioskWindow:
    w = kiosk_window(
        visit=VisitSettings(idle_seconds=0.3, warning_seconds=2),
        clock=FixedClock(dt.datetime(2026, 11, 24, 12, 0, tzinfo=office_timezone())),
    )
    w.kiosk.watch_activity()
    w.kiosk.end_visit()  # start on the attract screen, as after start-up
    return w


def tap(qtbot: QtBot, widget: object, pos: QPoint | None = None) -> None:
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[arg-type]


def test_first_touch_starts_and_is_not_taken_as_a_tap_beneath(qtbot: QtBot, window: KioskWindow) -> None:
    assert window.attract.isVisible()
    tile = window.home_screen.tiles[0]
    centre = tile.mapTo(window, tile.rect().center())
    target = window.childAt(centre)
    assert target is window.attract or window.attract.isAncestorOf(target)
    tap(qtbot, target, target.mapFrom(window, centre))
    assert not window.attract.isVisible()
    assert window.stack.currentWidget() is window.home_screen  # the tile was not pressed
    assert window.kiosk.policy.is_running and window.kiosk.is_visiting
    tap(qtbot, tile)  # the next touch works at once
    assert window.stack.currentWidget() is window.section_screen


def test_warning_appears_counts_down_and_continue_extends(qtbot: QtBot, window: KioskWindow) -> None:
    policy, warning = window.kiosk.policy, window.idle_warning
    tap(qtbot, window.attract)
    with qtbot.waitSignal(policy.warning, timeout=2000):
        pass
    assert warning.isVisible()
    left = warning.seconds_left
    form = {1: "sekundę", 2: "sekundy"}[left]  # Polish plural forms
    assert f"za {left} {form}." in warning.countdown.text()
    tap(qtbot, warning.continue_button)
    assert not warning.isVisible()
    assert policy.is_running and not policy.is_warning
    assert not window.attract.isVisible()


def test_reset_restores_every_session_field(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.kiosk.session
    tap(qtbot, window.attract)
    session.set_language("en")
    session.set_font_scale(250)
    session.set_theme("black-on-yellow")
    session.set_speech(rate="fast", volume="loud", is_speech_mode=True)
    session.set_search_text("podatek")
    session.open(Location("section", "errands"))
    session.open(Location("page", "local-taxes"))
    window.page_screen.body.verticalScrollBar().setValue(200)
    window.idle_warning.show_countdown(5)  # a dialog is open
    with qtbot.waitSignal(window.kiosk.policy.expired, timeout=5000):
        pass
    assert (session.language, session.font_scale, session.theme) == ("pl", 100, "default")
    assert (session.speech_rate, session.speech_volume, session.is_speech_mode) == ("normal", "normal", False)
    assert session.search_text == ""
    assert session.history == [Location.home()] and not session.can_go_back
    assert window.stack.currentWidget() is window.home_screen
    assert not window.idle_warning.isVisible()
    assert window.attract.isVisible()
    assert window.top_bar.office.text() == "Urząd Miejski w Mszczonowie"
    session.open(Location("page", "local-taxes"))
    assert window.page_screen.body.verticalScrollBar().value() == 0  # no scroll position kept


def test_the_next_visitor_does_not_inherit_the_contrast_scheme(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.kiosk.session
    tap(qtbot, window.attract)
    tap(qtbot, window.top_bar.contrast)
    tap(qtbot, window.top_bar.scheme)  # black on yellow: this visitor's choice
    assert session.theme == "black-on-yellow"
    tap(qtbot, window.top_bar.contrast)  # back to the normal look
    window.kiosk.end_visit()
    tap(qtbot, window.attract)
    tap(qtbot, window.top_bar.contrast)
    assert session.theme == "yellow-on-black"  # the first scheme, not the last visitor's


def test_activity_postpones_the_warning(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.attract)
    for _ in range(4):
        qtbot.wait(150)
        QTest.keyClick(window, Qt.Key.Key_Tab)
    assert not window.idle_warning.isVisible()


def test_speech_counts_as_activity(qtbot: QtBot, window: KioskWindow) -> None:
    speaking = [True]
    window.kiosk.policy.is_busy = lambda: speaking[0]
    tap(qtbot, window.attract)
    qtbot.wait(700)
    assert not window.idle_warning.isVisible()
    speaking[0] = False
    with qtbot.waitSignal(window.kiosk.policy.warning, timeout=2000):
        pass


def test_attract_screen_shows_only_active_announcements_and_a_tip(window: KioskWindow) -> None:
    attract = window.attract
    texts = attract.active_texts()
    assert any("2027" in t for t in texts)  # current
    assert not any("15 listopada" in t for t in texts)  # expired
    assert not any("24 grudnia" in t for t in texts)  # future
    assert attract.tip.text()
    assert "Dotknij, aby zacząć" in attract.start_hint.text()
    assert "Touch to start" in attract.start_hint.text()
    assert "Торкніться, щоб почати" in attract.start_hint.text()  # every language of the site


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


def test_new_content_waits_for_the_reset(qtbot: QtBot, window: KioskWindow, make_content) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window.attract)
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    window.kiosk.offer_content(load_content(newer.root))
    assert window.kiosk.content.site.root != newer.root  # a visitor is using the kiosk
    with qtbot.waitSignal(window.kiosk.policy.expired, timeout=5000):
        pass
    assert window.kiosk.content.site.root == newer.root
    QApplication.processEvents()
