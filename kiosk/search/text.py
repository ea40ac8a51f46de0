"""Text handling shared by indexing and querying: words, folding, page text.

Index and query must cut and fold words in exactly the same way, or a visitor's
query would never meet the page it was written for; so both go through here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

# A word is a run of letters and digits; "_" and punctuation separate words.
WORD_RE = re.compile(r"[^\W_]+")

# Letters with a stroke or ligatures: Unicode decomposition leaves them alone, so
# "Łódź" would never meet "Lodz" without this table.
_NOT_DECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "ħ": "h",
        "ŧ": "t",
        "ƶ": "z",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)

_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|br|hr|"
    r"blockquote|pre)\b[^>]*>",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """Lower case without diacritics: "Zaświadczenie" → "zaswiadczenie", "Łódź" → "lodz"."""
    text = text.casefold()
    if text.isascii():
        return text
    text = text.translate(_NOT_DECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded but with their diacritics."""
    return WORD_RE.findall(text.casefold())


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of ``text``, offsets into ``text``."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), match.group()


def html_to_text(markup: str) -> str:
    """Plain text of sanitised page HTML, on one line, for indexing and snippets."""
    text = _BLOCK_TAG_RE.sub(" ", markup)
    text = _TAG_RE.sub("", text)
    return one_line(html.unescape(text))


def one_line(text: str) -> str:
    """``text`` with every run of white space (tabs, new lines) made one space."""
    return " ".join(text.split())
