"""Snippets: a short piece of page text around the words that matched, highlighted.

Matches are found again in the original text (FTS5 only ever saw folded keys), so
what is highlighted is exactly what the visitor reads, diacritics and all.
"""

from __future__ import annotations

import html
import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.search.text import APOSTROPHES, WORD_RE, word_spans

Span = tuple[int, int]
WordTest = Callable[[str], int]  # true (non-zero) for a word that matches

SNIPPET_WIDTH = 160  # characters; about two lines of the result list
_LEAD = 40  # characters shown before the first match
_SCANNED = 4_000  # a long page is searched for its snippet in its beginning only
_STRETCH = 500  # characters of text whose words are cut and tested at once
_WORD_OR_APOSTROPHES = re.compile(r"[\w" + APOSTROPHES + r"]*")  # the rest of a word
_GROUP = operator.methodcaller("group")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Highlighted:
    """Plain text with the character ranges ``[start, end)`` of matched words."""

    text: str
    spans: tuple[Span, ...] = ()

    @property
    def html(self) -> str:
        """The text HTML-escaped, each match in ``<b>…</b>``."""
        parts: list[str] = []
        last = 0
        for start, end in self.spans:
            parts.append(html.escape(self.text[last:start]))
            parts.append(f"<b>{html.escape(self.text[start:end])}</b>")
            last = end
        parts.append(html.escape(self.text[last:]))
        return "".join(parts)


def highlight(text: str, is_match: WordTest) -> Highlighted:
    """All of ``text`` with every matching word marked (for titles)."""
    spans = tuple((start, end) for start, end, word in word_spans(text) if is_match(word))
    return Highlighted(text, spans)


def snippet(text: str, is_match: WordTest, width: int = SNIPPET_WIDTH) -> Highlighted | None:
    """About ``width`` characters of ``text`` around its densest run of matches.

    None when no word of ``text`` matches.
    """
    matches = _matching_words(text, is_match, width)
    if not matches:
        return None
    best, best_count, j = 0, 0, 0
    for i, (start, _end) in enumerate(matches):  # a window sliding over the matches
        j = max(j, i)
        while j < len(matches) and matches[j][0] < start + width - _LEAD:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    first = matches[best][0]
    begin = min(_word_start(text, max(0, first - _LEAD)), first)
    end = _word_end(text, min(len(text), begin + width), minimum=matches[best][1])
    window = text[begin:end]
    body = window.strip()
    first_kept = begin + len(window) - len(window.lstrip())
    last_kept = first_kept + len(body)
    prefix = ELLIPSIS if begin > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - first_kept
    spans = tuple(
        (start + shift, finish + shift)
        for start, finish in matches
        if start >= first_kept and finish <= last_kept
    )
    return Highlighted(prefix + body + suffix, spans)


def _matching_words(text: str, is_match: WordTest, width: int) -> list[Span]:
    """The spans of the matching words that begin before the scan stops: at the end of
    the scanned beginning, or ``3 * width`` after the first match (the densest run is
    looked for near the first match only).

    Words are cut and tested a stretch at a time by C loops (``finditer``, ``map``,
    ``compress``) rather than one Python step per word; a stretch ends after a word,
    so every word is cut exactly as one pass over the whole text cuts it.
    """
    matches: list[Span] = []
    stop = min(_SCANNED, len(text))
    position = 0
    while position < stop:
        end = min(stop, position + _STRETCH)
        rest = _WORD_OR_APOSTROPHES.match(text, end)  # always matches (maybe nothing)
        end = rest.end() if rest else end
        found = list(WORD_RE.finditer(text, position, end))
        for match in itertools.compress(found, map(is_match, map(_GROUP, found))):
            start = match.start()
            if start >= stop:
                break
            if not matches:
                stop = min(stop, start + 3 * width)
            matches.append(match.span())
        position = end
    return matches


def lead(text: str, width: int = SNIPPET_WIDTH) -> Highlighted:
    """The beginning of ``text`` cut at a word, for a page matched only by its title."""
    if len(text) <= width:
        return Highlighted(text)
    end = _word_end(text, width, minimum=0)
    return Highlighted(text[:end].rstrip() + ELLIPSIS)


def _word_start(text: str, position: int) -> int:
    """``position`` moved forward out of a word it falls in, to the next word's start."""
    if position == 0 or text[position - 1].isspace():
        return position
    space = text.find(" ", position)
    return position if space == -1 else space + 1


def _word_end(text: str, position: int, minimum: int) -> int:
    """``position`` moved back to the end of a word, but never before ``minimum``."""
    if position >= len(text) or text[position].isspace():
        return position
    space = text.rfind(" ", minimum, position)
    return position if space == -1 else space
