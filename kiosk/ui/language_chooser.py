"""The language chooser: for a site with more languages than fit as buttons in the bar.

Up to :data:`MAX_LANGUAGE_BUTTONS` languages each get a button in the top bar; beyond
that the bar shows one "Język / Language" button that opens this panel: a large tile for
every language, each named in its own language, the visitor's marked. It is an
:class:`~kiosk.ui.overlay.Overlay`, so speech mode reads it alone and a reset closes it;
arrow keys move between the tiles, Enter chooses, Escape closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, translate
from kiosk.languages import language_name
from kiosk.session import Session
from kiosk.ui.overlay import Overlay
from kiosk.ui.speech_mode import describe
from kiosk.ui.style import Metrics
from kiosk.ui.widgets import TileButton, set_role

MAX_COLUMNS = 3
ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -2, Qt.Key.Key_Down: 2}  # ±2: a row


def language_button_text(visitor: str, languages: tuple[str, ...], default: str) -> str:
    """'Język / Language': the word in the visitor's language, then in the site's default
    language (or, for a visitor already in it, in the site's next language), so that it is
    found whatever language the screen is in."""
    # Translators: the top-bar button that opens the language chooser ("Język").
    words = [translate(visitor, "Language")]
    other = default if default != visitor else next((lang for lang in languages if lang != visitor), visitor)
    second = translate(other, "Language")
    if second not in words:
        words.append(second)
    return " / ".join(words)


class LanguageChooser(Overlay):
    def __init__(
        self,
        parent: QWidget,
        session: Session,
        languages: tuple[str, ...],
        announce: Callable[[str], None] | None = None,
        focus_first: Callable[[], bool] = lambda: True,
    ) -> None:
        """``focus_first``: whether the language chosen now takes the focus when the
        chooser opens (a keypad user's arrows start there; a touch shows no focus ring)."""
        super().__init__(parent)
        self._focus_first = focus_first
        self.setProperty("keeps_arrows", True)  # Up/Down move among its own choices (focus_walk)
        self._announce = announce or (lambda _text: None)  # said in speech mode
        self.setObjectName("language-chooser")
        self._session = session
        self._metrics = Metrics(100)
        self.columns = MAX_COLUMNS
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tiles: dict[str, TileButton] = {}
        grid_host = QWidget()
        self._grid = QGridLayout(grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        for lang in languages:
            tile = TileButton()
            tile.setObjectName(f"choose-lang-{lang}")
            tile.clicked.connect(lambda _c=False, code=lang: self.choose(code))
            tile.installEventFilter(self)  # arrows: a button would move to the next in a row
            self.tiles[lang] = tile  # placed by _arrange()
        self.close_button = QPushButton()
        self.close_button.setObjectName("language-chooser-close")
        self.close_button.clicked.connect(self.close_overlay)
        layout = self._layout = QVBoxLayout(self.panel)
        layout.addWidget(self.title)
        layout.addWidget(grid_host)
        layout.addWidget(self.close_button)
        session.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self._arrange()

    def choose(self, lang: str) -> None:
        self.close_overlay()
        self._session.set_language(lang)

    def open(self) -> None:
        self.retranslate()
        self._arrange()
        super().open()
        current = self.tiles.get(self._session.language)
        if current is None:
            return
        if self._session.is_speech_mode:
            # Said, not focused (speech mode says a focus change on its own, later):
            # the title and the language chosen now; swipes go through the tiles.
            self._announce(f"{self.title.text()}. {describe(current)}")
        elif self._focus_first():
            current.setFocus(Qt.FocusReason.OtherFocusReason)  # keypad: arrows from here

    def retranslate(self) -> None:
        # Translators: the title of the language chooser.
        self.title.setText(_("Choose your language"))
        for lang, tile in self.tiles.items():
            is_current = lang == self._session.language
            # Each language is named in its own language, never translated.
            name = language_name(lang)
            tile.set_texts(f"✓ {name}" if is_current else name)
            tile.set_selected(is_current)
            tile.setAccessibleName(name)
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._grid.setSpacing(metrics.gap)
        self._layout.setSpacing(metrics.gap)
        self._arrange()

    def _arrange(self) -> None:
        """As many columns of tiles (up to three) as the longest name allows, so that no
        name is cut at any text size."""
        parent = self.parentWidget()
        available = (parent.width() if parent is not None else 1080) - 40 - self._metrics.px(40)
        # The current language's tile carries a check mark: as wide as any may get.
        needed = max((tile.title_width() for tile in self.tiles.values()), default=0)
        needed += self._metrics.px(48)  # the check mark of another tile, and the tile's padding
        gap = self._metrics.gap
        most = min(MAX_COLUMNS, len(self.tiles))
        columns = next((n for n in range(most, 1, -1) if n * needed + (n - 1) * gap <= available), 1)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
            self._grid.setColumnMinimumWidth(column, needed if column < columns else 0)
        if columns == self.columns and self._grid.count() == len(self.tiles):
            return
        self.columns = columns
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and watched in self.tiles.values():
            assert isinstance(event, QKeyEvent)
            if event.key() in ARROWS:
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        """Arrows move between the tiles (two columns); Enter chooses the focused one."""
        assert isinstance(event, QKeyEvent)
        tiles = list(self.tiles.values())
        focused = self.focusWidget()
        step = ARROWS.get(Qt.Key(event.key()))
        if step is not None and abs(step) == 2:
            step = self.columns if step > 0 else -self.columns
        if step is not None:
            if focused in tiles:
                index = tiles.index(focused) + step  # type: ignore[arg-type]
                if 0 <= index < len(tiles):
                    tiles[index].setFocus(Qt.FocusReason.TabFocusReason)
                elif index >= len(tiles):
                    self.close_button.setFocus(Qt.FocusReason.TabFocusReason)
            elif focused is self.close_button and step < 0 and tiles:
                tiles[-1].setFocus(Qt.FocusReason.TabFocusReason)
            elif tiles:
                tiles[0].setFocus(Qt.FocusReason.TabFocusReason)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QPushButton):
            focused.click()
            return
        super().keyPressEvent(event)
