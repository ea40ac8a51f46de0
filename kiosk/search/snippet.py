"""Snippets: a short piece of page text around the words that matched, highlighted.

Matches are found again in the original text (FTS5 only ever saw folded keys), so
what is highlighted is exactly what the visitor reads, diacritics and all.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.search.text import WORD_RE, word_spans

Span = tuple[int, int]
WordTest = Callable[[str], bool]

SNIPPET_WIDTH = 160  # characters; about two lines of the result list
_LEAD = 40  # characters shown before the first match
_SCANNED = 4_000  # a long page is searched for its snippet in its beginning only
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
    matches: list[Span] = []
    stop = _SCANNED
    for found in WORD_RE.finditer(text):
        if found.start() >= stop:
            break
        if is_match(found.group()):
            if not matches:  # the densest run is looked for near the first match only
                stop = min(stop, found.start() + 3 * width)
            matches.append(found.span())
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
