"""Search ("Wyszukiwanie"): a large field, results as you type, an on-screen keyboard.

What visitors type here can be personal (a PESEL number, a name): the field never puts
it on the clipboard or the X selection nor takes anything from them
(:class:`VisitorLineEdit`), the reset of a visit clears both, and nothing typed or found
is written to the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.i18n import _, ngettext
from kiosk.search import SearchResults
from kiosk.search.service import SearchService
from kiosk.session import Location, Session
from kiosk.session import Screen as ScreenKind
from kiosk.ui.guard import clear_visitor_traces, is_clipboard_key
from kiosk.ui.marked_label import MarkedLabel, Span
from kiosk.ui.onscreen_keyboard import OnScreenKeyboard
from kiosk.ui.screens import Screen
from kiosk.ui.style import Metrics
from kiosk.ui.widgets import ScrollPane, TileButton, scroll_list, set_role

log = logging.getLogger(__name__)
RESULTS_SHOWN = 20


class VisitorLineEdit(QLineEdit):
    """A text field for what visitors type: no copy, cut or paste (keys, middle button,
    context menu, drag), and no selection that could land in the X primary selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)
        self.selectionChanged.connect(self._drop_selection)

    def _drop_selection(self) -> None:
        if self.hasSelectedText():
            self.deselect()  # a touchscreen needs no selection; X would publish it

    @staticmethod
    def _forget_own_selection() -> None:
        """Should Qt have put text on the X selection after all, take it back."""
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if is_clipboard_key(event):
            event.accept()  # swallowed: neither copied nor pasted
            return
        if event.key() == Qt.Key.Key_Home:
            event.ignore()  # the keypad's Home goes to the start screen, not the field's start
            return
        super().keyPressEvent(event)
        self._forget_own_selection()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()  # X11 pastes the selection on a middle click
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.MiddleButton:
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._forget_own_selection()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseDoubleClickEvent(event)
        self._forget_own_selection()


class ResultTile(TileButton):
    """A row of the results list. The list is one column as wide as its area, so a row's
    size hint is its height at its own width: a word-wrapped label's own size hint lays
    its text out again at a guessed width, for every row of every keystroke.

    Its detail (section · snippet) is a :class:`MarkedLabel`: plain text with the
    matched words in bold, laid out once per width, where a rich-text QLabel parsed
    HTML and laid its document out about four times per row on every keystroke."""

    def _new_detail_label(self) -> QLabel:
        return MarkedLabel()

    def set_hit(self, title: str, detail: str, spans: tuple[Span, ...], description: str) -> None:
        """Show a hit: ``title``, ``detail`` with ``spans`` of it in bold; ``description``
        for screen readers and speech mode."""
        self._title.setText(title)
        detail_label = self._detail
        assert isinstance(detail_label, MarkedLabel)
        detail_label.set_marked_text(detail, spans)
        detail_label.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.width()
        return QSize(width, self.heightForWidth(width))


class SearchScreen(Screen):
    """Asks the search service (``kiosk.search.service``), which owns the index."""

    results_shown = Signal(str, int)  # query, number of results (for the statistics)
    typed = Signal(str)  # what the field holds now and what it found (said in speech mode)

    def __init__(
        self, content: Content, session: Session, service: SearchService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        service.index_ready.connect(self._on_index_ready)
        self.setObjectName("search-screen")
        self._content = content
        self._session = session
        self.results: SearchResults | None = None
        # This screen also holds a keyboard: its title and hint stop growing at the bars'
        # size (200%), so that the keys keep their room at the largest text.
        self.title = QLabel()
        set_role(self.title, "screen-title")
        self.field = VisitorLineEdit()
        self.field.setObjectName("search-field")
        self.field.setMaxLength(80)
        self.field.textChanged.connect(self._on_text)
        self.show_keyboard = QPushButton()
        self.show_keyboard.setObjectName("show-keyboard")
        self.show_keyboard.clicked.connect(self._reveal_keyboard)
        field_row = self._field_row = QHBoxLayout()
        field_row.addWidget(self.field, 1)
        field_row.addWidget(self.show_keyboard)
        self.count = QLabel()
        set_role(self.count, "hint")
        self.count.setWordWrap(True)
        self.suggestion = QPushButton()
        self.suggestion.setObjectName("search-suggestion")
        self.suggestion.clicked.connect(self._take_suggestion)
        self.suggestion.hide()
        self.hits: list[ResultTile] = []
        self._shown: list[tuple[str, ...] | None] = []  # what each of self.hits shows
        self.rows_updated = 0  # result rows whose texts were set: how much typing rebuilt
        self.room_hits: list[TileButton] = []  # rooms of the building plan, first
        self._rooms_shown: list[tuple[str, ...] | None] = []  # what each of self.room_hits shows
        self.section_links: list[TileButton] = []
        self._sections_shown: tuple[object, ...] = ()
        self._list_host = QWidget()
        self._list = QVBoxLayout(self._list_host)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.addStretch(1)
        self.pane = ScrollPane(scroll_list(self._list_host))
        self.keyboard = OnScreenKeyboard()
        self.keyboard.typed.connect(self.field.insert)
        self.keyboard.backspace.connect(self.field.backspace)
        self.keyboard.cleared.connect(self.field.clear)
        self.keyboard.hide_requested.connect(self._hide_keyboard)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(field_row)
        layout.addWidget(self.count)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.pane, 1)
        layout.addWidget(self.keyboard)
        session.search_changed.connect(self._follow_session)
        session.was_reset.connect(self.keyboard.reset)
        session.was_reset.connect(clear_visitor_traces)  # the next visitor pastes nothing

    def _on_index_ready(self) -> None:
        if self.isVisible():
            self._refresh()

    def wait_for_index(self, timeout: float = 10.0) -> bool:
        """For tools and tests: block until the index is ready."""
        return self.service.wait_for_index(timeout)

    # -- typing ----------------------------------------------------------------
    def _on_text(self, text: str) -> None:
        self._session.set_search_text(text)
        self._refresh()
        # A visitor typing without sight hears what went in and what it found ("dowod.
        # 8 results"); "nothing found" names the query itself.
        query = text.strip()
        found = bool(self.results and self.results.total) or any(not t.isHidden() for t in self.room_hits)
        self.typed.emit(f"{query}. {self.count.text()}" if query and found else self.count.text())

    def _follow_session(self) -> None:
        if self.field.text() != self._session.search_text:
            self.field.setText(self._session.search_text)  # e.g. cleared for the next visitor

    def _take_suggestion(self) -> None:
        if self.results is not None and self.results.suggestion:
            self.field.setText(self.results.suggestion)

    def _reveal_keyboard(self) -> None:
        self.keyboard.show()
        self.show_keyboard.hide()

    def _hide_keyboard(self) -> None:
        self.keyboard.hide()
        self.show_keyboard.show()

    def _refresh(self) -> None:
        query = self.field.text()
        lang = self._session.language
        results = self.service.search(query, lang, RESULTS_SHOWN, self._session.is_easy_read)
        self.results = results
        # Rows, rooms and sections are set, shown and hidden with the list's layout off,
        # then the list is laid out once: Qt lays out a shown widget's parents there and
        # then, so showing twenty rows after a cleared field laid the list out twenty times.
        self._list.setEnabled(False)
        try:
            hits = self._show_hits(results)
            rooms = self._show_rooms(query)
            self._show_sections(bool(query.strip()) and not hits)
        finally:
            self._list.setEnabled(True)
        self._list.activate()
        self._show_count(query, results, rooms)
        if query.strip() and self.service.is_ready:
            self.results_shown.emit(query, (results.total if results else 0) + rooms)

    def _show_hits(self, results: SearchResults | None) -> int:
        """The pages found, one row each; how many."""
        hits = list(results.hits) if results else []
        while len(self.hits) < len(hits):
            row = ResultTile()
            row.clicked.connect(lambda _c=False, t=row: self._open(t))
            self._list.insertWidget(len(self.hits), row)
            self.hits.append(row)
            self._shown.append(None)
        for number, (tile, hit) in enumerate(zip(self.hits, hits, strict=False)):
            # A row showing this very hit already is left alone: setting its texts again
            # would lay out its texts and the whole list anew for nothing.
            shown = (hit.page_id, hit.title, hit.section_title, hit.snippet_html, hit.snippet)
            if self._shown[number] != shown:
                self._shown[number] = shown
                self.rows_updated += 1
                tile.setProperty("page_id", hit.page_id)
                lead = f"{hit.section_title} · "
                spans = tuple((start + len(lead), end + len(lead)) for start, end in hit.snippet_spans)
                tile.set_hit(hit.title, lead + hit.snippet, spans, f"{hit.section_title}. {hit.snippet}")
            if tile.isHidden():
                tile.show()
        for tile in self.hits[len(hits) :]:
            if not tile.isHidden():
                tile.hide()
        return len(hits)

    def _show_rooms(self, query: str) -> int:
        """Rooms of the building plan by number or name ("14", "pokój 14", "USC")."""
        from kiosk.floors.directions import floor_in_sentence, room_label
        from kiosk.floors.rooms import find_rooms

        floors = self._content.floors
        lang = self._session.language
        rooms = find_rooms(floors, query, lang)[:3] if floors is not None and query.strip() else []
        while len(self.room_hits) < len(rooms):
            tile = TileButton()
            tile.clicked.connect(lambda _c=False, t=tile: self._open_room(t))
            self._list.insertWidget(len(self.room_hits), tile)
            self.room_hits.append(tile)
            self._rooms_shown.append(None)
        fallback = self._content.site.default_language
        for number, (tile, room) in enumerate(zip(self.room_hits, rooms, strict=False)):
            assert floors is not None
            floor = floors.floor(room.floor)
            where = floor_in_sentence(floor, lang, fallback) if floor is not None else ""
            title = f"{room_label(room, lang)} · {room.name(lang, fallback)}"
            # Translators: the detail of a room found by search: opens the plan with the way.
            description = _("%(floor)s. Shows the way on the plan.") % {"floor": where}
            shown = (room.id, title, where, description)
            if self._rooms_shown[number] != shown:  # else as it is: no new layout
                self._rooms_shown[number] = shown
                tile.setProperty("room_id", room.id)
                tile.set_texts(title, where)
                tile.setAccessibleDescription(description)
            if tile.isHidden():
                tile.show()
        for tile in self.room_hits[len(rooms) :]:
            if not tile.isHidden():
                tile.hide()
        return len(rooms)

    def _open_room(self, tile: TileButton) -> None:
        self.navigate.emit(Location(ScreenKind.PLAN, str(tile.property("room_id"))))

    def _show_count(self, query: str, results: SearchResults | None, rooms: int = 0) -> None:
        self.suggestion.hide()
        if not self.service.is_ready:
            self.count.setText(_("Preparing the search, one moment…"))
            return
        if not query.strip():
            self.count.setText(_("Type what you are looking for, e.g. “dowód” or “podatek”."))
            return
        total = (results.total if results else 0) + rooms
        if total:
            # Translators: Polish needs three forms: 1 wynik, 2 wyniki, 5 wyników.
            self.count.setText(ngettext("%(count)d result", "%(count)d results", total) % {"count": total})
            return
        self.count.setText(
            _("Nothing found for “%(query)s”. Check the spelling or choose a topic below.") % {"query": query}
        )
        if results is not None and results.suggestion:
            # Translators: a button offering a corrected search, e.g. "Did you mean: podatek?"
            self.suggestion.setText(_("Did you mean: %(word)s?") % {"word": results.suggestion})
            self.suggestion.setAccessibleName(self.suggestion.text())
            self.suggestion.show()

    def _show_sections(self, is_shown: bool) -> None:
        """With no results: the main sections, so the visitor is never stuck."""
        lang = self._session.language
        sections = self._content.site.sections
        shown = (lang, is_shown, tuple(sections))
        if shown == self._sections_shown:
            return  # as they are: setting their texts again would lay the list out anew
        self._sections_shown = shown
        while len(self.section_links) < len(sections):
            tile = TileButton()
            tile.clicked.connect(lambda _c=False, t=tile: self._open_section(t))
            self._list.insertWidget(self._list.count() - 1, tile)
            self.section_links.append(tile)
        for tile, section in zip(self.section_links, sections, strict=False):
            tile.setProperty("section_id", section.id)
            tile.set_texts(section.title(lang))
            tile.setVisible(is_shown)
        for tile in self.section_links[len(sections) :]:
            tile.hide()

    def _open(self, tile: TileButton) -> None:
        self.navigate.emit(Location("page", str(tile.property("page_id"))))

    def _open_section(self, tile: TileButton) -> None:
        self.navigate.emit(Location("section", str(tile.property("section_id"))))

    def visible_hits(self) -> list[TileButton]:
        """The pages found (the rooms found are shown before them: :meth:`visible_rooms`)."""
        return [t for t in self.hits if not t.isHidden()]

    def visible_rooms(self) -> list[TileButton]:
        return [t for t in self.room_hits if not t.isHidden()]

    # -- screen protocol -------------------------------------------------------
    def open(self, location: Location) -> None:
        self.service.ensure_index()
        self._follow_session()
        self._refresh()
        self.pane.area.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        # Translators: the search screen's title ("Wyszukiwanie" on the office website).
        self.title.setText(_("Search"))
        self.field.setAccessibleName(_("Search for"))
        self.show_keyboard.setText(_("Show the keyboard"))
        self.show_keyboard.setAccessibleName(_("Show the keyboard"))
        self.show_keyboard.setVisible(self.keyboard.isHidden())
        self.pane.buttons.set_texts(_("Scroll up"), _("Scroll down"))
        self.keyboard.retranslate()
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # On a wide, low screen the heading goes beside the field: at large text the
        # keyboard needs the height.
        window = self.window()
        is_wide = window.width() > window.height()
        if is_wide != (self._field_row.indexOf(self.title) >= 0):
            (self._layout if is_wide else self._field_row).removeWidget(self.title)
            if is_wide:
                self._field_row.insertWidget(0, self.title)
            else:
                self._layout.insertWidget(0, self.title)

    def apply_metrics(self, metrics: Metrics) -> None:
        self._layout.setSpacing(min(12, metrics.chrome.gap))  # a full screen: keep the gaps modest
        self._list.setSpacing(metrics.gap)
        self.pane.set_gap(metrics.chrome.gap)
        self.keyboard.apply_metrics(metrics)
        self.field.setMinimumHeight(metrics.chrome.target)

    def accessible_title(self) -> str:
        return _("Search")

    def focus_targets(self) -> list[QWidget]:
        sections = [t for t in self.section_links if not t.isHidden()]
        return [*self.visible_rooms(), *self.visible_hits(), *sections]

    def first_focus(self) -> QWidget | None:
        return self.field
