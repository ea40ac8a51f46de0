"""The tables of a rendered page: their structure, whether they fit a width, and the
cards that take their place when they do not.

A table whose columns cannot each hold their widest word is not squeezed (the text
breaks inside words: "herb|aty"); it is shown as a list of cards, one per row, each
field on its own line with its column's header as a label ("Dzień: Poniedziałek"). The
same labels are what a listener hears (:func:`fields` is the one rule for the cards,
speech mode's items and the Listen reading).

This module is pure: widths come from a ``measure`` function the caller builds from
real fonts (:mod:`kiosk.table_fit`), so the same code decides for the screen and for
paper. The HTML is the sanitised output of :mod:`kiosk.content.markup`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Where a line may break: ordinary white space (not the no-break spaces) and <br>.
BREAKABLE_SPACE = re.compile(r"[ \t\n\r\f\u2028\u2029\u200b]+")
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# Tags that start a new line inside a cell (a word never runs across them).
_LINE_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"blockquote", "pre", "table", "tr", "td", "th"}
)
# Inline tags that can change the font of the text inside them.
_STYLE_TAGS = frozenset({"a", "b", "strong", "em", "i", "u", "code", "small", "sup", "sub", "span", "abbr"})
_VOID_TAGS = frozenset({"br", "hr", "img"})
_LINE_BREAK: tuple[str, tuple[str, ...]] = ("\n", ())

Style = tuple[str, ...]
"""The tags around a piece of text, outermost first (``"th"``/``"td"``, then inline tags
as ``tag`` or ``tag.class``): enough to find its font."""


@dataclass(frozen=True)
class Word:
    """An unbreakable piece of a cell: its parts in their styles, or an image."""

    parts: tuple[tuple[str, Style], ...] = ()
    image: str = ""


@dataclass
class Cell:
    html: str  # the cell's inner HTML
    text: str  # its text, white space collapsed
    span: int = 1
    is_header: bool = False
    tag: int = 0  # where its start tag ("<td") is in the page HTML
    # Its text as written, piece by piece in its style; a line break is ("\n", ()).
    runs: list[tuple[str, Style]] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # the src of each image in it

    def words(self) -> list[Word]:
        """Its unbreakable pieces: words (a word can change style inside) and images."""
        found: list[Word] = []
        current: list[tuple[str, Style]] = []
        for text, style in self.runs:
            for number, piece in enumerate(BREAKABLE_SPACE.split(text)):
                if number and current:
                    found.append(Word(tuple(current)))
                    current = []
                if piece:
                    current.append((piece, style))
        if current:
            found.append(Word(tuple(current)))
        found.extend(Word(image=src) for src in self.images)
        return found


@dataclass
class Table:
    start: int  # the table's place in the page HTML: html[start:end]
    end: int
    headers: list[str] = field(default_factory=list)  # one per column (colspan repeated)
    rows: list[list[Cell]] = field(default_factory=list)  # the body rows
    header_row: list[Cell] = field(default_factory=list)

    @property
    def columns(self) -> int:
        every = [self.header_row, *self.rows]
        return max((sum(c.span for c in row) for row in every if row), default=0)


def fields(headers: Sequence[str], cells: Sequence[tuple[str, int]]) -> list[tuple[int, str]]:
    """The fields a table row is shown and read as: ``(index of the cell, label)`` for
    every cell with text, in order. ``cells`` are (text, colspan); the label is the
    header of the cell's column, or "" where the column has none or the cell repeats it.

    The one rule for the cards, speech mode's items and the Listen reading, so that a
    row reads the same whether it is shown as a table row or as a card."""
    out: list[tuple[int, str]] = []
    column = 0
    for index, (text, span) in enumerate(cells):
        header = headers[column] if column < len(headers) else ""
        column += span
        if not text:
            continue
        out.append((index, header if header and header != text else ""))
    return out


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)|<")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        found.append((match.group(1).lower(), html_lib.unescape(value) if value is not None else None))
    return found


class _TableReader:
    """One top-level table's rows and cells (a table nested in a cell stays in its HTML).

    The HTML is the sanitiser's output, regular enough for a tokenizer: a 300-row table
    is read several times faster than with ``html.parser``, on the way to the screen."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0  # where the token being handled starts
        self.start_tag = ""
        self.depth = 0  # table nesting
        self.in_head = False
        self.rows: list[tuple[list[Cell], bool]] = []  # (cells, is in <thead>)
        self.row: list[Cell] | None = None
        self.cell: Cell | None = None
        self.cell_start = 0
        self.styles: list[str] = []
        self.text: list[str] = []

    def feed(self) -> None:
        for match in _TOKEN.finditer(self.source):
            self.at = match.start()
            data = match.group(4)
            if data is not None:
                self.handle_data(html_lib.unescape(data) if "&" in data else data)
            elif match.group(2) is None:
                self.handle_data("<")
            elif match.group(1):
                self.handle_endtag(match.group(2).lower())
            else:
                self.start_tag = match.group(0)
                tag = match.group(2).lower()
                self.handle_starttag(tag, _attributes(match.group(3)))
                if match.group(3).rstrip().endswith("/") and tag not in _VOID_TAGS:
                    self.handle_endtag(tag)

    def position(self) -> int:
        return self.at

    def get_starttag_text(self) -> str:
        return self.start_tag

    # -- words ---------------------------------------------------------------------
    def end_word(self) -> None:
        if self.cell is not None:
            self.cell.runs.append(_LINE_BREAK)

    def add_text(self, data: str) -> None:
        if self.cell is None:
            return
        self.text.append(data)
        self.cell.runs.append((data, ("th" if self.cell.is_header else "td", *self.styles)))

    # -- tags ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self.depth += 1
        if self.depth > 1 and self.cell is not None:
            self.end_word()  # a nested table: each of its cells starts a word
            self.text.append(" ")
            return
        if self.cell is not None:
            if tag == "img":
                self.end_word()
                self.cell.images.append(attributes.get("src") or "")
                alt = attributes.get("alt") or ""
                self.text.append(f" {alt} ")
            elif tag in _LINE_TAGS:
                self.end_word()
                self.text.append(" ")
            if tag in _STYLE_TAGS:
                css_class = (attributes.get("class") or "").split()
                self.styles.append(f"{tag}.{css_class[0]}" if css_class else tag)
            return
        if tag == "thead":
            self.in_head = True
        elif tag in ("tbody", "tfoot"):
            self.in_head = False
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            span = attributes.get("colspan") or "1"
            self.cell = Cell("", "", max(1, min(int(span), 1000)) if span.isdigit() else 1, tag == "th")
            start_tag = self.get_starttag_text() or ""
            self.cell.tag = self.position()
            self.cell_start = self.cell.tag + len(start_tag)
            self.styles, self.text = [], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            return
        if self.depth > 1:
            return
        cell = self.cell
        if cell is not None and tag in ("td", "th"):
            self.end_word()
            cell.html = self.source[self.cell_start : self.position()]
            cell.text = _collapse("".join(self.text))
            if self.row is None:
                self.row = []
            self.row.append(cell)
            self.cell = None
            return
        if cell is not None:
            if tag in _LINE_TAGS:
                self.end_word()
                self.text.append(" ")
            if tag in _STYLE_TAGS and self.styles:
                self.styles.pop()
            return
        if tag == "thead":
            self.in_head = False
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.rows.append((self.row, self.in_head))
            self.row = None

    def handle_data(self, data: str) -> None:
        self.add_text(data)  # a nested table's words count as the cell's own


def _read_table(source: str, start: int, end: int) -> Table | None:
    reader = _TableReader(source[start:end])
    reader.feed()
    table = Table(start, end)
    for cells, _in_head in reader.rows:
        for cell in cells:
            cell.tag += start
    for cells, in_head in reader.rows:
        # The first row in <thead>, or made only of header cells, names the columns
        # (as the Listen reading has always done).
        if not table.headers and not table.header_row and (in_head or all(c.is_header for c in cells)):
            table.header_row = cells
            table.headers = [c.text for c in cells for _ in range(c.span)]
        else:
            table.rows.append(cells)
    if not table.rows and not table.header_row:
        return None  # no cells: Qt shows no table either
    return table


@lru_cache(maxsize=16)
def find_tables(source: str) -> tuple[Table, ...]:
    """The top-level tables of a page's HTML, in order (kept for the pages shown last:
    a page is shown again at each text size, theme and width; do not change them)."""
    if "<table" not in source:
        return ()
    tables: list[Table] = []
    depth = 0
    start = 0
    for match in _TABLE_TAG.finditer(source):
        if match.group(1):
            depth -= 1
            if depth == 0:
                table = _read_table(source, start, match.end())
                if table is not None:
                    tables.append(table)
            depth = max(depth, 0)
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    return tuple(tables)


# -- fitting ------------------------------------------------------------------------

Measure = Callable[[Word], float]


@dataclass(frozen=True)
class Box:
    """What a table costs besides its words, in the same pixels as the words."""

    cell_padding: float  # left + right padding of a cell
    border: float  # the table's border width (each cell pays two, the table four)
    safety: float = 2.0  # rounding in Qt's layout


CellMeasure = Callable[["Cell"], tuple[float, float]]
"""A cell's widest unbreakable piece and its width on one line."""


def measure_cell(cell: Cell, measure: Measure, space: float) -> tuple[float, float]:
    """A cell's widest word and its width on one line, word by word (``space``: the
    width of a space)."""
    widths = [measure(word) for word in cell.words()]
    return max(widths, default=0.0), sum(widths) + space * max(0, len(widths) - 1)


def column_needs(table: Table, measure: CellMeasure) -> tuple[list[float], list[float]]:
    """For each column, the width it needs so that no word in it is broken (its widest
    word; a cell spanning columns shares its widest word over them), and the width its
    longest cell takes on one line."""
    columns = table.columns
    needs = [0.0] * columns
    naturals = [0.0] * columns
    spanning: list[tuple[int, int, float]] = []
    for row in [table.header_row, *table.rows]:
        column = 0
        for cell in row:
            widest, natural = measure(cell)
            if cell.span == 1:
                needs[column] = max(needs[column], widest)
                naturals[column] = max(naturals[column], natural)
            else:
                spanning.append((column, min(columns, column + cell.span), widest))
            column += cell.span
    for first, last, widest in spanning:
        have = sum(needs[first:last])
        if widest > have and last > first:
            needs[last - 1] += widest - have
    return needs, [max(n, w) for n, w in zip(needs, naturals, strict=True)]


def table_width_needed(needs: Sequence[float], box: Box) -> float:
    """The narrowest width at which the table shows every word whole."""
    return sum(needs) + per_column(box) * len(needs) + 4 * box.border + box.safety


def per_column(box: Box) -> float:
    """What a column costs besides its words: its padding, its borders, a margin."""
    return box.cell_padding + 2 * box.border + box.safety


def column_shares(needs: Sequence[float], naturals: Sequence[float], box: Box, room: float) -> list[float]:
    """Each column's share of a table ``room`` wide, in percent, such that every column
    holds its widest word. Qt's own table layout does not promise that (it can give a
    column less than its longest word and break it), so the page says the widths.

    The room left over goes to the columns whose text would like to be wider, in
    proportion to how much wider (as a browser's automatic table layout does)."""
    if not needs or room <= 0:
        return []
    base = [need + per_column(box) for need in needs]
    left = room - sum(base) - 4 * box.border
    wants = [max(0.0, natural - need) for need, natural in zip(needs, naturals, strict=True)]
    wanted = sum(wants)
    if left > 0 and wanted > 0:
        given = min(left, wanted)
        base = [b + given * want / wanted for b, want in zip(base, wants, strict=True)]
        left -= given
    if left > 0:  # every column has all it wants: share the rest by width
        total = sum(base)
        base = [b + left * b / total for b in base]
    return [100 * b / room for b in base]


SOFT_HYPHEN = "\u00ad"


def _hyphenated(word: str) -> str:
    """``word`` with a soft hyphen between every two letters from the third to the third
    last: Qt breaks it where the line ends and shows a hyphen there."""
    if len(word) < 6:
        return word
    return word[:2] + "".join(SOFT_HYPHEN + char for char in word[2:-2]) + word[-2:]


def _value_html(cell: Cell, too_wide: Callable[[Cell], Collection[str]]) -> str:
    """A cell's HTML for its card; a word wider than the whole card (a 21-letter word at
    300 %) is hyphenated where the line ends instead of being cut without a sign."""
    value = cell.html.strip()
    for word in too_wide(cell):
        text = html_lib.escape(word, quote=False)
        if text in value:
            value = value.replace(text, _hyphenated(text), 1)
    return value


def cards_html(table: Table, too_wide: Callable[[Cell], Collection[str]] = lambda _cell: ()) -> str:
    """The table as a list of cards, one per row: each field on its own line, labelled
    with its column's header. A plain frame around the cards marks them as cards for
    the view (staff HTML can make no frame)."""
    cards: list[str] = []
    for row in table.rows or [table.header_row]:
        headers = table.headers if table.rows else []
        lines = []
        for index, label in fields(headers, [(c.text, c.span) for c in row]):
            value = _value_html(row[index], too_wide)
            if label:
                lines.append(f'<p class="card-line"><b>{html_lib.escape(label)}:</b> {value}</p>')
            else:
                lines.append(f'<p class="card-line">{value}</p>')
        if lines:
            cards.append(
                f'<table class="card" border="0" cellspacing="0" width="99%"><tr><td class="card">'
                f'{"".join(lines)}</td></tr></table>'
            )
    if not cards:
        return ""
    return f'<table style="-qt-table-type: frame" width="100%"><tr><td>{"".join(cards)}</td></tr></table>'


def with_cards(
    source: str,
    tables: Sequence[Table],
    as_cards: Sequence[bool],
    shares: Sequence[Sequence[float]] = (),
    too_wide: Callable[[Cell], Collection[str]] = lambda _cell: (),
) -> str:
    """``source`` with each table for which ``as_cards`` is true shown as cards, and each
    other table given the column ``shares`` (percent) computed for it, when given."""
    out: list[str] = []
    at = 0
    for number, (table, is_card) in enumerate(zip(tables, as_cards, strict=True)):
        if is_card:
            out.append(source[at : table.start])
            out.append(cards_html(table, too_wide))
            at = table.end
            continue
        widths = shares[number] if number < len(shares) else ()
        first = table.header_row or (table.rows[0] if table.rows else [])
        if not widths or any(cell.span != 1 for cell in first) or len(first) != len(widths):
            continue
        for cell, share in zip(first, widths, strict=True):
            tag_end = cell.tag + 3  # "<td" or "<th"
            out.append(source[at:tag_end])
            out.append(f' width="{share:.2f}%"')
            at = tag_end
    out.append(source[at:])
    return "".join(out)
