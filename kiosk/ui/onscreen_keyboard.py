"""A large on-screen keyboard with Polish letters, for a touchscreen without keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.i18n import _, pgettext
from kiosk.ui.style import Metrics

ROWS: tuple[str, ...] = (
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "ąćęłńóśźż",
)
KEY_PX = 64  # a key's side at 100% (≥ 60)
COLUMNS = 10


class OnScreenKeyboard(QWidget):
    """Emits ``typed(text)``, ``backspace()``, ``cleared()`` and ``hide_requested()``."""

    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()
    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onscreen-keyboard")
        self.is_shifted = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.letter_keys: dict[str, QPushButton] = {}
        for row, letters in enumerate(ROWS):
            offset = (COLUMNS - len(letters)) // 2
            for column, letter in enumerate(letters):
                key = self._key(f"key-{letter}")
                key.clicked.connect(lambda _c=False, ch=letter: self._type(ch))
                self._grid.addWidget(key, row, offset + column)
                self.letter_keys[letter] = key
        last = len(ROWS)
        self.shift = self._key("key-shift")
        self.shift.setCheckable(True)
        self.shift.toggled.connect(self._on_shift)
        self.space = self._key("key-space")
        self.space.clicked.connect(lambda: self.typed.emit(" "))
        self.delete = self._key("key-backspace")
        self.delete.clicked.connect(self.backspace)
        self.clear = self._key("key-clear")
        self.clear.clicked.connect(self.cleared)
        self.hide_key = self._key("key-hide")
        self.hide_key.clicked.connect(self.hide_requested)
        for key, column, span in (
            (self.shift, 0, 2),
            (self.space, 2, 3),
            (self.delete, 5, 1),
            (self.clear, 6, 2),
            (self.hide_key, 8, 2),
        ):
            self._grid.addWidget(key, last, column, 1, span)
        self.retranslate()

    def _key(self, name: str) -> QPushButton:
        key = QPushButton()
        key.setObjectName(name)
        key.setProperty("role", "key")
        key.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        return key

    def _type(self, letter: str) -> None:
        self.typed.emit(letter.upper() if self.is_shifted else letter)
        if self.is_shifted:
            self.shift.setChecked(False)  # shift applies to one letter, as on a phone

    def _on_shift(self, is_on: bool) -> None:
        self.is_shifted = is_on
        self.retranslate()

    def reset(self) -> None:
        """A new visitor: no shift, keyboard shown."""
        self.shift.setChecked(False)
        self.show()

    def retranslate(self) -> None:
        for letter, key in self.letter_keys.items():
            shown = letter.upper() if self.is_shifted else letter
            key.setText(shown)
            key.setAccessibleName(shown)
        for key, label, name in (
            # Translators: keys of the on-screen keyboard; keep them short.
            (self.shift, "⇧ " + pgettext("keyboard", "Shift"), _("Capital letter")),
            (self.space, pgettext("keyboard", "Space"), _("Space")),
            (self.delete, "⌫", _("Delete the last letter")),
            (self.clear, pgettext("keyboard", "Clear"), _("Clear the search")),
            (self.hide_key, pgettext("keyboard", "Hide"), _("Hide the keyboard")),
        ):
            key.setText(label)
            key.setAccessibleName(name)

    def apply_metrics(self, metrics: Metrics) -> None:
        # Keys grow with the text but stop at 1.5×: seven rows must leave room for results.
        side = max(60, min(metrics.chrome.px(KEY_PX), round(KEY_PX * 1.5)))
        gap = 8  # a key's own size grows with the text; the gaps need not
        self._grid.setSpacing(gap)
        for key in self.findChildren(QPushButton):
            # Never below 60×60; up to ``side`` tall when the screen has room.
            key.setMinimumSize(60, 60)
            key.setMaximumHeight(side)
