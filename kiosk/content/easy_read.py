"""The easy-to-read rules ``kiosk check`` holds an ETR text to (``<lang>.etr.md``).

Easy-to-read text (tekst łatwy do czytania, ETR; Inclusion Europe's "Information for
all", the Polish ETR standards) is written in short sentences, one thought each, in
short paragraphs and common words. Three of its rules can be counted, and a text that
breaks them gets a warning at the line where it happens:

- a sentence of more than :data:`MAX_SENTENCE_WORDS` words (15, the rules' own limit);
- a paragraph of more than :data:`MAX_PARAGRAPH_SENTENCES` sentences (5; a list item,
  a heading and a table row are paragraphs of their own);
- a word of more than :data:`MAX_WORD_LETTERS` letters. Polish endings make ordinary
  words long ("zameldowania" has 12 letters, "niepełnosprawnych" 17,
  "zagospodarowania" 16), so a limit of 12 letters, as English guides give, would flag
  words an easy Polish text cannot do without. Beyond 20 letters are only compounds and
  official forms ("termomodernizacyjnego", "niepełnosprawnościami": 21) that an easy
  text replaces ("osoby z niepełnosprawnością") or explains: of the 5,073 words of the
  sample's regular Polish pages, only that last one is longer than 20 letters, while 12
  are longer than 15. Letters are counted between hyphens and apostrophes
  ("biało-czerwony" is two words to read); addresses and numbers are not words.

Sentences are split as speech splits them (:func:`kiosk.speech.reading.split_sentences`:
"ul." and "np." do not end a sentence), so what is counted is what is read aloud.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.content.model import PageVariant
from kiosk.problems import Collector, shorten

MAX_SENTENCE_WORDS = 15
MAX_PARAGRAPH_SENTENCES = 5
MAX_WORD_LETTERS = 20

_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK_RE = re.compile(r"<[^>\s]+[:@][^>\s]*>")
_ADDRESS_RE = re.compile(r"\S*(?:https?://|www\.|@)\S*")
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_CODE_RE = re.compile(r"`[^`]*`")
_MARK_RE = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass
class _Paragraph:
    text: str = ""
    lines: list[tuple[int, int]] | None = None  # (offset in text, file line) of each line

    def add(self, text: str, line: int) -> None:
        if self.lines is None:
            self.lines = []
        if self.text:
            self.text += " "
        self.lines.append((len(self.text), line))
        self.text += text

    def line_at(self, offset: int) -> int:
        assert self.lines
        found = self.lines[0][1]
        for start, line in self.lines:
            if start > offset:
                break
            found = line
        return found


def plain_line(line: str) -> str:
    """A Markdown line as the words a visitor reads: no marks, links' texts only,
    no addresses or images."""
    text = _IMAGE_RE.sub(" ", line)
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(" ", text)
    text = _TAG_RE.sub(" ", text)
    text = _CODE_RE.sub(" ", text)
    text = _ADDRESS_RE.sub(" ", text)
    text = _MARK_RE.sub("", text)
    return " ".join(text.split())


def paragraphs(body: str, first_line: int) -> list[_Paragraph]:
    """The body's paragraphs with the file line of each of their lines."""
    found: list[_Paragraph] = []
    current = _Paragraph()
    is_code = False

    def close() -> None:
        nonlocal current
        if current.text:
            found.append(current)
        current = _Paragraph()

    for number, raw in enumerate(body.split("\n")):
        line = first_line + number
        if _FENCE_RE.match(raw):
            close()
            is_code = not is_code
            continue
        if is_code:
            continue
        text = _QUOTE_RE.sub("", raw)
        if not text.strip():
            close()
            continue
        if _TABLE_SEPARATOR_RE.match(text):
            continue
        is_table_row = text.lstrip().startswith("|")
        heading = _HEADING_RE.match(text)
        mark = heading or _LIST_ITEM_RE.match(text)
        if mark is not None or is_table_row:
            close()  # a heading, a list item and a table row start a paragraph
            text = text[mark.end() :] if mark is not None else text
        if is_table_row:
            for cell in text.strip().strip("|").split("|"):
                plain = plain_line(cell)
                if plain:  # each cell is read on its own
                    current.add(plain, line)
                    close()
            continue
        plain = plain_line(text)
        if plain:
            current.add(plain, line)
        if heading:
            close()
    close()
    return found


def check_easy_read(variant: PageVariant, collector: Collector) -> None:
    """A warning, with its line, for each place ``variant``'s text breaks a rule above."""
    from kiosk.speech.reading import split_sentences

    path = variant.path
    for paragraph in paragraphs(variant.body, variant.body_line):
        sentences = split_sentences(paragraph.text)
        if len(sentences) > MAX_PARAGRAPH_SENTENCES:
            collector.warning(
                path,
                paragraph.line_at(0),
                f"easy-to-read: a paragraph of {len(sentences)} sentences (at most "
                f"{MAX_PARAGRAPH_SENTENCES}): split it or make a list",
            )
        position = 0
        for sentence in sentences:
            start = paragraph.text.find(sentence[:12], position)
            position = max(position, start)
            line = paragraph.line_at(max(start, 0))
            count = sum(1 for token in sentence.split() if any(c.isalnum() for c in token))
            if count > MAX_SENTENCE_WORDS:
                collector.warning(
                    path,
                    line,
                    f"easy-to-read: a sentence of {count} words (at most {MAX_SENTENCE_WORDS}): "
                    f"'{shorten(sentence, 50)}'",
                )
            for word in _LETTERS_RE.findall(sentence):
                if len(word) > MAX_WORD_LETTERS:
                    collector.warning(
                        path,
                        line,
                        f"easy-to-read: the word '{shorten(word, 40)}' has {len(word)} letters "
                        f"(more than {MAX_WORD_LETTERS}): use a shorter word or explain it",
                    )
