"""Speech mode as a blind visitor uses it: explore by touch, double tap, swipes, keys,
reading under control. What would be spoken is recorded (``RecordingEngine``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.session import Location
from kiosk.speech.navigation import paragraph_start
from kiosk.speech.reading import Utterance
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.page_view import PageView
from kiosk.ui.speech_bar import HOLD_MS
from kiosk.ui.speech_mode import DOUBLE_TAP_SECONDS, Item
from tests.fakes import RecordingEngine


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine(duration_ms=80, write_audio=False, timed=True)


@pytest.fixture
def window(
    qtbot: QtBot, engine: RecordingEngine, kiosk_window: Callable[..., KioskWindow]
) -> Iterator[KioskWindow]:
    w = kiosk_window(speech_engine=engine)
    w.kiosk.session.set_speech(is_speech_mode=True)
    yield w
    w.kiosk.speech.stop()


def centre(window: KioskWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def touch(qtbot: QtBot, window: KioskWindow, point: QPoint) -> None:
    """One finger down and up at a point of the window (a tap)."""
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)


def double_tap(qtbot: QtBot, window: KioskWindow, point: QPoint) -> None:
    touch(qtbot, window, point)
    touch(qtbot, window, point)


def swipe(qtbot: QtBot, window: KioskWindow, dx: int) -> None:
    start = QPoint(window.width() // 2, window.height() // 2)
    target = window.childAt(start) or window
    local = target.mapFrom(window, start)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    QTest.mouseMove(target, local + QPoint(dx // 2, 0))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local + QPoint(dx, 0))


def said(qtbot: QtBot, engine: RecordingEngine, text: str, timeout: int = 3000) -> None:
    qtbot.waitUntil(lambda: any(text in t for t in engine.texts()), timeout=timeout)


def let_taps_part(qtbot: QtBot) -> None:
    """Two taps further apart than a double tap."""
    qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 50)


def test_a_touch_speaks_and_outlines_and_activates_nothing(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    tile = window.home_screen.tiles[0]
    touch(qtbot, window, centre(window, tile))
    said(qtbot, engine, "Przycisk: " + tile.title)
    assert window.stack.currentWidget() is window.home_screen  # nothing opened
    assert window.speech_mode.outline.isVisible()
    assert window.speech_mode.outline.geometry().contains(centre(window, tile))


def test_a_double_tap_opens_what_was_spoken_and_nothing_leaks_into_the_next_screen(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    tile = window.home_screen.tiles[0]
    point = centre(window, tile)
    touch(qtbot, window, point)
    let_taps_part(qtbot)
    double_tap(qtbot, window, point)
    assert window.stack.currentWidget() is window.section_screen
    assert window.kiosk.session.location.kind == "section"  # not a page beneath the finger
    said(qtbot, engine, "Dział: ")


def test_a_double_tap_anywhere_uses_the_item_spoken_last(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    touch(qtbot, window, centre(window, window.top_bar.search))
    said(qtbot, engine, "Przycisk: Szukaj")
    let_taps_part(qtbot)
    # Elsewhere: a point with nothing to speak (a touch on an item would explore it first).
    x = window.width() // 2
    heights = range(window.height() // 2, window.height(), 10)
    y = next(y for y in heights if window.speech_mode.item_at(QPoint(x, y)) is None)
    double_tap(qtbot, window, QPoint(x, y))
    assert window.kiosk.session.location == Location("search")


def test_swipes_and_keys_walk_every_item_in_reading_order(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("page", "opening-hours"))
    mode = window.speech_mode
    order = mode.reading_order()
    spoken_order = [mode.text_of(item) for item in order]
    assert any(text.startswith("Dzień: Poniedziałek") or "Poniedziałek" in text for text in spoken_order)
    assert any(text.startswith("Gdzie:") for text in spoken_order)  # the room line is an item
    swipe(qtbot, window, 300)
    assert mode.current is not None and mode.current.same_as(order[0])
    swipe(qtbot, window, 300)
    assert mode.current.same_as(order[1])
    swipe(qtbot, window, -300)
    assert mode.current.same_as(order[0])
    for _ in range(3):
        QTest.keyClick(window, Qt.Key.Key_Down)
    assert mode.current.same_as(order[3])
    QTest.keyClick(window, Qt.Key.Key_Up)
    assert mode.current.same_as(order[2])
    # The page's table rows are items of their own, read with their cells.
    rows = [t for t in spoken_order if "Poniedziałek" in t]
    assert rows and "·" in rows[0]


def test_touching_a_reading_control_pauses_and_continue_resumes_at_the_same_sentence(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("page", "iso-9001"))
    bar = window.page_screen.speech_bar
    player = window.kiosk.speech
    started: list[int] = []
    player.utterance_started.connect(started.append)
    touch(qtbot, window, centre(window, bar.play))
    let_taps_part(qtbot)
    double_tap(qtbot, window, centre(window, bar.play))  # Listen
    qtbot.waitUntil(lambda: len(started) >= 3, timeout=5000)
    let_taps_part(qtbot)
    touch(qtbot, window, centre(window, bar.next_button))  # only hear its name
    assert player.reading_state == "paused"
    paused_at = player.reading_index  # also while its name is said
    assert not bar.next_button.isHidden() and not bar.stop_button.isHidden()  # still there
    said(qtbot, engine, "Przycisk: Następne zdanie")
    qtbot.waitUntil(lambda: not player.is_announcing, timeout=3000)
    assert player.reading_state == "paused" and player.reading_index == paused_at
    count = len(started)
    let_taps_part(qtbot)
    touch(qtbot, window, centre(window, bar.play))  # "Wznów"
    let_taps_part(qtbot)
    double_tap(qtbot, window, centre(window, bar.play))
    qtbot.waitUntil(lambda: len(started) > count, timeout=3000)
    assert started[count] == paused_at  # the same sentence, not the title again


def test_help_key_says_where_and_which_keys(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.session.open(Location("section", "office"))
    QTest.keyClick(window, Qt.Key.Key_F1)
    said(qtbot, engine, "Jesteś tutaj: Urząd")


def test_a_keypad_key_on_the_attract_screen_starts_a_visit_in_speech_mode(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    window.kiosk.end_visit()
    assert window.attract.isVisible() and window.attract.hasFocus()
    QTest.keyClick(window.attract, Qt.Key.Key_Down)
    assert not window.attract.isVisible()
    assert window.kiosk.session.is_speech_mode
    assert window.stack.currentWidget() is window.home_screen  # no tile beneath was used
    said(qtbot, engine, "Tryb głosowy jest włączony")
    said(qtbot, engine, "Speech mode is on", timeout=5000)  # then in the other language


def test_enter_on_the_attract_screen_starts_a_plain_visit_and_opens_nothing(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.kiosk.end_visit()
    QTest.keyClick(window.attract, Qt.Key.Key_Return)
    assert not window.attract.isVisible()
    assert window.kiosk.session.location == Location.home()
    assert not window.kiosk.session.is_speech_mode


def test_up_and_down_never_trap_focus_in_the_page_text(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow]
) -> None:
    window = kiosk_window()
    window.kiosk.session.open(Location("page", "contact"))
    window.page_screen.body.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Down)
    assert not window.page_screen.body.hasFocus()


def test_a_keypad_key_mapped_in_kiosk_toml_does_what_its_action_does(
    qtbot: QtBot, engine: RecordingEngine, kiosk_window: Callable[..., KioskWindow], tmp_path: Path
) -> None:
    """A keypad that sends digits: kiosk.toml maps 2 to Next, 8 to Previous, 5 to Enter."""
    path = tmp_path / "kiosk.toml"
    path.write_text('version = 1\nkeypad_next = "2"\nkeypad_previous = "8"\nkeypad_activate = "5"\n',
                    encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    window = kiosk_window(speech_engine=engine, config=config)
    window.kiosk.end_visit()
    QTest.keyClick(window.attract, Qt.Key.Key_2)  # as the arrow would: a visit in speech mode
    assert window.kiosk.session.is_speech_mode and not window.attract.isVisible()
    mode = window.speech_mode
    order = mode.reading_order()
    QTest.keyClick(window, Qt.Key.Key_2)
    QTest.keyClick(window, Qt.Key.Key_2)
    assert mode.current is not None and mode.current.same_as(order[1])
    QTest.keyClick(window, Qt.Key.Key_8)
    assert mode.current.same_as(order[0])
    search = next(i for i, item in enumerate(order) if item.widget is window.top_bar.search)
    for _ in range(search):
        QTest.keyClick(window, Qt.Key.Key_2)
    QTest.keyClick(window, Qt.Key.Key_5)
    assert window.kiosk.session.location == Location("search")
    window.kiosk.speech.stop()


def _multi_sentence_paragraph(utterances: list[Utterance]) -> int:
    """The first sentence of a body paragraph with two or more sentences and a paragraph
    after it."""
    for i in range(len(utterances) - 2):
        here = utterances[i]
        if (here.block >= 0 and utterances[i + 1].block == here.block
                and (i == 0 or utterances[i - 1].block != here.block)
                and any(u.block > here.block for u in utterances[i + 2:])):
            return i
    raise AssertionError("the page has no paragraph of two sentences")


def test_previous_and_next_go_by_sentence_and_held_or_page_keys_by_paragraph(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow]
) -> None:
    """On the real ISO 9001 page: a tap on Next is the next sentence of the paragraph,
    PageDown or a long press on Next the first sentence of the next paragraph."""
    engine = RecordingEngine(duration_ms=5000, write_audio=False, timed=True)  # sentences that last
    window = kiosk_window(speech_engine=engine)
    window.kiosk.open(Location("page", "iso-9001"))
    screen = window.page_screen
    bar = screen.speech_bar
    player = window.kiosk.speech
    started: list[int] = []
    player.utterance_started.connect(started.append)
    qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(started), timeout=3000)
    utterances = screen.utterances
    first = _multi_sentence_paragraph(utterances)
    player.go_to(first)
    qtbot.waitUntil(lambda: started[-1] == first, timeout=3000)
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)  # a tap: the next sentence
    qtbot.waitUntil(lambda: started[-1] == first + 1, timeout=3000)
    assert utterances[first + 1].block == utterances[first].block
    QTest.keyClick(screen.body, Qt.Key.Key_PageDown)  # with the focus in the page text too
    following = paragraph_start(utterances, first, 1)
    assert following is not None and utterances[following].block > utterances[first].block
    qtbot.waitUntil(lambda: started[-1] == following, timeout=3000)
    QTest.keyClick(window, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: started[-1] == first, timeout=3000)
    count = len(started)
    QTest.mousePress(bar.next_button, Qt.MouseButton.LeftButton)  # held: the next paragraph
    qtbot.wait(HOLD_MS + 150)  # real time passing is the point: a long press
    QTest.mouseRelease(bar.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: started[-1] == following, timeout=3000)
    qtbot.wait(50)
    assert started[count:] == [following]  # the release did not also step a sentence
    window.kiosk.speech.stop()


def test_in_speech_mode_tap_twice_and_hold_on_next_moves_by_paragraph(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow]
) -> None:
    engine = RecordingEngine(duration_ms=5000, write_audio=False, timed=True)
    window = kiosk_window(speech_engine=engine)
    window.kiosk.session.set_speech(is_speech_mode=True)
    window.kiosk.open(Location("page", "iso-9001"))
    screen = window.page_screen
    bar = screen.speech_bar
    player = window.kiosk.speech
    started: list[int] = []
    player.utterance_started.connect(started.append)
    screen.listen()
    qtbot.waitUntil(lambda: bool(started), timeout=3000)
    first = _multi_sentence_paragraph(screen.utterances)
    player.go_to(first)
    qtbot.waitUntil(lambda: started[-1] == first, timeout=3000)
    point = centre(window, bar.next_button)
    touch(qtbot, window, point)  # hear it: "Następne zdanie. Przytrzymaj: następny akapit."
    said(qtbot, engine, "Przytrzymaj")
    let_taps_part(qtbot)
    touch(qtbot, window, point)
    target = window.childAt(point) or window
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    qtbot.wait(HOLD_MS + 150)  # real time passing is the point: the second tap is held
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    following = paragraph_start(screen.utterances, first, 1)
    qtbot.waitUntil(lambda: started[-1] == following, timeout=3000)
    window.kiosk.speech.stop()


def test_volume_is_an_item_of_every_screen_in_speech_mode_and_the_next_visitor_starts_at_normal(
    qtbot: QtBot, window: KioskWindow, engine: RecordingEngine
) -> None:
    mode = window.speech_mode
    kiosk = window.kiosk
    for location in (Location.home(), Location("section", "office"), Location("page", "opening-hours"),
                     Location("search"), Location("plan")):
        kiosk.open(location)
        assert any(item.widget is window.volume_item for item in mode.reading_order()), location
    # Reached by keys alone, used with Enter: louder, said at the new volume.
    kiosk.home()
    order = mode.reading_order()
    steps = next(i for i, item in enumerate(order) if item.widget is window.volume_item) + 1
    for _ in range(steps):
        QTest.keyClick(window, Qt.Key.Key_Down)
    assert mode.current is not None and mode.current.widget is window.volume_item
    said(qtbot, engine, "Przycisk: Głośność: normalnie")
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert kiosk.session.speech_volume == "loud" and kiosk.speech.volume == "loud"
    said(qtbot, engine, "Głośność: głośno")
    QTest.keyClick(window, Qt.Key.Key_Return)  # still the current item: after the loudest, the quietest
    assert kiosk.session.speech_volume == "quiet"
    kiosk.end_visit()
    assert kiosk.session.speech_volume == "normal" and kiosk.speech.volume == "normal"
    assert window.volume_item.isHidden()


SCREENS = [
    Location.home(),
    Location("section", "office"),
    Location("page", "waste-collection"),  # the longest page: the text must not trap
    Location("search"),
    Location("plan", "14"),
]


def _controls(window: KioskWindow) -> set[QWidget]:
    """The controls a visitor can use on the screen now (an open overlay alone)."""
    overlays = [w for w in window.findChildren(QWidget)
                if w.parentWidget() is window and w.property("role") == "overlay" and w.isVisible()]
    root = overlays[-1] if overlays else window
    return {w for w in root.findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QLineEdit)) and w.isVisible() and w.isEnabled()}


def _open_screen(qtbot: QtBot, window: KioskWindow, location: Location) -> None:
    window.kiosk.open(location)
    if location.kind == "search":  # with the keyboard out and results to walk
        screen = window.search_screen
        assert screen.wait_for_index()
        if screen.keyboard.isHidden():
            screen.show_keyboard.click()
        screen.field.setText("dowod")
        qtbot.waitUntil(lambda: bool(screen.visible_hits()), timeout=3000)


@pytest.mark.parametrize("location", SCREENS, ids=lambda loc: f"{loc.kind}-{loc.target}")
def test_a_keypad_walk_in_speech_mode_reaches_every_item_and_comes_back(
    qtbot: QtBot, window: KioskWindow, location: Location
) -> None:
    """Down from the top to "End of the screen", then Up back to the first item: every
    control and every line, paragraph and row of the page on the way, no trap."""
    _open_screen(qtbot, window, location)
    mode = window.speech_mode
    mode.forget()  # from the top (a keypad's focus may have put the first tile first)
    order = mode.reading_order()
    reached: list[Item] = []
    for _ in range(len(order) + 5):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Down)
        assert mode.current is not None
        if reached and mode.current.same_as(reached[-1]):
            break  # "End of the screen."
        reached.append(mode.current)
    assert len(reached) == len(order)
    assert all(a.same_as(b) for a, b in zip(reached, order, strict=True))
    assert _controls(window) <= {item.widget for item in reached}  # no control left out
    for _ in range(len(order) - 1):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Up)
    assert mode.current.same_as(order[0])


@pytest.mark.parametrize("location", SCREENS, ids=lambda loc: f"{loc.kind}-{loc.target}")
def test_a_keypad_walk_without_speech_mode_reaches_every_control_with_no_trap(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], location: Location
) -> None:
    """Only Up and Down, sent where a keypad's keys go (the focused control): the page
    text scrolls to its end and the focus moves on; the field, the on-screen keyboard
    and the plan let it pass."""
    window = kiosk_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    _open_screen(qtbot, window, location)
    window.setFocus()
    reached: list[QWidget | None] = []
    for _ in range(600):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Down)
        focused = QApplication.focusWidget()
        if reached and focused is reached[-1] and not isinstance(focused, PageView):
            break  # the last control: Down stays there
        reached.append(focused)
    assert _controls(window) <= set(reached), [c.objectName() for c in _controls(window) - set(reached)]
    last = QApplication.focusWidget()
    assert last is not None
    for _ in range(600):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Up)
    first = next(w for w in reached if w is not None)
    assert QApplication.focusWidget() is first  # and all the way back up
