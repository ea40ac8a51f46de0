"""Home: the office's welcome and a large tile for every section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.i18n import _
from kiosk.session import Location, Session
from kiosk.ui.screens import Screen
from kiosk.ui.style import Metrics
from kiosk.ui.widgets import ScrollPane, TileButton, scroll_list, set_role
from kiosk.vocabulary import Screen as ScreenKind

TILE_MIN_WIDTH = 300  # px at 100%; fewer columns as text grows


class HomeScreen(Screen):
    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home-screen")
        self._content = content
        self._session = session
        self._metrics = Metrics(100)
        self.tiles: list[TileButton] = []
        self._placed_columns = 1

        self.welcome = QLabel()
        set_role(self.welcome, "title")
        self.welcome.setWordWrap(True)
        self.lead = QLabel()
        set_role(self.lead, "lead")
        self.lead.setWordWrap(True)
        self.problem_notice = QLabel()
        set_role(self.problem_notice, "notice")
        self.problem_notice.setWordWrap(True)
        self.problem_notice.hide()

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.announcements_title = QLabel()
        set_role(self.announcements_title, "heading")
        self.announcements_title.setWordWrap(True)
        self._announcements_host = QWidget()
        self._announcements = QVBoxLayout(self._announcements_host)
        self._announcements.setContentsMargins(0, 0, 0, 0)
        self.announcement_widgets: list[QWidget] = []
        # Which day it is, for the announcements; the window gives its clock.
        self.today: Callable[[], dt.date] = dt.date.today
        scrolled = QWidget()
        column = self._column = QVBoxLayout(scrolled)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._grid_host)
        # Every page with a Polish Sign Language video (shown only when there is one).
        self.pjm_tile = TileButton()
        self.pjm_tile.setObjectName("pjm-pages")
        self.pjm_tile.clicked.connect(lambda: self.navigate.emit(Location(ScreenKind.VIDEO)))
        column.addWidget(self.pjm_tile)
        column.addWidget(self.announcements_title)
        column.addWidget(self._announcements_host)
        column.addStretch(1)
        self.scroll_area = scroll_list(scrolled)
        self.pane = ScrollPane(self.scroll_area)
        self.scroll_buttons = self.pane.buttons

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.lead)
        layout.addWidget(self.problem_notice)
        layout.addWidget(self.pane, 1)
        # Every page in easy-to-read text, as municipal websites offer it.
        self.easy_tile = TileButton()
        self.easy_tile.setObjectName("easy-read-pages")
        self.easy_tile.clicked.connect(lambda: self.navigate.emit(Location(ScreenKind.EASY_READ)))
        self._build_tiles()

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        self._build_tiles()

    def _build_tiles(self) -> None:
        for section in self._content.site.sections:
            tile = TileButton()
            tile.setObjectName(f"section-{section.id}")
            tile.clicked.connect(
                lambda _checked=False, sid=section.id: self.navigate.emit(Location("section", sid))
            )
            self.tiles.append(tile)
        self._place_tiles()

    def _columns(self) -> int:
        width = max(1, self.scroll_area.viewport().width() or self.width())
        return max(1, min(3, width // self._metrics.px(TILE_MIN_WIDTH)))

    def _place_tiles(self) -> None:
        columns = self._columns()
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        self._grid.removeWidget(self.easy_tile)
        for index, tile in enumerate([*self.tiles, self.easy_tile]):
            self._grid.addWidget(tile, index // columns, index % columns)
        for c in range(3):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        self._placed_columns = columns
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        tiles = [*self.tiles, self.easy_tile]
        for first, second in zip(tiles, tiles[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._columns() != self._placed_columns:
            self._place_tiles()

    def retranslate(self) -> None:
        lang = self._session.language
        site = self._content.site
        # Translators: the greeting at the top of the home screen.
        self.welcome.setText(_("Welcome"))
        # Translators: under the office name on the home screen.
        self.lead.setText(_("Choose a topic. Tap a tile to see its pages."))
        sections = site.sections
        for tile, section in zip(self.tiles, sections, strict=True):
            count = len(site.pages_in(section.id, lang))
            tile.set_texts(section.title(lang), _pages_count(count))
        easy_count = len(site.easy_read_pages(lang))
        # Translators: the home tile that lists every page in easy-to-read text
        # ("Tekst łatwy do czytania", as on municipal websites).
        self.easy_tile.set_texts(_("Easy-to-read text"), _pages_count(easy_count))
        self.easy_tile.setVisible(easy_count > 0)
        if not site.pages:
            self.problem_notice.setText(
                _("Information is not available right now. Please ask at the information desk.")
            )
            self.problem_notice.show()
        else:
            self.problem_notice.hide()
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))
        self._show_pjm_tile()
        self._show_announcements()

    def _show_pjm_tile(self) -> None:
        from kiosk.ui.video_player import pjm_label

        count = len(self._content.sign_videos)
        self.pjm_tile.set_texts(pjm_label(), _pages_count(count))
        self.pjm_tile.setVisible(count > 0)

    def _show_announcements(self) -> None:
        """Active announcements ("Banery"); one with a page opens it."""
        for old in self.announcement_widgets:
            self._announcements.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.announcement_widgets = []
        lang = self._session.language
        fallback = self._content.site.default_language
        for announcement in self._content.active_announcements(self.today()):
            text = announcement.text(lang, fallback)
            widget: QWidget
            if announcement.page:
                tile = TileButton(text)
                set_role(tile, "announcement")
                tile.clicked.connect(
                    lambda _c=False, page=announcement.page: self.navigate.emit(Location("page", page))
                )
                widget = tile
            else:
                label = QLabel(text)
                label.setWordWrap(True)
                set_role(label, "notice")
                widget = label
            self._announcements.addWidget(widget)
            self.announcement_widgets.append(widget)
        # Translators: heading of the announcements on the home screen ("Banery").
        self.announcements_title.setText(_("Announcements"))
        self.announcements_title.setVisible(bool(self.announcement_widgets))

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._grid.setSpacing(metrics.gap * 2)
        self._column.setSpacing(metrics.gap * 2)
        self._announcements.setSpacing(metrics.gap)
        self._layout.setSpacing(metrics.gap)
        self.pane.set_gap(metrics.chrome.gap)
        self._place_tiles()

    def accessible_title(self) -> str:
        return _("Home")

    def focus_targets(self) -> list[QWidget]:
        easy = [self.easy_tile] if not self.easy_tile.isHidden() else []
        pjm = [self.pjm_tile] if not self.pjm_tile.isHidden() else []
        cards = [w for w in self.announcement_widgets if isinstance(w, TileButton)]
        return [*self.tiles, *easy, *pjm, *cards]

    def grid_columns(self) -> int:
        return self._placed_columns


def _pages_count(count: int) -> str:
    from kiosk.i18n import ngettext

    # Translators: on a section tile; Polish needs three forms (1 strona, 2 strony, 5 stron).
    return ngettext("%(count)d page", "%(count)d pages", count) % {"count": count}
