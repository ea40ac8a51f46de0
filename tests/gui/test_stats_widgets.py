"""The visitor's "Was this helpful?" block and survey, and the staff panel's glance."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import i18n, paths
from kiosk.content.content import load_content
from kiosk.content.survey import Survey
from kiosk.stats import store
from kiosk.stats.events import Event, Kind, Reason
from kiosk.stats.recorder import NullRecorder, Recorder
from kiosk.stats.report import Report
from kiosk.stats.visit import VisitStats
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.helpful import HelpfulBlock
from kiosk.ui.staff_panel import StaffActions, StaffPanel
from kiosk.ui.stats_glance import StatsGlance, glance_report
from kiosk.ui.survey_dialog import SurveyDialog

TODAY = dt.date(2027, 1, 20)


class Ticking:
    """A monotonic clock one second further on each reading: every answer comes well
    after its question (the double-tap guard is tested on its own)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "statistics.sqlite3"


@pytest.fixture
def visit(db: Path) -> VisitStats:
    recorder = Recorder(db)
    stats = VisitStats(recorder, FixedClock(dt.datetime(2027, 1, 20, 10, 5, tzinfo=office_timezone())))
    yield stats  # type: ignore[misc]
    recorder.close()


@pytest.fixture
def survey() -> Survey:
    loaded = load_content(paths.bundled_content_dir()).survey
    assert loaded is not None
    return loaded


def rows(visit: VisitStats, db: Path, sql: str) -> list[tuple[object, ...]]:
    assert isinstance(visit.sink, Recorder) and visit.sink.flush()
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


@pytest.fixture
def parent(qtbot: object) -> QWidget:
    """The window the widgets sit in, kept alive for the whole test."""
    widget = QWidget()
    widget.resize(1080, 1400)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.show()
    return widget


# -- "Was this helpful?" -------------------------------------------------------------------


def test_yes_is_one_tap_and_the_answer_is_kept_for_the_visit(
    qtbot: object, parent: QWidget, visit: VisitStats, db: Path, kiosk_fonts: None
) -> None:
    block = HelpfulBlock(visit, parent)
    block.set_page("opening-hours")
    block.show()
    assert block.yes.isVisible() and block.no.isVisible() and not block.thanks.isVisible()
    with qtbot.waitSignal(block.answered) as signal:  # type: ignore[attr-defined]
        qtbot.mouseClick(block.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert signal.args == ["opening-hours", True]
    assert block.thanks.isVisible() and not block.yes.isVisible() and not block.reasons.isVisible()
    block.set_page("contact")  # another page asks again
    assert block.yes.isVisible()
    block.set_page("opening-hours")  # coming back: answered once per page per visit
    assert not block.yes.isVisible() and block.thanks.isVisible()
    assert rows(visit, db, "SELECT page, answer, reason, count FROM helpful") == [
        ("opening-hours", "yes", "", 1)
    ]


def test_no_then_an_optional_reason_from_the_short_list(
    qtbot: object, parent: QWidget, visit: VisitStats, db: Path, kiosk_fonts: None
) -> None:
    block = HelpfulBlock(visit, parent)
    block.set_page("id-card")
    block.show()
    qtbot.mouseClick(block.no, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert block.reasons.isVisible() and block.thanks.isVisible()
    assert [b.text() for b in block.reason_buttons.values()] == [
        "Not what I was looking for",
        "Hard to understand",
        "Out of date",
    ]
    assert "What was wrong?" in block.spoken_text() and "Out of date" in block.spoken_text()
    with qtbot.waitSignal(block.reason_chosen) as signal:  # type: ignore[attr-defined]
        qtbot.mouseClick(block.reason_buttons[Reason.OUT_OF_DATE], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert signal.args == ["id-card", "out_of_date"]
    assert not block.reasons.isVisible()
    assert block.spoken_text() == "Thank you for your answer."
    assert rows(visit, db, "SELECT answer, reason, count FROM helpful") == [
        ("no", "", 1),
        ("no", "out_of_date", 1),
    ]


def test_the_keypad_answers_too(qtbot: object, parent: QWidget, visit: VisitStats, kiosk_fonts: None) -> None:
    block = HelpfulBlock(visit, parent)
    block.set_page("contact")
    block.show()
    block.no.setFocus()
    qtbot.keyClick(block.no, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert visit.answer("contact") is False
    assert block.reason_buttons[Reason.NOT_FOUND].hasFocus()  # the keypad moves on to the reasons


def test_reset_clears_everything_for_the_next_visitor(
    qtbot: object, parent: QWidget, visit: VisitStats, kiosk_fonts: None
) -> None:
    block = HelpfulBlock(visit, parent)
    block.set_page("contact")
    block.show()
    qtbot.mouseClick(block.no, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    visit.visit_ended("pl")  # the session's reset: nothing of the last visitor shows
    block.refresh()
    assert block.yes.isVisible() and not block.thanks.isVisible() and not block.reasons.isVisible()
    assert block.spoken_text() == "Was this information helpful? Yes. No."


def test_the_block_is_hidden_when_statistics_are_off(
    qtbot: object, parent: QWidget, kiosk_fonts: None
) -> None:
    clock = FixedClock(dt.datetime(2027, 1, 20, 10, 5, tzinfo=office_timezone()))
    block = HelpfulBlock(VisitStats(NullRecorder(), clock), parent)
    block.set_page("contact")
    assert not block.isVisibleTo(block.parentWidget())


def test_polish_texts(qtbot: object, parent: QWidget, visit: VisitStats, kiosk_fonts: None) -> None:
    block = HelpfulBlock(visit, parent)
    i18n.set_language("pl")
    block.retranslate()
    assert block.question.text() == "Czy ta informacja była pomocna?"
    assert (block.yes.text(), block.no.text()) == ("Tak", "Nie")
    assert block.reason_buttons[Reason.NOT_FOUND].text() == "Nie ma tego, czego szukam"


# -- the survey ----------------------------------------------------------------------------


def test_the_survey_is_answered_with_one_tap_per_question(
    qtbot: object, parent: QWidget, visit: VisitStats, db: Path, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, clock=Ticking())
    dialog.ask(survey, "pl", "pl")
    assert dialog.isVisible() and dialog.question.text().startswith("Jak ogólnie oceniasz")
    assert dialog.progress.text() == "Question 1 of 3"
    assert [b.text() for b in dialog.answer_buttons] == ["1", "2", "3", "4", "5"]
    assert dialog.answer_buttons[0].accessibleName() == "1: bardzo źle"
    qtbot.mouseClick(dialog.answer_buttons[3], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert [b.text() for b in dialog.answer_buttons] == ["Tak, wszystkie", "Częściowo", "Nie"]
    qtbot.mouseClick(dialog.answer_buttons[1], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.finished) as signal:  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.answer_buttons[4], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert signal.args == ["completed"]
    assert not dialog.isVisible()
    assert rows(visit, db, "SELECT question, answer, count FROM survey_answers") == [
        ("found-information", "some", 1),
        ("overall", "4", 1),
        ("waiting-time", "5", 1),
    ]
    assert rows(visit, db, "SELECT outcome, count FROM survey_outcomes") == [("completed", 1)]


def test_skip_is_one_tap_and_leaving_half_way_is_recorded_as_partial(
    qtbot: object, parent: QWidget, visit: VisitStats, db: Path, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, clock=Ticking())
    dialog.ask(survey, "en", "pl")
    assert dialog.question.text() == "How do you rate the service at our Town Hall overall?"
    with qtbot.waitSignal(dialog.finished) as signal:  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.skip, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert signal.args == ["skipped"] and not dialog.isVisible()
    dialog.ask(survey, "en", "pl")  # the next visitor
    qtbot.mouseClick(dialog.answer_buttons[0], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    with qtbot.assertNotEmitted(dialog.finished):  # type: ignore[attr-defined]
        dialog.abandon()  # the idle reset while the survey is open: recorded, no signal
    assert not dialog.isVisible()
    assert rows(visit, db, "SELECT outcome, count FROM survey_outcomes") == [("partial", 1), ("skipped", 1)]


def test_up_and_down_stay_inside_the_survey_and_enter_answers(
    qtbot: object, parent: QWidget, visit: VisitStats, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, clock=Ticking())
    dialog.ask(survey, "pl", "pl")
    assert dialog.answer_buttons[0].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # type: ignore[attr-defined]
    assert dialog.answer_buttons[0].hasFocus()  # the first item: Up stays there
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert dialog.skip.hasFocus()  # the last item: Down stays there
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # type: ignore[attr-defined]
    assert dialog.answer_buttons[4].hasFocus()
    with qtbot.waitSignal(dialog.answered):  # type: ignore[attr-defined]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert dialog.answers_given == 1 and dialog.index == 1 and dialog.answer_buttons[0].hasFocus()


def test_a_touch_visitor_gets_no_answer_preselected(
    qtbot: object, parent: QWidget, visit: VisitStats, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, is_keyboard=lambda: False, clock=Ticking())
    dialog.ask(survey, "pl", "pl")
    assert not any(button.hasFocus() for button in dialog.focus_targets())
    assert dialog.panel.hasFocus()
    qtbot.keyClick(dialog.panel, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert dialog.answer_buttons[0].hasFocus()  # the first key goes to the first answer


def test_the_idle_countdown_shows_inside_the_survey(
    qtbot: object, parent: QWidget, visit: VisitStats, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, clock=Ticking())
    dialog.ask(survey, "pl", "pl")
    assert not dialog.countdown.isVisible()
    dialog.show_countdown(12)
    assert dialog.countdown.isVisible()
    assert dialog.countdown.text() == (
        "Are you still there? The screen will start again for the next visitor in 12 seconds."
    )
    dialog.show_countdown(0)
    assert not dialog.countdown.isVisible()


def test_a_firm_double_tap_answers_one_question_not_two(
    qtbot: object, parent: QWidget, visit: VisitStats, db: Path, survey: Survey, kiosk_fonts: None
) -> None:
    now = [100.0]
    dialog = SurveyDialog(parent, visit, clock=lambda: now[0])
    dialog.ask(survey, "pl", "pl")
    now[0] += 2.0  # the visitor reads the first question
    qtbot.mouseClick(dialog.answer_buttons[1], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    now[0] += 0.2  # the second tap, at the same place: the second question's "Nie" is there
    qtbot.mouseClick(dialog.answer_buttons[1], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.index == 1 and dialog.answers_given == 1
    now[0] += 1.0
    qtbot.mouseClick(dialog.answer_buttons[1], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.index == 2
    assert rows(visit, db, "SELECT question, answer FROM survey_answers") == [
        ("found-information", "some"),
        ("overall", "2"),
    ]


def test_escape_skips_the_survey(
    qtbot: object, parent: QWidget, visit: VisitStats, survey: Survey, kiosk_fonts: None
) -> None:
    dialog = SurveyDialog(parent, visit, clock=Ticking())
    dialog.ask(survey, "pl", "pl")
    with qtbot.waitSignal(dialog.finished) as signal:  # type: ignore[attr-defined]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert signal.args == ["skipped"]


# -- the staff panel's glance -------------------------------------------------------------


def test_the_glance_shows_the_last_30_days(
    qtbot: object, parent: QWidget, db: Path, kiosk_fonts: None
) -> None:
    conn = store.connect(db)
    events = [Event(Kind.VISIT, "2027-01-19 10:00", ("pl",), 60)] * 4
    events += [Event(Kind.VISIT, "2026-12-01 10:00", ("pl",), 60)] * 9  # older than 30 days
    events += [Event(Kind.PAGE, "2027-01-19 10:00", ("id-card", "pl"))] * 6
    for page, no in (("p1", 5), ("p2", 4), ("p3", 3), ("p4", 2), ("p5", 1), ("p6", 1)):
        events += [Event(Kind.HELPFUL, "2027-01-19 10:00", (page, "no", ""))] * no
        events += [Event(Kind.HELPFUL, "2027-01-19 10:00", (page, "yes", ""))] * 2
    for query, n in (("psy", 7), ("wybory", 3), ("lodowisko", 2), ("basen", 2), ("kino", 1), ("teatr", 1)):
        events += [Event(Kind.FAILED_SEARCH, "2027-01-19 10:00", ("pl", query))] * n
    store.write_events(conn, events)
    conn.close()
    report = glance_report(db, TODAY, titles={"p1": "Dowód osobisty"})
    assert report is not None
    glance = StatsGlance(parent)
    glance.show_report(report)
    glance.show()
    assert report.visits == 4 and len(report.visits_per_day) == 30
    assert glance.summary.text() == "4 visits · 6 pages opened"
    assert glance.chart_view.isVisible()
    chart = glance.chart_view.chart()
    assert chart is not None and chart.series()[0].count() == 1  # one bar set
    assert glance.least_helpful_lines() == [
        "Dowód osobisty: 5 of 7 said no",
        "p2: 4 of 6 said no",
        "p3: 3 of 5 said no",
        "p4: 2 of 4 said no",
        "p5: 1 of 3 said no",
    ]
    assert glance.failed_search_lines()[:2] == ["psy (7 times)", "wybory (3 times)"]
    assert len(glance.failed_search_lines()) == 5


def test_the_glance_without_statistics(
    qtbot: object, parent: QWidget, tmp_path: Path, kiosk_fonts: None
) -> None:
    assert glance_report(tmp_path / "none.sqlite3", TODAY) is None
    glance = StatsGlance(parent)
    glance.show_report(None)
    glance.show()
    assert "No statistics yet" in glance.summary.text()
    assert not glance.chart_view.isVisible()


def test_the_staff_panel_reads_the_glance_off_the_ui_thread_and_shows_the_seeded_numbers(
    qtbot: object, parent: QWidget, db: Path, kiosk_fonts: None
) -> None:
    conn = store.connect(db)
    events = [Event(Kind.VISIT, "2026-12-21 15:00", ("pl",), 60)] * 9  # the day before the 30
    events += [Event(Kind.VISIT, "2026-12-22 09:00", ("pl",), 60)] * 2  # the first of the 30 days
    events += [Event(Kind.VISIT, "2027-01-05 11:00", ("en",), 60)] * 3
    events += [Event(Kind.VISIT, "2027-01-19 10:00", ("pl",), 60)] * 4
    events += [Event(Kind.HELPFUL, "2027-01-19 10:00", ("id-card", "no", ""))] * 3
    events += [Event(Kind.HELPFUL, "2027-01-19 10:00", ("id-card", "yes", ""))]
    events += [Event(Kind.HELPFUL, "2027-01-05 11:00", ("contact", "no", ""))]
    events += [Event(Kind.HELPFUL, "2027-01-05 11:00", ("contact", "yes", ""))] * 3
    events += [Event(Kind.HELPFUL, "2026-12-21 15:00", ("opening-hours", "no", ""))] * 5  # too old
    events += [Event(Kind.FAILED_SEARCH, "2027-01-19 10:00", ("pl", "psy"))] * 2
    events += [Event(Kind.FAILED_SEARCH, "2027-01-19 10:00", ("pl", ""))] * 4  # withheld: not listed
    events += [Event(Kind.FAILED_SEARCH, "2026-12-21 15:00", ("pl", "kino"))] * 8  # too old
    store.write_events(conn, events)
    conn.close()
    titles = {"id-card": "Dowód osobisty", "contact": "Kontakt"}
    threads: list[str] = []

    def statistics() -> Report | None:
        threads.append(threading.current_thread().name)
        return glance_report(db, TODAY, titles)

    panel = StaffPanel(parent, StaffActions(statistics=statistics))
    panel.open()
    qtbot.waitUntil(lambda: not panel.is_reading_statistics, timeout=5000)  # type: ignore[attr-defined]
    assert threads == ["statistics glance"]  # read on the worker thread
    glance = panel.glance
    assert glance.isVisible() and glance.chart_view.isVisible()
    assert glance.summary.text() == "9 visits · 0 pages opened"
    chart = glance.chart_view.chart()
    bars = chart.series()[0].barSets()[0]
    values = [int(bars.at(i)) for i in range(bars.count())]
    assert len(values) == 30 and sum(values) == 9
    assert (values[0], values[14], values[28], values[29]) == (2, 3, 4, 0)  # 22.12, 5.01, 19.01, 20.01
    assert glance.helpful_list.text() == "Dowód osobisty: 3 of 4 said no\nKontakt: 1 of 4 said no"
    assert glance.search_list.text() == "psy (2 times)"
    panel.close_overlay()


def test_the_staff_panel_without_statistics_shows_no_glance(
    qtbot: object, parent: QWidget, kiosk_fonts: None
) -> None:
    panel = StaffPanel(parent, StaffActions())
    panel.open()
    assert not panel.glance.isVisible() and not panel.is_reading_statistics


def test_without_qt_charts_the_visits_per_day_are_written(
    qtbot: object, parent: QWidget, db: Path, monkeypatch: pytest.MonkeyPatch, kiosk_fonts: None
) -> None:
    """The installer bundle leaves Qt Charts out: the staff panel still opens and says
    the visits per day in words."""
    from kiosk.ui import stats_glance

    conn = store.connect(db)
    store.write_events(conn, [Event(Kind.VISIT, "2027-01-19 10:00", ("pl",), 60)] * 3)
    conn.close()
    report = glance_report(db, TODAY)
    assert report is not None
    monkeypatch.setattr(stats_glance, "_charts_available", lambda: False)
    glance = StatsGlance(parent)
    glance.show_report(report)
    glance.show()
    assert not glance.has_chart and glance.chart_view.isVisible()
    assert glance.chart_view.text().startswith("Visits per day: ")
    assert "19.01 3" in glance.chart_view.text()
