"""Text handling shared by indexing and querying: words, folding, page text.

Index and query must cut and fold words in exactly the same way, or a visitor's
query would never meet the page it was written for; so both go through here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

# Apostrophes people type inside a word: ASCII ', the typographic ’ and ‘, and the
# modifier letter ʼ that Ukrainian spelling prefers ("сім’я", "об'єкт", "пʼятниця").
APOSTROPHES = "'’‘ʼ"
APOSTROPHE = "'"  # the one spelling words are analysed in (morphological dictionaries use it)
_OTHER_APOSTROPHES = tuple(mark for mark in APOSTROPHES if mark != APOSTROPHE)

# A word is a run of letters and digits, with apostrophes inside it ("сім'я" is one
# word, never "сім" and "я"); "_" and punctuation separate words.
WORD_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")

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
        "ґ": "г",  # Ukrainian; many keyboards and visitors write г for it
        **{mark: "" for mark in APOSTROPHES},  # "сім’я", "сім'я", "сімʼя" and "сімя" meet
    }
)

_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|br|hr|"
    r"blockquote|pre)\b[^>]*>",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """Lower case without diacritics nor apostrophes: "Zaświadczenie" → "zaswiadczenie",
    "Łódź" → "lodz", "Сім’я" → "сімя", "Їжак" → "іжак", "ґанок" → "ганок"."""
    text = text.casefold()
    if text.isascii():
        return text.replace(APOSTROPHE, "") if APOSTROPHE in text else text
    text = text.translate(_NOT_DECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded but with their diacritics (apostrophes as ')."""
    return WORD_RE.findall(same_apostrophe(text.casefold()))


def same_apostrophe(text: str) -> str:
    """``text`` with every kind of apostrophe written as ' (as analyzers expect)."""
    if text.isascii():
        return text
    for mark in _OTHER_APOSTROPHES:  # str.replace is C; str.translate is per character
        if mark in text:
            text = text.replace(mark, APOSTROPHE)
    return text


def is_word(word: str) -> bool:
    """Letters only, apostrophes inside allowed: worth giving to a stemmer."""
    return word.replace(APOSTROPHE, "").isalpha()


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
