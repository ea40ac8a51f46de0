"""A large on-screen keyboard for a touchscreen without keys, in the visitor's alphabet.

The letters come from :data:`LAYOUTS`, a table keyed by language: Polish QWERTY with
its diacritics, Ukrainian ЙЦУКЕН with і ї є ґ and the apostrophe. A language without
its own layout gets :data:`DEFAULT_LAYOUT` (English visitors keep the Polish one: Latin
letters, and the Polish ones for Polish names). The keyboard starts in the layout of
the active interface language; call :meth:`OnScreenKeyboard.set_layout` whenever the
screen language changes (with :meth:`~OnScreenKeyboard.retranslate`, or instead of it:
it relabels the keys itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from PySide6.QtCore import QChildEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.i18n import _, active_language, pgettext
from kiosk.ui.style import Metrics

Layout = tuple[str, ...]  # rows of keys, each character one key

POLISH_LAYOUT: Layout = (
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "ąćęłńóśźż",
)
# The Ukrainian standard ЙЦУКЕН rows; ґ and the apostrophe, which the standard puts on
# keys of their own at the edges, close the last row. The apostrophe typed is ʼ (U+02BC,
# the letter apostrophe of Ukrainian spelling); search reads every apostrophe alike.
UKRAINIAN_LAYOUT: Layout = (
    "1234567890",
    "йцукенгшщзхї",
    "фівапролджє",
    "ячсмитьбюґʼ",
)
LAYOUTS: Mapping[str, Layout] = MappingProxyType({"pl": POLISH_LAYOUT, "uk": UKRAINIAN_LAYOUT})
DEFAULT_LAYOUT: Layout = POLISH_LAYOUT
ROWS: Layout = POLISH_LAYOUT  # the default rows, as before layouts were per language
APOSTROPHE_KEY = "ʼ"
KEY_PX = 64  # a key's side at 100% (≥ KEY_MIN_PX)
KEY_MIN_PX = 60  # a key never shrinks below this (WCAG 2.5.5: 44 px; a kiosk finger more)
COLUMNS = 10  # the narrowest grid: the bottom row's keys are laid out on it


def layout_for(lang: str) -> Layout:
    """The rows of keys for ``lang`` (``uk``, ``uk_UA``…), the default layout otherwise."""
    return LAYOUTS.get(lang) or LAYOUTS.get(lang.split("_")[0]) or DEFAULT_LAYOUT


class OnScreenKeyboard(QWidget):
    """Emits ``typed(text)``, ``backspace()``, ``cleared()`` and ``hide_requested()``."""

    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()
    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onscreen-keyboard")
        self.is_shifted = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._metrics: Metrics | None = None
        self._labels: dict[QPushButton, tuple[str, str]] = {}
        self.letter_keys: dict[str, QPushButton] = {}
        self.rows: Layout = ()
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
        self._place_letters(layout_for(lang or active_language()))
        self.retranslate()

    @property
    def columns(self) -> int:
        return max(COLUMNS, *(len(row) for row in self.rows))

    def set_layout(self, lang: str) -> None:
        """Show the keys of ``lang``'s alphabet (see :data:`LAYOUTS`); the same layout: no-op."""
        rows = layout_for(lang)
        if rows == self.rows:
            return
        self._place_letters(rows)
        self.retranslate()
        if self._metrics is not None:
            self.apply_metrics(self._metrics)

    def _place_letters(self, rows: Layout) -> None:
        for key in self.letter_keys.values():
            self._grid.removeWidget(key)
            key.deleteLater()
        self.letter_keys = {}
        self.rows = rows
        columns = self.columns
        for row, letters in enumerate(rows):
            offset = (columns - len(letters)) // 2
            for column, letter in enumerate(letters):
                key = self._key(f"key-{letter}")
                key.clicked.connect(lambda _c=False, ch=letter: self._type(ch))
                self._grid.addWidget(key, row, offset + column)
                self.letter_keys[letter] = key
        # The bottom row spreads over the grid's width: space takes what is left.
        space = columns - 7
        for key, column, span in (
            (self.shift, 0, 2),
            (self.space, 2, space),
            (self.delete, 2 + space, 1),
            (self.clear, 3 + space, 2),
            (self.hide_key, 5 + space, 2),
        ):
            self._grid.removeWidget(key)
            self._grid.addWidget(key, len(rows), column, 1, span)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        # Tab order follows the rows as they are now, then the bottom row.
        order = [*self.letter_keys.values(), self.shift, self.space, self.delete, self.clear]
        for first, second in zip(order, [*order[1:], self.hide_key], strict=True):
            QWidget.setTabOrder(first, second)

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
            # Translators: accessible name of the apostrophe key of the Ukrainian keyboard.
            key.setAccessibleName(_("Apostrophe") if letter == APOSTROPHE_KEY else shown)
        self._labels = {}
        for key, label, short, name in (
            # Translators: keys of the on-screen keyboard; keep them short.
            (self.shift, "⇧ " + pgettext("keyboard", "Shift"), "⇧", _("Capital letter")),
            (self.space, pgettext("keyboard", "Space"), "␣", _("Space")),
            (self.delete, "⌫", "⌫", _("Delete the last letter")),
            (self.clear, pgettext("keyboard", "Clear"), "✕", _("Clear the search")),
            (self.hide_key, pgettext("keyboard", "Hide"), "▼", _("Hide the keyboard")),
        ):
            self._labels[key] = (label, short)
            key.setAccessibleName(name)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """A word on a key where it fits, its symbol where it does not (largest text)."""
        for key, (label, short) in self._labels.items():
            key.setText(label)
            if key.sizeHint().width() > key.width():
                key.setText(short)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_labels()

    def childEvent(self, event: QChildEvent) -> None:  # noqa: N802 - Qt override
        super().childEvent(event)
        # A key polished later (first shown after a text size change) takes the style
        # sheet's minimum with its padding and border on top (68 px at 150 %): the
        # keyboard's own minimum again, or twelve keys no longer fit an 810 px window.
        if event.polished() and self._metrics is not None:
            key = event.child()
            if isinstance(key, QPushButton):
                key.setMinimumSize(KEY_MIN_PX, KEY_MIN_PX)

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        # Keys grow with the text but stop at 1.5×: seven rows must leave room for results.
        side = max(60, min(metrics.chrome.px(KEY_PX), round(KEY_PX * 1.5)))
        gap = 8  # a key's own size grows with the text; the gaps need not
        self._grid.setSpacing(gap)
        for key in self.findChildren(QPushButton):
            # Never below 60×60; up to ``side`` tall when the screen has room.
            key.setMinimumSize(KEY_MIN_PX, KEY_MIN_PX)
            key.setMaximumHeight(side)
