"""The page body: sanitised HTML in a read-only browser that never leaves the kiosk."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QTextTable,
    QTextTableCell,
)
from PySide6.QtWidgets import QApplication, QFrame, QTextBrowser, QTextEdit, QWidget

from kiosk.content.markup import IMAGE_SCHEME, PAGE_SCHEME, ROOM_SCHEME
from kiosk.content.tables import SOFT_HYPHEN, fields
from kiosk.qr import qr_image
from kiosk.table_fit import TableFitter
from kiosk.ui.reading_place import START, Place, place_at, position_of

QR_RESOURCE = "kiosk-qr:page"
# Qt's rich text draws table grids from attributes, not from CSS alone. At 100% width Qt
# rounds a wide table one pixel past the view, which would let a drag scroll sideways;
# 99% keeps every table inside.
TABLE_TAG = '<table border="1" cellspacing="0" width="99%">'
TABLE_SHARE = 0.99
DOCUMENT_MARGIN = 18  # px around the text (inside the text column's side margins)
CARD_SEPARATOR = " · "  # between the fields of a table row or card, as speech mode reads it
FITTERS_KEPT = 4  # table measurers, one per text size and theme
FITTED_KEPT = 12  # pages fitted to a width (tables or cards) kept for the next time
QR_KEPT = 6  # QR codes kept (a few pages, each in a theme or two; ~0.4 MB each)
QR_MODULE_PX = 8  # a ~40-character address gives ~30 modules: ~8 cm, readable from 50 cm

log = logging.getLogger(__name__)


def is_cards(table: QTextTable) -> bool:
    """Whether ``table`` is a list of cards (:func:`kiosk.content.tables.cards_html`
    wraps one in a plain frame; a table from a page sits in the page or in a cell)."""
    parent = table.parentFrame()
    return parent is not None and parent.parentFrame() is not None and not isinstance(parent, QTextTable)


class PageView(QTextBrowser):
    """Shows one page's HTML; page links become ``page_requested`` signals."""

    page_requested = Signal(str)
    room_requested = Signal(str)  # [pokój 14](room:14): the plan with the way to that room
    reloaded = Signal()  # the document was laid out anew (images rescaled)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            event.ignore()  # the keypad's Home goes to the start screen, not the text's start
            return
        super().keyPressEvent(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-body")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(False)
        self._has_own_document = False  # the document is Qt's until the first of ours
        self._use_document(self._new_document())
        self.anchorClicked.connect(self._on_anchor)
        # Text wraps anywhere, so there is never anything to the side; Qt can leave a
        # stale range from a layout pass at another width, which a drag could use.
        self.horizontalScrollBar().rangeChanged.connect(self._no_sideways)
        self._is_scrolling_self = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._images_dir: Path | None = None
        self._shown = ("", "")
        self._image_width = 0
        self._anchor: Place | None = None  # the reader's place held while the layout settles
        self.qr_url = ""  # the page's online address, drawn as a QR code
        # Dark on light always (phone readers), in the scheme's own two colours.
        self.qr_colours = ("#000000", "#ffffff")
        self._qr_cache: dict[tuple[str, tuple[str, str], str], QImage] = {}
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)
        self._reload.timeout.connect(self._reload_images)
        self._frame_colour = "#000000"
        self._image_cache: dict[tuple[str, int, str], QImage] = {}
        self._fitters: dict[tuple[str, str], TableFitter] = {}  # the last few sizes and themes
        self._fitted: dict[tuple[str, str, str, float], tuple[list[bool], str]] = {}
        self._shown_key: tuple[object, ...] = ()  # what the document in view was built from
        self._is_aside = False  # a stand-in is shown (set_aside) until the next page
        self.documents_built = 0  # (tests count them: a page laid out once per change)
        self.documents_reused = 0
        self._cards: list[bool] = []  # per table of the page: shown as cards
        self._room = 0.0  # the text width the tables were fitted to
        self._header: QWidget | None = None
        self._measure = 0  # the widest the text column may be (px); 0: the whole view
        self._fit_header_soon = QTimer(self)
        self._fit_header_soon.setSingleShot(True)
        self._fit_header_soon.setInterval(0)
        self._fit_header_soon.timeout.connect(self.fit_header)
        self.verticalScrollBar().valueChanged.connect(self._move_header)

    # -- a header that scrolls with the text ------------------------------------------
    def set_header(self, header: QWidget) -> None:
        """Show ``header`` (title, notices, page actions) above the text, scrolling with
        it: at large text sizes the page owns the screen instead of fixed lines above it."""
        self._header = header
        header.setParent(self.viewport())
        header.installEventFilter(self)
        header.show()
        self.fit_header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is getattr(self, "_header", None) and event.type() == QEvent.Type.LayoutRequest:
            self._fit_header_soon.start()
        return super().eventFilter(watched, event)

    def set_measure(self, width: int) -> None:
        """Keep lines readable (≤ 80 characters) by centring a text column of at most
        ``width`` px in the view: the view itself, where a finger drags the page, keeps
        the whole width of the screen."""
        self._measure = width  # applied by the next show_html() or resize, not at once:
        # a new page (or size) follows, and each margin change lays the text out again

    def side_margin(self) -> int:
        if not self._measure:
            return 0
        # From the widget's width as if the scroll bar were shown, in steps of 16 px: the
        # view's width wobbles while a layout settles (the scroll bar comes and goes), and
        # each new margin lays the whole document out again.
        steady = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        return max(0, min(steady, self.viewport().width()) - self._measure) // 32 * 16

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        # Tab in the text moves between its links; Tab on a control of the header moves
        # on to the next control, as everywhere else.
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self and self.isAncestorOf(focused):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def header_height(self) -> int:
        header = self._header
        if header is None or header.isHidden():
            return 0
        width = self.viewport().width() - 2 * self.side_margin()
        layout = header.layout()
        if layout is not None and layout.hasHeightForWidth():
            return max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
        return header.sizeHint().height()

    def fit_header(self) -> None:
        """Give the header its height at this width and leave that room above the text."""
        header = self._header
        if header is None:
            return
        height = self.header_height()
        side = self.side_margin()
        width = self.viewport().width() - 2 * side
        header.setGeometry(side, -self.verticalScrollBar().value(), width, height)
        if not self._is_aside:  # (the stand-in keeps the height of the page it stands for)
            self._set_margins(self.document(), height, side)

    @staticmethod
    def _set_margins(document: QTextDocument, header_height: int, side: int) -> None:
        """The header's room above the text and the text column's side margins; a change
        lays the whole document out again."""
        frame = document.rootFrame()
        text_format = frame.frameFormat()
        wanted = float(header_height + document.documentMargin())
        margin = float(side + document.documentMargin())
        if (
            abs(text_format.topMargin() - wanted) > 0.5
            or abs(text_format.leftMargin() - margin) > 0.5
            or abs(text_format.rightMargin() - margin) > 0.5
        ):
            text_format.setTopMargin(wanted)
            text_format.setLeftMargin(margin)
            text_format.setRightMargin(margin)
            frame.setFrameFormat(text_format)

    def _move_header(self, value: int) -> None:
        if self._header is not None:
            self._header.move(self.side_margin(), -value)

    def show_html(self, html: str, css: str, images_dir: Path | None, frame_colour: str) -> None:
        """Replace the document; ``images_dir`` is the content's ``pages/`` folder.

        A table that cannot show every word whole at this width is shown as cards
        (:mod:`kiosk.table_fit`); the choice is made again when the width changes.

        The page in view shown again (the visitor opens it once more) keeps its document
        and its layout: it is what the new one would be."""
        image_width = self._fitting_image_width()
        room = self._table_room() if "<table" in html else 0.0
        key = (html, css, images_dir, frame_colour, image_width, room, self.qr_url, self.qr_colours)
        self._anchor = None
        if key == self._shown_key and not self._is_aside:
            self.documents_reused += 1
            self.fit_header()
            return
        self._shown_key = key
        self._images_dir = images_dir
        self._frame_colour = frame_colour
        self._shown = (html, css)
        self._image_width = image_width
        document = self._new_document()
        document.setDefaultStyleSheet(css)
        if "<table" in html:
            self._room = room
            self._cards, html = self._fit_tables(html, css, room)
        else:
            self._cards = []
        html = html.replace("<table>", TABLE_TAG)
        document.setHtml(f"<body>{html}</body>")
        # Its margins before the view lays it out: set afterwards, each laid it out twice.
        self._set_margins(document, self.header_height(), self.side_margin())
        self._is_aside = False
        self._use_document(document)
        self.documents_built += 1
        self.fit_header()  # (the header's height, should the scroll bar have come or gone)

    def _fit_tables(self, html: str, css: str, room: float) -> tuple[list[bool], str]:
        """For each table whether it is shown as cards, and the page's HTML so fitted.
        Kept for the last few sizes and themes: A+ and A− go back and forth."""
        key = (html, css, self.document().defaultFont().toString(), room)
        fitted = self._fitted.pop(key, None)
        if fitted is None:
            fitter = self._table_fitter(css)
            fitted = (fitter.decide(html, room), fitter.fit(html, room))
        self._fitted[key] = fitted
        while len(self._fitted) > FITTED_KEPT:
            del self._fitted[next(iter(self._fitted))]
        return list(fitted[0]), fitted[1]

    def set_aside(self) -> None:
        """Show a stand-in (an empty document as tall as the page) until the next
        :meth:`show_html`: a change of text size or colours builds the page anew, and the
        old document would otherwise be laid out again on the way, for the new font and
        for each width the view passes; being as tall, it keeps the scroll bar, and so
        the width the new document is laid out at."""
        self._anchor = None
        self._reload.stop()
        bar = self.verticalScrollBar()  # (the document's size would lay all of it out)
        height = bar.maximum() + self.viewport().height() if bar.maximum() > 0 else 0
        stand_in = self._new_document()
        frame_format = stand_in.rootFrame().frameFormat()
        frame_format.setTopMargin(height)
        stand_in.rootFrame().setFrameFormat(frame_format)
        self._is_aside = True
        self._use_document(stand_in)

    def _new_document(self) -> QTextDocument:
        """A document of this view (its parent, so images load through ``loadResource``).

        Each page gets a new document rather than ``setHtml`` on the old one: clearing a
        document deletes its frames behind Python's back, and the wrapper of every root
        frame ever asked for (``fit_header``) stayed alive — about one per page shown, all
        day. A document the view made is deleted with everything it holds."""
        document = QTextDocument(self)
        # The view's font (the body size of the style sheet), as QTextEdit gives its own
        # document: Qt sizes headings relative to the document's default font (h2 1.5×,
        # h3 1.2×, the CSS font-size of a heading loses to that), so a document on the
        # application's default font had headings smaller than the body text.
        document.setDefaultFont(self.font())
        document.setUndoRedoEnabled(False)
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        return document

    def _use_document(self, document: QTextDocument) -> None:
        # Qt deletes its own first document itself. (Asking that document for its parent,
        # a private Qt class, would make PySide create the types of every QObject class
        # it might be: 150 enums, 12 ms.)
        old = self.document() if self._has_own_document else None
        self.setDocument(document)
        self._has_own_document = True
        if old is not None:
            old.deleteLater()

    # -- tables that fit -----------------------------------------------------------
    def _table_fitter(self, css: str) -> TableFitter:
        font = self.document().defaultFont()
        key = (css, font.toString())
        fitter = self._fitters.pop(key, None)
        if fitter is None:
            fitter = TableFitter(css, font, TABLE_TAG, TABLE_SHARE, self._natural_image_width)
        self._fitters[key] = fitter
        while len(self._fitters) > FITTERS_KEPT:
            del self._fitters[next(iter(self._fitters))]
        return fitter

    def _table_room(self) -> float:
        """The text width tables get: the viewport as it is with a scroll bar (a long
        page has one; a short one might not, and the choice must not flip with it), less
        the text column's side margins as ``fit_header`` sets them. Computed, not read
        from the document: ``show_html`` asks before its new document is in use, and the
        root frame's margins already hold the document margin."""
        bar = self.verticalScrollBar()
        width = self.viewport().width()
        if not bar.isVisible():
            width -= max(bar.sizeHint().width(), 0)
        return float(width - 2 * (self.side_margin() + DOCUMENT_MARGIN))

    def _natural_image_width(self, src: str) -> float:
        if self._images_dir is None or not src.startswith(IMAGE_SCHEME):
            return 0.0
        return float(QImageReader(str(self._images_dir / src[len(IMAGE_SCHEME) :])).size().width())

    def _tables_change(self) -> bool:
        """Whether the tables must be laid out anew for today's width: a table would
        switch between table and cards, or a table's column widths were set for another
        width (they are shares of it, and each column must still hold its widest word)."""
        html, css = self._shown
        if not self._cards or self._is_aside:
            return False
        return not self._table_fitter(css).still_fits(html, self._room, self._table_room())

    def shows_cards(self) -> list[bool]:
        """For each table of the page: whether it is shown as cards now."""
        return list(self._cards)

    def _fitting_image_width(self) -> int:
        width = self.viewport().width()
        if self._measure:
            width = min(width, self._measure)  # steady while the view's width wobbles
        return max(120, width - 60)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_header()
        if self._is_aside:
            return  # a stand-in: the page is built anew at the settled width
        # Images are scaled to the view when loaded: reload them once the width has
        # settled (a layout pass can resize the view several times in a row).
        # Only the page's own pictures are scaled to the text (the QR code never is).
        is_images = IMAGE_SCHEME in self._shown[0] and self._fitting_image_width() != self._image_width
        if is_images or self._tables_change():
            if self._anchor is None:
                self._anchor = self.top_position()
            self._reload.start()
        if self._anchor is not None:
            self._scroll_to(self._anchor)

    def _reload_images(self) -> None:
        """Lay the page out anew for the settled width: images rescaled, tables or cards."""
        is_images = IMAGE_SCHEME in self._shown[0] and self._fitting_image_width() != self._image_width
        if not is_images and not self._tables_change():
            return
        anchor = self._anchor
        self._shown_key = ()  # laid out anew, never the same document kept
        self.show_html(*self._shown, self._images_dir, self._frame_colour)
        if anchor is not None:
            self.keep_place(anchor)
        self.reloaded.emit()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin):
            self.release_place()
        return super().viewportEvent(event)

    def top_position(self) -> Place:
        """The place shown at the top of the view (to keep the reader's place): named by
        paragraph and table row, so it is found again when tables become cards."""
        if self._anchor is not None:
            return self._anchor  # still settling from the last change: that is the place
        if self.verticalScrollBar().value() < self.header_height():
            return START  # the header is in view: the reader is at the start
        # a point in the text column: beside a table, Qt answers with a place before it
        position = self.cursorForPosition(QPoint(self.side_margin() + DOCUMENT_MARGIN + 8, 4)).position()
        return place_at(self.document(), position, self._header_rows)

    def _header_rows(self, number: int) -> int:
        """How many header rows the page's table ``number`` has when shown as a table
        (its cards have none: each card is a body row)."""
        html, css = self._shown
        if "<table" not in html:
            return 0
        tables = self._table_fitter(css).tables(html)
        if number >= len(tables):
            return 0
        table = tables[number]
        return 1 if table.header_row and table.rows else 0

    def highlight(self, span: tuple[int, int] | None, background: str, foreground: str) -> None:
        """Mark the text being read aloud (or nothing) and keep it in view."""
        if span is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(background))
        text_format.setForeground(QColor(foreground))
        selection.format = text_format  # type: ignore[attr-defined]
        self.setExtraSelections([selection])
        top = self.cursorRect(QTextCursor(self.document().findBlock(span[0]))).top()
        end_cursor = QTextCursor(self.document())
        end_cursor.setPosition(span[1])
        bottom = self.cursorRect(end_cursor).bottom()
        viewport = self.viewport().height()
        if top < 0 or bottom > viewport:
            self._is_scrolling_self = True
            try:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + top - viewport // 4)
            finally:
                self._is_scrolling_self = False

    # -- reading units: what speech mode speaks and outlines one at a time ------------
    def unit_of(self, block: QTextBlock) -> tuple[int, str, QRect]:
        """The reading unit a text block belongs to: a paragraph or list item is its own
        block; a table cell belongs to its row, read with its column's header as the
        row's card shows it ("Dzień: Poniedziałek · Urząd: 8–17"); a card is its lines.
        Returns (the unit's first block number, its text, its rect in the viewport)."""
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        if table is None:
            # A picture in the text is U+FFFC: not a word (its description is read with
            # the page; an image alone on its line is no item).
            words = block.text().replace("\ufffc", " ").split()
            return block.blockNumber(), " ".join(words), self._block_rect(block)
        cell = table.cellAt(cursor)
        if is_cards(table):
            first, lines, rect = self._cell_text(cell)
            return first, CARD_SEPARATOR.join(line for line in lines if line), rect
        row = cell.row()
        cells: list[tuple[str, int]] = []
        rect = QRect()
        first = block.blockNumber()
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if cell.row() != row or cell.column() != column:
                continue  # spanned from a cell before it
            cell_first, lines, cell_rect = self._cell_text(cell)
            if not cells:
                first = cell_first
            rect = rect.united(cell_rect)
            cells.append((" ".join(" ".join(lines).split()), cell.columnSpan()))
        headers = self._headers(table) if row >= table.format().headerRowCount() else []
        parts = [f"{label}: {cells[i][0]}" if label else cells[i][0] for i, label in fields(headers, cells)]
        return first, CARD_SEPARATOR.join(parts), rect

    def _cell_text(self, cell: QTextTableCell) -> tuple[int, list[str], QRect]:
        """A cell's first block number, the text of each of its blocks, and its rect."""
        cell_block = cell.firstCursorPosition().block()
        last = cell.lastCursorPosition().block()
        first = cell_block.blockNumber()
        lines: list[str] = []
        rect = QRect()
        while cell_block.isValid():
            lines.append(" ".join(cell_block.text().replace(SOFT_HYPHEN, "").split()))
            rect = rect.united(self._block_rect(cell_block))
            if cell_block == last:
                break
            cell_block = cell_block.next()
        return first, lines, rect

    def _headers(self, table: QTextTable) -> list[str]:
        """The column headers of a table with a header row, one per column."""
        if table.format().headerRowCount() < 1:
            return []
        headers: list[str] = []
        for column in range(table.columns()):
            _first, lines, _rect = self._cell_text(table.cellAt(0, column))
            headers.append(" ".join(" ".join(lines).split()))
        return headers

    def _block_rect(self, block: QTextBlock) -> QRect:
        bounds = self.document().documentLayout().blockBoundingRect(block)
        offset = self.verticalScrollBar().value()
        top = int(bounds.top()) - offset
        return QRect(int(bounds.left()), top, int(bounds.width()), int(bounds.height()))

    def scroll_to_text(self, text: str) -> bool:
        """Scroll so that the first place showing ``text`` is at the top (previews)."""
        cursor = self.document().find(text)
        if cursor.isNull():
            return False
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - 8)
        return True

    def ensure_visible(self, rect: QRect) -> QRect:
        """Scroll so that ``rect`` (viewport coordinates) is in view; returns it moved."""
        viewport = self.viewport().height()
        if rect.top() >= 0 and rect.bottom() <= viewport:
            return rect
        bar = self.verticalScrollBar()
        before = bar.value()
        self._is_scrolling_self = True
        try:
            bar.setValue(bar.value() + rect.top() - viewport // 4)
        finally:
            self._is_scrolling_self = False
        return rect.translated(0, before - bar.value())

    def _no_sideways(self, _low: int, high: int) -> None:
        if high:
            self.horizontalScrollBar().setRange(0, 0)

    def keep_place(self, place: Place) -> None:
        """Keep ``place`` at the top while the layout settles (text size, width)."""
        self._anchor = place
        self._scroll_to(place)

    def release_place(self) -> None:
        """The visitor scrolls: stop holding the old place."""
        self._anchor = None

    def _on_scrolled(self, _value: int) -> None:
        if not self._is_scrolling_self:
            self.release_place()  # the visitor (or a scroll button) moved the page

    def _scroll_to(self, place: Place) -> None:
        self._is_scrolling_self = True
        try:
            self._scroll_to_now(place)
        finally:
            self._is_scrolling_self = False

    def _scroll_to_now(self, place: Place) -> None:
        position = 0 if place.is_start else position_of(self.document(), place, self._header_rows)
        if position <= 0:  # the start of the page: its header too
            self.verticalScrollBar().setValue(0)
            return
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 4)

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(PAGE_SCHEME):
            self.page_requested.emit(href[len(PAGE_SCHEME) :])
        elif href.startswith(ROOM_SCHEME):
            self.room_requested.emit(href[len(ROOM_SCHEME) :])
        else:  # the sanitiser leaves no other links; never open anything outside
            log.warning("ignored link %r", href)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt override
        # Only the kiosk's own images are ever loaded; anything else gets an empty image
        # (returning None from this override upsets PySide's reference counting).
        href = name.toString() if isinstance(name, QUrl) else name
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return QImage()
        if href == QR_RESOURCE and self.qr_url:
            key = (self.qr_url, self.qr_colours, self._frame_colour)
            image = self._qr_cache.pop(key, None)
            if image is None:  # (encoding and framing one takes ~10 ms: kept for a few pages)
                dark, light = self.qr_colours
                image = self._framed(qr_image(self.qr_url, QR_MODULE_PX, dark, light))
            self._qr_cache[key] = image
            while len(self._qr_cache) > QR_KEPT:
                del self._qr_cache[next(iter(self._qr_cache))]
            return image
        if not href.startswith(IMAGE_SCHEME):
            return QImage()
        return self._image(href[len(IMAGE_SCHEME) :])

    def _framed(self, image: QImage) -> QImage:
        """A frame in the theme's rule colour (≥ 3:1 against the page) around an image."""
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        pen = QPen(QColor(self._frame_colour))
        pen.setWidth(4)
        painter.setPen(pen)
        painter.drawRect(image.rect().adjusted(2, 2, -2, -2))
        painter.end()
        return image

    def _image(self, relative: str) -> QImage:
        if self._images_dir is None:
            return QImage()
        width = self._image_width
        key = (relative, width, self._frame_colour)
        if key in self._image_cache:
            return self._image_cache[key]
        if any(cached[1:] != key[1:] for cached in self._image_cache):
            # Only the pictures of the current width and frame colour are kept: every text
            # size, orientation and theme a day's visitors choose would otherwise keep its
            # own decoded copy of every picture (megabytes each) for good.
            self._image_cache.clear()
        path = (self._images_dir / relative).resolve()
        if self._images_dir.resolve() not in path.parents:
            return QImage()
        image = QImage(str(path))
        if image.isNull():
            log.warning("cannot load image %s", path)
            return image
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        image = self._framed(image)
        self._image_cache[key] = image
        return image
