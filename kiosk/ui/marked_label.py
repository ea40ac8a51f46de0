"""A word-wrapped label of plain text with some words in bold (the words a search
matched), laid out once per width.

It draws exactly what a rich-text :class:`QLabel` draws for the same text with ``<b>``
around those words, at the same height for a width and the same minimum size. But a
rich-text QLabel parses HTML into a document for every new text and lays the document out
again for each size question (its height for a width lays it out at that width and then
back at the old one, its size hint tries several widths), and once more to paint: about
four layouts per row of the search results, on every keystroke that changes the row.
Here the text is shaped once (one :class:`QTextLayout` per text and font), broken into
lines once per width asked for (the sizes are kept), and the lines are drawn as they are.

It stays a QLabel (with the plain text as its text): the style sheet's ``QLabel[role=…]``
rules give it its font and colour, screen readers read its text, and speech mode treats
it as the label of its tile. Its size hint (which no row uses: rows are laid out by
height for width) is simpler than QLabel's; for right-to-left text its minimum width
may differ from QLabel's by a pixel. With a style sheet border or padding (the tiles'
labels have none) a rich-text QLabel's height for a width takes the room off the width
twice; this label takes it off once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget

Span = tuple[int, int]

# Rich text shows a run of white space as one space, except no-break spaces and
# paragraph separators (Qt's HTML parser); the plain text is collapsed the same way.
_WHITE_RUN = re.compile(r"[^\S\u00a0\u2029]+")
# Where that changes anything: white space at the start, white space other than a space,
# a space followed by more.
_COLLAPSED = re.compile(r"^[^\S\u00a0\u2029]|[^\S \u00a0\u2029]| [^\S\u00a0\u2029]")
_WIDTHS_KEPT = 8  # the width shown, the size hints' trial widths
# The blocks of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …, their
# presentation forms, the historic ones beyond U+10800) and the RTL marks and embeddings.
_RTL_CHARS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u200f\u202b\u202e\u2067\u061c]"
)
_NO_WRAP = 1 << 24  # "as wide as it likes": one line per paragraph
_RELAYOUT_EVENTS = (
    QEvent.Type.FontChange,
    QEvent.Type.StyleChange,
    QEvent.Type.LayoutDirectionChange,
    QEvent.Type.ApplicationLayoutDirectionChange,
)


def as_shown(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """``text`` with its white space collapsed as rich text shows it, and ``spans``
    moved to match."""
    if _COLLAPSED.search(text) is None:
        return text, tuple(span for span in spans if span[1] > span[0])
    pieces: list[str] = []
    new_index = [0] * (len(text) + 1)  # an index of text → the index in the result
    position = shown = 0
    for run in _WHITE_RUN.finditer(text):
        start, end = run.span()
        pieces.append(text[position:start])
        for i in range(position, start):
            new_index[i] = shown + i - position
        shown += start - position
        is_leading = shown == 0
        for i in range(start, end):
            new_index[i] = shown
        if not is_leading:
            pieces.append(" ")
            shown += 1
        position = end
    pieces.append(text[position:])
    for i in range(position, len(text) + 1):
        new_index[i] = shown + i - position
    result = "".join(pieces)
    moved = tuple((new_index[s], new_index[e]) for s, e in spans if new_index[e] > new_index[s])
    return result, moved


def _direction(text: str) -> Qt.LayoutDirection:
    """The paragraph's direction as a rich-text document finds it: its first strong
    character's, left to right when it has none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight


def _has_rtl(text: str) -> bool:
    """Whether ``text`` has a right-to-left character (or an RTL mark or embedding)."""
    return not text.isascii() and _RTL_CHARS.search(text) is not None


class MarkedLabel(QLabel):
    """Plain text, word-wrapped, ``spans`` of it in bold; see the module's note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._spans: tuple[Span, ...] = ()
        self._layout: QTextLayout | None = None
        self._lined_at = -1.0  # the width the layout's lines were broken at
        self._sizes: OrderedDict[float, tuple[float, float]] = OrderedDict()  # width → widest, height
        self._hints: tuple[QSize, QSize] | None = None
        self.layouts_made = 0  # for tests: how often its text was laid out (broken into lines)

    @property
    def spans(self) -> tuple[Span, ...]:
        """The bold ranges ``[start, end)`` of :meth:`text`."""
        return self._spans

    def set_marked_text(self, text: str, spans: tuple[Span, ...] = ()) -> None:
        """Show ``text`` (white space collapsed as in rich text) with ``spans`` in bold."""
        text, spans = as_shown(text, spans)
        if text == self.text() and spans == self._spans:
            return
        self._spans = spans
        self._forget()
        self.layouts_made = 0
        super().setText(text)
        # Screen readers heard a rich-text label's text as its document's plain text, with
        # no-break spaces as spaces; a plain label would give them the no-break spaces.
        self.setAccessibleName(text.replace("\u00a0", " ") if "\u00a0" in text else "")
        self.updateGeometry()
        self.update()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Plain text, nothing in bold."""
        self.set_marked_text(text)

    # -- layout ------------------------------------------------------------------
    def _forget(self) -> None:
        self._layout = None
        self._lined_at = -1.0
        self._sizes.clear()
        self._hints = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in _RELAYOUT_EVENTS:
            self._forget()
        super().changeEvent(event)

    def _text_layout(self) -> QTextLayout:
        """The text shaped in the label's font (once per text and font)."""
        if self._layout is None:
            layout = QTextLayout(self.text(), self.font(), self)
            direction = _direction(self.text())
            # Left-aligned as the paragraph reads: on the right for right-to-left text.
            is_rtl = direction == Qt.LayoutDirection.RightToLeft
            side = Qt.AlignmentFlag.AlignRight if is_rtl else Qt.AlignmentFlag.AlignLeft
            option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(direction)
            layout.setTextOption(option)
            if self._spans:
                bold = QTextCharFormat()
                bold.setFontWeight(QFont.Weight.Bold)
                ranges = []
                for start, end in self._spans:
                    marked = QTextLayout.FormatRange()
                    marked.start, marked.length, marked.format = start, end - start, bold
                    ranges.append(marked)
                layout.setFormats(ranges)
            layout.setCacheEnabled(True)
            self._layout = layout
        return self._layout

    def _line_up(self, width: float) -> QTextLayout:
        """The text broken into lines ``width`` wide, as a rich-text document breaks its
        one paragraph (the lines stay until another width is asked for)."""
        layout = self._text_layout()
        if self._lined_at == width:
            return layout
        self.layouts_made += 1
        layout.beginLayout()
        y = 0.0
        widest = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            widest = max(widest, line.naturalTextWidth())
        layout.endLayout()
        self._lined_at = width
        self._sizes[width] = (widest, y)
        while len(self._sizes) > _WIDTHS_KEPT:
            self._sizes.popitem(last=False)
        return layout

    def _measure(self, width: float) -> tuple[float, float]:
        """The widest line and the height of the text broken ``width`` wide."""
        known = self._sizes.get(width)
        if known is None:
            self._line_up(width)
            known = self._sizes[width]
        else:
            self._sizes.move_to_end(width)
        return known

    def _text_size(self, width: float) -> QSize:
        """The size of the text laid out ``width`` wide (rounded up, as QLabel rounds)."""
        widest, height = self._measure(width)
        return QSize(math.ceil(widest), math.ceil(height))

    def _longest_piece(self) -> int:
        """The width of the text's widest piece that cannot be broken (a word and what
        clings to it): as wide as a label can get without a word sticking out.

        Each piece is measured where it stands in the one-line layout rather than by
        breaking the text after every piece (a line per word); text with right-to-left
        characters, whose pieces need not stand side by side, is broken."""
        text = self.text()
        if _has_rtl(text):
            return self._text_size(0).width()
        layout = self._line_up(_NO_WRAP)
        if layout.lineCount() != 1:  # a line separator in it
            return self._text_size(0).width()
        x = cast(Callable[[int], tuple[float, int]], layout.lineAt(0).cursorToX)  # (x, position)
        finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
        widest = 0.0
        start = 0
        while (end := finder.toNextBoundary()) > start:
            stop = end
            while stop > start and text[stop - 1].isspace():  # spaces at a line's end take no room
                stop -= 1
            if stop > start:
                widest = max(widest, x(stop)[0] - x(start)[0])
            start = end
        return math.ceil(widest)

    def _extra(self) -> QSize:
        """The room around the text: frame (a style sheet's border) and margins (padding)."""
        inner, outer = self.contentsRect(), self.rect()
        return QSize(outer.width() - inner.width(), outer.height() - inner.height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        extra = self._extra()
        return self._text_size(max(width - extra.width(), 0)).height() + extra.height()

    def _size_hints(self) -> tuple[QSize, QSize]:
        if self._hints is None:
            extra = self._extra()
            # As wide as its one line, but not wider than 80 "x" (as QLabel): a list row
            # lays its label out by height for its width, so this costs one layout more at
            # most (QLabel tries up to four widths for a pleasing shape).
            one_line = self._text_size(_NO_WRAP)
            longest_word = self._longest_piece()  # (from the same one-line layout)
            width = min(one_line.width(), self.fontMetrics().horizontalAdvance("x") * 80)
            hint = (one_line if width == one_line.width() else self._text_size(width)) + extra
            # At least its longest word wide, at most one line high.
            least = QSize(longest_word, min(one_line.height(), hint.height() - extra.height()))
            self._hints = (hint, least + extra)
        return self._hints

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._size_hints()[0]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._size_hints()[1]

    # -- painting ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.drawFrame(painter)  # as QLabel: a frame or a style sheet's border, if any
        if not self.text():
            painter.end()
            return
        area = self.contentsRect()
        height = self._measure(area.width())[1]
        layout = self._line_up(area.width())
        # Placed as a rich-text QLabel places its document: centred vertically when the
        # label is taller than the text, at whole pixels.
        top = area.y() + max((area.height() - height) / 2, 0.0)
        place = QRectF(area.x(), top, area.width(), area.height()).toAlignedRect()
        # The colours QLabel gives its document: the label's own (the style sheet's
        # "color"), or when disabled the disabled text colour.
        palette = self.palette()
        if not self.isEnabled():
            colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        else:
            group = QPalette.ColorGroup.Active if self.isActiveWindow() else QPalette.ColorGroup.Inactive
            colour = palette.color(group, self.foregroundRole())
        painter.setPen(colour)
        painter.translate(place.topLeft())
        painter.setClipRect(QRectF(0, 0, place.width(), place.height()))
        layout.draw(painter, QPointF(0, 0))
        painter.end()


__all__ = ["MarkedLabel", "Span", "as_shown"]
