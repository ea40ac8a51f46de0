""""Czy ta informacja była pomocna?" — the block at the end of every page.

Two large answers (Yes / No); after "No" an optional reason from the short list. The
answer is kept in the visit's :class:`~kiosk.stats.visit.VisitStats` (not here), so it
is given once per page per visit, and the session's reset (which calls
``VisitStats.reset()``) brings the question back for the next visitor. Everything is a
button, so the keypad reaches it; :meth:`HelpfulBlock.spoken_text` is what speech mode
reads, and :attr:`HelpfulBlock.changed` says when it changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.stats.events import Reason
from kiosk.stats.labels import reason_label
from kiosk.stats.visit import VisitStats
from kiosk.ui.widgets import FlowBox, set_role


class HelpfulBlock(QFrame):
    """Shows the question for ``page_id`` in the state this visit left it in."""

    answered = Signal(str, bool)  # page id, is helpful
    reason_chosen = Signal(str, str)  # page id, Reason value
    changed = Signal()  # the text shown changed (speech mode reads spoken_text())

    def __init__(self, visit: VisitStats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpful-block")
        self._visit = visit
        self.page_id = ""
        self.question = QLabel()
        set_role(self.question, "heading")
        self.question.setWordWrap(True)
        self.yes = QPushButton()
        self.yes.setObjectName("helpful-yes")
        self.no = QPushButton()
        self.no.setObjectName("helpful-no")
        answers = QHBoxLayout()
        answers.setSpacing(24)
        for button in (self.yes, self.no):
            button.setMinimumWidth(180)
            answers.addWidget(button)
        answers.addStretch(1)
        self.reason_prompt = QLabel()
        set_role(self.reason_prompt, "lead")
        self.reason_prompt.setWordWrap(True)
        self.reasons = FlowBox()
        self.reason_buttons: dict[Reason, QPushButton] = {}
        for reason in Reason:
            button = QPushButton()
            button.setObjectName(f"helpful-reason-{reason.value}")
            button.clicked.connect(lambda _checked=False, r=reason: self.choose_reason(r))
            self.reason_buttons[reason] = button
            self.reasons.add_widget(button)
        self.thanks = QLabel()
        set_role(self.thanks, "lead")
        self.thanks.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 24)
        layout.setSpacing(16)
        layout.addWidget(self.question)
        layout.addLayout(answers)
        layout.addWidget(self.reason_prompt)
        layout.addWidget(self.reasons)
        layout.addWidget(self.thanks)
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self.retranslate()

    # -- intents -------------------------------------------------------------------
    def set_page(self, page_id: str) -> None:
        """Show the block for a page (call when the page screen shows a page)."""
        self.page_id = page_id
        self.refresh()

    def answer(self, is_helpful: bool) -> None:
        if self.page_id and self._visit.helpful_answered(self.page_id, is_helpful):
            self.answered.emit(self.page_id, is_helpful)
            self.refresh()
            if not is_helpful:
                self.reason_buttons[Reason.NOT_FOUND].setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_reason(self, reason: Reason) -> None:
        if self.page_id and self._visit.reason_given(self.page_id, reason):
            self.reason_chosen.emit(self.page_id, reason.value)
            self.refresh()

    # -- display -------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the state of this visit: the question, the reasons, or thanks."""
        answer = self._visit.answer(self.page_id)
        is_open = answer is None
        wants_reason = answer is False and not self._visit.has_reason(self.page_id)
        self.question.setVisible(is_open)
        self.yes.setVisible(is_open)
        self.no.setVisible(is_open)
        self.reason_prompt.setVisible(wants_reason)
        self.reasons.setVisible(wants_reason)
        self.thanks.setVisible(not is_open)
        self.setVisible(self._visit.is_recording)
        self.changed.emit()

    def spoken_text(self) -> str:
        """What speech mode reads for the block in its present state."""
        if self._visit.answer(self.page_id) is None:
            return f"{self.question.text()} {self.yes.text()}. {self.no.text()}."
        if self.reasons.isVisibleTo(self):
            options = ". ".join(button.text() for button in self.reason_buttons.values())
            return f"{self.thanks.text()} {self.reason_prompt.text()} {options}."
        return self.thanks.text()

    def retranslate(self) -> None:
        # Translators: asked at the end of every page.
        self.question.setText(_("Was this information helpful?"))
        # Translators: the answer to "Was this information helpful?".
        self.yes.setText(_("Yes"))
        # Translators: the answer to "Was this information helpful?".
        self.no.setText(_("No"))
        for button in (self.yes, self.no):
            button.setAccessibleName(f"{self.question.text()} {button.text()}")
        # Translators: after "No" to "Was this information helpful?"; choosing is optional.
        self.reason_prompt.setText(_("What was wrong? (optional)"))
        for reason, button in self.reason_buttons.items():
            button.setText(reason_label(reason))
            button.setAccessibleName(button.text())
        # Translators: shown once a visitor has answered "Was this information helpful?".
        self.thanks.setText(_("Thank you for your answer."))
