"""The reader's place on a page, named so that it survives the page being laid out anew.

A text size, theme or width change builds the page's document again, and a table may
become cards (or cards a table) on the way: every character position after that table
moves (a card repeats its column's headers). So the place is not kept as a position but
as what the reader looks at: the n-th paragraph (block) outside the tables and how far
into it, or the n-th table of the page and the row in it — a table's body row is the
same row as its card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFrame, QTextTable


@dataclass(frozen=True)
class Place:
    """Where the reader is: ``block`` is the ordinal of the text block outside the tables
    at (or last before) the place and ``offset`` the characters into it; in a table,
    ``table`` is its ordinal among the page's tables and ``row`` its body row (its card)."""

    block: int = 0
    offset: int = 0
    table: int = -1
    row: int = 0

    @property
    def is_start(self) -> bool:
        return self.block == 0 and self.offset == 0 and self.table < 0


START = Place()

HeaderRows = Callable[[int], int]  # the table's ordinal → its header rows when shown as a table


def _is_outside_tables(block: QTextBlock) -> bool:
    frame = QTextCursor(block).currentFrame()
    return frame is not None and frame.parentFrame() is None  # in the root frame itself


def _top_frame(document: QTextDocument, position: int) -> tuple[int, QTextFrame] | None:
    """The top-level frame (a table, or the frame around a table's cards) holding
    ``position``, with its ordinal; None outside them."""
    for number, frame in enumerate(document.rootFrame().childFrames()):
        if frame.firstPosition() <= position <= frame.lastPosition():
            return number, frame
    return None


def place_at(document: QTextDocument, position: int, header_rows: HeaderRows) -> Place:
    """The place of ``position`` in ``document``."""
    found = _top_frame(document, position)
    limit = found[1].firstPosition() if found is not None else position
    ordinal = -1
    last = document.begin()
    block = document.begin()
    while block.isValid() and block.position() <= limit:
        if _is_outside_tables(block) and (found is None or block.position() < limit):
            ordinal += 1
            last = block
        block = block.next()
    if found is None:
        return Place(max(ordinal, 0), max(0, position - last.position()))
    number, frame = found
    if isinstance(frame, QTextTable):
        row = frame.cellAt(position).row() - header_rows(number)
    else:
        cards = frame.childFrames()
        row = next((n for n, card in enumerate(cards) if position <= card.lastPosition()), 0)
    # the block before the table (its place if the tables were not found again)
    return Place(max(ordinal, 0), max(0, last.length() - 1), number, max(row, 0))


def position_of(document: QTextDocument, place: Place, header_rows: HeaderRows) -> int:
    """Where ``place`` is in ``document`` (a new layout of the same page)."""
    if place.table >= 0:
        frames = document.rootFrame().childFrames()
        if place.table < len(frames):
            frame = frames[place.table]
            if isinstance(frame, QTextTable):
                row = place.row + header_rows(place.table)
                if row < frame.rows():
                    return int(frame.cellAt(row, 0).firstPosition())
            else:
                cards = frame.childFrames()
                if place.row < len(cards):
                    return int(cards[place.row].firstPosition())
            return int(frame.firstPosition())
    ordinal = -1
    block = document.begin()
    while block.isValid():
        if _is_outside_tables(block):
            ordinal += 1
            if ordinal == place.block:
                return block.position() + min(place.offset, max(0, block.length() - 1))
        block = block.next()
    return max(0, document.characterCount() - 1)
