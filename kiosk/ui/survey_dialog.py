"""The office's short satisfaction survey, offered once per visit over the kiosk.

Never blocking: an overlay (not a modal dialog) that the visitor skips with one tap,
one question at a time, each answered with one tap. Answers are recorded as they are
given, as counts (:class:`~kiosk.stats.visit.VisitStats`), so leaving half-way loses
nothing and ties nothing together. When the visitor ends the survey (last answer, skip,
Escape), :attr:`SurveyDialog.finished` carries the outcome; :meth:`abandon` (the idle
reset) records it without the signal. Whether and when it is offered is the
controller's decision (:mod:`kiosk.stats.survey_flow`); this is only what it looks like.

Keys: Up/Down (and Left/Right) move between the answers and "Skip", Enter answers,
Escape skips. Offered on the idle warning, it shows the warning's countdown.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.survey import Question, Survey, pick_text
from kiosk.i18n import _, ngettext
from kiosk.stats.events import SurveyOutcome
from kiosk.stats.visit import VisitStats
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import FlowBox, set_role

PANEL_WIDTH = 900
# A tap this soon after a question appeared is the second half of a firm double tap on
# the previous answer (the next question's answers are at the same place): not an answer.
REPEAT_GUARD_SECONDS = 0.4
# Key codes as numbers: a key event may carry a code that is no Qt.Key member.
ARROW_STEPS: dict[int, int] = {
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_Left.value: -1,
    Qt.Key.Key_Down.value: 1,
    Qt.Key.Key_Right.value: 1,
}


class SurveyDialog(Overlay):
    finished = Signal(str)  # a SurveyOutcome value
    answered = Signal()  # an answer given and the next question shown

    def __init__(
        self,
        parent: QWidget,
        visit: VisitStats,
        is_keyboard: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setProperty("keeps_arrows", True)  # Up/Down move among its own choices (focus_walk)
        self.setObjectName("survey-dialog")
        self._visit = visit
        # A keyboard or keypad user gets the focus on the first answer; a touch visitor
        # gets no focus ring that would look like an answer already chosen.
        self._is_keyboard = is_keyboard
        self._clock = clock
        self._shown_at = -REPEAT_GUARD_SECONDS
        self.seconds_left = 0
        self.countdown = QLabel()
        set_role(self.countdown, "lead")
        self.countdown.setWordWrap(True)
        self.countdown.hide()
        self.survey: Survey | None = None
        self.index = 0
        self.answers_given = 0
        self.lang = ""
        self.fallback = ""
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.progress = QLabel()
        set_role(self.progress, "lead")
        self.question = QLabel()
        set_role(self.question, "heading")
        self.answers = QWidget()
        self.answer_buttons: list[QPushButton] = []
        self.skip = QPushButton()
        self.skip.setObjectName("survey-skip")
        self.skip.clicked.connect(self.skip_survey)
        self.skip.installEventFilter(self)
        for label in (self.title, self.progress, self.question):
            label.setWordWrap(True)
        layout = QVBoxLayout(self.panel)
        layout.setSpacing(20)
        layout.addWidget(self.countdown)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        layout.addWidget(self.answers)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignRight)
        self._answers_layout = QVBoxLayout(self.answers)
        self._answers_layout.setContentsMargins(0, 0, 0, 0)
        self._is_done = False

    # -- the controller's calls ------------------------------------------------------
    def ask(self, survey: Survey, lang: str, fallback: str) -> None:
        """Open ``survey`` at its first question (the controller decided to offer it);
        then wait for :attr:`finished`."""
        self.survey = survey
        self.index = 0
        self.answers_given = 0
        self._is_done = False
        self.lang, self.fallback = lang, fallback
        self.show_countdown(0)
        self.open()
        self._show_question()

    def show_countdown(self, seconds_left: int) -> None:
        """The idle warning's countdown above the question (0 hides it)."""
        self.seconds_left = seconds_left
        is_shown = seconds_left > 0
        self._retranslate_countdown()
        if is_shown != self.countdown.isVisibleTo(self.panel):
            self.countdown.setVisible(is_shown)
            self._relayout()

    def _relayout(self) -> None:
        """The panel as tall as its wrapped texts need at its width: the overlay's layout
        centres it by its size hint, which counts a wrapped text as one line, and would
        squeeze the answers under their words."""
        layout = self.panel.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.panel.width(), self.panel.minimumWidth())
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        if needed != self.panel.minimumHeight():
            self.panel.setMinimumHeight(min(needed, max(0, self.height() - 20)))
            QTimer.singleShot(0, self._relayout)  # once more when the new height is laid out

    def open(self) -> None:
        # Wide enough for five answers side by side; wrapped texts then get their height.
        parent = self.parentWidget()
        if parent is not None:
            self.panel.setMinimumWidth(max(320, min(PANEL_WIDTH, parent.width() - 40)))
        super().open()

    def set_language(self, lang: str) -> None:
        """Follow a language switch while the survey is open."""
        self.lang = lang
        if self.isVisible() and not self._is_done:
            self._show_question()

    def abandon(self) -> None:
        """The visit ends while the survey is open (idle reset): record how far the
        visitor got and close, without :attr:`finished` (the caller is already ending
        the visit, so nothing must end it a second time)."""
        if self.isVisible() and not self._is_done:
            self._finish(is_silent=True)

    def skip_survey(self) -> None:
        if not self._is_done:
            self._finish()
        else:
            self.close_overlay()

    def close_overlay(self) -> None:  # Escape, too, skips
        if self.isVisible() and not self._is_done and self.survey is not None:
            self._finish()
            return
        super().close_overlay()

    # -- inside ----------------------------------------------------------------------
    def current(self) -> Question | None:
        if self.survey is None or self.index >= len(self.survey.questions):
            return None
        return self.survey.questions[self.index]

    def choose(self, answer: str) -> None:
        question = self.current()
        if self.survey is None or question is None or answer not in question.answers():
            return
        if self._clock() - self._shown_at < REPEAT_GUARD_SECONDS:
            return  # the second tap of a double tap on the previous answer
        self._visit.survey_answered(self.survey.id, question.id, answer)
        self.answers_given += 1
        self.index += 1
        if self.current() is None:
            self._finish()
        else:
            self._show_question()
            self.answered.emit()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        assert isinstance(event, QKeyEvent)
        if not self._step_focus(event):  # the panel has the focus (a touch visitor)
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A button moves the focus along the window's whole tab chain on an arrow key:
        # taken here, before the button sees it.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and watched in self.focus_targets()
        ):
            return self._step_focus(event)
        return super().eventFilter(watched, event)

    def _step_focus(self, event: QKeyEvent) -> bool:
        """Up/Down (Left/Right) go through the answers and "Skip" and stop at the ends:
        the keypad's focus never leaves the survey for the screen underneath."""
        step = ARROW_STEPS.get(int(event.key()))
        targets = self.focus_targets()
        if step is None or not targets:
            return False
        focused = next((i for i, button in enumerate(targets) if button.hasFocus()), None)
        index = 0 if focused is None else min(max(focused + step, 0), len(targets) - 1)
        targets[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def focus_targets(self) -> list[QPushButton]:
        return [*self.answer_buttons, self.skip]

    def _outcome(self) -> SurveyOutcome:
        assert self.survey is not None
        if self.answers_given == 0:
            return SurveyOutcome.SKIPPED
        if self.answers_given >= len(self.survey.questions):
            return SurveyOutcome.COMPLETED
        return SurveyOutcome.PARTIAL

    def _finish(self, is_silent: bool = False) -> None:
        assert self.survey is not None
        outcome = self._outcome()
        self._visit.survey_finished(self.survey.id, outcome)
        self._is_done = True
        self.survey = None
        self.hide()
        if not is_silent:
            self.closed.emit()
            self.finished.emit(outcome.value)

    def _clear_answers(self) -> None:
        self.answer_buttons = []
        while self._answers_layout.count():
            item = self._answers_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once; deleted when control returns to the event loop
                widget.deleteLater()

    def _show_question(self) -> None:
        question = self.current()
        if self.survey is None or question is None:
            return
        self._clear_answers()
        self._shown_at = self._clock()
        self.retranslate()
        self.question.setText(question.text(self.lang, self.fallback))
        if question.type == "scale":
            grid = QWidget()
            layout = QGridLayout(grid)
            layout.setContentsMargins(0, 0, 0, 0)
            for column, answer in enumerate(question.answers()):
                button = self._answer_button(answer, answer)
                layout.addWidget(button, 0, column)
                layout.setColumnStretch(column, 1)  # five equal answers, whatever the words under them
            # The words under 1 and 5 span two answers each, so that large words never
            # make 1 and 5 wider than the answers between them.
            left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
            for column, words, start, side in ((0, question.low, 0, left), (4, question.high, 3, right)):
                if words:
                    label = QLabel(pick_text(words, self.lang, self.fallback))
                    label.setWordWrap(True)
                    label.setAlignment(side | Qt.AlignmentFlag.AlignTop)
                    layout.addWidget(label, 1, start, 1, 2)
                    button = self.answer_buttons[column]
                    button.setAccessibleName(f"{button.text()}: {label.text()}")
            self._answers_layout.addWidget(grid)
        else:
            box = FlowBox()
            for choice in question.choices:
                box.add_widget(self._answer_button(choice.id, choice.text(self.lang, self.fallback)))
            self._answers_layout.addWidget(box)
        self._relayout()
        if self.answer_buttons and self._is_keyboard():
            self.answer_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            # The focus leaves the screen underneath (Enter must not reach it); the
            # first key press then goes to the first answer.
            self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _answer_button(self, answer: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"survey-answer-{answer}")
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False, a=answer: self.choose(a))
        button.installEventFilter(self)
        self.answer_buttons.append(button)
        return button

    def spoken_text(self) -> str:
        """What speech mode reads: the question and its answers."""
        answers = ". ".join(b.accessibleName() for b in self.answer_buttons)
        heading = f"{self.title.text()} {self.progress.text()} {self.question.text()}"
        return f"{heading} {answers}. {self.skip.text()}."

    def retranslate(self) -> None:
        # Translators: the title of the short satisfaction survey offered at the end of a visit.
        self.title.setText(_("A short survey: how did we do?"))
        total = len(self.survey.questions) if self.survey is not None else 0
        # Translators: progress through the survey, e.g. "Question 2 of 3".
        self.progress.setText(_("Question %(n)d of %(total)d") % {"n": self.index + 1, "total": total})
        # Translators: the button that skips the satisfaction survey with one tap.
        self.skip.setText(_("Skip the survey"))
        self.skip.setAccessibleName(self.skip.text())
        self._retranslate_countdown()

    def _retranslate_countdown(self) -> None:
        if self.seconds_left <= 0:
            self.countdown.setText("")
            return
        self.countdown.setText(
            _("Are you still there?")
            + " "
            + ngettext(
                "The screen will start again for the next visitor in %(seconds)d second.",
                "The screen will start again for the next visitor in %(seconds)d seconds.",
                self.seconds_left,
            )
            % {"seconds": self.seconds_left}
        )
