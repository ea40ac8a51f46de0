"""Choices behind one control of the bar (the visitor's language).

One control opens a list of large buttons, so the bar's slots never change however many
languages the site has. Languages are named in themselves ("Polski", "English",
"Українська") under a heading in all of them, so a visitor who cannot read the language
on screen still finds theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.languages import language_name
from kiosk.session import Session
from kiosk.ui.overlay import Overlay
from kiosk.ui.style import Metrics
from kiosk.ui.widgets import set_role


class Chooser(Overlay):
    """A heading and one large button per choice; a choice closes it."""

    def __init__(self, parent: QWidget, keys: tuple[str, ...], choose: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._choose_key = choose
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = self._layout = QVBoxLayout(self.panel)
        layout.addWidget(self.title)
        self.buttons: dict[str, QPushButton] = {}
        for key in keys:
            button = QPushButton()
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            layout.addWidget(button)
            self.buttons[key] = button

    def _choose(self, key: str) -> None:
        self.close_overlay()
        self._choose_key(key)

    def current(self) -> str:
        return ""

    def open(self) -> None:
        self.retranslate()
        super().open()
        button = self.buttons.get(self.current())
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def mark(self, key: str, label: str) -> None:
        """A check mark on the current choice: colour is never the only cue."""
        button = self.buttons[key]
        is_current = key == self.current()
        button.setChecked(is_current)
        button.setText(f"✓ {label}" if is_current else label)
        button.setAccessibleName(label)

    def retranslate(self, *_: object) -> None:
        """Set the heading and the buttons' texts."""

    def apply_metrics(self, metrics: Metrics) -> None:
        chrome = metrics.chrome
        parent = self.parentWidget()
        room = parent.width() - 200 if parent is not None else 320
        self._layout.setSpacing(chrome.px(16))
        self._layout.setContentsMargins(*(chrome.px(28),) * 4)
        for button in self.buttons.values():
            button.setMinimumWidth(min(chrome.px(420), max(320, room)))
            button.setMinimumHeight(round(chrome.target * 1.2))


class LanguageChooser(Chooser):
    def __init__(self, parent: QWidget, session: Session, languages: tuple[str, ...]) -> None:
        super().__init__(parent, languages, session.set_language)
        self.setObjectName("language-chooser")
        self._session = session
        for lang, button in self.buttons.items():
            button.setObjectName(f"lang-{lang}")
        # Named as it opens, and again when the language changes while it is open; not
        # while closed (at start-up naming every language loads each one's CLDR data).
        self._is_opening = False
        session.language_changed.connect(self.retranslate)

    def open(self) -> None:
        self._is_opening = True
        try:
            super().open()
        finally:
            self._is_opening = False

    def current(self) -> str:
        return self._session.language

    def retranslate(self, *_: object) -> None:
        if not (self._is_opening or self.isVisible()):
            return
        # Translators: the heading of the language list; it is shown in every language at once.
        titles = [translate(code, "Language") for code in self.buttons]
        self.title.setText(" · ".join(dict.fromkeys(titles)))
        for lang in self.buttons:
            # Each language's name is written in that language, never translated.
            self.mark(lang, language_name(lang))
