"""The scripted blind visit of issue 16, by keypad and by touch gestures, on the real
window with the bundled content: what was spoken, in order, and that nothing was used
that had not been spoken first (and no touch or key ever reached a control directly).

Attract screen by keypad → speech mode → Opening hours → Listen → pause by touching
Next → Continue → next sentence → Back → search "dowod" on the on-screen keyboard →
the first result → Help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.page_view import PageView
from kiosk.ui.speech_mode import DOUBLE_TAP_SECONDS
from tests.fakes import RecordingEngine


class Leaks(QObject):
    """Installed before the window's own filters, so it sees only the touches and keys
    that speech mode let through to a control."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if isinstance(watched, (QAbstractButton, PageView)) or (
            isinstance(watched, QWidget) and isinstance(watched.parentWidget(), PageView)
        ):
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                self.events.append(f"{kind.name} on {watched.objectName() or type(watched).__name__}")
            elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space
            ):
                self.events.append(f"key on {watched.objectName()}")
        return False


class VisitLog:
    """What the kiosk said, in order — announcements and the sentences of a reading as
    they start — and every use of an item, with whether it had been said before."""

    def __init__(self, window: KioskWindow) -> None:
        self.said: list[str] = []
        self.used: list[str] = []
        self.unheard: list[str] = []
        self._said_at_use = 0
        player = window.kiosk.speech
        mode = window.speech_mode
        announce, announce_all, activate = player.announce, player.announce_all, mode.activate

        def spy_announce(text: str, lang: str) -> bool:
            self.said.append(text)
            return announce(text, lang)

        def spy_announce_all(texts: list[tuple[str, str]]) -> bool:
            started = announce_all(texts)  # the first goes through announce()
            self.said.extend(text for text, _lang in texts[1:])
            return started

        def spy_activate(is_held: bool = False) -> None:
            if mode.current is not None:
                text = mode.text_of(mode.current)
                self.used.append(text)
                if not any(text == said or said.startswith(text) for said in self.said[self._said_at_use:]):
                    self.unheard.append(text)
                self._said_at_use = len(self.said)
            activate(is_held)

        def on_sentence(index: int) -> None:
            utterances = window.page_screen.utterances
            if 0 <= index < len(utterances):
                self.said.append(utterances[index].text)

        player.announce = spy_announce  # type: ignore[method-assign]
        player.announce_all = spy_announce_all  # type: ignore[method-assign]
        mode.activate = spy_activate  # type: ignore[method-assign]
        player.utterance_started.connect(on_sentence)

    def hear(self, qtbot: QtBot, text: str) -> None:
        """Wait until ``text`` has been said (the visitor listens to the new screen)."""
        mark = len(self.said)
        qtbot.waitUntil(lambda: any(text in said for said in self.said[mark - 1:]), timeout=3000)

    def hear_screen(self, qtbot: QtBot, name: str) -> None:
        """Wait until the new screen's own name has been said (not the control's name that
        led there, "Przycisk: Szukaj"): a visitor who acts sooner cuts it off."""
        mark = len(self.said)
        qtbot.waitUntil(lambda: any(said.startswith(name) for said in self.said[mark - 1 :]), timeout=3000)

    def in_order(self, *expected: str) -> bool:
        """Each of ``expected`` is in something said, in this order."""
        position = 0
        for text in expected:
            while position < len(self.said) and text not in self.said[position]:
                position += 1
            if position == len(self.said):
                return False
            position += 1
        return True


@pytest.fixture
def blind_visit(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow]
) -> Iterator[tuple[KioskWindow, VisitLog, Leaks]]:
    leaks = Leaks()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(leaks)  # first: the window's filters come later and see events first
    engine = RecordingEngine(duration_ms=400, write_audio=False, timed=True)
    window = kiosk_window(speech_engine=engine)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    log = VisitLog(window)
    yield window, log, leaks
    window.kiosk.speech.stop()
    app.removeEventFilter(leaks)


class Keypad:
    """A blind visitor with the keypad: Up/Down to an item, listening, Enter."""

    def __init__(self, qtbot: QtBot, window: KioskWindow, log: VisitLog) -> None:
        self.qtbot, self.window, self.log = qtbot, window, log

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.window, key)

    def go_to(self, widget: QWidget) -> None:
        mode = self.window.speech_mode
        for _ in range(300):
            order = mode.reading_order()
            target = next(i for i, item in enumerate(order) if item.widget is widget and item.block < 0)
            here = next((i for i, item in enumerate(order) if item.same_as(mode.current)), None)
            if here == target:
                break
            self.key(Qt.Key.Key_Down if here is None or here < target else Qt.Key.Key_Up)
        else:
            raise AssertionError(f"the keypad never reached {widget.objectName()}")
        self.listen()

    def listen(self) -> None:
        """Until the item reached has been said (a blind visitor listens before acting)."""
        mode = self.window.speech_mode
        assert mode.current is not None
        text = mode.text_of(mode.current)
        self.qtbot.waitUntil(lambda: bool(self.log.said) and self.log.said[-1] == text, timeout=3000)

    def use(self) -> None:
        self.key(Qt.Key.Key_Return)


class Touch(Keypad):
    """The same visitor by touch: a finger on an item (or swipes to it), a double tap
    anywhere; QTest's touch device and touch events where Qt makes the mouse events."""

    def __init__(self, qtbot: QtBot, window: KioskWindow, log: VisitLog) -> None:
        super().__init__(qtbot, window, log)
        self.device = QTest.createTouchDevice()

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).press(0, point, self.window).commit()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).release(0, point, self.window).commit()

    def tap(self, point: QPoint) -> None:
        self.press(point)
        self.release(point)

    def pause(self) -> None:
        self.qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 60)  # taps further apart than a double tap

    def swipe(self, dx: int) -> None:
        start = QPoint(self.window.width() // 2, self.window.height() // 2)
        self.press(start)
        QTest.touchEvent(self.window, self.device).move(0, start + QPoint(dx // 2, 0), self.window).commit()
        self.release(start + QPoint(dx, 0))
        self.pause()

    def go_to(self, widget: QWidget) -> None:
        """Swipe right when it is one of the next three items, else touch it."""
        mode = self.window.speech_mode
        order = mode.reading_order()
        target = next((i for i, item in enumerate(order) if item.widget is widget and item.block < 0), None)
        assert target is not None, (widget.objectName(), self.log.used[-3:], self.log.said[-5:])
        here = next((i for i, item in enumerate(order) if item.same_as(mode.current)), None)
        if here is not None and 0 < target - here <= 3:
            for _ in range(target - here):
                self.swipe(300)
        else:
            self.tap(widget.mapTo(self.window, widget.rect().center()))
            self.pause()
        assert mode.current is not None and mode.current.widget is widget
        self.listen()

    def use(self) -> None:
        corner = QPoint(self.window.width() // 2, self.window.height() // 2)  # anywhere
        self.tap(corner)
        self.tap(corner)
        self.pause()


def _walk_the_visit(qtbot: QtBot, window: KioskWindow, log: VisitLog, visitor: Keypad) -> None:
    kiosk = window.kiosk
    player = kiosk.speech
    kiosk.end_visit()
    # 1. A keypad key on the attract screen: a visit in speech mode, the hint said.
    QTest.keyClick(window.attract, Qt.Key.Key_Down)
    assert kiosk.session.is_speech_mode and not window.attract.isVisible()
    qtbot.waitUntil(lambda: log.in_order("Tryb głosowy jest włączony"), timeout=3000)
    # 2. Opening hours: the section, then its page.
    visitor.go_to(next(t for t in window.home_screen.tiles if "Urząd" in t.title))
    visitor.use()
    assert kiosk.session.location.kind == "section"
    log.hear(qtbot, "Dział: Urząd")
    visitor.go_to(next(t for t in window.section_screen.visible_tiles() if "Godziny" in t.title))
    visitor.use()
    assert kiosk.session.location == Location("page", "opening-hours")
    log.hear(qtbot, "Strona: Godziny otwarcia")
    # 3. Listen.
    bar = window.page_screen.speech_bar
    started: list[int] = []
    player.utterance_started.connect(started.append)
    visitor.go_to(bar.play)
    visitor.use()
    qtbot.waitUntil(lambda: len(started) >= 3, timeout=5000)
    # 4. Pause by touching Next: its name only, the reading waits at its sentence.
    point = bar.next_button.mapTo(window, bar.next_button.rect().center())
    target = window.childAt(point) or window
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    assert player.reading_state == "paused"
    paused_at = player.reading_index
    visitor.listen()
    if isinstance(visitor, Touch):
        visitor.pause()
    # 5. Continue: the same sentence again, not the title.
    visitor.go_to(bar.play)
    count = len(started)
    visitor.use()
    qtbot.waitUntil(lambda: len(started) > count, timeout=3000)
    assert started[count] == paused_at
    # 6. The next sentence.
    visitor.go_to(bar.next_button)
    at = player.reading_index
    count = len(started)
    visitor.use()
    qtbot.waitUntil(lambda: len(started) > count, timeout=3000)
    assert started[count] == at + 1
    # 7. Back.
    if isinstance(visitor, Touch):
        visitor.go_to(window.bottom_bar.back)
        visitor.use()
    else:
        visitor.key(Qt.Key.Key_Escape)
    assert kiosk.session.location.kind == "section"
    log.hear(qtbot, "Dział: Urząd")
    # 8. Search "dowod" on the on-screen keyboard.
    visitor.go_to(window.top_bar.search)
    visitor.use()
    assert kiosk.session.location.kind == "search"
    log.hear_screen(qtbot, "Szukaj")
    screen = window.search_screen
    assert screen.wait_for_index()
    if screen.keyboard.isHidden():
        visitor.go_to(screen.show_keyboard)
        visitor.use()
    for letter in "dowod":
        visitor.go_to(screen.keyboard.letter_keys[letter])
        visitor.use()
    assert screen.field.text() == "dowod"
    # The rooms and the pages found ("dowod": room 2 and the ID-card page); the list is
    # complete before the visitor walks it (its tiles are reused as results arrive).
    qtbot.waitUntil(lambda: bool(screen.visible_rooms()) and bool(screen.visible_hits()), timeout=3000)
    # 9. The first result.
    first = (screen.visible_rooms() + screen.visible_hits())[0]
    title = first.title
    visitor.go_to(first)
    visitor.use()
    assert kiosk.session.location.kind in ("page", "plan")
    log.hear(qtbot, window.screen_title())
    # 10. Help.
    visitor.key(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: log.in_order("Jesteś tutaj"), timeout=3000)
    # What was said, in order.
    assert log.in_order(
        "Tryb głosowy jest włączony",
        "Przycisk: Urząd",
        "Dział: Urząd",
        "Przycisk: Godziny otwarcia",
        "Strona: Godziny otwarcia",
        "Przycisk: Odsłuchaj",
        "Godziny otwarcia",  # the title, read
        "Przycisk: Następne zdanie",
        "Przycisk: Wznów",
        "Przycisk: Następne zdanie",
        "Dział: Urząd",
        "Przycisk: Szukaj",
        "Szukaj",
        "Przycisk: d",
        "Przycisk: o",
        "Przycisk: w",
        "Przycisk: o",
        "Przycisk: d",
        title,
        window.screen_title(),
        "Jesteś tutaj",
    ), "\n".join(log.said)
    assert log.unheard == [], log.unheard  # nothing used that had not been said first
    assert log.used[0].startswith("Przycisk: Urząd")


def test_the_blind_visit_by_keypad(qtbot: QtBot, blind_visit: tuple[KioskWindow, VisitLog, Leaks]) -> None:
    window, log, leaks = blind_visit
    _walk_the_visit(qtbot, window, log, Keypad(qtbot, window, log))
    assert leaks.events == []


def test_the_blind_visit_by_touch_gestures(
    qtbot: QtBot, blind_visit: tuple[KioskWindow, VisitLog, Leaks]
) -> None:
    window, log, leaks = blind_visit
    _walk_the_visit(qtbot, window, log, Touch(qtbot, window, log))
    assert leaks.events == []
