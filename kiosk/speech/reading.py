"""A page as a listener hears it: utterances in reading order.

The title comes first, then the room line ("Where: room 3, ground floor") when the page
has one, then the body in document order: headings; paragraphs sentence by
sentence; lists item by item; tables row by row with each cell's column header; images
by their alt text (the visible caption that repeats the alt text is not read again).
Links are read by their text; the rendered HTML already writes outside addresses as text.
What is spoken goes through the language's reading rules and the staff's
``pronunciation.toml`` (:func:`kiosk.speech.rules.speakable`).

Each utterance carries ``anchors``: the text as the page view shows it, so the UI can find
and highlight it (``locate()`` does that in a ``QTextDocument``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from kiosk.content.tables import fields
from kiosk.i18n import translate
from kiosk.speech.rules import speakable

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from kiosk.content.content import Content
    from kiosk.content.model import PageVariant
    from kiosk.content.pronunciation import LexiconEntry

TITLE, ROOM, HEADING, TEXT, ITEM, ROW, IMAGE = "title", "room", "heading", "text", "item", "row", "image"

BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd", "hr"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "dl"})
CELL_TAGS = frozenset({"td", "th"})
VOID_TAGS = frozenset({"br", "hr", "img"})
ONLY_DASHES = re.compile(r"^[-–—‒―]+$")
WHITESPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2028\u2029]+")
# An outside link is rendered as "text (address)": the address is shown, not spoken.
ADDRESS_SUFFIX = re.compile(r"^(.*\S)(\s+\([^()]+\))\s*$", re.DOTALL)
UNSPOKEN, END_UNSPOKEN = "\ue000", "\ue001"
UNSPOKEN_PART = re.compile(f"{UNSPOKEN}[^{END_UNSPOKEN}]*{END_UNSPOKEN}")


@dataclass(frozen=True)
class Utterance:
    """One piece of speech: usually a sentence, a list item or a table row.

    ``text`` is what is spoken. ``anchors`` are the pieces of the page body it reads, as
    the page shows them (whitespace collapsed), in order: one sentence, or the cells of
    a row; empty for the title and the room line, which are not in the body. ``block``
    numbers the body's paragraphs, items, rows and images (-1 for the title and the room
    line), for paragraph navigation.
    """

    text: str
    kind: str = TEXT
    anchors: tuple[str, ...] = ()
    block: int = -1


# -- sentences ------------------------------------------------------------------------

TERMINATORS = ".!?…"
CLOSERS = "\"'”’»)]"
OPENERS = "\"'„“«(["

NEVER_FINAL = frozenset(
    """
    al art bł ds dot dr dz faks gen godz hab im inż ks lek m.in mec mgr np nr ok oprac os
    p.o par pkt pl płk pn pok por poz prof przyp pw red sp str sygn św tel tj tzn tzw ul
    ust wg woj zob
    approx ave cf dept e.g fig i.e incl jr mr mrs ms mt rd sr st vol vs
    """.split()
)
"""Abbreviations after which a sentence never ends (lower case, without the last dot).

Abbreviations that can end a sentence ("r." for rok, "itd.", "etc.") are not listed:
a capital letter after them starts a new sentence."""


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def _is_boundary(text: str, dot: int, nxt: int) -> bool:
    """Whether the terminator at ``dot`` ends a sentence that the text at ``nxt`` follows."""
    following = text[nxt:].lstrip(OPENERS)
    if not following:
        return False
    first = following[0]
    if text[dot] != ".":
        return first.isupper() or first.isdigit()
    word = _word_before(text, dot)
    if word.lower() in NEVER_FINAL:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():  # an initial: "J. Kowalski"
        return False
    if first.isupper():
        return True
    # "…jest zamknięty. 24 grudnia…": a plain word, then a number, starts a sentence;
    # "godz. 8:00", "tel. 46…", "2008 r. 16…" and "15. dnia" do not.
    return first.isdigit() and word.isalpha() and word.islower() and len(word) > 2


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences, keeping Polish abbreviations and dates whole."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] not in TERMINATORS:
            i += 1
            continue
        end = i + 1
        while end < n and text[end] in TERMINATORS:
            end += 1
        while end < n and text[end] in CLOSERS:
            end += 1
        if end < n and text[end] == " ":
            nxt = end + 1
            if _is_boundary(text, i, nxt):
                sentences.append(text[start:end].strip())
                start = nxt
        i = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# -- the page -------------------------------------------------------------------------


def _collapse(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def _shown(text: str) -> str:
    return text.replace(UNSPOKEN, "").replace(END_UNSPOKEN, "")


def _spoken(text: str) -> str:
    return UNSPOKEN_PART.sub("", text)


@dataclass
class _Cell:
    text: str
    is_header: bool
    span: int = 1


@dataclass
class _Table:
    headers: list[str] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)
    row: list[_Cell] | None = None
    in_head: bool = False
    cell: list[str] | None = None
    cell_is_header: bool = False
    cell_span: int = 1


class _Reader(HTMLParser):
    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.out: list[Utterance] = []
        self.block = 0
        self.buffer: list[str] = []
        self.kind = TEXT
        self.lists: list[list[int]] = []  # per open list: [is_ordered, next number]
        self.item_number: int | None = None
        self.tables: list[_Table] = []
        self.caption: str | None = None  # alt text just read, whose caption follows
        self.skip_depth = 0  # >0 inside the caption span being skipped
        self.spans: list[tuple[list[str], int] | None] = []  # address spans: (sink, start)

    # -- output --------------------------------------------------------------------
    def emit(self, parts: list[tuple[str, str]], kind: str) -> None:
        """``parts``: (spoken, anchor) pairs that form one utterance each."""
        for spoken, anchor in parts:
            if spoken:
                self.out.append(Utterance(spoken, kind, (anchor,) if anchor else (), self.block))
        if parts:
            self.block += 1

    def flush(self) -> None:
        text = _collapse("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        self.caption = None
        if self.kind == HEADING:
            self.emit([(_spoken(text), _shown(text))], HEADING)
            return
        sentences = split_sentences(text)
        parts = [(_spoken(s), _shown(s)) for s in sentences]
        if self.kind == ITEM and self.item_number is not None and parts:
            parts[0] = (f"{self.item_number}. {parts[0][0]}", parts[0][1])
        self.item_number = None
        self.emit(parts, ITEM if self.kind == ITEM else TEXT)

    def image(self, alt: str) -> None:
        alt = _collapse(alt)
        if not alt:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(f" {alt} ")
            return
        self.flush()
        sentences = split_sentences(alt)
        # Translators: spoken before the description of a picture when a page is read aloud.
        label = translate(self.lang, "Image")
        parts = [(f"{label}: {s}" if i == 0 else s, s) for i, s in enumerate(sentences)]
        self.emit(parts, IMAGE)
        self.caption = alt

    def row(self, table: _Table, cells: list[_Cell]) -> None:
        """A row as its card shows it: each field with its column's header as the label
        (:func:`kiosk.content.tables.fields`, the rule the cards and speech mode follow)."""
        spoken: list[str] = []
        anchors: list[str] = []
        for index, label in fields(table.headers, [(_shown(c.text), c.span) for c in cells]):
            cell = cells[index]
            anchors.append(_shown(cell.text))
            value = _spoken(cell.text)
            if ONLY_DASHES.match(value):
                # Translators: read aloud for a table cell that only holds a dash.
                value = translate(self.lang, "none")
            value = value.rstrip(".;, ")
            spoken.append(f"{_spoken(label)}: {value}" if label else value)
        if spoken:
            self.out.append(Utterance(". ".join(spoken) + ".", ROW, tuple(anchors), self.block))
            self.block += 1

    # -- parsing -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skip_depth:
            if tag not in VOID_TAGS:
                self.skip_depth += 1
            return
        if tag == "span" and "alt" in (attributes.get("class") or "").split() and self.caption:
            self.skip_depth = 1
            return
        if tag == "span":
            is_address = "address" in (attributes.get("class") or "").split()
            sink = self._sink()
            self.spans.append((sink, len(sink)) if is_address else None)
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            if tag == "img":
                self.image(attributes.get("alt") or "")
            elif tag in BLOCK_TAGS or tag in ("br", "table"):
                table.cell.append(" ")
            if tag != "table":
                return
        if tag == "img":
            self.image(attributes.get("alt") or "")
        elif tag == "br":
            self.buffer.append(" ")
        elif tag == "table":
            self.flush()
            self.tables.append(_Table())
        elif table is not None and tag in ("thead", "tbody", "tfoot", "tr") + tuple(CELL_TAGS):
            self._table_start(table, tag, attributes)
        elif tag in LIST_TAGS:
            self.flush()
            start = attributes.get("start") or "1"
            self.lists.append([tag == "ol", int(start) if start.isdigit() else 1])
        elif tag == "li":
            self.flush()
            self.kind = ITEM
            if self.lists and self.lists[-1][0]:
                self.item_number = self.lists[-1][1]
                self.lists[-1][1] += 1
        elif tag in BLOCK_TAGS:
            self.flush()
            self.kind = HEADING if tag in HEADING_TAGS else (ITEM if self.lists else TEXT)

    def _sink(self) -> list[str]:
        """Where text goes now: the open table cell, or the current block."""
        if self.tables and self.tables[-1].cell is not None:
            return self.tables[-1].cell
        return self.buffer

    def _end_address(self, sink: list[str], start: int) -> None:
        match = ADDRESS_SUFFIX.match("".join(sink[start:]))
        if match:
            sink[start:] = [match.group(1), UNSPOKEN, match.group(2), END_UNSPOKEN]

    def _table_start(self, table: _Table, tag: str, attributes: dict[str, str | None]) -> None:
        if tag == "thead":
            table.in_head = True
        elif tag in ("tbody", "tfoot"):
            table.in_head = False
        elif tag == "tr":
            table.row = []
        elif tag in CELL_TAGS:
            span = attributes.get("colspan") or "1"
            table.cell = []
            table.cell_is_header = tag == "th"
            table.cell_span = max(1, int(span)) if span.isdigit() else 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag not in VOID_TAGS:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.caption = None
            return
        if tag == "span" and self.spans:
            address = self.spans.pop()
            if address is not None:
                self._end_address(*address)
        table = self.tables[-1] if self.tables else None
        if table is not None:
            if tag in CELL_TAGS and table.cell is not None:
                cell = _Cell(_collapse("".join(table.cell)), table.cell_is_header, table.cell_span)
                table.cell = None
                if table.row is None:
                    table.row = []
                table.row.append(cell)
                return
            if table.cell is not None and tag != "table":
                return
            if tag == "tr" and table.row is not None:
                cells, table.row = table.row, None
                if not table.headers and (table.in_head or all(c.is_header for c in cells)):
                    table.headers = [c.text for c in cells for _ in range(c.span)]
                else:
                    table.rows.append(cells)
                return
            if tag == "table":
                self.tables.pop()
                if table.rows:
                    for cells in table.rows:
                        self.row(table, cells)
                elif table.headers:  # a table with only a header row: read it as a row
                    self.row(_Table(), [_Cell(h, True) for h in table.headers])
                return
            if tag in ("thead", "tbody", "tfoot"):
                return
        if tag in LIST_TAGS:
            self.flush()
            if self.lists:
                self.lists.pop()
            self.kind = ITEM if self.lists else TEXT
        elif tag == "li":
            self.flush()
            self.kind = ITEM if self.lists else TEXT
        elif tag in BLOCK_TAGS:
            self.flush()
            self.kind = ITEM if self.lists else TEXT

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
            return
        if self.caption and data.strip():
            self.caption = None  # text came between the image and its caption
        self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


def page_utterances(
    title: str,
    html: str,
    lang: str,
    *,
    room: str = "",
    screen_lang: str | None = None,
    lexicon: Sequence[LexiconEntry] = (),
) -> list[Utterance]:
    """What is read aloud for a page, in order: the title, the room line, then the body.

    ``html`` is the rendered page body (``Content.html(variant)``); ``lang`` is the
    language of the page variant: words such as "Image" are spoken in it, and the
    spoken text goes through ``speakable()`` with its rules and ``lexicon`` (the anchors
    keep the page's text). ``room`` is the page's room front matter, read after the
    title with the "Where:" label of the screen's language ``screen_lang`` (default
    ``lang``), as the screen shows it.
    """
    utterances: list[Utterance] = []
    title = _collapse(title)
    if title:
        utterances.append(Utterance(title, TITLE, (), -1))
    room = _collapse(room)
    if room:
        # The same words as the line under the title on the page screen.
        where = translate(screen_lang or lang, "Where: %(room)s") % {"room": room}
        utterances.append(Utterance(where, ROOM, (), -1))
    reader = _Reader(lang)
    reader.feed(html)
    reader.close()
    utterances.extend(reader.out)
    return [replace(u, text=speakable(u.text, lang, lexicon)) for u in utterances]


def spoken_text(content: Content, text: str, lang: str) -> str:
    """A text shown on screen as the engine should say it: the reading rules and the
    staff's pronunciations of ``lang``, as a page read aloud (``speakable``)."""
    return speakable(text, lang, content.pronunciation.lexicon(lang))


def variant_utterances(
    content: Content, variant: PageVariant, screen_lang: str | None = None
) -> list[Utterance]:
    """What Listen reads for a page variant: title, room line, body, with the staff lexicon.

    The one entry point for the page screen and ``kiosk speak``; ``screen_lang`` is the
    language the screen is shown in (the room label follows it).
    """
    return page_utterances(
        variant.title,
        content.html(variant),
        variant.lang,
        room=variant.room,
        screen_lang=screen_lang,
        lexicon=content.pronunciation.lexicon(variant.lang),
    )


# -- finding utterances in the page view --------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A text block's words with single spaces, and where each character came from."""

    position: int
    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, position: int, raw: str) -> _Block:
        chars: list[str] = []
        offsets: list[int] = []
        for offset, char in enumerate(raw):
            if char == "\u00ad":  # a soft hyphen (a long word in a card): not text
                continue
            if char.isspace():  # includes no-break space and Qt's line separator
                if not chars or chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            offsets.append(offset)
        return cls(position, "".join(chars), tuple(offsets))


def locate(document: QTextDocument, utterances: Sequence[Utterance]) -> list[tuple[int, int] | None]:
    """Where each utterance is in ``document``: (start, end) character positions.

    For a table row the range runs from its first to its last cell (a QTextCursor with
    that selection highlights the row's cells). ``None`` for the title and for anything
    not found. The search moves forward, so text that repeats is found in reading order;
    differences in spacing and line breaks are ignored.
    """
    blocks: list[_Block] = []
    block = document.begin()
    while block.isValid():
        blocks.append(_Block.of(block.position(), block.text()))
        block = block.next()
    found: list[tuple[int, int] | None] = []
    here = (0, 0)  # (block index, index in its text) where the search goes on
    for utterance in utterances:
        spans: list[tuple[int, int]] = []
        cursor = here
        for anchor in utterance.anchors:
            needle = _Block.of(0, anchor).text.strip()
            hit = _find(blocks, needle, *cursor) if needle else None
            if hit is None:
                spans = []
                break
            index, start = hit
            end = start + len(needle)
            found_in = blocks[index]
            spans.append(
                (
                    found_in.position + found_in.offsets[start],
                    found_in.position + found_in.offsets[end - 1] + 1,
                )
            )
            cursor = (index, end)
        if spans:
            found.append((spans[0][0], spans[-1][1]))
            here = cursor
        else:
            found.append(None)
    return found


def _find(blocks: list[_Block], needle: str, start_block: int, start: int) -> tuple[int, int] | None:
    for index in range(start_block, len(blocks)):
        position = blocks[index].text.find(needle, start if index == start_block else 0)
        if position >= 0:
            return index, position
    return None
