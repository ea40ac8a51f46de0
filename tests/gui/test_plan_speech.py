"""The building plan in speech mode: each room is an item — touched, it is spoken and
outlined; swipes go from room to room; a double tap shows the way to it and reads it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech_mode import DOUBLE_TAP_SECONDS
from tests.fakes import RecordingEngine


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine(duration_ms=40, write_audio=False, timed=True)


@pytest.fixture
def window(
    qtbot: QtBot, engine: RecordingEngine, kiosk_window: Callable[..., KioskWindow]
) -> Iterator[KioskWindow]:
    w = kiosk_window(speech_engine=engine)
    w.kiosk.session.set_speech(is_speech_mode=True)
    w.kiosk.open(Location("plan"))
    yield w
    w.kiosk.speech.stop()


def room_point(window: KioskWindow, room_id: str) -> QPoint:
    canvas = window.plan_screen.canvas
    point = canvas.tap_point(room_id)
    assert point is not None and canvas.rect().contains(point), room_id
    return canvas.mapTo(window, point)


def touch(window: KioskWindow, point: QPoint) -> None:
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)


def swipe_right(window: KioskWindow, start: QPoint) -> None:
    target = window.childAt(start) or window
    local = target.mapFrom(window, start)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    QTest.mouseMove(target, local + QPoint(100, 0))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local + QPoint(200, 0))


def last_said(qtbot: QtBot, engine: RecordingEngine, text: str) -> None:
    qtbot.waitUntil(lambda: bool(engine.texts()) and engine.texts()[-1] == text, timeout=3000)


def let_taps_part(qtbot: QtBot) -> None:
    qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 50)


def test_a_touched_room_is_spoken_with_its_number_name_and_floor_and_outlined(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    plan = window.plan_screen
    touch(window, room_point(window, "3"))
    last_said(qtbot, engine, "Pokój 3, Urząd Stanu Cywilnego (u es ce), Parter")
    assert plan.room_id == ""  # spoken, not used
    outline = window.speech_mode.outline
    room = plan.canvas.room_widget_rect("3")
    assert outline.isVisible()
    assert outline.geometry().contains(QRect(plan.canvas.mapTo(window, room.topLeft()), room.size()))
    # In English, and on the other floor.
    window.kiosk.session.set_language("en")
    plan.tabs["pietro-1"].click()  # what a double tap on the floor's tab does
    let_taps_part(qtbot)
    touch(window, room_point(window, "14"))
    last_said(qtbot, engine, "Room 14, Finance, 1st floor")


def test_off_the_rooms_the_plan_says_its_name(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    canvas = window.plan_screen.canvas
    corner = canvas.mapTo(window, QPoint(4, 4))  # the margin around the drawing
    assert canvas.room_at(canvas.mapFrom(window, corner).toPointF()) == ""
    touch(window, corner)
    last_said(qtbot, engine, "Plan: parter")


def test_swipes_go_from_room_to_room_in_reading_order(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    order = window.speech_mode.reading_order()
    rooms = [item.part for item in order if item.part]
    assert rooms == ["1", "2", "3", "4", "6", "5"]  # the north row, then the south row, west to east
    touch(window, room_point(window, "3"))
    last_said(qtbot, engine, "Pokój 3, Urząd Stanu Cywilnego (u es ce), Parter")
    let_taps_part(qtbot)
    swipe_right(window, room_point(window, "3"))
    last_said(qtbot, engine, "Pokój 4, Kasa, Parter")
    assert window.plan_screen.room_id == ""


def test_a_double_tap_on_a_room_shows_the_way_and_reads_it(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    plan = window.plan_screen
    player = window.kiosk.speech
    touch(window, room_point(window, "4"))
    last_said(qtbot, engine, "Pokój 4, Kasa, Parter")
    let_taps_part(qtbot)
    with qtbot.waitSignal(player.finished, timeout=10000):
        touch(window, room_point(window, "4"))
        touch(window, room_point(window, "4"))  # the second tap uses it
    assert plan.room_id == "4" and plan.route is not None and plan.canvas.route is plan.route
    spoken = plan.spoken_steps()
    texts = engine.texts()
    start = len(texts) - 1 - texts[::-1].index(spoken[0])
    assert texts[start:] == spoken  # the room, every step in order, the total
    assert spoken[-1].startswith("Razem około")


def test_the_reading_bar_keeps_its_buttons_in_place_while_a_touched_name_is_said(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow]
) -> None:
    """Touching Next while the way is read holds the reading and says "Next sentence" at
    once; under that announcement the bar stays as it is for a paused reading, so the
    second tap of a double tap lands on the button that was heard."""
    window = kiosk_window(speech_engine=RecordingEngine(duration_ms=1500, write_audio=False, timed=True))
    window.kiosk.session.set_speech(is_speech_mode=True)
    window.kiosk.open(Location("plan", "14"))
    plan = window.plan_screen
    player = window.kiosk.speech
    plan.speech_bar.play.click()
    qtbot.waitUntil(lambda: player.state == "playing" and player.reading_index == 0, timeout=3000)
    let_taps_part(qtbot)  # the screen's name, said on arrival, is over
    bar = plan.speech_bar
    before = bar.next_button.mapTo(window, QPoint(0, 0))
    touch(window, bar.next_button.mapTo(window, bar.next_button.rect().center()))
    assert player.is_announcing and player.reading_state == "paused"
    assert bar.state == "paused" and bar.next_button.isVisible()
    assert bar.next_button.mapTo(window, QPoint(0, 0)) == before
    qtbot.waitUntil(lambda: not player.is_announcing, timeout=5000)
    assert bar.state == "paused" and bar.next_button.mapTo(window, QPoint(0, 0)) == before
    player.stop()
