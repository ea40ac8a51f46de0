"""Tables that fit: a page's tables measured with the fonts Qt will draw them in, and
each one that cannot show every word whole at the given width turned into cards.

The decision needs the real width and the real fonts, so it is made where the page is
laid out — the page view (at the viewport's width, again whenever the text size,
theme or width changes) and printing (at the paper's width) — not in the Markdown
renderer, whose HTML is cached once per page. Qt's rich text has neither media queries
nor ``display: none``, so the HTML cannot carry both forms and let Qt choose.

Fonts are not guessed from the style sheet: a tiny probe document with the same style
sheet says which font each kind of text (a header cell, a link in a cell, code…) gets,
and the cell padding and border the table gets.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument, QTextFrame, QTextTable

from kiosk.content.tables import (
    BREAKABLE_SPACE,
    Box,
    Cell,
    Style,
    Table,
    Word,
    cards_html,
    column_needs,
    column_shares,
    find_tables,
    measure_cell,
    per_column,
    table_width_needed,
    with_cards,
)

PROBE = "W"
_CACHED_PAGES = 8
_CACHED_CELLS = 20_000


def _probe_html(style: Style, table_tag: str) -> str:
    cell, *inline = style or ("td",)
    opening: list[str] = []
    closing: list[str] = []
    for item in inline:
        tag, _dot, css_class = item.partition(".")
        attributes = ' href="page:x"' if tag == "a" else ""
        if css_class:
            attributes += f' class="{css_class}"'
        opening.append(f"<{tag}{attributes}>")
        closing.insert(0, f"</{tag}>")
    text = f"{''.join(opening)}{PROBE}{''.join(closing)}"
    return f"<body>{table_tag}<tr><{cell}>{text}</{cell}></tr></table></body>"


class TableFitter:
    """Decides table or cards for one style sheet and default font (one per text size
    and theme); keeps what it measured, so showing a page again costs next to nothing."""

    def __init__(
        self,
        css: str,
        font: QFont,
        table_tag: str,
        table_share: float,
        image_width: Callable[[str], float] = lambda _src: 0.0,
    ) -> None:
        self._css = css
        self._font = font
        self._table_tag = table_tag  # how the page's <table> is written when shown
        self._share = table_share  # the table's width as a share of the text width
        self._image_width = image_width
        self._fonts: dict[Style, QFontMetricsF] = {}
        self._words: dict[Word, float] = {}
        self._pages: OrderedDict[str, _Page] = OrderedDict()
        self._text_widths: dict[Style, dict[str, float]] = {}
        self._cells: dict[int, tuple[Cell, tuple[float, float]]] = {}  # by id(): cell, widths
        self.box, self._card_frame = self._measure_box()
        self._space = self._metrics(("td",)).horizontalAdvance(" ")

    def _document(self, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self._font)
        document.setDefaultStyleSheet(self._css)
        document.setHtml(html)
        return document

    def _measure_box(self) -> tuple[Box, float]:
        """The table's padding and border, and what a card's frame takes of the width."""
        document = self._document(_probe_html(("td",), self._table_tag))
        table = _first_table(document)
        if table is None:  # cannot happen with a table in the probe; be safe
            return Box(cell_padding=0.0, border=1.0, safety=8.0), 0.0
        cell = table.cellAt(0, 0).format().toTableCellFormat()
        box = Box(cell_padding=cell.leftPadding() + cell.rightPadding(), border=table.format().border())
        document = self._document(cards_html(Table(0, 0, rows=[[Cell(PROBE, PROBE)]])))
        card = next(
            (t for t in _all_tables(document) if t.format().border() == 0 and t.rows() == 1), None
        )
        if card is None:
            return box, 0.0
        card_cell = card.cellAt(0, 0).format().toTableCellFormat()
        frame = (
            card_cell.leftPadding()
            + card_cell.rightPadding()
            + card_cell.leftBorder()
            + card_cell.rightBorder()
            + 2 * box.safety
        )
        return box, frame
    def _metrics(self, style: Style) -> QFontMetricsF:
        metrics = self._fonts.get(style)
        if metrics is None:
            document = self._document(_probe_html(style, self._table_tag))
            font = self._font
            block = document.begin()
            while block.isValid():
                iterator = block.begin()
                while not iterator.atEnd():
                    fragment = iterator.fragment()
                    if fragment.isValid() and fragment.text() == PROBE:
                        font = fragment.charFormat().font()
                    iterator += 1
                block = block.next()
            metrics = self._fonts[style] = QFontMetricsF(font)
        return metrics

    def measure(self, word: Word) -> float:
        width = self._words.get(word)
        if width is None:
            if word.image:
                width = self._image_width(word.image)
            else:
                width = sum(self._metrics(style).horizontalAdvance(text) for text, style in word.parts)
            self._words[word] = width
        return width

    def measure_cell(self, cell: Cell) -> tuple[float, float]:
        """A cell's widest word and its width on one line. Most cells are in one style:
        their words are measured as strings, each distinct word once."""
        found = self._cells.get(id(cell))
        if found is not None and found[0] is cell:
            return found[1]
        widths = self._measure_cell(cell)
        if len(self._cells) > _CACHED_CELLS:
            self._cells.clear()
        self._cells[id(cell)] = (cell, widths)
        return widths

    def _measure_cell(self, cell: Cell) -> tuple[float, float]:
        styles = {style for _text, style in cell.runs if style}
        if len(styles) > 1 or cell.images:
            return measure_cell(cell, self.measure, self._space)
        style = styles.pop() if styles else ("td",)
        widths = self._text_widths.get(style)
        if widths is None:
            widths = self._text_widths[style] = {}
        metrics = self._metrics(style)
        widest = total = 0.0
        count = 0
        for word in BREAKABLE_SPACE.split("".join(text for text, _style in cell.runs)):
            if not word:
                continue
            width = widths.get(word)
            if width is None:
                width = widths[word] = metrics.horizontalAdvance(word)
            widest = max(widest, width)
            total += width
            count += 1
        return widest, total + self._space * max(0, count - 1)

    def _tables(self, html: str) -> _Page:
        page = self._pages.get(html)
        if page is None:
            tables = find_tables(html)
            columns = [column_needs(table, self.measure_cell) for table in tables]
            widths = [table_width_needed(needs, self.box) for needs, _naturals in columns]
            page = self._pages[html] = _Page(tables, columns, widths)
            if len(self._pages) > _CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(html)
        return page

    def tables(self, html: str) -> tuple[Table, ...]:
        """The top-level tables of ``html`` as read (kept for the pages shown last)."""
        return self._tables(html).tables

    def decide(self, html: str, text_width: float) -> list[bool]:
        """For each table of ``html``: whether it is shown as cards at ``text_width``."""
        room = text_width * self._share
        return [width > room for width in self._tables(html).widths]

    def fit(self, html: str, text_width: float) -> str:
        """``html`` with every table that does not fit ``text_width`` as cards, and the
        column widths of the others set so that none of their words is broken."""
        page = self._tables(html)
        room = text_width * self._share
        as_cards = [width > room for width in page.widths]
        shares = [
            [] if is_card else column_shares(needs, naturals, self.box, room)
            for is_card, (needs, naturals) in zip(as_cards, page.columns, strict=True)
        ]
        card_room = room - self._card_frame
        return with_cards(html, page.tables, as_cards, shares, lambda cell: self._too_wide(cell, card_room))

    def _too_wide(self, cell: Cell, card_room: float) -> list[str]:
        """The words of ``cell`` wider than a whole card (hyphenated where the line ends)."""
        if self.measure_cell(cell)[0] <= card_room:
            return []
        wide = [word for word in cell.words() if not word.image and self.measure(word) > card_room]
        return ["".join(text for text, _style in word.parts) for word in wide]

    def _broken_words(self, html: str, text_width: float) -> list[list[str]]:
        """Per cell of each table shown as cards at ``text_width``: its hyphenated words."""
        page = self._tables(html)
        card_room = text_width * self._share - self._card_frame
        return [
            self._too_wide(cell, card_room)
            for table, is_card in zip(page.tables, self.decide(html, text_width), strict=True)
            if is_card
            for row in table.rows or [table.header_row]
            for cell in row
        ]

    def still_fits(self, html: str, fitted_width: float, text_width: float) -> bool:
        """Whether ``html`` fitted at ``fitted_width`` still shows every word whole at
        ``text_width``: no table switches between table and cards, and each kept table's
        column shares still give every column its widest word (a wider room only makes
        the columns wider; a narrower one may break a word)."""
        if self.decide(html, fitted_width) != self.decide(html, text_width):
            return False
        # Cards: a word is hyphenated only while it cannot fit a whole card at this width
        # (the first layout can come at a narrower width than the one the view settles at).
        if self._broken_words(html, fitted_width) != self._broken_words(html, text_width):
            return False
        page = self._tables(html)
        then, now = fitted_width * self._share, text_width * self._share
        for is_card, (needs, naturals) in zip(self.decide(html, fitted_width), page.columns, strict=True):
            if is_card or not needs:
                continue
            shares = column_shares(needs, naturals, self.box, then)
            cost = per_column(self.box)
            least = max(100 * (need + cost) / share for need, share in zip(needs, shares, strict=True))
            if now < least - 0.5:  # (rounding)
                return False
        return True


@dataclass(frozen=True)
class _Page:
    """What was measured of one page's tables."""

    tables: tuple[Table, ...]
    columns: list[tuple[list[float], list[float]]]  # per table: (needs, naturals) per column
    widths: list[float]  # per table: the narrowest width that breaks no word


def _all_tables(document: QTextDocument) -> list[QTextTable]:
    found: list[QTextTable] = []

    def walk(frame: QTextFrame) -> None:
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                found.append(child)
            walk(child)

    walk(document.rootFrame())
    return found


def _first_table(document: QTextDocument) -> QTextTable | None:
    return next(iter(_all_tables(document)), None)
