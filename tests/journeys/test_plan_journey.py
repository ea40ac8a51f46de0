""" "Where is room 14?" — two visitors find it through the real kiosk window (bundled
content, the kiosk standing in the hall): Pan Marek without sight, in speech mode, by
the on-screen keyboard and the spoken steps; a sighted visitor by tapping the plan,
without stairs, and taking the way along on paper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.content.content import Content
from kiosk.floors.printout import print_route
from kiosk.session import Location
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.plan_screen import PlanScreen
from kiosk.ui.themes import theme
from tests.fakes import RecordingEngine
from tests.journeys.touch import centre, double_tap, pause_between_taps, touch_at

TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 30, tzinfo=office_timezone())
Open = Callable[..., KioskWindow]


def in_the_hall() -> Config:
    """The kiosk.toml of a kiosk standing in the hall of the sample building."""
    return dataclasses.replace(Config.defaults(), kiosk_position="hall")


def route_pixel(screen: PlanScreen) -> QColor:
    """The colour on screen a little way along the route's first stretch on this floor."""
    canvas = screen.canvas
    a, b = canvas.route_points(canvas.floor_id)[0][:2]
    length = ((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5
    along = min(20.0, length / 2) / length
    point = canvas.to_widget(QPointF(a.x() + (b.x() - a.x()) * along, a.y() + (b.y() - a.y()) * along))
    return canvas.grab().toImage().pixelColor(point.toPoint())


def test_pan_marek_finds_room_14_by_ear(qtbot: QtBot, kiosk_window: Open) -> None:
    engine = RecordingEngine(duration_ms=800, write_audio=False, timed=True)
    window = kiosk_window(speech_engine=engine, clock=FixedClock(TUESDAY_MORNING), config=in_the_hall())
    kiosk = window.kiosk
    player = kiosk.speech
    plan = window.plan_screen
    kiosk.end_visit()
    # A keypad key starts his visit in speech mode.
    QTest.keyClick(window.attract, Qt.Key.Key_Down)
    assert kiosk.session.is_speech_mode
    # "14" on the on-screen keyboard, each key heard, then used.
    pause_between_taps(qtbot)
    double_tap(qtbot, window, window.top_bar.search)
    screen = window.search_screen
    assert kiosk.session.location.kind == "search" and screen.wait_for_index()
    if screen.keyboard.isHidden():
        double_tap(qtbot, window, screen.show_keyboard)
    for key in "14":
        double_tap(qtbot, window, screen.keyboard.letter_keys[key])
    assert screen.field.text() == "14"
    room = screen.visible_rooms()[0]
    touch_at(window, centre(window, room))
    qtbot.waitUntil(lambda: "Pokój 14 · Referat Finansowy" in engine.texts()[-1], timeout=3000)
    pause_between_taps(qtbot)
    touch_at(window, centre(window, room))
    touch_at(window, centre(window, room))  # opens the plan with the way to it
    assert kiosk.session.location == Location("plan", "14")
    # Where he is, and where the way leads (said as words: "I piętro" is "pierwsze piętro").
    qtbot.waitUntil(lambda: engine.texts()[-1] == "Plan budynku: Pokój 14, pierwsze piętro", timeout=3000)
    assert plan.route is not None and plan.canvas.route is plan.route
    pause_between_taps(qtbot)
    # Listen: the room, then the steps, one after another.
    started: list[int] = []
    player.utterance_started.connect(started.append)
    double_tap(qtbot, window, plan.speech_bar.play)
    qtbot.waitUntil(lambda: len(started) >= 2, timeout=5000)
    spoken = plan.spoken_steps()
    assert spoken[0] == "Pokój 14, I piętro"
    assert spoken[1] == "Idź korytarzem około 10 metrów."
    # He stops to walk: touching Next says its name and holds the reading at its step.
    touch_at(window, centre(window, plan.speech_bar.next_button))
    assert player.reading_state == "paused"
    at = player.reading_index
    qtbot.waitUntil(lambda: "Następne zdanie" in engine.texts()[-1], timeout=3000)  # and its hold use
    pause_between_taps(qtbot)
    touch_at(window, centre(window, plan.speech_bar.next_button))
    touch_at(window, centre(window, plan.speech_bar.next_button))  # the next step
    qtbot.waitUntil(lambda: started[-1] == at + 1, timeout=3000)
    assert plan.reading_index == at + 1  # and it is the one marked on screen
    pause_between_taps(qtbot)
    # Repeat: the step being read, again (touching it first holds the reading there).
    touch_at(window, centre(window, plan.speech_bar.repeat_button))
    assert player.reading_state == "paused"
    current = player.reading_index
    pause_between_taps(qtbot)
    count = len(started)
    touch_at(window, centre(window, plan.speech_bar.repeat_button))
    touch_at(window, centre(window, plan.speech_bar.repeat_button))
    qtbot.waitUntil(lambda: len(started) > count, timeout=3000)
    assert started[count] == current > at
    # What he heard, in order: the room, the steps of the way one by one (none skipped,
    # none out of order), the step he asked for again.
    heard = [spoken[i] for i in started]
    assert heard[:2] == ["Pokój 14, I piętro", "Idź korytarzem około 10 metrów."]
    assert started[: current + 1] == list(range(current + 1))
    assert started[count - 1 : count + 1] == [current, current]
    assert all(b - a in (0, 1) for a, b in zip(started, started[1:], strict=False))
    # The way without stairs, read again from its start.
    pause_between_taps(qtbot)
    double_tap(qtbot, window, plan.step_free_button)
    assert plan.is_step_free and plan.route is not None and not plan.route.has_stairs
    qtbot.waitUntil(lambda: "Wjedź windą na pierwsze piętro." in engine.texts(), timeout=10000)
    assert not any("schodami" in text for text in plan.spoken_steps())
    player.stop()


@pytest.mark.allow_log_warnings  # the office's printer is not on the test machine
def test_a_visitor_taps_room_14_on_the_plan_asks_for_no_stairs_and_prints_the_way(
    qtbot: QtBot, kiosk_window: Open, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = kiosk_window(clock=FixedClock(TUESDAY_MORNING), config=in_the_hall())
    kiosk = window.kiosk
    plan = window.plan_screen
    out = tmp_path / "droga.pdf"

    def printer(
        content: Content,
        room: str,
        position: str,
        step_free: bool,
        lang: str,
        moment: dt.datetime,
        printer_name: str,
    ) -> int:  # the kiosk's printer is a PDF file here: real Qt printing, the same document
        assert printer_name == "Office-HP"
        return print_route(content, room, position, step_free, lang, moment, output=out)

    monkeypatch.setattr(kiosk, "_printer_available", lambda _name: True)
    monkeypatch.setattr(kiosk, "_print_route", printer)
    kiosk.set_printer("Office-HP")
    kiosk.begin_visit()
    qtbot.mouseClick(window.top_bar.plan, Qt.MouseButton.LeftButton)
    assert kiosk.session.location == Location("plan")
    assert plan.canvas.floor_id == "parter"  # where the kiosk stands
    qtbot.mouseClick(plan.tabs["pietro-1"], Qt.MouseButton.LeftButton)
    point = plan.canvas.tap_point("14")
    assert point is not None
    qtbot.mouseClick(plan.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert plan.room_title.text() == "Pokój 14 · I piętro" and plan.room_detail.text() == "Referat Finansowy"
    assert plan.print_button.isHidden()  # nothing to print before the way is shown
    qtbot.mouseClick(plan.show_route_button, Qt.MouseButton.LeftButton)
    accent = QColor(theme("default").accent)
    assert plan.canvas.floor_id == "parter" and route_pixel(plan) == accent  # the way, drawn
    assert "Wejdź schodami na I piętro." in plan.steps_label.text()
    qtbot.mouseClick(plan.step_free_button, Qt.MouseButton.LeftButton)
    assert plan.step_free_button.isChecked() and plan.route is not None and not plan.route.has_stairs
    assert "Wjedź windą na I piętro." in plan.steps_label.text()
    assert route_pixel(plan) == accent
    qtbot.mouseClick(plan.tabs["pietro-1"], Qt.MouseButton.LeftButton)
    assert route_pixel(plan) == accent  # the way goes on upstairs
    qtbot.mouseClick(plan.print_button, Qt.MouseButton.LeftButton)
    assert plan.confirmation.text() == "Drukuję. Odbierz wydruk z drukarki."
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils to read the printout")
    from tests.gui.test_print import pdf_text

    flat = " ".join(pdf_text(out).split())
    assert "Pokój 14 · I piętro" in flat and "Bez schodów: windą i pochylniami." in flat
    for number, step in enumerate(plan.steps, start=1):
        assert f"{number}. {step.text}" in flat
