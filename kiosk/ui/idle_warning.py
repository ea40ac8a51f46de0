"""'Are you still there?' — the countdown before the kiosk resets for the next visitor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import set_role


class IdleWarning(Overlay):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle-warning")
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.countdown = QLabel()
        set_role(self.countdown, "lead")
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("idle-continue")
        for label in (self.title, self.countdown):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = self._layout = QVBoxLayout(self.panel)
        layout.setSpacing(24)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.continue_button)
        self.seconds_left = 0
        self.continue_button.clicked.connect(self.close_overlay)

    def show_countdown(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        self.retranslate()
        if not self.isVisible():
            self.open()
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit()

    def _fit(self) -> None:
        """The panel as wide as the screen allows (up to a comfortable measure) and as
        tall as its wrapped text needs at that width: at every size and in every language
        the title and Continue show whole."""
        super()._fit()
        parent = self.parentWidget()
        if parent is None:
            return
        font = self.continue_button.font()
        measure = font.pixelSize() * 24 if font.pixelSize() > 0 else 760
        width = max(320, min(parent.width() - 48, max(760, measure)))
        self.continue_button.setMinimumHeight(self.continue_button.sizeHint().height())
        self.panel.setFixedWidth(width)
        height = self._layout.totalHeightForWidth(width)
        self.panel.setFixedHeight(min(height, parent.height() - 24))

    def event(self, event: QEvent) -> bool:
        # A new text size or theme comes as a new style sheet: fit the panel again.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.isVisible():
            self._fit()
        return super().event(event)

    def spoken_text(self) -> str:
        return f"{self.title.text()} {self.countdown.text()}"

    def retranslate(self) -> None:
        # Translators: asked when nobody has touched the kiosk for a while.
        self.title.setText(_("Are you still there?"))
        self.countdown.setText(
            ngettext(
                "The screen will start again for the next visitor in %(seconds)d second.",
                "The screen will start again for the next visitor in %(seconds)d seconds.",
                self.seconds_left,
            )
            % {"seconds": self.seconds_left}
        )
        # Translators: the large button on the "Are you still there?" warning.
        self.continue_button.setText(_("Continue"))
        self.continue_button.setAccessibleName(_("Continue"))
