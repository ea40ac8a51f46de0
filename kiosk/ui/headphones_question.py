"""'Keep speech on?' — asked when a visitor takes the headphones out of the jack.

Speech comes from the loudspeaker again, where others hear it; the visitor chooses,
with a touch or (in speech mode) a swipe and a double tap, or a keypad's Up/Down/Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import set_role


class HeadphonesQuestion(Overlay):
    """Emits ``answered(is_kept)`` and closes."""

    answered = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("headphones-question")
        self.question = QLabel()
        set_role(self.question, "dialog-title")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("headphones-keep")
        self.off_button = QPushButton()
        self.off_button.setObjectName("headphones-off")
        layout = self._layout = QVBoxLayout(self.panel)
        layout.setSpacing(24)
        layout.addWidget(self.question)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.off_button)
        self._text = ""
        self.keep_button.clicked.connect(lambda: self._answer(True))
        self.off_button.clicked.connect(lambda: self._answer(False))

    def ask(self, question: str) -> None:
        self._text = question
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:  # wide enough for the question in two or three lines, and as tall
            width = min(parent.width() - 40, max(320, parent.width() * 2 // 3))
            self.panel.setMinimumWidth(width)
            margins = self._layout.contentsMargins()
            self.question.ensurePolished()
            inner = width - margins.left() - margins.right()
            self.question.setMinimumHeight(self.question.heightForWidth(inner))
        self.open()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _answer(self, is_kept: bool) -> None:
        self.close_overlay()
        self.answered.emit(is_kept)

    def retranslate(self) -> None:
        self.question.setText(self._text)
        # Translators: a button of the question asked when headphones are taken out.
        self.keep_button.setText(_("Keep speech on"))
        self.keep_button.setAccessibleName(self.keep_button.text())
        # Translators: a button of the question asked when headphones are taken out.
        self.off_button.setText(_("Turn speech off"))
        self.off_button.setAccessibleName(self.off_button.text())
