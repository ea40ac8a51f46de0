"""Home: a task launcher. The opening status first and largest, then the office's top
tasks (site.toml ``featured``) and the sections as large tiles with icons, the current
announcements with their dates, and a tip ("Mikroporada").

The tiles share out the height of the screen, so the grid fills it at every size and
orientation; the scroll buttons appear only when the content is taller than the screen.
In landscape the announcements and the tip form a column beside the tiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_date, format_interval
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.content.notices import Announcement
from kiosk.i18n import _, ngettext
from kiosk.identity import themed
from kiosk.session import Location, Session
from kiosk.today.header import babel_locale
from kiosk.today.status_card import StatusCard as StatusFacts
from kiosk.ui.launch_tiles import COMPACT_SCALE, InfoCard, LaunchTile, StatusCard
from kiosk.ui.screens import Screen
from kiosk.ui.style import GAP_PX, Metrics
from kiosk.ui.themes import theme
from kiosk.ui.widgets import ScrollPane, scroll_list, set_role
from kiosk.vocabulary import Screen as ScreenKind

TILE_MIN_WIDTH = 360  # px at 100%: two columns on a portrait screen, one at large text
MAX_COLUMNS = 3
SIDE_COLUMN_SHARE = 36  # % of the width for announcements and the tip in landscape
SIDE_COLUMN_MIN_WIDTH = 400  # px at 100%: narrower, and they go below the tiles
MAX_TILE_STRETCH = 2.2  # a tile grows to at most this times its natural height
SECTION_PREVIEW = 2  # page titles named on a section tile
TILE_PAD_Y = 10  # px at 100% above and below a home tile's words (the section lists keep 16)


class HomeScreen(Screen):
    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home-screen")
        self._content = content
        self._session = session
        self._metrics = Metrics(100)
        self.task_tiles: list[LaunchTile] = []
        self.tiles: list[LaunchTile] = []  # the sections
        # After the sections, when the content has them: every page in easy-to-read text
        # (as municipal websites offer it), and every page with a sign-language video.
        self.easy_tile = LaunchTile("mdi6.book-open-page-variant-outline")
        self.easy_tile.setObjectName("easy-read-pages")
        self.easy_tile.clicked.connect(lambda: self.navigate.emit(Location(ScreenKind.EASY_READ)))
        self.pjm_tile = LaunchTile("mdi6.sign-language")
        self.pjm_tile.setObjectName("pjm-pages")
        self.pjm_tile.clicked.connect(lambda: self.navigate.emit(Location(ScreenKind.VIDEO)))
        self._extra_tiles: list[LaunchTile] = []  # those of the two that are shown
        self._placed: tuple[int, bool] = (0, False)
        self._tip_index = -1
        # Which day it is (announcements), and the opening status; the window gives both.
        self.today: Callable[[], dt.date] = dt.date.today
        self.status: Callable[[], StatusFacts | None] = lambda: None

        self.status_card = StatusCard()
        self.problem_notice = QLabel()
        set_role(self.problem_notice, "notice")
        self.problem_notice.setWordWrap(True)
        self.problem_notice.hide()
        self.tasks_title = self._heading()
        self.sections_title = self._heading()
        self.announcements_title = self._heading()
        self._tasks_host, self._tasks = self._grid()
        self._sections_host, self._sections = self._grid()
        self._announcements_host = QWidget()
        self._announcements = QVBoxLayout(self._announcements_host)
        self._announcements.setContentsMargins(0, 0, 0, 0)
        self.announcement_widgets: list[QWidget] = []
        self.tip_card = InfoCard("mdi6.lightbulb-on-outline", "tip-card")

        scrolled = self._scrolled = QWidget()
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight, scrolled)
        self._body.setContentsMargins(0, 0, 0, 0)
        main = self._main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        for widget in (self.status_card, self.problem_notice, self.tasks_title):
            main.addWidget(widget)
        main.addWidget(self._tasks_host, 1)
        main.addWidget(self.sections_title)
        main.addWidget(self._sections_host, 1)
        main.addStretch(0)  # takes what the tiles, at their tallest, leave over
        side = self._side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.announcements_title)
        side.addWidget(self._announcements_host)
        side.addWidget(self.tip_card)
        side.addStretch(1)
        self._body.addLayout(main, 1)
        self._body.addLayout(side, 0)
        self.scroll_area = scroll_list(scrolled)
        # The scroll buttons (dimmed at either end) and a tile cut at the edge show that
        # there is more; a scroll bar as well would only take the tiles' width.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pane = ScrollPane(self.scroll_area)
        self.scroll_buttons = self.pane.buttons
        # Scroll buttons only when there is something to scroll, measured once the layout
        # has settled: the range and the content change on their way there, over several
        # passes of the event loop, and the range may stay put on the last of them.
        self._buttons_check = QTimer(self)
        self._buttons_check.setSingleShot(True)
        self._buttons_check.setInterval(0)
        self._buttons_check.timeout.connect(self._show_scroll_buttons)
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, _high: self._buttons_check.start())
        scrolled.installEventFilter(self)
        self.scroll_buttons.setVisible(False)
        # The viewport's width decides the columns; it changes without the screen being
        # resized (the scroll buttons come and go, the control column settles).
        self.scroll_area.viewport().installEventFilter(self)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane, 1)
        self._build_tiles()

    # -- building ---------------------------------------------------------------------
    @staticmethod
    def _heading() -> QLabel:
        label = QLabel()
        set_role(label, "home-heading")
        label.setWordWrap(True)
        return label

    @staticmethod
    def _grid() -> tuple[QWidget, QGridLayout]:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        return host, grid

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        for tile in (*self.task_tiles, *self.tiles):
            tile.hide()
            tile.deleteLater()
        self.task_tiles = []
        self.tiles = []
        self._placed = (0, False)
        self._build_tiles()
        self.apply_metrics(self._metrics)

    def _build_tiles(self) -> None:
        site = self._content.site
        for page_id in site.featured:
            page = site.pages.get(page_id)
            if page is None:
                continue
            tile = LaunchTile(self._page_icon(page_id))
            tile.setObjectName(f"task-{page_id}")
            tile.clicked.connect(lambda _c=False, pid=page_id: self.navigate.emit(Location("page", pid)))
            self.task_tiles.append(tile)
        for section in site.sections:
            tile = LaunchTile(section.icon)
            tile.setObjectName(f"section-{section.id}")
            tile.clicked.connect(
                lambda _checked=False, sid=section.id: self.navigate.emit(Location("section", sid))
            )
            self.tiles.append(tile)
        self._place_tiles()

    def _page_icon(self, page_id: str) -> str:
        """A page's icon (from any of its language versions), else its section's."""
        site = self._content.site
        page = site.pages[page_id]
        variants = sorted(page.variants.values(), key=lambda v: v.lang != site.default_language)
        for variant in variants:
            if variant.icon:
                return variant.icon
        section = site.section(variants[0].section) if variants else None
        return section.icon if section is not None else ""

    # -- layout -----------------------------------------------------------------------
    def _is_landscape(self) -> bool:
        window = self.window()
        return window.width() > window.height()

    def _has_side_column(self) -> bool:
        """Announcements and the tip beside the tiles: on a landscape screen, while that
        column is wide enough for a few words a line; else they follow the tiles."""
        if not self._is_landscape():
            return False
        width = self.scroll_area.viewport().width() or self.width()
        return width * SIDE_COLUMN_SHARE // 100 >= self._metrics.px(SIDE_COLUMN_MIN_WIDTH)

    def _tile_width(self) -> int:
        """The narrowest a tile may be: TILE_MIN_WIDTH, or what its longest word needs."""
        tiles = (*self.task_tiles, *self._section_grid())
        return max(self._metrics.px(TILE_MIN_WIDTH), *(tile.minimumSizeHint().width() for tile in tiles))

    def _columns(self, is_landscape: bool) -> int:
        """As many columns as fit the real width: the viewport (the control column and the
        scroll buttons already taken off), less, in landscape, the narrowest side column."""
        width = max(1, self.scroll_area.viewport().width() or self.width())
        if is_landscape:
            width -= self._body.spacing() + self._metrics.px(SIDE_COLUMN_MIN_WIDTH)
        spacing = self._tasks.horizontalSpacing()
        fitting = (width + spacing) // max(1, self._tile_width() + spacing)
        return max(1, min(MAX_COLUMNS, fitting))

    def _place_tiles(self) -> None:
        is_landscape = self._has_side_column()
        columns = self._columns(is_landscape)
        self._placed = (columns, is_landscape)
        for tile in (self.easy_tile, self.pjm_tile):
            self._sections.removeWidget(tile)
            tile.setVisible(tile in self._extra_tiles)
        for grid, tiles in ((self._tasks, self.task_tiles), (self._sections, self._section_grid())):
            for tile in tiles:
                grid.removeWidget(tile)
            for index, tile in enumerate(tiles):
                grid.addWidget(tile, index // columns, index % columns)
            for c in range(MAX_COLUMNS):
                grid.setColumnStretch(c, 1 if c < columns else 0)
            rows = (len(tiles) + columns - 1) // columns
            for r in range(max(rows, grid.rowCount())):
                grid.setRowStretch(r, 1 if r < rows else 0)
        # Landscape (and room for it): announcements and the tip beside the tiles.
        direction = QBoxLayout.Direction.LeftToRight if is_landscape else QBoxLayout.Direction.TopToBottom
        self._body.setDirection(direction)
        self._body.setStretch(0, 100 - SIDE_COLUMN_SHARE if is_landscape else 1)
        self._body.setStretch(1, SIDE_COLUMN_SHARE if is_landscape else 0)
        # The tiles keep the width their columns need; the side column gets the rest (in
        # landscape its share shrinks down to SIDE_COLUMN_MIN_WIDTH for a third column).
        least = columns * self._tile_width() + (columns - 1) * self._tasks.horizontalSpacing()
        for host in (self._tasks_host, self._sections_host):
            host.setMinimumWidth(least if columns > 1 else 0)
        self._main.setStretch(self._main.indexOf(self._tasks_host), len(self.task_tiles))
        self._main.setStretch(self._main.indexOf(self._sections_host), len(self._section_grid()))
        self._cap_tiles()
        self._set_tab_order()

    def _cap_tiles(self) -> None:
        """Tiles share out spare height, but never grow into towers: the rest of the
        height goes below the grids, never between their rows."""
        columns = self._placed[0] or 1
        spacing, between = self._tasks.verticalSpacing(), self._tasks.horizontalSpacing()
        compact = self._metrics.scale >= COMPACT_SCALE
        for host, tiles in ((self._tasks_host, self.task_tiles), (self._sections_host, self._section_grid())):
            width = max(1, (host.width() - between * (columns - 1)) // columns)
            tallest: dict[int, int] = {}
            for index, tile in enumerate(tiles):
                tile.set_compact(compact)
                # What the words need at the tile's width (once laid out), else at rest.
                needed = tile.heightForWidth(width) if host.width() > 1 else tile.minimumSizeHint().height()
                cap = int(max(needed, self._metrics.target) * MAX_TILE_STRETCH)
                tile.setMaximumHeight(cap)
                row = index // columns
                tallest[row] = max(tallest.get(row, 0), cap)
            host.setMaximumHeight(sum(tallest.values()) + spacing * max(0, len(tallest) - 1) or 16777215)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._scrolled and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._buttons_check.start()
        # The viewport changes width without home being resized (the scroll buttons, the
        # control bar settling): the columns follow the viewport.
        if event.type() == QEvent.Type.Resize and watched is self.scroll_area.viewport():
            self._refit()
        return super().eventFilter(watched, event)

    def _show_scroll_buttons(self) -> None:
        """The scroll buttons when the content is taller than the room it would have
        without them (as QScrollArea measures it), so that content which fits only once
        the buttons are gone does not keep them; this settles at once, never flickers."""
        area, buttons = self.scroll_area, self.scroll_buttons
        room = area.viewport().size()
        pane_layout = self.pane.layout()
        if not buttons.isHidden() and pane_layout is not None:
            spacing = pane_layout.spacing()
            if self._is_landscape():  # beside the list (ScrollPane)
                room.setWidth(room.width() + buttons.width() + spacing)
            else:
                room.setHeight(room.height() + buttons.height() + spacing)
        content = self._scrolled
        needed = content.minimumSizeHint().height()
        if content.hasHeightForWidth():
            needed = max(needed, content.heightForWidth(room.width()))
        buttons.setVisible(needed > room.height())

    def _section_grid(self) -> list[LaunchTile]:
        return [*self.tiles, *self._extra_tiles]

    def _show_extra_tiles(self) -> None:
        """The easy-to-read and sign-language tiles, shown when there are such pages."""
        from kiosk.ui.video_player import pjm_label

        site, lang = self._content.site, self._session.language
        easy_count = len(site.easy_read_pages(lang))
        videos = len(self._content.sign_videos)
        # Translators: the home tile that lists every page in easy-to-read text
        # ("Tekst łatwy do czytania", as on municipal websites).
        self.easy_tile.set_texts(_("Easy-to-read text"), _pages_count(easy_count))
        self.pjm_tile.set_texts(pjm_label(), _pages_count(videos))
        extras = [tile for tile, count in ((self.easy_tile, easy_count), (self.pjm_tile, videos)) if count]
        if extras != self._extra_tiles:
            self._extra_tiles = extras
            self._place_tiles()

    def _set_tab_order(self) -> None:
        order = self.focus_targets()
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._refit()

    def _refit(self) -> None:
        """Re-place the tiles when the columns change; else only their height caps."""
        is_landscape = self._has_side_column()
        if (self._columns(is_landscape), is_landscape) != self._placed:
            self._place_tiles()
        else:
            self._cap_tiles()

    # -- texts ------------------------------------------------------------------------
    def open(self, location: Location) -> None:
        # Each return home shows the next tip: a visitor sees several during a visit.
        if self._content.tips:
            self._tip_index = (self._tip_index + 1) % len(self._content.tips)

    def retranslate(self) -> None:
        lang = self._session.language
        site = self._content.site
        # Translators: heading over the office's most asked-for tasks on the home screen.
        self.tasks_title.setText(_("Most asked for"))
        self.tasks_title.setVisible(bool(self.task_tiles))
        # Translators: heading over the section tiles on the home screen.
        self.sections_title.setText(_("All topics"))
        for tile in self.task_tiles:
            page_id = tile.objectName().removeprefix("task-")
            variant = site.page_variant(page_id, lang)
            tile.set_texts(variant.title if variant else page_id)
        for tile, section in zip(self.tiles, site.sections, strict=True):
            pages = site.pages_in(section.id, lang)
            preview = _section_preview([p.title for p in pages])
            tile.set_texts(section.title(lang), preview)
            # Heard in speech mode: how many pages, then the first of them.
            tile.setAccessibleDescription(f"{_pages_count(len(pages))}: {preview}" if pages else "")
        if not site.pages:
            self.problem_notice.setText(
                _("Information is not available right now. Please ask at the information desk.")
            )
            self.problem_notice.show()
        else:
            self.problem_notice.hide()
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))
        self._show_extra_tiles()
        self.show_status()
        self._show_announcements()
        self._show_tip()
        self._cap_tiles()

    def show_status(self) -> None:
        """The opening status card (the window calls this every minute too)."""
        facts = self.status()
        self.status_card.setVisible(facts is not None)
        if facts is not None:
            self.status_card.set_status(facts.state, facts.headline, facts.detail)

    def _show_tip(self) -> None:
        tips = self._content.tips
        if not tips:
            self.tip_card.hide()
            return
        index = max(0, self._tip_index) % len(tips)
        site = self._content.site
        text = tips[index].text(self._session.language, site.default_language)
        # Translators: the heading of a short tip ("Mikroporada" on the office website).
        self.tip_card.set_texts(_("Quick tip"), text)
        self.tip_card.show()

    def _show_announcements(self) -> None:
        """Active announcements ("Banery") as cards with their dates; one with a page opens it."""
        for old in self.announcement_widgets:
            self._announcements.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.announcement_widgets = []
        lang = self._session.language
        fallback = self._content.site.default_language
        for announcement in self._content.active_announcements(self.today()):
            text = announcement.text(lang, fallback)
            when = announcement_dates(announcement, lang)
            widget: QWidget
            if announcement.page:
                tile = LaunchTile("mdi6.bullhorn-outline")
                tile.setProperty("kind", "announcement")
                tile.set_texts(when or text, text if when else "")
                # The date sits above the text, small; the text reads as the tile's body.
                tile.set_roles("announcement-date" if when else "card-text", "card-text")
                tile.setAccessibleName(text)
                tile.setAccessibleDescription(when)
                tile.clicked.connect(
                    lambda _c=False, page=announcement.page: self.navigate.emit(Location("page", page))
                )
                widget = tile
            else:
                card = InfoCard("mdi6.bullhorn-outline", "announcement-card")
                card.set_texts(when, text)
                card.heading.setVisible(bool(when))
                set_role(card.heading, "announcement-date")
                widget = card
            self._announcements.addWidget(widget)
            self.announcement_widgets.append(widget)
        # Translators: heading of the announcements on the home screen ("Banery").
        self.announcements_title.setText(_("Announcements"))
        self.announcements_title.setVisible(bool(self.announcement_widgets))
        self._style_cards()

    # -- look -------------------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        gap = metrics.gap
        for grid in (self._tasks, self._sections):
            grid.setHorizontalSpacing(gap * 3 // 2)
            grid.setVerticalSpacing(gap)
        self._main.setSpacing(gap)
        self._side.setSpacing(gap)
        self._body.setSpacing(gap * 2)
        self._announcements.setSpacing(gap)
        margin = GAP_PX  # the same at every size: the tiles' own borders separate them
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self.pane.set_gap(margin)
        self._style_cards()
        self._refit()

    def _style_cards(self) -> None:
        current = themed(theme(self._session.theme), self._content.site.accent)
        metrics = self._metrics
        self.status_card.apply_look(current, current.accent, metrics)
        self.tip_card.apply_look(current, current.accent, metrics)
        for tile in (*self.task_tiles, *self.tiles, self.easy_tile, self.pjm_tile):
            tile.apply_look(current, current.accent, metrics, TILE_PAD_Y)
        for widget in self.announcement_widgets:
            if isinstance(widget, LaunchTile):
                widget.set_compact(metrics.scale >= COMPACT_SCALE)
                widget.apply_look(current, current.accent, metrics, TILE_PAD_Y)
            elif isinstance(widget, InfoCard):
                widget.apply_look(current, current.accent, metrics)

    def accessible_title(self) -> str:
        return _("Home")

    def focus_targets(self) -> list[QWidget]:
        return [
            *self.task_tiles,
            *self._section_grid(),
            *(w for w in self.announcement_widgets if isinstance(w, LaunchTile)),
        ]

    def grid_columns(self) -> int:
        return self._placed[0] or 1


def announcement_dates(announcement: Announcement, lang: str) -> str:
    """"16 listopada 2026 – 31 stycznia 2027", "od 1 grudnia 2026", "do 24 grudnia 2026"."""
    locale = babel_locale(lang)
    start, end = announcement.valid_from, announcement.valid_until
    if start and end:
        return format_interval(start, end, "yMMMMd", locale=locale)
    if start:
        # Translators: an announcement's date with no end; %(date)s like "1 December 2026".
        return _("from %(date)s") % {"date": format_date(start, "long", locale=locale)}
    if end:
        # Translators: an announcement's last day; %(date)s like "24 December 2026".
        return _("until %(date)s") % {"date": format_date(end, "long", locale=locale)}
    return ""


def _section_preview(titles: list[str]) -> str:
    """The first pages of a section, so a visitor knows what is behind the tile."""
    if not titles:
        return ""
    if len(titles) <= SECTION_PREVIEW + 1:  # "and 1 more" says less than its title
        return ", ".join(titles)
    shown = ", ".join(titles[:SECTION_PREVIEW])
    more = len(titles) - SECTION_PREVIEW
    if more > 0:
        # Translators: on a section tile after the first page titles; Polish needs three
        # forms ("i 1 inna", "i 2 inne", "i 5 innych").
        shown += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more}
    return shown


def _pages_count(count: int) -> str:
    # Translators: said of a section tile; Polish needs three forms (1 strona, 2 strony, 5 stron).
    return ngettext("%(count)d page", "%(count)d pages", count) % {"count": count}
