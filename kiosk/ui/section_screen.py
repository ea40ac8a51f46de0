"""A section: its pages as large buttons with title and summary."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.content.model import PageVariant
from kiosk.i18n import _
from kiosk.identity import themed
from kiosk.session import Location, Session
from kiosk.ui.launch_tiles import LaunchTile
from kiosk.ui.screens import Screen
from kiosk.ui.style import Metrics
from kiosk.ui.themes import Theme, theme
from kiosk.ui.widgets import ScrollPane, TileButton, scroll_list, set_role


class SectionScreen(Screen):
    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-screen")
        self._content = content
        self._session = session
        self.section_id = ""
        self.tiles: list[LaunchTile] = []
        self._metrics = Metrics(100)

        self.title = QLabel()
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        set_role(self.empty, "notice")
        self._list_host = QWidget()
        self._list = QVBoxLayout(self._list_host)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.addStretch(1)
        self.scroll_area = scroll_list(self._list_host)
        # The tiles are fitted to the list's width when it changes: the screen's own size
        # comes first, and a screen made as it opens gets the list's width only after.
        self.scroll_area.viewport().installEventFilter(self)
        self.pane = ScrollPane(self.scroll_area)
        self.scroll_buttons = self.pane.buttons

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.pane, 1)

    def open(self, location: Location) -> None:
        self.section_id = location.target
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self._session.language
        site = self._content.site
        section = site.section(self.section_id)
        self.title.setText(section.title(lang) if section else "")
        # The visitor who chose easy text sees the easy versions' titles.
        variants = [
            site.page_variant(v.page_id, lang, self._session.is_easy_read) or v
            for v in site.pages_in(self.section_id, lang)
        ]
        self._show_tiles(variants)
        self.empty.setText(_("There are no pages in this section yet."))
        self.empty.setVisible(not variants)
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))

    def _show_tiles(self, variants: Sequence[PageVariant]) -> None:
        """One tile per page version, in order (tiles are reused; the rest hidden)."""
        while len(self.tiles) < len(variants):
            tile = LaunchTile(None)  # a chevron, no icon: it opens a page
            tile.apply_look(*self._look())
            tile.clicked.connect(lambda _c=False, t=tile: self._open(t))
            self._list.insertWidget(len(self.tiles), tile)
            self.tiles.append(tile)
        previous: QWidget | None = None
        for index, tile in enumerate(self.tiles):
            if index < len(variants):
                variant = variants[index]
                tile.setProperty("page_id", variant.page_id)
                tile.setObjectName(f"page-{variant.page_id}")
                tile.set_texts(variant.title, variant.summary)
                tile.show()
                if previous is not None:
                    QWidget.setTabOrder(previous, tile)
                previous = tile
            else:
                tile.hide()
        self._fit_tiles()

    def _open(self, tile: TileButton) -> None:
        self.navigate.emit(Location("page", str(tile.property("page_id"))))

    def visible_tiles(self) -> list[TileButton]:
        return [t for t in self.tiles if not t.isHidden()]

    def _look(self) -> tuple[Theme, str, Metrics]:
        current = themed(theme(self._session.theme), self._content.site.accent)
        return current, current.accent, self._metrics

    def _fit_tiles(self) -> None:
        """A tile whose longest word would not fit beside its chevron puts the chevron
        above the title (at the largest sizes on a narrow screen)."""
        width = self.scroll_area.viewport().width()
        for tile in self.tiles:
            tile.set_compact(width > 0 and not tile.fits_beside(width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QResizeEvent) and watched is self.scroll_area.viewport():
            self._fit_tiles()
        return False

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        look = self._look()
        for tile in self.tiles:
            tile.apply_look(*look)
        self._fit_tiles()
        self._list.setSpacing(metrics.gap)
        self._layout.setSpacing(metrics.gap)
        self.pane.set_gap(metrics.chrome.gap)

    def accessible_title(self) -> str:
        return self.title.text()

    def focus_targets(self) -> list[QWidget]:
        return list(self.visible_tiles())
