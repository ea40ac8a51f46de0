"""The visitor's side of the statistics on the real window, with taps and keys: "Was this
helpful?", "End visit" and the survey, the survey on the idle warning, the keypad, and
the reset that leaves nothing of it for the next visitor."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.controller import VisitSettings
from kiosk.session import Location
from kiosk.stats.events import Reason
from kiosk.stats.recorder import Recorder
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.survey_dialog import REPEAT_GUARD_SECONDS, SurveyDialog
from tests.fakes import RecordingEngine

IN_SURVEY = dt.datetime(2027, 1, 20, 10, 30, tzinfo=office_timezone())  # the sample survey runs
Open = Callable[..., KioskWindow]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "statistics.sqlite3"


@pytest.fixture
def open_window(qtbot: QtBot, kiosk_window: Open, db: Path) -> Iterator[Callable[..., KioskWindow]]:
    recorders: list[Recorder] = []

    def make(idle_seconds: float = 60, warning_seconds: int = 30, **kwargs: object) -> KioskWindow:
        recorder = Recorder(db)
        recorders.append(recorder)
        window = kiosk_window(
            visit=VisitSettings(idle_seconds=idle_seconds, warning_seconds=warning_seconds),
            clock=FixedClock(IN_SURVEY),
            recorder=recorder,
            **kwargs,
        )
        window.kiosk.watch_activity()
        window.activateWindow()  # keys go where the kiosk's focus is
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        window.kiosk.end_visit()  # the attract screen, as after start-up
        return window

    yield make
    for recorder in recorders:
        recorder.close()


def tap(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def overlaps(survey: SurveyDialog) -> list[tuple[str, str]]:
    """Texts and answers of the survey that lie on one another."""
    shown = [
        (w, QRect(w.mapTo(survey, QPoint(0, 0)), w.size()))
        for w in survey.panel.findChildren(QWidget)
        if isinstance(w, (QLabel, QPushButton)) and w.isVisible()
    ]
    return [
        (a.text(), b.text())  # type: ignore[attr-defined]
        for (a, ra), (b, rb) in itertools.combinations(shown, 2)
        if ra.intersects(rb)
    ]


def settle(qtbot: QtBot) -> None:
    """A visitor reads the question before answering: a tap sooner is taken as the second
    tap of a double tap on the previous answer (see REPEAT_GUARD_SECONDS)."""
    qtbot.wait(int(REPEAT_GUARD_SECONDS * 1000) + 50)


def rows(window: KioskWindow, db: Path, sql: str) -> list[tuple[object, ...]]:
    assert window.kiosk.recorder.flush()
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


def key(window: KioskWindow, code: Qt.Key) -> None:
    """A key of the keypad, sent where the kiosk's focus is."""
    QTest.keyClick(QApplication.focusWidget() or window, code)


def test_was_this_helpful_then_end_visit_and_the_survey_answered(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window()
    tap(qtbot, window.attract)
    window.kiosk.open(Location("section", "errands"))
    window.kiosk.open(Location("page", "id-card"))
    helpful = window.page_screen.helpful
    assert helpful is not None and helpful.isVisibleTo(window)
    tap(qtbot, helpful.no)
    tap(qtbot, helpful.reason_buttons[Reason.OUT_OF_DATE])
    survey = window.survey_dialog
    assert not survey.isVisible()
    tap(qtbot, window.bottom_bar.end_visit)  # "Zakończ"
    assert survey.isVisible() and not window.attract.isVisible()
    assert survey.question.text() == "Jak ogólnie oceniasz obsługę w naszym urzędzie?"
    assert not any(b.hasFocus() for b in survey.focus_targets())  # a touch: nothing preselected
    settle(qtbot)
    tap(qtbot, survey.answer_buttons[3])  # 4
    assert survey.progress.text() == "Pytanie 2 z 3"
    settle(qtbot)
    tap(qtbot, survey.answer_buttons[0])  # "Tak, wszystkie"
    settle(qtbot)
    tap(qtbot, survey.answer_buttons[4])  # 5: the last answer ends the visit
    assert not survey.isVisible() and window.attract.isVisible()
    assert not window.kiosk.is_visiting
    assert rows(window, db, "SELECT page, answer, reason, count FROM helpful") == [
        ("id-card", "no", "", 1),
        ("id-card", "no", "out_of_date", 1),
    ]
    assert rows(window, db, "SELECT question, answer, count FROM survey_answers") == [
        ("found-information", "all", 1),
        ("overall", "4", 1),
        ("waiting-time", "5", 1),
    ]
    assert rows(window, db, "SELECT outcome, count FROM survey_outcomes") == [("completed", 1)]
    assert rows(window, db, "SELECT lang FROM visits") == [("pl",)]


def test_skip_is_one_tap_and_ends_the_visit(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window()
    tap(qtbot, window.attract)
    tap(qtbot, window.top_bar.language_buttons["en"])
    tap(qtbot, window.bottom_bar.end_visit)
    survey = window.survey_dialog
    # In the screen's language:
    assert survey.question.text() == "How do you rate the service at our Town Hall overall?"
    tap(qtbot, survey.skip)
    assert window.attract.isVisible() and not survey.isVisible()
    assert rows(window, db, "SELECT outcome, count FROM survey_outcomes") == [("skipped", 1)]
    assert rows(window, db, "SELECT count(*) FROM survey_answers") == [(0,)]


def test_the_survey_comes_with_the_idle_warning_once_per_visit(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window(idle_seconds=0.3, warning_seconds=20)
    tap(qtbot, window.attract)
    survey = window.survey_dialog
    with qtbot.waitSignal(window.kiosk.policy.warning, timeout=3000):
        pass
    assert survey.isVisible() and not window.idle_warning.isVisible()  # one panel…
    assert survey.countdown.isVisible() and "20 sekund" in survey.countdown.text()  # …with the countdown
    qtbot.waitUntil(lambda: not overlaps(survey), timeout=2000)  # the panel grew for it
    settle(qtbot)
    tap(qtbot, survey.answer_buttons[2])  # the visitor is still here: the countdown goes
    assert not survey.countdown.isVisible() and not window.kiosk.policy.is_warning
    tap(qtbot, survey.skip)  # and the visit goes on where it was
    assert not survey.isVisible() and not window.attract.isVisible() and window.kiosk.is_visiting
    with qtbot.waitSignal(window.kiosk.policy.warning, timeout=3000):
        pass
    assert window.idle_warning.isVisible() and not survey.isVisible()  # the plain warning now
    tap(qtbot, window.idle_warning.continue_button)
    tap(qtbot, window.bottom_bar.end_visit)  # no second survey in this visit
    assert window.attract.isVisible() and not survey.isVisible()
    assert rows(window, db, "SELECT outcome, count FROM survey_outcomes") == [("partial", 1)]
    assert rows(window, db, "SELECT answer FROM survey_answers") == [("3",)]


def test_nobody_answers_the_survey_on_the_idle_warning_and_the_reset_happens(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window(idle_seconds=0.3, warning_seconds=2)
    session = window.kiosk.session
    tap(qtbot, window.attract)
    tap(qtbot, window.top_bar.larger)
    window.kiosk.open(Location("section", "errands"))
    with qtbot.waitSignal(window.kiosk.policy.warning, timeout=3000):
        pass
    assert window.survey_dialog.isVisible()
    with qtbot.waitSignal(window.kiosk.visit_ended, timeout=5000):
        pass
    assert window.attract.isVisible() and not window.survey_dialog.isVisible()
    assert session.font_scale == 100 and session.location == Location.home()
    assert rows(window, db, "SELECT outcome, count FROM survey_outcomes") == [("skipped", 1)]
    assert rows(window, db, "SELECT count(*) FROM visits") == [(1,)]


def test_the_next_visitor_sees_nothing_of_the_last_one(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window()
    tap(qtbot, window.attract)
    window.kiosk.open(Location("section", "errands"))
    window.kiosk.open(Location("page", "id-card"))
    helpful = window.page_screen.helpful
    assert helpful is not None
    tap(qtbot, helpful.yes)
    tap(qtbot, window.bottom_bar.end_visit)
    survey = window.survey_dialog
    settle(qtbot)
    tap(qtbot, survey.answer_buttons[0])  # one answer, then the visitor walks away
    window.kiosk.end_visit()  # the reset (as the survey's wait or the idle timeout does it)
    assert not survey.isVisible()
    tap(qtbot, window.attract)  # the next visitor
    window.kiosk.open(Location("section", "errands"))
    window.kiosk.open(Location("page", "id-card"))
    assert helpful.yes.isVisible() and not helpful.thanks.isVisible()  # asked afresh
    tap(qtbot, window.bottom_bar.end_visit)
    assert survey.isVisible() and survey.index == 0 and survey.progress.text() == "Pytanie 1 z 3"
    assert not survey.countdown.isVisible()
    tap(qtbot, survey.skip)
    assert rows(window, db, "SELECT outcome, count FROM survey_outcomes") == [("partial", 1), ("skipped", 1)]


def test_the_keyboard_answers_the_survey_and_the_keypad_is_counted(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window()
    QTest.keyClick(window.attract, Qt.Key.Key_Space)  # a key that starts a visit without speech
    assert window.kiosk.is_visiting and not window.kiosk.session.is_speech_mode
    window.bottom_bar.end_visit.setFocus(Qt.FocusReason.TabFocusReason)  # reached with Tab
    key(window, Qt.Key.Key_Return)
    survey = window.survey_dialog
    assert survey.isVisible() and survey.answer_buttons[0].hasFocus()  # a key user: focus on 1
    for _ in range(3):
        key(window, Qt.Key.Key_Down)
    assert survey.answer_buttons[3].hasFocus()
    settle(qtbot)
    key(window, Qt.Key.Key_Return)
    assert survey.index == 1 and survey.answer_buttons[0].hasFocus()
    for _ in range(10):
        key(window, Qt.Key.Key_Down)  # never past "Skip" to the screen underneath
    assert survey.skip.hasFocus()
    key(window, Qt.Key.Key_Up)
    settle(qtbot)
    key(window, Qt.Key.Key_Return)  # "Nie"
    key(window, Qt.Key.Key_Escape)  # Escape skips the rest, and the visit ends
    assert window.attract.isVisible()
    assert rows(window, db, "SELECT question, answer FROM survey_answers") == [
        ("found-information", "none"),
        ("overall", "4"),
    ]
    assert rows(window, db, "SELECT outcome FROM survey_outcomes") == [("partial",)]
    assert rows(window, db, "SELECT feature, value, count FROM features") == [("keypad", "on", 1)]


def test_in_speech_mode_the_keypad_hears_and_answers_the_survey(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    engine = RecordingEngine(write_audio=False)
    window = open_window(speech_engine=engine)
    speech = window.speech_mode
    QTest.keyClick(window.attract, Qt.Key.Key_Down)  # a keypad key: a visit in speech mode
    assert window.kiosk.session.is_speech_mode
    for _ in range(6):  # Up from the end of the screen: the bar's last controls first
        key(window, Qt.Key.Key_Up)
        if speech.current is not None and speech.current.widget is window.bottom_bar.end_visit:
            break
    assert speech.current is not None and speech.current.widget is window.bottom_bar.end_visit
    key(window, Qt.Key.Key_Return)
    survey = window.survey_dialog
    assert survey.isVisible()
    qtbot.waitUntil(lambda: any("Krótka ankieta" in text for text in engine.texts()), timeout=3000)
    said = next(text for text in engine.texts() if "Krótka ankieta" in text)
    assert "Jak ogólnie oceniasz obsługę" in said and "1: bardzo źle" in said and "Pomiń ankietę" in said
    target = survey.answer_buttons[4]
    for _ in range(12):
        key(window, Qt.Key.Key_Down)
        if speech.current is not None and speech.current.widget is target:
            break
    assert speech.current is not None and speech.current.widget is target  # heard before used
    settle(qtbot)
    key(window, Qt.Key.Key_Return)
    assert survey.index == 1
    qtbot.waitUntil(
        lambda: any("Czy znalazłeś w kiosku potrzebne informacje?" in t for t in engine.texts()), timeout=3000
    )
    assert speech.current is None  # Down starts again at the new question's top
    key(window, Qt.Key.Key_Escape)
    assert window.attract.isVisible()
    assert rows(window, db, "SELECT question, answer FROM survey_answers") == [("overall", "5")]
    features = rows(window, db, "SELECT feature, value FROM features")
    assert ("keypad", "on") in features and ("speech", "on") in features


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_the_countdown_never_squeezes_the_answers(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], size: tuple[int, int]
) -> None:
    window = open_window(idle_seconds=0.3, warning_seconds=25, size=size, language="en")
    tap(qtbot, window.attract)
    with qtbot.waitSignal(window.kiosk.policy.warning, timeout=3000):
        pass
    survey = window.survey_dialog
    assert survey.countdown.isVisible()
    qtbot.waitUntil(lambda: not overlaps(survey), timeout=2000)
    qtbot.wait(50)  # and it stays so once the layout has settled
    assert overlaps(survey) == []
    assert window.rect().contains(QRect(survey.panel.mapTo(window, QPoint(0, 0)), survey.panel.size()))


def test_typing_is_not_keypad_use_but_an_arrow_is(
    qtbot: QtBot, open_window: Callable[..., KioskWindow], db: Path
) -> None:
    window = open_window()
    tap(qtbot, window.attract)
    window.kiosk.open_search()
    field = window.search_screen.field
    field.setFocus()
    QTest.keyClicks(field, "basen")
    window.kiosk.end_visit()
    assert rows(window, db, "SELECT count(*) FROM features") == [(0,)]
    tap(qtbot, window.attract)
    key(window, Qt.Key.Key_Down)
    key(window, Qt.Key.Key_Down)
    window.kiosk.end_visit()
    assert rows(window, db, "SELECT feature, count FROM features") == [("keypad", 1)]
