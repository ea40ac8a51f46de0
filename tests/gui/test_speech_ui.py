"""Reading pages aloud and speech mode, with the recording engine (what would be said)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.identity import themed
from kiosk.session import Location
from kiosk.speech.engine import SilentEngine
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.themes import THEMES
from tests.conftest import open_kiosk_window
from tests.fakes import RecordingEngine


@pytest.fixture
def engine() -> RecordingEngine:
    # Timed sentences without audio files: the page screen's logic is tested here; real
    # playback through QtMultimedia is tested with the player (tests/gui/speech).
    return RecordingEngine(duration_ms=60, write_audio=False, timed=True)


@pytest.fixture
def window(qtbot: QtBot, engine: RecordingEngine, kiosk_fonts: None) -> Iterator[KioskWindow]:
    w = open_kiosk_window(speech_engine=engine)
    w.resize(1080, 1920)
    w.show()
    qtbot.waitExposed(w)
    yield w
    # Let the player carry out its queued stop before the window closes (and the player
    # with it), as the kiosk does at exit: the media backend works in threads of its own.
    w.kiosk.session.set_speech(is_speech_mode=False)
    w.kiosk.speech.stop()
    qtbot.waitUntil(lambda: not w.kiosk.speech.is_sounding and w.kiosk.speech.state == "idle", timeout=3000)
    qtbot.wait(150)
    w.close()
    qtbot.wait(50)


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_listen_reads_title_then_body_in_order_with_moving_highlight(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("page", "opening-hours"))
    started: list[int] = []
    title_marked: list[bool] = []
    window.kiosk.speech.utterance_started.connect(started.append)
    window.kiosk.speech.utterance_started.connect(
        lambda _i: title_marked.append(bool(window.page_screen.title.property("reading")))
    )
    click(qtbot, window.page_screen.speech_bar.play)
    utterances = window.page_screen.utterances
    assert utterances[0].text == "Godziny otwarcia"
    spoken = " | ".join(u.text for u in utterances)
    assert utterances[1].text == "Gdzie: kasa – pokój 4, parter"  # the room line after the title
    # table rows, cells with their headers; times in words
    assert "Dzień: Poniedziałek. Urząd: od ósmej do siedemnastej." in spoken
    assert "Kasa zamyka się wcześniej niż urząd." in spoken  # a list item
    qtbot.waitUntil(lambda: len(started) >= 4, timeout=5000)
    assert started[:4] == [0, 1, 2, 3]  # in document order
    assert title_marked[:2] == [True, False]  # the title label is marked while it is read
    body = window.page_screen.body
    highlighted = body.extraSelections()
    assert highlighted, "the sentence being read is highlighted"
    text = highlighted[0].cursor.selectedText()  # type: ignore[attr-defined]
    index = window.page_screen.reading_index
    assert text and text.replace("\u2029", " ")[:10] in utterances[index].text.replace("–", "-") + text[:10]
    # The office's accent colour (site.toml) where it reads well, as for every selection.
    accent = themed(THEMES["default"], window.kiosk.content.site.accent).accent
    assert highlighted[0].format.background().color().name() == accent  # type: ignore[attr-defined]
    assert engine.spoken[0].lang == "pl"


def test_english_page_uses_the_english_voice(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.set_language("en")
    window.kiosk.session.open(Location("page", "floor-plan"))
    click(qtbot, window.page_screen.speech_bar.play)
    qtbot.waitUntil(lambda: len(engine.spoken) >= 3, timeout=5000)
    assert {s.lang for s in engine.spoken} == {"en"}
    texts = " ".join(u.text for u in window.page_screen.utterances)
    assert "Plan of the Town Hall ground floor" in texts  # the image by its alt text


def test_listen_reads_the_room_line_after_the_title_in_the_screens_language(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("page", "civil-registry"))
    click(qtbot, window.page_screen.speech_bar.play)
    qtbot.waitUntil(lambda: len(engine.spoken) >= 3, timeout=5000)
    assert engine.texts()[:3] == [
        "Urząd Stanu Cywilnego",
        "Gdzie: pokój 3, parter",  # as the line under the title shows it
        "Urząd Stanu Cywilnego (u es ce) jest w pokoju 3 na parterze.",  # pronunciation.toml
    ]
    assert window.page_screen.info.text() == "Gdzie: pokój 3, parter"
    window.kiosk.speech.stop()
    qtbot.waitUntil(lambda: window.kiosk.speech.state == "idle", timeout=3000)
    engine.clear()
    # a page only in Polish on the English screen: the label is English, the room Polish
    window.kiosk.session.set_language("en")
    window.kiosk.session.open(Location("page", "sesje-rady"))
    click(qtbot, window.page_screen.speech_bar.play)
    qtbot.waitUntil(lambda: len(engine.spoken) >= 2, timeout=5000)
    assert engine.texts()[1] == "Where: sala konferencyjna – pokój 22, drugie piętro"
    assert window.page_screen.info.text() == "Where: sala konferencyjna – pokój 22, II piętro"


def test_stop_is_immediate_and_nothing_resumes(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.session.open(Location("page", "iso-9001"))
    bar = window.page_screen.speech_bar
    click(qtbot, bar.play)
    qtbot.waitUntil(lambda: window.kiosk.speech.state == "playing", timeout=5000)
    started: list[int] = []
    window.kiosk.speech.utterance_started.connect(started.append)
    before = time.perf_counter()
    click(qtbot, bar.stop_button)
    assert window.kiosk.speech.state == "idle"
    assert time.perf_counter() - before < 0.1
    qtbot.wait(400)
    assert started == [] and window.kiosk.speech.state == "idle"
    assert window.page_screen.body.extraSelections() == []
    assert bar.play.text() == "Odsłuchaj"


def test_pause_resume_next_previous_and_repeat(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.session.open(Location("page", "iso-9001"))
    bar = window.page_screen.speech_bar
    started: list[int] = []
    window.kiosk.speech.utterance_started.connect(started.append)
    click(qtbot, bar.play)
    qtbot.waitUntil(lambda: len(started) >= 1, timeout=5000)
    click(qtbot, bar.play)  # now "Pause"
    assert window.kiosk.speech.state == "paused" and bar.play.text() == "Wznów"
    click(qtbot, bar.next_button)
    qtbot.waitUntil(lambda: len(started) >= 2, timeout=5000)
    assert started[-1] == started[-2] + 1
    click(qtbot, bar.repeat_button)
    qtbot.waitUntil(lambda: len(started) >= 3, timeout=5000)
    assert started[-1] == started[-2]
    click(qtbot, bar.previous_button)
    qtbot.waitUntil(lambda: len(started) >= 4, timeout=5000)
    assert started[-1] == started[-2] - 1


def test_speed_and_volume_have_three_steps_and_belong_to_the_session(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("page", "contact"))
    bar = window.page_screen.speech_bar
    assert bar.rate.isHidden()  # before reading only Listen shows
    click(qtbot, bar.play)
    qtbot.waitUntil(lambda: not bar.rate.isHidden(), timeout=5000)
    assert "normalne" in bar.rate.text()
    seen = []
    for _ in range(3):
        click(qtbot, bar.rate)
        seen.append(window.kiosk.session.speech_rate)
    assert seen == ["fast", "slow", "normal"]
    click(qtbot, bar.rate)
    assert "szybkie" in bar.rate.text()
    click(qtbot, bar.volume)
    assert window.kiosk.session.speech_volume == "loud"
    engine.clear()
    click(qtbot, bar.next_button)
    qtbot.waitUntil(lambda: any(s.rate == "fast" for s in engine.spoken), timeout=5000)
    window.kiosk.session.reset()
    assert (window.kiosk.session.speech_rate, window.kiosk.session.speech_volume) == ("normal", "normal")
    assert window.kiosk.speech.state == "idle"


@pytest.mark.parametrize("how", ["back", "language", "reset"])
def test_speech_stops_when_the_visitor_moves_on(qtbot: QtBot, window: KioskWindow, how: str) -> None:
    window.kiosk.session.open(Location("section", "office"))
    window.kiosk.session.open(Location("page", "departments"))
    click(qtbot, window.page_screen.speech_bar.play)
    qtbot.waitUntil(lambda: window.kiosk.speech.state == "playing", timeout=5000)
    if how == "back":
        click(qtbot, window.bottom_bar.back)
    elif how == "language":
        click(qtbot, window.top_bar.language_buttons["en"])
    else:
        window.kiosk.session.reset()
    assert window.kiosk.speech.state == "idle"


def test_speech_mode_first_touch_speaks_second_activates(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    QTest.keyClick(window, Qt.Key.Key_Asterisk)  # the keypad's star key
    assert window.kiosk.session.is_speech_mode
    assert window.bottom_bar.speech_mode.isChecked()
    qtbot.waitUntil(lambda: any("Tryb głosowy" in t for t in engine.texts()), timeout=5000)
    larger = window.top_bar.larger
    engine.clear()
    click(qtbot, larger)
    assert window.kiosk.session.font_scale == 100  # not activated by the first touch
    qtbot.waitUntil(lambda: "Przycisk: Większy tekst" in engine.texts(), timeout=5000)
    qtbot.wait(800)  # apart from the first touch
    click(qtbot, larger)
    click(qtbot, larger)
    # A double tap uses what was heard (once it is sure no third tap follows).
    qtbot.waitUntil(lambda: window.kiosk.session.font_scale == 125, timeout=2000)
    engine.clear()
    tile = window.home_screen.tiles[0]
    click(qtbot, tile)  # heard first…
    qtbot.waitUntil(lambda: any("Urząd i kontakt" in t for t in engine.texts()), timeout=5000)
    qtbot.wait(800)
    click(qtbot, tile)  # …then used by a double tap
    click(qtbot, tile)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.section_screen, timeout=2000)
    qtbot.waitUntil(lambda: "Dział: Urząd i kontakt" in engine.texts(), timeout=5000)


def test_announcements_replace_each_other(qtbot: QtBot, window: KioskWindow, engine: RecordingEngine) -> None:
    window.kiosk.session.set_speech(is_speech_mode=True)
    bar = window.bottom_bar
    # A finger slides slowly over four controls (slower than a swipe): each is spoken as
    # it is reached, and each announcement replaces the one before; nothing is activated.
    first = bar.language
    QTest.mousePress(first, Qt.MouseButton.LeftButton, pos=first.rect().center())
    for name in ("smaller", "larger", "contrast"):
        button = getattr(bar, name)
        point = first.mapFrom(window, button.mapTo(window, button.rect().center()))
        qtbot.wait(250)
        QTest.mouseMove(first, point)
    QTest.mouseRelease(first, Qt.MouseButton.LeftButton, pos=point)
    qtbot.wait(300)
    assert window.kiosk.speech.is_announcing or window.kiosk.speech.state == "idle"
    assert engine.texts()[-1].startswith("Przycisk: Wysoki kontrast")
    assert window.kiosk.session.theme == "default" and window.kiosk.session.font_scale == 100


def test_without_an_engine_the_kiosk_runs_and_speech_controls_are_hidden(
    qtbot: QtBot, kiosk_fonts: None
) -> None:
    window = open_kiosk_window(speech_engine=SilentEngine())
    qtbot.addWidget(window)
    window.show()
    window.kiosk.session.open(Location("page", "contact"))
    assert window.page_screen.speech_bar.isHidden()
    assert window.bottom_bar.speech_mode.isHidden()
    QTest.keyClick(window, Qt.Key.Key_Asterisk)
    assert not window.kiosk.session.is_speech_mode
