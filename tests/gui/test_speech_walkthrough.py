"""What a blind visitor's walk-through found, each kept fixed: a double tap's first tap is
cut off when the item heard before is used, taps far apart are two touches, focus moved
by a screen change is not spoken, typing is answered, a toggled control says its state,
and content scrolled under the on-screen keyboard is not read among its keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech_mode import DOUBLE_TAP_SLOP_PX
from tests.fakes import RecordingEngine
from tests.journeys.touch import centre, pause_between_taps, touch_at


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine(duration_ms=600, write_audio=False, timed=True)


@pytest.fixture
def window(
    qtbot: QtBot, engine: RecordingEngine, kiosk_window: Callable[..., KioskWindow]
) -> Iterator[KioskWindow]:
    w = kiosk_window(speech_engine=engine)
    w.kiosk.session.set_speech(is_speech_mode=True)
    pause_between_taps(qtbot)  # what speech mode said on arrival is out
    yield w
    w.kiosk.speech.stop()


def test_a_double_tap_elsewhere_uses_the_item_heard_and_cuts_off_what_its_first_tap_said(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    home = window.home_screen
    section = home.tiles[0]
    touch_at(window, centre(window, section))
    assert window.speech_mode.current is not None and window.speech_mode.current.widget is section
    pause_between_taps(qtbot)
    other = window.bottom_bar.search
    touch_at(window, centre(window, other))  # the first tap says "Search" on the way...
    assert window.kiosk.speech.is_announcing
    touch_at(window, centre(window, other))  # ...the second uses the section heard before
    assert window.kiosk.session.location.kind == "section"
    assert not window.kiosk.speech.is_announcing  # "Search" stopped; the section's name follows


def test_two_quick_touches_far_apart_are_two_touches_not_a_double_tap(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    first, second = window.home_screen.tiles[0], window.bottom_bar.search
    assert (centre(window, first) - centre(window, second)).manhattanLength() > DOUBLE_TAP_SLOP_PX
    touch_at(window, centre(window, first))
    touch_at(window, centre(window, second))
    assert window.kiosk.session.location.kind == "home"  # nothing used
    assert window.speech_mode.current is not None and window.speech_mode.current.widget is second


def test_the_focus_a_new_screen_moves_is_not_spoken_its_name_is(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    bar = window.bottom_bar
    bar.speech_mode.setFocus(Qt.FocusReason.TabFocusReason)  # where a keypad left it
    pause_between_taps(qtbot)
    count = len(engine.texts())
    window.kiosk.open(Location("section", window.kiosk.content.site.sections[0].id))
    qtbot.waitUntil(lambda: any(t.startswith("Dział:") for t in engine.texts()[count:]), timeout=3000)
    qtbot.wait(300)
    heard = engine.texts()[count:]
    assert not any("Tryb głosowy" in t for t in heard), heard


def test_typing_in_search_says_what_went_in_and_what_it_found(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.open(Location("search"))
    screen = window.search_screen
    assert screen.wait_for_index()
    if screen.keyboard.isHidden():
        screen.show_keyboard.click()
    pause_between_taps(qtbot)
    for letter in "dowod":
        key = screen.keyboard.letter_keys[letter]
        touch_at(window, centre(window, key))
        pause_between_taps(qtbot)
        touch_at(window, centre(window, key))
        touch_at(window, centre(window, key))
        pause_between_taps(qtbot)
    assert screen.field.text() == "dowod"
    qtbot.waitUntil(lambda: any(t.startswith("dowod. ") for t in engine.texts()), timeout=3000)
    said = next(t for t in engine.texts() if t.startswith("dowod. "))
    assert said == f"dowod. {screen.count.text()}" and "wynik" in said


def test_a_toggle_used_says_its_new_state(qtbot: QtBot, window: KioskWindow, engine: RecordingEngine) -> None:
    window.kiosk.open(Location("plan", "14"))
    button = window.plan_screen.step_free_button
    pause_between_taps(qtbot)
    touch_at(window, centre(window, button))
    qtbot.waitUntil(lambda: bool(engine.texts()) and "niewybrany" in engine.texts()[-1], timeout=3000)
    pause_between_taps(qtbot)
    touch_at(window, centre(window, button))
    touch_at(window, centre(window, button))
    assert button.isChecked()
    qtbot.waitUntil(lambda: engine.texts()[-1].endswith(", wybrany"), timeout=3000)


def test_results_under_the_keyboard_are_not_read_among_its_keys(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.open(Location("search"))
    screen = window.search_screen
    assert screen.wait_for_index()
    if screen.keyboard.isHidden():
        screen.show_keyboard.click()
    screen.field.setText("d")
    qtbot.wait(50)
    order = [item.widget for item in window.speech_mode.reading_order()]
    keys = [i for i, widget in enumerate(order) if screen.keyboard.isAncestorOf(widget)]
    assert keys, "the keyboard is read"
    between = order[keys[0] : keys[-1] + 1]
    assert all(screen.keyboard.isAncestorOf(widget) for widget in between), "something else among the keys"


def test_a_picture_in_the_page_text_is_not_read_as_a_symbol(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.open(Location("page", "id-card"))
    spoken = [window.speech_mode.text_of(item) for item in window.speech_mode.reading_order()]
    assert any("Zeskanuj" in text for text in spoken)  # the QR code's caption is an item
    assert not any("\ufffc" in text for text in spoken)


def test_what_a_touch_or_key_finds_is_said_in_words_as_a_page_read_aloud(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    """A table row "Urząd: 8:00–17:00" is said "od ósmej do siedemnastej", not "osiem zero
    zero", and the staff's pronunciations apply ("USC" → "u es ce")."""
    window.kiosk.open(Location("page", "opening-hours"))
    mode = window.speech_mode
    pause_between_taps(qtbot)
    for _ in range(60):
        QTest.keyClick(window, Qt.Key.Key_Down)
        if mode.current is not None and "8:00" in mode.text_of(mode.current):
            break
    assert mode.current is not None and "8:00" in mode.text_of(mode.current)
    qtbot.waitUntil(lambda: "od ósmej" in engine.texts()[-1], timeout=3000)
    assert "8:00" not in engine.texts()[-1]


@pytest.mark.parametrize("speech", [True, False], ids=["speech mode", "keypad alone"])
def test_the_keypads_home_key_goes_home_from_the_page_text_and_the_search_field(
    qtbot: QtBot, window: KioskWindow, speech: bool
) -> None:
    window.kiosk.session.set_speech(is_speech_mode=speech)
    window.kiosk.open(Location("page", "opening-hours"))
    window.page_screen.body.setFocus(Qt.FocusReason.MouseFocusReason)  # the text was touched
    QTest.keyClick(window.page_screen.body, Qt.Key.Key_Home)
    assert window.kiosk.session.location.kind == "home"
    window.kiosk.open(Location("search"))
    window.search_screen.field.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClick(window.search_screen.field, Qt.Key.Key_Home)
    assert window.kiosk.session.location.kind == "home"
