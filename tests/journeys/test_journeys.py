"""The people of ../shared/JOURNEYS.md, each walking their journey end to end on the real
kiosk window (bundled content, real Markdown, recording speech engine)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.content.content import load_content
from kiosk.content.live import start_content, take_snapshot
from kiosk.controller import VisitSettings
from kiosk.session import FONT_SCALES, Location
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.main_window import KioskWindow
from tests.fakes import RecordingEngine
from tests.journeys.touch import centre, double_tap, pause_between_taps, touch_at

TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 30, tzinfo=office_timezone())
Open = Callable[..., KioskWindow]


def tap(qtbot: QtBot, window: KioskWindow, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_pani_halina_large_text_the_opening_hours_a_printout_and_a_fresh_kiosk(
    qtbot: QtBot, kiosk_window: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = kiosk_window(
        clock=FixedClock(TUESDAY_MORNING), visit=VisitSettings(idle_seconds=0.3, warning_seconds=1)
    )
    kiosk = window.kiosk
    kiosk.watch_activity()
    kiosk.end_visit()
    # 1. She taps wherever her finger lands: a visit starts, nothing beneath is opened.
    touch_at(window, QPoint(window.width() // 2, window.height() // 3))
    assert kiosk.is_visiting and window.stack.currentWidget() is window.home_screen
    # 2. Is the office open now? It is said on the first screen.
    qtbot.waitUntil(lambda: window.bottom_bar.status.text().startswith("Czynne dziś"), timeout=2000)
    # 3. Larger text, tap after tap at the same spot, up to the largest size: A+ stays
    # under her finger (the control bar keeps its slots at every size).
    finger = centre(window, window.bottom_bar.larger)
    sizes = [kiosk.session.font_scale]
    for _ in range(len(FONT_SCALES) - 1):
        if window.idle_warning.isVisible():  # this test's visit times out in 0.3 s
            touch_at(window, centre(window, window.idle_warning.continue_button))
        touch_at(window, finger)
        QGuiApplication.processEvents()
        sizes.append(kiosk.session.font_scale)
    assert sizes == list(FONT_SCALES)  # it kept growing, nothing jumped away
    kiosk.open(Location("page", "id-card"))
    body = window.page_screen.body
    bar = body.verticalScrollBar()
    screens = 0
    while bar.value() < bar.maximum() and screens < 40:
        tap(qtbot, window, window.page_screen.scroll_buttons.down)
        screens += 1
    assert bar.value() == bar.maximum() and screens < 40  # read to its end a screenful at a time
    printed: list[str] = []
    monkeypatch.setattr(kiosk, "_printer_available", lambda _name: True)
    monkeypatch.setattr(kiosk, "_print_page", lambda *a, **k: printed.append(a[1].page_id) or 1)
    kiosk.set_printer("Biuro")
    kiosk.print_page("id-card")
    assert printed == ["id-card"] and "Odbierz wydruk" in window.page_screen.confirmation.text()
    # 4. She walks away: the next visitor finds the kiosk as new.
    with qtbot.waitSignal(kiosk.visit_ended, timeout=5000):
        pass
    session = kiosk.session
    assert (session.font_scale, session.theme, session.location) == (100, "default", Location.home())
    assert window.attract.isVisible()


def test_pan_marek_without_sight(qtbot: QtBot, kiosk_window: Open) -> None:
    engine = RecordingEngine(duration_ms=80, write_audio=False, timed=True)
    window = kiosk_window(speech_engine=engine, clock=FixedClock(TUESDAY_MORNING))
    kiosk = window.kiosk
    player = kiosk.speech
    kiosk.end_visit()
    # 1. A key of the keypad starts the visit in speech mode, with the hint in every language.
    QTest.keyClick(window.attract, Qt.Key.Key_Down)
    assert kiosk.session.is_speech_mode
    qtbot.waitUntil(lambda: any("Speech mode is on" in t for t in engine.texts()), timeout=5000)
    assert any("Tryb głosowy jest włączony" in t for t in engine.texts())
    # 2. He explores by touch and opens "Opening hours"; nothing unheard is opened.
    section = next(t for t in window.home_screen.tiles if "Urząd" in t.title)
    double_tap(qtbot, window, section)
    assert kiosk.session.location.kind == "section"
    tile = next(t for t in window.section_screen.visible_tiles() if "Godziny" in t.title)
    double_tap(qtbot, window, tile)
    assert kiosk.session.location == Location("page", "opening-hours")
    started: list[int] = []
    player.utterance_started.connect(started.append)
    double_tap(qtbot, window, window.page_screen.speech_bar.play)  # Listen
    qtbot.waitUntil(lambda: len(started) >= 3, timeout=5000)
    # Touching Next only says its name: the reading pauses, its controls stay.
    touch_at(window, centre(window, window.page_screen.speech_bar.next_button))
    assert player.reading_state == "paused"
    at = player.reading_index  # the sentence waiting, while the name is said
    qtbot.waitUntil(lambda: any("Następne zdanie" in t for t in engine.texts()), timeout=3000)
    pause_between_taps(qtbot)
    touch_at(window, centre(window, window.page_screen.speech_bar.next_button))
    touch_at(window, centre(window, window.page_screen.speech_bar.next_button))  # uses it
    qtbot.waitUntil(lambda: started[-1] == at + 1, timeout=3000)
    # The room is read after the title.
    texts = [u.text for u in window.page_screen.utterances]
    assert texts[0] == "Godziny otwarcia" and texts[1].startswith("Gdzie:")
    # 3. Search "dowod" on the on-screen keyboard, by touch, and open the first result.
    pause_between_taps(qtbot)
    double_tap(qtbot, window, window.bottom_bar.search)
    assert kiosk.session.location.kind == "search"
    screen = window.search_screen
    assert screen.wait_for_index()
    if screen.keyboard.isHidden():
        double_tap(qtbot, window, screen.show_keyboard)
    for letter in "dowod":
        double_tap(qtbot, window, screen.keyboard.letter_keys[letter])
    assert screen.field.text() == "dowod"
    first = (screen.visible_rooms() + screen.visible_hits())[0]
    double_tap(qtbot, window, first)
    assert kiosk.session.location.kind in ("page", "plan")
    # The way there without stairs, as steps he can hear.
    if kiosk.session.location.kind == "page":
        double_tap(qtbot, window, window.page_screen.plan_button)
    plan = window.plan_screen
    assert plan.spoken_steps()
    # 4. Louder with the keypad; the next visitor hears the default volume.
    QTest.keyClick(window, Qt.Key.Key_Plus)
    assert kiosk.session.speech_volume == "loud"
    kiosk.end_visit()
    assert kiosk.session.speech_volume == "normal" and not kiosk.session.is_speech_mode


def test_pani_olena_in_ukrainian(qtbot: QtBot, kiosk_window: Open, tmp_path: Path) -> None:
    folder = tmp_path / "tresc"
    shutil.copytree(paths.bundled_content_dir(), folder)
    (folder / "pages" / "sesje-rady" / "uk.md").unlink()  # a page the office wrote in Polish only
    window = kiosk_window(folder, clock=FixedClock(TUESDAY_MORNING))
    kiosk = window.kiosk
    kiosk.finish_start()
    # 1. Ukrainian: the Language control lists each language in itself.
    touch_at(window, centre(window, window.bottom_bar.language))
    assert window.bottom_bar.chooser.isVisible()
    touch_at(window, centre(window, window.bottom_bar.language_buttons["uk"]))
    assert kiosk.session.language == "uk" and not window.bottom_bar.chooser.isVisible()
    assert window.top_bar.header_line.text().startswith("Сьогодні вівторок, 24 листопада 2026")
    assert window.bottom_bar.search.text() == "Пошук"
    # 2. An inflected Ukrainian query finds the residence registration page.
    kiosk.open_search()
    screen = window.search_screen
    assert screen.wait_for_index()
    screen.field.setText("реєстрації місця проживання")
    hits = [str(t.property("page_id")) for t in screen.visible_hits()]
    assert hits[0] == "residence-registration"
    # 3. A page only in Polish: told so in Ukrainian, shown in Polish.
    kiosk.open(Location("page", "sesje-rady"))
    assert window.page_screen.notice.isVisible()
    assert "польська" in window.page_screen.notice.text()
    # 4. The QR code of the page, and room 2 on the plan.
    kiosk.open(Location("page", "id-card"))
    assert window.page_screen.variant is not None and window.page_screen.variant.url
    kiosk.open(Location("plan", "2"))
    assert window.plan_screen.room_id == "2" and window.plan_screen.spoken_steps()


def test_pani_ewa_updates_on_friday_and_the_kiosk_keeps_the_last_good_content(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "tresc"
    shutil.copytree(paths.bundled_content_dir(), folder)
    snapshots = tmp_path / "snapshots"
    good = take_snapshot(folder, snapshots)
    assert good is not None
    # 1. A typo in a date in one page's front matter.
    page = folder / "pages" / "id-card" / "pl.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "valid_until: 2026-02-30")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # 2. kiosk check names the file and the line, quickly, and keeps checking the rest.
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "pages/id-card/pl.md:2: error:" in result.stdout
    assert "Traceback" not in result.stderr
    # After Monday's reboot the kiosk shows the last good content, not the broken folder.
    startup = start_content(folder, snapshots, paths.unavailable_content_dir())
    assert startup.content.site.pages and startup.kind != "unavailable"
    assert "id-card" in startup.content.site.pages


def test_a_curious_teenager_leaves_nothing_behind(
    qtbot: QtBot, kiosk_window: Open, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    window = kiosk_window()
    kiosk = window.kiosk
    kiosk.open_search()
    field = window.search_screen.field
    field.setFocus()
    QTest.keyClicks(field, "85010112345 Jan")
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)  # no way out
    assert window.isVisible()
    kiosk.end_visit()
    assert field.text() == ""
    assert QGuiApplication.clipboard().text() == ""
    assert "85010112345" not in caplog.text
    assert load_content(paths.bundled_content_dir()).site.pages  # the kiosk is as it was
